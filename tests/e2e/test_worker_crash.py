"""A worker killed with SIGKILL mid-load: the other keeps serving, the master starts another
within seconds, every retried earn has exactly one effect. A worker that keeps dying stops
the service with one error."""

import asyncio
import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest

from tests.e2e.support import (
    Load,
    Network,
    Postgres,
    Serve,
    assert_exactly_once,
    bootstrap,
    check_ledger,
    create_network,
    earn_load,
    postgres,
    probe,
)

pytestmark = pytest.mark.slow

CLIENTS = 8
LOAD_SECONDS = 10.0
KILL_AFTER = 3.0


@pytest.fixture
def pg() -> Iterator[Postgres]:
    with postgres() as server:
        yield server


@dataclass
class Replacement:
    killed_at: float
    listening_after: float | None = None  # a new worker's socket is bound
    answering_after: float | None = None  # a new worker answered a request


def test_a_killed_worker_is_replaced_while_the_other_serves(pg: Postgres, tmp_path: Path) -> None:
    admin_key = bootstrap(pg, tmp_path)
    serve = Serve(pg, tmp_path, workers=2)
    try:
        serve.wait_ready()
        network = create_network(serve.base, admin_key, members=CLIENTS)
        load = Load()
        replaced = asyncio.run(_kill_one_worker_under_load(serve, network, load))
        ended = time.monotonic()

        gap = load.longest_gap(replaced.killed_at, ended)
        print(
            f"\nworker kill: replacement listening after {replaced.listening_after:.2f} s, "
            f"answering after {replaced.answering_after:.2f} s; longest time without a 201 "
            f"after the kill {gap:.2f} s; "
            f"{load.summary()}"
        )
        assert not load.unexpected, load.unexpected[:5]
        assert not load.abandoned, load.abandoned[:5]
        assert replaced.listening_after is not None and replaced.listening_after < 10
        assert replaced.answering_after is not None and replaced.answering_after < 15
        assert gap < 3.0, "the surviving worker did not keep answering"
        assert len(load.acknowledged) > 50  # the load did run

        # A scrape still adds up every worker's files, the dead one's included.
        scrape = httpx.get(f"{serve.base}/metrics", timeout=5)
        assert scrape.status_code == 200
        assert 'route="/v1/earnings",status="201"' in scrape.text

        asyncio.run(assert_exactly_once(pg, load))
        ledger = check_ledger(pg, tmp_path)
        assert ledger.returncode == 0, ledger.stdout + ledger.stderr

        assert serve.stop() == 0, serve.log()
        assert "Traceback" not in serve.log(), serve.log()
    finally:
        serve.close()


async def _kill_one_worker_under_load(serve: Serve, network: Network, load: Load) -> Replacement:
    running = asyncio.create_task(
        earn_load(serve.base, network, clients=CLIENTS, seconds=LOAD_SECONDS, load=load)
    )
    await asyncio.sleep(KILL_AFTER)
    before = set(serve.worker_pids())
    victim = min(before)
    replaced = Replacement(killed_at=time.monotonic())
    os.kill(victim, signal.SIGKILL)
    while replaced.answering_after is None and time.monotonic() - replaced.killed_at < 20:
        new = set(await asyncio.to_thread(serve.listening)) - before
        if new and replaced.listening_after is None:
            replaced.listening_after = time.monotonic() - replaced.killed_at
        if new and await probe(serve) in new:
            replaced.answering_after = time.monotonic() - replaced.killed_at
        await asyncio.sleep(0.05)
    await running
    return replaced


def test_a_worker_that_keeps_dying_stops_the_service(pg: Postgres, tmp_path: Path) -> None:
    bootstrap(pg, tmp_path)
    serve = Serve(pg, tmp_path, workers=2)
    try:
        serve.wait_ready()
        seen: set[int] = set()
        for death in range(1, 6):
            pids = serve.worker_pids()
            seen.update(pids)
            os.kill(pids[0], signal.SIGKILL)
            if death < 5:
                _wait_for_replacement(serve, gone=pids[0])
        started = time.monotonic()
        code = serve.proc.wait(timeout=30)
        log = serve.log()
        print(
            f"\ncrash loop: serve exited {code}, "
            f"{time.monotonic() - started:.2f} s after the 5th kill"
        )
        assert code == 1, log
        errors = [line for line in log.splitlines() if line.startswith("error:")]
        assert errors == ["error: workers exited unexpectedly 5 times within 60 s; stopping"], log
        assert not any(_alive(pid) for pid in seen), "a worker outlived the service"
        assert "Traceback" not in log, log
    finally:
        serve.close()


def test_workers_stop_when_their_master_is_killed(pg: Postgres, tmp_path: Path) -> None:
    """Unsupervised workers would serve on, on a port a restarted service would share."""
    bootstrap(pg, tmp_path)
    serve = Serve(pg, tmp_path, workers=2)
    try:
        serve.wait_ready()
        workers = serve.worker_pids()
        serve.proc.kill()
        serve.proc.wait(timeout=10)
        killed_at = time.monotonic()
        deadline = killed_at + 30
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        print(f"\nmaster killed: workers gone after {time.monotonic() - killed_at:.1f} s")
        assert not any(_alive(pid) for pid in workers), "workers outlived their master by 30 s"
    finally:
        serve.close()


def _wait_for_replacement(serve: Serve, gone: int) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        listening = serve.listening()
        if gone not in listening and len(listening) == 2:
            return
        time.sleep(0.05)
    raise AssertionError(f"worker {gone} not replaced in 15 s\n{serve.log()}")


def _alive(pid: int) -> bool:
    """Running (a zombie nobody reaped yet counts as gone)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
