"""gunicorn's master over uvicorn workers, plus the little neither of them does.

gunicorn (with `reuse_port`, uvicorn-worker's UvicornWorker) replaces dead workers, kills
hung ones (no heartbeat for `timeout` seconds), gives each worker its own SO_REUSEPORT
socket and drains on SIGTERM. Added here:

- a crash-loop stop: a worker exit the master did not ask for, CRASH_LIMIT times within
  CRASH_WINDOW seconds, stops the service with one error line and exit status 1; gunicorn
  alone restarts such a worker forever (it stops only for a worker that never booted);
- Ctrl-C drains requests in flight as SIGTERM does (gunicorn's SIGINT does not wait);
- our HTTP protocol in the workers (app/http_limits.py: the request-head limit);
- Prometheus multiprocess bookkeeping when a worker goes (`mark_process_dead`).

Workers are forked from the master (gunicorn's model): a worker leaving unwinds through the
master's frames, so code after `arbiter.run()` checks the pid before acting."""

import contextlib
import os
import signal
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


def serve(host: str, port: int, workers: int, access_log: bool, *, graceful_seconds: int) -> int:
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
        "accesslog": "-" if access_log else None,
        "keepalive": 5,  # uvicorn's default idle keep-alive (gunicorn's is 2 s)
        "graceful_timeout": graceful_seconds + 5,  # then gunicorn kills what is left
        "child_exit": _child_exit,
    }
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


class Service(BaseApplication):  # type: ignore[misc]
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


class Worker(UvicornWorker):  # type: ignore[misc]
    """uvicorn on uvloop, httptools with the request-head limit."""

    CONFIG_KWARGS: dict[str, Any] = {  # noqa: RUF012 - uvicorn-worker's own pattern
        "loop": "uvloop",
        "http": HeadLimitedHttpTools,
    }


class Master(Arbiter):  # type: ignore[misc]
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
