"""Bulk CSV imports over HTTP: 10,000 members, then 10,000 earnings, against the served API.

    .venv/bin/python bench/imports.py --rounds 3

Each round a new earn partner (its own key and allocation) imports a 10,000-row members
file (POST /v1/imports/members: a member, a wallet and a member.created event per row),
then a 10,000-row earnings file naming those members by external_ref, UK dates and an
activity (POST /v1/imports/earnings: a transfer, two balances, the report rollups and an
earning.created event per row), each one request with an Idempotency-Key, timed from the
request to the answer. The ledger check (`timecredits check-ledger`) runs at the end.
The target is absolute (a 10,000-row earnings import within 10 s on this machine), so the
table shows how busy the machine was beside each figure.
"""

from __future__ import annotations

import asyncio
import secrets
import statistics
import time
from dataclasses import dataclass
from typing import Any

import asyncpg
import harness
import httpx
from harness import Bench, log

from app import db as dbmod
from app.services import integrity

TARGET_SECONDS = 10.0


@dataclass
class Timed:
    label: str
    rows: int
    seconds: float
    accepted: int
    cpu_ms: dict[str, float]
    busy_pct: float | None

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


async def _operator(url: str, pepper: str) -> str:
    conn = await asyncpg.connect(dbmod.plain_url(url))
    try:
        operator = await harness.Writer(conn, pepper.encode()).operator("Bench operator")
        return operator.api_key.secret
    finally:
        await conn.close()


async def _post(http: httpx.AsyncClient, key: str, path: str, body: dict[str, Any]) -> dict:
    r = await http.post(path, json=body, headers={"Authorization": f"Bearer {key}"})
    if r.status_code != 201:
        raise RuntimeError(f"setup: POST {path} answered {r.status_code}: {r.text}")
    return r.json()


def members_csv(programme: str, rows: int, tag: str) -> bytes:
    lines = ["display_name,external_ref,year_of_birth,postcode_district,programme_id"]
    lines += [
        f"Member {i},{tag}-{i},{1940 + i % 60},N{1 + i % 22},{programme}" for i in range(rows)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def earnings_csv(rows: int, tag: str) -> bytes:
    lines = ["external_ref,hours,activity,given_on"]
    lines += [
        f"{tag}-{i},{1 + i % 4}.5,Lunch club,{1 + i % 28:02d}/{1 + i % 12:02d}/2019"
        for i in range(rows)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


async def _import(
    bench: Bench, http: httpx.AsyncClient, key: str, kind: str, body: bytes, rows: int, label: str
) -> Timed:
    headers = {
        "Authorization": f"Bearer {key}",
        "Content-Type": "text/csv",
        "Idempotency-Key": secrets.token_hex(8),
    }
    bench.quiet()
    log(f"{label}: {rows:,} rows, {len(body):,} bytes")
    with bench.measure(lambda: rows, reaped_as="reaped") as cpu:
        start = time.perf_counter()
        r = await http.post(f"/v1/imports/{kind}", content=body, headers=headers)
        seconds = time.perf_counter() - start
    if r.status_code != 200:
        raise RuntimeError(f"{label}: {r.status_code} {r.text[:500]}")
    answer = r.json()
    log(f"{label}: {seconds:.2f} s, {rows / seconds:,.0f} rows/s, accepted {answer['accepted']:,}")
    return Timed(label, rows, seconds, answer["accepted"], cpu["cpu_ms"], cpu["busy_pct"])


async def run_rounds(bench: Bench, url: str, base_url: str, rows: int, rounds: int) -> list[Timed]:
    operator = await _operator(url, bench.pepper)
    out = []
    async with httpx.AsyncClient(base_url=base_url, timeout=600) as http:
        programme = await _post(http, operator, "/v1/programmes", {
            "name": "Bench programme", "place": "Benchtown", "focus": "Imports",
            "starts_on": "2015-01-01",
        })  # fmt: skip
        for r in range(1, rounds + 1):
            org = await _post(http, operator, "/v1/organisations", {
                "name": f"Bench importer {r}", "roles": ["earn_partner"],
                "programme_ids": [programme["id"]],
            })  # fmt: skip
            await _post(http, operator, "/v1/allocations",
                        {"organisation_id": org["id"], "credits": 10_000_000})  # fmt: skip
            key, tag = org["api_key"]["secret"], f"r{r}"
            members = members_csv(programme["id"], rows, tag)
            out.append(await _import(bench, http, key, "members", members, rows,
                                     f"members, round {r}"))  # fmt: skip
            earnings = earnings_csv(rows, tag)
            out.append(await _import(bench, http, key, "earnings", earnings, rows,
                                     f"earnings, round {r}"))  # fmt: skip
    return out


async def check_ledger(url: str) -> integrity.LedgerReport:
    conn = await asyncpg.connect(dbmod.plain_url(url))
    try:
        return await integrity.check(conn)
    finally:
        await conn.close()


def main() -> int:
    p = harness.parser(__doc__.split("\n\n")[0], clients=1, seconds=1.0)
    p.add_argument("--rows", type=int, default=10_000, help="rows per file")
    p.add_argument("--rounds", type=int, default=3, help="members + earnings imports, N times")
    args = harness.check(p, p.parse_args())
    with Bench(args, "bench/imports.py", http=False) as bench:
        url = bench.database("imports")
        service = bench.serve(url)
        runs = asyncio.run(run_rounds(bench, url, service.base_url, args.rows, args.rounds))
        ledger = asyncio.run(check_ledger(url))
        report(bench, runs, ledger, args)
    return 0


def report(bench: Bench, runs: list[Timed], ledger: integrity.LedgerReport, args: Any) -> None:
    rows = [
        [t.label, f"{t.rows:,}", f"{t.accepted:,}", f"**{t.seconds:.2f}**", f"{t.rate:,.0f}",
         harness.cpu_cell({k: v * 1000 for k, v in t.cpu_ms.items()}),
         f"{t.busy_pct or 0:.0f}%"]
        for t in runs
    ]  # fmt: skip
    earn = [t.seconds for t in runs if t.label.startswith("earnings")]
    members = [t.seconds for t in runs if t.label.startswith("members")]
    lines = harness.table(
        ["import", "rows", "accepted", "seconds", "rows/s", "CPU µs per row", "machine busy"], rows
    )
    lines += [
        "",
        f"One request per import over HTTP (Idempotency-Key, all or nothing), "
        f"{args.workers} service workers; median members import "
        f"{statistics.median(members):.2f} s, earnings import {statistics.median(earn):.2f} s.",
        f"`timecredits check-ledger` after the runs: "
        f"{'ok' if ledger.ok else 'PROBLEMS: ' + '; '.join(ledger.problems)} "
        f"({ledger.accounts:,} accounts, {ledger.transfers:,} transfers).",
        "",
        harness.target(
            f"a {args.rows:,}-row earnings import <= {TARGET_SECONDS:g} s",
            max(earn) <= TARGET_SECONDS,
            f"slowest {max(earn):.2f} s, median {statistics.median(earn):.2f} s",
        ),
    ]
    bench.emit(lines, {
        "runs": [{"label": t.label, "rows": t.rows, "seconds": t.seconds, "rows_per_s": t.rate,
                  "cpu_ms_per_row": t.cpu_ms} for t in runs],
        "ledger_ok": ledger.ok,
    })  # fmt: skip


if __name__ == "__main__":
    harness.run(main)
