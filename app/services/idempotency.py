"""Idempotency keys: the same key and request replay the first response.

The key row is inserted in the operation's own transaction. A concurrent duplicate blocks
on that insert (the unique key) until the first commits, then finds the stored response and
replays it; if the first rolled back, the duplicate proceeds as the first. So concurrent
duplicates have exactly one effect, and only completed requests are remembered."""

import hashlib
from dataclasses import dataclass

import asyncpg

from app.services.errors import IdempotencyKeyReused

CLAIM = """INSERT INTO idempotency_keys (organisation_id, key, fingerprint) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING true"""
STORE = """UPDATE idempotency_keys SET status_code = $3, response_body = $4
            WHERE organisation_id = $1 AND key = $2"""


@dataclass(frozen=True, slots=True)
class Replay:
    status_code: int
    body: bytes


def fingerprint(method: str, path: str, canonical_body: bytes) -> bytes:
    return hashlib.sha256(b"\0".join([method.encode(), path.encode(), canonical_body])).digest()


async def claim(
    db: asyncpg.Connection, organisation_id: str, key: str, print_: bytes
) -> Replay | None:
    """None: this request owns the key, go ahead. A Replay: answer with it instead."""
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
    if row["fingerprint"] != print_:
        raise IdempotencyKeyReused(
            "this Idempotency-Key was used for a different request; use a new key"
        )
    return Replay(row["status_code"], bytes(row["response_body"]))


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


async def prune(db: asyncpg.Connection, *, older_than_hours: int = 48) -> int:
    """Forget keys past their retention (we promise at least 24 hours)."""
    status = await db.execute(
        "DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)",
        older_than_hours,
    )
    return int(status.split()[-1])
