"""The ledger's rules: allocate, earn, spend, gift, reverse, and reading transfers.

Amounts are integer hundredths inside. Every function runs in the caller's transaction and
never commits. `_move` is the only place balances change (via the ledger_move SQL function,
which locks both accounts in id order and refuses to overdraw)."""

import json
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import asyncpg

from app.auth.caller import Caller, ensure_role, ensure_scope
from app.ids import new_id
from app.models.dates import bound
from app.models.ledger import (
    AllocationCreate,
    EarningCreate,
    GiftCreate,
    Party,
    SpendCreate,
    TransferRead,
)
from app.models.money import from_hundredths, to_hundredths
from app.services import members, pagination, sqljson, transactions
from app.services.clock import NETWORK_CLOCK, Clock
from app.services.errors import Conflict, Forbidden, InsufficientCredits, InvalidInput, NotFound
from app.services.idempotency import Written, replay

LEDGER_MOVE = "SELECT * FROM ledger_move($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "

# An earning is one statement, so one round trip and its own transaction (the hot path:
# bench/ledger.py). Parameters: $1 caller's organisation, $2 caller is operator, $3 the
# member's id (EARN_BY_ID) or card digits (EARN_BY_CARD), $4 Idempotency-Key and $5 its
# fingerprint (both NULL without one), $6 new transfer id, $7 hundredths, $8 API key id,
# $9 metadata, $10 given_on, $11 backdate.
# `ctx` finds the member (by id if visible to the caller, by card number any member), the
# caller's account and the programme the credits count in (the rule is in earn()'s
# docstring) and judges given_on against that programme's dates. Only when the key is
# unused and every check passes does `moved` call ledger_move; `stored` then remembers the
# key with the response. The last SELECT always returns one row, from which earn() tells
# the caller what happened. Two statements rather than one with an OR: each then has a
# generic plan as good as a custom one, which PostgreSQL reuses instead of re-planning the
# whole statement on every call (half a millisecond of its CPU each time).
_EARN = f"""
WITH prior AS (
    SELECT fingerprint, status_code, response_body FROM idempotency_keys
     WHERE organisation_id = $1 AND key = $4
), ctx AS (
    SELECT m.id AS member_id, m.account_id, oa.id AS org_account_id, oa.balance AS org_balance,
           p.id AS programme_id, p.starts_on, p.ends_on, p.own AS own_programme,
           $10 >= p.starts_on AS started, $10 <= coalesce(p.ends_on, 'infinity') AS not_ended
      FROM members m
      JOIN accounts oa ON oa.kind = 'organisation' AND oa.owner_id = $1
      LEFT JOIN LATERAL (
           SELECT p.id, p.starts_on, p.ends_on, p.id = m.programme_id AS own
             FROM organisation_programmes op JOIN programmes p ON p.id = op.programme_id
            WHERE op.organisation_id = $1
            ORDER BY p.id = m.programme_id DESC,
                     $10 BETWEEN p.starts_on AND coalesce(p.ends_on, 'infinity') DESC,
                     p.ends_on DESC NULLS FIRST, p.starts_on, p.id
            LIMIT 1) p ON true
     WHERE {{member}}
), moved AS (
    SELECT ctx.member_id, ctx.programme_id, mv.*
      FROM ctx, LATERAL ledger_move($6, 'earn', ctx.org_account_id, ctx.account_id, $7,
                                    ctx.programme_id, $1, $8, NULL, $9,
                                    coalesce($11, now())) mv
     WHERE ctx.started AND ctx.not_ended AND NOT EXISTS (SELECT FROM prior)
), reply AS (
    SELECT json_build_object(
        'id', $6::text, 'kind', 'earn', 'credits', {sqljson.credits("$7::bigint")},
        'from', json_build_object('type', 'organisation', 'id', $1::text),
        'to', json_build_object('type', 'member', 'id', moved.member_id),
        -- The credited member's: the earning itself makes them visible to the caller.
        'member_balance', {sqljson.credits("moved.credit_balance")},
        'programme_id', moved.programme_id, 'organisation_id', $1::text,
        'created_at', {sqljson.timestamp("moved.created_at")},
        'reverses', NULL, 'reversed_by', NULL, 'metadata', $9::jsonb)::text AS body
      FROM moved
), stored AS (
    INSERT INTO idempotency_keys (organisation_id, key, fingerprint, status_code, response_body)
    SELECT $1, $4, $5, 201, convert_to(reply.body, 'UTF8') FROM reply WHERE $4::text IS NOT NULL
)
SELECT ctx.*, reply.body,
       prior.fingerprint, prior.status_code, prior.response_body
  FROM (VALUES (1)) AS one
  LEFT JOIN ctx ON true LEFT JOIN prior ON true LEFT JOIN reply ON true
"""
EARN_BY_ID = _EARN.format(member=f"m.id = $3 AND {members.VISIBLE}")
# By card, any member may be found ($2 only keeps the parameters of the two statements alike).
EARN_BY_CARD = _EARN.format(member="m.card_number = $3 AND $2::boolean IS NOT NULL")

