"""Request-scoped dependencies: a pooled connection, settings."""

from collections.abc import AsyncIterator
from typing import Annotated

import asyncpg
from fastapi import Depends, Header, Request

from app.services.errors import InvalidInput


async def get_db(request: Request) -> AsyncIterator[asyncpg.Connection]:
    """One pooled connection per request, shared by auth and the operation.

    Requests queue for it first come, first served (app.state.db_gate, a semaphore the size
    of the pool). asyncpg's pool alone lets a later request overtake waiting ones, again and
    again under load: earns' p99 was 260 ms and more without the gate, 46-50 ms with it
    (bench/ledger.py; tests/api/test_db_gate.py)."""
    _refuse_nul(request)
    state = request.app.state
    async with state.db_gate, state.pool.acquire() as conn:
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


async def _idempotency_key(  # async: a sync dependency costs a thread hop
    idempotency_key: Annotated[
        str | None,
        Header(
            description="Retry safely: the same key and request replay the original response "
            "for at least 24 hours. 1-255 printable ASCII characters.",
            examples=["5f0c7e0e-2b7a-4f7e-9d1a-0d4b3f1c2a9e"],
        ),
    ] = None,
) -> str | None:
    if idempotency_key is None:
        return None
    if not (1 <= len(idempotency_key) <= 255) or not idempotency_key.isprintable():
        raise InvalidInput.field("Idempotency-Key", "must be 1-255 printable characters")
    return idempotency_key


IdempotencyKey = Annotated[str | None, Depends(_idempotency_key)]
