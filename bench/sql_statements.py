"""What a Core `Statement` (app/services/sql.py) costs on top of hand-written SQL on asyncpg.

    .venv/bin/python bench/sql_statements.py [--database-url URL] [--calls 1000] [--rounds 30]

Starts an embedded PostgreSQL in a temporary directory unless a server is given
(`--database-url` or $TEST_DATABASE_URL, where it creates and drops a database of its own),
migrates it, makes one organisation with one API key and one programme, then times, on one
connection, the same statement sent as hand-written text and through its `Statement`: the
key lookup run on every request (keys.LOOKUP) and the cheapest read there is (a programme
by id). Rounds alternate between the two forms (median and best round). It also times
what is pure Python: compiling a statement (once, at import) and building a call's
arguments (every call)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import statistics
import tempfile
import time
import timeit
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from sqlalchemy import select

from app import db as dbmod
from app.services import keys, organisations
from app.services.sql import Statement

# keys.LOOKUP as it was written by hand before it became a Statement.
HAND_LOOKUP = """
WITH k AS (
    SELECT k.id, k.organisation_id, k.scopes, o.roles
      FROM api_keys k JOIN organisations o ON o.id = k.organisation_id
     WHERE k.secret_hash = $1 AND k.revoked_at IS NULL
), touch AS (
    UPDATE api_keys SET last_used_at = now()
      FROM k
     WHERE api_keys.id = k.id
       AND (api_keys.last_used_at IS NULL
            OR api_keys.last_used_at < now() - interval '60 seconds')
)
SELECT id, organisation_id, scopes, roles FROM k
"""
HAND_PROGRAMME = "SELECT * FROM programmes WHERE id = $1"


async def _setup(conn: asyncpg.Connection) -> tuple[bytes, str]:
    digest = secrets.token_bytes(32)
    await conn.execute(
        "INSERT INTO organisations (id, name, roles) VALUES ('org_b', 'Bench', '{earn_partner}')"
    )
    await conn.execute(
        """INSERT INTO api_keys (id, organisation_id, name, secret_prefix, secret_hash, scopes)
           VALUES ('key_b', 'org_b', 'bench', 'tc_live_b', $1, '{earn:write}')""",
        digest,
    )
    await conn.execute(
        """INSERT INTO programmes (id, name, place, focus, starts_on)
           VALUES ('prg_b', 'Bench', 'Here', 'Time', '2020-01-01')"""
    )
    return digest, "prg_b"


async def _per_call(calls: int, call: object) -> float:
    """µs per awaited call, `calls` in a row."""
    started = time.perf_counter()
    for _ in range(calls):
        await call()  # type: ignore[operator]
    return (time.perf_counter() - started) / calls * 1e6


async def _measure(url: str, calls: int, rounds: int) -> None:
    conn = await asyncpg.connect(url)
    await dbmod._init_connection(conn)
    try:
        digest, programme_id = await _setup(conn)
        pairs = {
            "key lookup (keys.LOOKUP)": (
                lambda: conn.fetchrow(HAND_LOOKUP, digest),
                lambda: keys.LOOKUP.fetchrow(conn, digest=digest),
            ),
            "programme by id": (
                lambda: conn.fetchrow(HAND_PROGRAMME, programme_id),
                lambda: organisations._GET_PROGRAMME.fetchrow(conn, id=programme_id),
            ),
        }
        for name, (hand, core) in pairs.items():
            assert dict(await hand()) == dict(await core())  # the same row
            await _per_call(calls, hand)  # warm up: prepared, cached, planned
            await _per_call(calls, core)
            results: dict[str, list[float]] = {"text": [], "Statement": []}
            for _ in range(rounds):
                results["text"].append(await _per_call(calls, hand))
                results["Statement"].append(await _per_call(calls, core))
            text, core_ = results["text"], results["Statement"]
            print(
                f"{name}: median {statistics.median(text):.1f} µs as text, "
                f"{statistics.median(core_):.1f} µs as a Statement; "
                f"best round {min(text):.1f} / {min(core_):.1f} µs"
            )
    finally:
        await conn.close()

    # The Python alone, on a connection that answers at once: what a Statement adds per call.
    fake = _Instant()
    statement, programme = keys.LOOKUP, organisations._PROGRAMMES
    overhead = {
        "text, 1 argument": lambda: fake.fetchrow(statement.sql, b"x"),
        "Statement, 1 parameter": lambda: statement.fetchrow(fake, digest=b"x"),
        "text, 3 arguments": lambda: fake.fetch(programme.sql, None, None, 51),
        "Statement, 3 parameters": lambda: programme.fetch(
            fake, after_on=None, after_id=None, limit=51
        ),
    }
    n = 200_000
    for name, call in overhead.items():
        spent = min(_drive(call, n) for _ in range(5))
        print(f"Python per call, {name}: {spent:.2f} µs")
    compile_us = (
        timeit.timeit(lambda: Statement(select(keys._live).add_cte(keys._touch)), number=200)
        / 200
        * 1e6
    )
    print(f"compiling keys.LOOKUP: {compile_us:.0f} µs, once at import")


class _Instant:
    """A connection whose every call is answered at once (no I/O)."""

    async def fetchrow(self, sql: str, *args: object) -> None:
        return None

    async def fetch(self, sql: str, *args: object) -> list[object]:
        return []


def _drive(call: Callable[[], Awaitable[object]], n: int) -> float:
    """CPU µs per call of awaiting `call()`, driven by hand (no event loop in the figure).
    CPU time, not wall time: on a shared machine other processes' load stays out of it."""
    started = time.process_time()
    for _ in range(n):
        awaitable = call()
        with contextlib.suppress(StopIteration):
            awaitable.send(None)  # type: ignore[attr-defined]
    return (time.process_time() - started) / n * 1e6


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


async def _admin(url: str, sql: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL"))
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=30)
    options = parser.parse_args()
    if options.database_url:
        server = dbmod.plain_url(options.database_url)
    else:
        data = Path(tempfile.mkdtemp(prefix="timecredits-bench-sql-"))
        server = dbmod.start_embedded(data, database="postgres", delete_on_exit=True)
    name = f"tc_bench_sql_{secrets.token_hex(4)}"
    asyncio.run(_admin(server, f'CREATE DATABASE "{name}"'))
    try:
        url = _with_database(server, name)
        dbmod.migrate(url)
        asyncio.run(_measure(url, options.calls, options.rounds))
    finally:
        asyncio.run(_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
