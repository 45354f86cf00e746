"""The service's own SQL, captured rather than copied, and EXPLAIN summaries of it.

`Recorder` stands in for an asyncpg connection: a service function called with it records
each statement and its parameters instead of running them (or runs them on a real
connection too, with `through=`). So a benchmark runs exactly what the service would run,
with parameters the service itself computed, and cannot drift when either changes."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import asyncpg

Call = tuple[str, tuple[Any, ...]]


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
    """EXPLAIN (ANALYZE, BUFFERS) of a statement as asyncpg runs it, after the service's own
    `setup` (SET LOCALs), rolled back. `mode` overrides plan_cache_mode: "force_custom_plan"
    (a plan for these values) or "force_generic_plan" (what a cached prepared statement
    settles on after five runs). JSON (the plan's root object) unless `text`."""
    tr = conn.transaction()
    await tr.start()
    try:
        for statement in setup:
            if statement.strip():
                await conn.execute(statement)
        if mode is not None:
            await conn.execute(f"SET LOCAL plan_cache_mode = {mode}")
        options = "ANALYZE, BUFFERS" + ("" if text else ", FORMAT JSON")
        rows = await conn.fetch(f"EXPLAIN ({options}) {sql}", *params)
    finally:
        await tr.rollback()
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
