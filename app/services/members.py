"""Members: registration, lookup and who may see whom.

A member is visible to their home organisation, to the operator, to any organisation
the member has exchanged credits with, and to an organisation that accepted a referral of
the member (referrals.py: so it can credit them). Everyone else gets NotFound, never
Forbidden."""

import asyncpg
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert

from app.auth.caller import Caller
from app.ids import new_id
from app.models.members import CardHolder, MemberCreate, MemberRead
from app.models.money import from_hundredths
from app.models.tables import Account, Member, OrganisationProgramme
from app.services import cards, guesses, pagination
from app.services.errors import Conflict, InvalidInput, NotFound
from app.services.sql import Statement, model_columns, model_values, table
from app.services.unit_of_work import Operation, Work

# The one visibility rule ($1 = caller's organisation, $2 = caller is operator), on a
# member `m`. Its text is part of the earning's one statement too (ledger.EARN_*).
VISIBLE = """
($2 OR m.home_organisation_id = $1 OR EXISTS (
    SELECT 1 FROM accounts oa JOIN transfers t
        ON (t.debit_account_id = oa.id AND t.credit_account_id = m.account_id)
        OR (t.credit_account_id = oa.id AND t.debit_account_id = m.account_id)
     WHERE oa.kind = 'organisation' AND oa.owner_id = $1)
 OR EXISTS (SELECT 1 FROM referrals r
             WHERE r.member_id = m.id AND r.to_organisation_id = $1
               AND r.accepted_at IS NOT NULL))
"""

members = table(Member)
accounts = table(Account)
memberships = table(OrganisationProgramme)
m = members.alias("m")
a = accounts.alias("a")
# VISIBLE in Core statements, its parameters named.
_named = VISIBLE.replace("$1", ":caller_organisation_id").replace("$2", ":caller_is_operator")
if "$" in _named:
    raise RuntimeError("members.VISIBLE takes $1 and $2 only: name any other parameter here")
_visible = sa.text(_named).bindparams(
    sa.bindparam("caller_organisation_id", type_=sa.Text),
    sa.bindparam("caller_is_operator", type_=sa.Boolean),
)
# What read() needs (MemberRead's fields), and what the ledger needs besides (the wallet)
# and pages by.
_MEMBER = (
    sa.select(*model_columns(MemberRead, m, balance=a.c.balance), m.c.account_id, m.c.seq)
    .select_from(m)
    .join(a, a.c.id == m.c.account_id)
)
_GET_VISIBLE = Statement(_MEMBER.where(m.c.id == sa.bindparam("member_id"), _visible))
_IS_VISIBLE = Statement(sa.select(sa.exists().where(m.c.id == sa.bindparam("member_id"), _visible)))
_BY_CARD = Statement(
    _MEMBER.add_columns(
        (m.c.pin_hash.is_not(None) & m.c.pin_locked_at.is_(None)).label("can_pay")
    ).where(m.c.card_number == sa.bindparam("card_number"))
)
# The home organisation's members, newest first; by external_ref when it is not null, after
# the cursor's seq when that is not null.
_external_ref = sa.bindparam("external_ref", type_=sa.Text)
_before = sa.bindparam("before", type_=m.c.seq.type)
_HOME = Statement(
    _MEMBER.where(
        m.c.home_organisation_id == sa.bindparam("organisation_id"),
        sa.or_(_external_ref.is_(None), m.c.external_ref == _external_ref),
        sa.or_(_before.is_(None), m.c.seq < _before),
    )
    .order_by(m.c.seq.desc())
    .limit(sa.bindparam("limit"))
)
_IN_PROGRAMME = Statement(
    sa.select(
        sa.exists().where(
            memberships.c.organisation_id == sa.bindparam("organisation_id"),
            memberships.c.programme_id == sa.bindparam("programme_id"),
        )
    )
)
_REF_TAKEN = Statement(
    sa.select(
        sa.exists().where(
            m.c.home_organisation_id == sa.bindparam("organisation_id"),
            m.c.external_ref == sa.bindparam("external_ref"),
        )
    )
)
_OPEN_WALLET = Statement(
    sa.insert(accounts)
    .values(kind="member", owner_id=sa.bindparam("owner_id"))
    .returning(accounts.c.id)
)
# A card number already held makes no row (ON CONFLICT on that one constraint only).
_INSERT = Statement(
    pg_insert(members)
    .values(
        {
            name: sa.bindparam(name)
            for name in model_values(
                MemberCreate, members, "id", "card_number", "home_organisation_id", "account_id"
            )
        }
    )
    .on_conflict_do_nothing(index_elements=[members.c.card_number])
    .returning(members.c.id)
)


def read(row: asyncpg.Record, caller: Caller) -> MemberRead:
    own = row["home_organisation_id"] == caller.organisation_id or caller.is_operator
    values = {k: row[k] for k in MemberRead.model_fields}
    values["card_number"] = cards.display(row["card_number"])
    values["balance"] = from_hundredths(row["balance"])
    if not own:
        values["external_ref"] = None
    return MemberRead(**values)


