"""Directory search: weighted mixes of searches over a country-sized directory, and plans.

    .venv/bin/python bench/directory.py --clients 8 --seconds 20

Seeds 1,000 organisations and 100,000 listings around ~70 towns (bench/directory_data.py),
starts the service and drives five mixes of `GET /v1/offers` and `/v1/opportunities`
searches with wrk, reporting latency per mix against p95 <= 30 ms at 8 clients. Then it
EXPLAINs the near + category search the way the service runs it, and a few searches of each
mix; the statements are captured from `app.services.listings.search_listings` itself. Exits
1 when the near + category search reads listings without one of its indexes.
"""

from __future__ import annotations

import argparse
import asyncio
import random
from dataclasses import dataclass, replace
from statistics import median
from typing import Any
from urllib.parse import urlencode

import asyncpg
import directory_data as data
import harness
from harness import Bench, Load, Recorder, fmt_ms, log

from app import db as dbmod
from app.api.directory import directory_query
from app.api.params import DEFAULT as DEFAULT_LIMIT
from app.services import listings

TARGET_P95_MS = 30.0
# The query mixes and their shares of the traffic (--weight changes them).
MIXES = {
    "text + near + category": 0.35,
    "near + category": 0.25,
    "near only": 0.15,
    "text only": 0.15,
    "typo + near": 0.10,
}
# The indexes a near / category search may read listings with (migrations 0002, 0003).
SEARCH_INDEXES = ("listings_earth", "listings_offer_near", "listings_opportunity_near",
                  "listings_categories")  # fmt: skip
PATHS = {"offer": "offers", "opportunity": "opportunities"}
Compiled = tuple[str, tuple[Any, ...], tuple[str, ...]]  # statement, parameters, SET LOCALs


@dataclass(frozen=True)
class Search:
    """One search as a client sends it; path() and sql() come from the same fields."""

    mix: str
    kind: str  # offer | opportunity
    q: str | None = None
    categories: tuple[str, ...] = ()
    near: str | None = None  # "lat,lon", exactly as sent
    radius_km: float | None = None
    limit: int | None = None  # None: the API's default page size

    def path(self) -> str:
        params = [("q", self.q)] if self.q else []
        params += [("category", c) for c in self.categories]
        if self.near:
            params += [("near", self.near), ("radius_km", f"{self.radius_km:g}")]
        if self.limit:
            params.append(("limit", str(self.limit)))
        return f"/v1/{PATHS[self.kind]}?{urlencode(params)}"

    async def sql(self) -> Compiled:
        """What the service sends for this search: the route's own parameter parsing, then
        search_listings on a stand-in connection that records instead of running."""
        query = await directory_query(
            q=self.q, category=list(self.categories), programme_id=None, near=self.near,
            radius_km=self.radius_km, open_on=None, accessible=[], updated_since=None,
        )  # fmt: skip
        rec = Recorder()
        await listings.search_listings(
            rec,  # type: ignore[arg-type]
            self.kind,  # type: ignore[arg-type]
            query.model_copy(update={"max_credits": None}),
            limit=self.limit or DEFAULT_LIMIT,
            after=None,
        )
        sql, params = rec.calls[-1]
        return sql, params, tuple(rec.setup)


# The densest place, the commonest radius: the worst case of the commonest map search.
EXPLAINED = Search("near + category", "offer", None, ("swimming",), "51.5072,-0.1276", 10)


def make_searches(rng: random.Random, per_mix: int, limit: int | None) -> dict[str, list[Search]]:
    """Towns drawn by size (London gets the most searches), words people search for."""

    def point() -> str:
        town = rng.choices(data.TOWNS, [t.weight for t in data.TOWNS])[0]
        lat, lon = data.jitter(rng, town.lat, town.lon, 1.5)
        return f"{lat:.4f},{lon:.4f}"

    out: dict[str, list[Search]] = {}
    for mix in MIXES:
        searches = []
        for _ in range(per_mix):
            word, kind, category = rng.choice(data.TYPOS if mix == "typo + near" else data.WORDS)
            vocab = sorted(data.OFFER_TITLES if kind == "offer" else data.OPPORTUNITY_TITLES)
            if mix == "text + near + category":
                cat = category if rng.random() < 0.8 else rng.choice(vocab)
                s = Search(mix, kind, word, (cat,), point(), rng.choice((10, 10, 10, 25)))
            elif mix == "near + category":
                cats = tuple(sorted(set(rng.sample(vocab, rng.choice((1, 1, 2))))))
                s = Search(mix, kind, None, cats, point(), rng.choice((5, 10, 10, 25)))
            elif mix == "near only":
                s = Search(mix, kind, None, (), point(), rng.choice((2, 5, 10)))
            elif mix == "text only":
                s = Search(mix, kind, word)
            else:
                s = Search(mix, kind, word, (), point(), rng.choice((10, 25)))
            searches.append(replace(s, limit=limit))
        out[mix] = searches
    return out


