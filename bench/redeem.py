"""Redemptions at the desk: validate then redeem, from 16 tills, against earns on the same
service in the same run.

    .venv/bin/python bench/redeem.py --seconds 15 --rounds 2

8 earn partners register and credit members through the API; 4 venues each get a key.
Codes are laid down before the run (one per redemption to come: the issuing endpoint is not
what is measured) as `POST /v1/members/{id}/redemption-codes` stores them, every member
funded for all the codes they hold, then each wrk connection, as one venue, takes its own
codes in turn: `POST /v1/redemptions/validate`, then `POST /v1/redemptions` with a unique
Idempotency-Key. Each wrk run (warm-ups too) gets codes of its own, shared out by its
length; a till never sends a code twice: one that runs out stops, and the report says so.
Every refusal is counted by its problem code and shown, and any refusal, or a till out of
codes, makes the exit status 1: such a round does not measure what it says. A round runs
the earn scenario (bench/earn.py's requests) and then the redemptions; the target is a
redemption (validate + redeem) costing at most two earns, in CPU per operation of the
service and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import math
import statistics
from datetime import UTC, datetime, timedelta

import asyncpg
import harness
from earn import Partner, build_network, service_lua, triple
from harness import Bench, Load, log

from app import db as dbmod
from app.ids import new_id
from app.services import redemptions
from app.services.unit_of_work import Env

TARGET_EARNS = 2.0
CREDITS_PER_MEMBER = 40  # at least: more when a member holds more codes than this


async def fund_and_lay_codes(
    url: str, base_url: str, partners: list[Partner], pepper: str, codes: int
) -> list[str]:
    """Credit every member for every code they will hold (1 credit each), then `codes`
    codes over them (hashed as the service stores them); returns the codes as a desk would
    type them."""
    import httpx

    homes = [p for p in partners if p.members]
    owners = [(m, p.id) for p in homes for m in p.members]
    credits = max(CREDITS_PER_MEMBER, math.ceil(codes / len(owners)))
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as http:
        gate = asyncio.Semaphore(8)

        async def fund(p: Partner, m: str) -> None:
            async with gate:
                r = await http.post(
                    "/v1/earnings",
                    headers={"Authorization": f"Bearer {p.key}"},
                    json={"member_id": m, "hours": credits},
                )
                if r.status_code != 201:
                    raise RuntimeError(f"setup: earning answered {r.status_code}: {r.text}")

        await asyncio.gather(*(fund(p, m) for p in homes for m in p.members))
    env = Env(pepper=pepper.encode())
    expires = datetime.now(UTC) + timedelta(hours=2)
    typed, rows, seen = [], [], set()
    for i in range(codes):
        member, home = owners[i % len(owners)]
        code = redemptions.new_code()
        while code in seen:  # 40 random bits: two alike is rare, and code_hash is unique
            code = redemptions.new_code()
        seen.add(code)
        typed.append(redemptions.display(code))
        rows.append((new_id("rdc"), member, home, redemptions.code_hash(env, code), expires))
    conn = await asyncpg.connect(dbmod.plain_url(url))
    try:
        await conn.copy_records_to_table(
            "redemption_codes",
            records=rows,
            columns=["id", "member_id", "organisation_id", "code_hash", "expires_at"],
        )
        await conn.execute("VACUUM ANALYZE redemption_codes")
    finally:
        await conn.close()
    return typed


def desk_lua(venues: list[Partner], codes: list[str], clients: int) -> str:
    """Connection `tid` is venue tid mod V and takes codes tid, tid + clients, ...:
    validate, then redeem, each code once. A till that has used all its codes stops (wrk's
    thread:stop()) and is counted, never starting its list again: a code sent twice is a
    409 `already_used` of the harness's making. Every refusal is counted by its problem
    `code` (and every validation that says no, by its reason), and the first few per till
    noted with the code sent."""
    per = [codes[c::clients] for c in range(clients)]
    lists = ",\n".join(harness.lua_list(p) for p in per)
    auth = ", ".join(harness.lua_string(f"Bearer {v.key}") for v in venues)
    return f"""
