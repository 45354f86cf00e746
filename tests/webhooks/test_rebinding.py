"""DNS rebinding: a delivery connects only to an address it checked.

A resolver the test controls (`Dns`, in place of app/services/webhooks.py's `resolve`) plays
the hostile DNS server: a public address while the URL is set, loopback at delivery. The
wire (`Wire`: the webhook transport's one connecting function, wrapped) records every
connection a delivery makes and the server name its TLS handshake sends, so a connection
made to any address but the checked one, or to a name, shows."""

import asyncio
import ipaddress
import socket
import ssl
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer

import pytest
from fastapi import FastAPI

from app import pinned_http, webhook_transport
from app.dispatcher import Dispatcher
from app.pinned_http import Target
from app.services import webhooks
from app.services.unit_of_work import Env
from tests.network import Network
from tests.webhooks.conftest import NAME, NO_WAIT, Pki, Receiver, _handler
from tests.webhooks.support import attempts, deliveries, endpoint, step_until

PUBLIC = "93.184.215.14"  # a global address (never connected to: see `wire.unreachable`)
PUBLIC_V6 = "2606:4700:4700::1111"
REFUSED = "refused: the URL must not resolve to a loopback, private or link-local address"

# ------------------------------------------------------------------------------ fixtures


@dataclass
class Dns:
    """Answers each name from its list of answers in turn, the last one repeating;
    literals and names it does not know as the real resolver does."""

    answers: dict[str, list[list[str]]] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)

    async def resolve(self, host: str, port: int) -> list[str]:
        if host not in self.answers:
            return await REAL_RESOLVE(host, port)
        self.asked.append(host)
        queue = self.answers[host]
        return queue.pop(0) if len(queue) > 1 else queue[0]


REAL_RESOLVE = webhooks.resolve


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> Dns:
    fake = Dns()
    monkeypatch.setattr(webhooks, "resolve", fake.resolve)
    return fake


@dataclass
class Wire:
    connects: list[tuple[str, int]] = field(default_factory=list)
    server_names: list[str] = field(default_factory=list)
    unreachable: set[str] = field(default_factory=lambda: {PUBLIC, PUBLIC_V6})


@pytest.fixture
def wire(monkeypatch: pytest.MonkeyPatch) -> Wire:
    """Every connection a delivery makes (app/webhook_transport.py's `connect`), recorded
    with the TLS server name it sends; the addresses in `unreachable` refuse to connect, as
    an unreachable host would."""
    out = Wire()
    real = webhook_transport.connect

    async def connect(
        address: str, port: int, tls: ssl.SSLContext | None, server_name: str
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        out.connects.append((address, port))
        if address in out.unreachable:
            raise ConnectionRefusedError(f"{address} is unreachable")
        if tls is not None:
            out.server_names.append(server_name)
        return await real(address, port, tls, server_name)

    monkeypatch.setattr(webhook_transport, "connect", connect)
    return out


def _serve(receiver: Receiver, server: ThreadingHTTPServer, scheme: str) -> Iterator[Receiver]:
    server.daemon_threads = True
    port = server.server_address[1]
    receiver.url = f"{scheme}://{NAME}:{port}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    server.shutdown()
    server.server_close()


@dataclass
class TlsReceiver(Receiver):
    server_names: list[str | None] = field(default_factory=list)


@pytest.fixture
def tls_receiver(pki: Pki) -> Iterator[TlsReceiver]:
    """A receiver on 127.0.0.1 speaking TLS with a certificate for NAME; records the server
    name each handshake asked for. Its url names NAME."""
    out = TlsReceiver()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki.chain)
    context.sni_callback = lambda _sock, name, _ctx: out.server_names.append(name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(out))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    yield from _serve(out, server, "https")


class _V6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


@pytest.fixture
def v6_receiver() -> Iterator[Receiver]:
    """A plain-http receiver on ::1; its url names NAME."""
    out = Receiver()
    try:
        server = _V6Server(("::1", 0), _handler(out))
    except OSError:
        pytest.skip("no IPv6 loopback here")
    yield from _serve(out, server, "http")


