"""Redemption codes: how a venue takes a member's credits at the desk (DESIGN §3: a venue
debits a member only by redeeming an authorisation the member holds, never by knowing a
member id or card number).

The member's home organisation issues a code for them (its app shows it large or reads it
out, or shows the token as a QR code). The code is 8 random symbols of Crockford's base 32
(no I, L, O or U; 40 bits) and a check symbol, so a mistyped code is told apart from a
guess; it is stored only as an HMAC keyed with the service's pepper. The token carries the
code's id, signed (app/services/signing.py) so a desk can check it offline. A code pays
once: its row is locked before it is used, and a redemption's `code_id` is unique.

Wrong guesses (a well-formed code or a genuine-looking token that matches nothing) count
against the asking key like card numbers do (guesses.py)."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime

import asyncpg

from app.auth.caller import Caller, ensure_role
from app.ids import new_id
from app.models.directory import WEEKDAYS
from app.models.ledger import TransferReversal
from app.models.money import from_hundredths, to_hundredths
from app.models.redemptions import (
    Reason,
    RedemptionCheck,
    RedemptionCodeCreated,
    RedemptionCodeIssue,
    RedemptionDay,
    RedemptionRead,
    RedemptionRefund,
    RedemptionRequest,
    RedemptionSummary,
)
from app.services import (
    events,
    guesses,
    idempotency,
    keys,
    ledger,
    members,
    pagination,
    pins,
    signing,
    sqljson,
    unit_of_work,
)
from app.services.errors import Conflict, NotFound, RedemptionRefused, Unauthenticated
from app.services.unit_of_work import Env, Operation, Work

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})
PAYLOAD = 8
TOKEN_TYPE = "redemption_code"


_DETAILS: dict[Reason, str] = {
    "unknown": "no redemption code matches; check it with the member",
    "expired": "this redemption code has expired; the member can ask for a new one",
    "already_used": "this redemption code has already been used",
    "over_cap": "the amount is over the most this code may pay",
    "insufficient_credits": "the member does not hold enough credits for this amount",
    "no_pin": "this card has no PIN yet: the member's home organisation sets one",
    "card_locked": "this card is locked after wrong PINs: the member's home organisation "
    "unlocks it",
    "wrong_pin": "wrong PIN for this card; a few more wrong ones lock it",
    "offer_unavailable": "no such offer of yours that can be redeemed today",
    "not_today": "this offer cannot be redeemed on this day of the week",
    "under_age": "the member is under this offer's minimum age, or their age is not known",
    "weekly_limit": "the member has had this offer as often as it allows in 7 days",
}


def _check_symbol(payload: str) -> str:
    total = sum((i + 1) * ALPHABET.index(c) for i, c in enumerate(payload))
    return ALPHABET[total % 31]


def new_code() -> str:
    payload = "".join(secrets.choice(ALPHABET) for _ in range(PAYLOAD))
    return payload + _check_symbol(payload)


def normalise(raw: str) -> str | None:
    """The code's 9 symbols as typed (any case, spaces and hyphens, O for 0, I or L for 1),
    or None when it cannot be a code (wrong length, symbol or check symbol)."""
    code = raw.upper().translate(_READ_AS)
    if len(code) != PAYLOAD + 1 or any(c not in ALPHABET for c in code):
        return None
    return code if _check_symbol(code[:-1]) == code[-1] else None


def display(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def code_hash(env: Env, code: str) -> bytes:
    return hmac.new(env.pepper, b"redemption-code:" + code.encode(), hashlib.sha256).digest()


_INSERT = """
INSERT INTO redemption_codes (id, member_id, organisation_id, code_hash, max_credits, expires_at)
VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))
RETURNING expires_at, created_at
"""


async def _issue(work: Work, body: RedemptionCodeIssue) -> RedemptionCodeCreated:
    """A code for one of the caller's own members (the home organisation acts for them)."""
    await members.home_row(work.db, work.caller, body.member_id)
    code, cid = new_code(), new_id("rdc")
    cap = None if body.max_credits is None else to_hundredths(body.max_credits)
    row = await work.db.fetchrow(
        _INSERT,
        cid,
        body.member_id,
        work.caller.organisation_id,
        code_hash(work.env, code),
        cap,
        float(body.expires_in),
    )
    token = await signing.sign(
        work.db,
        work.env,
        {"typ": TOKEN_TYPE, "sub": cid, "exp": int(row["expires_at"].timestamp())},
    )
    return RedemptionCodeCreated(
        id=cid,
        code=display(code),
        token=token,
        member_id=body.member_id,
        max_credits=None if cap is None else from_hundredths(cap),
        expires_at=row["expires_at"],
        created_at=row["created_at"],
    )


