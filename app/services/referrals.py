"""Social-prescribing referrals (issue 15): a prescriber sends a person to an organisation,
which accepts or declines, reports the first attendance and closes the referral.

Rules, all here:
- Only an organisation with role `prescriber` (or the operator) sends referrals; the
  person is one of its own members (home organisation) or someone new (minimal fields).
- Only the two parties see a referral (`_PARTY`); anyone else, the operator included,
  gets a 404 (health context is special-category data, DESIGN §1, §3).
- Who moves what: the receiving organisation accepts or declines a sent referral, reports
  the first attendance of an accepted one and closes an accepted or attended one; the
  prescriber may close (typically `withdrawn`) any referral still open. Anything else a
  party tries is a 403 (not its step) or a 409 `illegal_transition` (not from this status).
- Accepting links the member: the one named, or one of the receiver's own members it
  names, or a new member registered from the person's fields through members.register
  (so `member.created` too) whose home is the receiving organisation. The receiving
  organisation may then see and credit that member (members.VISIBLE).
- Free-text notes only when TIMECREDITS_REFERRAL_NOTES is on, encrypted at rest with a key
  derived from the key pepper; never in events or Idempotency-Key replays.
- Timestamps are the database's now() (ledger.BACKDATE when the demo lays down history)."""

from datetime import datetime
from typing import Any

import asyncpg

from app.auth.caller import Caller, ensure_role
from app.ids import new_id
from app.models.members import MemberCreate
from app.models.referrals import PersonRead, ReferralCreate, ReferralRead, ReferralStep
from app.services import ledger, members, pagination
from app.services.at_rest import Sealed
from app.services.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.services.unit_of_work import Env, Operation, Work

# ---- notes at rest -------------------------------------------------------------------
# Encrypted (at_rest.py), bound to the referral's id.
_NOTES = Sealed(info=b"timecredits referral notes v1", prefix=b"\x01", names="referral {id}: notes")


def seal(env: Env, referral_id: str, notes: str) -> bytes:
    return _NOTES.seal(env.pepper, referral_id, notes.encode())


def unseal(env: Env, referral_id: str, stored: bytes) -> str:
    return _NOTES.unseal(env.pepper, referral_id, stored).decode()


# ---- reads ---------------------------------------------------------------------------
_COLUMNS = """id, seq, status, from_organisation_id, to_organisation_id, opportunity_id,
    programme_id, member_id, display_name, external_ref, year_of_birth, postcode_district,
    consent_contact, reason_codes, urgency, notes, sent_at, accepted_at, declined_at,
    decline_reason, first_attended_at, closed_at, outcome"""
# The one visibility rule: the two parties ($2 the caller's organisation).
_PARTY = "($2 IN (from_organisation_id, to_organisation_id))"
_GET = f"SELECT {_COLUMNS} FROM referrals WHERE id = $1 AND {_PARTY}"
_LOCK = _GET + " FOR UPDATE"
# The lists' party conditions ($1 the caller's organisation): each direction has its
# indexes, (organisation, seq) and (organisation, status, seq), so a page is an index range.
_DIRECTIONS = {
    "inbound": "to_organisation_id = $1",
    "outbound": "from_organisation_id = $1",
    None: "(to_organisation_id = $1 OR from_organisation_id = $1)",
}


def list_statement(
    organisation_id: str, direction: str | None, status: str | None, before: int | None, limit: int
) -> tuple[str, list[Any]]:
    """The list's statement and arguments: newest first, after the cursor's seq; only the
    conditions asked for, so each form has a plan of its own on its index."""
    args: list[Any] = [organisation_id]
    conditions = [_DIRECTIONS[direction]]
    for column, op, value in (("status", "=", status), ("seq", "<", before)):
        if value is not None:
            args.append(value)
            conditions.append(f"{column} {op} ${len(args)}")
    args.append(limit)
    where = " AND ".join(conditions)
    sql = f"SELECT {_COLUMNS} FROM referrals WHERE {where} ORDER BY seq DESC LIMIT ${len(args)}"
    return sql, args