TAGS = {{"validate", "redeem", "out of codes"}}
local codes = {{
{lists}
}}
local auth = {{{auth}}}
local counter = 0
local sent, noted, out = {{}}, 0, false
local last_code, last_index = "", 0
function request()
  counter = counter + 1
  local mine = codes[tid]
  local index = math.floor((counter - 1) / 2) + 1
  if index > #mine then
    -- Out of codes: stop this till (the request returned is still sent; it changes nothing).
    if not out then
      out = true
      bench_counts["tills out of codes"] = (bench_counts["tills out of codes"] or 0) + 1
      wrk.thread:stop()
    end
    tag = 3
    return wrk.format("GET", "/healthz")
  end
  local code = mine[index]
  last_code, last_index = code, index
  local headers = {{["Authorization"] = auth[(tid - 1) % #auth + 1],
                    ["Content-Type"] = "application/json"}}
  local body = '{{"code":"' .. code .. '","credits":1}}'
  if counter % 2 == 1 then
    tag = 1
    return wrk.format("POST", "/v1/redemptions/validate", headers, body)
  end
  tag = 2
  headers["Idempotency-Key"] = run_id .. "-" .. tid .. "-" .. counter
  return wrk.format("POST", "/v1/redemptions", headers, body)
end
local function count(name)
  bench_counts[name] = (bench_counts[name] or 0) + 1
end
function response(status, headers, body)
  if tag == 3 then return end
  if tag == 1 then
    if status == 200 and body:find('"valid":%s*false') then
      count("validate said no: " .. (body:match('"reason":%s*"([^"]*)"') or "?"))
    end
    return
  end
  if status == 201 then
    sent[last_code] = (sent[last_code] or 0) + 1
    return
  end
  local problem = body:match('"code":%s*"([^"]*)"') or ("HTTP " .. status)
  local detail = body:match('"detail":%s*"([^"]*)"') or ""
  local before = sent[last_code] or 0
  count("refused: " .. status .. " " .. problem)
  if before > 0 then count("refused on a code this till had redeemed before") end
  sent[last_code] = before + 1
  if noted < 5 then
    noted = noted + 1
    bench_notes[#bench_notes + 1] = string.format(
      "till %d, its code #%d of %d (%s, redeemed here %d time(s) before): %d %s: %s",
      tid, last_index, #codes[tid], last_code, before, status, problem, detail)
  end
end
"""


def _cpu(load: Load) -> float:
    """Service and PostgreSQL CPU, ms per request."""
    return load.cpu_ms.get("service", 0.0) + load.cpu_ms.get("postgres", 0.0)


def main() -> int:
    p = harness.parser(__doc__.split("\n\n")[0], clients=16, seconds=15.0)
    p.add_argument("--organisations", type=int, default=8, help="earn partners (homes)")
    p.add_argument("--venues", type=int, default=4, help="spend partners")
    p.add_argument("--members", type=int, default=250, help="members per earn partner")
    p.add_argument("--rounds", type=int, default=1, help="earns, redemptions: N times")
    p.add_argument(
        "--codes", type=int, default=60_000, help="codes laid down before the run (all rounds)"
    )
    args = harness.check(p, p.parse_args())

    with Bench(args, "bench/redeem.py") as bench:
        url = bench.database("redeem")
        service = bench.serve(url)
        log(f"creating {args.organisations} earn partners, {args.venues} venues")
        partners = asyncio.run(build_network(
            url, service.base_url, bench.pepper, args.organisations, args.members, args.venues
        ))  # fmt: skip
        homes, venues = partners[: args.organisations], partners[args.organisations :]
        log(f"funding members and laying down {args.codes:,} codes")
        codes = asyncio.run(fund_and_lay_codes(url, service.base_url, homes, bench.pepper,
                                               args.codes))  # fmt: skip
        earn_lua = service_lua(homes, True)
        runs = share_codes(codes, args.rounds, args.warmup, args.seconds)
        ceiling = len(runs[1]) / args.seconds
        log(f"{len(runs[1]):,} codes per measured run: at most {ceiling:,.0f} redemptions/s "
            f"({ceiling / args.clients:,.0f} per till) before a till runs out")  # fmt: skip
        rounds: list[tuple[Load, Load]] = []
        for r in range(1, args.rounds + 1):
            e = bench.wrk(service, earn_lua, label=f"earns, round {r}")
            d = bench.wrk(
                service,
                desk_lua(venues, runs[2 * r - 1], args.clients),
                label=f"redemptions, round {r}",
                profiled=True,
                warmup_body=desk_lua(venues, runs[2 * r - 2], args.clients),
            )
            rounds.append((e, d))
            log(f"round {r}: {e.rate('201'):,.0f} earns/s, {d.rate('201'):,.0f} redemptions/s")
        clean = report(bench, rounds, args, len(runs[1]))
    if not clean:
        log("refusals, or a till out of codes: this run does not measure what it says")
    return 0 if clean else 1


def share_codes(codes: list[str], rounds: int, warmup: float, seconds: float) -> list[list[str]]:
    """Codes for each wrk run in turn (warm-up, measured, per round), disjoint, shared out
    by the runs' lengths: a code is sent once in the whole benchmark."""
    lengths = [length for _ in range(rounds) for length in (warmup, seconds)]
    total = sum(lengths)
    runs, start = [], 0
    for length in lengths:
        n = int(len(codes) * length / total)
        runs.append(codes[start : start + n])
        start += n
    return runs


def report(bench: Bench, rounds: list[tuple[Load, Load]], args, codes_per_run: int) -> bool:
    """The report; False if any redemption was refused or a till ran out of codes."""
    rows, costs = [], []
    for r, (e, d) in enumerate(rounds, 1):
        per_earn = _cpu(e)
        per_redemption = _cpu(d) * 2  # a validate and a redeem
        cost = per_redemption / per_earn if per_earn else 0.0
        costs.append(cost)
        rows.append([
            r, f"{e.rate('201'):,.0f}", triple(e), f"{d.rate('201'):,.0f}",
            triple(d), f"{per_earn:.2f}", f"{per_redemption:.2f}", f"**{cost:.2f}**",
        ])  # fmt: skip
    median = statistics.median(costs)
    lines = harness.table(
        ["round", "earns/s", "earn p50 / p95 / p99 ms", "redemptions/s",
         "request p50 / p95 / p99 ms", "CPU ms per earn", "CPU ms per redemption",
         "redemption / earn"], rows,
    )  # fmt: skip
    lines += ["", "CPU per request by process tree (ms), and what did not answer 2xx:", ""]
    lines += harness.table(
        ["run", "requests", "CPU ms per request", "machine busy", "not 2xx"],
        [[x.label, f"{x.requests:,}", harness.cpu_cell(x.cpu_ms), f"{x.busy_pct or 0:.0f}%",
          harness.errors_cell({k: v for k, v in x.errors("201").items() if k != "200"})]
         for pair in rounds for x in pair],
    )  # fmt: skip
    lines += ["", "Redemptions refused (409 and any other status), by problem code; validations "
              "that said no, by reason; tills that ran out of codes:", ""]  # fmt: skip
    refusals = [
        [d.label, f"{d.count('201', 'redeem'):,}",
         "; ".join(f"{k}: {v:,}" for k, v in sorted(d.counts.items())) or "none"]
        for _, d in rounds
    ]  # fmt: skip
    lines += harness.table(["run", "redeemed (201)", "refused / said no / out of codes"], refusals)
    notes = [n for _, d in rounds for n in d.notes]
    if notes:
        lines += ["", "First refusals (up to 5 per till):", ""] + [f"- {n}" for n in notes]
    clean = not any(d.counts for _, d in rounds)
    if not clean:
        lines += ["", "**Refusals or tills out of codes: this run does not measure what it "
                  "says (exit status 1).**"]  # fmt: skip
    lines += [
        "",
        f"{args.workers} workers, {args.clients} connections; earns as bench/earn.py sends "
        f"them ({args.organisations} partners x {args.members} members); redemptions: each "
        f"connection one of {args.venues} venues, validate then redeem 1 credit with a code "
        f"of its own ({codes_per_run:,} codes per measured run, each sent once). "
        f"CPU per operation: the service's and PostgreSQL's, per request, "
        f"doubled for a redemption's two requests. {args.warmup:g} s warm-up, "
        f"{args.seconds:g} s measured.",
        "",
        harness.target(
            f"a redemption (validate + redeem) costs <= {TARGET_EARNS:g} earns",
            median <= TARGET_EARNS,
            f"{'median ' if len(rounds) > 1 else ''}{median:.2f}",
        ),
    ]
    bench.emit(lines, {
        "rounds": [{"earns": e.summary("201"), "redemptions": d.summary("201"), "cost": c}
                   for (e, d), c in zip(rounds, costs, strict=True)],
        "median_cost_in_earns": median,
        "refusals": [d.counts for _, d in rounds],
    })  # fmt: skip
    return clean


if __name__ == "__main__":
    harness.run(main)
