"""What one rate-limit lease costs: `app.services.rate_limits._LEASE` through asyncpg.

    .venv/bin/python bench/rate_limit_lease.py --calls 5000

One connection leases `--calls` times, first for one key (one row updated again and again),
then for as many keys as calls (a row each, as when many quiet keys each lease once a
minute). Per lease: wall time, the client's Python CPU (this process, asyncio as in the
benchmark's client, so an upper bound for the service's uvloop) and the PostgreSQL backend's
CPU (from /proc: the server must run on this machine). A busy key leases once per slice
(50 requests at large budgets); a key making a request or two a minute leases about once
per request, so this is what a request of such a key pays on top of its own work.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import asyncpg
import harness
from harness import Bench

from app.db import plain_url
from app.services.rate_limits import _LEASE


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(url: str, calls: int) -> list[list[str]]:
    db = await asyncpg.connect(plain_url(url))
    rows = []
    try:
        backend = await db.fetchval("SELECT pg_backend_pid()")
        for label, keys, window in (("one key", 1, 0), (f"{calls:,} keys", calls, 600)):
            start = int(time.time() // 60) * 60 + window
            await db.fetchval(_LEASE, "key_warm", "writes", start, 3)  # prepared once
            wall, cpu, pg = time.perf_counter(), time.process_time(), _cpu(backend)
            for i in range(calls):
                await db.fetchval(_LEASE, f"key_{i % keys}", "writes", start, 3)
            per = [
                (time.perf_counter() - wall) / calls * 1e6,
                (time.process_time() - cpu) / calls * 1e6,
                (_cpu(backend) - pg) / calls * 1e6,
            ]
            rows.append([label, *(f"{x:.0f}" for x in per)])
    finally:
        await db.close()
    return rows


def main() -> int:
    p = harness.parser(__doc__.split("\n\n")[0], clients=1, seconds=1.0)
    p.add_argument("--calls", type=int, default=5000, help="leases per measurement")
    args = harness.check(p, p.parse_args())
    with Bench(args, "bench/rate_limit_lease.py") as bench:
        rows = asyncio.run(measure(bench.database("lease"), args.calls))
        lines = harness.table(
            ["leases", "wall µs", "client Python CPU µs", "PostgreSQL CPU µs"], rows
        )
        bench.emit(lines, {"rows": rows})
    return 0


if __name__ == "__main__":
    harness.run(main)
