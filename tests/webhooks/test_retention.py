"""Finished deliveries are forgotten after TIMECREDITS_WEBHOOK_DELIVERY_RETENTION_DAYS;
pending ones are owed and kept whatever their age."""

import asyncpg
import pytest

from app.services import retention
from tests.network import Network
from tests.webhooks.support import deliveries, endpoint

PUBLIC = "https://1.1.1.1/hooks/timecredits"


async def _delivery(pool: asyncpg.Pool, endpoint_id: str, n: int, status: str, age: int) -> str:
    """A delivery row of `status`, last touched `age` days ago."""
    delivery_id = f"whd_retention{n:04d}"
    await pool.execute(
        """INSERT INTO webhook_deliveries
               (id, endpoint_id, event_seq, event_xid, event_type, webhook_id, status,
                attempts, created_at, updated_at)
           VALUES ($1, $2, $3, '1'::xid8, 'earning.created', $4, $5, 1,
                   now() - make_interval(days => $6), now() - make_interval(days => $6))""",
        delivery_id,
        endpoint_id,
        n,
        f"msg_retention{n:04d}",
        status,
        age,
    )
    return delivery_id


async def test_finished_deliveries_past_retention_are_forgotten(
    net: Network, pool: asyncpg.Pool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(retention, "PRUNE_BATCH", 2)  # several batches
    hook = await endpoint(net, PUBLIC)
    old_done = [await _delivery(pool, hook["id"], n, "succeeded", 31) for n in range(3)]
    old_done.append(await _delivery(pool, hook["id"], 3, "failed", 40))
    kept = [
        await _delivery(pool, hook["id"], 10, "pending", 90),  # still owed
        await _delivery(pool, hook["id"], 11, "succeeded", 29),  # within retention
        await _delivery(pool, hook["id"], 12, "failed", 1),
    ]
    async with pool.acquire() as db:
        assert await retention.prune_deliveries(db, older_than_days=30) == 4
        assert await retention.prune_deliveries(db, older_than_days=30) == 0
    left = {d["id"] for d in await deliveries(net, hook["id"])}
    assert left == set(kept)


async def test_one_instance_prunes_deliveries_at_a_time(net: Network, pool: asyncpg.Pool) -> None:
    hook = await endpoint(net, PUBLIC)
    await _delivery(pool, hook["id"], 1, "succeeded", 60)
    async with pool.acquire() as holder, holder.transaction():
        await holder.execute("SELECT pg_advisory_xact_lock($1)", retention.PRUNE_DELIVERIES_LOCK)
        async with pool.acquire() as db:
            assert await retention.prune_deliveries(db, older_than_days=30) == 0
    async with pool.acquire() as db:
        assert await retention.prune_deliveries(db, older_than_days=30) == 1
