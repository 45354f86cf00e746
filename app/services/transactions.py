"""Running a whole operation's transaction again when PostgreSQL aborted it to break a
deadlock (or could not serialise it).

Accounts are always locked in id order (ledger_move), but an Idempotency-Key is a lock too,
taken first on the generic write path (app/api/responses.py claims it, then moves credits)
and last by the earning's one statement (it moves credits, then stores the key with the
response). An earning and another write sharing one key on one wallet can therefore wait
for each other; PostgreSQL aborts one of them after deadlock_timeout. The victim holds
nothing any more, so running it again from the start gives the answer it should have had:
here the other request's replay, or 422 idempotency_key_reused. DESIGN §2: a deadlock
never reaches the client."""

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

import asyncpg
import structlog

from app.services.errors import Conflict

T = TypeVar("T")

log = structlog.get_logger("timecredits.transactions")

# Errors after which the whole transaction may simply run again: it was rolled back, and
# whatever it waited for has moved on.
RETRYABLE = (asyncpg.DeadlockDetectedError, asyncpg.SerializationError)
ATTEMPTS = 3


async def retrying(operation: Callable[[], Awaitable[T]], *, attempts: int = ATTEMPTS) -> T:
    """`operation()` must open (and so roll back) its own transaction. Bounded: after
    `attempts` victims in a row, a 409 conflict asks the client to retry, never a 500."""
    for attempt in range(1, attempts + 1):
        try:
            return await operation()
        except RETRYABLE as exc:
            log.info("transaction retried", error=type(exc).__name__, attempt=attempt)
            if attempt == attempts:
                raise Conflict(
                    "this request kept colliding with concurrent ones; retry it"
                ) from exc
            # A few milliseconds, jittered: the winner commits, and two victims of one
            # another do not collide again in lockstep.
            await asyncio.sleep(random.uniform(0, 0.01 * attempt))
    raise AssertionError("unreachable")  # pragma: no cover
