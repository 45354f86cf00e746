"""PostgreSQL's CPU per earn, by part: each statement straight through asyncpg.

    .venv/bin/python bench/earn_sql.py --seconds 10

From --clients connections (8), for --seconds each: the key lookup alone, the earn statement
alone, both (what PostgreSQL does for one `POST /v1/earnings`), and the yardstick's leanest
earn. For each, the CPU the postmaster's process tree spent per call (so the server must run
on this machine). The statements are imported by name from the modules that run them; their
parameters come from calling the code that runs them (the auth dependency, the ledger
service, the yardstick's endpoint) on a stand-in connection that records instead of running.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import importlib.util
import itertools
import random
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import asyncpg
import harness
from earn import REFERENCE, Partner, build_network, setup_yardstick
from harness import Bench, Recorder, log
from harness.sql import Call

from app import db as dbmod

Make = Callable[[int, int], Awaitable[list[Call]]]  # (connection, n) -> one operation's SQL
# The yardstick's members, as its earn.lua picks them (setup.py makes 101..10100).
YARDSTICK_MEMBERS = range(101, 10101)


@dataclass
class Part:
    name: str
    source: str  # where the statement came from, and any drift found
    make: Make | None = None
    ops: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    cpu_ms: dict[str, float] = field(default_factory=dict)


def named(module: str, name: str, recorded: str) -> str:
    """How a recorded statement relates to the named constant it should be."""
    try:
        value = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        log(f"warning: {module}.{name} not found (moved or renamed?): using what the code ran")
        return f"{module}.{name} not found: the statement the code ran"
    if value != recorded:
        log(f"warning: the statement run differs from {module}.{name}: using what the code ran")
        return f"differs from {module}.{name}: the statement the code ran"
    return f"`{module}.{name}`"


async def key_lookup(
    conn: asyncpg.Connection, partners: list[Partner], pepper: bytes, callers: list[Any]
) -> Part:
    """app.services.keys.authenticate, run for real with each partner's key and recorded;
    the callers it returns are the earn's. (Earnings served from the key cache skip it.)"""
    from app.auth import keys as secrets
    from app.services import keys

    calls = []
    for p in partners:
        rec = Recorder(through=conn)
        callers.append(await keys.authenticate(rec, secrets.digest(p.key, pepper)))  # type: ignore[arg-type]
        calls.append(rec.calls[-1])

    async def make(client: int, n: int) -> list[Call]:
        return [calls[client % len(calls)]]

    lookup = getattr(keys.LOOKUP, "sql", keys.LOOKUP)
    return Part("key lookup", named_value(lookup, "app.services.keys.LOOKUP", calls[0][0]), make)


async def earn_statement(partners: list[Partner], callers: list[Any], idempotent: bool) -> Part:
    """The earning's one statement and its parameters, as ledger.earn prepares them."""
    from app.models.ledger import EarningCreate
    from app.services import ledger, unit_of_work

    env = unit_of_work.Env()

    async def make(client: int, n: int) -> list[Call]:
        i = client % len(partners)
        p, caller = partners[i], callers[i]
        key = f"sql-{client}-{n}-{time.monotonic_ns()}" if idempotent else None
        body = EarningCreate(member_id=p.members[n % len(p.members)], hours=1)
        fingerprint = unit_of_work.fingerprint(ledger.earn.name, body) if key else None
        work = unit_of_work.Work(None, caller, env)  # type: ignore[arg-type]
        return [ledger.earn.prepare(work, body, key, fingerprint)]

    first = await make(0, 0)
    return Part("earn statement", named("app.services.ledger", "EARN_BY_ID", first[-1][0]), make)


def named_value(value: str, name: str, recorded: str) -> str:
    if value != recorded:
        log(f"warning: the statement run differs from {name}: using what the code ran")
        return f"differs from {name}: the statement the code ran"
    return f"`{name}`"


