"""A poller never misses an event (app/services/events.py): commit order is not id order, so
the feed shows only events of transactions older than every one still running, and a poller
that keeps its cursor sees every event exactly once, in one order, whenever it commits."""

import asyncio
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
import pytest
from asyncpg.transaction import Transaction
from fastapi import FastAPI

from app.models.ledger import EarningCreate, SpendCreate
from app.models.members import MemberCreate
from app.services import ledger, members, unit_of_work
from app.services.events import event_id
from tests.events.support import caller_for, event_rows, feed, page
from tests.ledger.support import earn, gift, spend
from tests.network import Network


@dataclass
class Open:
    conn: asyncpg.Connection
    tx: Transaction


@asynccontextmanager
async def open_transaction(pool: asyncpg.Pool) -> AsyncIterator[Open]:
    """A connection in a transaction the test commits (or leaves to be rolled back)."""
    async with pool.acquire() as conn:
        tx = conn.transaction()
        await tx.start()
        try:
            yield Open(conn, tx)
        finally:
            if conn.is_in_transaction():
                await tx.rollback()


@pytest.mark.parametrize("ending", ["commit", "rollback"])
@pytest.mark.parametrize("a_writes", ["member.created", "earning.created"])
async def test_a_poller_waits_for_a_transaction_that_began_first_and_commits_last(
    net: Network, app: FastAPI, pool: asyncpg.Pool, ending: str, a_writes: str
) -> None:
    asha = await net.member()
    late = await net.member(display_name="Late L.")
    _, cursor = await feed(net.client, net.partner)

    async with open_transaction(pool) as a:
        # A registers a member for the partner, or the other partner credits the
        # partner's member `late` in one statement (in a savepoint): its event is written,
        # uncommitted, with A's xid. (B's accounts are not A's: B does not wait for A.)
        if a_writes == "member.created":
            operation, body = (
                members.register,
                MemberCreate(display_name="Late M.", programme_id=net.programme_id),
            )
            caller = caller_for(net.partner)
        else:
            operation, body = ledger.earn, EarningCreate(card_number=late["card_number"], hours=1)
            caller = caller_for(net.other)
        outcome = await unit_of_work.write(a.conn, app.state.env, caller, operation, body, key="a")
        a_made = outcome.model.id
        # B credits asha through the API and commits: a later event of a later xid.
        r = await asyncio.wait_for(earn(net, asha["id"], 2), 30)  # never waits for A
        assert r.status_code == 201, r.text
        b_earning = r.json()["id"]
        assert await pool.fetchval("SELECT count(*) FROM events WHERE resource_id = $1", b_earning)

        # While A is open, the feed stops before A: B's event is not shown, to a poller at
        # the end of the feed nor to one reading from the start, whatever the type asked.
        for _ in range(2):
            data, next_cursor, more = await page(net.client, net.partner, after=cursor)
            assert (data, more) == ([], False)
            assert next_cursor == cursor  # poll again with it
        everything, _ = await feed(net.client, net.partner)
        assert b_earning not in {e["data"]["id"] for e in everything}
        earnings, _ = await feed(net.client, net.partner, type="earning.created")
        assert b_earning not in {e["data"]["id"] for e in earnings}

        if ending == "commit":
            await a.tx.commit()

    # Now the poller, from its cursor, gets A's event, then B's, each once.
    shown, cursor = await feed(net.client, net.partner, after=cursor)
    expected = [a_made, b_earning] if ending == "commit" else [b_earning]
    assert [e["data"]["id"] for e in shown] == expected
    assert [e["type"] for e in shown] == (
        [a_writes, "earning.created"] if ending == "commit" else ["earning.created"]
    )
    data, _, _ = await page(net.client, net.partner, after=cursor)
    assert data == []


async def test_a_write_in_a_transaction_begun_with_a_plain_begin_runs_in_a_savepoint(
    net: Network, app: FastAPI, pool: asyncpg.Pool
) -> None:
    asha = await net.funded_member(5)
    ben = await net.member(display_name="Ben")
    _, cursor = await feed(net.client, net.partner)
    async with pool.acquire() as a:
        await a.execute("BEGIN")
        try:
            outcome = await unit_of_work.write(
                a,
                app.state.env,
                caller_for(net.partner),
                ledger.spend,
                SpendCreate(member_id=asha["id"], organisation_id=net.venue.id, credits=1),
                key="k1",
            )
            r = await asyncio.wait_for(earn(net, ben["id"], 2), 30)  # never waits for A
            assert r.status_code == 201, r.text
            data, _, _ = await page(net.client, net.partner, after=cursor)
            assert data == []
            await a.execute("COMMIT")
        finally:
            if a.is_in_transaction():
                await a.execute("ROLLBACK")
    shown, _ = await feed(net.client, net.partner, after=cursor)
    assert [e["data"]["id"] for e in shown] == [outcome.model.id, r.json()["id"]]


WRITERS = 8
ROUNDS = 5


async def _writer(net: Network, n: int, app: FastAPI, pool: asyncpg.Pool) -> None:
    """Registers a member, then credits, spends and gifts for them; every other writer
    makes some of its writes in transactions held open a moment (commits out of order)."""
    rng = random.Random(n)
    member = await net.member(display_name=f"Writer {n}")
    for i in range(ROUNDS):
        if n % 2 and i % 2:
            async with open_transaction(pool) as held:
                await unit_of_work.write(
                    held.conn,
                    app.state.env,
                    caller_for(net.partner),
                    ledger.spend,
                    SpendCreate(member_id=member["id"], organisation_id=net.venue.id, credits=1),
                )
                await asyncio.sleep(rng.uniform(0, 0.05))
                await held.tx.commit()
        else:
            r = await earn(net, member["id"], 3)
            assert r.status_code == 201, r.text
            r = await spend(net, member["id"], "0.5")
            assert r.status_code == 201, r.text
            r = await gift(net, member["id"], "0.25", to_organisation_id=net.other.id)
            assert r.status_code == 201, r.text
        await asyncio.sleep(rng.uniform(0, 0.01))


async def test_a_poller_paging_while_writers_commit_sees_every_event_once_in_order(
    net: Network, app: FastAPI, pool: asyncpg.Pool
) -> None:
    seen: list[dict[str, Any]] = []
    cursor: str | None = None
    writers = asyncio.gather(*(_writer(net, n, app, pool) for n in range(WRITERS)))

    async def poll() -> bool:
        nonlocal cursor
        data, cursor, more = await page(
            net.client, net.partner, limit=3, **({"after": cursor} if cursor else {})
        )
        seen.extend(data)
        return more

    while not writers.done():
        await poll()
        await asyncio.sleep(0.005)
    await writers
    while await poll():
        pass

    ids = [e["id"] for e in seen]
    assert len(ids) == len(set(ids)), "an event was shown twice"
    # Everything the partner may see, in the feed's order (xid, seq): none skipped.
    assert ids == [event_id(seq) for seq in await event_rows(pool, net.partner.id)]
    assert len(ids) >= WRITERS * (1 + ROUNDS)
