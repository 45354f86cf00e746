"""The one mapping from errors to RFC 9457 problem+json responses."""

from typing import Any

import asyncpg
import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api.auth import forget_key
from app.metrics import route_template
from app.services import errors as e

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://docs.timecredits.example/problems/"

STATUS: dict[type[e.DomainError], int] = {
    e.Unauthenticated: 401,
    e.Forbidden: 403,
    e.ReversalWindowPassed: 403,
    e.NotFound: 404,
    e.InvalidInput: 422,
    e.InsufficientCredits: 409,
    e.Conflict: 409,
    e.RedemptionRefused: 409,
    e.IdempotencyKeyReused: 422,
    e.RateLimited: 429,
}

_HTTP_CODES = {
    400: ("bad_request", "Bad request"),
    404: ("not_found", "Not found"),
    405: ("method_not_allowed", "Method not allowed"),
    413: ("payload_too_large", "Request body too large"),
    415: ("unsupported_media_type", "Unsupported media type"),
}

log = structlog.get_logger("timecredits.errors")


def request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def problem(
    request: Request,
    status: int,
    code: str,
    title: str,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": TYPE_BASE + code,
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        "request_id": request_id(request),
    }
    if errors:
        body["errors"] = errors
    hdrs = dict(headers or {})
    if (rid := request_id(request)) is not None:
        hdrs["X-Request-Id"] = rid
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=hdrs)


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


async def _domain(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, e.DomainError)
    headers: dict[str, str] | None = None
    if isinstance(exc, e.Unauthenticated):
        headers = {"WWW-Authenticate": "Bearer"}
        forget_key(request)
    elif isinstance(exc, e.RateLimited):
        headers = {"Retry-After": str(exc.retry_after)}
    # Details quote the caller's input ("unknown scope(s): …"): clip them, so a 100 kB
    # value is not reflected (twice) into the answer and the logs.
    errors = [{**err, "message": _clip(err["message"])} for err in exc.errors or []]
    return problem(
        request, STATUS[type(exc)], exc.code, exc.title, _clip(exc.detail), errors, headers
    )