def named(receiver: Receiver, scheme: str) -> str:
    """The loopback receiver's URL with NAME in place of its address."""
    port = receiver.url.rsplit(":", 1)[1].split("/")[0]
    return f"{scheme}://{NAME}:{port}/hooks"


@pytest.fixture
async def strict(app: FastAPI) -> AsyncIterator[Dispatcher]:
    """A dispatcher without the development setting (the service's default)."""
    env: Env = app.state.env
    assert env.webhooks_allow_private is False
    d = Dispatcher(app.state.pool, env, schedule=NO_WAIT)
    yield d
    await d.stop()


# --------------------------------------------------------------------------------- tests


async def test_a_name_rebound_to_loopback_at_delivery_is_refused_and_nothing_connects(
    net: Network, receiver: Receiver, dns: Dns, wire: Wire, app: FastAPI
) -> None:
    """Public while the URL is set, loopback at delivery: the attempt is refused, no
    connection is made, and the delivery retries on the normal schedule (5 s first)."""
    dns.answers[NAME] = [[PUBLIC], ["127.0.0.1"]]
    hook = await endpoint(net, named(receiver, "https"), ["member.created"])
    assert dns.asked == [NAME]  # checked when set
    d = Dispatcher(app.state.pool, app.state.env)  # the Standard Webhooks schedule
    try:
        await net.member()
        got = await attempts(d, net, hook["id"])
    finally:
        await d.stop()
    assert got["status"] == "pending" and got["attempts"] == 1
    assert got["status_code"] is None and got["error"] == f"{REFUSED} (127.0.0.1)"
    wait = await net.pool.fetchval(
        "SELECT extract(epoch FROM next_attempt_at - now()) FROM webhook_deliveries"
    )
    assert 4 <= float(wait) <= 5.5
    assert wire.connects == [] and receiver.received == []


async def test_the_connection_goes_to_the_address_checked_not_to_a_later_answer(
    net: Network, receiver: Receiver, dns: Dns, wire: Wire, strict: Dispatcher
) -> None:
    """The window itself: public at the delivery's check, loopback for whoever asks after.
    The transport is given the checked address, so it never asks: its one connection goes to the
    public address (unreachable here), none to the receiver, and the name is looked up
    once per attempt."""
    dns.answers[NAME] = [[PUBLIC], [PUBLIC], ["127.0.0.1"]]
    hook = await endpoint(net, named(receiver, "https"), ["member.created"])
    await net.member()
    got = await attempts(strict, net, hook["id"])
    port = int(receiver.url.rsplit(":", 1)[1].split("/")[0])
    assert wire.connects == [(PUBLIC, port)]
    assert dns.asked == [NAME, NAME]  # set, then the attempt: the transport asked nothing
    assert got["error"].startswith("ConnectError") and receiver.received == []


async def test_any_refused_address_among_the_answers_refuses_the_name(
    net: Network, dns: Dns, wire: Wire, strict: Dispatcher
) -> None:
    """Mixed answers (one public, one private), either order, either family: refused when
    the URL is set and at delivery, with nothing connected."""
    mixed = [
        [PUBLIC, "10.0.0.7"],
        ["169.254.169.254", PUBLIC],
        [PUBLIC_V6, "fd00::7"],
        [PUBLIC, "::ffff:127.0.0.1"],
        [PUBLIC_V6, "fe80::1%eth0"],
    ]
    for answer in mixed:
        dns.answers[NAME] = [answer]
        r = await net.client.post(
            "/v1/webhook-endpoints",
            headers=net.partner.headers,
            json={"url": f"https://{NAME}/hooks", "event_types": ["member.created"]},
        )
        assert r.status_code == 422, (answer, r.text)
        assert r.json()["errors"][0]["field"] == "url"
    dns.answers[NAME] = [[PUBLIC, PUBLIC_V6], [PUBLIC_V6, "fd00::7"]]
    hook = await endpoint(net, f"https://{NAME}/hooks", ["member.created"])
    await net.member()
    got = await attempts(strict, net, hook["id"])
    assert got["error"] == f"{REFUSED} (fd00::7)" and wire.connects == []


