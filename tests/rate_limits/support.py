"""Small budgets and a clock the test moves, swapped into the session's app for one test."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from fastapi import FastAPI

from app.services.rate_limits import WINDOW_SECONDS, RateLimiter

# 20 s into a window: t is 40 until the test moves the clock.
START = 1_800_000_000.0 - 1_800_000_000.0 % WINDOW_SECONDS + 20

_CURRENT = re.compile(r'^"(reads|writes)";r=(\d+);t=(\d+)$')
_POLICY = re.compile(r'^"(reads|writes)";q=(\d+);w=(\d+)$')


class Clock:
    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@contextmanager
def budgets(app: FastAPI, reads: int, writes: int, clock: Clock) -> Iterator[RateLimiter]:
    """The app's limiter replaced by one with these budgets, for the `with` block."""
    before = app.state.rate_limiter
    limiter = RateLimiter(reads, writes, clock=clock)
    app.state.rate_limiter = limiter
    try:
        yield limiter
    finally:
        app.state.rate_limiter = before


def limit_of(r: httpx.Response) -> tuple[str, int, int, int]:
    """(kind, quota, remaining, seconds to reset) from the answer's headers, checked against
    the draft's syntax; the two headers name the same policy."""
    policy = _POLICY.fullmatch(r.headers["ratelimit-policy"])
    current = _CURRENT.fullmatch(r.headers["ratelimit"])
    assert policy and current, dict(r.headers)
    assert policy[1] == current[1], dict(r.headers)
    assert int(policy[3]) == WINDOW_SECONDS
    return policy[1], int(policy[2]), int(current[2]), int(current[3])


def no_limit_headers(r: httpx.Response) -> bool:
    return "ratelimit" not in r.headers and "ratelimit-policy" not in r.headers