issue_code = Operation("redemption_codes.create", _issue, RedemptionCodeCreated)


@dataclass(frozen=True, slots=True)
class _Found:
    """A code's row joined with its member, and why it cannot pay (None: it can)."""

    row: asyncpg.Record | None
    reason: Reason | None
    amount: int = 0  # what it would take, in hundredths
    # What must persist whatever the answer: a PIN's outcome (pins.attempt).
    kept: tuple[str, tuple[object, ...]] | None = None
    missed: bool = False  # a guess that matched nothing: to count against the key
    # The look-up's row: the key's state, and (asked for by the fast redemption) the
    # Idempotency-Key's prior answer and the venue's account.
    looked: asyncpg.Record | None = None
    # The offer limits the member's redemptions a week: an answer that holds only while
    # the member's row is locked (the general path's).
    weekly: bool = False


_FIND = """
SELECT c.id, c.member_id, c.max_credits, c.expires_at <= now() AS expired, c.used_at,
       m.display_name, m.account_id, m.home_organisation_id, m.programme_id, a.balance,
       m.year_of_birth
  FROM redemption_codes c JOIN members m ON m.id = c.member_id
  JOIN accounts a ON a.id = m.account_id
 WHERE {where}
"""


def _look_up(where: str, lock: bool) -> str:
    """One statement for whatever a desk sends: the code's row with its member's (`where`:
    $1 is the code's hash or the token's code id; none for a card), the asking key's
    misses ($2 the key, $3 the window) and whether it is live (touched, as the key look-up
    does: the hot path, app/api/hot.py, found the key in its cache), and the
    Idempotency-Key's prior answer ($4 the caller's organisation, $5 the key: the fast
    redemption's) with the venue's account. `lock`: the code's and member's rows, for a
    redemption (a code pays once, and a member's redemptions of an offer are counted one at
    a time; NO KEY: foreign-key checks on the member go on)."""
    found = _FIND.format(where=where) + (" FOR NO KEY UPDATE OF c, m" if lock else "")
    return f"""
WITH {keys.live_ctes("$2::text")}
SELECT found.*, {guesses.state_columns("$2::text", "$3::float8")},
       (SELECT live FROM key) AS key_live, prior.fingerprint, prior.status_code,
       prior.response_body, venue.id AS venue_account_id
  FROM (VALUES (1)) AS one
  LEFT JOIN ({found}) AS found ON true
  LEFT JOIN idempotency_keys prior ON prior.organisation_id = $4 AND prior.key = $5
  LEFT JOIN accounts venue ON venue.kind = 'organisation' AND venue.owner_id = $4
"""


# By the code's hash, by the token's code id, or no code (a card, or what cannot be one):
# for a look-up (False) and a redemption (True).
_BY_HASH = {lock: _look_up("c.code_hash = $1::bytea", lock) for lock in (False, True)}
_BY_ID = {lock: _look_up("c.id = $1::text", lock) for lock in (False, True)}
_NO_CODE = _look_up("$1::text IS NOT NULL AND false", False)
# A card and PIN: the same columns, with no code behind them.
_BY_CARD = """
SELECT NULL::text AS id, m.id AS member_id, NULL::bigint AS max_credits, false AS expired,
       NULL::timestamptz AS used_at, m.display_name, m.account_id, m.home_organisation_id,
       m.programme_id, a.balance, m.year_of_birth, m.pin_hash, m.pin_locked_at
  FROM members m JOIN accounts a ON a.id = m.account_id
 WHERE m.card_number = $1
"""


# One of the venue's own offers that can be redeemed today: its prices and restrictions.
_OFFER = """
SELECT price, child_price, restrictions FROM listings
 WHERE id = $1 AND kind = 'offer' AND organisation_id = $2 AND archived_at IS NULL
   AND $3::date BETWEEN coalesce(valid_from, '-infinity') AND coalesce(valid_until, 'infinity')
"""
# The member's redemptions of the offer in the last 7 days, refunded ones left out.
_THIS_WEEK = """
SELECT count(*) FROM redemptions r
 WHERE r.member_id = $1 AND r.offer_id = $2 AND r.created_at > now() - interval '7 days'
   AND NOT EXISTS (SELECT 1 FROM transfers rv WHERE rv.reverses_id = r.transfer_id)
"""


