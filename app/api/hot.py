"""The fast path of the busiest routes (the earning; the desk's validate and redeem): the
same routes, served before FastAPI's routing when nothing about the request is unusual.

Between our middleware and a route, FastAPI and Starlette run their exception layer, an
exit stack, the router's matching and the route's dependency resolution: measured in
instructions per earn (docs/performance.md), about a fifth of the service's CPU, more than
the work they stand for. `HotPaths`, the innermost middleware, serves a route marked
`@hot(body, scope, fast)` itself: the bearer key found in the key cache (app/auth/cache.py)
with the scope, a valid or absent Idempotency-Key, a JSON body the route's model accepts.
Then it does exactly what the route's own body would (for a write, `writing`: the unit of
work), and an error it raises is answered by the app's own exception handlers, as the
exception layer it skips would. The key came from the cache, so what runs must check in its
own statement that the key is still live and answer 401 if not (ledger.EARN; redemptions'
look-up). Anything else (no key or an unknown one, a missing scope, a malformed header, a
body the model refuses) goes on to the route as FastAPI declares it, the body read here
handed on, which answers as it always has: the fast path never produces an error of its
own, so every refusal and its problem+json come from the one declared path. (The key's
rate limit is spent here by the declared path's own function,
app/api/rate_limit_headers.spend: past the budget both answer the same 429.) The middleware
outside it (request id, body limit, RateLimit headers, metrics and the request log) sees
both paths alike."""

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import asyncpg
from fastapi import APIRouter, Request, Response
from fastapi.routing import APIRoute
from fastapi.security.utils import get_authorization_scheme_param
from pydantic import BaseModel, ValidationError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api import rate_limit_headers as rate_limits
from app.api.deps import Connection, idempotency_key
from app.api.responses import write
from app.api.routing import ExactJsonRequest
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


def marked(routers: Iterable[APIRouter]) -> dict[tuple[str, str], APIRoute]:
    """The routes marked `@hot` in `routers`, by (method, path)."""
    found = {}
    for router in routers:
        for route in router.routes:
            if isinstance(route, APIRoute) and hasattr(route.endpoint, _HOT):
                for method in route.methods:
                    found[(method, route.path)] = route
    return found


class HotPaths:
    """The innermost middleware: serves the marked routes' ordinary requests itself."""

    def __init__(self, app: ASGIApp, routes: dict[tuple[str, str], APIRoute]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        route = None
        if scope["type"] == "http":
            route = self.routes.get((scope["method"], scope["path"]))
        if route is None:
            await self.app(scope, receive, send)
            return
        fast, model, needs = getattr(route.endpoint, _HOT)
        request = ExactJsonRequest(scope, receive)
        caller, key = _writer(request, needs)
        if caller is None or not _json(request):
            await self.app(scope, receive, send)
            return
        raw = await request.body()
        try:
            body = model.model_validate(await request.json())
        except (ValidationError, ValueError):
            # The declared route reads the same body and says what is wrong with it.
            await self.app(scope, _replaying(raw, receive), send)
            return
        scope["route"] = route  # what the metrics and the request log name it by
        try:
            async with Connection(request) as db:
                # The key's budget, as the declared route spends it; a lease, when one is
                # due, on this connection before the write's transaction.
                await rate_limits.spend(request, caller, db, kind="writes")
                response = await fast(request, db, caller, body, key)
        except Exception as exc:
            response = await _handled(request, exc)
        await response(scope, receive, send)


async def _handled(request: Request, exc: Exception) -> Response:
    """The app's answer to `exc`, as Starlette's exception layer would give it (the handlers
    app/api/problems.py installs, all coroutines); anything that layer leaves to the
    server-error handler is raised on to it."""
    handlers = request.app.exception_handlers
    for cls in type(exc).__mro__:
        handler = handlers.get(cls)
        if handler is not None and cls is not Exception:
            return await handler(request, exc)
    raise exc


def _replaying(body: bytes, receive: Receive) -> Receive:
    """`receive`, with the body already read handed out first."""
    pending = True

    async def replay() -> Message:
        nonlocal pending
        if pending:
            pending = False
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


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