def lua(searches: dict[str, list[Search]], key: str, seed: int) -> str:
    """Each request: a mix by weight, then one of its searches at random."""
    names = list(searches)
    paths = ",\n".join(harness.lua_list([s.path() for s in searches[m]]) for m in names)
    return f"""
TAGS = {harness.lua_list(names)}
local weights = {{{", ".join(f"{MIXES[m]:.6f}" for m in names)}}}
local paths = {{
{paths}
}}
local headers = {{["Authorization"] = {harness.lua_string("Bearer " + key)}}}
function init(args) math.randomseed({seed} + tid * 7919) end
function request()
  local r, i, acc = math.random(), 1, weights[1]
  while r > acc and i < #weights do i = i + 1; acc = acc + weights[i] end
  tag = i
  return wrk.format("GET", paths[i][math.random(#paths[i])], headers)
end
"""


async def plans(url: str, searches: dict[str, list[Search]], samples: int) -> dict[str, Any]:
    """The near + category search as the service runs it (its SET LOCALs: a generic plan),
    in full, and what a custom plan reads; then `samples` searches of each mix: median execution
    time and what they read listings with."""
    conn = await asyncpg.connect(dbmod.plain_url(url))
    await harness.json_codec(conn)
    try:
        sql, params, setup = await EXPLAINED.sql()
        text = await harness.explain(conn, sql, params, setup=setup, text=True)
        custom = await harness.explain(conn, sql, params, setup=setup, mode="force_custom_plan")
        full = {"as the service runs it": text, "custom plan": harness.reads(custom, ("listings",))}
        per_mix = {}
        for mix, items in searches.items():
            times, uses = [], set()
            for search in items[:samples]:
                s_sql, s_params, s_setup = await search.sql()
                plan = await harness.explain(conn, s_sql, s_params, setup=s_setup)
                times.append(plan["Execution Time"])
                uses.update(u for u in harness.reads(plan, ("listings",)) if "_pkey" not in u)
            per_mix[mix] = (median(times), max(times), sorted(uses))
        return {"full": full, "per_mix": per_mix}
    finally:
        await conn.close()


def main() -> int:
    p = harness.parser(__doc__.split("\n\n")[0], clients=8, seconds=20.0)
    p.add_argument("--organisations", type=int, default=1000)
    p.add_argument("--listings", type=int, default=100_000)
    p.add_argument("--searches", type=int, default=500, help="distinct searches per mix")
    p.add_argument("--samples", type=int, default=10, help="searches EXPLAINed per mix")
    p.add_argument("--limit", type=int, help="page size sent (default: the API's)")
    p.add_argument("--seed", type=int, default=2018, help="random seed (data and searches)")
    p.add_argument(
        "--weight", action="append", default=[], metavar="MIX=SHARE",
        help='reweight a mix, e.g. --weight "text only=0" (0 drops it)',
    )  # fmt: skip
    args = harness.check(p, p.parse_args())
    for item in args.weight:
        name, _, share = item.rpartition("=")
        if name not in MIXES:
            p.error(f"--weight: no mix {name!r}; mixes: {', '.join(MIXES)}")
        MIXES[name] = float(share)
    if args.organisations < 140:
        p.error("--organisations: at least 140 (two per town)")
    total = sum(MIXES.values())
    for name in [m for m, w in MIXES.items() if w <= 0]:
        del MIXES[name]
    for name in MIXES:
        MIXES[name] /= total

    with Bench(args, "bench/directory.py") as bench:
        url = bench.database("directory")
        log(f"seeding {args.organisations:,} organisations and {args.listings:,} listings")
        seeded = asyncio.run(data.seed(url, bench.pepper.encode(), args.organisations,
                                       args.listings, args.seed))  # fmt: skip
        searches = make_searches(random.Random(args.seed + 7), args.searches, args.limit)
        service = bench.serve(url)
        load = bench.wrk(service, lua(searches, seeded.key, args.seed), label="directory search",
                         path="/v1/offers", profiled=True)  # fmt: skip
        bench.stop(service)
        log(f"EXPLAIN ANALYZE: the near + category search, and {args.samples} per mix")
        found = asyncio.run(plans(url, searches, args.samples))
        uses_index = all(
            any(ix in str(plan) for ix in SEARCH_INDEXES) for plan in found["full"].values()
        )
        report(bench, load, found, seeded, uses_index, args)
    if not uses_index:
        log("FAILED: the near + category search reads listings without its indexes")
        return 1
    return 0