async def _find(
    db: asyncpg.Connection,
    env: Env,
    caller: Caller,
    body: RedemptionRequest,
    *,
    lock: bool,
    key: str | None = None,
) -> _Found:
    """The code (or card) the desk was given, what it would take (an amount, or the
    venue's offer for the party), and whether it can pay that. A guess that matches nothing
    counts against the key (and is refused once it has guessed enough)."""
    digits = None
    if body.card_number is not None:
        digits = members.card_digits(body.card_number)  # a typo is a 422, not a guess
    sql, arg, early = _NO_CODE, None, None
    if body.code is not None:
        code = normalise(body.code)
        if code is None:  # mistyped: the check symbol says so; no guess was made
            early = "unknown"
        else:
            sql, arg = _BY_HASH[lock], code_hash(env, code)
    elif body.token is not None:
        try:
            claims = await signing.verify(db, body.token)
        except signing.InvalidToken as exc:
            claims, early = None, ("expired" if exc.reason == "expired" else None)
        if claims is not None and claims.get("typ") == TOKEN_TYPE:
            sql, arg = _BY_ID[lock], str(claims.get("sub"))
    looked = await db.fetchrow(
        sql, arg, caller.key_id, guesses.WINDOW.total_seconds(), caller.organisation_id, key
    )
    if caller.key_id is not None and not looked["key_live"]:
        raise Unauthenticated("the API key is unknown or revoked")
    guesses.refuse_past_limit(looked)
    today = env.clock.today()
    offer = None
    if body.offer_id is not None:
        offer = await db.fetchrow(_OFFER, body.offer_id, caller.organisation_id, today)
        if offer is None:
            return _Found(None, "offer_unavailable", looked=looked)
        child = offer["child_price"] or offer["price"]
        amount = body.adults * offer["price"] + body.children * child
    else:
        amount = to_hundredths(body.credits or 0)
    if early is not None:
        return _Found(None, early, amount, looked=looked)
    row, kept = (looked if looked["id"] is not None else None), None
    if digits is not None:
        row = await db.fetchrow(_BY_CARD + (" FOR NO KEY UPDATE OF m" if lock else ""), digits)
        if row is not None:
            reason, kept = await pins.attempt(row, body.pin.get_secret_value() if body.pin else "")
            if reason is not None:
                return _Found(row, reason, amount, kept, looked=looked)
    if row is None:
        return _Found(None, "unknown", amount, missed=True, looked=looked)
    reason = await _refusal(db, row, amount, body, offer, today)
    rules = (offer["restrictions"] if offer else None) or {}
    weekly = rules.get("max_per_member_per_week") is not None
    return _Found(row, reason, amount, kept, looked=looked, weekly=weekly)


async def _refusal(
    db: asyncpg.Connection,
    row: asyncpg.Record,
    amount: int,
    body: RedemptionRequest,
    offer: asyncpg.Record | None,
    today: date,
) -> Reason | None:
    """Why the member's authorisation cannot pay this (None: it can), in the order a desk
    would want to hear it."""
    if row["expired"]:
        return "expired"
    if row["used_at"] is not None:
        return "already_used"
    rules = (offer["restrictions"] if offer else None) or {}
    if rules.get("days") and WEEKDAYS[today.weekday()] not in rules["days"]:
        return "not_today"
    if rules.get("min_age") is not None:
        born = row["year_of_birth"]
        if born is None or today.year - born < rules["min_age"]:
            return "under_age"
    if rules.get("max_per_member_per_week") is not None:
        used = await db.fetchval(_THIS_WEEK, row["member_id"], body.offer_id)
        if used >= rules["max_per_member_per_week"]:
            return "weekly_limit"
    if row["max_credits"] is not None and amount > row["max_credits"]:
        return "over_cap"
    if row["balance"] < amount:
        return "insufficient_credits"
    return None