async def _register(work: Work, body: MemberCreate) -> MemberRead:
    """Register a member whose home organisation is the caller, in one of its programmes."""
    db, caller = work.db, work.caller
    in_programme = await _IN_PROGRAMME.fetchval(
        db, organisation_id=caller.organisation_id, programme_id=body.programme_id
    )
    if not in_programme:
        raise InvalidInput.field("programme_id", "is not one of your organisation's programmes")
    if body.external_ref is not None and await _REF_TAKEN.fetchval(
        db, organisation_id=caller.organisation_id, external_ref=body.external_ref
    ):
        raise Conflict(f"you already registered a member with external_ref {body.external_ref!r}")
    mid = new_id("mem")
    account_id = await _OPEN_WALLET.fetchval(db, owner_id=mid)
    for _ in range(5):  # a card number collision is ~1e-9 likely: draw again, don't fail
        try:
            inserted = await _INSERT.fetchval(
                db,
                **body.model_dump(),
                id=mid,
                card_number=cards.generate(),
                home_organisation_id=caller.organisation_id,
                account_id=account_id,
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


register = Operation("members.create", _register, MemberRead)


async def get(db: asyncpg.Connection, caller: Caller, member_id: str) -> MemberRead:
    return read(await get_row(db, caller, member_id), caller)


async def get_row(db: asyncpg.Connection, caller: Caller, member_id: str) -> asyncpg.Record:
    """The member's row if the caller may see it; NotFound otherwise (never confirms existence)."""
    row = await _GET_VISIBLE.fetchrow(
        db,
        member_id=member_id,
        caller_organisation_id=caller.organisation_id,
        caller_is_operator=caller.is_operator,
    )
    if row is None:
        raise NotFound(f"no member {member_id}")
    return row


async def home_row(db: asyncpg.Connection, caller: Caller, member_id: str) -> asyncpg.Record:
    """The member's row if the caller is their home organisation; NotFound otherwise, even
    for a member the caller may see: what only the home does for a member (set a PIN, issue
    a code, deposit a note) is refused as if the member did not exist (DESIGN §3)."""
    row = await get_row(db, caller, member_id)
    if row["home_organisation_id"] != caller.organisation_id:
        raise NotFound(f"no member {member_id}")
    return row


async def is_visible(db: asyncpg.Connection, caller: Caller, member_id: str) -> bool:
    """Whether the caller may see this member (the VISIBLE rule), e.g. their balance."""
    return await _IS_VISIBLE.fetchval(
        db,
        member_id=member_id,
        caller_organisation_id=caller.organisation_id,
        caller_is_operator=caller.is_operator,
    )


def card_digits(card_number: str) -> str:
    """A mistyped number fails the check digit and is a 422, never a silent miss."""
    digits = cards.normalise(card_number)
    if digits is None:
        raise InvalidInput.field(
            "card_number", "is not a valid card number (12 digits; check for a typo)"
        )
    return digits


async def card_holder(
    db: asyncpg.Connection, caller: Caller, card_number: str
) -> MemberRead | CardHolder:
    """The member shown a card. Their home organisation (and the operator) gets the whole
    record; any other organisation, a desk with the card in front of it, gets only the id,
    initials and whether the card can pay (DESIGN §3). Numbers that belong to nobody count
    against the asking key (guesses.py): card numbers cannot be found by trying them."""
    digits = card_digits(card_number)
    await guesses.check(db, caller.key_id)
    row = await _BY_CARD.fetchrow(db, card_number=digits)
    if row is None:
        await guesses.missed(db, caller.key_id)
        raise NotFound("no member has this card number")
    if row["home_organisation_id"] == caller.organisation_id or caller.is_operator:
        return read(row, caller)
    return CardHolder(id=row["id"], initials=initials(row["display_name"]), can_pay=row["can_pay"])


def initials(display_name: str) -> str:
    """ "Asha K." → "A. K.": the first letter of each word, for a visual check at the desk."""
    return " ".join(f"{word[0].upper()}." for word in display_name.split() if word[0].isalnum())


async def search(
    db: asyncpg.Connection,
    caller: Caller,
    *,
    external_ref: str | None,
    card_number: str | None,
    limit: int,
    after: str | None,
) -> pagination.Page[MemberRead | CardHolder]:
    """By card number (any partner: see card_holder), by your own external_ref, or all
    your members."""
    if card_number is not None:
        return [await card_holder(db, caller, card_number)], None
    cursor = pagination.decode(after)
    rows = await _HOME.fetch(
        db,
        organisation_id=caller.organisation_id,
        external_ref=external_ref,
        before=cursor,
        limit=limit + 1,
    )
    return pagination.page(rows, limit, lambda r: r["seq"], lambda r: read(r, caller))
