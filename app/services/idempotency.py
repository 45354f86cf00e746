"""Idempotency keys: the same key and request replay the first response.

The key row is inserted in the operation's own transaction. A concurrent duplicate blocks
on that insert (the unique key) until the first commits, then finds the stored response and
replays it; if the first rolled back, the duplicate proceeds as the first. So concurrent
duplicates have exactly one effect, and only completed requests are remembered.

The earning, the hot path, does the same in one statement (ledger.EARN): it looks for the
key first and inserts it last, with the response; a concurrent duplicate that gets past the
look-up fails on the key's primary key once the first commits, which undoes its whole
statement, and its retry replays.

The two orders differ (key then accounts; accounts then key), so an earning and another
write sharing one key on one wallet can deadlock: PostgreSQL aborts one, and
transactions.retrying runs it again, when the other's stored response answers it."""

import asyncio
import hashlib
from dataclasses import dataclass

import asyncpg
import structlog

from app.services.errors import IdempotencyKeyReused

log = structlog.get_logger("timecredits.idempotency")

CLAIM = """INSERT INTO idempotency_keys (organisation_id, key, fingerprint) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING true"""
STORE = """UPDATE idempotency_keys SET status_code = $3, response_body = $4
            WHERE organisation_id = $1 AND key = $2"""


@dataclass(frozen=True, slots=True)
class Written:
    """A write's answer: the one it just produced, or the stored one a retry replays."""

    body: bytes
    status_code: int = 201
    replayed: bool = False


def fingerprint(method: str, path: str, canonical_body: bytes) -> bytes:
    return hashlib.sha256(b"\0".join([method.encode(), path.encode(), canonical_body])).digest()


def replay(stored: asyncpg.Record | dict, print_: bytes) -> Written:
    """The stored answer for a key already used; 422 if it was used for another request.
    `stored` holds the key's fingerprint, status_code and response_body."""
    if stored["fingerprint"] != print_:
        raise IdempotencyKeyReused(
            "this Idempotency-Key was used for a different request; use a new key"
        )
    return Written(bytes(stored["response_body"]), stored["status_code"], replayed=True)


async def claim(
    db: asyncpg.Connection, organisation_id: str, key: str, print_: bytes
) -> Written | None:
    """None: this request owns the key, go ahead. Written: answer with that replay instead."""
    inserted = await db.fetchval(
        CLAIM,
        organisation_id,
        key,
        print_,
    )
    if inserted:
        return None
    row = await db.fetchrow(
        """SELECT fingerprint, status_code, response_body FROM idempotency_keys
            WHERE organisation_id = $1 AND key = $2""",
        organisation_id,
        key,
    )
    return replay(row, print_)


async def store(
    db: asyncpg.Connection, organisation_id: str, key: str, status_code: int, body: bytes
) -> None:
    await db.execute(
        STORE,
        organisation_id,
        key,
        status_code,
        body,
    )


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
