"""The service's own SQL, captured rather than copied, and EXPLAIN summaries of it.

`Recorder` stands in for an asyncpg connection: a service function called with it records
each statement and its parameters instead of running them (or runs them on a real
connection too, with `through=`). `in_process` runs the app itself in this process and
records every statement a request ran. Either way a benchmark runs exactly what the service
would, with parameters the service itself computed, and cannot drift when either changes.
`explain` runs them as prepared statements, so a generic plan is the real one."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import asyncpg
import httpx

from .bench import NEVER_REFUSED

Call = tuple[str, tuple[Any, ...]]
Requester = Callable[[str, str], Awaitable[tuple[httpx.Response, list[Call]]]]


class Recorder:
    """A stand-in connection: `calls` lists (statement, parameters) in order. Without a real
    connection (`through`) every query answers `row` (fetch: [row], or [] without one;
    fetchval: None)."""

    def __init__(
        self, row: dict[str, Any] | None = None, through: asyncpg.Connection | None = None
    ) -> None:
        self.row, self.through = row or {}, through
        self.calls: list[Call] = []
        self.setup: list[str] = []  # parameterless statements (SET LOCAL ...) run first

    async def _run(self, method: str, sql: str, args: tuple[Any, ...], fake: Any) -> Any:
        if args or method != "execute":
            self.calls.append((sql, args))
        else:
            self.setup.append(sql)
        if self.through is not None:
            return await getattr(self.through, method)(sql, *args)
        return fake

    async def fetch(self, sql: str, *args: Any) -> list[Any]:
        return await self._run("fetch", sql, args, [self.row] if self.row else [])

    async def fetchrow(self, sql: str, *args: Any) -> Any:
        return await self._run("fetchrow", sql, args, self.row)

    async def fetchval(self, sql: str, *args: Any) -> Any:
        return await self._run("fetchval", sql, args, None)

    async def execute(self, sql: str, *args: Any) -> str:
        return await self._run("execute", sql, args, "OK")

    def is_in_transaction(self) -> bool:
        return True  # the service then runs its statement once, without its retry loop

    @contextlib.asynccontextmanager
    async def transaction(self, **_: Any) -> AsyncIterator[None]:
        if self.through is None:
            yield
        else:
            async with self.through.transaction():
                yield


async def json_codec(conn: asyncpg.Connection) -> None:
    """jsonb as the service's pool sends it (app/db.py): Python objects through json."""
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def explain(
    conn: asyncpg.Connection,
    sql: str,
    params: tuple[Any, ...],
    *,
    setup: tuple[str, ...] | list[str] = (),
    mode: str | None = None,
    text: bool = False,
) -> Any:
    """EXPLAIN (ANALYZE, BUFFERS) of a statement run as a prepared statement, after the
    service's own `setup` (SET LOCALs), rolled back. `mode` overrides plan_cache_mode:
    "force_custom_plan" (a plan for these values) or "force_generic_plan" (what a statement
    asyncpg has cached settles on after five runs when the generic plan looks no costlier).
    A plain EXPLAIN would always plan for the values, so this PREPAREs and EXPLAINs an
    EXECUTE. JSON (the plan's root object) unless `text`."""
    types = [f"{t.schema}.{t.name}" for t in (await conn.prepare(sql)).get_parameters()]
    declared, args = "", ""
    if types:  # EXECUTE takes no parameters: the values as literals, quoted by PostgreSQL
        quote = ", ".join(f"quote_nullable(${i}::{t}::text)" for i, t in enumerate(types, 1))
        literals = await conn.fetchval(f"SELECT ARRAY[{quote}]", *params)
        declared = f"({', '.join(types)})"
        args = f"({', '.join(f'{v}::{t}' for v, t in zip(literals, types, strict=True))})"
    options = "ANALYZE, BUFFERS" + ("" if text else ", FORMAT JSON")
    tr = conn.transaction()
    await tr.start()
    try:
        for statement in setup:
            if statement.strip():
                await conn.execute(statement)
        if mode is not None:
            await conn.execute(f"SET LOCAL plan_cache_mode = {mode}")
        await conn.execute(f"PREPARE bench_explained {declared} AS {sql}")
        rows = await conn.fetch(f"EXPLAIN ({options}) EXECUTE bench_explained {args}")
    finally:
        await tr.rollback()
        with contextlib.suppress(asyncpg.InvalidSQLStatementNameError):
            await conn.execute("DEALLOCATE bench_explained")  # PREPARE outlives a rollback
    if text:
        return "\n".join(r[0] for r in rows)
    value = rows[0][0]
    return (json.loads(value) if isinstance(value, str) else value)[0]


def nodes(plan: dict[str, Any]) -> list[dict[str, Any]]:
    out, stack = [], [plan.get("Plan", plan)]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(node.get("Plans", []))
    return out


def reads(plan: dict[str, Any], tables: tuple[str, ...]) -> list[str]:
    """How the plan reads `tables`: "Index Scan on <index>", "Seq Scan on <table>", ..."""
    uses = set()
    for node in nodes(plan):
        index, relation = node.get("Index Name"), node.get("Relation Name")
        if index and (relation in tables or any(index.startswith(t) for t in tables)):
            uses.add(f"{node['Node Type']} on {index}")
        elif relation in tables:
            uses.add(f"{node['Node Type']} on {relation}")
    return sorted(uses)


def buffers(plan: dict[str, Any]) -> int:
    """Shared buffers the statement touched (hit + read), from the root node."""
    root = plan.get("Plan", plan)
    return int(root.get("Shared Hit Blocks", 0)) + int(root.get("Shared Read Blocks", 0))


@contextlib.asynccontextmanager
async def in_process(database_url: str, pepper: str) -> AsyncIterator[Requester]:
    """The service's app in this process (its lifespan and pool), and a function that sends
    it one GET and returns the response with every statement the request ran: the SQL of
    any endpoint, as the service runs it, whoever wrote it (asyncpg's Connection methods
    record while a request is in flight)."""
    from asyncpg.connection import Connection

    # Budgets no reader reaches, as the served service's (bench.py): the benchmark's own
    # load has just spent the key's budget of this minute, shared through PostgreSQL.
    env = {"DATABASE_URL": database_url, "TIMECREDITS_KEY_PEPPER": pepper,
           "TIMECREDITS_MIGRATE_ON_START": "false",
           "TIMECREDITS_RATE_LIMIT_READS_PER_MINUTE": str(NEVER_REFUSED),
           "TIMECREDITS_RATE_LIMIT_WRITES_PER_MINUTE": str(NEVER_REFUSED)}  # fmt: skip
    saved_env = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    from app.main import create_app
    from app.settings import Settings

    app = create_app(Settings())
    recording: list[Call] | None = None
    originals = {n: getattr(Connection, n) for n in ("fetch", "fetchrow", "fetchval", "execute")}

    def recorded(original: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        async def method(self: Connection, query: str, *args: Any, **kwargs: Any) -> Any:
            if recording is not None:
                recording.append((query, args))
            return await original(self, query, *args, **kwargs)

        return method

    for name, original in originals.items():
        setattr(Connection, name, recorded(original))
    try:
        transport = httpx.ASGITransport(app=app)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://bench") as client,
        ):

            async def get(path: str, key: str) -> tuple[httpx.Response, list[Call]]:
                nonlocal recording
                recording = []
                try:
                    response = await client.get(path, headers={"Authorization": f"Bearer {key}"})
                    return response, recording
                finally:
                    recording = None

            yield get
    finally:
        for name, original in originals.items():
            setattr(Connection, name, original)
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
