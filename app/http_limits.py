"""Limits at the HTTP edge, below the ASGI app: a request's head may not exceed 64 KB.

uvicorn's httptools protocol sets no limit on a request's head (its request line and
headers). llhttp hands each header over in pieces and httptools joins the pieces in memory
until the header ends, so a 50 MB header was read whole and answered 200, and four unfinished
100 MB headers grew two workers from about 72 MB to 232 MB each. h11 has a limit but is
slower, so httptools stays and the limit is added here: the bytes a connection sends while a
request's head is incomplete are counted as they arrive, and past MAX_HEAD_BYTES the
connection gets a 431 problem and is closed. A worker holds at most the limit plus one read
(uvloop reads 256 KB at a time) per connection, whatever the client sends."""

import json
import secrets
from typing import Any

import structlog
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from app.api.problems import MEDIA_TYPE, TYPE_BASE

MAX_HEAD_BYTES = 64 * 1024

log = structlog.get_logger("timecredits.http")


class HeadLimitedHttpTools(HttpToolsProtocol):
    """uvicorn's httptools protocol, refusing a request head over `max_head_bytes`.

    The parser is fed no more than the limit while a head is incomplete: a read that would
    pass it is fed up to the limit first, and only if the head ended within it is the rest
    (body, or the next request) fed too. A head that starts in the middle of a read, behind
    a pipelined request, is counted from the next read on: at most one read more."""

    max_head_bytes = MAX_HEAD_BYTES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = True  # the next bytes belong to a request head
        self._head_bytes = 0
        self._refused = False

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        room = self.max_head_bytes - self._head_bytes
        if not self._in_head or len(data) <= room:
            if self._in_head:
                self._head_bytes += len(data)
            super().data_received(data)
            return
        view = memoryview(data)
        self._head_bytes += room
        super().data_received(view[:room])
        if self._in_head:
            self._refuse()
        elif not self.transport.is_closing() and self.transport.get_protocol() is self:
            super().data_received(view[room:])  # the head ended within the limit

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._head_bytes = 0
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_head = True  # keep-alive: what follows is the next request's head

    def _refuse(self) -> None:
        """431 and close: reading on would only grow the parser's buffers."""
        self._refused = True
        if self.transport.is_closing():
            return
        request_id = "req_" + secrets.token_hex(8)
        log.warning(
            "request head too large: 431",
            limit=self.max_head_bytes,
            client=f"{self.client[0]}:{self.client[1]}" if self.client else None,
            request_id=request_id,
        )
        if self.cycle is not None and not self.cycle.response_complete:
            # An earlier request on this connection is still answering: a 431 written now
            # would land in the middle of its response. Closing is the answer.
            self.transport.close()
            return
        body = json.dumps(
            {
                "type": TYPE_BASE + "request_header_fields_too_large",
                "title": "Request header fields too large",
                "status": 431,
                "detail": f"a request's line and headers are limited to {self.max_head_bytes} "
                "bytes",
                "code": "request_header_fields_too_large",
                "request_id": request_id,
            }
        ).encode()
        head = [STATUS_LINE[431]]
        for name, value in self.server_state.default_headers:
            head.extend([name, b": ", value, b"\r\n"])
        head.extend(
            [
                b"content-type: " + MEDIA_TYPE.encode() + b"\r\n",
                b"content-length: " + str(len(body)).encode() + b"\r\n",
                b"x-request-id: " + request_id.encode() + b"\r\n",
                b"connection: close\r\n\r\n",
                body,
            ]
        )
        self.transport.write(b"".join(head))
        self.transport.close()