async def validate(
    db: asyncpg.Connection, env: Env, caller: Caller, body: RedemptionRequest
) -> RedemptionCheck:
    """Whether the code can pay this amount, and the member's initials; changes nothing
    (but a guess's count). For venues, as redeeming is."""
    ensure_role(caller, "spend_partner")
    found = await _find(db, env, caller, body, lock=False)
    if found.missed:
        await guesses.missed(db, caller.key_id)
    if found.kept is not None:  # a PIN tried here counts as at the till
        async with unit_of_work.housekeeping(db):
            await db.execute(found.kept[0], *found.kept[1])
    return RedemptionCheck(
        valid=found.reason is None,
        reason=found.reason,
        credits=from_hundredths(found.amount),
        member_initials=None if found.row is None else members.initials(found.row["display_name"]),
    )


_RECORD = """
WITH used AS (
    UPDATE redemption_codes SET used_at = now() WHERE id = $3 AND used_at IS NULL RETURNING id
)
INSERT INTO redemptions (id, organisation_id, member_id, code_id, transfer_id, credits,
                         offer_id, adults, children)
SELECT $1, $2, $4, used.id, $5, $6, $7, $8, $9 FROM used
RETURNING created_at
"""


_RECORD_CARD = """
INSERT INTO redemptions (id, organisation_id, member_id, code_id, transfer_id, credits,
                         offer_id, adults, children)
VALUES ($1, $2, $4, $3, $5, $6, $7, $8, $9)
RETURNING created_at
"""


async def _redeem(work: Work, body: RedemptionRequest) -> RedemptionRead:
    """Take the credits (member → the calling venue) with the member's code, once."""
    ensure_role(work.caller, "spend_partner")
    found = await _find(work.db, work.env, work.caller, body, lock=True)
    if found.missed:
        guesses.missed_in(work)
    if found.kept is not None:
        if found.reason is None:
            await work.db.execute(found.kept[0], *found.kept[1])
        else:
            work.keep(found.kept[0], *found.kept[1])
    if found.reason is not None or found.row is None:
        reason = found.reason or "unknown"
        raise RedemptionRefused(reason, _DETAILS[reason])
    row, amount = found.row, found.amount
    transfer = await ledger.redeem(work, member=row, amount=amount, metadata=_metadata(row, body))
    rid = new_id("rdm")
    created_at = await work.db.fetchval(
        _RECORD if row["id"] is not None else _RECORD_CARD,
        rid,
        work.caller.organisation_id,
        row["id"],
        row["member_id"],
        transfer.id,
        amount,
        body.offer_id,
        *((body.adults, body.children) if body.offer_id else (None, None)),
    )
    if created_at is None:  # cannot happen: the row is locked and was unused
        raise RedemptionRefused("already_used", _DETAILS["already_used"])
    redemption = _redemption(work, body, row, rid, transfer.id, amount, created_at)
    work.record(
        "redemption.completed",
        redemption,
        resource_id=rid,
        audience=(work.caller.organisation_id, row["home_organisation_id"]),
        at=created_at,
    )
    return redemption


def _metadata(row: asyncpg.Record, body: RedemptionRequest) -> dict[str, str]:
    """The redemption transfer's metadata: what made it, without the absent (as ledger.post
    stores any transfer's)."""
    made = {
        "redemption_code_id": row["id"],
        "by": "code" if row["id"] else "card and PIN",
        "offer_id": body.offer_id,
    }
    return {k: v for k, v in made.items() if v is not None}


def _redemption(
    work: Work,
    body: RedemptionRequest,
    row: asyncpg.Record,
    rid: str,
    transaction_id: str,
    amount: int,
    created_at: datetime,
) -> RedemptionRead:
    return RedemptionRead(
        id=rid,
        transaction_id=transaction_id,
        organisation_id=work.caller.organisation_id,
        member_id=row["member_id"],
        member_initials=members.initials(row["display_name"]),
        code_id=row["id"],
        offer_id=body.offer_id,
        adults=body.adults if body.offer_id else None,
        children=body.children if body.offer_id else None,
        credits=from_hundredths(amount),
        created_at=created_at,
        refund_transaction_id=None,
    )


