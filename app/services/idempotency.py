"""Idempotency keys: the same key and request replay the first response.

The unit of work (app/services/unit_of_work.py) claims the key in the operation's own
transaction. A concurrent duplicate blocks on that insert (the unique key) until the first
commits, then finds the stored response and replays it; if the first rolled back, the
duplicate proceeds as the first. So concurrent duplicates have exactly one effect, and only
completed requests are remembered.

The earning, the hot path, does the same in one statement (ledger.EARN, with PRIOR and
STORE below): it looks for the key first and inserts it last, with the response; a
concurrent duplicate that gets past the look-up fails on the key's primary key once the
first commits, which undoes its whole statement, and its retry replays."""

import asyncio

import asyncpg
import structlog

from app.services.errors import IdempotencyKeyReused

log = structlog.get_logger("timecredits.idempotency")

PRIMARY_KEY = "idempotency_keys_pkey"
CLAIM = """INSERT INTO idempotency_keys (organisation_id, key, fingerprint) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING true"""
STORED = """SELECT fingerprint, status_code, response_body FROM idempotency_keys
             WHERE organisation_id = $1 AND key = $2"""
STORE = """UPDATE idempotency_keys SET status_code = $3, response_body = $4
            WHERE organisation_id = $1 AND key = $2"""


def prior_cte(organisation: str, key: str) -> str:
    """For a one-statement write: `prior`, the key's stored answer if it was used."""
    return f"""prior AS (
    SELECT fingerprint, status_code, response_body FROM idempotency_keys
     WHERE organisation_id = {organisation} AND key = {key}
)"""


def store_cte(organisation: str, key: str, fingerprint: str, status: int, source: str) -> str:
    """For a one-statement write: `stored`, the key remembered with the reply that
    `source` (a CTE with a `body` column) built, when there is a key and a reply."""
    return f"""stored AS (
    INSERT INTO idempotency_keys (organisation_id, key, fingerprint, status_code, response_body)
    SELECT {organisation}, {key}, {fingerprint}, {status}, convert_to({source}.body, 'UTF8')
      FROM {source} WHERE {key}::text IS NOT NULL
)"""


def replay(stored: asyncpg.Record | dict, print_: bytes) -> tuple[bytes, int]:
    """The stored body and status for a key already used; 422 if it was used for another
    request. `stored` holds the key's fingerprint, status_code and response_body."""
    if stored["fingerprint"] != print_:
        raise IdempotencyKeyReused(
            "this Idempotency-Key was used for a different request; use a new key"
        )
    return bytes(stored["response_body"]), stored["status_code"]


async def claim(
    db: asyncpg.Connection, organisation_id: str, key: str, print_: bytes
) -> asyncpg.Record | None:
    """None: this request owns the key, go ahead. A record: the key was used; replay it."""
    if await db.fetchval(CLAIM, organisation_id, key, print_):
        return None
    return await db.fetchrow(STORED, organisation_id, key)


async def store(
    db: asyncpg.Connection, organisation_id: str, key: str, status_code: int, body: bytes
) -> None:
    await db.execute(STORE, organisation_id, key, status_code, body)


# Any one instance prunes at a time (the others skip their turn).
PRUNE_LOCK = 0x7463_6964_656D  # "tcidem"
PRUNE_BATCH = 5000


async def prune(db: asyncpg.Connection, *, older_than_hours: int) -> int:
    """Forget keys past their retention, in short batches (at 1,000 writes a second a day
    holds 86 million keys: one DELETE would hold its locks and bloat for minutes). Returns
    how many were deleted; 0 when another instance is pruning."""
    deleted = 0
    while True:
        async with db.transaction():
            if not await db.fetchval("SELECT pg_try_advisory_xact_lock($1)", PRUNE_LOCK):
                return deleted
            status = await db.execute(
                """DELETE FROM idempotency_keys
                    WHERE (organisation_id, key) IN (
                        SELECT organisation_id, key FROM idempotency_keys
                         WHERE created_at < now() - make_interval(hours => $1)
                         ORDER BY created_at LIMIT $2)""",
                older_than_hours,
                PRUNE_BATCH,
            )
        batch = int(status.split()[-1])
        deleted += batch
        if batch < PRUNE_BATCH:
            return deleted


async def prune_every(pool: asyncpg.Pool, *, older_than_hours: int, seconds: float) -> None:
    """The background job each worker runs: prune, sleep, again. A failure is logged and
    retried next time; it never stops the service."""
    while True:
        try:
            async with pool.acquire() as db:
                deleted = await prune(db, older_than_hours=older_than_hours)
            if deleted:
                log.info("idempotency keys pruned", deleted=deleted)
        except Exception as exc:  # a housekeeping failure must not end the job
            log.warning("idempotency key pruning failed", error=repr(exc))
        await asyncio.sleep(seconds)
