"""Reads that cost the same at any size: ledger pages and the event feed, small and large.

    .venv/bin/python bench/pages.py --sizes 1000,1000000

Seeds one network (50 organisations, 20,000 members) and grows its ledger to each size in
turn with INSERT ... SELECT generate_series: earns, spends and gifts, balances consistent
with them (`timecredits check-ledger` is run on every size), and each transfer's event with
its audience. At each size it starts the service and times, from a few sequential clients,
the first page and the page 10 cursors deep of the busy organisation's transactions, the
busy member's transactions and the busy organisation's events: each larger size's median
should be at most 2x the smallest's. Then EXPLAIN ANALYZE of the statements each page ran.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from statistics import median
from typing import Any

import asyncpg
import harness
import httpx
from harness import Bench, fmt_ms, log, percentile

from app import db as dbmod
from app.ids import new_id

TARGET_RATIO = 2.0
BATCH_BLOCKS = 10_000  # blocks of 10 transfers per transaction
# (read, whose, path): the pages timed, for the busy organisation's key.
READS = (
    ("GET /v1/transactions", "busy organisation", "/v1/transactions?limit={limit}"),
    ("GET /v1/members/{id}/transactions", "busy member",
     "/v1/members/{member}/transactions?limit={limit}"),
    ("GET /v1/events", "busy organisation", "/v1/events?limit={limit}"),
)  # fmt: skip
TABLES = ("transfers", "events", "event_audience")
ON_TABLES = re.compile(r"\b(FROM|JOIN)\s+(transfers|events|event_audience)\b")


@dataclass
class Network:
    programme: str
    operator: str
    organisations: list[str]  # the first is the busy one, and holds `key`
    key: str
    members: int
    busy_member: str


MEMBERS = """
WITH m AS (
    SELECT i, ($1::text[])[i] AS id, ($2::text[])[i] AS card, ($3::text[])[i] AS home
      FROM generate_series(1, cardinality($1::text[])) i
), a AS (
    INSERT INTO accounts (kind, owner_id) SELECT 'member', id FROM m ORDER BY i
    RETURNING id, owner_id
)
INSERT INTO members (id, card_number, home_organisation_id, programme_id, account_id, display_name)
SELECT m.id, m.card, m.home, $4, a.id, 'Member ' || m.i FROM m JOIN a ON a.owner_id = m.id
 ORDER BY m.i
"""


async def seed_network(url: str, pepper: bytes, n_orgs: int, n_members: int) -> Network:
    """Operator, programme and organisations through the services; members in bulk, homed
    by a Zipf law over the organisations (the first, the busy one, is home to a fifth)."""
    from app.models.keys import ApiKeyIssue
    from app.models.organisations import OrganisationCreate, ProgrammeCreate
    from app.services import cards, keys, organisations

    rng = random.Random(2018)
    roles = ["earn_partner", "spend_partner"]
    conn = await asyncpg.connect(dbmod.plain_url(url))
    await harness.json_codec(conn)
    try:
        async with conn.transaction():
            w = harness.Writer(conn, pepper)
            operator = await w.operator("Pages operator")
            programme = await w.write(organisations.create_programme, ProgrammeCreate(
                name="Pages programme", place="Pagestown", focus="Paging",
                starts_on=date(2020, 1, 1),
            ))  # fmt: skip
            orgs = [
                (await w.write(organisations.create_organisation, OrganisationCreate(
                    name=f"Pages partner {i + 1}", roles=roles, programme_ids=[programme.id]
                ))).id for i in range(n_orgs)
            ]  # fmt: skip
            key = await w.write(keys.issue, ApiKeyIssue(organisation_id=orgs[0],
                                                       name="bench pages"))  # fmt: skip
            homes = [orgs[0], *rng.choices(orgs, [1 / (k + 1) for k in range(n_orgs)],
                                           k=n_members - 1)]  # fmt: skip
            numbers: set[str] = set()
            while len(numbers) < n_members:
                numbers.add(cards.generate())
            ids = [new_id("mem") for _ in range(n_members)]
            await conn.execute(MEMBERS, ids, sorted(numbers), homes, programme.id)
    finally:
        await conn.close()
    return Network(programme.id, operator.id, orgs, key.secret, n_members, ids[0])


def _h(x: str, k: int) -> str:
    """A deterministic pseudo-random non-negative bigint of x (SQL)."""
    return f"(hashint8extended({x}, {k}) & 9223372036854775807)"


# Blocks of ten transfers, b in [$1, $2): six earns (k 0-5) to members drawn for their slots,
# three spends (k 6-8) by the members of earns 0-2 at venues drawn by a Zipf law ($4), one
# gift (k 9) by the member of earn 3. A debit never exceeds the earn before it that funds it
# (earn 2-3 credits, spend 1-2, gift 0.5-1), so no member's balance ever goes below zero.
# One slot in four is the busy member's (idx 0), so the small ledger has 11 pages for them.
TRANSFERS = f"""
WITH s AS (
    SELECT b * 10 + k AS i,
           CASE WHEN k < 6 THEN 'earn' WHEN k < 9 THEN 'spend' ELSE 'gift' END AS kind,
           b * 10 + CASE WHEN k < 6 THEN k WHEN k < 9 THEN k - 6 ELSE 3 END AS slot
      FROM generate_series($1::bigint, $2::bigint - 1) b, generate_series(0, 9) k
), d AS (
    SELECT s.*,
           CASE WHEN {_h("slot", 1)} % 4 = 0 THEN 0 ELSE 1 + {_h("slot", 2)} % ($3 - 1) END AS m,
           1 + {_h("i", 3)} % ($3 - 1) AS g,
           ($4::int[])[(1 + {_h("i", 5)} % cardinality($4::int[]))::int] AS venue,
           {_h("i", 4)} % 2 AS coin
      FROM s
)
INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount, programme_id,
                       organisation_id, metadata, created_at)