def _clip(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errs = exc.errors()
    if any(err.get("type") == "json_invalid" for err in errs):
        return problem(
            request,
            400,
            "malformed_json",
            "Malformed JSON",
            "the request body is not valid JSON (or not UTF-8)",
        )
    fields = [
        {"field": _field(tuple(err.get("loc", ()))), "message": _message(err)} for err in errs
    ]
    detail = "; ".join(f"{f['field']}: {f['message']}" for f in fields[:5])
    return problem(request, 422, "validation_error", "Invalid request", detail, fields)


def _message(err: dict[str, Any]) -> str:
    msg = str(err.get("msg", "is invalid"))
    # Pydantic prefixes our own ValueErrors; the field name already says what failed.
    return _clip(msg.removeprefix("Value error, "))


# FastAPI's answer when json.loads fails with something other than a JSONDecodeError:
# bytes that are not UTF-8, or an integer too long to convert.
_BODY_PARSE_ERROR = "There was an error parsing the body"


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and exc.detail == _BODY_PARSE_ERROR:
        code, title, detail = _EXAMPLES[400]
        return problem(request, 400, code, title, detail)
    code, title = _HTTP_CODES.get(exc.status_code, ("http_error", "HTTP error"))
    detail = exc.detail if isinstance(exc.detail, str) else title
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"no route {request.method} {request.url.path}"
    return problem(request, exc.status_code, code, title, detail, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception(
        "unhandled error", request_id=request_id(request), route=route_template(request.scope)
    )
    return problem(
        request,
        500,
        "internal_error",
        "Internal server error",
        "something went wrong on our side; quote the request_id if you contact us",
    )


# The database went away: refused or reset (it is down or restarting; on a unix socket, its
# file is gone), closed under a query, or starting up, shutting down, recovering. A retry
# will do once it is back, so these are 503s, not bugs (500s). Nothing broader: a query's
# own error, a timeout or a file's OSError stays a 500.
_DATABASE_GONE: tuple[type[Exception], ...] = (
    asyncpg.PostgresConnectionError,  # SQLSTATE class 08: ConnectionDoesNotExistError, ...
    asyncpg.CannotConnectNowError,  # 57P03: starting up, shutting down, in recovery
    asyncpg.AdminShutdownError,  # 57P01: terminated by a shutdown
    asyncpg.CrashShutdownError,  # 57P02: terminated as another backend crashed
    ConnectionError,  # refused, reset, aborted, broken pipe
    FileNotFoundError,  # only a socket's (no filename): see _database_gone
    asyncpg.InterfaceError,  # only "connection is closed" / "pool is closing": see below
    asyncpg.InternalClientError,  # only a connection the server ended: see below
)


def _database_gone(exc: Exception) -> bool:
    if isinstance(exc, FileNotFoundError):
        return exc.filename is None  # a unix socket's path, not a file we opened
    if isinstance(exc, asyncpg.InterfaceError):
        # asyncpg's words for a connection lost between two queries, or a pool shutting
        # down; its other InterfaceErrors (DataError, argument counts) are our bugs.
        return str(exc).endswith(("connection is closed", "pool is closing", "pool is closed"))
    if isinstance(exc, asyncpg.InternalClientError):
        # An idle pooled connection that received the server's FATAL as it went down
        # (asyncpg's protocol state 2, ERROR_CONSUME) and was used before the socket's close
        # arrived: its next statement fails so. Any other InternalClientError is a bug.
        return str(exc).endswith("another operation (2) is in progress")
    return True


async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    if not _database_gone(exc):
        return await _unexpected(request, exc)
    log.warning(
        "database unavailable",
        request_id=request_id(request),
        route=route_template(request.scope),
        error=type(exc).__name__,
    )
    return problem(
        request,
        503,
        "service_unavailable",
        "Service unavailable",
        "the database is unavailable for a moment; retry, with the same Idempotency-Key",
        headers={"Retry-After": "1"},
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(e.DomainError, _domain)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    for cls in _DATABASE_GONE:
        app.add_exception_handler(cls, _unavailable)
    app.add_exception_handler(Exception, _unexpected)


_EXAMPLES: dict[int, tuple[str, str, str]] = {
    400: ("malformed_json", "Malformed JSON", "the request body is not valid JSON (or not UTF-8)"),
    401: ("unauthenticated", "Missing or invalid API key", "the API key is unknown or revoked"),
    403: ("forbidden", "Not allowed", "this API key lacks the earn:write scope"),
    404: ("not_found", "Not found", "no member mem_4h5j6k7m8n9p0q1r"),
    409: (
        "insufficient_credits",
        "Insufficient credits",
        "the member's balance (0.50) does not cover 1.00 credits",
    ),
    413: (
        "payload_too_large",
        "Request body too large",
        "request bodies are limited to 1000000 bytes",
    ),
    422: ("validation_error", "Invalid request", "credits: must have at most two decimal places"),
    429: (
        "rate_limited",
        "Too many requests",
        "at most 300 requests a minute from one client; retry after 1 s (Retry-After)",
    ),
    503: (
        "service_unavailable",
        "Service unavailable",
        "the database is unavailable for a moment; retry, with the same Idempotency-Key",
    ),
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: each status as problem+json, with an example. Every route
    may answer 400, 401, 422, and 503 (with Retry-After) while its database is away."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in sorted({400, 401, 422, 503, *statuses}):
        code, title, detail = _EXAMPLES[status]
        example = {
            "type": TYPE_BASE + code,
            "title": title,
            "status": status,
            "detail": detail,
            "code": code,
            "request_id": "req_5x2kq8w3m1c7b9d0",
        }
        out[status] = {
            "description": title,
            "content": {
                MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}, "example": example}
            },
        }
    return out
