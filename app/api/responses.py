"""Write responses: every REST write goes through the unit of work and answers its Outcome."""

from typing import Any

import asyncpg
from fastapi import Request, Response
from pydantic import BaseModel

from app.auth.caller import Caller
from app.services import unit_of_work
from app.services.unit_of_work import OneStatement, Operation, Outcome


def answer(outcome: Outcome[Any]) -> Response:
    headers = {"Idempotent-Replayed": "true"} if outcome.replayed else None
    if outcome.status == 204:
        return Response(status_code=204, headers=headers)
    return Response(
        outcome.body, status_code=outcome.status, media_type="application/json", headers=headers
    )


async def write(
    request: Request,
    db: asyncpg.Connection,
    caller: Caller,
    operation: Operation[Any, Any] | OneStatement[Any, Any],
    input_: BaseModel | None,
    key: str | None = None,
) -> Response:
    """Run `operation` on `input_` as one unit of work and answer with its outcome."""
    env = request.app.state.env
    return answer(await unit_of_work.write(db, env, caller, operation, input_, key=key))
