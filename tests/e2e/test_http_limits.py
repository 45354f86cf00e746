"""The HTTP edge of `timecredits serve --workers 2`: a request head over 64 KB is refused
(431, or a closed connection) at once, and unfinished 100 MB headers sent slowly do not grow
a worker's memory; keep-alive connections spread over the workers; Ctrl-C stops cleanly."""

import asyncio
import contextlib
import signal
import socket
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.http_limits import MAX_HEAD_BYTES
from tests.e2e.support import Postgres, Serve, postgres, rss_kb

pytestmark = pytest.mark.slow

MB = 1024 * 1024
RSS_GROWTH_LIMIT_KB = 10 * 1024
SLOW_SENDERS = 4
SLOW_CHUNK = 16 * 1024
SLOW_PAUSE = 0.005  # s between chunks: ~3 MB/s per connection
SLOW_FOR = 8.0  # s at most per connection


@pytest.fixture
def pg() -> Iterator[Postgres]:
    with postgres() as server:
        yield server


def test_oversized_request_heads_are_refused_without_growing_workers(
    pg: Postgres, tmp_path: Path
) -> None:
    serve = Serve(pg, tmp_path, workers=2, TIMECREDITS_MIGRATE_ON_START="true")
    try:
        serve.wait_ready()
        workers = sorted(serve.worker_pids())
        for _ in range(40):  # warm both workers up (new connections: the kernel spreads them)
            assert httpx.get(f"{serve.base}/readyz", timeout=5).status_code == 200
        before = {pid: rss_kb(pid) for pid in workers}

        # Just under the limit is served; just over it is refused.
        assert _get_with_header(serve.port, MAX_HEAD_BYTES - 1024).startswith(b"HTTP/1.1 200")
        assert _get_with_header(serve.port, MAX_HEAD_BYTES + 1024).startswith(b"HTTP/1.1 431")

        started = time.monotonic()
        answer = _send_huge_header(serve.port, 50 * MB)
        refused_in = time.monotonic() - started
        assert answer in (b"", b"HTTP/1.1 431 Request Header Fields Too Large"), answer
        assert refused_in < 5

        sent = asyncio.run(_slow_unfinished_headers(serve.port))
        after = {pid: rss_kb(pid) for pid in workers}
        growth = {pid: after[pid] - before[pid] for pid in workers}
        print(
            f"\nheader limit: 50 MB header answered {answer.decode() or 'by closing'} in "
            f"{refused_in:.3f} s; {SLOW_SENDERS} slow 100 MB headers cut off after "
            f"{sorted(sent)} bytes; worker RSS before {before} kB, growth {growth} kB"
        )
        assert sorted(serve.worker_pids()) == workers, "a worker died"
        assert all(n < 2 * MAX_HEAD_BYTES + 512 * 1024 for n in sent), sent
        assert all(g < RSS_GROWTH_LIMIT_KB for g in growth.values()), growth

        for _ in range(10):  # still serving, on both workers
            assert httpx.get(f"{serve.base}/healthz", timeout=5).status_code == 200

        spread = _keep_alive_spread(serve, connections=32)
        print(f"keep-alive spread of 32 connections over the workers: {spread}")
        assert len(spread) == 2 and min(spread.values()) >= 6, spread

        assert serve.stop(signal.SIGINT) == 0, serve.log()  # Ctrl-C: a clean stop
        log = serve.log()
        assert "Traceback" not in log, log
        assert "431" in log  # each refusal is logged, with its request id
    finally:
        serve.close()


def _get_with_header(port: int, size: int) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Pad: " + b"a" * size + b"\r\n\r\n")
        return s.recv(200)


def _send_huge_header(port: int, size: int) -> bytes:
    """Send a `size`-byte header as fast as the server takes it; the status line it answered
    (b"" if it only closed)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: ")
        chunk = b"a" * (64 * 1024)
        with contextlib.suppress(OSError):  # reset or broken pipe: refused
            for _ in range(size // len(chunk)):
                s.sendall(chunk)
            s.sendall(b"\r\n\r\n")
        try:
            return s.recv(200).split(b"\r\n")[0]
        except OSError:
            return b""


async def _slow_unfinished_headers(port: int) -> list[int]:
    """SLOW_SENDERS connections at once, each trickling a header meant to reach 100 MB and
    never ending it; the bytes each got out before the server cut it off."""

    async def trickle() -> int:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        sent = 0
        stop_at = time.monotonic() + SLOW_FOR
        try:
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: ")
            while sent < 100 * MB and time.monotonic() < stop_at:
                writer.write(b"b" * SLOW_CHUNK)
                await writer.drain()
                sent += SLOW_CHUNK
                await asyncio.sleep(SLOW_PAUSE)
        except OSError:
            pass
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
        return sent

    return list(await asyncio.gather(*(trickle() for _ in range(SLOW_SENDERS))))


def _keep_alive_spread(serve: Serve, connections: int) -> Counter[int]:
    """Open `connections` keep-alive connections, one request each; which worker holds each."""
    socks = []
    try:
        for _ in range(connections):
            s = socket.create_connection(("127.0.0.1", serve.port), timeout=5)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            assert s.recv(200).startswith(b"HTTP/1.1 200")
            socks.append(s)
        return Counter(serve.serving_pid(s.getsockname()[1]) for s in socks)
    finally:
        for s in socks:
            s.close()
