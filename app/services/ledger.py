"""The ledger's rules: allocate, earn, spend, gift, reverse. (Reading: transfers.py.)

Each is an operation of the unit of work (app/services/unit_of_work.py): it runs in the
write's transaction, never commits, records its event and returns the transfer as REST
shows it. Amounts are integer hundredths inside. `post` is the only place balances change
(via the ledger_move SQL function, which locks both accounts in id order and refuses to
overdraw); the earning makes its whole change in one statement (EARN_BY_ID, EARN_BY_CARD),
the hot path."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg

from app.auth.caller import ensure_role, ensure_scope
from app.ids import new_id
from app.models.events import TRANSFER_EVENTS
from app.models.ledger import (
    AllocationCreate,
    EarningCreate,
    GiftCreate,
    Party,
    SpendCreate,
    TransferRead,
    TransferReversal,
)
from app.models.money import from_hundredths, to_hundredths
from app.services import events, guesses, idempotency, keys, members, sqljson, transfers
from app.services.errors import (
    Conflict,
    Forbidden,
    InsufficientCredits,
    InvalidInput,
    NotFound,
    ReversalWindowPassed,
    Unauthenticated,
)
from app.services.unit_of_work import OneStatement, Operation, Outcome, Work, replayed

LEDGER_MOVE = "SELECT * FROM ledger_move($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "

# Set only by the demo loader, to lay down history; the API always posts at now().
BACKDATE: ContextVar[datetime | None] = ContextVar("BACKDATE", default=None)


@contextmanager
def backdated(at: datetime) -> Iterator[None]:
    """Writes made within are dated `at` (BACKDATE), for the demo loader's history."""
    token = BACKDATE.set(at)
    try:
        yield
    finally:
        BACKDATE.reset(token)


def _earning_json(member_balance: str) -> str:
    """The earning as TransferRead writes it, built by PostgreSQL from the statement's
    parameters and the `moved` row (tests/ledger/test_earn_response.py compares the two)."""
    return f"""json_build_object(
        'id', $6::text, 'kind', 'earn', 'credits', {sqljson.credits("$7::bigint")},
        'from', json_build_object('type', 'organisation', 'id', $1::text),
        'to', json_build_object('type', 'member', 'id', moved.member_id),
        'member_balance', {member_balance},
        'programme_id', moved.programme_id, 'organisation_id', $1::text,
        'created_at', {sqljson.timestamp("moved.created_at")},
        'reverses', NULL, 'reversed_by', NULL, 'metadata', $9::jsonb)"""


