"""The webhook dispatcher's HTTP transport for httpx: HTTP/1.1 (h11) over asyncio streams,
to the pinned address only.

Why not httpx's own transport: a delivery is one small POST, and httpcore's pool on anyio
cost the service about 0.5 ms of CPU for it (0.73 ms with the client around it, more with
requests waiting in the pool), more than the earn that caused the event; this one does
the same exchange with h11 on an asyncio stream (docs/performance.md, "Webhooks";
bench/webhook_send.py measures both). httpx stays the API: the dispatcher hands it an
`httpx.Request` and gets an `httpx.Response`, and the errors are httpx's.

What it keeps from app/pinned_http.py's design: it connects to the URL's host, which must be
an address literal (the checked one: the name is never looked up here, getaddrinfo is told
so); the TLS server name, sent as SNI and verified against the certificate, is the
request's `sni_hostname` extension (the URL's name), as httpx's transport does with it. A
kept-alive connection is reused only for the same (scheme, address, port, server name).
No redirects are followed (the answer is returned as it is); an answer's body is read up
to MAX_BODY bytes and the rest left unread (the connection is then closed), so a receiver
cannot make the service hold a large answer.

Timeouts: `connect` for the TCP connection and TLS handshake, `total` for the whole
exchange, connection included: an attempt ends within `total` however the receiver
trickles its answer, which keeps every send well inside the dispatcher's lease."""

import asyncio
import contextlib
import socket
import ssl
import time
from dataclasses import dataclass, field

import h11
import httpx

# An answer's body kept and read at most: the dispatcher records only the status code.
MAX_BODY = 64 * 1024
READ_SIZE = 64 * 1024
# A connection idle longer than this is closed rather than reused: a little under the 5 s
# after which receivers commonly close idle connections (and httpx's own default).
KEEPALIVE_SECONDS = 4.0

Key = tuple[str, str, int, str]  # scheme, address, port, TLS server name


@dataclass(slots=True)
class _Connection:
    """One HTTP/1.1 connection: its stream and h11's state of it."""

    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    http: h11.Connection = field(default_factory=lambda: h11.Connection(h11.CLIENT))
    idle_since: float = 0.0

    def usable(self, now: float) -> bool:
        """Idle, open and not idle too long: a closed or expiring one would fail the request."""
        return (
            now - self.idle_since < KEEPALIVE_SECONDS
            and not self.reader.at_eof()
            and not self.writer.is_closing()
        )

    def close(self) -> None:
        self.writer.close()


def tls_context(verify: ssl.SSLContext | bool = True) -> ssl.SSLContext:
    """The context TLS connections are verified with: httpx's (certifi's CAs, or
    SSL_CERT_FILE / SSL_CERT_DIR when set), or the one given (tests' own CA), offering
    HTTP/1.1 only. Made once per dispatcher: loading the CAs costs tens of milliseconds."""
    context = httpx.create_ssl_context(verify=verify)
    context.set_alpn_protocols(["http/1.1"])
    return context