# The fast redemption's one write (below). Parameters: $1 redemption id, $2 venue (the
# caller's organisation), $3 code id, $4 member, $5 transfer id, $6 hundredths, $7 offer,
# $8 adults, $9 children, $10 member's account, $11 venue's account, $12 programme, $13 API
# key, $14 transfer metadata, $15 and $16 the reply's JSON before and after its created_at,
# $17 Idempotency-Key and $18 its fingerprint (NULL without one), $19 the member's home.
# `ok`: the code is still as the look-up found it (unused, unexpired); then `moved` takes
# the credits (ledger_move: nothing when the balance no longer covers them), `used` marks
# the code and `rec` records the redemption, whose unique code_id makes a concurrent second
# use of the code fail whole (the caller then runs the general path, which says why);
# `reply` is the response, recorded as the event and stored with the key.
_FAST = f"""
WITH ok AS (
    SELECT FROM redemption_codes WHERE id = $3 AND used_at IS NULL AND expires_at > now()
), moved AS (
    SELECT mv.* FROM ok, LATERAL ledger_move($5, 'redemption', $10, $11, $6, $12, $2, $13, NULL,
                                             $14, now()) mv
), used AS (
    UPDATE redemption_codes SET used_at = now() WHERE id = $3 AND EXISTS (SELECT FROM moved)
), rec AS (
    INSERT INTO redemptions (id, organisation_id, member_id, code_id, transfer_id, credits,
                             offer_id, adults, children)
    SELECT $1, $2, $4, $3, $5, $6, $7, $8, $9 FROM moved
    RETURNING created_at
), reply AS (
    SELECT $15 || {sqljson.timestamp("rec.created_at")} || $16 AS body, rec.created_at FROM rec
), {
    events.emit_cte(
        type_="'redemption.completed'",
        resource_id="$1",
        created_at="reply.created_at",
        data="reply.body::json",
        seen_by="$2::text",
        also_seen_by="nullif($19, $2)",
        source="reply",
    )
}, {idempotency.store_cte("$2", "$17", "$18", 201, "reply")}
SELECT reply.body FROM (VALUES (1)) AS one LEFT JOIN reply ON true
"""
# Stands in for created_at in the reply built before it is known: the JSON around it is
# what `_FAST` puts the real one between (as sqljson.timestamp writes it).
_UNKNOWN_AT = datetime(1970, 1, 1, tzinfo=UTC)
_UNKNOWN_AT_JSON = '"1970-01-01T00:00:00Z"'


async def _redeem_fast(
    work: Work, body: RedemptionRequest, key: str | None, print_: bytes | None
) -> unit_of_work.Outcome[RedemptionRead] | None:
    """The usual redemption (a code or token, nothing to refuse) in two statements instead
    of a transaction of ten: the look-up `_find` makes for every redemption, judged by the
    same `_refusal`, then `_FAST`, which makes the change only if nothing the look-up saw
    has changed. None, for the general path (`_redeem`) to answer, when anything is not
    plain: a card and PIN, an offer's weekly limit (counted under the member's lock), a
    refusal, a guess that matched nothing, a race lost."""
    if body.card_number is not None or ledger.BACKDATE.get() is not None:
        return None
    ensure_role(work.caller, "spend_partner")
    found = await _find(work.db, work.env, work.caller, body, lock=False, key=key)
    looked = found.looked
    if key is not None and looked is not None and looked["fingerprint"] is not None:
        return unit_of_work.replayed(looked, print_ or b"", RedemptionRead)
    if found.reason is not None or found.row is None or looked is None or found.weekly:
        return None
    row, amount = found.row, found.amount
    rid, tid = new_id("rdm"), new_id("txn")
    reply = _redemption(work, body, row, rid, tid, amount, _UNKNOWN_AT)
    before, found_at, after = reply.model_dump_json(by_alias=True).partition(_UNKNOWN_AT_JSON)
    if not found_at:
        raise AssertionError("RedemptionRead no longer writes created_at as sqljson does")
    try:
        replied = await work.db.fetchval(
            _FAST,
            rid,
            work.caller.organisation_id,
            row["id"],
            row["member_id"],
            tid,
            amount,
            body.offer_id,
            *((body.adults, body.children) if body.offer_id else (None, None)),
            row["account_id"],
            looked["venue_account_id"],
            row["programme_id"],
            work.caller.key_id,
            _metadata(row, body),
            before + '"',
            '"' + after,
            key,
            print_,
            row["home_organisation_id"],
        )
    except (asyncpg.UniqueViolationError, *unit_of_work.RETRYABLE):
        return None  # a concurrent use of the code or the key: the general path says which
    if replied is None:
        return None
    return unit_of_work.Outcome(replied.encode(), 201, RedemptionRead)


