"""The earn path, read against the shared yardstick in the same run on the same PostgreSQL.

    .venv/bin/python bench/earn.py --seconds 15 --rounds 3

The yardstick (../shared/perf/reference: the thinnest FastAPI endpoint making an earn's
effect) gets its own throwaway database, set up by its own setup.py and served as its `run`
script serves it. The service gets another on the same server: 8 earn partners in one
programme, each with its own key, allocation and members, created through the HTTP API. Both
are driven by the same wrk (16 connections, one per thread), the service with `POST
/v1/earnings`, each connection as one organisation with its key and members and a unique
Idempotency-Key per request. The machine drifts, so only the ratio of the two counts, and
`--rounds N` alternates them N times and takes the median ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import harness
import httpx
from harness import Bench, Load, Server, fmt_ms, log
from harness.bench import NEVER_REFUSED

from app import db as dbmod

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "perf" / "reference"
# The yardstick's `run` serves it so; warn if that script changes (this copies it).
YARDSTICK_FLAGS = ("-m uvicorn app:app", "--loop uvloop", "--http httptools", "--workers 2")
TARGET_RATIO, AIM_RATIO, TARGET_P99_MS = 0.6, 0.8, 50.0


@dataclass
class Partner:
    """An earn partner: its organisation, API key and members."""

    id: str
    key: str
    members: list[str] = field(default_factory=list)


async def _operator_key(url: str, pepper: str) -> str:
    conn = await asyncpg.connect(dbmod.plain_url(url))
    try:
        operator = await harness.Writer(conn, pepper.encode()).operator("Bench operator")
        return operator.api_key.secret
    finally:
        await conn.close()


async def build_network(
    url: str,
    base_url: str,
    pepper: str,
    organisations: int,
    members: int,
    venues: int = 0,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[Partner]:
    """The operator (app.services.bootstrap), then through the API: a programme, earn
    partners with their first keys and allocations, and each partner's members; and
    `venues` spend partners, after the earn partners in the list (no members). `transport`:
    an app in this process (httpx.ASGITransport) instead of a server at `base_url`."""
    operator = await _operator_key(url, pepper)
    async with httpx.AsyncClient(base_url=base_url, timeout=60, transport=transport) as http:

        async def post(key: str, path: str, body: dict) -> dict:
            headers = {"Authorization": f"Bearer {key}", "Idempotency-Key": secrets.token_hex(8)}
            r = await http.post(path, json=body, headers=headers)
            if r.status_code != 201:
                raise RuntimeError(f"setup: POST {path} answered {r.status_code}: {r.text}")
            return r.json()

        programme = await post(operator, "/v1/programmes", {
            "name": "Bench programme", "place": "Benchtown", "focus": "Throughput",
            "starts_on": "2020-01-01",
        })  # fmt: skip
        partners = []
        for i in range(organisations):
            org = await post(operator, "/v1/organisations", {
                "name": f"Bench earn partner {i + 1}", "roles": ["earn_partner"],
                "programme_ids": [programme["id"]],
            })  # fmt: skip
            await post(operator, "/v1/allocations",
                       {"organisation_id": org["id"], "credits": 10_000_000})  # fmt: skip
            partners.append(Partner(org["id"], org["api_key"]["secret"]))
        for i in range(venues):
            org = await post(operator, "/v1/organisations", {
                "name": f"Bench venue {i + 1}", "roles": ["spend_partner"],
                "programme_ids": [programme["id"]],
            })  # fmt: skip
            partners.append(Partner(org["id"], org["api_key"]["secret"]))
        gate = asyncio.Semaphore(8)

        async def register(p: Partner, n: int) -> None:
            async with gate:
                m = await post(p.key, "/v1/members", {
                    "display_name": f"Bench {n}", "programme_id": programme["id"],
                    "external_ref": f"bench-{n}",
                })  # fmt: skip
            p.members.append(m["id"])

        homes = partners[:organisations]
        await asyncio.gather(*(register(p, n) for p in homes for n in range(members)))
    return partners


def service_lua(partners: list[Partner], idempotent: bool) -> str:
    """Connection `tid` posts as partner tid mod N, to its members in turn."""
    auth = [harness.lua_string(f"Bearer {p.key}") for p in partners]
    rows = ",\n".join(
        f"  {{auth = {a}, members = {harness.lua_list(p.members)}}}"
        for a, p in zip(auth, partners, strict=True)
    )
    return f"""