# Set only by the demo loader, to lay down history; the API always posts at now().
BACKDATE: ContextVar[datetime | None] = ContextVar("BACKDATE", default=None)

# Reversing a transfer needs the scope that posting it needed.
_REVERSAL_SCOPE = {
    "allocation": "admin",
    "earn": "earn:write",
    "spend": "spend:write",
    "gift": "gift:write",
    "reversal": "members:read",
}
_PARTY = {"member": "member", "organisation": "organisation", "issuance": "programme"}


@dataclass(frozen=True, slots=True)
class Side:
    account_id: int
    type: str  # member | organisation | programme
    id: str


@dataclass(frozen=True, slots=True)
class Moved:
    id: str
    created_at: datetime
    debit_balance: int
    credit_balance: int


async def _move(
    db: asyncpg.Connection,
    caller: Caller,
    *,
    kind: str,
    debit: Side,
    credit: Side,
    amount: int,
    programme_id: str,
    metadata: dict[str, Any],
    reverses: str | None = None,
    shortfall: str,
) -> Moved:
    tid = new_id("txn")
    at = BACKDATE.get()
    row = await db.fetchrow(
        LEDGER_MOVE + ("$11)" if at else "now())"),
        tid,
        kind,
        debit.account_id,
        credit.account_id,
        amount,
        programme_id,
        caller.organisation_id,
        caller.key_id,
        reverses,
        metadata,
        *([at] if at else []),
    )
    if row is None:
        raise InsufficientCredits(shortfall)
    return Moved(tid, row["created_at"], row["debit_balance"], row["credit_balance"])


def _present(metadata: dict[str, Any]) -> dict[str, Any]:
    """A transfer's metadata keeps only the fields that were given."""
    return {k: v for k, v in metadata.items() if v is not None}


def _shape(
    moved: Moved,
    caller: Caller,
    *,
    kind: str,
    debit: Side,
    credit: Side,
    amount: int,
    programme_id: str,
    metadata: dict[str, Any],
    reverses: str | None = None,
    shown: Side | None,
) -> TransferRead:
    """`shown`: the member (debit or credit) whose balance the response carries, one the
    caller may see (DESIGN §3); None for none."""
    member_balance = None
    if shown is not None:
        member_balance = moved.debit_balance if shown == debit else moved.credit_balance
    return TransferRead(
        id=moved.id,
        kind=kind,
        credits=from_hundredths(amount),
        from_=Party(type=debit.type, id=debit.id),
        to=Party(type=credit.type, id=credit.id),
        member_balance=None if member_balance is None else from_hundredths(member_balance),
        programme_id=programme_id,
        organisation_id=caller.organisation_id,
        created_at=moved.created_at,
        reverses=reverses,
        metadata=metadata,
    )


async def _post(
    db: asyncpg.Connection,
    caller: Caller,
    *,
    kind: str,
    debit: Side,
    credit: Side,
    amount: int,
    programme_id: str,
    metadata: dict[str, Any],
    shortfall: str,
    reverses: str | None = None,
    shown: Side | None = None,
) -> TransferRead:
    metadata = _present(metadata)
    moved = await _move(
        db,
        caller,
        kind=kind,
        debit=debit,
        credit=credit,
        amount=amount,
        programme_id=programme_id,
        metadata=metadata,
        reverses=reverses,
        shortfall=shortfall,
    )
    return _shape(
        moved,
        caller,
        kind=kind,
        debit=debit,
        credit=credit,
        amount=amount,
        programme_id=programme_id,
        metadata=metadata,
        reverses=reverses,
        shown=shown,
    )


def _member_side(row: asyncpg.Record) -> Side:
    return Side(row["account_id"], "member", row["id"])


