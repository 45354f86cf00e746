"""Referral statistics per programme and per prescriber, and their small-number suppression."""

from typing import Any

import asyncpg
import pytest

from tests.api.support import assert_problem
from tests.network import Network
from tests.referrals.support import moved, prescriber, send

FIGURES = ("referrals", "acceptance_rate", "median_days_to_first_attended", "share_earning")


async def attended(net: Network, days_to_attend: int) -> dict[str, Any]:
    """A referral accepted and attended, sent `days_to_attend` days before it was attended
    (sent_at moved back: the API stamps now())."""
    sent = await send(net)
    await moved(net, net.partner, sent["id"], "accept")
    out = await moved(net, net.partner, sent["id"], "attended")
    await net.pool.execute(
        "UPDATE referrals SET sent_at = sent_at - make_interval(days => $2) WHERE id = $1",
        sent["id"],
        days_to_attend,
    )
    return out


async def stats(net: Network, path: str | None = None, **params: str) -> dict[str, Any]:
    gp = await prescriber(net)
    path = path or f"/v1/programmes/{net.programme_id}/referral-stats"
    org = net.partner if "programmes" in path else gp
    r = await net.client.get(path, headers=org.headers, params=params)
    assert r.status_code == 200, r.text
    return r.json()


async def test_the_figures_count_statuses_rates_days_and_earners(net: Network) -> None:
    # Ten attended, 1 to 10 days after being sent; two declined; one still waiting.
    referrals = [await attended(net, days) for days in range(1, 11)]
    for _ in range(2):
        sent = await send(net)
        await moved(net, net.partner, sent["id"], "decline", {"reason": "no_capacity"})
    await send(net)
    # Six went on to earn; a seventh's earning was reversed, so does not count.
    for r in referrals[:7]:
        earned = await net.earn(r["member_id"], 1, by=net.partner)
        assert earned.status_code == 201, earned.text
    r = await net.client.post(
        f"/v1/transactions/{earned.json()['id']}/reversal",
        headers=net.partner.headers,
        json={"reason": "wrong person"},
    )
    assert r.status_code == 201, r.text
    gp = await prescriber(net)

    body = await stats(net)
    assert body == {
        "programme_id": net.programme_id,
        "prescriber_id": None,
        "from": None,
        "to": None,
        "referrals": 13,
        "by_status": {
            "sent": None,
            "accepted": 0,
            "declined": None,
            "first_attended": 10,
            "closed": 0,
        },
        "acceptance_rate": 0.8333,
        "median_days_to_first_attended": 5.5,
        "share_earning": 0.6,
        "min_cell": 10,
        "suppressed": ["by_status.sent", "by_status.declined"],
    }
    assert await stats(net, "/v1/referrals/stats") == {
        **body,
        "programme_id": None,
        "prescriber_id": gp.id,
    }


@pytest.mark.parametrize("people", [9, 10])
async def test_figures_from_fewer_than_min_cell_people_are_suppressed(
    net: Network, people: int
) -> None:
    for _ in range(people):
        r = await attended(net, 3)
        earned = await net.earn(r["member_id"], 1, by=net.partner)
        assert earned.status_code == 201, earned.text
    body = await stats(net)
    figures = {k: body[k] for k in FIGURES}
    if people < 10:
        assert figures == dict.fromkeys(FIGURES)
        assert body["by_status"]["first_attended"] is None
        assert set(body["suppressed"]) == {*FIGURES, "by_status.first_attended"}
    else:
        assert figures == {
            "referrals": 10,
            "acceptance_rate": 1.0,
            "median_days_to_first_attended": 3.0,
            "share_earning": 1.0,
        }
        assert body["by_status"]["first_attended"] == 10
        assert body["suppressed"] == []
    # Nothing in the window is nothing, not a small group.
    empty = await stats(net, **{"from": "2001-01-01", "to": "2001-12-31"})
    assert empty["referrals"] == 0 and empty["suppressed"] == []
    assert empty["acceptance_rate"] is None and empty["by_status"]["sent"] == 0


async def test_the_window_is_the_day_sent(net: Network, pool: asyncpg.Pool) -> None:
    for _ in range(10):
        await send(net)
    await pool.execute("UPDATE referrals SET sent_at = '2026-03-15T12:00:00Z'")
    assert (await stats(net, **{"from": "2026-03-15", "to": "2026-03-15"}))["referrals"] == 10
    assert (await stats(net, **{"from": "2026-03-16"}))["referrals"] == 0
    assert (await stats(net, **{"to": "2026-03-14"}))["referrals"] == 0
    r = await net.client.get(
        f"/v1/programmes/{net.programme_id}/referral-stats",
        headers=net.partner.headers,
        params={"from": "2026-03-16", "to": "2026-03-15"},
    )
    assert_problem(r, 422, "validation_error")


async def test_who_reads_which_figures(net: Network) -> None:
    gp = await prescriber(net)
    await send(net)
    path = f"/v1/programmes/{net.programme_id}/referral-stats"
    for org in (net.partner, net.venue, gp, net.operator):
        r = await net.client.get(path, headers=org.headers)
        assert r.status_code == 200, r.text
    # An organisation of another programme gets the 404 an unknown programme gets.
    r = await net.client.post(
        "/v1/programmes",
        headers=net.operator.headers,
        json={
            "name": "Westminster Positive Ageing",
            "place": "Westminster",
            "focus": "Older people",
            "starts_on": "2016-01-01",
        },
    )
    assert r.status_code == 201, r.text
    r = await net.client.post(
        "/v1/organisations",
        headers=net.operator.headers,
        json={"name": "Elsewhere", "roles": ["earn_partner"], "programme_ids": [r.json()["id"]]},
    )
    stranger = {"Authorization": f"Bearer {r.json()['api_key']['secret']}"}
    assert_problem(await net.client.get(path, headers=stranger), 404, "not_found")
    # A prescriber's figures: its own; the operator names any; others may not.
    r = await net.client.get(
        "/v1/referrals/stats", headers=net.operator.headers, params={"prescriber_id": gp.id}
    )
    assert r.status_code == 200 and r.json()["prescriber_id"] == gp.id, r.text
    r = await net.client.get(
        "/v1/referrals/stats", headers=net.partner.headers, params={"prescriber_id": gp.id}
    )
    assert_problem(r, 403, "forbidden")
    r = await net.client.get(
        "/v1/referrals/stats", headers=net.operator.headers, params={"prescriber_id": "org_x"}
    )
    assert_problem(r, 404, "not_found")
