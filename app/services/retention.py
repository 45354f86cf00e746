"""Retention: idempotency keys are kept at least 24 hours (DESIGN §4), then forgotten, in
the background by every worker (one at a time) and by `timecredits prune-idempotency-keys`.
Finished webhook deliveries are kept as long as TIMECREDITS_WEBHOOK_DELIVERY_RETENTION_DAYS
says (their log is for looking into recent trouble), then forgotten the same way."""

import asyncpg
import structlog

from app.services import guesses, rate_limits, unit_of_work

log = structlog.get_logger("timecredits.retention")

# Any one instance prunes at a time (the others skip their turn).
PRUNE_LOCK = 0x7463_6964_656D  # "tcidem"
PRUNE_DELIVERIES_LOCK = 0x7463_7768_6B64  # "tcwhkd"
PRUNE_BATCH = 5000


async def prune(db: asyncpg.Connection, *, older_than_hours: int) -> int:
    """Forget keys past their retention, in short batches (at 1,000 writes a second a day
    holds 86 million keys: one DELETE would hold its locks and bloat for minutes). Returns
    how many were deleted; 0 when another instance is pruning."""
    # No order needed: any old keys will do, found through the BRIN index on created_at
    # (migration 0007), a batch at a time.
    return await _in_batches(
        db,
        PRUNE_LOCK,
        """DELETE FROM idempotency_keys
            WHERE ctid = ANY (ARRAY(
                  SELECT ctid FROM idempotency_keys
                   WHERE created_at < now() - make_interval(hours => $1)
                   LIMIT $2))""",
        older_than_hours,
    )


async def prune_deliveries(db: asyncpg.Connection, *, older_than_days: int) -> int:
    """Forget webhook deliveries that finished (succeeded, or failed for good) more than
    `older_than_days` ago; a pending one is kept whatever its age, as it is still owed.
    One row per event per endpoint adds up: a busy network's log would grow without end.
    The oldest rows come first in the heap, so a batch's scan stops early."""
    return await _in_batches(
        db,
        PRUNE_DELIVERIES_LOCK,
        """DELETE FROM webhook_deliveries
            WHERE ctid = ANY (ARRAY(
                  SELECT ctid FROM webhook_deliveries
                   WHERE status <> 'pending'
                     AND updated_at < now() - make_interval(days => $1)
                   LIMIT $2))""",
        older_than_days,
    )


async def _in_batches(db: asyncpg.Connection, lock: int, delete: str, age: int) -> int:
    """Run `delete` (its $1 the age, $2 the batch size) until a batch comes up short, each
    batch its own short transaction under the advisory `lock`; how many rows went, 0 when
    another instance holds the lock."""
    deleted = 0
    while True:
        async with unit_of_work.housekeeping(db):
            if not await db.fetchval("SELECT pg_try_advisory_xact_lock($1)", lock):
                return deleted
            status = await db.execute(delete, age, PRUNE_BATCH)
        batch = int(status.split()[-1])
        deleted += batch
        if batch < PRUNE_BATCH:
            return deleted


async def prune_all(
    pool: asyncpg.Pool, *, older_than_hours: int, deliveries_older_than_days: int
) -> None:
    """One turn of the background job each worker runs (background.every): everything the
    service forgets once it has expired."""
    async with pool.acquire() as db:
        deleted = await prune(db, older_than_hours=older_than_hours)
        deliveries = await prune_deliveries(db, older_than_days=deliveries_older_than_days)
        await guesses.prune(db)  # card look-up misses of windows that ended
        await rate_limits.prune(db)  # rate-limit leases of windows that ended
    if deleted:
        log.info("idempotency keys pruned", deleted=deleted)
    if deliveries:
        log.info("webhook deliveries pruned", deleted=deliveries)
