"""The webhook transport (app/webhook_transport.py) against real loopback receivers, plain
and TLS: keep-alive and its failures, the time limits, answers it must not trust (garbage,
huge, redirects), and the dispatcher's attempts failing cleanly and being retried."""

import asyncio
import contextlib
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app import webhook_transport
from app.dispatcher import Dispatcher
from app.services.unit_of_work import Env
from app.webhook_transport import MAX_BODY, PinnedTransport, tls_context
from tests.network import Network
from tests.webhooks.conftest import NAME, NO_WAIT, Pki
from tests.webhooks.support import attempts, deliveries, endpoint, step_until

OK = b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n"
GARBAGE = b"SSH-2.0-OpenSSH_9.6\r\n\r\n"
# A scripted answer: given the connection, answers (or not) as it likes; whether the
# receiver keeps the connection for another request.
Script = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[bool]]


@dataclass
class Loopback:
    """An asyncio HTTP/1.1 receiver on 127.0.0.1 that answers each request it reads with
    the next of `answers` (bytes as they are, a Script run), 204 once they are spent, on
    kept-alive connections; counts connections and records requests and TLS server names."""

    answers: list[bytes | Script] = field(default_factory=list)
    connections: int = 0
    live: int = 0  # connections open now
    requests: list[bytes] = field(default_factory=list)
    server_names: list[str | None] = field(default_factory=list)
    port: int = 0

    def url(self, scheme: str = "http", path: str = "/hooks") -> str:
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    async def converse(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self.live += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    (
                        int(line.split(b":", 1)[1])
                        for line in head.split(b"\r\n")
                        if line.lower().startswith(b"content-length:")
                    ),
                    0,
                )
                self.requests.append(head + await reader.readexactly(length))
                answer = self.answers.pop(0) if self.answers else OK
                if isinstance(answer, bytes):
                    writer.write(answer)
                    await writer.drain()
                elif not await answer(reader, writer):
                    break
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            self.live -= 1
            writer.close()


@contextlib.asynccontextmanager
async def serving(tls: ssl.SSLContext | None = None) -> AsyncIterator[Loopback]:
    out = Loopback()
    if tls is not None:
        tls.sni_callback = lambda _sock, name, _ctx: out.server_names.append(name)
    server = await asyncio.start_server(out.converse, "127.0.0.1", 0, ssl=tls)
    out.port = server.sockets[0].getsockname()[1]
    try:
        yield out
    finally:
        server.close()


@pytest.fixture
async def loopback() -> AsyncIterator[Loopback]:
    async with serving() as out:
        yield out


