"""A member's PIN: what lets a venue's desk take credits by card (DESIGN §3: a card number
alone never moves credits).

The home organisation sets it (its app or its own desk, with the member present) and unlocks
the card after too many wrong tries. Stored as an scrypt hash with its own salt (RFC 7914;
stdlib, no native dependency): about 50 ms and 16 MB per check, so a stolen table cannot be
run through the 10^4–10^6 possible PINs quickly, and checked in a worker thread so the event
loop keeps serving. PUT is idempotent by nature and takes no Idempotency-Key: a stored
fingerprint of the request would be an unsalted, fast hash of the PIN."""

import asyncio
import hashlib
import hmac
import secrets

import asyncpg

from app.models.members import PinSet, PinUnlock
from app.services import members
from app.services.unit_of_work import Operation, Work

# Wrong PINs in a row that lock the card until its home organisation unlocks it.
MAX_FAILURES = 5
_N, _R, _P = 2**14, 8, 1  # scrypt cost: 16 MB, ~50 ms here


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def matches(pin: str, stored: str) -> bool:
    """Constant-time comparison of a PIN against its stored hash (any cost it was made with)."""
    _, n, r, p, salt, digest = stored.split("$")
    got = hashlib.scrypt(
        pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(got, bytes.fromhex(digest))


async def _set(work: Work, body: PinSet) -> None:
    await members.home_row(work.db, work.caller, body.member_id)
    hashed = await asyncio.to_thread(hash_pin, body.pin.get_secret_value())
    await work.db.execute(
        """UPDATE members SET pin_hash = $2, pin_failures = 0, pin_locked_at = NULL
            WHERE id = $1""",
        body.member_id,
        hashed,
    )


async def _unlock(work: Work, body: PinUnlock) -> None:
    await members.home_row(work.db, work.caller, body.member_id)
    await work.db.execute(
        "UPDATE members SET pin_failures = 0, pin_locked_at = NULL WHERE id = $1", body.member_id
    )


set_pin = Operation("members.pin.set", _set, None, status=204)
unlock = Operation("members.pin.unlock", _unlock, None, status=204)


# A wrong PIN: counted, and the card locked at MAX_FAILURES, whatever the refused write does.
WRONG = """UPDATE members SET pin_failures = pin_failures + 1,
                  pin_locked_at = coalesce(pin_locked_at,
                                           CASE WHEN pin_failures + 1 >= $2 THEN now() END)
            WHERE id = $1"""
RIGHT = "UPDATE members SET pin_failures = 0 WHERE id = $1 AND pin_failures > 0"


async def attempt(
    row: asyncpg.Record, pin: str
) -> tuple[str | None, tuple[str, tuple[object, ...]] | None]:
    """A desk's PIN for the member `row` (with pin_hash, pin_locked_at, member_id): None if
    right, else why not (`no_pin` yet, `card_locked`, or `wrong_pin`); and the statement
    that must persist the outcome (count a wrong PIN, clear the count on a right one), for
    the caller to run even if it refuses the redemption."""
    if row["pin_hash"] is None:
        return "no_pin", None
    if row["pin_locked_at"] is not None:
        return "card_locked", None
    if await asyncio.to_thread(matches, pin, row["pin_hash"]):
        return None, (RIGHT, (row["member_id"],))
    return "wrong_pin", (WRONG, (row["member_id"], MAX_FAILURES))
