"""The events table is a transactional outbox (DESIGN §7): no change without its event, no
event without its change. A refused write records nothing; an Idempotency-Key replay, even
racing the original, records nothing more; a write whose transaction rolls back leaves no
event behind."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.models.ledger import EarningCreate, SpendCreate
from app.models.members import MemberCreate
from app.services import events, ledger, members, unit_of_work
from app.services.events import audience_sql
from app.services.unit_of_work import Operation, Work
from tests.api.support import assert_problem, assert_unchanged, snapshot
from tests.events.support import caller_for, events_of
from tests.ledger.support import earn, gift, reverse, spend, transfer_count
from tests.network import Network


def _key(value: str) -> dict[str, str]:
    return {"Idempotency-Key": value}


async def _event_count(pool: asyncpg.Pool) -> tuple[int, int]:
    row = await pool.fetchrow(
        "SELECT (SELECT count(*) FROM events) AS e, "
        f"(SELECT coalesce(sum(cardinality({audience_sql()})), 0) FROM events e) AS a"
    )
    return row["e"], row["a"]


# Refused writes: (what, the request, the status and code it must get). Each is sent by the
# organisation named, about the partner's member `asha` (5 credits) unless it says otherwise.
Request = Callable[[Network, dict[str, Any]], Awaitable[httpx.Response]]


async def _earn_zero(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await earn(net, w["asha"], 0)


async def _earn_in_the_future(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await earn(net, w["asha"], 1, given_on="2999-01-01")


async def _earn_before_the_programme(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await earn(net, w["asha"], 1, given_on="2014-12-31")


async def _spend_over_precise(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await spend(net, w["asha"], "1.005")


async def _register_elsewhere(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await net.client.post(
        "/v1/members",
        headers=net.partner.headers,
        json={"display_name": "Nobody", "programme_id": "prg_not_ours"},
    )


async def _register_twice(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await net.client.post(
        "/v1/members",
        headers=net.partner.headers,
        json={"display_name": "Again", "programme_id": net.programme_id, "external_ref": "R-1"},
    )


async def _venue_earns(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await earn(net, w["asha"], 1, by=net.venue)


async def _venue_spends_a_wallet(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await spend(net, w["asha"], 1, by=net.venue)


async def _earn_without_the_scope(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await net.client.post(
        "/v1/earnings",
        headers={"Authorization": f"Bearer {w['reader']}"},
        json={"member_id": w["asha"], "hours": 1},
    )


async def _earn_for_nobody(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await earn(net, "mem_nobody", 1)


async def _earn_for_a_stranger(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await earn(net, w["asha"], 1, by=net.other)  # by id: not a member it can see


async def _spend_a_strangers_member(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await spend(net, w["asha"], 1, by=net.other)


async def _overspend(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await spend(net, w["asha"], "5.01")


async def _overgift(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await gift(net, w["asha"], 6, to_organisation_id=net.venue.id)


async def _earn_past_the_allocation(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await earn(net, w["asha"], "995.01")  # the partner holds 995.00


async def _reverse_twice(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await reverse(net, w["reversed"])


async def _reverse_a_reversal(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await reverse(net, w["reversal"])


async def _earn_with_a_used_key(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await earn(net, w["asha"], 2, headers=_key("used"))


async def _spend_with_a_used_key(net: Network, w: dict[str, Any]) -> httpx.Response:
    return await spend(net, w["asha"], 2, headers=_key("used"))


REFUSED: dict[str, tuple[Request, int, str]] = {
    "an earning of zero hours": (_earn_zero, 422, "validation_error"),
    "an earning given in the future": (_earn_in_the_future, 422, "validation_error"),
    "an earning before the programme began": (_earn_before_the_programme, 422, "validation_error"),
    "a spend of a thousandth": (_spend_over_precise, 422, "validation_error"),
    "a member in a programme not ours": (_register_elsewhere, 422, "validation_error"),
    "a member registered twice": (_register_twice, 409, "conflict"),
    "a venue giving credits": (_venue_earns, 403, "forbidden"),
    "a venue debiting a wallet": (_venue_spends_a_wallet, 404, "not_found"),
    "an earning by a key without earn:write": (_earn_without_the_scope, 403, "forbidden"),
    "an earning for nobody": (_earn_for_nobody, 404, "not_found"),
    "an earning by id for a stranger": (_earn_for_a_stranger, 404, "not_found"),
    "a spend of a stranger's member": (_spend_a_strangers_member, 404, "not_found"),
    "a spend past the balance": (_overspend, 409, "insufficient_credits"),
    "a gift past the balance": (_overgift, 409, "insufficient_credits"),
    "an earning past the allocation": (_earn_past_the_allocation, 409, "insufficient_credits"),
    "a second reversal": (_reverse_twice, 409, "conflict"),
    "a reversal of a reversal": (_reverse_a_reversal, 409, "conflict"),
    "an earning with a used key": (_earn_with_a_used_key, 422, "idempotency_key_reused"),
    "a spend with a used key": (_spend_with_a_used_key, 422, "idempotency_key_reused"),
}


@pytest.mark.parametrize("case", REFUSED)
async def test_a_refused_write_records_no_event(
    net: Network, pool: asyncpg.Pool, case: str
) -> None:
    asha = await net.member(external_ref="R-1")
    assert (await earn(net, asha["id"], 5, headers=_key("used"))).status_code == 201
    extra = await net.funded_member(1)
    reversed_ = (await earn(net, extra["id"], "0.5")).json()["id"]
    reversal = await reverse(net, reversed_)
    assert reversal.status_code == 201, reversal.text
    world = {
        "asha": asha["id"],
        "reader": await net.key(net.partner, ["members:read"]),
        "reversed": reversed_,
        "reversal": reversal.json()["id"],
    }
    request, status, code = REFUSED[case]
    before = await snapshot(pool)

    r = await request(net, world)
    if code == "idempotency_key_reused":  # a problem about a header: no field errors
        assert (r.status_code, r.json()["code"]) == (status, code), r.text
    else:
        assert_problem(r, status, code)

    assert_unchanged(before, await snapshot(pool))


WRITES = ["member", "earning", "earning by card", "spend", "gift", "reversal"]


async def _write(net: Network, what: str, key: str, w: dict[str, Any]) -> httpx.Response:
    headers = {**net.partner.headers, **_key(key)}
    if what == "member":
        body = {"display_name": "Ben A.", "programme_id": net.programme_id}
        return await net.client.post("/v1/members", headers=headers, json=body)
    if what == "earning":
        return await earn(net, w["asha"], "1.5", headers=_key(key), activity="Café shift")
    if what == "earning by card":
        body = {"card_number": w["card"], "hours": 2}
        return await net.client.post("/v1/earnings", headers=headers, json=body)
    if what == "spend":
        return await spend(net, w["asha"], 1, headers=_key(key))
    if what == "gift":
        return await gift(net, w["asha"], 1, to_member_id=w["ben"], headers=_key(key))
    assert what == "reversal"
    path = f"/v1/transactions/{w['earning']}/reversal"
    return await net.client.post(path, headers=headers, json={"reason": "twice"})


async def _world(net: Network) -> dict[str, Any]:
    asha = await net.member()
    r = await earn(net, asha["id"], 5)
    assert r.status_code == 201, r.text
    ben = await net.member(net.other, display_name="Ben A.")
    return {
        "asha": asha["id"],
        "card": asha["card_number"],
        "ben": ben["id"],
        "earning": r.json()["id"],
    }


@pytest.mark.parametrize("what", WRITES)
async def test_retrying_a_write_five_times_with_its_key_records_one_event(
    net: Network, pool: asyncpg.Pool, what: str
) -> None:
    w = await _world(net)
    events_before = await _event_count(pool)

    responses = [await _write(net, what, f"retry-{what}", w) for _ in range(6)]

    assert {r.status_code for r in responses} == {201}, [r.text for r in responses]
    assert len({r.content for r in responses}) == 1
    assert [r.headers.get("Idempotent-Replayed") for r in responses[1:]] == ["true"] * 5
    made = responses[0].json()
    (event,) = await events_of(pool, made["id"])
    events_after = await _event_count(pool)
    assert events_after[0] == events_before[0] + 1
    assert (
        await pool.fetchval(
            f"SELECT cardinality({audience_sql()}) FROM events e WHERE e.seq = $1", event["seq"]
        )
        == events_after[1] - events_before[1]
    )


@pytest.mark.parametrize("what", WRITES)
async def test_twenty_concurrent_duplicates_make_one_change_and_one_event(
    net: Network, pool: asyncpg.Pool, what: str
) -> None:
    w = await _world(net)
    transfers_before = await transfer_count(pool)
    members_before = await pool.fetchval("SELECT count(*) FROM members")
    events_before, _ = await _event_count(pool)

    responses = await asyncio.gather(*(_write(net, what, f"race-{what}", w) for _ in range(20)))

    assert {r.status_code for r in responses} == {201}, [r.text for r in responses]
    assert len({r.content for r in responses}) == 1
    assert sum(r.headers.get("Idempotent-Replayed") == "true" for r in responses) == 19
    made = responses[0].json()
    assert len(await events_of(pool, made["id"])) == 1
    assert (await _event_count(pool))[0] == events_before + 1
    changes = (await transfer_count(pool) - transfers_before) + (
        await pool.fetchval("SELECT count(*) FROM members") - members_before
    )
    assert changes == 1


# Rolled back: the unit of work inside a caller's own transaction (a savepoint), undone by
# the caller; and an operation failing after it recorded its event.


async def _direct(net: Network, app: FastAPI, conn: asyncpg.Connection, what: str) -> Any:
    caller = caller_for(net.partner)
    asha = await net.pool.fetchval("SELECT id FROM members ORDER BY seq LIMIT 1")
    if what == "member":
        op, body = members.register, MemberCreate(display_name="Ben", programme_id=net.programme_id)
    elif what == "earning":
        op, body = ledger.earn, EarningCreate(member_id=asha, hours="1")
    else:
        op, body = (
            ledger.spend,
            SpendCreate(member_id=asha, organisation_id=net.venue.id, credits=1),
        )
    return await unit_of_work.write(conn, app.state.env, caller, op, body, key=f"outer-{what}")


@pytest.mark.parametrize("what", ["member", "earning", "spend"])
async def test_a_write_inside_a_transaction_that_rolls_back_leaves_no_event(
    net: Network, app: FastAPI, pool: asyncpg.Pool, what: str
) -> None:
    await net.funded_member(5)
    before = await snapshot(pool)
    async with pool.acquire() as conn:
        outer = conn.transaction()
        await outer.start()
        try:
            outcome = await _direct(net, app, conn, what)
            assert outcome.status == 201
            # Inside the transaction, the change and its event are both there.
            assert (
                await conn.fetchval(
                    "SELECT count(*) FROM events WHERE resource_id = $1", outcome.model.id
                )
                == 1
            )
        finally:
            await outer.rollback()

    assert_unchanged(before, await snapshot(pool))


class Boom(Exception):
    pass


async def _spend_then_fail(work: Work, body: SpendCreate) -> None:
    await ledger.spend.run(work, body)
    assert work.pending, "the spend recorded its event"
    raise Boom


async def _spend_insert_then_fail(work: Work, body: SpendCreate) -> None:
    """A change made and its event inserted, then a failure later in the transaction."""
    await ledger.spend.run(work, body)
    await events.insert(work.db, work.pending)
    work.pending.clear()
    raise Boom


@pytest.mark.parametrize(
    "run", [_spend_then_fail, _spend_insert_then_fail], ids=["recorded", "inserted"]
)
async def test_an_operation_failing_after_recording_its_event_leaves_no_event(
    net: Network, app: FastAPI, pool: asyncpg.Pool, run: Any
) -> None:
    asha = await net.funded_member(5)
    failing = Operation("spends.failing", run, None)
    body = SpendCreate(member_id=asha["id"], organisation_id=net.venue.id, credits=1)
    before = await snapshot(pool)

    async with pool.acquire() as conn:
        with pytest.raises(Boom):
            await unit_of_work.write(
                conn, app.state.env, caller_for(net.partner), failing, body, key="boom"
            )

    assert_unchanged(before, await snapshot(pool))  # no transfer, no event, no key kept
