"""The request log: one line per HTTP request on standard output, for the on-call engineer.

    {"request_id": "req_5b1f0c9e2a7d4410", "organisation_id": "org_…", "key_id": "key_…",
     "method": "POST", "route": "/v1/earnings", "status": 201, "duration_ms": 3.412,
     "time": "2026-12-06T14:03:07.120934Z"}

What a line holds is fixed here, and it is what may be known without reading anything
secret: the request id the response carries (X-Request-Id, app/api/middleware.py), who
called (the organisation and key the authentication already resolved and left in the
request's state: app/api/auth.py, app/api/hot.py; null without a key, or when the answer is
a 401), the method, the route's template (`/v1/members/{member_id}`, never the path, which
may carry a token such as a report link's, and never the query string; null when no route
matched), the status and the time to the end of the response. Never a header, a body or a
key: nothing here reads them.

Pure ASGI middleware, outside the body limit, so 413s are logged too; an exception that
escapes the app is logged as the 500 the client is sent."""

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.logs import RequestLogger
from app.settings import Settings


def request_log_enabled(settings: Settings) -> bool:
    """TIMECREDITS_REQUEST_LOG, or by default on except in the tests' own environment
    (env test), whose thousands of in-process requests would only bury a failure's output."""
    if settings.request_log is not None:
        return settings.request_log
    return settings.env != "test"


class RequestLog:
    """One line per HTTP request, written after its response."""

    def __init__(self, app: ASGIApp, logger: RequestLogger) -> None:
        self.app = app
        self.log = logger

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500  # what the client sees when the app fails before answering

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            duration_ms = round((time.perf_counter() - start) * 1000, 3)
            state = scope.get("state") or {}
            # A 401 is an unauthenticated request, even when the key was known a moment
            # before (a revoked key found in the key cache).
            caller = state.get("caller") if status != 401 else None
            self.log(
                request_id=state.get("request_id"),
                organisation_id=caller.organisation_id if caller is not None else None,
                key_id=caller.key_id if caller is not None else None,
                method=scope["method"],
                route=getattr(scope.get("route"), "path", None),
                status=status,
                duration_ms=duration_ms,
            )
