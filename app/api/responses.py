"""Write responses: one transaction per operation, with Idempotency-Key replay."""

from collections.abc import Awaitable, Callable

import asyncpg
from fastapi import Request, Response
from pydantic import BaseModel

from app.auth.caller import Caller
from app.models.common import STORED_FOR_REPLAY
from app.services import idempotency, transactions
from app.services.idempotency import Written


def request_fingerprint(request: Request, body: BaseModel | None) -> bytes:
    """What an Idempotency-Key is bound to: method, path and the validated body, as sent:
    a field sent as null and one left out are different requests (a listing's `location:
    null` gives it a place of its own, an absent one follows its organisation)."""
    canonical = body.model_dump_json(exclude_unset=True).encode() if body is not None else b""
    return idempotency.fingerprint(request.method, request.url.path, canonical)


def answer(written: Written) -> Response:
    headers = {"Idempotent-Replayed": "true"} if written.replayed else None
    return Response(
        written.body,
        status_code=written.status_code,
        media_type="application/json",
        headers=headers,
    )


async def write(
    request: Request,
    db: asyncpg.Connection,
    caller: Caller,
    key: str | None,
    body: BaseModel | None,
    operation: Callable[[], Awaitable[BaseModel]],
    *,
    status_code: int = 201,
) -> Response:
    """Run `operation` in one transaction and answer with its result.

    With an Idempotency-Key, the key is claimed in that same transaction and the response
    stored with it (without its secrets), so a retry (even a concurrent one) replays
    instead of repeating. A
    deadlock's victim runs again from the start (transactions.retrying)."""
    print_ = request_fingerprint(request, body) if key is not None else b""

    async def once() -> Written:
        async with db.transaction():
            if key is not None:
                replay = await idempotency.claim(db, caller.organisation_id, key, print_)
                if replay is not None:
                    return replay
            result = await operation()
            payload = result.model_dump_json(by_alias=True).encode()
            if key is not None:
                # Replays get this copy: secrets (ShownOnce fields) are not in it.
                stored = result.model_dump_json(by_alias=True, context=STORED_FOR_REPLAY)
                await idempotency.store(
                    db, caller.organisation_id, key, status_code, stored.encode()
                )
        return Written(payload, status_code)

    return answer(await transactions.retrying(once))
