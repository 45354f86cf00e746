"""Programme statistics and outcomes for a year, from 8 concurrent clients.

    .venv/bin/python bench/reports.py                 # ~6-8 min (seeding ~5 of them)

Seeds bench/pages.py's network (50 organisations, 20,000 members) and grows its ledger with
its loader to `--transfers` (1,000,000: earns, spends and gifts over about eight months of
2024, in one programme; bulk inserts, which queue nothing for the rollups), then fills the
rollups with the migration's own backfill (0016's BACKFILL); then
`--responses` (50,000) survey responses in bulk SQL into survey_responses (as the surveys'
service stores them): programme evaluation and ONS4 in turn, baseline and follow-up, one
per member, template and wave. `timecredits check-ledger` is run (it compares the rollups
with the transfers). Then, per read, wrk with `--clients` connections for `--seconds`:

- stats for 2024 (whole months: the rollups alone);
- stats for a year that cuts two months (2024-02-15 to 2025-02-14: the cut month's days
  from the daily rollups and day masks);
- outcomes for 2024, programme evaluation follow-ups and ONS4 baselines (a 404 or 422 is
  reported as "not available").

Prints req/s, p50 / p95 / p99 and CPU per request by process tree; target p95 <= 100 ms.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import asyncpg
import harness
import pages
from harness import Bench, fmt_ms, log

from app import db as dbmod
from app.migration_sql import earlier

TARGET_P95_MS = 100.0
YEAR = "from=2024-01-01&to=2024-12-31"
CUT_YEAR = "from=2024-02-15&to=2025-02-14"
# (label, path template, whether the target applies)
READS = (
    ("stats, 2024", "/v1/programmes/{p}/stats?" + YEAR, True),
    ("stats, 2024-02-15 to 2025-02-14", "/v1/programmes/{p}/stats?" + CUT_YEAR, True),
    ("outcomes, programme evaluation follow-up, 2024",
     "/v1/programmes/{p}/outcomes?template_id=programme-evaluation&wave=follow_up&" + YEAR,
     True),
    ("outcomes, ONS4 baseline, 2024",
     "/v1/programmes/{p}/outcomes?template_id=ons4&wave=baseline&" + YEAR, True),
)  # fmt: skip
AGREEMENT = ("a_lot", "to_some_extent", "a_little", "not_at_all")
EVALUATION = (
    "quality_of_life", "mental_health", "physical_health", "manage_health", "know_services",
    "less_need_gp", "less_need_social_care", "new_friends", "less_isolated", "more_confident",
    "positive_future", "shared_skills", "peer_support",
)  # fmt: skip
ONS4 = ("life_satisfaction", "worthwhile", "happiness", "anxiety")


def _h(i: int) -> str:
    return f"(hashint8extended(r.i, {i}) & 2147483647)"


def _answers() -> tuple[str, str]:
    """The two templates' answers as SQL, drawn from the response's number."""
    agree = "ARRAY[" + ",".join(f"'{a}'" for a in AGREEMENT) + "]"
    evaluation = ", ".join(
        f"'{q}', ({agree})[1 + {_h(k)} % 4]" for k, q in enumerate(EVALUATION, start=1)
    )
    evaluation += (
        f", 'gave_time_before', (ARRAY['never','rarely','sometimes','often'])[1 + {_h(99)} % 4]"
    )
    ons4 = ", ".join(f"'{q}', {_h(k)} % 11" for k, q in enumerate(ONS4, start=50))
    return f"jsonb_build_object({evaluation})", f"jsonb_build_object({ons4})"


# Response i: template i % 2, wave (i / 2) % 2, member i / 4 (unique per member, template and
# wave); baselines in the first half of 2024, follow-ups in the second.
_EVALUATION, _ONS4 = _answers()
RESPONSES = f"""
WITH m AS (
    SELECT (row_number() OVER (ORDER BY seq) - 1)::int AS idx, id, home_organisation_id
      FROM members
), r AS (
    SELECT i, CASE WHEN i % 2 = 0 THEN 'programme-evaluation' ELSE 'ons4' END AS template,
           CASE WHEN (i / 2) % 2 = 0 THEN 'baseline' ELSE 'follow_up' END AS wave,
           i / 4 AS member
      FROM generate_series(0, $1::int - 1) i
)
INSERT INTO survey_responses (id, template_id, programme_id, member_id, organisation_id, wave,
                              answered_on, answers)
SELECT 'srv_' || substr(md5('reports:' || r.i), 1, 16), r.template, $2, m.id,
       m.home_organisation_id, r.wave,
       CASE r.wave WHEN 'baseline' THEN date '2024-01-01' ELSE date '2024-07-01' END
           + ({_h(7)} % 180)::int,
       CASE r.template WHEN 'ons4' THEN {_ONS4} ELSE {_EVALUATION} END
  FROM r JOIN m ON m.idx = r.member
