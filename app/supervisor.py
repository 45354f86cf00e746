"""gunicorn's master over uvicorn workers, plus the little neither of them does.

gunicorn (with `reuse_port`, uvicorn-worker's UvicornWorker) replaces dead workers, kills
hung ones (no heartbeat for `timeout` seconds), gives each worker its own SO_REUSEPORT
socket and drains on SIGTERM. Added here:

- a crash-loop stop: a worker exit the master did not ask for, CRASH_LIMIT times within
  CRASH_WINDOW seconds, stops the service with one error line and exit status 1; gunicorn
  alone restarts such a worker forever (it stops only for a worker that never booted);
- Ctrl-C drains requests in flight as SIGTERM does (gunicorn's SIGINT does not wait);
- our HTTP protocol in the workers (app/http_limits.py: the request-head limit);
- a worker listens only once its app has started (gunicorn listens right after the fork,
  so connections the kernel handed a starting worker waited for it), and a replacement
  whose app cannot start (the database is down) tries again rather than stopping the
  service: gunicorn stops everything when a worker fails to boot;
- a worker whose master was killed stops within `timeout` / 2 s (15 s);
- Prometheus multiprocess bookkeeping when a worker goes (`mark_process_dead`).

Workers are forked from the master (gunicorn's model): a worker leaving unwinds through the
master's frames, so code after `arbiter.run()` checks the pid before acting."""

import asyncio
import contextlib
import os
import signal
import socket
import sys
import time
from collections import deque
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter
from gunicorn.errors import HaltServer
from uvicorn_worker import UvicornWorker

from app.http_limits import HeadLimitedHttpTools

CRASH_LIMIT = 5  # unplanned worker exits ...
CRASH_WINDOW = 60.0  # ... within this many seconds stop the service
CRASH_STATUS = 1
MULTIPROC_DIR = "PROMETHEUS_MULTIPROC_DIR"
START_RETRY_FIRST = 0.5  # s before a replacement tries to start the app again ...
START_RETRY_MAX = 8.0  # ... doubling up to this (well within gunicorn's 30 s heartbeat)


def serve(host: str, port: int, workers: int, *, graceful_seconds: int) -> int:
    """Run the master until it stops; its exit status (0 after SIGTERM or Ctrl-C)."""
    Worker.CONFIG_KWARGS = {**Worker.CONFIG_KWARGS, "timeout_graceful_shutdown": graceful_seconds}
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    options: dict[str, Any] = {
        "bind": [bind],
        "workers": workers,
        "worker_class": Worker,
        "reuse_port": True,  # each worker binds its own socket after the fork
        "control_socket_disable": True,  # no gunicornc socket left in $HOME
        "proc_name": "timecredits",
        "loglevel": "warning",
        "accesslog": None,  # the app's request log instead (app/api/request_log.py)
        "keepalive": 5,  # uvicorn's default idle keep-alive (gunicorn's is 2 s)
        "graceful_timeout": graceful_seconds + 5,  # then gunicorn kills what is left
        "child_exit": _child_exit,
    }
    # Imported once here, so each worker (a replacement too) is forked with the app's code
    # loaded and starts about 0.75 s sooner; only the app itself is made in the worker.
    import app.main  # noqa: F401

    master = os.getpid()
    arbiter = Master(Service(options))
    try:
        arbiter.run()
    except SystemExit as exc:
        if os.getpid() != master:
            raise  # a worker leaving, with its own status
        status = exc.code if isinstance(exc.code, int) else 1
    else:  # pragma: no cover - Arbiter.run() ends in sys.exit
        status = 0
    if status and arbiter.crash_reason:
        print(f"error: {arbiter.crash_reason}; stopping", file=sys.stderr)
    elif status:
        print(f"error: a worker could not start (status {status}); stopping", file=sys.stderr)
    return status


class Service(BaseApplication):
    """gunicorn configured from our options rather than from sys.argv or a config file."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> Any:
        """In each worker, after the fork: the app, its pool and its metrics are the worker's."""
        from app.main import create_app

        return create_app()