async def _organisation(db: asyncpg.Connection, organisation_id: str) -> asyncpg.Record:
    row = await db.fetchrow(
        """SELECT o.id, o.roles, a.id AS account_id, a.balance,
                  array(SELECT programme_id FROM organisation_programmes
                         WHERE organisation_id = o.id ORDER BY programme_id) AS programme_ids
             FROM organisations o JOIN accounts a ON a.kind = 'organisation' AND a.owner_id = o.id
            WHERE o.id = $1""",
        organisation_id,
    )
    if row is None:
        raise NotFound(f"no organisation {organisation_id}")
    return row


def _org_side(row: asyncpg.Record) -> Side:
    return Side(row["account_id"], "organisation", row["id"])


async def allocate(db: asyncpg.Connection, caller: Caller, body: AllocationCreate) -> TransferRead:
    """Mint credits from a programme's issuance account to an organisation (operator only)."""
    org = await _organisation(db, body.organisation_id)
    programme_id = body.programme_id
    if programme_id is None:
        if len(org["programme_ids"]) != 1:
            raise InvalidInput.field(
                "programme_id", "required: the organisation belongs to several programmes"
            )
        programme_id = org["programme_ids"][0]
    elif programme_id not in org["programme_ids"]:
        raise InvalidInput.field("programme_id", "the organisation is not in this programme")
    issuance = await db.fetchval(
        "SELECT id FROM accounts WHERE kind = 'issuance' AND owner_id = $1", programme_id
    )
    amount = to_hundredths(body.credits)
    return await _post(
        db,
        caller,
        kind="allocation",
        debit=Side(issuance, "programme", programme_id),
        credit=_org_side(org),
        amount=amount,
        programme_id=programme_id,
        metadata={"note": body.note},
        shortfall="issuance accounts cannot run out",
    )


async def earn(
    db: asyncpg.Connection,
    caller: Caller,
    body: EarningCreate,
    *,
    clock: Clock = NETWORK_CLOCK,
    idempotency_key: str | None = None,
    fingerprint: bytes | None = None,
) -> Written:
    """Credit a member one credit per hour given, from the caller's allocation, in one
    statement (EARN_BY_ID or EARN_BY_CARD); the answer is the response's JSON, built by
    PostgreSQL.

    The member is found by id (if visible to the caller) or by card number (any member).
    The programme the credits count in: the member's own programme when the caller
    belongs to it; otherwise, of the caller's programmes running on given_on, the one that
    runs longest (open-ended first, then the latest end), then the earliest started, then
    the lowest id; none running is a 422 on given_on.
    given_on is a date in the network's time zone (`clock`, TIMECREDITS_TIME_ZONE): today
    there by default, never later, and never outside the programme's dates."""
    ensure_role(caller, "earn_partner", "operator")
    today = clock.today()  # the network's date, not UTC's (app/services/clock.py)
    given_on = body.given_on or today
    if given_on > today:
        raise InvalidInput.field("given_on", "must not be in the future")
    if body.card_number is not None:
        statement, member = EARN_BY_CARD, members.card_digits(body.card_number)
    else:
        statement, member = EARN_BY_ID, body.member_id
    amount = to_hundredths(body.hours)
    metadata = _present(
        {
            "hours": from_hundredths(amount),
            "activity": body.activity,
            "given_on": given_on.isoformat(),
            "note": body.note,
        }
    )
    args = (
        caller.organisation_id,
        caller.is_operator,
        member,
        idempotency_key,
        fingerprint,
        new_id("txn"),
        amount,
        caller.key_id,
        metadata,
        given_on,
        BACKDATE.get(),
    )

    async def run() -> asyncpg.Record:
        try:
            return await db.fetchrow(statement, *args)
        except asyncpg.UniqueViolationError as exc:
            if exc.constraint_name != "idempotency_keys_pkey":
                raise
            # A concurrent duplicate committed first; this statement was undone. Its replay:
            return await db.fetchrow(statement, *args)

    # The statement is its own transaction (the API's case), so a deadlock's victim can run
    # it again; inside a caller's transaction (the demo loader) that is the caller's call.
    row = await (run() if db.is_in_transaction() else transactions.retrying(run))
    if row["fingerprint"] is not None:
        return replay(row, fingerprint or b"")
    if row["body"] is not None:
        return Written(row["body"].encode())
    if row["member_id"] is None:
        raise NotFound(
            "no member has this card number" if body.card_number else f"no member {body.member_id}"
        )
    if row["programme_id"] is None:
        raise Forbidden("your organisation belongs to no programme, so it cannot give credits")
    if not row["own_programme"] and not (row["started"] and row["not_ended"]):
        raise InvalidInput.field(
            "given_on",
            f"none of your organisation's programmes was running on {given_on.isoformat()} "
            "(and the member's programme is not one of yours)",
        )
    if not row["started"]:
        raise InvalidInput.field(
            "given_on", f"is before the programme started ({row['starts_on'].isoformat()})"
        )
    if not row["not_ended"]:
        raise InvalidInput.field(
            "given_on", f"is after the programme ended ({row['ends_on'].isoformat()})"
        )
    raise InsufficientCredits(
        f"your organisation holds {from_hundredths(row['org_balance'])} credits to give; "
        "ask the operator for an allocation"
    )