"""


async def seed_responses(url: str, programme: str, n: int) -> dict[str, Any]:
    conn = await asyncpg.connect(dbmod.plain_url(url))
    t0 = time.perf_counter()
    try:
        members = await conn.fetchval("SELECT count(*) FROM members")
        if n > members * 4:
            raise SystemExit(f"--responses: at most 4 per member ({members * 4:,})")
        await conn.execute(RESPONSES, n, programme)
        await conn.execute("VACUUM ANALYZE")
        facts = dict(await conn.fetchrow(
            """SELECT (SELECT count(*) FROM survey_responses) AS responses,
                      (SELECT count(*) FROM report_sums) AS report_sums,
                      (SELECT count(*) FROM report_member_months) AS report_member_months,
                      (SELECT count(*) FROM report_members) AS report_members,
                      pg_size_pretty(pg_total_relation_size('report_sums')
                                     + pg_total_relation_size('report_member_months')
                                     + pg_total_relation_size('report_members')) AS rollups,
                      pg_size_pretty(pg_database_size(current_database())) AS database"""
        ))  # fmt: skip
    finally:
        await conn.close()
    facts["seconds"] = round(time.perf_counter() - t0, 1)
    return facts


def _backfill() -> str:
    """Migration 0016's backfill of the rollups."""
    return earlier("0016_report_rollups").BACKFILL


async def _backfill_rollups(url: str) -> None:
    conn = await asyncpg.connect(dbmod.plain_url(url))
    try:
        await conn.execute(_backfill())
        await conn.execute("VACUUM ANALYZE report_sums, report_member_months, report_members")
    finally:
        await conn.close()


def main() -> int:
    p = harness.parser(__doc__.split("\n\n")[0], clients=8, seconds=15.0)
    p.add_argument("--transfers", type=int, default=1_000_000)
    p.add_argument("--responses", type=int, default=50_000)
    p.add_argument("--organisations", type=int, default=50)
    p.add_argument("--members", type=int, default=20_000)
    args = harness.check(p, p.parse_args())
    with Bench(args, "bench/reports.py") as bench:
        url = bench.database("reports")
        log(f"seeding {args.organisations} organisations and {args.members:,} members")
        net = asyncio.run(pages.seed_network(url, bench.pepper.encode(), args.organisations,
                                             args.members))  # fmt: skip
        ledger = asyncio.run(pages.grow(url, net, args.transfers, queue=False))
        log("rollups: the migration's backfill")
        asyncio.run(_backfill_rollups(url))
        log(f"ledger: {ledger}")
        surveys = asyncio.run(seed_responses(url, net.programme, args.responses))
        log(f"surveys: {surveys}")
        ledger["check_ledger"] = pages.check_ledger(url, bench)
        log(f"check-ledger: {ledger['check_ledger']}")
        service = bench.serve(url)
        rows, targets, out = [], [], {}
        for label, template, targeted in READS:
            path = template.format(p=net.programme)
            bearer = harness.lua_string(f"Bearer {net.key}")
            lua = (f"local path = {harness.lua_string(path)}\n"
                   f"local headers = {{Authorization = {bearer}}}\n"
                   'function request() return wrk.format("GET", path, headers) end\n')  # fmt: skip
            load = bench.wrk(service, lua, label=label)
            if load.count("200") == 0:
                rows.append([label, "not available", "-", "-", "-", "-",
                             harness.errors_cell(load.errors("200"))])  # fmt: skip
                continue
            p95 = load.pct(95)
            rows.append([label, f"{load.rate('200'):,.0f}", fmt_ms(load.pct(50)), fmt_ms(p95),
                         fmt_ms(load.pct(99)), harness.cpu_cell(load.cpu_ms),
                         harness.errors_cell(load.errors("200"))])  # fmt: skip
            out[label] = load.summary("200")
            if targeted and p95 is not None:
                targets.append(harness.target(f"{label}: p95 <= {TARGET_P95_MS:g} ms",
                                              p95 <= TARGET_P95_MS, f"{p95:.1f} ms"))  # fmt: skip
        bench.stop(service)
        lines = harness.table(
            ["read", "req/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms per request", "errors"],
            rows,
        )
        lines += [
            "",
            f"{ledger['transfers']:,} transfers (seeded in {ledger['seconds']} s, rollups "
            "backfilled), "
            f"{surveys['responses']:,} survey responses; rollups: "
            f"{surveys['report_sums']:,} report_sums, {surveys['report_member_months']:,} "
            f"report_member_months, {surveys['report_members']:,} report_members rows "
            f"({surveys['rollups']}); database {surveys['database']}; check-ledger "
            f"{ledger['check_ledger']}.",
            f"{args.clients} connections, {args.warmup:g} s warm-up and {args.seconds:g} s per "
            f"read; {args.workers} workers; the busy organisation's key (a partner of the "
            "programme).",
            "",
            *targets,
        ]
        bench.emit(lines, {"reads": out, "ledger": ledger, "surveys": surveys})
    return 0


if __name__ == "__main__":
    harness.run(main)
