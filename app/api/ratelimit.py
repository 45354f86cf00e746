"""A small per-client-IP token bucket for the public (keyless) endpoints.

Keyed endpoints need no such brake: a key identifies, and can be revoked. A public feed
can only tell clients apart by address, so each address gets a bucket of `per_minute`
tokens that refills continuously; a request takes one, an empty bucket is a 429 with
`Retry-After`.

The buckets live in this process: approximate by design. N instances (or uvicorn
workers) let a client through N times the limit, and a restart forgets every bucket. That
is enough to stop one client from hogging the feed; it is not a quota (docs/openreferral.md).
"""

import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from fastapi import Request

from app.services.errors import RateLimited

# Buckets kept at most; the least recently seen client is forgotten first (it comes back
# with a full bucket, which only ever errs towards letting a request through).
MAX_CLIENTS = 10_000


class TokenBucket:
    """One bucket per key: up to `per_minute` requests at once, then `per_minute` a minute."""

    def __init__(
        self,
        per_minute: int,
        *,
        max_clients: int = MAX_CLIENTS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self.per_minute = per_minute
        self.capacity = float(per_minute)
        self.refill_per_second = per_minute / 60
        self.max_clients = max_clients
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str) -> float:
        """Take a token for `key`: 0.0 when granted, else the seconds until one is due."""
        now = self._clock()
        tokens, stamp = self._buckets.pop(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - stamp) * self.refill_per_second)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.refill_per_second
        self._buckets[key] = (tokens, now)  # re-inserted last: the most recently seen
        while len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)
        return wait


def client_ip(request: Request) -> str:
    """The peer's address. Behind a proxy this is the client's only when uvicorn trusts the
    proxy's X-Forwarded-For (FORWARDED_ALLOW_IPS); we never read that header ourselves, as
    any client can send one."""
    return request.client.host if request.client else "unknown"


def per_client_ip(
    state_key: str, per_minute: Callable[[Request], int]
) -> Callable[[Request], Awaitable[None]]:
    """A dependency that spends one token of the caller's bucket or raises RateLimited.
    CORS preflights are free: a browser sends one before a script's own request, which
    pays.

    The bucket is made on first use from `per_minute(request)` (0: no limit) and kept on
    `app.state.<state_key>`, where a test may replace it."""

    async def dependency(request: Request) -> None:
        if request.method == "OPTIONS":
            return  # a browser's CORS preflight is not a request of the client's own
        state = request.app.state
        bucket: TokenBucket | None
        try:
            bucket = getattr(state, state_key)
        except AttributeError:
            limit = per_minute(request)
            bucket = TokenBucket(limit) if limit > 0 else None
            setattr(state, state_key, bucket)
        if bucket is None:
            return
        wait = bucket.take(client_ip(request))
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            raise RateLimited(
                f"at most {bucket.per_minute} requests a minute from one client; "
                f"retry after {seconds} s",
                retry_after=seconds,
            )

    return dependency
