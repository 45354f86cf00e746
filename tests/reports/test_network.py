"""The network's figures: every programme together, the operator's alone."""

from fastapi import FastAPI

from tests.network import Network
from tests.reports.support import min_cell
from tests.reports.test_stats_access import _other_programme_org


async def test_network_stats_count_every_programme_and_a_person_once(
    net: Network, app: FastAPI
) -> None:
    asha = await net.member()
    assert (await net.earn(asha["id"], 3)).status_code == 201
    splott = await _other_programme_org(net)
    await net.allocate(splott, 100)
    # Asha earns in the other programme too (found by her card): one person, two programmes
    r = await net.client.post(
        "/v1/earnings",
        headers=splott.headers,
        json={"card_number": asha["card_number"], "hours": 2},
    )
    assert r.status_code == 201, r.text
    with min_cell(app, 1):
        r = await net.client.get("/v1/network/stats", headers=net.operator.headers)
        programme = await net.client.get(
            f"/v1/programmes/{net.programme_id}/stats", headers=net.operator.headers
        )
        csv = await net.client.get(
            "/v1/network/stats", headers={**net.operator.headers, "Accept": "text/csv"}
        )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["people_earned"] == 1 and body["active_members"] == 1
    assert body["credits_earned"] == "5.00" and body["organisations_earning"] == 2
    assert body["monthly"][0]["people_earned"] == 1
    assert programme.json()["credits_earned"] == "3.00"
    assert csv.status_code == 200 and csv.text.splitlines()[1].startswith("total,1,")


async def test_network_stats_are_suppressed_like_a_programmes(net: Network) -> None:
    asha = await net.member()
    assert (await net.earn(asha["id"], 3)).status_code == 201
    body = (await net.client.get("/v1/network/stats", headers=net.operator.headers)).json()
    assert body["people_earned"] is None and "credits_earned" in body["suppressed"]


async def test_only_the_operator_reads_the_networks_figures(net: Network) -> None:
    commissioner = await net.organisation("Haringey Council", ["commissioner"])
    for org in (net.partner, net.venue, commissioner):
        r = await net.client.get("/v1/network/stats", headers=org.headers)
        assert r.status_code == 403 and r.json()["code"] == "forbidden", r.text
