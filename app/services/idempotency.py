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

import asyncpg

from app.services.errors import IdempotencyKeyReused

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
