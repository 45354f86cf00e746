"""Webhook sends: CPU of the sending process per POST, by HTTP client, one at a time and
several in flight, to a receiver in another process on 127.0.0.1.

    .venv/bin/python bench/webhook_send.py                     # plain HTTP, uvloop
    .venv/bin/python bench/webhook_send.py --tls --requests 3000

Why: a delivery's CPU in the service is mostly its HTTP client's (docs/performance.md,
"Webhooks"), and on a 2-core machine that CPU comes out of the earns. Each mode POSTs the
same 200-byte body with the dispatcher's headers, keep-alive, and reports user+system CPU
of this process (getrusage) per request after a warm-up:

- `raw`: the request written and the answer read on a plain asyncio stream (the floor);
- `httpcore`: httpcore's connection pool alone (httpx's default transport underneath);
- `httpx`: `httpx.AsyncClient` with its default transport, as the dispatcher sent before
  app/webhook_transport.py;
- `client`: `httpx.AsyncClient` on app/webhook_transport.py's `PinnedTransport`;
- `transport`: `PinnedTransport.handle_async_request` given an `httpx.Request`;
- `dispatcher`: the dispatcher's whole send (`Dispatcher.send`: signing, headers, the
  pinned request), whatever client it uses at this revision.

The receiver (this script with --serve) is a minimal asyncio HTTP/1.1 server answering 204,
so that it never holds a request up; with --tls it serves a certificate made here for
hooks.bench.test, which the senders verify (the pinned address, the name as SNI)."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import resource
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from typing import Any

NAME = "hooks.bench.test"
BODY = b'{"type":"earning.created","id":"evt_x","created_at":"2026-12-06T00:00:00Z",' + (
    b'"data":{"id":"ern_x","credits":"1.00","pad":"' + b"x" * 110 + b'"}}'
)
MODES = ("raw", "httpcore", "httpx", "client", "transport", "dispatcher")


# ------------------------------------------------------------------------------ receiver


async def serve(port_file: str, chain: str | None) -> None:
    """Answer every request 204 on kept-alive connections; write the port once listening."""
    context = None
    if chain:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(chain)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                if length:
                    await reader.readexactly(length)
                writer.write(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=context, backlog=512)
    port = server.sockets[0].getsockname()[1]
    with open(port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.replace(port_file + ".tmp", port_file)
    async with server:
        await server.serve_forever()


def make_pki(folder: str) -> tuple[str, ssl.SSLContext]:
    """A CA and a certificate for NAME signed by it: the server's chain file, and a client
    context trusting that CA only."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "webhook_send CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, NAME)]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(NAME)]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    chain = os.path.join(folder, "chain.pem")
    with open(chain, "wb") as f:
        f.write(leaf.public_bytes(serialization.Encoding.PEM))
        f.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    client = ssl.create_default_context(cadata=ca.public_bytes(serialization.Encoding.PEM).decode())
    return chain, client


# ------------------------------------------------------------------------------- senders

Send = Callable[[], Awaitable[Any]]
Made = tuple[list[Send], Callable[[], Awaitable[None]]]  # the senders, and how to close them


class Setup:
    """What every mode shares: the receiver's port, the scheme and the client TLS context."""

    def __init__(self, port: int, tls: ssl.SSLContext | None) -> None:
        self.port, self.tls = port, tls
        self.scheme = "https" if tls else "http"
        self.host = f"{NAME}:{port}"
        self.pinned = f"{self.scheme}://127.0.0.1:{port}/hooks"
        self.headers = {
            "webhook-id": "msg_2abcdefghijklmnopqrstuvwxyz",
            "webhook-timestamp": "1765000000",
            "webhook-signature": "v1," + "A" * 44,
            "host": self.host,
            "user-agent": "timecredits-webhooks/1",
            "content-type": "application/json",
        }


