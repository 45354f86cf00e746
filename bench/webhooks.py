"""Webhooks: events delivered per second to a local receiver, and the lag from commit to
delivery, while earns run at half the earn benchmark's rate; and the earn rate with the
dispatcher on against off.

    .venv/bin/python bench/webhooks.py --seconds 15

The service (2 workers: two dispatchers, sharing the work by FOR UPDATE SKIP LOCKED) and the
network of bench/earn.py (8 earn partners x 250 members). The receiver is a threaded
HTTP/1.1 server in this process on 127.0.0.1 (TIMECREDITS_WEBHOOKS_ALLOW_PRIVATE=1); each
partner has one endpoint for `earning.created`. Runs, in order:

1. dispatcher off (TIMECREDITS_WEBHOOKS_DISPATCH=0), no endpoints: earns as fast as wrk can
   (bench/earn.py's requests): the earn rate R; then paced at R/2;
2. dispatcher on, endpoints registered: the same, the earn rate with webhooks on (target:
   within 10 % of R), every earn delivered;
3. dispatcher on, earns paced at R/2 (wrk's delay()): the earn rate against 1's paced one
   (target: within 10 %), deliveries per second and the lag of each event from its
   `created_at` (the earning's statement, which commits at once) to its arrival at the
   receiver, p50/p99 (target p99 <= 1 s).

The machine is shared and drifts: compare runs 1 and 2 of one invocation, and repeat.
With --profile DIR, py-spy records the service's workers in the two paced runs (off and on):
the difference is where a delivery's CPU goes in the service.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import asyncpg
import harness
from earn import build_network, service_lua, triple
from harness import Bench, Load, log

from app import db as dbmod
from app.ids import new_id
from app.services import webhooks

TARGET_P99_S, TARGET_RATE_LOSS = 1.0, 0.10


class Receiver:
    """Answers 204 at once; records each event's lag (arrival - created_at) and arrival."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.arrivals: list[tuple[float, float]] = []  # (arrival, lag seconds)
        self.ids: set[str] = set()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                now = time.time()
                self.send_response(204)
                self.send_header("content-length", "0")
                self.end_headers()
                created = datetime.fromisoformat(json.loads(body)["created_at"]).timestamp()
                with receiver.lock:
                    receiver.arrivals.append((now, now - created))
                    receiver.ids.add(self.headers.get("webhook-id", ""))

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def between(self, start: float, end: float) -> list[float]:
        """Lags of events created in [start, end)."""
        with self.lock:
            return sorted(lag for at, lag in self.arrivals if start <= at - lag < end)

    def count(self) -> int:
        with self.lock:
            return len(self.arrivals)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


async def register(url: str, pepper: str, partner_ids: list[str], target: str) -> int:
    """One endpoint per partner, as POST /v1/webhook-endpoints stores it; the last event's
    seq before them (an earning's event after it is one delivery: its partner's)."""
    conn = await asyncpg.connect(dbmod.plain_url(url))
    try:
        last: int = await conn.fetchval("SELECT coalesce(max(seq), 0) FROM events")
        for org in partner_ids:
            endpoint_id = new_id("whe")
            _, key = webhooks.new_secret()
            await conn.execute(
                """INSERT INTO webhook_endpoints (id, organisation_id, url, event_types, secret)
                   VALUES ($1, $2, $3, '{earning.created}', $4)""",
                endpoint_id,
                org,
                target,
                webhooks.seal(key, endpoint_id, pepper.encode()),
            )
        return last
    finally:
        await conn.close()


async def pending(url: str, after_seq: int) -> int:
    """Earnings since the endpoints were made not yet delivered."""
    conn = await asyncpg.connect(dbmod.plain_url(url))
    try:
        return await conn.fetchval(
            "SELECT (SELECT count(*) FROM events WHERE type = 'earning.created' AND seq > $1)"
            " - (SELECT count(*) FROM webhook_deliveries WHERE status = 'succeeded')",
            after_seq,
        )
    finally:
        await conn.close()


def drain(url: str, after_seq: int, seconds: float = 120.0) -> float:
    """Wait until every earning is delivered; how long it took."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if asyncio.run(pending(url, after_seq)) <= 0:
            break
        time.sleep(0.5)
    return time.monotonic() - start


def paced(body: str, clients: int, rate: float) -> str:
    """The same requests, each connection sending on a fixed schedule so that all of them
    send `rate`/s (wrk's delay(): the wait until this connection's next slot; none when
    behind, so a slow stretch catches up)."""
    interval_us = 1e6 * clients / rate
    return (
        body
        + f"""
local bench_interval_us, bench_next_us = {interval_us:.1f}, nil
function delay()
  local now = bench_now_us()
  if bench_next_us == nil then bench_next_us = now end
  local wait = (bench_next_us - now) / 1000
  bench_next_us = bench_next_us + bench_interval_us
  if wait < 0 then return 0 end
  return math.floor(wait)