async def connect(
    address: str, port: int, tls: ssl.SSLContext | None, server_name: str
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """The one place a webhook connection is made: to an address literal (getaddrinfo is
    told the host is numeric, so a name fails here instead of being looked up), with TLS
    verified for `server_name`, which the handshake sends as SNI."""
    return await asyncio.open_connection(
        address,
        port,
        ssl=tls,
        server_hostname=server_name if tls is not None else None,
        flags=socket.AI_NUMERICHOST,
    )


class _Stale(Exception):
    """A reused connection closed before any of the answer arrived: the receiver closed it
    while it was idle. The request is sent once more on a new connection."""


class PinnedTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 to address literals, with a small keep-alive pool per (scheme, address,
    port, server name): at most `max_idle` idle connections each (how many may be in flight
    is the caller's to limit). The limits are the dispatcher's (app/dispatcher.py)."""

    def __init__(
        self,
        tls: ssl.SSLContext,
        *,
        connect: float,
        total: float,
        max_idle: int,
    ) -> None:
        self._ssl = tls
        self._connect_timeout, self._total = connect, total
        self._max_idle = max_idle
        self._idle: dict[Key, list[_Connection]] = {}
        self._closed = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        scheme = url.scheme
        if scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"no webhook over {scheme!r}", request=request)
        address = url.host
        port = url.port or (443 if scheme == "https" else 80)
        name = request.extensions.get("sni_hostname") or address
        key: Key = (scheme, address, port, name)
        try:
            head = h11.Request(
                method=request.method, target=url.raw_path, headers=request.headers.raw
            )
        except h11.LocalProtocolError as exc:
            raise httpx.LocalProtocolError(str(exc), request=request) from exc
        body = request.content  # the dispatcher's requests are bytes, read already
        try:
            async with asyncio.timeout(self._total):
                conn = self._reuse(key)
                if conn is not None:
                    try:
                        return await self._exchange(conn, key, request, head, body, reused=True)
                    except _Stale:
                        pass
                conn = await self._open(key, request)
                return await self._exchange(conn, key, request, head, body, reused=False)
        except TimeoutError as exc:
            raise httpx.ReadTimeout(f"no complete answer within {self._total:g} s",
                                    request=request) from exc  # fmt: skip

    def _reuse(self, key: Key) -> _Connection | None:
        idle = self._idle.get(key)
        if not idle:
            return None
        now = time.monotonic()
        while idle:
            conn = idle.pop()
            if conn.usable(now):
                return conn
            conn.close()
        return None

    async def _open(self, key: Key, request: httpx.Request) -> _Connection:
        scheme, address, port, name = key
        try:
            async with asyncio.timeout(self._connect_timeout):
                reader, writer = await connect(
                    address, port, self._ssl if scheme == "https" else None, name
                )
        except TimeoutError as exc:
            raise httpx.ConnectTimeout(
                f"no connection within {self._connect_timeout:g} s", request=request
            ) from exc
        except OSError as exc:  # refused, unreachable, a name given, TLS failed to verify
            raise httpx.ConnectError(str(exc) or type(exc).__name__, request=request) from exc
        return _Connection(reader, writer)

    async def _exchange(
        self,
        conn: _Connection,
        key: Key,
        request: httpx.Request,
        head: h11.Request,
        body: bytes,
        *,
        reused: bool,
    ) -> httpx.Response:
        """Send the request and read its answer on `conn`; the connection goes back to the
        pool only if both sides finished the exchange cleanly."""
        http = conn.http
        answered = False
        try:
            try:
                conn.writer.write(
                    http.send(head) + http.send(h11.Data(data=body)) + http.send(h11.EndOfMessage())
                )
                await conn.writer.drain()
            except OSError as exc:
                if reused:
                    raise _Stale from exc
                raise httpx.WriteError(str(exc) or type(exc).__name__, request=request) from exc
            status, reason, headers = 0, b"", []
            chunks: list[bytes] = []
            size = 0
            while True:
                event = http.next_event()
                if event is h11.NEED_DATA:
                    try:
                        data = await conn.reader.read(READ_SIZE)
                    except OSError as exc:
                        if reused and not answered:
                            raise _Stale from exc
                        raise httpx.ReadError(str(exc) or type(exc).__name__,
                                              request=request) from exc  # fmt: skip
                    if not data and not answered:
                        if reused:
                            raise _Stale
                        raise httpx.RemoteProtocolError(
                            "the receiver closed the connection without answering",
                            request=request,
                        )
                    answered = True
                    http.receive_data(data)
                elif isinstance(event, h11.Response):
                    status, reason, headers = event.status_code, event.reason, event.headers
                elif isinstance(event, h11.Data):
                    size += len(event.data)
                    if size > MAX_BODY:  # the rest is left unread: the connection closes
                        chunks.append(event.data[: len(event.data) - (size - MAX_BODY)])
                        break
                    chunks.append(event.data)
                elif isinstance(event, h11.EndOfMessage):
                    break
                elif isinstance(event, h11.ConnectionClosed):
                    raise httpx.RemoteProtocolError(
                        "the receiver closed the connection mid-answer", request=request
                    )
                # else an InformationalResponse (100 Continue...): the final one follows
        except h11.RemoteProtocolError as exc:  # garbage, or a head over h11's 16 KB
            conn.close()
            raise httpx.RemoteProtocolError(f"not an HTTP/1.1 answer: {exc}",
                                            request=request) from exc  # fmt: skip
        except h11.LocalProtocolError as exc:
            conn.close()
            raise httpx.LocalProtocolError(str(exc), request=request) from exc
        except BaseException:  # an error, a timeout or a cancellation: not reusable
            conn.close()
            raise
        self._release(conn, key)
        return httpx.Response(
            status,
            headers=headers,
            content=b"".join(chunks),
            request=request,
            extensions={"http_version": b"HTTP/1.1", "reason_phrase": reason},
        )

    def _release(self, conn: _Connection, key: Key) -> None:
        http = conn.http
        if http.our_state is h11.DONE and http.their_state is h11.DONE and not self._closed:
            idle = self._idle.setdefault(key, [])
            if len(idle) < self._max_idle:
                http.start_next_cycle()
                conn.idle_since = time.monotonic()
                idle.append(conn)
                return
        conn.close()

    async def aclose(self) -> None:
        self._closed = True
        idle = [conn for conns in self._idle.values() for conn in conns]
        self._idle.clear()
        for conn in idle:
            conn.close()
        for conn in idle:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(conn.writer.wait_closed(), 1.0)