async def raw(s: Setup, inflight: int) -> Made:
    head = (
        f"POST /hooks HTTP/1.1\r\nhost: {s.host}\r\ncontent-length: {len(BODY)}\r\n"
        + "".join(f"{k}: {v}\r\n" for k, v in s.headers.items() if k != "host")
        + "\r\n"
    ).encode() + BODY
    streams = [
        await asyncio.open_connection(
            "127.0.0.1", s.port, ssl=s.tls, server_hostname=NAME if s.tls else None
        )
        for _ in range(inflight)
    ]

    def sender(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> Send:
        async def send() -> None:
            writer.write(head)
            await reader.readuntil(b"\r\n\r\n")

        return send

    async def close() -> None:
        for _, w in streams:
            w.close()

    return [sender(r, w) for r, w in streams], close


async def with_httpcore(s: Setup, inflight: int) -> Made:
    import httpcore

    pool = httpcore.AsyncConnectionPool(ssl_context=s.tls, max_connections=inflight)
    headers = list(s.headers.items())
    ext = {"sni_hostname": NAME} if s.tls else {}

    async def send() -> None:
        r = await pool.request("POST", s.pinned, headers=headers, content=BODY, extensions=ext)
        assert r.status == 204

    return [send] * inflight, pool.aclose


def limits(inflight: int) -> dict[str, Any]:
    """The dispatcher's time limits, and as many idle connections as senders."""
    from app.dispatcher import CONNECT_SECONDS, SEND_SECONDS

    return {"connect": CONNECT_SECONDS, "total": SEND_SECONDS, "max_idle": inflight}


def _client(s: Setup, inflight: int, transport: Any = None) -> Any:
    import httpx

    return httpx.AsyncClient(
        timeout=httpx.Timeout(10.0, connect=5.0),
        verify=s.tls or True,
        follow_redirects=False,
        limits=httpx.Limits(max_connections=inflight, max_keepalive_connections=inflight),
        transport=transport,
        trust_env=transport is None,
    )


async def with_httpx(s: Setup, inflight: int) -> Made:
    client = _client(s, inflight)
    ext = {"sni_hostname": NAME} if s.tls else {}

    async def send() -> None:
        r = await client.post(s.pinned, content=BODY, headers=s.headers, extensions=ext)
        assert r.status_code == 204

    return [send] * inflight, client.aclose


async def with_client(s: Setup, inflight: int) -> Made:
    from app.webhook_transport import PinnedTransport, tls_context

    client = _client(s, inflight, PinnedTransport(tls_context(s.tls or True), **limits(inflight)))
    ext = {"sni_hostname": NAME}

    async def send() -> None:
        r = await client.post(s.pinned, content=BODY, headers=s.headers, extensions=ext)
        assert r.status_code == 204

    return [send] * inflight, client.aclose


async def with_transport(s: Setup, inflight: int) -> Made:
    import httpx

    from app.webhook_transport import PinnedTransport, tls_context

    transport = PinnedTransport(tls_context(s.tls or True), **limits(inflight))
    url = httpx.URL(s.pinned)
    ext = {"sni_hostname": NAME}

    async def send() -> None:
        request = httpx.Request("POST", url, content=BODY, headers=s.headers, extensions=ext)
        r = await transport.handle_async_request(request)
        assert r.status_code == 204

    return [send] * inflight, transport.aclose


async def with_dispatcher(s: Setup, inflight: int) -> Made:
    from app import pinned_http
    from app.dispatcher import Dispatcher
    from app.services import webhooks
    from app.services.unit_of_work import Env

    real = webhooks.resolve

    async def resolve(host: str, port: int) -> list[str]:
        return ["127.0.0.1"] if host == NAME else await real(host, port)

    webhooks.resolve = resolve  # the benchmark's name answers loopback
    env = Env(pepper=b"bench", webhooks_allow_private=True)
    d = Dispatcher(None, env, verify=s.tls or True)  # type: ignore[arg-type]  # no database
    url = f"{s.scheme}://{NAME}:{s.port}/hooks"
    target = await pinned_http.resolve_target(url, allow_private=True)
    assert not isinstance(target, str), target
    _, key = webhooks.new_secret()
    claimed = webhooks.Claimed("whd_x", "msg_x", 0, "whe_x", url, [key], BODY)

    async def send() -> None:
        status, error = await d.send(claimed, target)
        assert status == 204, error

    async def close() -> None:
        await d.stop()
        webhooks.resolve = real

    return [send] * inflight, close


SETUPS = {
    "raw": raw,
    "httpcore": with_httpcore,
    "httpx": with_httpx,
    "client": with_client,
    "transport": with_transport,
    "dispatcher": with_dispatcher,
}


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


async def measure(
    s: Setup, mode: str, inflight: int, requests: int, warmup: int
) -> tuple[float, float]:
    """CPU µs per request and requests/s, `inflight` senders each sending in turn."""
    senders, close = await SETUPS[mode](s, inflight)

    async def run(total: int) -> None:
        async def worker(send: Send, n: int) -> None:
            for _ in range(n):
                await send()

        share = total // inflight
        await asyncio.gather(*(worker(send, share) for send in senders))

    try:
        await run(warmup)
        start_cpu, start = cpu(), time.perf_counter()
        await run(requests)
        used, wall = cpu() - start_cpu, time.perf_counter() - start
    finally:
        await close()
    done = requests // inflight * inflight
    return 1e6 * used / done, done / wall


async def main_async(args: argparse.Namespace, port: int, tls: ssl.SSLContext | None) -> None:
    s = Setup(port, tls)
    rows = []
    for inflight in args.inflight:
        for mode in args.modes:
            results = [
                await measure(s, mode, inflight, args.requests, args.warmup)
                for _ in range(args.repeat)
            ]
            us = sorted(r[0] for r in results)
            rate = sorted(r[1] for r in results)[len(results) // 2]
            rows.append((mode, inflight, us, rate))
            print(
                f"{mode:>10}  in flight {inflight:>3}: "
                + " / ".join(f"{u:,.0f}" for u in us)
                + f" µs CPU per request (runs, sorted), {rate:,.0f}/s",
                flush=True,
            )
    print()
    print(f"| mode | in flight | CPU µs per request (median of {args.repeat}) | requests/s |")
    print("|---|---:|---:|---:|")
    for mode, inflight, us, rate in rows:
        print(f"| {mode} | {inflight} | {us[len(us) // 2]:,.0f} | {rate:,.0f} |")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    p.add_argument("--inflight", nargs="+", type=int, default=[1, 8])
    p.add_argument("--requests", type=int, default=2000, help="measured, per run")
    p.add_argument("--warmup", type=int, default=200)
    p.add_argument("--repeat", type=int, default=3, help="runs per mode, median reported")
    p.add_argument("--tls", action="store_true", help="HTTPS with a certificate made here")
    p.add_argument("--loop", choices=("uvloop", "asyncio"), default="uvloop",
                   help="the service runs on uvloop")  # fmt: skip
    p.add_argument("--serve", metavar="PORT_FILE", help=argparse.SUPPRESS)
    p.add_argument("--chain", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.loop == "uvloop":
        import uvloop

        uvloop.install()
    if args.serve:
        asyncio.run(serve(args.serve, args.chain))
        return 0

    with tempfile.TemporaryDirectory() as folder:
        chain, tls = make_pki(folder) if args.tls else (None, None)
        port_file = os.path.join(folder, "port")
        command = [sys.executable, __file__, "--serve", port_file, "--loop", args.loop]
        receiver = subprocess.Popen(command + (["--chain", chain] if chain else []))
        try:
            deadline = time.monotonic() + 10
            while not os.path.exists(port_file):
                if time.monotonic() > deadline or receiver.poll() is not None:
                    raise SystemExit("the receiver did not start")
                time.sleep(0.05)
            with open(port_file) as f:
                port = int(f.read())
            print(f"receiver pid {receiver.pid} on 127.0.0.1:{port}"
                  f"{' (TLS for ' + NAME + ')' if tls else ''}; loop {args.loop}")  # fmt: skip
            asyncio.run(main_async(args, port, tls))
        finally:
            receiver.terminate()
            receiver.wait(5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
