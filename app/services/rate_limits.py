"""Per-key rate limits (issue 17): every API key has a budget of reads and one of writes a
minute, held across every worker and instance, at almost no cost per request.

The shared count lives in PostgreSQL, the only store the processes share
(`rate_limit_leases`, migration 0019): one row per key, kind and fixed one-minute window.
A process does not count each request there. It *leases* a slice of the window's budget
(`used = used + slice`, one statement on a connection of its own, never inside a write's
transaction, so the counter row never serializes writes) and spends the slice in memory;
when the slice runs low it leases the next in the background. A request waits for
PostgreSQL only when its process has no token left at all: the first request of a key in a
window, or one whose process ran dry faster than the background lease came back.

Accuracy. Leases never grant past the limit and a process spends only what it leased, so a
key never gets more than its budget in a window. What a window can lose is tokens leased
and not spent by the processes the key's requests stopped reaching: per process and kind at
most what is left of its slice plus one slice leased ahead, two slices in all. A slice is
0.5 % of the limit (at most 50), so a key served by up to ten processes gets between 90 %
and 100 % of its budget. Under 800 a minute a slice is 1 to 3 requests and nothing is
leased ahead: a process holds fewer than a slice unspent (at 1, none), and waits for a
lease once a slice, a round trip at a rate of at most 13 requests a second.

Windows are fixed UTC minutes (from the epoch, on the process's clock, which NTP keeps
within far less than a second of the others'). A client sees its whole budget come back on
the minute (`t` in the RateLimit header says when); the price of fixed windows is the usual
one: a budget spent at the end of one minute and another at the start of the next."""

import asyncio
import math
import time
from collections.abc import Callable

import asyncpg
import structlog

from app.services import unit_of_work
from app.services.errors import RateLimited

log = structlog.get_logger("timecredits.rate_limits")

WINDOW_SECONDS = 60
KINDS = ("reads", "writes")
# A slice is this share of the limit, within [1, MAX_SLICE]: small enough that unspent
# slices cost a few per cent of a budget, large enough that a busy key leases about once a
# second at most (50 requests a slice at 3,000 requests a minute).
SLICE_SHARE = 200
MAX_SLICE = 50
# Slices this small are not leased ahead: a token leased ahead may stay unspent.
LEASE_AHEAD_FROM = 4
# Buckets kept before those of ended windows are dropped.
MAX_BUCKETS = 10_000
# Old windows limit nothing; kept a few minutes for whoever reads the table by hand.
KEEP_SECONDS = 300

_LEASE = """
INSERT INTO rate_limit_leases AS l (api_key_id, kind, window_start, used)
VALUES ($1, $2, to_timestamp($3), $4)
ON CONFLICT (api_key_id, kind, window_start) DO UPDATE SET used = l.used + excluded.used
RETURNING used
"""
_PRUNE = "DELETE FROM rate_limit_leases WHERE window_start < now() - make_interval(secs => $1)"


class Verdict:
    """What one request learned of its key's budget: for the RateLimit headers and a 429.
    (A plain class: a frozen dataclass costs every request a microsecond more to build.)"""

    __slots__ = ("allowed", "key_id", "kind", "limit", "remaining", "reset", "window")

    def __init__(
        self,
        key_id: str,
        kind: str,
        limit: int,
        remaining: int,  # requests left in this window after this one, as far as known here
        reset: int,  # whole seconds until the window ends (at least 1)
        window: int,
        allowed: bool,
    ) -> None:
        self.key_id = key_id
        self.kind = kind
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
        self.window = window
        self.allowed = allowed

    def __repr__(self) -> str:
        return f"Verdict({self.kind} {self.limit}: {self.remaining} left, {self.reset} s)"

    def refusal(self) -> RateLimited:
        return RateLimited(
            f"this API key may make {self.limit} {self.kind} a minute; its budget comes back "
            f"in {self.reset} s",
            retry_after=self.reset,
        )


class _Bucket:
    """One key's budget of one kind in this process, for the window `window`."""

    __slots__ = ("ahead", "known_used", "leasing", "tokens", "window")

    def __init__(self, window: int) -> None:
        self.window = window
        self.tokens = 0  # leased, not yet spent, by this process
        self.known_used = 0  # the window's `used` after this process's last lease
        self.leasing: asyncio.Future[None] | None = None  # a request's lease, others wait
        self.ahead = False  # a background lease is on its way


