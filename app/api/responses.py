"""Write responses: one transaction per operation, with Idempotency-Key replay."""

from collections.abc import Awaitable, Callable

import asyncpg
from fastapi import Request, Response
from pydantic import BaseModel

from app.auth.caller import Caller
from app.services import idempotency


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
    stored with it, so a retry (even a concurrent one) replays instead of repeating."""
    async with db.transaction():
        if key is not None:
            canonical = body.model_dump_json().encode() if body is not None else b""
            print_ = idempotency.fingerprint(request.method, request.url.path, canonical)
            replay = await idempotency.claim(db, caller.organisation_id, key, print_)
            if replay is not None:
                return Response(
                    replay.body,
                    status_code=replay.status_code,
                    media_type="application/json",
                    headers={"Idempotent-Replayed": "true"},
                )
        result = await operation()
        payload = result.model_dump_json(by_alias=True).encode()
        if key is not None:
            await idempotency.store(db, caller.organisation_id, key, status_code, payload)
    return Response(payload, status_code=status_code, media_type="application/json")
