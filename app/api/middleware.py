"""Pure ASGI middleware (cheaper than BaseHTTPMiddleware on the hot path)."""

import re
from random import getrandbits

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api import rate_limit_headers

_CLIENT_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestId:
    """Every response carries X-Request-Id: the client's own if it sent a sane one, else a
    random one (an id, not a secret). And the answer to a request that spent a key's budget
    carries its RateLimit headers (app/api/rate_limit_headers.py), whatever produced the
    answer: one layer adds both, as every layer costs the earn a little."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = None
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                candidate = value.decode("latin-1")
                # fullmatch: `$` would also accept a trailing newline, echoed into a header.
                if _CLIENT_ID.fullmatch(candidate):
                    rid = candidate
                break
        rid = rid or f"req_{getrandbits(64):016x}"
        state = scope.setdefault("state", {})
        state["request_id"] = rid
        header = (b"x-request-id", rid.encode())

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0] != b"x-request-id"]
                headers.append(header)
                verdict = state.get(rate_limit_headers.STATE)
                if verdict is not None:
                    headers += rate_limit_headers.headers(verdict)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuse oversized bodies with 413 before anything parses them: by Content-Length
    when the client announces one (the HTTP parser then delivers exactly that many bytes,
    so nothing more is watched), else by counting the body as it streams in."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit():
                if int(value) > self.max_bytes:
                    await _too_large(scope, send, self.max_bytes)
                else:
                    await self.app(scope, receive, send)
                return
        seen = 0
        overflowed = False
        started = False

        async def limited() -> Message:
            nonlocal seen, overflowed
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    overflowed = True
                    raise _TooLarge
            return message

        async def guarded(message: Message) -> None:
            # FastAPI turns any exception raised while it reads the body into its own
            # 400 "error parsing the body": drop that answer, the 413 below replaces it.
            nonlocal started
            if overflowed and not started:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, guarded)
        except _TooLarge:
            if started:
                raise
        if overflowed and not started:
            await _too_large(scope, send, self.max_bytes)


class _TooLarge(Exception):
    pass


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    import json

    rid = scope.get("state", {}).get("request_id")
    body = json.dumps(
        {
            "type": "https://docs.timecredits.example/problems/payload_too_large",
            "title": "Request body too large",
            "status": 413,
            "code": "payload_too_large",
            "detail": f"request bodies are limited to {limit} bytes",
            "request_id": rid,
        }
    ).encode()
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if rid:
        headers.append((b"x-request-id", rid.encode()))
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