@pytest.fixture
async def tls_loopback(pki: Pki) -> AsyncIterator[Loopback]:
    """The receiver speaking TLS with a certificate for NAME alone."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki.chain)
    async with serving(context) as out:
        yield out


@pytest.fixture
async def transport(pki: Pki) -> AsyncIterator[PinnedTransport]:
    """Short limits, so the tests of them are quick; trusts the test CA."""
    out = PinnedTransport(tls_context(pki.client), connect=0.5, total=1.0, max_idle=8)
    yield out
    await out.aclose()


async def post(
    transport: PinnedTransport, url: str, *, name: str = NAME, body: bytes = b'{"a":1}'
) -> httpx.Response:
    """POST as the dispatcher does: to the address, the name as Host and TLS server name."""
    port = httpx.URL(url).port
    request = httpx.Request(
        "POST",
        url,
        content=body,
        headers={"host": f"{name}:{port}", "content-type": "application/json"},
        extensions={"sni_hostname": name},
    )
    return await transport.handle_async_request(request)


async def close_unanswered(_reader: asyncio.StreamReader, _writer: asyncio.StreamWriter) -> bool:
    return False


async def answer_then_close(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
    writer.write(OK)  # no `connection: close`: the client learns only from the closing
    await writer.drain()
    return False


async def hang(reader: asyncio.StreamReader, _writer: asyncio.StreamWriter) -> bool:
    await reader.read()  # until the client gives up and closes
    return False


async def trickle(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
    """A header byte every 50 ms, never ending: every read gets data in time."""
    writer.write(b"HTTP/1.1 200 OK\r\nx-slow: ")
    with contextlib.suppress(ConnectionError):
        while not writer.is_closing():
            writer.write(b"a")
            await writer.drain()
            await asyncio.sleep(0.05)
    return False


async def huge(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
    """200 with a 64 MB body, written until the client stops reading and closes."""
    writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n" % (64 << 20))
    with contextlib.suppress(ConnectionError):
        for _ in range(64):
            writer.write(b"x" * (1 << 20))
            await writer.drain()
    return False


# ------------------------------------------------------------------------ the transport


async def test_a_post_arrives_as_sent_and_its_answer_comes_back(
    loopback: Loopback, transport: PinnedTransport
) -> None:
    loopback.answers = [b"HTTP/1.1 201 Created\r\ncontent-length: 2\r\nx-seen: yes\r\n\r\nok"]
    r = await post(transport, loopback.url(path="/hooks?v=1"), body=b'{"id":"evt_1"}')
    assert r.status_code == 201 and r.content == b"ok" and r.headers["x-seen"] == "yes"
    assert r.reason_phrase == "Created" and r.http_version == "HTTP/1.1"
    (request,) = loopback.requests
    head, body = request.split(b"\r\n\r\n")
    lines = head.lower().split(b"\r\n")
    assert lines[0] == b"post /hooks?v=1 http/1.1" and body == b'{"id":"evt_1"}'
    assert f"host: {NAME}:{loopback.port}".encode() in lines
    assert b"content-length: 14" in lines


async def test_a_connection_is_kept_alive_and_reused(
    loopback: Loopback, transport: PinnedTransport
) -> None:
    for _ in range(3):
        assert (await post(transport, loopback.url())).status_code == 204
    assert loopback.connections == 1
    # Three at once need three connections; all three are kept for what follows.
    rs = await asyncio.gather(*(post(transport, loopback.url()) for _ in range(3)))
    assert [r.status_code for r in rs] == [204] * 3 and loopback.connections == 3
    for _ in range(6):
        await post(transport, loopback.url())
    assert loopback.connections == 3 and len(loopback.requests) == 12


async def test_a_kept_connection_serves_only_its_server_name(
    loopback: Loopback, transport: PinnedTransport
) -> None:
    await post(transport, loopback.url())
    await post(transport, loopback.url(), name="other.rebind.test")
    await post(transport, loopback.url())
    assert loopback.connections == 2


async def test_https_verifies_the_name_at_the_address_and_keeps_the_connection(
    tls_loopback: Loopback, transport: PinnedTransport
) -> None:
    for _ in range(2):
        assert (await post(transport, tls_loopback.url("https"))).status_code == 204
    assert tls_loopback.connections == 1 and tls_loopback.server_names == [NAME]
    assert f"host: {NAME}:".encode() in tls_loopback.requests[0].lower()

    # The certificate is for NAME only: another name at the same address fails to verify.
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        await post(transport, tls_loopback.url("https"), name="other.rebind.test")
    assert tls_loopback.server_names == [NAME, "other.rebind.test"]
    assert len(tls_loopback.requests) == 2


async def test_an_untrusted_certificate_fails_to_connect(tls_loopback: Loopback) -> None:
    """The default trust (certifi's CAs) does not know the test CA."""
    transport = PinnedTransport(tls_context(True), connect=0.5, total=1.0, max_idle=8)
    try:
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            await post(transport, tls_loopback.url("https"))
    finally:
        await transport.aclose()
    assert tls_loopback.requests == []


async def test_a_name_is_never_looked_up(loopback: Loopback, transport: PinnedTransport) -> None:
    """Only the checked address may be connected to: `localhost` (which /etc/hosts would
    answer) is refused as not being an address."""
    with pytest.raises(httpx.ConnectError):
        await post(transport, f"http://localhost:{loopback.port}/hooks")
    assert loopback.connections == 0


async def test_a_receiver_closing_after_its_answer_costs_a_new_connection(
    loopback: Loopback, transport: PinnedTransport
) -> None:
    loopback.answers = [answer_then_close, answer_then_close]
    assert (await post(transport, loopback.url())).status_code == 204
    assert (await post(transport, loopback.url())).status_code == 204  # at once: racing
    await asyncio.sleep(0.05)
    assert (await post(transport, loopback.url())).status_code == 204  # once it has landed
    assert loopback.connections == 3 and len(loopback.requests) == 3


async def test_a_kept_connection_closed_unanswered_is_tried_once_on_a_new_one(
    loopback: Loopback, transport: PinnedTransport
) -> None:
    """The receiver closed an idle connection as the request went out: sent again at once
    on a new connection (receivers de-duplicate on webhook-id). On a new connection, the
    same is a failed attempt: no second try."""
    loopback.answers = [OK, close_unanswered]
    assert (await post(transport, loopback.url())).status_code == 204
    assert (await post(transport, loopback.url())).status_code == 204
    assert loopback.connections == 2 and len(loopback.requests) == 3

    await transport.aclose()
    fresh = PinnedTransport(tls_context(True), connect=0.5, total=1.0, max_idle=8)
    loopback.answers = [close_unanswered]
    try:
        with pytest.raises(httpx.RemoteProtocolError, match="without answering"):
            await post(fresh, loopback.url())
    finally:
        await fresh.aclose()
    assert loopback.connections == 3 and len(loopback.requests) == 4


async def test_non_2xx_answers_and_redirects_come_back_as_they_are(
    loopback: Loopback, transport: PinnedTransport
) -> None:
    loopback.answers = [
        b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 4\r\n\r\noops",
        b"HTTP/1.1 410 Gone\r\ncontent-length: 0\r\n\r\n",
        b"HTTP/1.1 302 Found\r\nlocation: http://169.254.169.254/\r\ncontent-length: 0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
    ]
    got = [await post(transport, loopback.url()) for _ in range(4)]
    assert [r.status_code for r in got] == [500, 410, 302, 200]
    assert got[0].content == b"oops" and got[3].content == b"hello"
    assert len(loopback.requests) == 4 and loopback.connections == 1  # nothing followed


async def test_a_huge_answer_is_read_only_up_to_the_cap(
    loopback: Loopback, transport: PinnedTransport
) -> None:
    loopback.answers = [huge]
    start = time.monotonic()
    r = await post(transport, loopback.url())
    assert r.status_code == 200 and len(r.content) == MAX_BODY
    assert time.monotonic() - start < 1.0
    assert (await post(transport, loopback.url())).status_code == 204
    assert loopback.connections == 2  # the first was closed with its body unread


async def test_a_receiver_speaking_garbage_is_a_protocol_error(
    loopback: Loopback, transport: PinnedTransport
) -> None:
    endless_head = b"HTTP/1.1 200 OK\r\nx-big: " + b"a" * 20_000  # never ends
    loopback.answers = [GARBAGE, endless_head]
    with pytest.raises(httpx.RemoteProtocolError, match=r"not an HTTP/1\.1 answer"):
        await post(transport, loopback.url())
    with pytest.raises(httpx.RemoteProtocolError):  # a head over h11's 16 KB limit
        await post(transport, loopback.url())
    assert (await post(transport, loopback.url())).status_code == 204
    assert loopback.connections == 3


async def test_connecting_is_limited_in_time(
    loopback: Loopback, transport: PinnedTransport, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def unanswered(*_args: Any) -> Any:
        await asyncio.sleep(60)

    monkeypatch.setattr(webhook_transport, "connect", unanswered)
    start = time.monotonic()
    with pytest.raises(httpx.ConnectTimeout):
        await post(transport, loopback.url())
    assert 0.4 < time.monotonic() - start < 0.9


@pytest.mark.parametrize("script", [hang, trickle])
async def test_the_whole_exchange_is_limited_in_time(
    loopback: Loopback, transport: PinnedTransport, script: Script
) -> None:
    """A total, not a limit per read: an answer trickled in one byte at a time ends too."""
    loopback.answers = [script]
    start = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        await post(transport, loopback.url())
    assert 0.9 < time.monotonic() - start < 1.5
    assert (await post(transport, loopback.url())).status_code == 204
    assert loopback.connections == 2


async def test_a_cancelled_send_leaves_no_connection_behind_for_reuse(
    loopback: Loopback, transport: PinnedTransport
) -> None:
    loopback.answers = [hang]
    task = asyncio.create_task(post(transport, loopback.url()))
    await asyncio.sleep(0.1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert (await post(transport, loopback.url())).status_code == 204
    assert loopback.connections == 2


async def test_a_closed_transport_keeps_no_connection(
    loopback: Loopback, transport: PinnedTransport
) -> None:
    await asyncio.gather(*(post(transport, loopback.url()) for _ in range(2)))
    assert loopback.live == 2
    await transport.aclose()
    await asyncio.sleep(0.05)
    assert loopback.connections == 2 and loopback.live == 0


# ----------------------------------------------------------------------- the dispatcher


async def test_garbage_fails_the_attempt_cleanly_and_it_is_retried(
    net: Network, loopback: Loopback, dispatcher: Dispatcher
) -> None:
    hook = await endpoint(net, loopback.url(), ["member.created"])
    loopback.answers = [GARBAGE]
    await net.member()
    first = await attempts(dispatcher, net, hook["id"], 1)
    assert first["status"] == "pending" and first["status_code"] is None
    assert first["error"].startswith("RemoteProtocolError: not an HTTP/1.1 answer")
    done = await attempts(dispatcher, net, hook["id"], 2)
    assert done["status"] == "succeeded" and done["status_code"] == 204
    ids = {line for r in loopback.requests for line in r.split(b"\r\n") if b"webhook-id" in line}
    assert len(loopback.requests) == 2 and len(ids) == 1


async def test_an_attempt_ends_within_its_time_limit_and_is_retried(
    net: Network, loopback: Loopback, app: FastAPI, private_env: Env
) -> None:
    d = Dispatcher(app.state.pool, private_env, schedule=NO_WAIT, send_seconds=0.5)
    try:
        hook = await endpoint(net, loopback.url(), ["member.created"])
        loopback.answers = [trickle]
        await net.member()
        start = time.monotonic()
        first = await attempts(d, net, hook["id"], 1)
        assert time.monotonic() - start < 3
        assert first["status"] == "pending"
        assert first["error"] == "ReadTimeout: no complete answer within 0.5 s"
        done = await attempts(d, net, hook["id"], 2)
        assert done["status"] == "succeeded"
    finally:
        await d.stop()


async def test_a_huge_answer_to_a_delivery_is_not_read_whole(
    net: Network, loopback: Loopback, dispatcher: Dispatcher
) -> None:
    hook = await endpoint(net, loopback.url(), ["member.created"])
    loopback.answers = [huge]
    await net.member()
    start = time.monotonic()
    done = await attempts(dispatcher, net, hook["id"], 1)
    assert done["status"] == "succeeded" and done["status_code"] == 200
    assert time.monotonic() - start < 3


async def test_deliveries_share_kept_alive_connections(
    net: Network, loopback: Loopback, dispatcher: Dispatcher
) -> None:
    hook = await endpoint(net, loopback.url(), ["member.created"])
    for i in range(3):
        await net.member(display_name=f"Kept {i}")
        await step_until(dispatcher, lambda i=i: len(loopback.requests) > i, pause=0.02)
    assert len(loopback.requests) == 3 and loopback.connections == 1
    assert {d["status"] for d in await deliveries(net, hook["id"])} == {"succeeded"}


async def test_a_410_over_the_transport_disables_the_endpoint(
    net: Network, loopback: Loopback, dispatcher: Dispatcher
) -> None:
    hook = await endpoint(net, loopback.url(), ["member.created"])
    loopback.answers = [b"HTTP/1.1 410 Gone\r\ncontent-length: 4\r\n\r\ngone"]
    await net.member()
    gone = await attempts(dispatcher, net, hook["id"], 1)
    assert gone["status"] == "failed" and gone["status_code"] == 410
    got = await net.client.get(f"/v1/webhook-endpoints/{hook['id']}", headers=net.partner.headers)
    assert got.json()["enabled"] is False
