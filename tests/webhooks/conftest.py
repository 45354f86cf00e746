"""Webhook fixtures: a real receiver on loopback, the service allowed to call it (the
development setting TIMECREDITS_WEBHOOKS_ALLOW_PRIVATE, here as the app's Env), and
dispatchers stepped by hand."""

import dataclasses
import datetime as dt
import ssl
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from fastapi import FastAPI

from app.dispatcher import Dispatcher
from app.services.unit_of_work import Env

# No waiting in tests: every retry is due at once (tests of the real schedule set it).
NO_WAIT = (0.0,) * 10
# The name the TLS receivers' certificate is for (they listen on 127.0.0.1).
NAME = "hooks.rebind.test"


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Answers each request with the next status of `plan` (204 once it is empty), after
    `delay` seconds; records every request, and the most requests in flight for one
    webhook-id at once."""

    url: str = ""
    plan: list[int] = field(default_factory=list)
    delay: float = 0.0
    received: list[Received] = field(default_factory=list)
    in_flight: dict[str, int] = field(default_factory=dict)
    most_at_once: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ids(self) -> list[str]:
        return [r.headers["webhook-id"] for r in self.received]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            msg = self.headers.get("webhook-id", "")
            with receiver.lock:
                receiver.in_flight[msg] = receiver.in_flight.get(msg, 0) + 1
                receiver.most_at_once = max(receiver.most_at_once, receiver.in_flight[msg])
                receiver.received.append(
                    Received({k.lower(): v for k, v in self.headers.items()}, body)
                )
                status = receiver.plan.pop(0) if receiver.plan else 204
            time.sleep(receiver.delay)
            with receiver.lock:
                receiver.in_flight[msg] -= 1
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    out = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(out))
    server.daemon_threads = True
    out.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield out
    server.shutdown()
    server.server_close()


@pytest.fixture
def private_env(app: FastAPI) -> Iterator[Env]:
    """The service with TIMECREDITS_WEBHOOKS_ALLOW_PRIVATE on, for this test."""
    saved = app.state.env
    app.state.env = dataclasses.replace(saved, webhooks_allow_private=True)
    yield app.state.env
    app.state.env = saved


@pytest.fixture
async def dispatcher(app: FastAPI, private_env: Env) -> AsyncIterator[Dispatcher]:
    d = Dispatcher(app.state.pool, private_env, schedule=NO_WAIT)
    yield d
    await d.stop()


@dataclass
class Pki:
    client: ssl.SSLContext  # trusts the test CA only
    chain: str  # the server's key and certificate, for NAME alone (not for 127.0.0.1)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    now = dt.datetime.now(dt.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "rebinding test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
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
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("pki")
    (folder / "leaf.pem").write_bytes(
        leaf.public_bytes(serialization.Encoding.PEM)
        + key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    client = ssl.create_default_context(cadata=ca.public_bytes(serialization.Encoding.PEM).decode())
    return Pki(client=client, chain=str(folder / "leaf.pem"))
