"""Guessing card numbers, limited per API key (DESIGN §3: a venue can never find members by
trying numbers).

Each card number a key asks for that belongs to nobody counts as a miss in the current
window; past `MAX_MISSES` misses the key's look-ups are refused with 429 until the window
ends. Counted in PostgreSQL, so the limit holds whichever worker or instance a guesser
reaches. Right numbers and mistyped ones (a wrong check digit is a 422 before any look-up)
cost nothing: a desk that types cards all day never meets the limit, and one that typed
300 wrong but valid numbers has either a broken till or a guesser behind it."""

from datetime import datetime, timedelta

import asyncpg

from app.services import unit_of_work
from app.services.errors import RateLimited

WINDOW = timedelta(minutes=15)
MAX_MISSES = 100

_WINDOW_START = "to_timestamp(floor(extract(epoch FROM now()) / $2) * $2)"


def state_columns(key_id: str, window: str) -> str:
    """SQL columns: how many misses the key `key_id` has in the current window of `window`
    seconds (both SQL expressions), and when the window ends; `refuse_past_limit` reads
    them. A fragment, so a look-up can ask in the same statement (redemptions.py)."""
    start = _WINDOW_START.replace("$2", window)
    return f"""coalesce((SELECT misses FROM lookup_misses
                  WHERE api_key_id = {key_id} AND window_start = {start}), 0) AS misses,
       {start} + make_interval(secs => {window}) AS window_end, now() AS now"""


# How many misses this key has in the current window, and when the window ends.
_STATE = f"SELECT {state_columns('$1', '$2')}"

_MISS = f"""
INSERT INTO lookup_misses (api_key_id, window_start, misses)
VALUES ($1, {_WINDOW_START}, $3)
ON CONFLICT (api_key_id, window_start) DO UPDATE SET misses = lookup_misses.misses + $3
"""
_PRUNE = "DELETE FROM lookup_misses WHERE window_start < now() - make_interval(secs => $1)"


async def check(db: asyncpg.Connection, key_id: str | None) -> None:
    """Refuse the look-up (RateLimited) when this key has used up its misses."""
    if key_id is None:  # the CLI and tests acting without a key
        return
    refuse_past_limit(await db.fetchrow(_STATE, key_id, WINDOW.total_seconds()))


def refuse_past_limit(state: asyncpg.Record) -> None:
    """RateLimited when `state` (state_columns) says the key has used up its misses."""
    if state["misses"] >= MAX_MISSES:
        wait = _seconds_until(state["window_end"], state["now"])
        raise RateLimited(
            f"this API key asked for {MAX_MISSES} card numbers that belong to nobody within "
            f"{int(WINDOW.total_seconds() // 60)} minutes; look-ups resume in {wait} s",
            retry_after=wait,
        )


async def missed(db: asyncpg.Connection, key_id: str | None, count: int = 1) -> None:
    """Count `count` misses for this key, from a read (its own short transaction)."""
    if key_id is None or count < 1:
        return
    async with unit_of_work.housekeeping(db):
        await db.execute(_MISS, key_id, WINDOW.total_seconds(), count)


def missed_in(work: unit_of_work.Work, count: int = 1) -> None:
    """Count `count` misses for the caller's key from inside a write, which its refusal
    rolls back: the count is kept (Work.keep), so guessing through a write is limited too."""
    if work.caller.key_id is not None and count >= 1:
        work.keep(_MISS, work.caller.key_id, WINDOW.total_seconds(), count)


async def prune(db: asyncpg.Connection) -> int:
    """Forget windows that ended: they limit nothing any more."""
    async with unit_of_work.housekeeping(db):
        status = await db.execute(_PRUNE, WINDOW.total_seconds())
    return int(status.split()[-1])


def _seconds_until(end: datetime, now: datetime) -> int:
    return max(1, int((end - now).total_seconds() + 0.999))