class RateLimiter:
    """The budgets of this process: spends tokens in memory, leases slices from PostgreSQL."""

    def __init__(self, reads: int, writes: int, *, clock: Callable[[], float] = time.time):
        self.limits = {"reads": reads, "writes": writes}
        self._slices = {
            kind: max(1, min(limit // SLICE_SHARE, MAX_SLICE))
            for kind, limit in self.limits.items()
        }
        self._ahead = {kind: size >= LEASE_AHEAD_FROM for kind, size in self._slices.items()}
        self.clock = clock
        self._buckets: dict[tuple[str, str], _Bucket] = {}
        self._background: set[asyncio.Task[None]] = set()

    def enabled(self, kind: str) -> bool:
        return self.limits[kind] > 0

    def slice(self, kind: str) -> int:
        return self._slices[kind]

    def try_take(self, key_id: str, kind: str, pool: asyncpg.Pool | None) -> Verdict | None:
        """Spend one token of this process's slice: the verdict (refused when the window's
        budget is known to be spent), or None when a lease must come first (`take`). With
        a pool, leases the next slice in the background when this one runs low."""
        now = self.clock()
        bucket = self._bucket(key_id, kind, int(now // WINDOW_SECONDS))
        limit = self.limits[kind]
        if bucket.tokens > 0:
            bucket.tokens -= 1
            if pool is not None and self._ahead[kind] and self._low(bucket, kind):
                self._lease_ahead(pool, key_id, kind, bucket)
            return self._verdict(key_id, kind, bucket, now, allowed=True)
        if bucket.known_used >= limit:
            return self._verdict(key_id, kind, bucket, now, allowed=False)
        return None

    async def take(self, key_id: str, kind: str, db: asyncpg.Connection) -> Verdict:
        """Spend one token, leasing a slice on `db` (a connection the caller holds, outside
        any transaction) when this process has none; one lease at a time per bucket, the
        other requests wait for it."""
        while True:
            verdict = self.try_take(key_id, kind, None)
            if verdict is not None:
                return verdict
            bucket = self._bucket(key_id, kind, int(self.clock() // WINDOW_SECONDS))
            if bucket.leasing is not None:
                await asyncio.shield(bucket.leasing)
                continue
            bucket.leasing = asyncio.get_running_loop().create_future()
            try:
                await self._lease(db, key_id, kind, bucket)
            finally:
                bucket.leasing.set_result(None)
                bucket.leasing = None

    def give_back(self, verdict: Verdict) -> None:
        """Return a token spent by a request that turned out not to count (its key was
        revoked after this process cached it)."""
        bucket = self._buckets.get((verdict.key_id, verdict.kind))
        if verdict.allowed and bucket is not None and bucket.window == verdict.window:
            bucket.tokens += 1

    async def close(self) -> None:
        """Cancel background leases (the pool is about to close)."""
        for task in list(self._background):
            task.cancel()
        await asyncio.gather(*self._background, return_exceptions=True)

    def _bucket(self, key_id: str, kind: str, window: int) -> _Bucket:
        bucket = self._buckets.get((key_id, kind))
        if bucket is None or bucket.window != window:
            if bucket is None and len(self._buckets) >= MAX_BUCKETS:
                self._forget_ended(window)
            bucket = self._buckets[(key_id, kind)] = _Bucket(window)
        return bucket

    def _forget_ended(self, window: int) -> None:
        ended = [k for k, b in self._buckets.items() if b.window != window]
        for k in ended or list(self._buckets)[: MAX_BUCKETS // 2]:
            del self._buckets[k]

    def _low(self, bucket: _Bucket, kind: str) -> bool:
        """Time to lease ahead: half a slice or less left, more to be had, none on its way."""
        return (
            bucket.tokens <= self._slices[kind] // 2
            and not bucket.ahead
            and bucket.known_used < self.limits[kind]
        )

    def _lease_ahead(self, pool: asyncpg.Pool, key_id: str, kind: str, bucket: _Bucket) -> None:
        bucket.ahead = True

        async def lease() -> None:
            try:
                async with pool.acquire() as db:
                    await self._lease(db, key_id, kind, bucket)
            except (asyncpg.PostgresError, OSError, asyncpg.InterfaceError) as exc:
                # The next request that finds no token leases on its own connection.
                log.warning("rate limit lease failed", error=repr(exc))
            finally:
                bucket.ahead = False

        task = asyncio.get_running_loop().create_task(lease())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _lease(self, db: asyncpg.Connection, key_id: str, kind: str, bucket: _Bucket) -> None:
        """Lease a slice of the bucket's window from PostgreSQL, and keep what was granted
        (the limit minus what others leased before, at most the slice)."""
        want = self.slice(kind)
        limit = self.limits[kind]
        used = await db.fetchval(_LEASE, key_id, kind, bucket.window * WINDOW_SECONDS, want)
        if self._buckets.get((key_id, kind)) is not bucket:
            return  # the window ended while the lease was on its way: its tokens are void
        bucket.tokens += max(0, min(want, limit - (used - want)))
        bucket.known_used = max(bucket.known_used, used)

    def _verdict(
        self, key_id: str, kind: str, bucket: _Bucket, now: float, *, allowed: bool
    ) -> Verdict:
        limit = self.limits[kind]
        left = max(0, limit - bucket.known_used) + bucket.tokens if allowed else 0
        reset = max(1, math.ceil((bucket.window + 1) * WINDOW_SECONDS - now))
        return Verdict(key_id, kind, limit, min(left, limit), reset, bucket.window, allowed)


async def prune(db: asyncpg.Connection) -> int:
    """Forget the leases of windows that ended a while ago: they limit nothing any more."""
    async with unit_of_work.housekeeping(db):
        status = await db.execute(_PRUNE, KEEP_SECONDS)
    return int(status.split()[-1])