redeem = Operation("redemptions.create", _redeem, RedemptionRead, fast=_redeem_fast)


# The caller's redemptions with their refunds (a reversal of the transfer, however made).
_READ = """
SELECT r.id, r.seq, r.transfer_id, r.organisation_id, r.member_id, m.display_name, r.code_id,
       r.offer_id, r.adults, r.children, r.credits, r.created_at,
       rv.id AS refund_transaction_id
  FROM redemptions r JOIN members m ON m.id = r.member_id
  LEFT JOIN transfers rv ON rv.reverses_id = r.transfer_id
 WHERE r.organisation_id = $1
"""
# The cursor as an index bound (organisation_id, seq), never an OR the planner cannot use.
_PAGE = (
    _READ
    + """   AND r.seq < coalesce($2::bigint, 9223372036854775807)
   AND ($3::timestamptz IS NULL OR r.created_at >= $3)
   AND ($4::timestamptz IS NULL OR r.created_at < $4)
 ORDER BY r.seq DESC LIMIT $5"""
)
_ONE = _READ + " AND r.id = $2"
_SUMMARY = """
SELECT (r.created_at AT TIME ZONE $4)::date AS date, count(*) AS count, sum(r.credits) AS credits
  FROM redemptions r
 WHERE r.organisation_id = $1
   AND ($2::timestamptz IS NULL OR r.created_at >= $2)
   AND ($3::timestamptz IS NULL OR r.created_at < $3)
   AND NOT EXISTS (SELECT 1 FROM transfers rv WHERE rv.reverses_id = r.transfer_id)
 GROUP BY 1 ORDER BY 1
"""


def _read(row: asyncpg.Record) -> RedemptionRead:
    return RedemptionRead(
        id=row["id"],
        transaction_id=row["transfer_id"],
        organisation_id=row["organisation_id"],
        member_id=row["member_id"],
        member_initials=members.initials(row["display_name"]),
        code_id=row["code_id"],
        offer_id=row["offer_id"],
        adults=row["adults"],
        children=row["children"],
        credits=from_hundredths(row["credits"]),
        created_at=row["created_at"],
        refund_transaction_id=row["refund_transaction_id"],
    )


async def list_for(
    db: asyncpg.Connection,
    caller: Caller,
    *,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    after: str | None,
) -> pagination.Page[RedemptionRead]:
    """The caller's redemptions, newest first (index-bounded: organisation, seq)."""
    rows = await db.fetch(
        _PAGE, caller.organisation_id, pagination.decode(after), since, until, limit + 1
    )
    return pagination.page(rows, limit, lambda r: r["seq"], _read)


async def summary(
    db: asyncpg.Connection,
    env: Env,
    caller: Caller,
    *,
    since: datetime | None,
    until: datetime | None,
) -> RedemptionSummary:
    """Per day in the network's time zone: how many redemptions, and their credits, for
    reconciling the till (refunded ones left out)."""
    rows = await db.fetch(_SUMMARY, caller.organisation_id, since, until, env.clock.zone.key)
    return RedemptionSummary(
        data=[
            RedemptionDay(date=r["date"], count=r["count"], credits=from_hundredths(r["credits"]))
            for r in rows
        ]
    )


async def _refund(work: Work, body: RedemptionRefund) -> RedemptionRead:
    """Give the credits back to the member: the venue reverses its own redemption's
    transfer (the receiving side may always give back), once."""
    row = await work.db.fetchrow(
        _ONE + " FOR UPDATE OF r", work.caller.organisation_id, body.redemption_id
    )
    if row is None:
        raise NotFound(f"no redemption {body.redemption_id}")
    if row["refund_transaction_id"] is not None:
        raise Conflict(f"already refunded by {row['refund_transaction_id']}")
    reversal = await ledger.reverse.run(
        work, TransferReversal(transfer_id=row["transfer_id"], reason=body.reason)
    )
    refunded = _read(row).model_copy(update={"refund_transaction_id": reversal.id})
    home = await work.db.fetchval(
        "SELECT home_organisation_id FROM members WHERE id = $1", row["member_id"]
    )
    work.record(
        "redemption.refunded",
        refunded,
        resource_id=refunded.id,
        audience=(work.caller.organisation_id, home),
        at=reversal.created_at,
    )
    return refunded


refund = Operation("redemptions.refund", _refund, RedemptionRead)