async def test_with_the_development_setting_the_pinned_connection_carries_the_name(
    net: Network, receiver: Receiver, dns: Dns, wire: Wire, dispatcher: Dispatcher
) -> None:
    """TIMECREDITS_WEBHOOKS_ALLOW_PRIVATE: loopback is allowed, and still pinned: the
    connection goes to the address looked up, the Host header names the URL's host."""
    dns.answers[NAME] = [["127.0.0.1"]]
    url = named(receiver, "http")
    hook = await endpoint(net, url, ["member.created"])
    await net.member()
    got = await attempts(dispatcher, net, hook["id"])
    assert got["status"] == "succeeded" and got["status_code"] == 204
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    assert wire.connects == [("127.0.0.1", port)]
    (request,) = receiver.received
    assert request.headers["host"] == f"{NAME}:{port}"


async def test_https_verifies_the_certificate_for_the_name_at_the_pinned_address(
    net: Network,
    tls_receiver: TlsReceiver,
    dns: Dns,
    wire: Wire,
    pki: Pki,
    app: FastAPI,
    private_env: Env,
) -> None:
    """The TCP connection goes to 127.0.0.1, the TLS handshake names NAME (the server
    sees it as SNI) and the certificate, made for NAME alone, verifies. The same address
    under another name fails the handshake: the name, not the address, is what is verified."""
    dns.answers[NAME] = [["127.0.0.1"]]
    dns.answers["other.rebind.test"] = [["127.0.0.1"]]
    d = Dispatcher(app.state.pool, private_env, schedule=NO_WAIT, verify=pki.client)
    try:
        hook = await endpoint(net, tls_receiver.url, ["member.created"])
        await net.member()
        got = await attempts(d, net, hook["id"])
        assert got["status"] == "succeeded", got
        port = int(tls_receiver.url.rsplit(":", 1)[1].split("/")[0])
        assert wire.connects == [("127.0.0.1", port)]
        assert wire.server_names == [NAME] and tls_receiver.server_names == [NAME]
        assert tls_receiver.received[0].headers["host"] == f"{NAME}:{port}"

        r = await net.client.patch(
            f"/v1/webhook-endpoints/{hook['id']}",
            headers=net.partner.headers,
            json={"enabled": False},
        )
        assert r.status_code == 200
        other = await endpoint(
            net, tls_receiver.url.replace(NAME, "other.rebind.test"), ["member.created"]
        )
        await net.member()
        failed = await attempts(d, net, other["id"])
        assert failed["status"] == "pending" and "CERTIFICATE_VERIFY_FAILED" in failed["error"]
        assert wire.server_names == [NAME, "other.rebind.test"]
        assert tls_receiver.server_names == [NAME, "other.rebind.test"]
        assert len(tls_receiver.received) == 1
    finally:
        await d.stop()


async def test_an_ipv6_answer_is_pinned_in_brackets(
    net: Network, v6_receiver: Receiver, dns: Dns, wire: Wire, dispatcher: Dispatcher
) -> None:
    dns.answers[NAME] = [["::1"]]
    hook = await endpoint(net, v6_receiver.url, ["member.created"])
    await net.member()
    got = await attempts(dispatcher, net, hook["id"])
    assert got["status"] == "succeeded", got
    port = int(v6_receiver.url.rsplit(":", 1)[1].split("/")[0])
    assert wire.connects == [("::1", port)]
    assert v6_receiver.received[0].headers["host"] == f"{NAME}:{port}"


async def test_an_address_that_does_not_connect_gives_way_to_the_next_checked_one(
    net: Network, receiver: Receiver, dns: Dns, wire: Wire, dispatcher: Dispatcher
) -> None:
    """As httpx would try each address of a name: only checked ones, in order; the one
    that answered first next time."""
    dns.answers[NAME] = [["192.0.2.1", "127.0.0.1"]]
    wire.unreachable.add("192.0.2.1")
    url = named(receiver, "http")
    hook = await endpoint(net, url, ["member.created"])
    await net.member()
    got = await attempts(dispatcher, net, hook["id"])
    assert got["status"] == "succeeded", got
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    assert wire.connects == [("192.0.2.1", port), ("127.0.0.1", port)]
    assert len(receiver.received) == 1
    # The next attempt goes to the address that answered first (the receiver closes each
    # connection: a new one is made).
    await net.member(display_name="Second")
    await step_until(dispatcher, lambda: len(receiver.received) == 2)
    assert wire.connects[2:] == [("127.0.0.1", port)] and len(receiver.received) == 2


