"""The common options and one run's resources: databases, servers, wrk runs, cleanup.

Everything a `Bench` starts is undone in reverse order when it closes, whether the run ends,
fails, or is stopped with Ctrl-C or SIGTERM: servers stopped, throwaway databases dropped,
the embedded PostgreSQL stopped, the temporary directory removed."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shlex
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from app import db as dbmod

from . import cpu, pg, profile, report
from .process import Server, free_port
from .wrk import Load, require_wrk, run_wrk, wrk_version

# Per-key rate-limit budgets for the service under load: on, but never reached (the
# settings' maximum; about 16 million requests a second per key).
NEVER_REFUSED = 1_000_000_000


def log(msg: str) -> None:
    """Progress goes to stderr; stdout carries only the report (and --json's line)."""
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def _env_pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError("expected KEY=VALUE")
    return name, value


def parser(
    description: str, *, clients: int, seconds: float, warmup: float = 3.0, workers: int = 2
) -> argparse.ArgumentParser:
    """The options every scenario takes; a scenario adds its own."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--seconds", type=float, default=seconds, help="measured seconds per run")
    p.add_argument("--warmup", type=float, default=warmup, help="unmeasured seconds first")
    p.add_argument("--workers", type=int, default=workers, help="uvicorn workers of the service")
    p.add_argument("--clients", type=int, default=clients, help="concurrent connections")
    p.add_argument(
        "--database-url",
        default=os.environ.get("TEST_DATABASE_URL"),
        help="PostgreSQL server to create throwaway databases on (default $TEST_DATABASE_URL, "
        "else an embedded PostgreSQL in a temporary directory)",
    )
    p.add_argument(
        "--env", type=_env_pair, action="append", default=[], metavar="KEY=VALUE",
        help="extra environment for the service (repeatable)",
    )  # fmt: skip
    p.add_argument(
        "--wait-idle", type=float, default=0, metavar="SECONDS",
        help="before each measured run, wait up to SECONDS for the machine to go below 10%% busy",
    )  # fmt: skip
    p.add_argument(
        "--profile", type=Path, metavar="DIR",
        help="py-spy the service's workers during measured runs into DIR (needs py-spy)",
    )  # fmt: skip
    p.add_argument(
        "--disable-trigger", action="append", default=[], metavar="TABLE.TRIGGER",
        help="disable this trigger in the service's database, to read what it costs "
        "(repeatable; the command line in the report says so)",
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="also print one JSON object, last")
    return p


def check(p: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.Namespace:
    if args.seconds <= 0 or args.warmup < 0 or args.clients < 1 or args.workers < 1:
        p.error("--seconds, --clients and --workers must be positive, --warmup not negative")
    return args


def run(main: Callable[[], int]) -> None:
    """Exit with main()'s status; 130 when interrupted (the Bench has cleaned up by then)."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)


class Bench:
    """One run: `with Bench(args, "bench/earn.py") as bench: ...`."""

    def __init__(self, args: argparse.Namespace, script: str, *, http: bool = True) -> None:
        self.args = args
        self.command = shlex.join([".venv/bin/python", script, *sys.argv[1:]])
        self.pepper = "bench-pepper-" + secrets.token_hex(16)
        self.meter = cpu.Meter()
        self.facts: dict[str, Any] = {
            "git": report.git_revision(), "date": report.now(), "machine": report.machine(),
            "wrk": wrk_version() if http and require_wrk() else None,
        }  # fmt: skip
        self._stack = contextlib.ExitStack()
        self._server_url: str | None = None

    # --- lifetime ----------------------------------------------------------------------

    def __enter__(self) -> Bench:
        def interrupt(signum: int, frame: Any) -> None:
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, interrupt)
        self._stack.callback(signal.signal, signal.SIGTERM, previous)
        self.workdir = Path(tempfile.mkdtemp(prefix="tc-bench-"))
        self.defer(lambda: shutil.rmtree(self.workdir, ignore_errors=True), "temporary directory")
        self.facts["busy_before_pct"] = cpu.busy_pct(1.0)
        if self.facts["busy_before_pct"] > 10:
            log(
                f"warning: the machine is {self.facts['busy_before_pct']:.0f}% busy with other "
                "work; figures will suffer (see other processes; --wait-idle waits)"
            )
        return self

    def __exit__(self, *exc: object) -> None:
        # A second Ctrl-C or SIGTERM must not cut the cleanup short.
        with _signals_ignored():
            self._stack.close()

    def defer(self, fn: Callable[[], Any], what: str) -> None:
        """Undo something at exit; a failure is logged and the rest still runs."""

        def undo() -> None:
            try:
                fn()
            except Exception as exc:
                log(f"cleanup of {what} failed: {exc}")

        self._stack.callback(undo)

    # --- PostgreSQL --------------------------------------------------------------------

    @property
    def server_url(self) -> str:
        """The server to create databases on (started here when embedded), once."""
        if self._server_url is None:
            if self.args.database_url:
                url = dbmod.plain_url(self.args.database_url)
                self.facts["server"] = "--database-url"
            else:
                log("starting an embedded PostgreSQL in a temporary directory")
                url, _, server = pg.start_embedded(self.workdir / "pg")
                self.defer(server.cleanup, "the embedded PostgreSQL")
                self.facts["server"] = "embedded"
            self.facts["postgres"], postmaster = pg.facts(url)
            self.facts["postmaster_pid"] = postmaster
            if postmaster is not None:
                self.meter.trees["postgres"] = postmaster
            self._server_url = url
        return self._server_url

    def database(self, purpose: str, *, migrate: bool = True) -> str:
        """A throwaway database (dropped at exit), migrated to head unless told otherwise."""
        name = f"tc_bench_{purpose}_{secrets.token_hex(3)}"
        pg.execute(self.server_url, f'CREATE DATABASE "{name}"')
        drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        self.defer(lambda: pg.execute(self.server_url, drop), f"database {name}")
        url = pg.with_database(self.server_url, name)
        if migrate:
            log(f"database {name}: migrating")
            dbmod.migrate(url)
            for spec in getattr(self.args, "disable_trigger", []):
                table, _, trigger = spec.partition(".")
                log(f"database {name}: trigger {trigger} on {table} disabled")
                pg.execute(url, f'ALTER TABLE "{table}" DISABLE TRIGGER "{trigger}"')
        return url

    # --- servers -----------------------------------------------------------------------

    def start(
        self, name: str, command: list[str], *, env: dict[str, str], cwd: Path, ready: str
    ) -> Server:
        """Start an HTTP server on a free port ({port} in the command), metered as `name`."""
        port = free_port()
        command = [c.replace("{port}", str(port)) for c in command]
        log(f"starting {name}: {shlex.join(command)}")
        server = Server(
            name, command, port=port, env=env, cwd=cwd, log_path=self.workdir / f"{name}.log"
        )
        self.defer(server.stop, name)
        server.wait_ready(ready)
        self.meter.trees[name] = server.pid
        return server

    def serve(
        self,
        database_url: str,
        *,
        workers: int | None = None,
        name: str = "service",
        env: dict[str, str] | None = None,
    ) -> Server:
        """The real service: `.venv/bin/timecredits serve --workers W` on this database.
        Per-key rate limits stay on, as in production, with budgets no benchmark reaches
        (the defaults would refuse a load generator); `--env` or `env` may set them."""
        exe = Path(sys.executable).parent / "timecredits"
        workers = workers or self.args.workers
        env = {
            "DATABASE_URL": database_url,
            "TIMECREDITS_KEY_PEPPER": self.pepper,
            "TIMECREDITS_MIGRATE_ON_START": "false",
            "TIMECREDITS_RATE_LIMIT_READS_PER_MINUTE": str(NEVER_REFUSED),
            "TIMECREDITS_RATE_LIMIT_WRITES_PER_MINUTE": str(NEVER_REFUSED),
            **dict(self.args.env),
            **(env or {}),
        }
        command = [str(exe), "serve", "--host", "127.0.0.1", "--port", "{port}"]
        command += ["--workers", str(workers)]
        return self.start(name, command, env=env, cwd=report.ROOT, ready="/readyz")

    def stop(self, server: Server) -> None:
        """Stop a server early, giving its cores back (its exit-time cleanup is then a no-op)."""
        server.stop()
        self.meter.trees.pop(server.name, None)

    # --- measuring ---------------------------------------------------------------------

    def quiet(self) -> None:
        if self.args.wait_idle > 0:
            cpu.wait_idle(self.args.wait_idle, log)

    def wrk(
        self,
        server: Server,
        body: str,
        *,
        label: str,
        path: str = "/",
        profiled: bool = False,
        warmup_body: str | None = None,
    ) -> Load:
        """Warm up, then one measured wrk run of `body` (harness/wrk.py) at --clients,
        with CPU per request by process tree (and py-spy on the workers if `profiled`).
        `warmup_body` warms up with other requests, where the measured ones must not have
        been sent before (single-use codes)."""
        args = self.args
        url = server.base_url + path
        self.quiet()
        if args.warmup > 0:
            log(f"{label}: warm-up {args.warmup:g} s")
            run_wrk(url, warmup_body or body, clients=args.clients, seconds=args.warmup,
                    workdir=self.workdir, label=label)  # fmt: skip
        finish = None
        if profiled and args.profile:
            finish = profile.start(server.workers(), args.seconds, args.profile, label)
        log(f"{label}: {args.clients} connections for {args.seconds:g} s")
        before = self.meter.snapshot()
        load = run_wrk(url, body, clients=args.clients, seconds=args.seconds,
                       workdir=self.workdir, label=label)  # fmt: skip
        after = self.meter.snapshot()
        load.cpu_ms, load.busy_pct = cpu.per_op(before, after, load.requests)
        if finish is not None:
            load.profile = profile.summarise(finish(), load.cpu_ms.get(server.name))
            with (args.profile / "summary.txt").open("a") as out:
                out.write(f"{label}\n{load.profile}\n\n")
            log(load.profile)
        return load

    @contextlib.contextmanager
    def measure(self, ops: Callable[[], int], reaped_as: str = "reaped") -> Iterator[dict]:
        """CPU per operation of a block that does not use wrk (e.g. asyncpg clients):
        the dict yielded gets `cpu_ms` and `busy_pct` when the block ends."""
        out: dict[str, Any] = {}
        before = self.meter.snapshot()
        yield out
        out["cpu_ms"], out["busy_pct"] = cpu.per_op(before, self.meter.snapshot(), ops(), reaped_as)

    # --- output ------------------------------------------------------------------------

    def emit(self, lines: list[str], result: dict[str, Any]) -> None:
        """The report on stdout, the run's facts under it; --json adds one JSON line last."""
        print("\n".join(["", *lines, "", *report.footer(self.facts, self.command)]))
        if self.args.json:
            print(json.dumps({"command": self.command, "facts": self.facts, **result}, default=str))


@contextlib.contextmanager
def _signals_ignored() -> Iterator[None]:
    previous = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