def report(bench: Bench, load: Load, found: dict[str, Any], seeded: data.Seeded,
           uses_index: bool, args: argparse.Namespace) -> None:  # fmt: skip
    rows = []
    for mix, share in MIXES.items():
        med, worst, uses = found["per_mix"][mix]
        rows.append(
            [
                mix,
                f"{share:.0%}",
                f"{load.count(tag=mix):,}",
                f"{load.rate(tag=mix):,.0f}",
                fmt_ms(load.pct(50, mix)),
                fmt_ms(load.pct(95, mix)),
                fmt_ms(load.pct(99, mix)),
                harness.errors_cell(load.errors("200", mix)),
                f"{med:.1f} / {worst:.1f}",
                "; ".join(uses),
            ]
        )
    rows.append(["**all**", "100%", f"{load.requests:,}", f"{load.rate():,.0f}",
                 fmt_ms(load.pct(50)), f"**{fmt_ms(load.pct(95))}**", fmt_ms(load.pct(99)),
                 harness.errors_cell(load.errors("200")), "", ""])  # fmt: skip
    lines = harness.table(
        ["query mix", "share", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "not 200",
         "server ms (median / max)", "reads listings with"], rows,
    )  # fmt: skip
    lines += [
        "",
        f"CPU ms per request: {harness.cpu_cell(load.cpu_ms)}; machine busy "
        f"{load.busy_pct or 0:.0f}%. Server ms: EXPLAIN ANALYZE of {args.samples} searches per "
        "mix, run as the service runs them.",
        "",
        f"EXPLAIN (ANALYZE, BUFFERS) of `GET {EXPLAINED.path()}` (central London), as the "
        "service runs it:",
    ]
    lines += ["", "```", found["full"]["as the service runs it"], "```", ""]
    lines.append(f"With a custom plan it reads: {'; '.join(found['full']['custom plan'])}.")
    lines += [
        "",
        f"Data: {seeded.organisations:,} organisations, {seeded.listings:,} listings "
        f"({seeded.active:,} active and current) around {len(data.TOWNS)} towns, seeded in "
        f"{seeded.seconds:.0f} s (seed {args.seed}); page size "
        f"{args.limit or DEFAULT_LIMIT}; {args.workers} workers, {args.clients} connections, "
        f"{args.warmup:g} s warm-up, {args.seconds:g} s measured.",
        "",
        harness.target(f"p95 <= {TARGET_P95_MS:g} ms at {args.clients} clients, all searches",
                       (load.pct(95) or 1e9) <= TARGET_P95_MS, f"{fmt_ms(load.pct(95))} ms"),
        harness.target(f"near + category reads listings with {' or '.join(SEARCH_INDEXES)}",
                       uses_index, "both plans" if uses_index else "a plan without them"),
    ]  # fmt: skip
    for mix in MIXES:
        p95 = load.pct(95, mix)
        lines.append(
            harness.target(
                f"p95 <= {TARGET_P95_MS:g} ms, {mix}",
                (p95 or 1e9) <= TARGET_P95_MS,
                f"{fmt_ms(p95)} ms",
            )
        )
    bench.emit(lines, {
        "load": load.summary("200"), "seeded": vars(seeded) | {"key": None},
        "plans": {m: {"median_ms": v[0], "max_ms": v[1], "reads": v[2]}
                  for m, v in found["per_mix"].items()},
        "uses_index": uses_index,
    })  # fmt: skip


if __name__ == "__main__":
    harness.run(main)