def read(row: asyncpg.Record, env: Env) -> ReferralRead:
    """The referral as its two parties see it (notes decrypted)."""
    person = None
    if row["display_name"] is not None:
        person = PersonRead(
            display_name=row["display_name"],
            external_ref=row["external_ref"],
            year_of_birth=row["year_of_birth"],
            postcode_district=row["postcode_district"],
            consent_contact=row["consent_contact"],
        )
    notes = row["notes"]
    return ReferralRead(
        id=row["id"],
        status=row["status"],
        from_organisation_id=row["from_organisation_id"],
        to_organisation_id=row["to_organisation_id"],
        opportunity_id=row["opportunity_id"],
        programme_id=row["programme_id"],
        member_id=row["member_id"],
        person=person,
        reason_codes=list(row["reason_codes"]),
        urgency=row["urgency"],
        notes=None if notes is None else unseal(env, row["id"], notes),
        has_notes=notes is not None,
        sent_at=row["sent_at"],
        accepted_at=row["accepted_at"],
        declined_at=row["declined_at"],
        decline_reason=row["decline_reason"],
        first_attended_at=row["first_attended_at"],
        closed_at=row["closed_at"],
        outcome=row["outcome"],
    )


async def _row(db: asyncpg.Connection, caller: Caller, referral_id: str, sql: str = _GET) -> Any:
    row = await db.fetchrow(sql, referral_id, caller.organisation_id)
    if row is None:
        raise NotFound(f"no referral {referral_id}")
    return row


async def get(db: asyncpg.Connection, env: Env, caller: Caller, referral_id: str) -> ReferralRead:
    """A referral the caller is a party to; NotFound for anyone else."""
    return read(await _row(db, caller, referral_id), env)


async def search(
    db: asyncpg.Connection,
    env: Env,
    caller: Caller,
    *,
    direction: str | None,
    status: str | None,
    limit: int,
    after: str | None,
) -> pagination.Page[ReferralRead]:
    """The caller's referrals, newest first: received (inbound), sent (outbound) or both."""
    before = pagination.decode(after)
    sql, args = list_statement(caller.organisation_id, direction, status, before, limit + 1)
    rows = await db.fetch(sql, *args)
    return pagination.page(rows, limit, lambda r: r["seq"], lambda r: read(r, env))


def _published(referral: ReferralRead) -> ReferralRead:
    """The event's copy: the notes stay out of the outbox (stored in clear there)."""
    return referral.model_copy(update={"notes": None})


def _record(work: Work, type_: str, referral: ReferralRead, at: datetime) -> None:
    work.record(
        type_,
        _published(referral),
        resource_id=referral.id,
        audience=(referral.from_organisation_id, referral.to_organisation_id),
        at=at,
    )


# ---- sending -------------------------------------------------------------------------
_RECEIVER = """
SELECT o.id,
       array(SELECT op.programme_id FROM organisation_programmes op
              WHERE op.organisation_id = o.id ORDER BY op.programme_id) AS programmes,
       array(SELECT op.programme_id FROM organisation_programmes op
               JOIN organisation_programmes mine
                 ON mine.programme_id = op.programme_id AND mine.organisation_id = $2
              WHERE op.organisation_id = o.id ORDER BY op.programme_id) AS shared
  FROM organisations o WHERE o.id = $1
"""
_OPPORTUNITY = "SELECT kind, organisation_id, archived_at FROM listings WHERE id = $1"
_INSERT = f"""
INSERT INTO referrals (id, from_organisation_id, to_organisation_id, opportunity_id,
    programme_id, member_id, display_name, external_ref, year_of_birth, postcode_district,
    consent_contact, reason_codes, urgency, notes, sent_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, coalesce($15, now()))
RETURNING {_COLUMNS}
"""