SELECT 'txn_' || substr(md5('pages:' || d.i), 1, 16), d.kind,
       CASE d.kind WHEN 'earn' THEN m.home_account ELSE m.account_id END,
       CASE d.kind WHEN 'earn' THEN m.account_id WHEN 'spend' THEN v.account_id
                   ELSE gm.account_id END,
       CASE d.kind WHEN 'earn' THEN 200 + 100 * d.coin WHEN 'spend' THEN 100 + 100 * d.coin
                   ELSE 50 + 50 * d.coin END,
       $5, m.home,
       CASE d.kind WHEN 'earn' THEN jsonb_build_object('hours', (2 + d.coin) || '.00')
                   ELSE '{{}}'::jsonb END,
       timestamptz '2024-01-01 00:00:00+00' + d.i * interval '20 seconds'
  FROM d
  JOIN bench_members m ON m.idx = d.m
  JOIN bench_orgs v ON v.idx = d.venue
  JOIN bench_members gm ON gm.idx = CASE WHEN d.g = d.m THEN d.g % ($3 - 1) + 1 ELSE d.g END
 ORDER BY d.i
"""
# Before the transfers of blocks from $1 on: $2 hundredths from the programme ($3) to each
# organisation, posted by the operator ($4).
ALLOCATIONS = """
INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount, programme_id,
                       organisation_id, created_at)
SELECT 'txn_alloc_' || $1::bigint || '_' || o.idx, 'allocation', i.id, o.account_id, $2, $3, $4,
       timestamptz '2024-01-01 00:00:00+00' + ($1::bigint * 10 - 1) * interval '20 seconds'
  FROM bench_orgs o, accounts i WHERE i.kind = 'issuance' AND i.owner_id = $3 ORDER BY o.idx
