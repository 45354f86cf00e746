"""The report rollups' queue (migration 0022, app/services/rollups.py): every counted
transfer queues itself in its own transaction, batches roll the queue into the rollups, and
the rollups always equal the transfers rolled so far: with small batches interleaved with
postings (a reversal and the transfer it reverses in different batches), with postings,
rollers and ledger checks running at once, and after a posting rolled back."""

import asyncio
import random
from datetime import UTC, date, datetime

import asyncpg
import pytest

from app.auth.caller import Caller
from app.services import background, rollups, stats, unit_of_work
from tests.network import Network
from tests.reports.test_rollups import MOVE, _random_ledger


async def _queued(pool: asyncpg.Pool) -> int:
    return await pool.fetchval("SELECT count(*) FROM report_pending")


def _operator(net: Network) -> Caller:
    return Caller(
        net.operator.id, None, frozenset({"operator"}), frozenset({"reports:read", "admin"})
    )


@pytest.mark.parametrize(("seed", "batch"), [(7, 1), (8, 3), (9, 17)])
async def test_small_batches_between_postings_leave_the_figures_the_ledger_gives(
    net: Network, seed: int, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rollups, "BATCH", batch)
    rng = random.Random(seed)
    rolled: list[int] = []

    async def sometimes_roll() -> None:
        if rng.random() < 0.3:
            async with net.pool.acquire() as db:
                # One batch, leaving the rest queued (a reversal may wait behind its original).
                async with db.transaction():
                    rolled.append(await db.fetchval(rollups.ROLL, batch))
                assert await stats.rollup_problems(db) == []

    second = await _random_ledger(net, rng, sometimes_roll)
    assert sum(rolled) > 0 and await _queued(net.pool) > 0  # both states were met
    async with net.pool.acquire() as db:
        for since, until in [(None, None), (date(2025, 3, 2), date(2025, 9, 20))]:
            for programme in (net.programme_id, second):
                fast, plain = [
                    await stats.programme_stats(
                        db, _operator(net), programme, since=since, until=until, min_cell=1,
                        rollups=rolled_up,
                    )
                    for rolled_up in (True, False)
                ]  # fmt: skip
                assert fast == plain, (programme, since, until)
        assert await _queued(net.pool) == 0  # the read rolled everything first
        assert await stats.rollup_problems(db) == []


async def test_postings_rollers_and_checks_at_once_always_agree(net: Network) -> None:
    """Eight writers earn, spend and reverse while two rollers roll in small batches and a
    checker compares the rollups with the transfers in one snapshot, over and over."""
    members = [await net.member(display_name=f"C{i}") for i in range(6)]
    account = "SELECT id FROM accounts WHERE kind = $1 AND owner_id = $2"
    accounts = [await net.pool.fetchval(account, "member", m["id"]) for m in members]
    earner = await net.pool.fetchval(account, "organisation", net.partner.id)
    venue = await net.pool.fetchval(account, "organisation", net.venue.id)
    done = asyncio.Event()
    checks = 0

    async def writer(w: int) -> None:
        rng = random.Random(w)
        mine: list[tuple[str, int, int]] = []
        for i in range(40):
            async with net.pool.acquire() as db:
                tid = f"txn_c{w}_{i}"
                if mine and rng.random() < 0.25:
                    original, debit, credit = mine.pop(rng.randrange(len(mine)))
                    args = ("reversal", credit, debit, 100, net.partner.id, original)
                elif rng.random() < 0.7:
                    args = ("earn", earner, rng.choice(accounts), 100, net.partner.id, None)
                else:
                    args = ("spend", rng.choice(accounts), venue, 100, net.venue.id, None)
                row = await db.fetchrow(
                    MOVE, tid, *args[:4], net.programme_id, args[4], args[5], datetime.now(UTC)
                )
                if row is not None and args[0] != "reversal":
                    mine.append((tid, args[1], args[2]))

    async def roller() -> None:
        async with net.pool.acquire() as db:
            while not done.is_set():
                await rollups.roll(db, wait=True)
                await asyncio.sleep(0.005)

    async def checker() -> None:
        nonlocal checks
        async with net.pool.acquire() as db:
            while not done.is_set():
                async with unit_of_work.snapshot(db):
                    assert await stats.rollup_problems(db) == []
                checks += 1

    background = [asyncio.create_task(f()) for f in (roller, roller, checker)]
    try:
        await asyncio.gather(*(writer(w) for w in range(8)))
    finally:
        done.set()
        await asyncio.gather(*background)
    assert checks > 3
    async with net.pool.acquire() as db:
        await rollups.catch_up(db)
        assert await _queued(net.pool) == 0
        assert await stats.rollup_problems(db) == []
        counted = await db.fetchval("SELECT coalesce(sum(transfers), 0) FROM report_sums")
        plain = await db.fetchval(
            "SELECT count(*) FROM transfers t WHERE kind IN ('earn', 'spend') "
            "AND NOT EXISTS (SELECT FROM transfers r WHERE r.reverses_id = t.id)"
        )
        assert counted == plain > 0


async def test_a_posting_rolled_back_queues_nothing(net: Network) -> None:
    m = await net.member()
    assert (await net.earn(m["id"], 2)).status_code == 201
    assert await _queued(net.pool) == 1
    account = "SELECT id FROM accounts WHERE kind = $1 AND owner_id = $2"
    async with net.pool.acquire() as db:
        earner = await db.fetchval(account, "organisation", net.partner.id)
        member = await db.fetchval(account, "member", m["id"])
        tr = db.transaction()
        await tr.start()
        await db.fetchrow(
            MOVE, "txn_gone", "earn", earner, member, 100, net.programme_id, net.partner.id,
            None, datetime.now(UTC),
        )  # fmt: skip
        assert await db.fetchval("SELECT count(*) FROM report_pending") == 2
        await tr.rollback()
    assert await _queued(net.pool) == 1
    async with net.pool.acquire() as db:
        assert await rollups.roll(db, wait=False) == 1
        assert await rollups.roll(db, wait=True) == 0


async def test_allocations_and_notes_are_not_queued(net: Network) -> None:
    # net's set-up allocated credits to its partners: transfers that are not counted.
    assert await net.pool.fetchval("SELECT count(*) FROM transfers") > 0
    assert await _queued(net.pool) == 0


async def test_a_roller_finding_another_at_work_leaves_the_queue_to_it(net: Network) -> None:
    m = await net.member()
    assert (await net.earn(m["id"], 1)).status_code == 201
    async with net.pool.acquire() as holder, net.pool.acquire() as db:
        async with holder.transaction():
            await holder.execute("SELECT pg_advisory_xact_lock($1)", rollups.ROLL_LOCK)
            assert await rollups.roll(db, wait=False) is None
        assert await rollups.roll(db, wait=False) == 1


async def test_each_worker_rolls_the_queue_without_any_read(net: Network) -> None:
    m = await net.member()
    for _ in range(3):
        assert (await net.earn(m["id"], 1)).status_code == 201
    job = asyncio.create_task(
        background.every(0.01, lambda: rollups.roll_queued(net.pool), what="rolling")
    )
    try:
        for _ in range(500):
            if await _queued(net.pool) == 0:
                break
            await asyncio.sleep(0.01)
    finally:
        job.cancel()
        with pytest.raises(asyncio.CancelledError):
            await job
    assert await _queued(net.pool) == 0
    people = await net.pool.fetchval("SELECT sum(people) FROM report_sums WHERE kind = 'earn'")
    assert people == 1
