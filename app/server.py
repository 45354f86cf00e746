"""`timecredits serve`: uvicorn workers under a supervisor, each on its own SO_REUSEPORT socket.

Why per-worker sockets: uvicorn's `--workers` shares one listening socket among its
processes and whichever worker wakes first accepts, so keep-alive clients pile onto one
worker (measured: 15 of wrk's 16 connections on one of two workers, the other core idle).
With a socket per worker bound with SO_REUSEPORT, the kernel spreads new connections over
the workers by hash.

Why gunicorn supervises (app/supervisor.py): a dead worker must be replaced within seconds
while the others keep serving, with no process manager. uvicorn's own supervisor
(uvicorn.supervisors.Multiprocess) does restart dead workers, but hands every worker the
parent's one socket: a socket per worker would mean replacing its Process class, which the
supervisor constructs by name in four places, and it has no crash-loop stop either.
gunicorn (24.0 on) with `reuse_port` has each worker bind its own SO_REUSEPORT socket after
the fork, replaces dead workers, kills hung ones and drains on SIGTERM; uvicorn-worker (by
uvicorn's maintainers) runs uvicorn in each worker. We add only what neither does: see
app/supervisor.py.

Where SO_REUSEPORT does not exist (Windows), uvicorn's own supervisor serves instead."""

import os
import shutil
import socket
import tempfile

# Not app.metrics.MULTIPROC_DIR: importing prometheus_client here, before the variable is
# set, would fix this process, and every worker forked from it, in single-process mode.
MULTIPROC_DIR = "PROMETHEUS_MULTIPROC_DIR"
GRACEFUL_SECONDS = 10  # how long a stopping worker lets requests in flight finish


def run(host: str, port: int, workers: int) -> int:
    """Serve until stopped; the exit status is 0 after a requested stop."""
    if os.environ.get(MULTIPROC_DIR):
        return _run(host, port, workers)
    # Each worker (a replacement too) writes its metrics to files here, and a scrape of any
    # of them adds them all up (app/metrics.py). A fresh directory per start: counters
    # begin at zero.
    metrics_dir = tempfile.mkdtemp(prefix="timecredits-metrics-")
    os.environ[MULTIPROC_DIR] = metrics_dir  # the workers inherit it
    master = os.getpid()
    try:
        return _run(host, port, workers)
    finally:
        # Workers are forked from this process, and one leaving unwinds through here too:
        # only the master may remove the directory the others still write to.
        if os.getpid() == master:
            del os.environ[MULTIPROC_DIR]
            shutil.rmtree(metrics_dir, ignore_errors=True)


def _run(host: str, port: int, workers: int) -> int:
    if not hasattr(socket, "SO_REUSEPORT"):
        import uvicorn

        from app.http_limits import HeadLimitedHttpTools

        uvicorn.run(
            "app.main:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            http=HeadLimitedHttpTools,
            log_level="warning",
            access_log=False,  # the app's request log instead (app/api/request_log.py)
            timeout_graceful_shutdown=GRACEFUL_SECONDS,
        )
        return 0
    # A port already taken fails here, with one clear error, not once per worker. Probed
    # without SO_REUSEPORT, so another instance of this service on the port counts as taken.
    _probe(host, port)
    from app import supervisor

    return supervisor.serve(host, port, workers, graceful_seconds=GRACEFUL_SECONDS)


def _probe(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