class Worker(UvicornWorker):
    """uvicorn on uvloop, httptools with the request-head limit; listening only once the app
    has started, and a replacement that cannot start (the database is down) tries again."""

    CONFIG_KWARGS: dict[str, Any] = {  # noqa: RUF012 - uvicorn-worker's own pattern
        "loop": "uvloop",
        "http": HeadLimitedHttpTools,
        # The app logs each request once (app/api/request_log.py), with its route's template:
        # uvicorn's access log would repeat it with the raw path and query string, which may
        # carry a token.
        "access_log": False,
    }

    def init_process(self) -> None:
        # gunicorn has just bound and listened on this worker's socket, so the kernel is
        # already handing it connections, which would wait unanswered while the app starts
        # (about 2 s), or for as long as it cannot. Its bound-only twin instead: uvicorn
        # listens on it once the app has started.
        self.sockets = [_bound_twin(s) for s in self.sockets]
        super().init_process()

    async def _serve(self) -> None:
        pause = START_RETRY_FIRST
        while True:
            try:
                await super()._serve()
                return
            except SystemExit as exc:
                # At the service's start, a worker that cannot start stops it (gunicorn
                # halts: a wrong DATABASE_URL is one clear error). A replacement keeps
                # trying, not listening meanwhile, while the other workers answer.
                if exc.code != Arbiter.WORKER_BOOT_ERROR or self.age <= self.cfg.workers:
                    raise
            self.log.warning(
                "worker %s: the app did not start (see above); trying again in %.1f s",
                self.pid,
                pause,
            )
            self.notify()  # the master's heartbeat: alive, only not serving yet
            await asyncio.sleep(pause)
            pause = min(pause * 2, START_RETRY_MAX)

    async def callback_notify(self) -> None:
        """uvicorn's tick for the master's heartbeat (every `timeout` / 2 s): also, a worker
        whose master is gone (killed) stops, rather than serve on alone, unsupervised, on a
        port a restarted service would share with it."""
        if os.getppid() != self.ppid:
            self.log.warning("worker %s: the master is gone; stopping", self.pid)
            os.kill(os.getpid(), signal.SIGTERM)  # uvicorn drains requests in flight
            return
        self.notify()


def _bound_twin(listener: Any) -> socket.socket:
    """A socket bound like `listener` (SO_REUSEPORT, same address) but not listening yet;
    `listener` is closed."""
    sock = socket.socket(listener.family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(listener.getsockname())
    sock.setblocking(False)
    listener.close()
    return sock


class Master(Arbiter):
    """gunicorn's master, counting the worker exits it did not ask for."""

    def __init__(self, app: BaseApplication) -> None:
        super().__init__(app)
        self.retired: set[int] = set()  # workers told to stop (shutdown, reload, fewer)
        self.deaths: deque[float] = deque()
        self.crash_reason: str | None = None

    # Ctrl-C drains requests in flight, as SIGTERM does.
    handle_int = Arbiter.handle_term

    def kill_worker(self, pid: int, sig: int) -> None:
        if sig in (signal.SIGTERM, signal.SIGQUIT):
            self.retired.add(pid)
        super().kill_worker(pid, sig)

    def worker_exited(self, pid: int) -> None:
        """A worker has gone: fine if we asked; a crash loop past CRASH_LIMIT stops us."""
        if pid in self.retired:
            self.retired.discard(pid)
            return
        now = time.monotonic()
        self.deaths.append(now)
        while self.deaths[0] < now - CRASH_WINDOW:
            self.deaths.popleft()
        if len(self.deaths) >= CRASH_LIMIT:
            self.crash_reason = (
                f"workers exited unexpectedly {len(self.deaths)} times within {CRASH_WINDOW:.0f} s"
            )
            raise HaltServer(self.crash_reason, CRASH_STATUS)
        self.log.warning(
            "worker %s exited unexpectedly; starting another (%d of %d within %.0f s)",
            pid,
            len(self.deaths),
            CRASH_LIMIT,
            CRASH_WINDOW,
        )


def _child_exit(arbiter: Any, worker: Any) -> None:
    """gunicorn's hook, in the master, after any worker has exited."""
    if os.environ.get(MULTIPROC_DIR):
        from prometheus_client import multiprocess

        # Its live gauges go (there are none today); its counters stay, so totals never drop.
        with contextlib.suppress(OSError):
            multiprocess.mark_process_dead(worker.pid)
    if isinstance(arbiter, Master):
        arbiter.worker_exited(worker.pid)