end
"""
    )


def pct(values: list[float], p: float) -> float | None:
    return harness.percentile(values, p) if values else None


def main() -> int:
    p = harness.parser(__doc__.split("\n\n")[0], clients=16, seconds=15.0)
    p.add_argument("--organisations", type=int, default=8, help="earn partners")
    p.add_argument("--members", type=int, default=250, help="members per organisation")
    args = harness.check(p, p.parse_args())
    base_env = list(args.env)
    receiver = Receiver()

    with Bench(args, "bench/webhooks.py") as bench:
        bench.defer(receiver.stop, "receiver")
        url = bench.database("webhooks")
        args.env = [*base_env, ("TIMECREDITS_WEBHOOKS_DISPATCH", "0")]
        service = bench.serve(url)
        log(f"creating {args.organisations} earn partners with {args.members} members each")
        partners = asyncio.run(build_network(
            url, service.base_url, bench.pepper, args.organisations, args.members
        ))  # fmt: skip
        earn_lua = service_lua(partners, True)
        off = bench.wrk(service, earn_lua, label="earns, dispatcher off")
        rate = off.rate("201") / 2
        half_lua = paced(earn_lua, args.clients, rate)
        half_off = bench.wrk(
            service, half_lua, label=f"earns paced at {rate:,.0f}/s, off", profiled=True
        )
        bench.stop(service)

        first = asyncio.run(register(url, bench.pepper, [p.id for p in partners], receiver.url))
        args.env = [
            *base_env,
            ("TIMECREDITS_WEBHOOKS_DISPATCH", "1"),
            ("TIMECREDITS_WEBHOOKS_ALLOW_PRIVATE", "1"),
        ]
        service = bench.serve(url)
        start = time.time()
        on = bench.wrk(service, earn_lua, label="earns, dispatcher on")
        full_lags = receiver.between(start, time.time())
        drained = drain(url, first)
        log(f"backlog delivered {drained:.1f} s after the full-rate run")

        before, start = receiver.count(), time.time()
        half = bench.wrk(
            service, half_lua, label=f"earns paced at {rate:,.0f}/s, on", profiled=True
        )
        end = time.time()
        drain(url, first, 30.0)
        lags = receiver.between(start, end)
        delivered = receiver.count() - before
        report(bench, args, (off, half_off), on, half, lags, full_lags, delivered, end - start,
               rate)  # fmt: skip
    return 0


def report(
    bench: Bench,
    args,
    offs: tuple[Load, Load],
    on: Load,
    half: Load,
    lags: list[float],
    full_lags: list[float],
    delivered: int,
    seconds: float,
    rate: float,
) -> None:
    off, half_off = offs
    loss = 1 - on.rate("201") / off.rate("201") if off.rate("201") else 1.0
    half_loss = 1 - half.rate("201") / half_off.rate("201") if half_off.rate("201") else 1.0
    p50, p99 = pct(lags, 50), pct(lags, 99)

    def ms(v: float | None) -> str:
        return "-" if v is None else f"{v * 1000:,.0f}"

    lines = harness.table(
        ["run", "earns/s", "earn p50 / p95 / p99 ms", "events delivered", "lag p50 / p99 ms"],
        [
            ["dispatcher off", f"{off.rate('201'):,.0f}", triple(off), "-", "-"],
            [f"dispatcher off, paced at {rate:,.0f}/s", f"{half_off.rate('201'):,.0f}",
             "(paced)", "-", "-"],
            ["dispatcher on, full rate", f"{on.rate('201'):,.0f}", triple(on),
             f"{len(full_lags):,}", f"{ms(pct(full_lags, 50))} / {ms(pct(full_lags, 99))}"],
            [f"dispatcher on, paced at {rate:,.0f}/s", f"{half.rate('201'):,.0f}", "(paced)",
             f"{len(lags):,} ({delivered / seconds:,.0f}/s)", f"{ms(p50)} / {ms(p99)}"],
        ],
    )  # fmt: skip
    lines += ["", "CPU per request by process tree (ms), and what did not answer 2xx:", ""]
    lines += harness.table(
        ["run", "requests", "CPU ms per request", "machine busy", "not 2xx"],
        [[x.label, f"{x.requests:,}", harness.cpu_cell(x.cpu_ms), f"{x.busy_pct or 0:.0f}%",
          harness.errors_cell(x.errors("201"))] for x in (off, half_off, on, half)],
    )  # fmt: skip
    lines += [
        "",
        f"{args.workers} workers (a dispatcher each), {args.clients} connections; "
        f"{args.organisations} partners x {args.members} members, one endpoint each for "
        f"earning.created, on a receiver in the benchmark's process. Lag: arrival at the "
        f"receiver minus the event's created_at. {args.warmup:g} s warm-up, "
        f"{args.seconds:g} s measured per run.",
        "",
        harness.target(
            f"p99 lag <= {TARGET_P99_S:g} s at half the earn rate",
            p99 is not None and p99 <= TARGET_P99_S,
            f"{ms(p99)} ms",
        ),
        harness.target(
            f"earn rate with webhooks on within {TARGET_RATE_LOSS:.0%} of off, paced at half",
            half_loss <= TARGET_RATE_LOSS,
            f"{-half_loss:+.1%}",
        ),
        harness.target(
            f"earn rate with webhooks on within {TARGET_RATE_LOSS:.0%} of off, flat out",
            loss <= TARGET_RATE_LOSS,
            f"{-loss:+.1%}",
        ),
    ]
    bench.emit(lines, {
        "off": off.summary("201"), "on": on.summary("201"), "paced": half.summary("201"),
        "lag_p50_s": p50, "lag_p99_s": p99, "delivered_per_s": delivered / seconds,
        "rate_change": -loss, "paced_rate_change": -half_loss,
    })  # fmt: skip


if __name__ == "__main__":
    harness.run(main)
