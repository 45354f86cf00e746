"""Members: registration, lookup and who may see whom.

A member is visible to their home organisation, to the operator, and to any organisation
the member has exchanged credits with. Everyone else gets NotFound, never Forbidden."""

import asyncpg

from app.auth.caller import Caller
from app.ids import new_id
from app.models.members import MemberCreate, MemberRead
from app.models.money import from_hundredths
from app.services import cards, pagination
from app.services.errors import Conflict, InvalidInput, NotFound
from app.services.unit_of_work import Operation, Work

_SELECT = """
SELECT m.*, a.balance FROM members m JOIN accounts a ON a.id = m.account_id
"""

# The one visibility rule ($1 = caller's organisation, $2 = caller is operator).
VISIBLE = """
($2 OR m.home_organisation_id = $1 OR EXISTS (
    SELECT 1 FROM accounts oa JOIN transfers t
        ON (t.debit_account_id = oa.id AND t.credit_account_id = m.account_id)
        OR (t.credit_account_id = oa.id AND t.debit_account_id = m.account_id)
     WHERE oa.kind = 'organisation' AND oa.owner_id = $1))
"""


def read(row: asyncpg.Record, caller: Caller) -> MemberRead:
    own = row["home_organisation_id"] == caller.organisation_id or caller.is_operator
    return MemberRead(
        id=row["id"],
        card_number=cards.display(row["card_number"]),
        display_name=row["display_name"],
        external_ref=row["external_ref"] if own else None,
        year_of_birth=row["year_of_birth"],
        postcode_district=row["postcode_district"],
        consent_contact=row["consent_contact"],
        consent_research=row["consent_research"],
        programme_id=row["programme_id"],
        home_organisation_id=row["home_organisation_id"],
        balance=from_hundredths(row["balance"]),
        created_at=row["created_at"],
    )


async def _register(work: Work, body: MemberCreate) -> MemberRead:
    """Register a member whose home organisation is the caller, in one of its programmes."""
    db, caller = work.db, work.caller
    in_programme = await db.fetchval(
        """SELECT EXISTS (SELECT 1 FROM organisation_programmes
                           WHERE organisation_id = $1 AND programme_id = $2)""",
        caller.organisation_id,
        body.programme_id,
    )
    if not in_programme:
        raise InvalidInput.field("programme_id", "is not one of your organisation's programmes")
    if body.external_ref is not None and await db.fetchval(
        "SELECT EXISTS (SELECT 1 FROM members WHERE home_organisation_id = $1 "
        "AND external_ref = $2)",
        caller.organisation_id,
        body.external_ref,
    ):
        raise Conflict(f"you already registered a member with external_ref {body.external_ref!r}")
    mid = new_id("mem")
    account_id = await db.fetchval(
        "INSERT INTO accounts (kind, owner_id) VALUES ('member', $1) RETURNING id", mid
    )
    for _ in range(5):  # a card number collision is ~1e-9 likely: draw again, don't fail
        try:
            inserted = await db.fetchval(
                _INSERT,
                mid,
                cards.generate(),
                caller.organisation_id,
                body.programme_id,
                account_id,
                body.display_name,
                body.external_ref,
                body.year_of_birth,
                body.postcode_district,
                body.consent_contact,
                body.consent_research,
            )
        except asyncpg.UniqueViolationError as exc:
            # A concurrent registration with the same external_ref committed first.
            if exc.constraint_name == "members_home_organisation_id_external_ref_key":
                raise Conflict(
                    f"you already registered a member with external_ref {body.external_ref!r}"
                ) from None
            raise
        if inserted:
            break
    member = await get(db, caller, mid)
    work.record(
        "member.created",
        member,
        resource_id=mid,
        audience=(caller.organisation_id,),
        at=member.created_at,
    )
    return member


# A card number already held makes no row (ON CONFLICT on that one constraint only).
_INSERT = """
INSERT INTO members (id, card_number, home_organisation_id, programme_id, account_id,
                     display_name, external_ref, year_of_birth, postcode_district,
                     consent_contact, consent_research)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (card_number) DO NOTHING RETURNING true
"""

register = Operation("members.create", _register, MemberRead)


async def get(db: asyncpg.Connection, caller: Caller, member_id: str) -> MemberRead:
    return read(await get_row(db, caller, member_id), caller)


async def get_row(db: asyncpg.Connection, caller: Caller, member_id: str) -> asyncpg.Record:
    """The member's row if the caller may see it; NotFound otherwise (never confirms existence)."""
    row = await db.fetchrow(
        _SELECT + f" WHERE m.id = $3 AND {VISIBLE}",
        caller.organisation_id,
        caller.is_operator,
        member_id,
    )
    if row is None:
        raise NotFound(f"no member {member_id}")
    return row


async def is_visible(db: asyncpg.Connection, caller: Caller, member_id: str) -> bool:
    """Whether the caller may see this member (the VISIBLE rule), e.g. their balance."""
    return await db.fetchval(
        f"SELECT EXISTS (SELECT 1 FROM members m WHERE m.id = $3 AND {VISIBLE})",
        caller.organisation_id,
        caller.is_operator,
        member_id,
    )


def card_digits(card_number: str) -> str:
    """A mistyped number fails the check digit and is a 422, never a silent miss."""
    digits = cards.normalise(card_number)
    if digits is None:
        raise InvalidInput.field(
            "card_number", "is not a valid card number (12 digits; check for a typo)"
        )
    return digits


async def by_card_row(db: asyncpg.Connection, card_number: str) -> asyncpg.Record:
    """Holding the card is the person presenting themselves: any partner may find them by it."""
    row = await db.fetchrow(_SELECT + " WHERE m.card_number = $1", card_digits(card_number))
    if row is None:
        raise NotFound("no member has this card number")
    return row


async def search(
    db: asyncpg.Connection,
    caller: Caller,
    *,
    external_ref: str | None,
    card_number: str | None,
    limit: int,
    after: str | None,
) -> tuple[list[MemberRead], str | None]:
    """By card number (any partner), by your own external_ref, or all your members."""
    if card_number is not None:
        return [read(await by_card_row(db, card_number), caller)], None
    cursor = pagination.decode(after)
    rows = await db.fetch(
        _SELECT
        + """ WHERE m.home_organisation_id = $1
               AND ($2::text IS NULL OR m.external_ref = $2)
               AND ($3::bigint IS NULL OR m.seq < $3)
             ORDER BY m.seq DESC LIMIT $4""",
        caller.organisation_id,
        external_ref,
        cursor,
        limit + 1,
    )
    return pagination.page(rows, limit, lambda r: r["seq"], lambda r: read(r, caller))