async def _home_member(db: asyncpg.Connection, caller: Caller, member_id: str) -> asyncpg.Record:
    member = await members.get_row(db, caller, member_id)
    if member["home_organisation_id"] != caller.organisation_id:
        raise Forbidden("only the member's home organisation may debit their credits")
    return member


def _shortfall(member: asyncpg.Record, amount: int) -> str:
    return (
        f"the member's balance ({from_hundredths(member['balance'])}) does not cover "
        f"{from_hundredths(amount)} credits"
    )


async def spend(db: asyncpg.Connection, caller: Caller, body: SpendCreate) -> TransferRead:
    """Debit a member, credit a venue. Posted by the member's home organisation, for them."""
    member = await _home_member(db, caller, body.member_id)
    venue = await _organisation(db, body.organisation_id)
    if "spend_partner" not in venue["roles"]:
        raise InvalidInput.field("organisation_id", "is not a spend partner")
    amount = to_hundredths(body.credits)
    return await _post(
        db,
        caller,
        kind="spend",
        debit=_member_side(member),
        credit=_org_side(venue),
        amount=amount,
        programme_id=member["programme_id"],
        metadata={"description": body.description},
        shortfall=_shortfall(member, amount),
        shown=_member_side(member),  # the caller's own member
    )


async def gift(db: asyncpg.Connection, caller: Caller, body: GiftCreate) -> TransferRead:
    """A member gives credits to another member or to an organisation, via their home org."""
    giver = await _home_member(db, caller, body.from_member_id)
    if body.to_member_id is not None:
        if body.to_member_id == giver["id"]:
            raise InvalidInput.field("to_member_id", "a member cannot gift to themselves")
        to = await db.fetchrow(
            "SELECT id, account_id FROM members WHERE id = $1", body.to_member_id
        )
        if to is None:
            raise NotFound(f"no member {body.to_member_id}")
        recipient = _member_side(to)
    else:
        recipient = _org_side(await _organisation(db, body.to_organisation_id or ""))
    amount = to_hundredths(body.credits)
    # The giver's balance, never the recipient's: another organisation's member may be
    # given to without becoming visible to the giver's home organisation.
    return await _post(
        db,
        caller,
        kind="gift",
        debit=_member_side(giver),
        credit=recipient,
        amount=amount,
        programme_id=giver["programme_id"],
        metadata={"message": body.message},
        shortfall=_shortfall(giver, amount),
        shown=_member_side(giver),
    )


async def reverse(
    db: asyncpg.Connection, caller: Caller, transfer_id: str, *, reason: str | None
) -> TransferRead:
    """Post the mirror of a transfer. Only its poster (or the operator) may; at most once;
    never a reversal of a reversal; refused when it would overdraw the account it debits."""
    # Lock the original first: a concurrent reversal of it waits here, then sees reversed_by
    # set and answers `conflict` rather than racing for the balance.
    accounts = await db.fetchrow(
        """SELECT debit_account_id, credit_account_id, amount FROM transfers
            WHERE id = $1 FOR UPDATE""",
        transfer_id,
    )
    original = await get(db, caller, transfer_id)  # NotFound if missing or not visible
    ensure_scope(caller, _REVERSAL_SCOPE[original.kind])
    if original.organisation_id != caller.organisation_id and not caller.is_operator:
        raise Forbidden("only the organisation that posted a transfer may reverse it")
    if original.kind == "reversal":
        raise Conflict("a reversal cannot itself be reversed")
    if original.reversed_by is not None:
        raise Conflict(f"already reversed by {original.reversed_by}")
    debit = Side(accounts["credit_account_id"], original.to.type, original.to.id)
    credit = Side(accounts["debit_account_id"], original.from_.type, original.from_.id)
    shown = await _reversal_shown(db, caller, debit=debit, credit=credit)
    try:
        async with db.transaction():  # savepoint: a lost race must not poison the caller's txn
            return await _post(
                db,
                caller,
                kind="reversal",
                debit=debit,
                credit=credit,
                amount=accounts["amount"],
                programme_id=original.programme_id,
                metadata={"reason": reason},
                reverses=transfer_id,
                shortfall=f"the {debit.type} {debit.id} no longer holds "
                f"{original.credits} credits to return",
                shown=shown,
            )
    except asyncpg.UniqueViolationError:
        raise Conflict(f"{transfer_id} has already been reversed") from None


