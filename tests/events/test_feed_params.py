"""The feed's parameters (DESIGN §4, §5): `?type=` (repeatable; an unknown type is a 422),
`?limit=` within 1..200 (default 50), `?after=` only a cursor the feed returned (anything
else a 422), and an event id that is not one the caller may see is a 404, whatever its form."""

import base64

import pytest

from app.services.events import event_id
from tests.api.support import assert_problem, error_fields
from tests.events.support import feed, page
from tests.ledger.support import earn, gift, reverse, spend
from tests.network import Network


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


async def _history(net: Network) -> None:
    """The partner's feed gets one event of each type (and its allocation's)."""
    asha = await net.member()
    r = await earn(net, asha["id"], 5)
    assert r.status_code == 201, r.text
    assert (await spend(net, asha["id"], 1)).status_code == 201
    assert (await gift(net, asha["id"], 1, to_organisation_id=net.venue.id)).status_code == 201
    assert (await reverse(net, r.json()["id"])).status_code == 409  # only 3.00 left
    r = await earn(net, asha["id"], 1)
    assert (await reverse(net, r.json()["id"])).status_code == 201


async def test_each_type_filter_gives_exactly_the_feeds_events_of_that_type(
    net: Network,
) -> None:
    await _history(net)
    everything, _ = await feed(net.client, net.partner)
    types = [e["type"] for e in everything]
    assert set(types) == {
        "allocation.created",
        "member.created",
        "earning.created",
        "spend.created",
        "gift.created",
        "transaction.reversed",
    }
    for type_ in set(types):
        only, _ = await feed(net.client, net.partner, type=type_)
        assert only == [e for e in everything if e["type"] == type_]
    two = ["spend.created", "earning.created"]
    both, _ = await feed(net.client, net.partner, type=two)
    assert both == [e for e in everything if e["type"] in two]
    # A type asked for twice is asked for once.
    twice, _ = await feed(net.client, net.partner, type=["gift.created", "gift.created"])
    assert twice == [e for e in everything if e["type"] == "gift.created"]


@pytest.mark.parametrize("types", [["earning.made"], ["earning.created", "nonsense"], [""]])
async def test_an_unknown_type_is_a_422(net: Network, types: list[str]) -> None:
    r = await net.client.get("/v1/events", headers=net.partner.headers, params={"type": types})
    body = assert_problem(r, 422, "validation_error")
    assert any("type" in f for f in error_fields(body)), body


async def test_pages_hold_at_most_limit_events_fifty_by_default_and_walk_the_whole_feed(
    net: Network,
) -> None:
    for n in range(26):
        m = await net.member(display_name=f"M{n}")
        assert (await earn(net, m["id"], 1)).status_code == 201
    everything, _ = await feed(net.client, net.partner)
    assert len(everything) == 53  # the allocation, 26 members, 26 earnings

    data, cursor, more = await page(net.client, net.partner)
    assert (len(data), more) == (50, True)
    rest, _, more = await page(net.client, net.partner, after=cursor)
    assert (data + rest, more) == (everything, False)

    for limit in (1, 7, 200):
        walked, _ = await feed(net.client, net.partner, limit=limit)
        assert walked == everything


@pytest.mark.parametrize("limit", ["0", "-1", "201", "1000000", "abc", "1.5"])
async def test_a_limit_outside_one_to_two_hundred_is_a_422(net: Network, limit: str) -> None:
    r = await net.client.get("/v1/events", headers=net.partner.headers, params={"limit": limit})
    body = assert_problem(r, 422, "validation_error")
    assert error_fields(body) == {"limit"}, body


MALFORMED_AFTER = {
    "not base64 of anything": "nonsense!",
    "a transactions cursor": _cursor("v1:5"),
    "letters for the xid": _cursor("e1:abc:1"),
    "no seq": _cursor("e1:100"),
    "an xid beyond 64 bits": _cursor("e1:18446744073709551616:1"),
    "a seq beyond bigint": _cursor("e1:100:9223372036854775808000"),
    "a negative seq": _cursor("e1:100:-1"),
    "empty": "",  # as /v1/transactions: not a cursor the API returned
}


@pytest.mark.parametrize("after", MALFORMED_AFTER.values(), ids=MALFORMED_AFTER.keys())
async def test_a_malformed_cursor_is_a_422(net: Network, after: str) -> None:
    r = await net.client.get("/v1/events", headers=net.partner.headers, params={"after": after})
    body = assert_problem(r, 422, "validation_error")
    assert error_fields(body) == {"after"}, body


async def test_a_cursor_past_everything_gives_an_empty_page_and_itself_back(
    net: Network,
) -> None:
    far = _cursor("e1:18446744073709551615:999999999999999999")
    data, cursor, more = await page(net.client, net.partner, after=far)
    assert (data, cursor, more) == ([], far, False)


async def test_an_empty_feed_still_gives_a_cursor_to_poll_with(net: Network) -> None:
    bystander = await net.organisation("Bruce Castle Museum", ["spend_partner"])
    data, cursor, more = await page(net.client, bystander)
    assert (data, more) == ([], False)
    # Poll with it: still empty, until something happens to the bystander.
    assert await page(net.client, bystander, after=cursor) == ([], cursor, False)
    asha = await net.funded_member(3)
    gift_ = await gift(net, asha["id"], 1, to_organisation_id=bystander.id)
    assert gift_.status_code == 201, gift_.text
    data, cursor, _ = await page(net.client, bystander, after=cursor)
    assert [e["data"]["id"] for e in data] == [gift_.json()["id"]]


WRONG_IDS = {
    "another event's form, unknown": event_id(987654),
    "the largest bigint": event_id((1 << 63) - 1),
    "a seq beyond bigint": "evt_0000000000001",  # decodes to 14987979559889010688
    "the prefix alone": "evt_",
    "too short": "evt_abc",
    "too long": "evt_" + "0" * 14,
    "letters outside the alphabet": "evt_uuuuuuuuuuuuu",
    "upper case": event_id(1).upper(),
    "beyond 64 bits": "evt_zzzzzzzzzzzzz",
    "a transfer's id": "txn_7q6w5e4r3t2y1u0i",
    "no prefix": event_id(1).removeprefix("evt_"),
}


@pytest.mark.parametrize("event", WRONG_IDS.values(), ids=WRONG_IDS.keys())
async def test_an_event_id_naming_nothing_visible_is_a_404(net: Network, event: str) -> None:
    r = await net.client.get(f"/v1/events/{event}", headers=net.partner.headers)
    assert_problem(r, 404, "not_found")


async def test_another_organisations_event_is_a_404_and_its_own_is_not(net: Network) -> None:
    asha = await net.member()
    r = await earn(net, asha["id"], 1)
    assert r.status_code == 201, r.text
    (event,) = [
        e for e in (await feed(net.client, net.partner))[0] if e["data"]["id"] == r.json()["id"]
    ]
    mine = await net.client.get(f"/v1/events/{event['id']}", headers=net.partner.headers)
    assert mine.status_code == 200 and mine.json() == event
    for stranger in (net.other, net.venue, net.operator):
        theirs = await net.client.get(f"/v1/events/{event['id']}", headers=stranger.headers)
        assert_problem(theirs, 404, "not_found")
        assert theirs.json()["detail"] == f"no event {event['id']}"
