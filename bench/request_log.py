"""What the request log costs a request, in this process's CPU, without the noise of a shared
machine's load: the app's whole ASGI stack called directly (no socket, no uvicorn, which
are the same either way), with the request log on and off, alternated, each line written to
a real file as `timecredits serve` writes its standard output.

    .venv/bin/python bench/request_log.py --earns 4000 --rounds 6

Two requests: `POST /v1/earnings` (the fast path, a unique Idempotency-Key each, 8 at a
time, on a throwaway database: --database-url, default $TEST_DATABASE_URL), whose CPU here
is the service's side of an earn (app, asyncpg's client side), and `GET /healthz`, the
cheapest route, where the log weighs most. The difference of the medians is the request
log's CPU per request; docs/performance.md records it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import itertools
import json
import os
import secrets
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import asyncpg  # noqa: E402
import harness  # noqa: E402
from harness import pg  # noqa: E402

from app import db as dbmod  # noqa: E402
from app.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402

PEPPER = "bench-pepper-" + "x" * 20
CONCURRENCY = 8
Call = Callable[[str, str, dict[str, str], bytes], Awaitable[tuple[int, bytes]]]


def _scope(method: str, path: str, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    raw += [(b"host", b"bench"), (b"content-length", str(len(body)).encode())]
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": raw,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }


@contextlib.asynccontextmanager
async def served(url: str | None, on: bool, out: Path) -> AsyncIterator[Call]:
    """The app as `timecredits serve` makes it (JSON lines, standard output `out`), started,
    and a function sending it one request."""
    saved = sys.stdout
    sys.stdout = out.open("a", encoding="utf-8")  # the request logger keeps this stream
    try:
        settings = Settings(
            database_url=url,
            env="development",
            key_pepper=PEPPER,
            log_format="json",
            request_log=on,
            webhooks_dispatch=False,
            # The per-key budget would refuse a benchmark's earns; it is the same either way.
            rate_limit_writes_per_minute=0,
            rate_limit_reads_per_minute=0,
        )
        app = create_app(settings)
    finally:
        sys.stdout = saved

    async def call(method: str, path: str, headers: dict[str, str], body: bytes) -> tuple:
        sent = False
        answer: dict[str, Any] = {"body": b""}

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if sent:
                await asyncio.sleep(3600)  # a client that stays connected
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
            elif message["type"] == "http.response.body":
                answer["body"] += message.get("body", b"")

        await app(_scope(method, path, headers, body), receive, send)
        return answer["status"], answer["body"]

    if url is None:
        yield call
        return
    async with app.router.lifespan_context(app):
        yield call


async def network(url: str, call: Call) -> tuple[str, list[str]]:
    """An earn partner's key and its members, made through the API."""
    conn = await asyncpg.connect(dbmod.plain_url(url))
    try:
        operator = await harness.Writer(conn, PEPPER.encode()).operator("Bench operator")
    finally:
        await conn.close()

    async def post(key: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        headers = {"authorization": f"Bearer {key}", "content-type": "application/json"}
        status, answer = await call("POST", path, headers, json.dumps(body).encode())
        if status != 201:
            raise RuntimeError(f"setup: POST {path}: {status} {answer[:300]!r}")
        return json.loads(answer)

    admin = operator.api_key.secret
    programme = await post(admin, "/v1/programmes", {
        "name": "Bench", "place": "Benchtown", "focus": "Throughput", "starts_on": "2020-01-01",
    })  # fmt: skip
    partner = await post(admin, "/v1/organisations", {
        "name": "Bench partner", "roles": ["earn_partner"], "programme_ids": [programme["id"]],
    })  # fmt: skip
    key = partner["api_key"]["secret"]
    await post(admin, "/v1/allocations", {"organisation_id": partner["id"], "credits": 10**7})
    members = []
    for i in range(50):
        body = {"display_name": f"M{i}", "programme_id": programme["id"]}
        members.append((await post(key, "/v1/members", body))["id"])
    return key, members


async def cpu_per_earn_us(call: Call, key: str, members: list[str], earns: int) -> float:
    serial = itertools.count()

    async def worker() -> None:
        for _ in range(earns // CONCURRENCY):
            n = next(serial)
            headers = {
                "authorization": f"Bearer {key}",
                "content-type": "application/json",
                "idempotency-key": f"bench-{secrets.token_hex(6)}-{n}",
            }
            body = json.dumps({"member_id": members[n % len(members)], "hours": 1}).encode()
            status, answer = await call("POST", "/v1/earnings", headers, body)
            if status != 201:
                raise RuntimeError(f"earn: {status} {answer[:300]!r}")

    start = time.process_time()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return (time.process_time() - start) / (earns // CONCURRENCY * CONCURRENCY) * 1e6


async def cpu_per_healthz_us(call: Call, requests: int) -> float:
    start = time.process_time()
    for _ in range(requests):
        await call("GET", "/healthz", {}, b"")
    return (time.process_time() - start) / requests * 1e6


async def measure(url: str, args: argparse.Namespace, out: Path) -> dict[str, dict[str, list]]:
    results: dict[str, dict[str, list[float]]] = {
        "earn": {"off": [], "on": []},
        "healthz": {"off": [], "on": []},
    }
    async with (
        served(url, False, out) as off,
        served(url, True, out) as on,
    ):
        key, members = await network(url, off)
        apps = {"off": off, "on": on}
        for call in apps.values():  # warm up: code paths, the key cache, statements
            await cpu_per_earn_us(call, key, members, 200)
            await cpu_per_healthz_us(call, 500)
        for n in range(args.rounds):
            # off, on; then on, off: a drift (the tables growing) favours neither
            for mode in ("off", "on") if n % 2 == 0 else ("on", "off"):
                call = apps[mode]
                results["earn"][mode].append(await cpu_per_earn_us(call, key, members, args.earns))
                results["healthz"][mode].append(await cpu_per_healthz_us(call, args.earns))
    return results


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--earns", type=int, default=4000, help="requests per measurement")
    p.add_argument("--rounds", type=int, default=6, help="off and on: this many times")
    p.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL"))
    p.add_argument(
        "--output",
        choices=("file", "pipe"),
        default="file",
        help="standard output is a file, or a pipe another process reads",
    )
    args = p.parse_args()
    if not args.database_url:
        sys.exit("needs --database-url or TEST_DATABASE_URL (a server to create a database on)")
    server = dbmod.plain_url(args.database_url)
    name = f"tc_bench_request_log_{secrets.token_hex(3)}"
    pg.execute(server, f'CREATE DATABASE "{name}"')
    try:
        url = pg.with_database(server, name)
        dbmod.migrate(url)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "stdout.log"
            reader, held = None, None
            if args.output == "pipe":  # read at the other end, as by a log shipper
                os.mkfifo(out)
                reader = subprocess.Popen(f"wc -l < {shlex.quote(str(out))}", shell=True,
                                          stdout=subprocess.PIPE, text=True)  # fmt: skip
                held = out.open("w")  # open until the end, whichever app closes its own
            results = asyncio.run(measure(url, args, out))
            if reader is not None and held is not None:
                held.close()
                gc.collect()  # the apps' streams close too: the reader sees the end
                lines = reader.communicate(timeout=60)[0].strip()
            else:
                lines = str(sum(1 for _ in out.open()))
    finally:
        pg.execute(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print("| request | request log | µs of CPU per request, each round | median |")
    print("|---|---|---|---:|")
    medians = {}
    for request, modes in results.items():
        for mode, values in modes.items():
            medians[request, mode] = statistics.median(values)
            each = ", ".join(f"{v:.0f}" for v in values)
            print(f"| {request} | {mode} | {each} | {medians[request, mode]:.1f} |")
    for request in results:
        off, on = medians[request, "off"], medians[request, "on"]
        print(f"\n{request}: the request log costs {on - off:.1f} µs, {(on - off) / off:.1%}")
    print(f"({lines} request lines written)")
    print(f"command: .venv/bin/python bench/request_log.py {' '.join(sys.argv[1:])}".rstrip())


if __name__ == "__main__":
    main()