async def _reversal_shown(
    db: asyncpg.Connection, caller: Caller, *, debit: Side, credit: Side
) -> Side | None:
    """Whose balance a reversal reports: the member the original reported (its debited
    member, now credited; else its credited one), if the caller may see them. A gift's
    recipient may be another organisation's member, invisible to the giver's home."""
    for side in (credit, debit):
        if side.type == "member":
            return side if await members.is_visible(db, caller, side.id) else None
    return None


_TRANSFER_SELECT = """
SELECT t.id, t.seq, t.kind, t.amount, t.programme_id, t.organisation_id, t.created_at,
       t.reverses_id, t.metadata, r.id AS reversed_by,
       da.kind AS debit_kind, da.owner_id AS debit_owner,
       ca.kind AS credit_kind, ca.owner_id AS credit_owner
  FROM transfers t
  JOIN accounts da ON da.id = t.debit_account_id
  JOIN accounts ca ON ca.id = t.credit_account_id
  LEFT JOIN transfers r ON r.reverses_id = t.id
"""

# Who may read a transfer ($1 = caller's organisation, $2 = operator): its poster, an
# organisation on either side, and the home organisation of a member on either side.
_TRANSFER_VISIBLE = """
($2 OR t.organisation_id = $1 OR da.owner_id = $1 OR ca.owner_id = $1
 OR EXISTS (SELECT 1 FROM members hm
             WHERE hm.account_id IN (t.debit_account_id, t.credit_account_id)
               AND hm.home_organisation_id = $1))
"""


def _read(row: asyncpg.Record) -> TransferRead:
    return TransferRead(
        id=row["id"],
        kind=row["kind"],
        credits=from_hundredths(row["amount"]),
        from_=Party(type=_PARTY[row["debit_kind"]], id=row["debit_owner"]),
        to=Party(type=_PARTY[row["credit_kind"]], id=row["credit_owner"]),
        programme_id=row["programme_id"],
        organisation_id=row["organisation_id"],
        created_at=row["created_at"],
        reverses=row["reverses_id"],
        reversed_by=row["reversed_by"],
        metadata=row["metadata"]
        if isinstance(row["metadata"], dict)
        else json.loads(row["metadata"]),
    )


async def get(db: asyncpg.Connection, caller: Caller, transfer_id: str) -> TransferRead:
    row = await db.fetchrow(
        _TRANSFER_SELECT + f" WHERE t.id = $3 AND {_TRANSFER_VISIBLE}",
        caller.organisation_id,
        caller.is_operator,
        transfer_id,
    )
    if row is None:
        raise NotFound(f"no transaction {transfer_id}")
    return _read(row)


async def list_for(
    db: asyncpg.Connection,
    caller: Caller,
    *,
    kind: str | None = None,
    member_id: str | None = None,
    member_scope: bool = False,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    limit: int,
    after: str | None,
) -> tuple[list[TransferRead], str | None]:
    """Newest first. Without member_scope: the caller's own transfers (posted by it or moving
    its credits). With member_scope: every transfer of that member the caller may read."""
    cursor = pagination.decode(after)
    member_account = None
    if member_id is not None:
        member_account = (await members.get_row(db, caller, member_id))["account_id"]
    own = (
        "TRUE"
        if member_scope
        else "(t.organisation_id = $1 OR da.owner_id = $1 OR ca.owner_id = $1)"
    )
    rows = await db.fetch(
        _TRANSFER_SELECT
        + f""" WHERE {_TRANSFER_VISIBLE} AND {own}
               AND ($3::text IS NULL OR t.kind = $3)
               AND ($4::bigint IS NULL OR $4 IN (t.debit_account_id, t.credit_account_id))
               AND ($5::timestamptz IS NULL OR t.created_at >= $5)
               AND ($6::timestamptz IS NULL OR t.created_at < $6)
               AND ($7::bigint IS NULL OR t.seq < $7)
             ORDER BY t.seq DESC LIMIT $8""",
        caller.organisation_id,
        caller.is_operator,
        kind,
        member_account,
        bound(since),
        bound(until, end=True),
        cursor,
        limit + 1,
    )
    return pagination.page(rows, limit, lambda r: r["seq"], _read)