def _programme(receiver: asyncpg.Record, asked: str | None) -> str:
    """Where the referral's figures count: the programme asked for (one of the receiving
    organisation's), else the one programme both parties take part in, else the receiving
    organisation's only programme. Anything more ambiguous must be said."""
    programmes, shared = list(receiver["programmes"]), list(receiver["shared"])
    if asked is not None:
        if asked not in programmes:
            raise InvalidInput.field(
                "programme_id", "is not one of the receiving organisation's programmes"
            )
        return asked
    if len(shared) == 1:
        return str(shared[0])
    if not shared and len(programmes) == 1:
        return str(programmes[0])
    if not programmes:
        raise InvalidInput.field("to_organisation_id", "takes part in no programme")
    raise InvalidInput.field(
        "programme_id",
        "is required: the receiving organisation takes part in several programmes, so say "
        "which one this referral counts in",
    )


async def _create(work: Work, body: ReferralCreate) -> ReferralRead:
    """Send a referral (status `sent`). Raises Forbidden for a caller that is not a
    prescriber (nor the operator), InvalidInput for notes while they are off, NotFound
    for an unknown receiver, opportunity or member (a member must be the caller's own),
    InvalidInput for an opportunity not the receiver's or a programme not the receiver's."""
    db, caller, env = work.db, work.caller, work.env
    ensure_role(caller, "prescriber", "operator")
    if body.notes is not None and not env.referral_notes:
        raise InvalidInput.field(
            "notes",
            "free-text notes are turned off on this service (TIMECREDITS_REFERRAL_NOTES): "
            "send reason codes only",
        )
    receiver = await db.fetchrow(_RECEIVER, body.to_organisation_id, caller.organisation_id)
    if receiver is None:
        raise NotFound(f"no organisation {body.to_organisation_id}")
    if receiver["id"] == caller.organisation_id:
        raise InvalidInput.field("to_organisation_id", "is your own organisation")
    if body.opportunity_id is not None:
        listing = await db.fetchrow(_OPPORTUNITY, body.opportunity_id)
        if listing is None:
            raise NotFound(f"no opportunity {body.opportunity_id}")
        if listing["kind"] != "opportunity" or listing["organisation_id"] != receiver["id"]:
            raise InvalidInput.field(
                "opportunity_id", "is not an opportunity of the receiving organisation"
            )
        if listing["archived_at"] is not None:
            raise InvalidInput.field("opportunity_id", "is archived")
    if body.member_id is not None:
        await members.home_row(db, caller, body.member_id)
    programme_id = _programme(receiver, body.programme_id)
    rid = new_id("ref")
    person = body.person
    row = await db.fetchrow(
        _INSERT,
        rid,
        caller.organisation_id,
        receiver["id"],
        body.opportunity_id,
        programme_id,
        body.member_id,
        person and person.display_name,
        person and person.external_ref,
        person and person.year_of_birth,
        person and person.postcode_district,
        bool(person and person.consent_contact),
        list(body.reason_codes),
        body.urgency,
        None if body.notes is None else seal(env, rid, body.notes),
        ledger.BACKDATE.get(),
    )
    referral = read(row, env)
    _record(work, "referral.created", referral, row["sent_at"])
    return referral


create = Operation("referrals.create", _create, ReferralRead)