local partners = {{
{rows}
}}
local idempotent = {"true" if idempotent else "false"}
local counter = 0
function request()
  local p = partners[(tid - 1) % #partners + 1]
  counter = counter + 1
  local m = p.members[(counter + tid * 31) % #p.members + 1]
  local headers = {{["Authorization"] = p.auth, ["Content-Type"] = "application/json"}}
  if idempotent then headers["Idempotency-Key"] = run_id .. "-" .. tid .. "-" .. counter end
  return wrk.format("POST", "/v1/earnings", headers, '{{"member_id":"' .. m .. '","hours":1}}')
end
"""


def setup_yardstick(url: str, reference: Path) -> None:
    """The yardstick's own schema and data, by its own setup.py."""
    subprocess.run([sys.executable, str(reference / "setup.py"), url], check=True)


def start_yardstick(bench: Bench, reference: Path) -> Server:
    """Its own database, served as its `run` script serves it (same uvicorn flags)."""
    run_text = (reference / "run").read_text()
    if missing := [f for f in YARDSTICK_FLAGS if f not in run_text]:
        log(f"warning: {reference / 'run'} no longer has {missing}: update bench/earn.py")
    url = bench.database("yardstick", migrate=False)
    setup_yardstick(url, reference)
    command = [sys.executable, "-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port",
               "{port}", "--workers", str(bench.args.workers), "--loop", "uvloop", "--http",
               "httptools", "--log-level", "warning"]  # fmt: skip
    return bench.start("yardstick", command, env={"DSN": url}, cwd=reference, ready="/healthz")


def triple(load: Load) -> str:
    return " / ".join(fmt_ms(load.pct(p)) for p in (50, 95, 99))


def main() -> int:
    p = harness.parser(__doc__.split("\n\n")[0], clients=16, seconds=15.0)
    p.add_argument("--organisations", type=int, default=8, help="earn partners")
    p.add_argument("--members", type=int, default=250, help="members per organisation")
    p.add_argument("--rounds", type=int, default=1, help="yardstick, service: N times")
    p.add_argument("--no-idempotency", action="store_true", help="send no Idempotency-Key")
    p.add_argument("--reference", type=Path, default=REFERENCE, help="the yardstick's folder")
    p.add_argument(
        "--rate-limits-off",
        action="store_true",
        help="also serve with per-key rate limits off (same database, same keys) and run it "
        "beside the limited service each round, in alternating order: the limits' cost",
    )
    args = harness.check(p, p.parse_args())
    if args.rounds < 1:
        p.error("--rounds: at least 1")
    if not (args.reference / "app.py").exists():
        p.error(f"no yardstick at {args.reference} (--reference)")

    with Bench(args, "bench/earn.py") as bench:
        yard = start_yardstick(bench, args.reference)
        url = bench.database("earn")
        service = bench.serve(url)
        log(f"creating {args.organisations} earn partners with {args.members} members each")
        partners = asyncio.run(build_network(
            url, service.base_url, bench.pepper, args.organisations, args.members
        ))  # fmt: skip
        yard_lua = (args.reference / "earn.lua").read_text()
        earn_lua = service_lua(partners, not args.no_idempotency)
        if args.rate_limits_off:
            off = bench.serve(url, name="service-off", env=LIMITS_OFF)
            limited = limits_rounds(bench, args, yard, yard_lua, service, off, earn_lua)
            report_limits(bench, limited, args)
            return 0
        rounds: list[tuple[Load, Load]] = []
        for r in range(1, args.rounds + 1):
            y = bench.wrk(yard, yard_lua, label=f"yardstick, round {r}")
            s = bench.wrk(service, earn_lua, label=f"service, round {r}", profiled=True)
            rounds.append((y, s))
            log(f"round {r}: yardstick {y.rate('201'):,.0f}/s, service {s.rate('201'):,.0f}/s")
        report(bench, rounds, args)
    return 0


# Per-key rate limits off (0), for --rate-limits-off; the other service keeps the harness's
# budgets, on and never reached (harness.bench.NEVER_REFUSED).
LIMITS_OFF = {
    "TIMECREDITS_RATE_LIMIT_READS_PER_MINUTE": "0",
    "TIMECREDITS_RATE_LIMIT_WRITES_PER_MINUTE": "0",
}
TARGET_LIMITS_COST = 0.05


def limits_rounds(
    bench: Bench,
    args: argparse.Namespace,
    yard: Server,
    yard_lua: str,
    on: Server,
    off: Server,
    earn_lua: str,
) -> list[tuple[Load, Load, Load]]:
    """Each round: the yardstick, then the service with limits on and off, in turns (on
    first in odd rounds, off first in even ones), so drift does not favour either."""
    rounds = []
    for r in range(1, args.rounds + 1):
        y = bench.wrk(yard, yard_lua, label=f"yardstick, round {r}")
        order = [(on, "limits on"), (off, "limits off")]
        if r % 2 == 0:
            order.reverse()
        got = {name: bench.wrk(server, earn_lua, label=f"service, {name}, round {r}")
               for server, name in order}  # fmt: skip
        rounds.append((y, got["limits on"], got["limits off"]))
        on_rate, off_rate = got["limits on"].rate("201"), got["limits off"].rate("201")
        log(f"round {r}: yardstick {y.rate('201'):,.0f}/s, limits on {on_rate:,.0f}/s, "
            f"off {off_rate:,.0f}/s")  # fmt: skip
    return rounds


def report_limits(
    bench: Bench, rounds: list[tuple[Load, Load, Load]], args: argparse.Namespace
) -> None:
    """Per round: both services against the yardstick and against each other; the cost of
    the limits is 1 - on/off, judged on the median."""
    rows, on_off, on_yard, off_yard = [], [], [], []
    for r, (y, on, off) in enumerate(rounds, 1):
        yr, onr, offr = y.rate("201"), on.rate("201"), off.rate("201")
        on_off.append(onr / offr if offr else 0.0)
        on_yard.append(onr / yr if yr else 0.0)
        off_yard.append(offr / yr if yr else 0.0)
        rows.append([r, f"{yr:,.0f}", f"{onr:,.0f}", f"{offr:,.0f}", f"{on_yard[-1]:.3f}",
                     f"{off_yard[-1]:.3f}", f"**{on_off[-1]:.3f}**", triple(on),
                     triple(off)])  # fmt: skip
    median = statistics.median(on_off)
    rows.append(["median", "", "", "", f"{statistics.median(on_yard):.3f}",
                 f"{statistics.median(off_yard):.3f}", f"**{median:.3f}**", "", ""])  # fmt: skip
    lines = harness.table(
        ["round", "yardstick earns/s", "limits on earns/s", "limits off earns/s", "on/yardstick",
         "off/yardstick", "on/off", "on p50 / p95 / p99 ms", "off p50 / p95 / p99 ms"], rows,
    )  # fmt: skip
    lines += ["", "CPU per request by process tree (ms), and what did not answer 201:", ""]
    lines += harness.table(
        ["run", "requests", "CPU ms per request", "machine busy", "not 201"],
        [[x.label, f"{x.requests:,}", harness.cpu_cell(x.cpu_ms), f"{x.busy_pct or 0:.0f}%",
          harness.errors_cell(x.errors("201"))] for triple_ in rounds for x in triple_],
    )  # fmt: skip
    lines += [
        "",
        f"Both services on one database and the same keys, {args.workers} workers each; "
        f"limits on: budgets of {NEVER_REFUSED:,} a minute per key (never reached), "
        f"leased in slices of 50; off: both budgets 0. {args.clients} connections, "
        f"{args.warmup:g} s warm-up, {args.seconds:g} s measured per run.",
        "",
        harness.target(
            f"rate limits cost <= {TARGET_LIMITS_COST:.0%} of the earn's throughput",
            1 - median <= TARGET_LIMITS_COST,
            f"median on/off {median:.3f} (cost {1 - median:+.1%})",
        ),
    ]
    bench.emit(lines, {
        "rounds": [{"yardstick": y.summary("201"), "limits_on": on.summary("201"),
                    "limits_off": off.summary("201"), "on_off": q}
                   for (y, on, off), q in zip(rounds, on_off, strict=True)],
        "median_on_off": median,
    })  # fmt: skip


def report(bench: Bench, rounds: list[tuple[Load, Load]], args: argparse.Namespace) -> None:
    """Both throughputs and their ratio per round, CPU by process tree, the targets."""
    ratios = [s.rate("201") / y.rate("201") if y.rate("201") else 0.0 for y, s in rounds]
    pairs = list(zip(rounds, ratios, strict=True))
    rows = [
        [r, f"{y.rate('201'):,.0f}", triple(y), f"{s.rate('201'):,.0f}", triple(s), f"**{q:.2f}**"]
        for r, ((y, s), q) in enumerate(pairs, 1)
    ]
    median_ratio = statistics.median(ratios)
    median_p99 = statistics.median(s.pct(99) or 0.0 for _, s in rounds)
    if len(rounds) > 1:
        rows.append(["median", "", "", "", "", f"**{median_ratio:.2f}**"])
    lines = harness.table(
        ["round", "yardstick earns/s", "p50 / p95 / p99 ms", "service earns/s",
         "p50 / p95 / p99 ms", "service/yardstick"], rows,
    )  # fmt: skip
    lines += ["", "CPU per request by process tree (ms), and what did not answer 201:", ""]
    lines += harness.table(
        ["run", "requests", "CPU ms per request", "machine busy", "not 201"],
        [[x.label, f"{x.requests:,}", harness.cpu_cell(x.cpu_ms), f"{x.busy_pct or 0:.0f}%",
          harness.errors_cell(x.errors("201"))] for pair, _ in pairs for x in pair],
    )  # fmt: skip
    idem = "no Idempotency-Key" if args.no_idempotency else "a unique Idempotency-Key each"
    lines += [
        "",
        f"Service: {args.workers} workers, {args.organisations} earn partners x {args.members} "
        f"members, {args.clients} connections (each one partner's key and members), `POST "
        f"/v1/earnings` with {idem}. Yardstick: {args.reference}, {args.workers} workers, its "
        f"earn.lua. Each run: {args.warmup:g} s warm-up, {args.seconds:g} s measured.",
        "",
        harness.target(
            f"ratio service/yardstick >= {TARGET_RATIO} (aim {AIM_RATIO})",
            median_ratio >= TARGET_RATIO,
            f"{'median ' if len(rounds) > 1 else ''}{median_ratio:.2f}",
        ),
        harness.target(
            f"service p99 <= {TARGET_P99_MS:g} ms",
            median_p99 <= TARGET_P99_MS,
            f"{'median ' if len(rounds) > 1 else ''}{median_p99:.1f} ms",
        ),
    ]
    bench.emit(lines, {
        "rounds": [{"yardstick": y.summary("201"), "service": s.summary("201"), "ratio": q}
                   for (y, s), q in pairs],
        "median_ratio": median_ratio, "median_service_p99_ms": median_p99,
    })  # fmt: skip


if __name__ == "__main__":
    harness.run(main)
