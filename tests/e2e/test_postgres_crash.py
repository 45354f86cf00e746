"""PostgreSQL killed with SIGKILL mid-load, then started again on the same data directory: the
service keeps running, answers 503 problems (never a 500, never a hang) while the database is
down, recovers by itself, and every retried earn has exactly one effect. A worker killed
while the database is down is replaced once the database is back (a replacement that cannot
start tries again, without listening, rather than stopping the service)."""

import asyncio
import os
import signal
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
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
)

pytestmark = pytest.mark.slow

CLIENTS = 8
LOAD_SECONDS = 14.0
KILL_AFTER = 3.0
DOWN_FOR = 3.0  # seconds between the kill and the restart


@pytest.fixture
def pg() -> Iterator[Postgres]:
    with postgres() as server:
        yield server


@dataclass
class Outage:
    killed_at: float = 0.0
    restart_began: float = 0.0
    restarted_at: float = 0.0
    readyz: Counter[str] = field(default_factory=Counter)  # "down 503", "up 200", ...
    readyz_recovered_after: float | None = None
    victim: int = 0  # the worker killed while the database was down


def test_postgres_killed_and_restarted_under_load(pg: Postgres, tmp_path: Path) -> None:
    admin_key = bootstrap(pg, tmp_path)
    serve = Serve(pg, tmp_path, workers=2)
    try:
        serve.wait_ready()
        network = create_network(serve.base, admin_key, members=CLIENTS)
        load = Load()
        outage = asyncio.run(_kill_postgres_under_load(pg, serve, network, load))
        ended = time.monotonic()

        after_restart = [t for t in load.answered_at if t > outage.restarted_at]
        recovered = min(after_restart) - outage.restarted_at if after_restart else None
        gap = load.longest_gap(outage.killed_at - 1, ended)
        print(
            f"\npostgres kill: down {outage.restarted_at - outage.killed_at:.2f} s (restart took "
            f"{outage.restarted_at - outage.restart_began:.2f} s); first 201 "
            f"{recovered} s after the restart; /readyz 200 again after "
            f"{outage.readyz_recovered_after} s; longest time without a 201 {gap:.2f} s; "
            f"/readyz {dict(outage.readyz)}; {load.summary()}"
        )
        assert not load.unexpected, load.unexpected[:5]
        assert not load.abandoned, load.abandoned[:5]
        assert load.statuses[503] > 0, "no 503 while the database was down"
        assert not [s for s in load.statuses if s >= 500 and s != 503], (
            f"{load.statuses}: {serve.unhandled()}"
        )
        assert not [r for r in load.retries if "Timeout" in r], "a request hung (10 s)"
        assert outage.readyz["down 503"] > 0 and not outage.readyz["down 200"], outage.readyz
        assert outage.readyz_recovered_after is not None and outage.readyz_recovered_after < 5
        assert recovered is not None and recovered < 5, "the service did not recover by itself"
        assert serve.proc.poll() is None, "serve stopped with the database"
        replaced_after = _wait_for_two_workers(serve, outage) - outage.restarted_at
        print(
            f"worker killed while the database was down: replaced {replaced_after:.2f} s "
            "after the restart"
        )
        assert outage.victim not in serve.listening()

        asyncio.run(assert_exactly_once(pg, load))
        ledger = check_ledger(pg, tmp_path)
        assert ledger.returncode == 0, ledger.stdout + ledger.stderr
        assert serve.stop() == 0, serve.log()
    finally:
        serve.close()


async def _kill_postgres_under_load(
    pg: Postgres, serve: Serve, network: Network, load: Load
) -> Outage:
    outage = Outage()
    running = asyncio.create_task(
        earn_load(serve.base, network, clients=CLIENTS, seconds=LOAD_SECONDS, load=load)
    )
    await asyncio.sleep(KILL_AFTER)
    outage.killed_at = time.monotonic()
    await asyncio.to_thread(pg.kill)
    outage.victim = min(serve.worker_pids())
    os.kill(outage.victim, signal.SIGKILL)
    watching = asyncio.create_task(_watch_readyz(serve, outage, until=running))
    await asyncio.sleep(max(0.0, outage.killed_at + DOWN_FOR - time.monotonic()))
    outage.restart_began = time.monotonic()
    await asyncio.to_thread(pg.restart)
    outage.restarted_at = time.monotonic()
    await running
    await watching
    return outage


async def _watch_readyz(serve: Serve, outage: Outage, until: asyncio.Task[None]) -> None:
    async with httpx.AsyncClient(base_url=serve.base, timeout=5) as http:
        while not until.done():
            # "restarting": PostgreSQL may answer before restart() returns (it polls).
            phase = (
                "up" if outage.restarted_at else "restarting" if outage.restart_began else "down"
            )
            try:
                r = await http.get("/readyz")
            except httpx.TransportError as exc:
                outage.readyz[f"{phase} {type(exc).__name__}"] += 1
            else:
                outage.readyz[f"{phase} {r.status_code}"] += 1
                if r.status_code == 503:  # the same problem as any route's while it is down
                    assert r.json()["code"] == "service_unavailable", r.text
                    assert r.headers["retry-after"] == "1"
                if phase == "up" and r.status_code == 200 and outage.readyz_recovered_after is None:
                    outage.readyz_recovered_after = time.monotonic() - outage.restarted_at
            await asyncio.sleep(0.1)


def _wait_for_two_workers(serve: Serve, outage: Outage) -> float:
    """When both workers listen again (the replacement's app has started)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        listening = serve.listening()
        if len(listening) == 2 and outage.victim not in listening:
            return time.monotonic()
        time.sleep(0.1)
    raise AssertionError(f"the worker killed during the outage was not replaced\n{serve.log()}")