# An earning is one statement, so one round trip and its own transaction (the hot path:
# bench/earn.py). Parameters: $1 caller's organisation, $2 caller is operator, $3 the
# member's id (EARN_BY_ID) or card digits (EARN_BY_CARD), $4 Idempotency-Key and $5 its
# fingerprint (both NULL without one), $6 new transfer id, $7 hundredths, $8 API key id,
# $9 metadata, $10 given_on, $11 backdate.
# `key` says whether the caller's API key is still live (the route found the caller in the
# per-process key cache, app/auth/cache.py, without asking the database), and `touched`
# keeps its last_used_at to the minute, as the key look-up does for other requests.
# `ctx` finds the member (by id if visible to the caller, by card number any member), the
# caller's account and the programme the credits count in (the rule is in earn()'s
# docstring) and judges given_on against that programme's dates. Only when the key is
# unused and every check passes does `moved` call ledger_move; then `reply` is the
# response, `event` records earning.created (its data the transfer as GET shows
# it: no member_balance) and `stored` remembers the key with the response. The last SELECT
# always returns one row, from which _earned() tells the caller what happened. Two
# statements rather than one with an OR: each then has a generic plan as good as a custom
# one, which PostgreSQL reuses instead of re-planning the whole statement on every call.
_EARN = f"""
WITH {idempotency.prior_cte("$1", "$4")}, {keys.live_ctes("$8")}, ctx AS (
    SELECT m.id AS member_id, m.account_id, m.home_organisation_id,
           oa.id AS org_account_id, oa.balance AS org_balance,
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
     WHERE {{member}} AND ($8::text IS NULL OR (SELECT live FROM key))
), moved AS (
    SELECT ctx.member_id, ctx.programme_id, ctx.home_organisation_id, mv.*
      FROM ctx, LATERAL ledger_move($6, 'earn', ctx.org_account_id, ctx.account_id, $7,
                                    ctx.programme_id, $1, $8, NULL, $9,
                                    coalesce($11, now())) mv
     WHERE ctx.started AND ctx.not_ended AND NOT EXISTS (SELECT FROM prior)
), reply AS (
    -- The credited member's balance: the earning itself makes them visible to the caller.
    SELECT {_earning_json(sqljson.credits("moved.credit_balance"))}::text AS body FROM moved
), {
    events.emit_cte(
        type_="'earning.created'",
        resource_id="$6",
        created_at="moved.created_at",
        data=_earning_json("NULL"),
        seen_by="$1::text",
        also_seen_by="nullif(moved.home_organisation_id, $1)",
        source="moved",
    )
}, {idempotency.store_cte("$1", "$4", "$5", 201, "reply")}
SELECT ctx.*, reply.body, prior.fingerprint, prior.status_code, prior.response_body,
       (SELECT live FROM key) AS key_live
  FROM (VALUES (1)) AS one
  LEFT JOIN ctx ON true LEFT JOIN prior ON true LEFT JOIN reply ON true
"""
EARN_BY_ID = _EARN.format(member=f"m.id = $3 AND {members.VISIBLE}")
# By card, any member may be found ($2 only keeps the parameters of the two statements alike).
EARN_BY_CARD = _EARN.format(member="m.card_number = $3 AND $2::boolean IS NOT NULL")

