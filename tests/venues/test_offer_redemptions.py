"""Redeeming one of the venue's offers for a party: the service prices adults and children
and refuses, with the reason, what the offer's restrictions forbid."""

from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import pytest

from app.models.directory import WEEKDAYS
from tests.api.support import assert_problem, snapshot
from tests.network import Network

TODAY = datetime.now(ZoneInfo("Europe/London"))
WEEKDAY = WEEKDAYS[TODAY.weekday()]
OTHER_DAY = WEEKDAYS[(TODAY.weekday() + 3) % 7]


async def _offer(net: Network, **fields: Any) -> dict:
    body = {"title": "Family swim", "category": "swimming", "credits": "2", **fields}
    r = await net.client.post("/v1/offers", headers=net.venue.headers, json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def _code(net: Network, member_id: str) -> str:
    r = await net.client.post(
        f"/v1/members/{member_id}/redemption-codes", headers=net.partner.headers, json={}
    )
    assert r.status_code == 201, r.text
    return r.json()["code"]


async def _adult(net: Network, credits: int = 20, born: int | None = 1970) -> dict:
    m = await net.member(year_of_birth=born) if born else await net.member()
    assert (await net.earn(m["id"], credits)).status_code == 201
    return m


async def _desk(net: Network, path: str, body: dict) -> Any:
    return await net.client.post(f"/v1/redemptions{path}", headers=net.venue.headers, json=body)


async def test_the_service_prices_the_party_and_records_it(net: Network) -> None:
    offer = await _offer(net, child_credits="0.5")
    assert (offer["credits"], offer["child_credits"], offer["restrictions"]) == (
        "2.00", "0.50", None,
    )  # fmt: skip
    asha = await _adult(net)
    body = {"code": await _code(net, asha["id"]), "offer_id": offer["id"], "adults": 2,
            "children": 3}  # fmt: skip
    check = (await _desk(net, "/validate", body)).json()
    assert (check["valid"], check["credits"]) == (True, "5.50")
    r = await _desk(net, "", body)
    assert r.status_code == 201, r.text
    done = r.json()
    assert (done["offer_id"], done["adults"], done["children"], done["credits"]) == (
        offer["id"], 2, 3, "5.50",
    )  # fmt: skip
    assert await net.balance(asha["id"]) == Decimal("14.5")
    # Without a child price, children pay the adult one; the default party is one adult.
    plain = await _offer(net)
    body = {"code": await _code(net, asha["id"]), "offer_id": plain["id"], "children": 1}
    assert (await _desk(net, "/validate", body)).json()["credits"] == "4.00"
    body.pop("children")
    assert (await _desk(net, "/validate", body)).json()["credits"] == "2.00"


async def test_restrictions_refuse_with_their_reason_and_change_nothing(
    net: Network, pool: asyncpg.Pool
) -> None:
    young = await _adult(net, born=TODAY.year - 12)
    unknown_age = await _adult(net, born=None)
    grown = await _adult(net)
    adults_only = await _offer(net, restrictions={"min_age": 18})
    other_days = await _offer(net, restrictions={"days": [OTHER_DAY]})
    cases = [
        (young, adults_only, "under_age"),
        (unknown_age, adults_only, "under_age"),
        (grown, other_days, "not_today"),
    ]
    before = await snapshot(pool)
    for member, offer, reason in cases:
        body = {"code": await _code(net, member["id"]), "offer_id": offer["id"]}
        check = (await _desk(net, "/validate", body)).json()
        assert (check["valid"], check["reason"]) == (False, reason), reason
        assert_problem(await _desk(net, "", body), 409, reason)
    # The codes issued above are the only change.
    after = await snapshot(pool)
    assert {k for k in after if after[k] != before[k]} <= {"redemption_codes", "signing_keys"}
    # The same offers pay for whom and when they allow.
    today = await _offer(net, restrictions={"days": [WEEKDAY], "min_age": 18})
    body = {"code": await _code(net, grown["id"]), "offer_id": today["id"]}
    assert (await _desk(net, "", body)).status_code == 201


async def test_a_member_has_an_offer_at_most_as_often_a_week_as_it_allows(net: Network) -> None:
    offer = await _offer(net, restrictions={"max_per_member_per_week": 2})
    asha, ben = await _adult(net), await _adult(net)
    made = []
    for _ in range(2):
        r = await _desk(net, "", {"code": await _code(net, asha["id"]), "offer_id": offer["id"]})
        assert r.status_code == 201, r.text
        made.append(r.json())
    body = {"code": await _code(net, asha["id"]), "offer_id": offer["id"]}
    assert_problem(await _desk(net, "", body), 409, "weekly_limit")
    # Another member is not limited by Asha's, and a refunded redemption does not count.
    r = await _desk(net, "", {"code": await _code(net, ben["id"]), "offer_id": offer["id"]})
    assert r.status_code == 201, r.text
    r = await net.client.post(
        f"/v1/redemptions/{made[0]['id']}/refund", headers=net.venue.headers, json={}
    )
    assert r.status_code == 201, r.text
    assert (await _desk(net, "", body)).status_code == 201


async def test_only_the_venues_own_current_offers_can_be_redeemed(net: Network) -> None:
    asha = await _adult(net)
    mine = await _offer(net)
    archived = await _offer(net)
    r = await net.client.delete(f"/v1/offers/{archived['id']}", headers=net.venue.headers)
    assert r.status_code == 200, r.text
    ended = await _offer(net, valid_from="2020-01-01", valid_until="2020-12-31")
    other_venue = await net.organisation("Another pool", ["spend_partner"])
    r = await net.client.post(
        "/v1/offers", headers=other_venue.headers,
        json={"title": "Swim", "category": "swimming", "credits": "1"},
    )  # fmt: skip
    theirs = r.json()
    for offer_id in (archived["id"], ended["id"], theirs["id"], "off_nonexistent00000"):
        body = {"code": await _code(net, asha["id"]), "offer_id": offer_id}
        check = (await _desk(net, "/validate", body)).json()
        assert (check["valid"], check["reason"]) == (False, "offer_unavailable"), offer_id
    body = {"code": await _code(net, asha["id"]), "offer_id": mine["id"]}
    assert (await _desk(net, "", body)).status_code == 201


async def test_an_offers_child_price_and_restrictions_can_be_changed_and_cleared(
    net: Network,
) -> None:
    offer = await _offer(net, child_credits="1", restrictions={"days": ["saturday"]})
    path = f"/v1/offers/{offer['id']}"
    r = await net.client.patch(path, headers=net.venue.headers, json={"capacity": 9})
    assert (r.json()["child_credits"], r.json()["restrictions"]["days"]) == ("1.00", ["saturday"])
    r = await net.client.patch(
        path, headers=net.venue.headers, json={"child_credits": None, "restrictions": None}
    )
    assert r.status_code == 200, r.text
    assert (r.json()["child_credits"], r.json()["restrictions"]) == (None, None)
    r = await net.client.get("/v1/offers", headers=net.partner.headers, params={"q": "family"})
    [found] = [o for o in r.json()["data"] if o["id"] == offer["id"]]
    assert found == {**r.json()["data"][0], **found} and found["restrictions"] is None


@pytest.mark.parametrize(
    "extra",
    [
        {"credits": 1, "offer_id": "off_x"},
        {"credits": 1, "adults": 2},
        {"offer_id": "off_x", "adults": 0, "children": 0},
        {"offer_id": "off_x", "adults": -1},
        {},
    ],
)
async def test_a_desk_sends_an_amount_or_an_offer_and_a_party(net: Network, extra: dict) -> None:
    body = {"code": "K7QM-3XD9P", **extra}
    assert_problem(await _desk(net, "/validate", body), 422, "validation_error")


@pytest.mark.parametrize(
    "restrictions",
    [{"days": []}, {"days": ["someday"]}, {"min_age": -1}, {"max_per_member_per_week": 0},
     {"colour": "red"}],
)  # fmt: skip
async def test_offer_restrictions_out_of_bounds_are_a_422(net: Network, restrictions: dict) -> None:
    body = {"title": "Swim", "category": "swimming", "credits": "1", "restrictions": restrictions}
    r = await net.client.post("/v1/offers", headers=net.venue.headers, json=body)
    assert_problem(r, 422, "validation_error")


async def test_tills_racing_for_one_members_weekly_offer_stay_within_its_limit(
    net: Network,
) -> None:
    import asyncio

    offer = await _offer(net, restrictions={"max_per_member_per_week": 2})
    asha = await _adult(net)
    bodies = [{"code": await _code(net, asha["id"]), "offer_id": offer["id"]} for _ in range(10)]
    answers = await asyncio.gather(*(_desk(net, "", b) for b in bodies))
    assert sorted(a.status_code for a in answers) == [201] * 2 + [409] * 8
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"weekly_limit"}
    assert await net.balance(asha["id"]) == Decimal(16)
