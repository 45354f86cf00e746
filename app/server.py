"""Running uvicorn workers, each on its own SO_REUSEPORT listening socket.

uvicorn's `--workers` shares one listening socket among its processes: whichever worker
wakes first accepts, so keep-alive clients pile onto one worker (measured: 15 of wrk's 16
connections on one of two workers, the other core idle for the service). With a socket per
worker bound with SO_REUSEPORT, the kernel spreads new connections over the workers by
hash. The parent only supervises: it stops every worker on SIGTERM/SIGINT and stops the
rest when one dies, so a process manager sees the failure and restarts the service."""

import contextlib
import multiprocessing
import os
import shutil
import signal
import socket
import sys
import tempfile
from multiprocessing.process import BaseProcess
from typing import Any

import uvicorn

# Not app.metrics.MULTIPROC_DIR: importing prometheus_client here, before the variable is
# set, would fix this process in single-process mode (harmless, but misleading).
MULTIPROC_DIR = "PROMETHEUS_MULTIPROC_DIR"
APP = "app.main:create_app"
UVICORN: dict[str, Any] = {
    "factory": True,
    "loop": "uvloop",
    "http": "httptools",
    "log_level": "warning",
    "timeout_graceful_shutdown": 10,
}


def run(host: str, port: int, workers: int, access_log: bool) -> int:
    """Serve until stopped; the exit status is 0 after a requested stop."""
    if workers <= 1 or os.environ.get(MULTIPROC_DIR):
        return _run(host, port, workers, access_log)
    # Several workers: each writes its metrics to files here, and a scrape of any of them
    # adds them up (app/metrics.py). A fresh directory per start: counters begin at zero.
    metrics_dir = tempfile.mkdtemp(prefix="timecredits-metrics-")
    os.environ[MULTIPROC_DIR] = metrics_dir  # the workers inherit it
    try:
        return _run(host, port, workers, access_log)
    finally:
        del os.environ[MULTIPROC_DIR]
        shutil.rmtree(metrics_dir, ignore_errors=True)


def _run(host: str, port: int, workers: int, access_log: bool) -> int:
    options = {**UVICORN, "access_log": access_log}
    if workers <= 1 or not hasattr(socket, "SO_REUSEPORT"):
        uvicorn.run(APP, host=host, port=port, workers=workers, **options)
        return 0
    # A port already taken fails here, with one clear error, not once per worker.
    _listen(host, port, backlog=None).close()
    context = multiprocessing.get_context("spawn")
    procs = [
        context.Process(target=_worker, args=(host, port, options), name=f"worker-{i}")
        for i in range(workers)
    ]
    stopping = False

    def stop(signum: int, frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for p in procs:
            if p.is_alive() and p.pid is not None:
                _signal(p, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for p in procs:
        p.start()
    status = 0
    while any(p.is_alive() for p in procs):
        for p in procs:
            p.join(timeout=0.5)
            if not p.is_alive() and not stopping:
                print(f"error: {p.name} exited with {p.exitcode}; stopping", file=sys.stderr)
                status = 1
                stop(signal.SIGTERM, None)
    return status


def _signal(p: BaseProcess, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(p.pid, signum)  # type: ignore[arg-type]


def _listen(host: str, port: int, backlog: int | None = 2048) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    if backlog is not None:
        sock.listen(backlog)
    return sock


def _worker(host: str, port: int, options: dict[str, Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent turns Ctrl-C into SIGTERM
    sock = _listen(host, port)
    config = uvicorn.Config(APP, **options)
    uvicorn.Server(config).run(sockets=[sock])