# Reversing a transfer needs the scope that posting it needed.
_REVERSAL_SCOPE = {
    "allocation": "admin",
    "earn": "earn:write",
    "spend": "spend:write",
    "gift": "gift:write",
    "redemption": "spend:write",
    "reversal": "members:read",
}
# Printed notes leave circulation by being voided (notes.py), never by a reversal.
_NOTES_KINDS = {"note_issue", "note_redeem", "note_void"}


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a transfer: its account, and whose it is (with a member's home)."""

    account_id: int
    type: str  # member | organisation | programme
    id: str
    home: str | None = None  # a member's home organisation

    @property
    def organisation(self) -> str | None:
        """The organisation this side stands for: itself, or a member's home."""
        return self.id if self.type == "organisation" else self.home


def member_side(row: asyncpg.Record) -> Side:
    return Side(row["account_id"], "member", row["id"], row["home_organisation_id"])


def org_side(row: asyncpg.Record) -> Side:
    return Side(row["account_id"], "organisation", row["id"])


async def post(
    work: Work,
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
    audience: tuple[str | None, ...] = (),
    event: bool = True,
) -> TransferRead:
    """Move the credits (`ledger_move`), record the transfer's event, and return the
    transfer as the poster sees it: with the balance of `shown` (the member, debited or
    credited, whose balance the response carries, one the caller may see; DESIGN §3)."""
    caller = work.caller
    metadata = {k: v for k, v in metadata.items() if v is not None}
    tid = new_id("txn")
    at = BACKDATE.get()
    row = await work.db.fetchrow(
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
    transfer = TransferRead(
        id=tid,
        kind=kind,
        credits=from_hundredths(amount),
        from_=Party(type=debit.type, id=debit.id),
        to=Party(type=credit.type, id=credit.id),
        programme_id=programme_id,
        organisation_id=caller.organisation_id,
        created_at=row["created_at"],
        reverses=reverses,
        metadata=metadata,
    )
    if event:  # else the operation records its own (a redemption's is the redemption)
        work.record(
            TRANSFER_EVENTS[kind],
            transfer,
            resource_id=tid,
            audience=(caller.organisation_id, debit.organisation, credit.organisation, *audience),
            at=row["created_at"],
        )
    if shown is None:
        return transfer
    balance = row["debit_balance"] if shown == debit else row["credit_balance"]
    return transfer.model_copy(update={"member_balance": from_hundredths(balance)})


async def organisation(db: asyncpg.Connection, organisation_id: str) -> asyncpg.Record:
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


async def _allocate(work: Work, body: AllocationCreate) -> TransferRead:
    """Mint credits from a programme's issuance account to an organisation (operator only)."""
    org = await organisation(work.db, body.organisation_id)
    programme_id = body.programme_id
    if programme_id is None:
        if len(org["programme_ids"]) != 1:
            raise InvalidInput.field(
                "programme_id", "required: the organisation belongs to several programmes"
            )
        programme_id = org["programme_ids"][0]
    elif programme_id not in org["programme_ids"]:
        raise InvalidInput.field("programme_id", "the organisation is not in this programme")
    issuance = await work.db.fetchval(
        "SELECT id FROM accounts WHERE kind = 'issuance' AND owner_id = $1", programme_id
    )
    return await post(
        work,
        kind="allocation",
        debit=Side(issuance, "programme", programme_id),
        credit=org_side(org),
        amount=to_hundredths(body.credits),
        programme_id=programme_id,
        metadata={"note": body.note},
        shortfall="issuance accounts cannot run out",
    )


allocate = Operation("allocations.create", _allocate, TransferRead)


def _prepare_earning(
    work: Work, body: EarningCreate, key: str | None, print_: bytes | None
) -> tuple[str, tuple[Any, ...]]:
    """Credit a member one credit per hour given, from the caller's allocation, in one
    statement (EARN_BY_ID or EARN_BY_CARD); the answer is the response's JSON, built by
    PostgreSQL.

    The member is found by id (if visible to the caller) or by card number (any member).
    The programme the credits count in: the member's own programme when the caller
    belongs to it; otherwise, of the caller's programmes running on given_on, the one that
    runs longest (open-ended first, then the latest end), then the earliest started, then
    the lowest id; none running is a 422 on given_on.
    given_on is a date in the network's time zone (`Env.clock`, TIMECREDITS_TIME_ZONE):
    today there by default, never later, and never outside the programme's dates."""
    caller = work.caller
    ensure_role(caller, "earn_partner", "operator")
    today = work.env.clock.today()  # the network's date, not UTC's (app/services/clock.py)
    given_on = body.given_on or today
    if given_on > today:
        raise InvalidInput.field("given_on", "must not be in the future")
    if body.card_number is not None:
        statement, member = EARN_BY_CARD, members.card_digits(body.card_number)
    else:
        statement, member = EARN_BY_ID, body.member_id
    amount = to_hundredths(body.hours)
    metadata = {
        "hours": from_hundredths(amount),
        "activity": body.activity,
        "given_on": given_on.isoformat(),
        "note": body.note,
    }
    return statement, (
        caller.organisation_id,
        caller.is_operator,
        member,
        key,
        print_,
        new_id("txn"),
        amount,
        caller.key_id,
        {k: v for k, v in metadata.items() if v is not None},
        given_on,
        BACKDATE.get(),
    )


def _earned(
    work: Work, body: EarningCreate, row: asyncpg.Record, print_: bytes | None
) -> Outcome[TransferRead]:
    """What the earning statement's row says happened: a replay, the new earning, or why not."""
    if work.caller.key_id is not None and not row["key_live"]:
        raise Unauthenticated("the API key is unknown or revoked")
    if row["fingerprint"] is not None:
        return replayed(row, print_ or b"", TransferRead)
    if row["body"] is not None:
        return Outcome(row["body"].encode(), 201, TransferRead)
    if row["member_id"] is None:
        if body.card_number is None:
            raise NotFound(f"no member {body.member_id}")
        guesses.missed_in(work)  # a card number that belongs to nobody (DESIGN §3)
        raise NotFound("no member has this card number")
    if row["programme_id"] is None:
        raise Forbidden("your organisation belongs to no programme, so it cannot give credits")
    given_on = (body.given_on or work.env.clock.today()).isoformat()
    if not row["own_programme"] and not (row["started"] and row["not_ended"]):
        raise InvalidInput.field(
            "given_on",
            f"none of your organisation's programmes was running on {given_on} "
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


async def _card_guesses(work: Work, body: EarningCreate) -> None:
    """A key past its card-number misses is refused before an earning by card, as before a
    card look-up: otherwise crediting by card would tell which numbers are members' (a 201
    against a 404) without limit."""
    if body.card_number is not None:
        await guesses.check(work.db, work.caller.key_id)


earn = OneStatement("earnings.create", _prepare_earning, _earned, TransferRead, guard=_card_guesses)


async def _home_member(work: Work, member_id: str) -> asyncpg.Record:
    member = await members.get_row(work.db, work.caller, member_id)
    if member["home_organisation_id"] != work.caller.organisation_id:
        raise Forbidden("only the member's home organisation may debit their credits")
    return member


def _shortfall(member: asyncpg.Record, amount: int) -> str:
    return (
        f"the member's balance ({from_hundredths(member['balance'])}) does not cover "
        f"{from_hundredths(amount)} credits"
    )


async def _spend(work: Work, body: SpendCreate) -> TransferRead:
    """Debit a member, credit a venue. Posted by the member's home organisation, for them."""
    member = await _home_member(work, body.member_id)
    venue = await organisation(work.db, body.organisation_id)
    if "spend_partner" not in venue["roles"]:
        raise InvalidInput.field("organisation_id", "is not a spend partner")
    amount = to_hundredths(body.credits)
    return await post(
        work,
        kind="spend",
        debit=member_side(member),
        credit=org_side(venue),
        amount=amount,
        programme_id=member["programme_id"],
        metadata={"description": body.description},
        shortfall=_shortfall(member, amount),
        shown=member_side(member),  # the caller's own member
    )


spend = Operation("spends.create", _spend, TransferRead)


async def redeem(
    work: Work, *, member: asyncpg.Record, amount: int, metadata: dict[str, Any]
) -> TransferRead:
    """Debit a member, credit the calling venue, with an authorisation the member gave
    (redemptions.py checked it). The redemption records its own event."""
    venue = await organisation(work.db, work.caller.organisation_id)
    return await post(
        work,
        kind="redemption",
        debit=Side(
            member["account_id"], "member", member["member_id"], member["home_organisation_id"]
        ),
        credit=org_side(venue),
        amount=amount,
        programme_id=member["programme_id"],
        metadata=metadata,
        shortfall=_shortfall(member, amount),
        event=False,
    )


async def _gift(work: Work, body: GiftCreate) -> TransferRead:
    """A member gives credits to another member or to an organisation, via their home org."""
    giver = await _home_member(work, body.from_member_id)
    if body.to_member_id is not None:
        if body.to_member_id == giver["id"]:
            raise InvalidInput.field("to_member_id", "a member cannot gift to themselves")
        to = await work.db.fetchrow(
            "SELECT id, account_id, home_organisation_id FROM members WHERE id = $1",
            body.to_member_id,
        )
        if to is None:
            raise NotFound(f"no member {body.to_member_id}")
        recipient = member_side(to)
    else:
        recipient = org_side(await organisation(work.db, body.to_organisation_id or ""))
    amount = to_hundredths(body.credits)
    # The giver's balance, never the recipient's: another organisation's member may be
    # given to without becoming visible to the giver's home organisation.
    return await post(
        work,
        kind="gift",
        debit=member_side(giver),
        credit=recipient,
        amount=amount,
        programme_id=giver["programme_id"],
        metadata={"message": body.message},
        shortfall=_shortfall(giver, amount),
        shown=member_side(giver),
    )


gift = Operation("gifts.create", _gift, TransferRead)


async def _side(db: asyncpg.Connection, account_id: int) -> Side:
    row = await db.fetchrow(
        """SELECT a.kind, a.owner_id, m.home_organisation_id FROM accounts a
             LEFT JOIN members m ON m.account_id = a.id WHERE a.id = $1""",
        account_id,
    )
    kind = transfers.PARTY[row["kind"]]
    return Side(account_id, kind, row["owner_id"], row["home_organisation_id"])


def _may_reverse(work: Work, original: TransferRead, receiver: Side) -> None:
    """A reversal debits whoever received the original, so it needs the receiving side
    (DESIGN §3): the organisation that received it, or the home organisation of the member
    who did, may always give back; the organisation that posted it may within the
    correction window (Env.reversal_window), then must ask the receiving side; the
    operator may always."""
    caller = work.caller
    if caller.is_operator or receiver.organisation == caller.organisation_id:
        return
    if original.organisation_id != caller.organisation_id:
        raise Forbidden(
            "only the organisation that posted a transfer, or the side that received it, "
            "may reverse it"
        )
    window = work.env.reversal_window
    if datetime.now(original.created_at.tzinfo) - original.created_at > window:
        raise ReversalWindowPassed(
            f"{original.id} was posted more than {_duration(window.total_seconds())} ago, "
            "past the correction window: ask the side that received it "
            f"({receiver.type} {receiver.id}) to give it back"
        )


def _duration(seconds: float) -> str:
    if seconds % 86400 == 0:
        days = int(seconds // 86400)
        return f"{days} day{'s' if days != 1 else ''}"
    if seconds % 3600 == 0:
        return f"{int(seconds // 3600)} hours"
    return f"{int(seconds)} seconds"


async def _reverse(work: Work, body: TransferReversal) -> TransferRead:
    """Post the mirror of a transfer: at most once, never a reversal of a reversal, refused
    when it would overdraw the account it debits; who may is `_may_reverse`'s rule."""
    db, caller = work.db, work.caller
    # Lock the original first: a concurrent reversal of it waits here, then sees
    # reversed_by set and answers `conflict` rather than racing for the balance.
    accounts = await db.fetchrow(
        """SELECT debit_account_id, credit_account_id, amount FROM transfers
            WHERE id = $1 FOR UPDATE""",
        body.transfer_id,
    )
    original = await transfers.get(db, caller, body.transfer_id)  # NotFound if not visible
    if original.kind in _NOTES_KINDS:
        raise Conflict("notes are voided, not reversed")
    ensure_scope(caller, _REVERSAL_SCOPE[original.kind])
    receiver = await _side(db, accounts["credit_account_id"])
    _may_reverse(work, original, receiver)
    if original.kind == "reversal":
        raise Conflict("a reversal cannot itself be reversed")
    if original.reversed_by is not None:
        raise Conflict(f"already reversed by {original.reversed_by}")
    giver = await _side(db, accounts["debit_account_id"])
    return await post(
        work,
        kind="reversal",
        debit=receiver,
        credit=giver,
        amount=accounts["amount"],
        programme_id=original.programme_id,
        metadata={"reason": body.reason},
        reverses=original.id,
        shortfall=f"the {receiver.type} {receiver.id} no longer holds "
        f"{original.credits} credits to return",
        shown=await _reversal_shown(work, debit=receiver, credit=giver),
        audience=(original.organisation_id,),
    )


reverse = Operation("transactions.reverse", _reverse, TransferRead)


async def _reversal_shown(work: Work, *, debit: Side, credit: Side) -> Side | None:
    """Whose balance a reversal reports: the member the original reported (its debited
    member, now credited; else its credited one), if the caller may see them. A gift's
    recipient may be another organisation's member, invisible to the giver's home."""
    for side in (credit, debit):
        if side.type == "member":
            visible = await members.is_visible(work.db, work.caller, side.id)
            return side if visible else None
    return None
