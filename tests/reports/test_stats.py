"""Programme statistics come from the ledger, net of reversed transactions."""

from fastapi import FastAPI

from tests.network import Network
from tests.reports.support import min_cell


async def test_stats_count_people_credits_and_organisations_net_of_reversals(
    net: Network, app: FastAPI
) -> None:
    asha = await net.member()
    ben = await net.member(display_name="Ben T.")
    assert (await net.earn(asha["id"], 3)).status_code == 201
    r = await net.client.post(  # another partner finds Ben by the card he shows
        "/v1/earnings",
        headers=net.other.headers,
        json={"card_number": ben["card_number"], "hours": "1.5"},
    )
    assert r.status_code == 201, r.text
    mistake = (await net.earn(ben["id"], 5)).json()
    r = await net.client.post(
        f"/v1/transactions/{mistake['id']}/reversal", headers=net.partner.headers, json={}
    )
    assert r.status_code == 201, r.text
    r = await net.client.post(
        "/v1/spends",
        headers=net.partner.headers,
        json={"member_id": asha["id"], "organisation_id": net.venue.id, "credits": 2},
    )
    assert r.status_code == 201, r.text
    r = await net.client.post(
        "/v1/gifts",
        headers=net.partner.headers,
        json={"from_member_id": asha["id"], "to_member_id": ben["id"], "credits": "0.5"},
    )
    assert r.status_code == 201, r.text

    with min_cell(app, 1):
        r = await net.client.get(
            f"/v1/programmes/{net.programme_id}/stats", headers=net.partner.headers
        )
    assert r.status_code == 200, r.text
    stats = r.json()
    assert stats["people_earned"] == 2
    assert stats["people_spent"] == 1 and stats["people_gifted"] == 1
    assert stats["credits_earned"] == "4.50"
    assert stats["hours_given"] == "4.50"
    assert stats["credits_spent"] == "2.00"
    assert stats["credits_gifted"] == "0.50"
    assert stats["active_members"] == 2
    assert stats["organisations_earning"] == 2
    assert stats["organisations_spending"] == 1
    assert stats["suppressed"] == []
    assert len(stats["monthly"]) == 1
    assert stats["monthly"][0]["credits_earned"] == "4.50"
    assert stats["monthly"][0]["people_earned"] == 2


async def test_stats_for_a_period_before_any_activity_are_zero(net: Network) -> None:
    asha = await net.member()
    assert (await net.earn(asha["id"], 3)).status_code == 201
    r = await net.client.get(
        f"/v1/programmes/{net.programme_id}/stats?from=2016-01-01&to=2016-12-31",
        headers=net.partner.headers,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["credits_earned"] == "0.00" and body["people_earned"] == 0
    assert body["monthly"] == [] and body["suppressed"] == []


async def test_stats_reject_a_period_that_ends_before_it_starts(net: Network) -> None:
    r = await net.client.get(
        f"/v1/programmes/{net.programme_id}/stats?from=2026-02-01&to=2026-01-01",
        headers=net.partner.headers,
    )
    assert r.status_code == 422 and r.json()["code"] == "validation_error"


async def test_stats_of_an_unknown_programme_are_404(net: Network) -> None:
    r = await net.client.get("/v1/programmes/prg_nope/stats", headers=net.partner.headers)
    assert r.status_code == 404