async def test_a_batch_looks_each_name_up_once(
    net: Network, receiver: Receiver, dns: Dns, wire: Wire, dispatcher: Dispatcher
) -> None:
    """Every step looks the name up afresh, once however many of its sends go there."""
    dns.answers[NAME] = [["127.0.0.1"]]
    hook = await endpoint(net, named(receiver, "http"), ["member.created"])
    for i in range(3):
        await net.member(display_name=f"Batch {i}")
    steps: list[tuple[int, int]] = []  # (sends, lookups) of each step that sent
    for _ in range(100):
        dns.asked.clear()
        sent = await dispatcher.step()
        if sent:
            steps.append((sent, len(dns.asked)))
        if len(receiver.received) == 3:
            break
        await asyncio.sleep(0.05)
    assert sum(sent for sent, _ in steps) == 3 and len(receiver.received) == 3
    assert all(lookups == 1 for _, lookups in steps), steps
    assert {d["status"] for d in await deliveries(net, hook["id"])} == {"succeeded"}


@pytest.mark.parametrize(
    ("url", "refused", "pinned"),
    [
        ("https://[::1]:8443/x", "::1", "https://[::1]:8443/x"),
        ("https://[::ffff:a9fe:a9fe]/x", "::ffff:a9fe:a9fe", "https://[::ffff:a9fe:a9fe]/x"),
        ("https://[fd12::1]/x", "fd12::1", "https://[fd12::1]/x"),
        ("https://127.1/x", "127.0.0.1", "https://127.0.0.1/x"),  # as the resolver reads it
    ],
)
async def test_address_literals_are_checked_and_pinned_as_themselves(
    url: str, refused: str, pinned: str
) -> None:
    reason = await pinned_http.resolve_target(url, allow_private=False)
    assert reason == f"must not resolve to a loopback, private or link-local address ({refused})"
    allowed = await pinned_http.resolve_target(url, allow_private=True)
    assert isinstance(allowed, Target)
    assert str(allowed.at(allowed.addresses[0])) == pinned


async def test_a_public_ipv6_literal_is_pinned_to_itself() -> None:
    url = f"https://[{PUBLIC_V6}]:8443/x?a=1"
    target = await pinned_http.resolve_target(url, allow_private=False)
    assert isinstance(target, Target)
    assert target.addresses == (PUBLIC_V6,) and str(target.at(PUBLIC_V6)) == url
    assert target.host == f"[{PUBLIC_V6}]:8443" and target.origin == f"https://[{PUBLIC_V6}]:8443"
    assert ipaddress.ip_address(target.name) == ipaddress.ip_address(PUBLIC_V6)


@pytest.fixture
def keepalive_receiver() -> Iterator[Receiver]:
    """The loopback receiver speaking HTTP/1.1 (keeps connections open); its url names NAME."""
    out = Receiver()
    handler = type("KeepAlive", (_handler(out),), {"protocol_version": "HTTP/1.1"})
    yield from _serve(out, ThreadingHTTPServer(("127.0.0.1", 0), handler), "http")


async def test_a_pinned_connection_is_kept_alive_between_attempts(
    net: Network, keepalive_receiver: Receiver, dns: Dns, wire: Wire, dispatcher: Dispatcher
) -> None:
    dns.answers[NAME] = [["127.0.0.1"]]
    hook = await endpoint(net, keepalive_receiver.url, ["member.created"])
    for i in range(2):
        await net.member(display_name=f"Kept {i}")
        await step_until(dispatcher, lambda i=i: len(keepalive_receiver.received) > i)
    assert len(keepalive_receiver.received) == 2
    assert {d["status"] for d in await deliveries(net, hook["id"])} == {"succeeded"}
    assert len(wire.connects) == 1  # the second attempt reused the first's connection
