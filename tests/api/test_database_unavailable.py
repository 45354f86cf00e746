"""A database that went away is a 503 problem with Retry-After (retry, same Idempotency-Key),
not a 500; errors that merely look alike (a file's OSError, a driver DataError) stay 500s.
tests/e2e/test_postgres_crash.py kills a real PostgreSQL; this pins the mapping itself."""

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.api import ops, problems
from app.api.middleware import RequestId
from tests.api.support import assert_problem

GONE = [
    asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
    asyncpg.CannotConnectNowError("the database system is starting up"),
    asyncpg.AdminShutdownError("terminating connection due to administrator command"),
    asyncpg.CrashShutdownError("terminating connection because of crash of another process"),
    ConnectionRefusedError(111, "Connection refused"),
    ConnectionResetError(104, "Connection reset by peer"),
    FileNotFoundError(2, "No such file or directory"),  # a unix socket's: no filename
    asyncpg.InterfaceError("cannot call Connection.fetch(): connection is closed"),
    asyncpg.InterfaceError("pool is closing"),
    asyncpg.InternalClientError("cannot switch to state 11; another operation (2) is in progress"),
]
NOT_GONE = [
    FileNotFoundError(2, "No such file or directory", "/srv/templates/report.html"),
    asyncpg.DataError("invalid input for query argument $1"),
    asyncpg.InterfaceError("the server expects 2 arguments for this query, 1 was passed"),
    asyncpg.QueryCanceledError("canceling statement due to statement timeout"),
    asyncpg.InternalClientError("cannot switch to state 12; another operation (11) is in progress"),
    TimeoutError(),
]


def _app(exc: Exception) -> FastAPI:
    app = FastAPI()
    problems.install(app)
    app.add_middleware(RequestId)

    @app.get("/boom")
    async def boom() -> None:
        raise exc

    return app


async def _get(exc: Exception) -> httpx.Response:
    transport = httpx.ASGITransport(app=_app(exc), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        return await http.get("/boom")


@pytest.mark.parametrize("exc", GONE, ids=lambda e: f"{type(e).__name__}:{e}")
async def test_a_database_gone_is_a_503_to_retry(exc: Exception) -> None:
    r = await _get(exc)
    body = assert_problem(r, 503, "service_unavailable")
    assert r.headers["retry-after"] == "1"
    assert "Idempotency-Key" in body["detail"]


@pytest.mark.parametrize("exc", NOT_GONE, ids=lambda e: f"{type(e).__name__}:{e}")
async def test_look_alikes_stay_500s(exc: Exception) -> None:
    r = await _get(exc)
    assert r.status_code == 500, r.text
    assert r.json()["code"] == "internal_error"
    assert "retry-after" not in r.headers


class _GonePool:
    """A pool whose database refuses connections (what /readyz meets while it is down)."""

    def acquire(self, timeout: float) -> object:
        raise ConnectionRefusedError(111, "Connection refused")


async def test_readyz_says_so_the_same_way() -> None:
    app = FastAPI()
    problems.install(app)
    app.add_middleware(RequestId)
    app.include_router(ops.router)
    app.state.pool = _GonePool()
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        r = await http.get("/readyz")
    body = assert_problem(r, 503, "service_unavailable")
    assert r.headers["retry-after"] == "1"
    assert "ConnectionRefusedError" in body["detail"]