"""
# Who sees an event (migrations 0006, 0024): the poster, organisations on either side, and
# the home organisations of members on either side; the first two (in id order) on the
# event's row, any others in event_audience, as the service records them.
_ORGS = """unnest(ARRAY[t.organisation_id,
       CASE da.kind WHEN 'organisation' THEN da.owner_id END,
       CASE ca.kind WHEN 'organisation' THEN ca.owner_id END,
       dm.home_organisation_id, cm.home_organisation_id])"""
_PARTIES = """
  JOIN accounts da ON da.id = t.debit_account_id
  JOIN accounts ca ON ca.id = t.credit_account_id
  LEFT JOIN members dm ON dm.account_id = t.debit_account_id
  LEFT JOIN members cm ON cm.account_id = t.credit_account_id"""
EVENTS = f"""
INSERT INTO events (type, resource_id, created_at, data, seen_by, also_seen_by)
SELECT CASE t.kind WHEN 'allocation' THEN 'allocation.created' WHEN 'earn' THEN 'earning.created'
                   WHEN 'spend' THEN 'spend.created' ELSE 'gift.created' END,
       t.id, t.created_at, json_build_object(
           'id', t.id, 'kind', t.kind, 'credits', to_char(t.amount / 100.0, 'FM999999999990.00'),
           'from', json_build_object('type', CASE da.kind WHEN 'issuance' THEN 'programme'
                                                   ELSE da.kind END, 'id', da.owner_id),
           'to', json_build_object('type', ca.kind, 'id', ca.owner_id),
           'programme_id', t.programme_id, 'organisation_id', t.organisation_id,
           'created_at', t.created_at, 'reverses', NULL, 'metadata', t.metadata),
       seen.orgs[1], seen.orgs[2]
  FROM transfers t {_PARTIES}
 CROSS JOIN LATERAL (SELECT array_agg(DISTINCT o ORDER BY o) AS orgs
                       FROM {_ORGS} AS o WHERE o IS NOT NULL) seen
 WHERE t.seq > $1 ORDER BY t.seq
"""
AUDIENCE = f"""
INSERT INTO event_audience (organisation_id, type, xid, seq)
SELECT DISTINCT a.org, e.type, e.xid, e.seq
  FROM events e
  JOIN transfers t ON t.id = e.resource_id {_PARTIES}
 CROSS JOIN LATERAL {_ORGS} AS a(org)
 WHERE e.seq > $1 AND a.org IS NOT NULL AND a.org <> e.seen_by
   AND a.org IS DISTINCT FROM e.also_seen_by
"""
# Each new transfer's effect on the report rollups, queued (migration 0023's report_effects).
QUEUE = """
INSERT INTO report_pending (seq, programme_id, at, kind, member, side, amount, sign)
SELECT e.*
  FROM transfers t,
       report_effects(t.seq, t.kind, t.debit_account_id, t.credit_account_id, t.amount,
                      t.programme_id, t.organisation_id, t.reverses_id, t.created_at) e
 WHERE t.seq > $1
"""
BALANCES = """
UPDATE accounts a SET balance = f.net
  FROM (SELECT account_id, sum(delta) AS net
          FROM (SELECT debit_account_id AS account_id, -amount AS delta FROM transfers
                UNION ALL SELECT credit_account_id, amount FROM transfers) x
         GROUP BY account_id) f
 WHERE a.id = f.account_id AND a.balance <> f.net
