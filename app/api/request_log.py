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

Called by the outermost middleware (app/metrics.py's, which watches every response for
the metrics already), so 413s are logged too; an exception that escapes the app is logged
as the 500 the client is sent."""

from starlette.types import Scope

from app.logs import RequestLogger
from app.metrics import route_template
from app.settings import Settings


def request_log_enabled(settings: Settings) -> bool:
    """TIMECREDITS_REQUEST_LOG, or by default on except in the tests' own environment
    (env test), whose thousands of in-process requests would only bury a failure's output."""
    if settings.request_log is not None:
        return settings.request_log
    return settings.env != "test"


class RequestLog:
    """One line per HTTP request, written after its response (app/metrics.py calls it)."""

    __slots__ = ("log",)

    def __init__(self, logger: RequestLogger) -> None:
        self.log = logger

    def __call__(self, scope: Scope, status: int, seconds: float) -> None:
        state = scope.get("state") or {}
        # A 401 is an unauthenticated request, even when the key was known a moment
        # before (a revoked key found in the key cache).
        caller = state.get("caller") if status != 401 else None
        self.log(
            request_id=state.get("request_id"),
            organisation_id=caller.organisation_id if caller is not None else None,
            key_id=caller.key_id if caller is not None else None,
            method=scope["method"],
            route=route_template(scope),
            status=status,
            duration_ms=round(seconds * 1000, 3),
        )
