"""The fast path of the busiest routes (the earning; the desk's validate and redeem): the
same route, without FastAPI's dependency resolution when nothing about the request is
unusual.

FastAPI resolves a route's dependencies and validates its body through general machinery
that cost the earning about a third of the service's CPU (docs/performance.md), more than
the work it stands for. A route marked `@hot(...)` first tries that work directly: the
bearer key found in the key cache (app/auth/cache.py) with the scope, a valid or absent
Idempotency-Key, a JSON body the route's model accepts. Then it does exactly what the
route's own body would (for a write, `writing`: the unit of work). The key came from the
cache, so what runs must check in its own statement that the key is still live and answer
401 if not (ledger.EARN; redemptions._find's look-up). Anything else (no key or an unknown
one, a missing scope, a malformed header, a body the model refuses) goes to the route as
FastAPI declares it, which answers as it always has: the fast path never produces an error
of its own, so every refusal and its problem+json come from the one declared path. (The
key's rate limit is spent here by the declared path's own function,
app/api/rate_limit_headers.spend: past the budget both answer the same 429.)"""

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import asyncpg
from fastapi import Request, Response
from fastapi.routing import APIRoute
from fastapi.security.utils import get_authorization_scheme_param
from pydantic import BaseModel, ValidationError

from app.api import rate_limit_headers as rate_limits
from app.api.deps import Connection, idempotency_key
from app.api.responses import write
from app.api.routing import ExactJsonRequest, ExactJsonRoute
from app.auth import keys as secrets
from app.auth.caller import Caller
from app.services.errors import InvalidInput
from app.services.unit_of_work import OneStatement, Operation

_HOT = "__hot_write__"


# What a marked route does on the fast path, with the caller, the parsed body and the
# Idempotency-Key: exactly what its own body would do with them.
Fast = Callable[[Request, asyncpg.Connection, Caller, Any, str | None], Awaitable[Response]]


def hot(body: type[BaseModel], scope: str, fast: Fast) -> Callable[[Any], Any]:
    """Mark a route for the fast path: its body model, scope, and what it does."""

    def mark(endpoint: Callable[..., Any]) -> Callable[..., Any]:
        setattr(endpoint, _HOT, (fast, body, scope))
        return endpoint

    return mark


def writing(operation: Operation[Any, Any] | OneStatement[Any, Any]) -> Fast:
    """The fast path of a route that runs `operation` through the unit of work."""

    async def fast(
        request: Request, db: asyncpg.Connection, caller: Caller, body: Any, key: str | None
    ) -> Response:
        return await write(request, db, caller, operation, body, key)

    return fast


class HotRoute(ExactJsonRoute):
    """ExactJsonRoute, with the fast path for routes marked `@hot`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        marked = getattr(self.endpoint, _HOT, None)
        if marked is None:
            return super().get_route_handler()
        fast, model, scope = marked
        # FastAPI's own handler, given our request itself: the body it read is kept on the
        # request object (a new one would wait for a body the client already sent).
        declared = APIRoute.get_route_handler(self)

        async def hot_handler(request: Request) -> Response:
            exact = ExactJsonRequest(request.scope, request.receive)
            caller, key = _writer(exact, scope)
            if caller is not None and _json(exact):
                try:
                    body = model.model_validate(await exact.json())
                except (ValidationError, ValueError):
                    body = None  # the declared route parses it again and says why
                if body is not None:
                    async with Connection(exact) as db:
                        # The key's budget, as the declared route spends it; a lease, when
                        # one is due, on this connection before the write's transaction.
                        await rate_limits.spend(exact, caller, db, kind="writes")
                        return await fast(exact, db, caller, body, key)
            return await declared(exact)

        return hot_handler


def _writer(request: Request, scope: str) -> tuple[Any, str | None]:
    """(caller, Idempotency-Key) when the request needs nothing the declared route's
    dependencies would refuse or look up (app/api/auth.cached_writer); (None, None) else."""
    headers = request.headers
    scheme, secret = get_authorization_scheme_param(headers.get("authorization"))
    if scheme.lower() != "bearer" or not secrets.well_formed(secret):
        return None, None
    digest = secrets.digest(secret, request.app.state.env.pepper)
    caller = request.app.state.key_cache.get(digest)
    if caller is None or scope not in caller.scopes:
        return None, None
    try:
        key = idempotency_key(headers.get("idempotency-key"))
    except InvalidInput:
        return None, None
    request.state.caller = caller
    request.state.key_digest = digest
    return caller, key


def _json(request: Request) -> bool:
    content_type = request.headers.get("content-type", "")
    return content_type.split(";", 1)[0].strip().lower() == "application/json"