"""


async def grow(url: str, net: Network, size: int, *, queue: bool = True) -> dict[str, Any]:
    """Top the ledger up to `size` earns, spends and gifts (in blocks of ten), with one
    allocation per organisation covering the new earns, events and audience, and (`queue`)
    each transfer's report effect queued as ledger_move queues it, for the service to roll;
    then the balances, and VACUUM ANALYZE."""
    conn = await asyncpg.connect(dbmod.plain_url(url))
    t0 = time.perf_counter()
    try:
        await conn.execute("""
            CREATE TEMP TABLE bench_members AS
            SELECT (row_number() OVER (ORDER BY m.seq) - 1)::int AS idx, m.account_id,
                   m.home_organisation_id AS home, ha.id AS home_account
              FROM members m
              JOIN accounts ha ON ha.kind = 'organisation' AND ha.owner_id = m.home_organisation_id;
            CREATE UNIQUE INDEX ON bench_members (idx);
            ANALYZE bench_members""")  # fmt: skip
        await conn.execute(
            """CREATE TEMP TABLE bench_orgs AS
               SELECT (o.n - 1)::int AS idx, a.id AS account_id
                 FROM unnest($1::text[]) WITH ORDINALITY o(id, n)
                 JOIN accounts a ON a.kind = 'organisation' AND a.owner_id = o.id""",
            net.organisations,
        )
        n = len(net.organisations)
        venues = [i for i in range(n) for _ in range(round(1000 / (i + 1)))]  # Zipf
        done = await conn.fetchval("SELECT count(*) FROM transfers WHERE kind <> 'allocation'")
        start, end = done // 10, -(-size // 10)
        last = """SELECT (SELECT coalesce(max(seq), 0) FROM transfers),
                         (SELECT coalesce(max(seq), 0) FROM events)"""
        seq, eseq = await conn.fetchrow(last)
        if end > start:
            await conn.execute(ALLOCATIONS, start, 300 * 6 * (end - start), net.programme,
                               net.operator)  # fmt: skip
        for b in range(start, end, BATCH_BLOCKS):
            async with conn.transaction():
                await conn.execute(TRANSFERS, b, min(end, b + BATCH_BLOCKS), net.members,
                                   venues, net.programme)  # fmt: skip
                await conn.execute(EVENTS, seq)
                await conn.execute(AUDIENCE, eseq)
                if queue:
                    await conn.execute(QUEUE, seq)
            seq, eseq = await conn.fetchrow(last)
            log(f"ledger: {min(end, b + BATCH_BLOCKS) * 10:,} / {end * 10:,} transfers "
                f"({time.perf_counter() - t0:.0f} s)")  # fmt: skip
        await conn.execute(BALANCES)
        await conn.execute("VACUUM ANALYZE")
        facts = dict(await conn.fetchrow(
            """SELECT (SELECT count(*) FROM transfers) AS transfers,
                      (SELECT count(*) FROM events) AS events,
                      (SELECT count(*) FROM event_audience) AS audience,
                      (SELECT count(*) FROM events WHERE $1 IN (seen_by, also_seen_by))
                      + (SELECT count(*) FROM event_audience WHERE organisation_id = $1)
                          AS busy_organisation_events,
                      (SELECT count(*) FROM transfers t JOIN members m
                           ON m.account_id IN (t.debit_account_id, t.credit_account_id)
                        WHERE m.id = $2) AS busy_member_transfers,
                      pg_size_pretty(pg_database_size(current_database())) AS database""",
            net.organisations[0], net.busy_member,
        ))  # fmt: skip
    finally:
        await conn.close()
    facts["seconds"] = round(time.perf_counter() - t0, 1)
    return facts


def check_ledger(url: str, bench: Bench) -> str:
    """`timecredits check-ledger` on the grown database: the seeding kept the invariants."""
    exe = str(Path(sys.executable).parent / "timecredits")
    env = {**os.environ, "DATABASE_URL": url, "TIMECREDITS_KEY_PEPPER": bench.pepper}
    out = subprocess.run([exe, "check-ledger"], capture_output=True, text=True, env=env,
                         check=False)  # fmt: skip
    verdict = "passed" if out.returncode == 0 else f"FAILED ({out.returncode})"
    return f"{verdict}: {(out.stdout + out.stderr).strip().splitlines()[-1]}"


@dataclass
class Timed:
    """Latencies (ms) of one read at one size, per page depth (0: the first page)."""

    pages: list[list[float]] = field(default_factory=list)
    missing: str | None = None  # why it could not be timed ("not available yet")

    def at(self, depth: int) -> list[float]:
        return sorted(self.pages[depth]) if depth < len(self.pages) else []


async def time_read(base_url: str, key: str, path: str, args: argparse.Namespace) -> Timed:
    """--clients clients, each walking first page -> --depth cursors deep, one request after
    another: --warmup seconds unmeasured (cut short mid-walk: it only needs the service's
    connections to have run the statements a few times), then walks until --seconds are up,
    at least one each (a slow page must not make a run endless, nor go unmeasured)."""
    timed = Timed([[] for _ in range(args.depth + 1)])
    headers = {"Authorization": f"Bearer {key}"}

    async def walk(http: httpx.AsyncClient, keep: bool, cut: float) -> bool:
        url = path
        for depth in range(args.depth + 1):
            if time.monotonic() > cut:
                return True
            t0 = time.perf_counter()
            r = await http.get(url)
            ms = (time.perf_counter() - t0) * 1000
            if r.status_code == 404 and depth == 0:
                timed.missing = "not available yet (404)"
                return False
            if r.status_code != 200:
                raise RuntimeError(f"GET {url}: {r.status_code} {r.text[:300]}")
            if keep:
                timed.pages[depth].append(ms)
            cursor = r.json().get("next_cursor")
            if not cursor:
                break
            url = f"{path}&after={cursor}"
        return True

    async def client(seconds: float, measured: bool) -> None:
        until = time.monotonic() + seconds
        async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=600) as http:
            first = measured
            while first or time.monotonic() < until:
                first = False
                if not await walk(http, measured, float("inf") if measured else until):
                    return

    await asyncio.gather(*(client(args.warmup, False) for _ in range(args.clients)))
    if timed.missing is None:
        await asyncio.gather(*(client(args.seconds, True) for _ in range(args.clients)))
    return timed


def summarise(plan: dict[str, Any]) -> str:
    ms, uses = plan["Execution Time"], harness.reads(plan, TABLES)
    seq = [u for u in uses if u.startswith("Seq Scan")]
    return (f"{ms:.2f} ms, {harness.sql.buffers(plan):,} buffers; "
            f"{'; '.join(uses) or '-'}{'  **SEQ SCAN**' if seq else ''}")  # fmt: skip


async def explain_reads(url: str, bench: Bench, net: Network, args: argparse.Namespace) -> dict:
    """Each read's first and deepest page through the app in this process, and EXPLAIN
    (ANALYZE, BUFFERS) of the statements they ran on transfers and events: custom plan and
    the generic plan a cached statement may settle on."""
    out: dict[tuple[str, str], list[str]] = {}
    conn = await asyncpg.connect(dbmod.plain_url(url))
    await harness.json_codec(conn)
    try:
        async with harness.sql.in_process(url, bench.pepper) as get:
            for read, _, template in READS:
                path = template.format(limit=args.limit, member=net.busy_member)
                response, calls = await get(path, net.key)
                if response.status_code != 200:
                    continue
                pages = {"first": calls}
                for _ in range(args.depth):
                    cursor = response.json().get("next_cursor")
                    if not cursor:
                        break
                    response, pages["deep"] = await get(f"{path}&after={cursor}", net.key)
                for page, page_calls in pages.items():
                    lines = []
                    for sql, params in page_calls:
                        if not ON_TABLES.search(sql):
                            continue
                        custom = await harness.explain(conn, sql, params, mode="force_custom_plan")
                        generic = await harness.explain(
                            conn, sql, params, mode="force_generic_plan"
                        )
                        lines.append(f"custom: {summarise(custom)}; generic: {summarise(generic)}")
                    out[(read, page)] = lines
    finally:
        await conn.close()
    return out


def main() -> int:
    p = harness.parser(__doc__.split("\n\n")[0], clients=2, seconds=10.0)
    p.add_argument("--sizes", default="1000,1000000", help="ledger sizes in transfers")
    p.add_argument("--organisations", type=int, default=50)
    p.add_argument("--members", type=int, default=20_000)
    p.add_argument("--limit", type=int, default=20, help="page size")
    p.add_argument("--depth", type=int, default=10, help="cursors followed to the deep page")
    p.add_argument("--no-explain", action="store_true", help="skip the EXPLAIN summaries")
    args = harness.check(p, p.parse_args())
    try:
        sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",")})
    except ValueError:
        p.error("--sizes: comma-separated numbers of transfers")
    if len(sizes) < 2 or sizes[0] < 10 or args.members < 2 or args.organisations < 2:
        p.error("--sizes needs two sizes of 10 or more; --members and --organisations >= 2")

    with Bench(args, "bench/pages.py", http=False) as bench:  # httpx: pages follow cursors
        url = bench.database("pages")
        log(f"seeding {args.organisations} organisations and {args.members:,} members")
        net = asyncio.run(seed_network(url, bench.pepper.encode(), args.organisations,
                                       args.members))  # fmt: skip
        results: dict[int, dict[str, Any]] = {}
        for size in sizes:
            facts = asyncio.run(grow(url, net, size))
            facts["check_ledger"] = check_ledger(url, bench)
            log(f"size {size:,}: {facts}")
            service = bench.serve(url)
            timed = {}
            for read, whose, template in READS:
                bench.quiet()
                log(f"size {size:,}: {read} ({whose})")
                path = template.format(limit=args.limit, member=net.busy_member)
                timed[read] = asyncio.run(time_read(service.base_url, net.key, path, args))
            bench.stop(service)
            plans = {} if args.no_explain else asyncio.run(explain_reads(url, bench, net, args))
            results[size] = {"facts": facts, "timed": timed, "plans": plans}
        report(bench, sizes, results, args)
    return 0


def report(bench: Bench, sizes: list[int], results: dict[int, dict[str, Any]],
           args: argparse.Namespace) -> None:  # fmt: skip
    small = sizes[0]
    deep = f"{args.depth} cursors deep"
    rows, targets, out = [], [], {}
    for read, whose, _ in READS:
        for depth, page in ((0, "first"), (args.depth, deep)):
            cells, medians = [], []
            for size in sizes:
                t: Timed = results[size]["timed"][read]
                values = t.at(depth)
                medians.append(median(values) if values else None)
                shown = f"{fmt_ms(medians[-1])} / {fmt_ms(percentile(values, 95))}"
                cells.append(t.missing or (shown if values else "fewer pages"))
            # Each larger size against the smallest.
            ratios = [m / medians[0] if medians[0] and m else None for m in medians[1:]]
            rows.append([f"{read} ({whose})" if depth == 0 else "", page, *cells,
                         *(f"**{r:.2f}x**" if r else "-" for r in ratios)])  # fmt: skip
            out[f"{read} {page}"] = {
                "medians_ms": dict(zip(sizes, medians, strict=True)),
                "ratios": dict(zip(sizes[1:], ratios, strict=True)),
            }
            known = [(size, r) for size, r in zip(sizes[1:], ratios, strict=True) if r]
            if known:
                detail = ", ".join(f"{r:.2f}x at {size:,}" for size, r in known)
                ok = all(r <= TARGET_RATIO for _, r in known)
                name = f"{read} ({whose}), {page} page: <= {TARGET_RATIO:g}x the {small:,} one"
                targets.append(harness.target(name, ok, detail))
    lines = harness.table(
        ["read", "page", *(f"{s:,} transfers: median / p95 ms" for s in sizes),
         *(f"{s:,} / {small:,}" for s in sizes[1:])], rows,
    )  # fmt: skip
    lines += ["", "The ledgers:", ""]
    lines += harness.table(
        ["transfers", "events", "audience rows", "busy organisation's events",
         "busy member's transfers", "database", "seeded in s", "check-ledger"],
        [[f"{f['transfers']:,}", f"{f['events']:,}", f"{f['audience']:,}",
          f"{f['busy_organisation_events']:,}", f"{f['busy_member_transfers']:,}",
          f["database"], f["seconds"], f["check_ledger"]]
         for f in (results[s]["facts"] for s in sizes)],
    )  # fmt: skip
    if not args.no_explain:
        lines += ["", "EXPLAIN (ANALYZE, BUFFERS) of the statements each page ran on transfers "
                  "and events (the service's own SQL, captured in-process):", ""]  # fmt: skip
        rows = []
        for size in sizes:
            for (read, page), found in results[size]["plans"].items():
                rows += [[f"{size:,}", read, page, line] for line in found or ["(none)"]]
        for read, _, _ in READS:
            if any(results[s]["timed"][read].missing for s in sizes):
                rows.append(["all", read, "-", "not available yet"])
        lines += harness.table(["size", "read", "page", "plan"], rows)
    lines += [
        "",
        f"{args.organisations} organisations, {args.members:,} members; the busy member takes "
        "part in one transfer in four. Pages of "
        f"{args.limit}, {args.clients} clients each walking first page -> {deep} one request "
        f"after another, {args.warmup:g} s warm-up and {args.seconds:g} s per read and size; "
        f"{args.workers} workers.",
        "",
        *targets,
    ]
    bench.emit(lines, {"sizes": sizes, "reads": out,
                       "ledgers": {s: results[s]["facts"] for s in sizes}})  # fmt: skip


if __name__ == "__main__":
    harness.run(main)
