"""The ledger's rules (DESIGN §2, §3), one domain sentence per test."""

from datetime import date, timedelta
from decimal import Decimal

import asyncpg
import pytest

from app.services.clock import NETWORK_CLOCK
from tests.ledger.support import (
    assert_ledger_consistent,
    earn,
    gift,
    org_balance,
    reverse,
    spend,
    transfer_count,
)
from tests.network import Network


def _problem(r, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == code, r.text


# Earning


async def test_a_venue_cannot_credit_members_for_hours_because_earning_needs_the_earn_partner_role(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member()
    await net.allocate(net.venue, 10)  # even holding credits, a venue does not give them
    r = await earn(net, asha["id"], 1, by=net.venue)
    _problem(r, 403, "forbidden")
    assert await net.balance(asha["id"]) == 0


async def test_an_earn_partner_key_without_the_earn_scope_cannot_credit_hours(
    net: Network,
) -> None:
    asha = await net.member()
    key = await net.key(net.partner, ["members:read", "members:write"])
    r = await net.client.post(
        "/v1/earnings",
        headers={"Authorization": f"Bearer {key}"},
        json={"member_id": asha["id"], "hours": 1},
    )
    _problem(r, 403, "forbidden")


async def test_an_organisation_cannot_give_more_credits_than_its_allocation(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member()
    held = await org_balance(pool, net.partner.id)
    r = await earn(net, asha["id"], str(held + Decimal("0.01")))
    _problem(r, 409, "insufficient_credits")
    assert await net.balance(asha["id"]) == 0
    assert await org_balance(pool, net.partner.id) == held

    r = await earn(net, asha["id"], str(held))  # exactly what it holds is fine
    assert r.status_code == 201, r.text
    assert await org_balance(pool, net.partner.id) == 0
    _problem(await earn(net, asha["id"], "0.01"), 409, "insufficient_credits")


async def test_hours_given_in_the_future_are_refused(net: Network) -> None:
    asha = await net.member()
    tomorrow = NETWORK_CLOCK.today() + timedelta(days=1)  # the network's tomorrow
    r = await earn(net, asha["id"], 1, given_on=tomorrow.isoformat())
    _problem(r, 422, "validation_error")
    assert r.json()["errors"][0]["field"] == "given_on"
    assert await net.balance(asha["id"]) == 0


async def test_hours_given_before_the_programme_started_are_refused(net: Network) -> None:
    asha = await net.member()
    r = await earn(net, asha["id"], 1, given_on="2014-12-31")  # programme starts 2015-01-01
    _problem(r, 422, "validation_error")
    assert r.json()["errors"][0]["field"] == "given_on"
    r = await earn(net, asha["id"], 1, given_on="2015-01-01")
    assert r.status_code == 201, r.text
    assert r.json()["metadata"]["given_on"] == "2015-01-01"


async def test_hours_given_after_the_programme_ended_are_refused(net: Network) -> None:
    r = await net.client.post(
        "/v1/programmes",
        headers=net.operator.headers,
        json={
            "name": "Cardiff & Vale Recovery",
            "place": "Cardiff",
            "focus": "Substance use",
            "starts_on": "2016-01-01",
            "ends_on": "2018-12-31",
        },
    )
    assert r.status_code == 201, r.text
    programme_id = r.json()["id"]
    r = await net.client.post(
        "/v1/organisations",
        headers=net.operator.headers,
        json={"name": "Recovery Café", "roles": ["earn_partner"], "programme_ids": [programme_id]},
    )
    assert r.status_code == 201, r.text
    cafe_headers = {"Authorization": f"Bearer {r.json()['api_key']['secret']}"}
    r = await net.client.post(
        "/v1/allocations",
        headers=net.operator.headers,
        json={"organisation_id": r.json()["id"], "credits": 10},
    )
    assert r.status_code == 201, r.text
    r = await net.client.post(
        "/v1/members",
        headers=cafe_headers,
        json={"display_name": "Dai", "programme_id": programme_id},
    )
    member_id = r.json()["id"]

    def post(**fields):
        return net.client.post(
            "/v1/earnings",
            headers=cafe_headers,
            json={"member_id": member_id, "hours": 1, **fields},
        )

    _problem(await post(given_on="2019-01-01"), 422, "validation_error")
    _problem(await post(), 422, "validation_error")  # today is after the end too
    assert (await post(given_on="2018-12-31")).status_code == 201


async def test_any_earn_partner_credits_a_member_of_another_organisation_by_card_number(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member(net.partner)
    other_before = await org_balance(pool, net.other.id)
    # Not visible by id to a stranger ...
    _problem(await earn(net, asha["id"], 2, by=net.other), 404, "not_found")
    # ... but the person presenting their card is found by it, typed as printed.
    r = await net.client.post(
        "/v1/earnings",
        headers=net.other.headers,
        json={"card_number": asha["card_number"], "hours": 2, "activity": "Allotment day"},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["to"] == {"type": "member", "id": asha["id"]}
    assert body["from"] == {"type": "organisation", "id": net.other.id}
    assert body["member_balance"] == "2.00"
    assert await org_balance(pool, net.other.id) == other_before - 2
    # Having exchanged credits, the other organisation may now see the member.
    r = await net.client.get(f"/v1/members/{asha['id']}", headers=net.other.headers)
    assert r.status_code == 200, r.text
    assert r.json()["external_ref"] is None  # only the home organisation sees its reference


async def test_a_mistyped_card_number_is_refused_not_matched(net: Network) -> None:
    asha = await net.member()
    digits = asha["card_number"].replace(" ", "")
    typo = digits[:-1] + str((int(digits[-1]) + 1) % 10)
    r = await net.client.post(
        "/v1/earnings", headers=net.other.headers, json={"card_number": typo, "hours": 1}
    )
    _problem(r, 422, "validation_error")


# Spending and gifting


async def test_only_the_home_organisation_can_spend_or_gift_for_a_member(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.funded_member(10)
    ben = await net.member(display_name="Ben T.")
    # `other` gives Asha an hour by card, so it can see her, but she is not its member.
    r = await net.client.post(
        "/v1/earnings",
        headers=net.other.headers,
        json={"card_number": asha["card_number"], "hours": 1},
    )
    assert r.status_code == 201, r.text
    _problem(await spend(net, asha["id"], 1, by=net.other), 403, "forbidden")
    _problem(await gift(net, asha["id"], 1, to_member_id=ben["id"], by=net.other), 403, "forbidden")
    # The venue has never exchanged credits with her: it may not even learn she exists.
    _problem(await spend(net, asha["id"], 1, by=net.venue), 404, "not_found")
    _problem(await gift(net, asha["id"], 1, to_member_id=ben["id"], by=net.venue), 404, "not_found")
    assert await net.balance(asha["id"]) == 11
    assert await net.balance(ben["id"]) == 0


async def test_credits_are_spent_only_at_a_spend_partner(net: Network, pool: asyncpg.Pool) -> None:
    asha = await net.funded_member(5)
    r = await spend(net, asha["id"], 1, venue=net.other)  # an earn partner, not a venue
    _problem(r, 422, "validation_error")
    assert r.json()["errors"][0]["field"] == "organisation_id"
    r = await net.client.post(
        "/v1/spends",
        headers=net.partner.headers,
        json={"member_id": asha["id"], "organisation_id": "org_doesnotexist00", "credits": 1},
    )
    _problem(r, 404, "not_found")
    assert await net.balance(asha["id"]) == 5


async def test_a_spend_beyond_the_members_balance_is_refused(net: Network) -> None:
    asha = await net.funded_member(2)
    _problem(await spend(net, asha["id"], "2.01"), 409, "insufficient_credits")
    r = await spend(net, asha["id"], 2)
    assert r.status_code == 201 and r.json()["member_balance"] == "0.00", r.text


async def test_a_member_cannot_gift_credits_to_themselves(net: Network) -> None:
    asha = await net.funded_member(5)
    r = await gift(net, asha["id"], 1, to_member_id=asha["id"])
    _problem(r, 422, "validation_error")
    assert await net.balance(asha["id"]) == 5


async def test_a_member_gifts_credits_to_another_member(net: Network) -> None:
    asha = await net.funded_member(5)
    ben = await net.member(net.other, display_name="Ben T.")  # any member, any home
    r = await gift(net, asha["id"], "1.5", to_member_id=ben["id"])
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["kind"] == "gift"
    assert body["from"] == {"type": "member", "id": asha["id"]}
    assert body["to"] == {"type": "member", "id": ben["id"]}
    assert body["member_balance"] == "3.50"  # the giver's
    assert await net.balance(ben["id"]) == Decimal("1.5")


async def test_a_member_gifts_credits_to_an_organisation(net: Network, pool: asyncpg.Pool) -> None:
    asha = await net.funded_member(5)
    venue_before = await org_balance(pool, net.venue.id)
    r = await gift(net, asha["id"], 2, to_organisation_id=net.venue.id)
    assert r.status_code == 201, r.text
    assert r.json()["to"] == {"type": "organisation", "id": net.venue.id}
    assert r.json()["member_balance"] == "3.00"
    assert await org_balance(pool, net.venue.id) == venue_before + 2
    await assert_ledger_consistent(pool)


# Reversals


async def test_a_reversal_needs_the_scope_that_posting_the_original_needed(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member()
    r = await earn(net, asha["id"], 3)
    earning = r.json()["id"]
    no_earn = await net.key(net.partner, ["members:read", "spend:write", "gift:write"])
    _problem(await reverse(net, earning, key=no_earn), 403, "forbidden")
    with_earn = await net.key(net.partner, ["members:read", "earn:write"])
    r = await reverse(net, earning, key=with_earn)
    assert r.status_code == 201, r.text
    assert await net.balance(asha["id"]) == 0


async def test_an_organisation_with_no_part_in_a_transfer_cannot_reverse_it_but_the_operator_can(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member(net.partner)
    r = await net.client.post(
        "/v1/earnings",
        headers=net.other.headers,
        json={"card_number": asha["card_number"], "hours": 2},
    )
    earning = r.json()["id"]
    # The venue has nothing to do with it: the transfer does not exist for it.
    _problem(await reverse(net, earning, by=net.venue), 404, "not_found")
    # The operator may correct anyone's mistake.
    r = await reverse(net, earning, by=net.operator)
    assert r.status_code == 201, r.text
    assert r.json()["organisation_id"] == net.operator.id
    assert await net.balance(asha["id"]) == 0


async def test_the_poster_reverses_its_own_spend_and_the_venue_gives_the_credits_back(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.funded_member(5)
    venue_before = await org_balance(pool, net.venue.id)
    r = await spend(net, asha["id"], 2)
    r = await reverse(net, r.json()["id"])
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["from"] == {"type": "organisation", "id": net.venue.id}
    assert body["to"] == {"type": "member", "id": asha["id"]}
    assert body["member_balance"] == "5.00"
    assert await org_balance(pool, net.venue.id) == venue_before


async def test_a_reversal_cannot_itself_be_reversed(net: Network, pool: asyncpg.Pool) -> None:
    asha = await net.funded_member(5)
    r = await earn(net, asha["id"], 1)
    reversal = (await reverse(net, r.json()["id"])).json()["id"]
    _problem(await reverse(net, reversal), 409, "conflict")
    _problem(await reverse(net, reversal, by=net.operator), 409, "conflict")
    assert await transfer_count(pool, "reversal") == 1


async def test_a_transfer_is_reversed_at_most_once(net: Network, pool: asyncpg.Pool) -> None:
    asha = await net.funded_member(5)
    r = await earn(net, asha["id"], 1)
    assert (await reverse(net, r.json()["id"])).status_code == 201
    _problem(await reverse(net, r.json()["id"]), 409, "conflict")
    assert await net.balance(asha["id"]) == 5


async def test_a_reversal_is_refused_when_the_member_already_spent_the_credits(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member()
    r = await earn(net, asha["id"], 3)
    earning = r.json()["id"]
    assert (await spend(net, asha["id"], 2)).status_code == 201
    partner_before = await org_balance(pool, net.partner.id)
    r = await reverse(net, earning)
    _problem(r, 409, "insufficient_credits")
    assert await net.balance(asha["id"]) == 1
    assert await org_balance(pool, net.partner.id) == partner_before
    r = await net.client.get(f"/v1/transactions/{earning}", headers=net.partner.headers)
    assert r.json()["reversed_by"] is None


async def test_a_transaction_shows_its_reversal_and_the_reversal_shows_what_it_reverses(
    net: Network,
) -> None:
    asha = await net.member()
    original = (await earn(net, asha["id"], 2)).json()
    assert original["reversed_by"] is None
    reversal = (await reverse(net, original["id"])).json()
    assert reversal["kind"] == "reversal"
    assert reversal["reverses"] == original["id"]
    assert reversal["credits"] == original["credits"]
    assert reversal["from"] == original["to"] and reversal["to"] == original["from"]

    r = await net.client.get(f"/v1/transactions/{original['id']}", headers=net.partner.headers)
    assert r.status_code == 200, r.text
    assert r.json()["reversed_by"] == reversal["id"]
    assert r.json()["reverses"] is None
    r = await net.client.get(f"/v1/transactions/{reversal['id']}", headers=net.partner.headers)
    assert r.status_code == 200, r.text
    assert r.json()["reverses"] == original["id"]
    assert r.json()["reversed_by"] is None
    assert r.json()["metadata"] == {"reason": "mistake"}


# The database's own guarantees


async def test_the_transfers_table_is_append_only_even_for_raw_sql(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member()
    transfer_id = (await earn(net, asha["id"], 2)).json()["id"]
    with pytest.raises(asyncpg.RestrictViolationError, match="append-only"):
        await pool.execute("UPDATE transfers SET amount = 1 WHERE id = $1", transfer_id)
    with pytest.raises(asyncpg.RestrictViolationError, match="append-only"):
        await pool.execute("DELETE FROM transfers WHERE id = $1", transfer_id)
    assert await pool.fetchval("SELECT amount FROM transfers WHERE id = $1", transfer_id) == 200


async def test_the_database_refuses_a_negative_member_balance_even_for_raw_sql(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member()
    account = await pool.fetchval("SELECT account_id FROM members WHERE id = $1", asha["id"])
    with pytest.raises(asyncpg.CheckViolationError):
        await pool.execute("UPDATE accounts SET balance = -1 WHERE id = $1", account)
    with pytest.raises(asyncpg.CheckViolationError):
        await pool.execute(
            "UPDATE accounts SET balance = -1 WHERE kind = 'organisation' AND owner_id = $1",
            net.venue.id,
        )
    with pytest.raises(asyncpg.CheckViolationError):  # issuance only ever goes negative
        await pool.execute(
            "UPDATE accounts SET balance = 1 WHERE kind = 'issuance' AND owner_id = $1",
            net.programme_id,
        )
    assert await net.balance(asha["id"]) == 0


async def test_the_database_refuses_a_transfer_of_nothing_or_to_the_same_account(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member()
    account = await pool.fetchval("SELECT account_id FROM members WHERE id = $1", asha["id"])
    venue = await pool.fetchval(
        "SELECT id FROM accounts WHERE kind = 'organisation' AND owner_id = $1", net.venue.id
    )
    insert = """INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount,
                                       programme_id, organisation_id)
                VALUES ($1, 'gift', $2, $3, $4, $5, $6)"""
    with pytest.raises(asyncpg.CheckViolationError):
        await pool.execute(insert, "txn_x1", account, venue, 0, net.programme_id, net.partner.id)
    with pytest.raises(asyncpg.CheckViolationError):
        await pool.execute(
            insert, "txn_x2", account, account, 100, net.programme_id, net.partner.id
        )


# Amounts


async def test_amounts_are_exact_so_a_tenth_and_two_tenths_make_three_tenths(
    net: Network,
) -> None:
    asha = await net.member()
    assert (await earn(net, asha["id"], 0.1)).status_code == 201  # a JSON number
    r = await earn(net, asha["id"], "0.2")  # a string
    assert r.status_code == 201, r.text
    assert r.json()["member_balance"] == "0.30"
    assert r.json()["credits"] == "0.20"
    r = await net.client.get(f"/v1/members/{asha['id']}", headers=net.partner.headers)
    assert r.json()["balance"] == "0.30"
    assert await net.balance(asha["id"]) == Decimal("0.30")


@pytest.mark.parametrize(
    "amount",
    [
        0,
        "0",
        "0.00",
        -1,
        "-0.01",
        "0.001",
        1.005,
        "1.999",
        "NaN",
        "Infinity",
        "1e400",
        10**12,
        "",
        "abc",
        True,
        None,
    ],
    ids=repr,
)
async def test_zero_negative_over_precise_absurd_and_non_numeric_amounts_are_refused(
    net: Network, pool: asyncpg.Pool, amount: object
) -> None:
    asha = await net.funded_member(5)
    before = await transfer_count(pool)
    for r in (
        await earn(net, asha["id"], amount),
        await spend(net, asha["id"], amount),
        await gift(net, asha["id"], amount, to_organisation_id=net.venue.id),
    ):
        _problem(r, 422, "validation_error")
    assert await transfer_count(pool) == before
    assert await net.balance(asha["id"]) == 5


async def test_an_earning_without_given_on_is_dated_today_in_the_networks_time_zone(
    net: Network,
) -> None:
    asha = await net.member()
    before = NETWORK_CLOCK.today()
    r = await earn(net, asha["id"], 1)
    after = NETWORK_CLOCK.today()
    assert r.status_code == 201, r.text
    assert date.fromisoformat(r.json()["metadata"]["given_on"]) in {before, after}