# ---- the lifecycle -------------------------------------------------------------------
RECEIVER, PRESCRIBER = "receiver", "prescriber"
# action -> side -> the statuses that side may take it from.
STEPS: dict[str, dict[str, frozenset[str]]] = {
    "accept": {RECEIVER: frozenset({"sent"})},
    "decline": {RECEIVER: frozenset({"sent"})},
    "attended": {RECEIVER: frozenset({"accepted"})},
    "close": {
        RECEIVER: frozenset({"accepted", "first_attended"}),
        PRESCRIBER: frozenset({"sent", "accepted", "first_attended"}),
    },
}
_WHO = {
    "accept": "the receiving organisation",
    "decline": "the receiving organisation",
    "attended": "the receiving organisation",
    "close": "either party",
}
_MOVE = f"""
UPDATE referrals SET
    status = $2,
    member_id = coalesce($3, member_id),
    accepted_at = CASE WHEN $2 = 'accepted' THEN coalesce($6, now()) ELSE accepted_at END,
    declined_at = CASE WHEN $2 = 'declined' THEN coalesce($6, now()) ELSE declined_at END,
    decline_reason = coalesce($4, decline_reason),
    first_attended_at = CASE WHEN $2 = 'first_attended' THEN coalesce($6, now())
                             ELSE first_attended_at END,
    closed_at = CASE WHEN $2 = 'closed' THEN coalesce($6, now()) ELSE closed_at END,
    outcome = coalesce($5, outcome)
 WHERE id = $1
RETURNING {_COLUMNS}
"""
_NEXT = {
    "accept": "accepted",
    "decline": "declined",
    "attended": "first_attended",
    "close": "closed",
}


def illegal_transition(action: str, status: str) -> Conflict:
    """409 `illegal_transition`, naming the referral's current status."""
    verb = {"attended": "marked attended"}.get(action, _NEXT[action])
    error = Conflict(f"this referral is {status}: it cannot be {verb} now")
    error.code = "illegal_transition"  # type: ignore[misc]
    return error


async def _member_for(work: Work, row: asyncpg.Record, asked: str | None) -> str:
    """The member an accepted referral is tied to: the one it names; or the receiver's own
    member it names now; or a new member of the receiver's, registered from the person's
    fields through the members service (its event recorded with this change)."""
    if row["member_id"] is not None:
        if asked is not None and asked != row["member_id"]:
            raise InvalidInput.field("member_id", "this referral already names its member")
        return str(row["member_id"])
    if asked is not None:
        await members.home_row(work.db, work.caller, asked)
        return asked
    member = await members.register.run(
        work,
        MemberCreate(
            display_name=row["display_name"],
            programme_id=row["programme_id"],
            year_of_birth=row["year_of_birth"],
            postcode_district=row["postcode_district"],
            consent_contact=row["consent_contact"],
        ),
    )
    return member.id


async def _step(work: Work, step: ReferralStep) -> ReferralRead:
    """Move a referral one step (see the module's rules). Raises NotFound for anyone but
    the two parties, Forbidden for a party whose step it is not, Conflict
    `illegal_transition` from a status the step does not leave."""
    row = await _row(work.db, work.caller, step.referral_id, _LOCK)
    side = RECEIVER if row["to_organisation_id"] == work.caller.organisation_id else PRESCRIBER
    allowed = STEPS[step.action].get(side)
    if allowed is None:
        raise Forbidden(f"only {_WHO[step.action]} may do this to a referral")
    if row["status"] not in allowed:
        raise illegal_transition(step.action, row["status"])
    if step.action == "decline" and step.reason is None:
        raise InvalidInput.field("reason", "is required to decline a referral")
    if step.action == "close" and step.outcome is None:
        raise InvalidInput.field("outcome", "is required to close a referral")
    member_id = None
    if step.action == "accept":
        member_id = await _member_for(work, row, step.member_id)
    moved = await work.db.fetchrow(
        _MOVE,
        step.referral_id,
        _NEXT[step.action],
        member_id,
        step.reason,
        step.outcome,
        ledger.BACKDATE.get(),
    )
    referral = read(moved, work.env)
    stamp = {
        "accept": "accepted_at",
        "decline": "declined_at",
        "attended": "first_attended_at",
        "close": "closed_at",
    }[step.action]
    _record(work, "referral.updated", referral, moved[stamp])
    return referral


move = Operation("referrals.step", _step, ReferralRead, status=200)
