"""Request-scoped dependencies: a pooled connection, settings."""

from collections.abc import AsyncIterator
from typing import Annotated

import asyncpg
from fastapi import Depends, Header, Request

from app.services.errors import InvalidInput


class Connection:
    """`async with Connection(request) as db`: a pooled connection, in arrival order.

    Requests queue for it first come, first served (app.state.db_gate, a semaphore the size
    of the pool). asyncpg's pool alone lets a later request overtake waiting ones, again and
    again under load: earns' p99 was 260 ms and more without the gate, 46-50 ms with it
    (tests/api/test_db_gate.py). A plain class: the earning's route takes its connection
    with it rather than through a generator dependency, which costs FastAPI about 0.13 ms of
    CPU a request (docs/performance.md)."""

    __slots__ = ("_acquire", "_gate")

    def __init__(self, request: Request) -> None:
        state = request.app.state
        self._gate = state.db_gate
        self._acquire = state.pool.acquire()

    async def __aenter__(self) -> asyncpg.Connection:
        await self._gate.acquire()
        try:
            return await self._acquire.__aenter__()
        except BaseException:
            self._gate.release()
            raise

    async def __aexit__(self, *exc: object) -> None:
        try:
            await self._acquire.__aexit__(*exc)
        finally:
            self._gate.release()


async def get_db(request: Request) -> AsyncIterator[asyncpg.Connection]:
    """One pooled connection per request, shared by auth and the operation."""
    _refuse_nul(request)
    async with Connection(request) as conn:
        yield conn


Db = Annotated[asyncpg.Connection, Depends(get_db)]


def _refuse_nul(request: Request) -> None:
    """PostgreSQL text cannot hold NUL (`%00`): a path or query parameter carrying one is a
    422 here, before any query sees it, instead of a 500 from the driver. (Bodies are
    checked by their models.)"""
    params = [*request.path_params.items(), *request.query_params.multi_items()]
    for name, value in params:
        if "\x00" in name or "\x00" in str(value):
            raise InvalidInput.field(name.replace("\x00", ""), "must not contain NUL characters")


IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias="idempotency-key",
        description="Retry safely: the same key and request replay the original response "
        "for at least 24 hours. 1-255 printable ASCII characters.",
        examples=["5f0c7e0e-2b7a-4f7e-9d1a-0d4b3f1c2a9e"],
    ),
]


def idempotency_key(value: str | None) -> str | None:
    if value is not None and (not (1 <= len(value) <= 255) or not value.isprintable()):
        raise InvalidInput.field("Idempotency-Key", "must be 1-255 printable characters")
    return value


async def _idempotency_key(  # async: a sync dependency costs a thread hop
    idempotency_key_: IdempotencyKeyHeader = None,
) -> str | None:
    return idempotency_key(idempotency_key_)


IdempotencyKey = Annotated[str | None, Depends(_idempotency_key)]
