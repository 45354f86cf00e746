"""Who may take credits back (DESIGN §3): a reversal debits whoever received the original, so
the receiving side may always give back; the organisation that posted it may within the
correction window only; the operator may always. Both parties see the reversal and its
event."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from fastapi import FastAPI

from tests.ledger.support import assert_ledger_consistent, earn, gift, reverse, spend
from tests.network import Network


@pytest.fixture
def window(app: FastAPI) -> Iterator[object]:
    """Set the correction window (TIMECREDITS_REVERSAL_WINDOW_SECONDS) for one test."""
    original = app.state.env

    def set_to(seconds: float) -> None:
        app.state.env = replace(original, reversal_window=timedelta(seconds=seconds))

    yield set_to
    app.state.env = original


def _refused(r, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["code"] == code, body
    return body


async def _events(net: Network, org, type_: str) -> list[dict]:
    r = await net.client.get(f"/v1/events?type={type_}", headers=org.headers)
    assert r.status_code == 200, r.text
    return r.json()["data"]


async def test_a_gift_cannot_be_taken_back_from_another_partners_member_after_the_window(
    net: Network, window
) -> None:
    """The hostile partner of the issue: A gifts 3 credits from its member to B's member X,
    X spends them, B credits X for 3 hours; past the window, A's reversal of its gift is
    refused and X keeps B's credits."""
    a_member = await net.funded_member(5, home=net.partner)
    x = await net.member(net.other)
    r = await gift(net, a_member["id"], 3, to_member_id=x["id"], by=net.partner)
    assert r.status_code == 201, r.text
    the_gift = r.json()["id"]
    assert (await spend(net, x["id"], 3, by=net.other)).status_code == 201
    assert (await earn(net, x["id"], 3, by=net.other)).status_code == 201
    window(0)
    body = _refused(await reverse(net, the_gift, by=net.partner), 403, "reversal_window_passed")
    assert "ask the side that received it" in body["detail"]
    assert await net.balance(x["id"]) == 3
    await assert_ledger_consistent(net.pool)


async def test_the_poster_may_reverse_within_the_window(net: Network, window) -> None:
    a_member = await net.funded_member(5, home=net.partner)
    x = await net.member(net.other)
    the_gift = (await gift(net, a_member["id"], 3, to_member_id=x["id"])).json()["id"]
    window(3600)
    r = await reverse(net, the_gift, by=net.partner)
    assert r.status_code == 201, r.text
    assert await net.balance(x["id"]) == 0
    assert await net.balance(a_member["id"]) == 5


async def test_a_venue_refunds_a_spend_it_received_at_any_time(net: Network, window) -> None:
    asha = await net.funded_member(5)
    the_spend = (await spend(net, asha["id"], 2)).json()["id"]
    window(0)
    # The member's home organisation posted it, and is past the window: ask the venue.
    _refused(await reverse(net, the_spend, by=net.partner), 403, "reversal_window_passed")
    r = await reverse(net, the_spend, by=net.venue)
    assert r.status_code == 201, r.text
    assert r.json()["from"] == {"type": "organisation", "id": net.venue.id}
    assert r.json()["organisation_id"] == net.venue.id
    assert await net.balance(asha["id"]) == 5
    # Both parties see the reversal and its event.
    for org in (net.partner, net.venue):
        seen = await net.client.get(f"/v1/transactions/{r.json()['id']}", headers=org.headers)
        assert seen.status_code == 200, seen.text
        assert [e["data"]["id"] for e in await _events(net, org, "transaction.reversed")] == [
            r.json()["id"]
        ]


async def test_an_organisation_returns_a_gift_it_received(net: Network, window) -> None:
    asha = await net.funded_member(5)
    the_gift = (await gift(net, asha["id"], 2, to_organisation_id=net.other.id)).json()["id"]
    window(0)
    r = await reverse(net, the_gift, by=net.other)
    assert r.status_code == 201, r.text
    assert await net.balance(asha["id"]) == 5


async def test_the_home_organisation_returns_a_gift_to_its_member(net: Network, window) -> None:
    giver = await net.funded_member(5, home=net.partner)
    x = await net.member(net.other)
    the_gift = (await gift(net, giver["id"], 2, to_member_id=x["id"])).json()["id"]
    window(0)
    r = await reverse(net, the_gift, by=net.other)
    assert r.status_code == 201, r.text
    assert await net.balance(x["id"]) == 0
    assert await net.balance(giver["id"]) == 5


async def test_the_home_organisation_reverses_an_earning_another_partner_credited(
    net: Network, window
) -> None:
    asha = await net.member(net.partner)
    r = await net.client.post(
        "/v1/earnings",
        headers=net.other.headers,
        json={"card_number": asha["card_number"], "hours": 2},
    )
    earning = r.json()["id"]
    window(0)
    r = await reverse(net, earning, by=net.partner)
    assert r.status_code == 201, r.text
    assert await net.balance(asha["id"]) == 0
    # The partner that posted the earning sees the reversal that returned its credits.
    assert [
        e["data"]["reverses"] for e in await _events(net, net.other, "transaction.reversed")
    ] == [earning]


async def test_the_operator_may_always_reverse(net: Network, window) -> None:
    asha = await net.funded_member(5)
    the_spend = (await spend(net, asha["id"], 2)).json()["id"]
    window(0)
    r = await reverse(net, the_spend, by=net.operator)
    assert r.status_code == 201, r.text
    assert await net.balance(asha["id"]) == 5