def load_yardstick(reference: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("yardstick_app", reference / "app.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # so named() can import it by name
    spec.loader.exec_module(module)
    return module


async def leanest(reference: Path) -> Part:
    """The yardstick's endpoint on a stand-in pool: its EARN and its parameters."""
    app = load_yardstick(reference)
    members = itertools.cycle(random.Random(7).sample(YARDSTICK_MEMBERS, len(YARDSTICK_MEMBERS)))

    class Pool:
        def __init__(self, rec: Recorder) -> None:
            self.rec = rec

        @contextlib.asynccontextmanager
        async def acquire(self) -> AsyncIterator[Recorder]:
            yield self.rec

    async def make(client: int, n: int) -> list[Call]:
        rec = Recorder()
        app.app.state.pool = Pool(rec)
        await app.earn(app.Earn(member=next(members), hours="1"))
        return rec.calls

    first = await make(0, 0)
    source = named("yardstick_app", "EARN", first[0][0]).replace("yardstick_app", "app")
    return Part("leanest (the yardstick's)", f"{reference.name}/app.py {source}", make)


def both(lookup: Part, earn: Part) -> Part:
    assert lookup.make is not None and earn.make is not None
    a, b = lookup.make, earn.make

    async def make(client: int, n: int) -> list[Call]:
        return [*await a(client, n), *await b(client, n)]

    return Part("key lookup + earn statement", "what one `POST /v1/earnings` asks", make)


async def drive(bench: Bench, url: str, part: Part) -> None:
    """--clients connections run the part's operations: warm-up, then the measured window."""
    args = bench.args
    conns = [await asyncpg.connect(dbmod.plain_url(url)) for _ in range(args.clients)]
    for conn in conns:
        await harness.json_codec(conn)
    counter = itertools.count()
    assert part.make is not None
    make = part.make

    async def client(i: int, until: float, measured: bool) -> None:
        while time.monotonic() < until:
            calls = await make(i, next(counter))
            t0 = time.perf_counter()
            try:
                for sql, params in calls:
                    await conns[i].fetch(sql, *params)
            except asyncpg.PostgresError as exc:
                part.errors[type(exc).__name__] += 1
                continue
            if measured:
                part.latencies.append((time.perf_counter() - t0) * 1000)
                part.ops += 1

    try:
        warm_end = time.monotonic() + args.warmup
        await asyncio.gather(*(client(i, warm_end, False) for i in range(args.clients)))
        with bench.measure(lambda: part.ops) as cpu:
            end = time.monotonic() + args.seconds
            await asyncio.gather(*(client(i, end, True) for i in range(args.clients)))
        part.cpu_ms = cpu["cpu_ms"]
        part.latencies.sort()
    finally:
        for conn in conns:
            await conn.close()


async def measure(bench: Bench, url: str, partners: list[Partner]) -> list[Part]:
    args = bench.args
    conn = await asyncpg.connect(dbmod.plain_url(url))
    parts: list[Part] = []
    callers: list[Any] = []
    discover: list[tuple[str, Callable[[], Awaitable[Part]]]] = [
        ("key lookup", lambda: key_lookup(conn, partners, bench.pepper.encode(), callers)),
        ("earn statement", lambda: earn_statement(partners, callers, not args.no_idempotency)),
        ("leanest", lambda: leanest(args.reference)),
    ]
    try:
        for name, find in discover:
            try:
                parts.append(await find())
            except Exception as exc:  # a moved function: say so, measure the rest
                log(f"skipping {name}: could not capture its statement: {exc!r}")
                parts.append(Part(name, f"skipped: {exc!r}"))
    finally:
        await conn.close()
    if parts[0].make and parts[1].make:
        parts.insert(2, both(parts[0], parts[1]))
    for part in parts:
        if part.make is not None:
            bench.quiet()
            log(f"{part.name}: {args.clients} connections for {args.seconds:g} s")
            await drive(bench, url, part)
    return parts


def main() -> int:
    p = harness.parser(__doc__.split("\n\n")[0], clients=8, seconds=10.0)
    p.add_argument("--organisations", type=int, default=8, help="earn partners")
    p.add_argument("--members", type=int, default=100, help="members per organisation")
    p.add_argument("--no-idempotency", action="store_true", help="earn without a key")
    p.add_argument("--reference", type=Path, default=REFERENCE, help="the yardstick's folder")
    args = harness.check(p, p.parse_args())
    with Bench(args, "bench/earn_sql.py", http=False) as bench:
        url = bench.database("earnsql")
        if "postgres" not in bench.meter.trees:
            raise SystemExit("error: PostgreSQL's CPU can be metered only on a local server")
        service = bench.serve(url)  # only to create the network through the API
        log(f"creating {args.organisations} earn partners with {args.members} members each")
        partners = asyncio.run(build_network(
            url, service.base_url, bench.pepper, args.organisations, args.members
        ))  # fmt: skip
        bench.stop(service)
        setup_yardstick(url, args.reference)  # its ref_* tables beside the service's
        parts = asyncio.run(measure(bench, url, partners))
        report(bench, parts, args)
    return 0


def report(bench: Bench, parts: list[Part], args: argparse.Namespace) -> None:
    rows = []
    for part in parts:
        if part.make is None:
            rows.append([part.name, "-", "-", "-", "-", "-", part.source])
            continue
        rate = part.ops / args.seconds
        rows.append([
            part.name, f"{rate:,.0f}", f"**{part.cpu_ms.get('postgres', 0):.3f}**",
            harness.cpu_cell({k: v for k, v in part.cpu_ms.items() if k != "postgres"}),
            harness.fmt_ms(harness.percentile(part.latencies, 50)),
            harness.fmt_ms(harness.percentile(part.latencies, 99)), part.source,
        ])  # fmt: skip
    lines = harness.table(
        ["part", "ops/s", "PostgreSQL CPU ms/op", "other CPU ms/op", "p50 ms", "p99 ms",
         "statement"], rows,
    )  # fmt: skip
    by_name = {p.name: p.cpu_ms.get("postgres") for p in parts if p.make}
    earn, lean = by_name.get("earn statement"), by_name.get("leanest (the yardstick's)")
    lines.append("")
    if earn and lean:
        lines.append(f"The earn statement costs PostgreSQL {earn / lean:.1f}x the leanest earn.")
    errors = {p.name: dict(p.errors) for p in parts if p.errors}
    if errors:
        lines.append(f"Errors: {errors}")
    idem = "without" if args.no_idempotency else "with"
    lines.append(
        f"{args.clients} connections, each one of {args.organisations} earn partners, "
        f"{idem} Idempotency-Keys; {args.warmup:g} s warm-up, {args.seconds:g} s per part."
    )
    bench.emit(lines, {"parts": [
        {"name": p.name, "source": p.source, "ops": p.ops, "cpu_ms_per_op": p.cpu_ms,
         "errors": dict(p.errors), "p50_ms": harness.percentile(p.latencies, 50),
         "p99_ms": harness.percentile(p.latencies, 99)} for p in parts
    ]})  # fmt: skip


if __name__ == "__main__":
    harness.run(main)
