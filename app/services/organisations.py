"""Programmes and organisations: the operator's admin rules and identity."""

from typing import Any

import asyncpg
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert

from app.auth.caller import Caller
from app.auth.scopes import allowed_for
from app.ids import new_id
from app.models.money import from_hundredths
from app.models.organisations import (
    OrganisationCreate,
    OrganisationCreated,
    OrganisationRead,
    ProgrammeCreate,
    ProgrammeRead,
)
from app.models.tables import Account, Organisation, OrganisationProgramme, Programme
from app.services import keys, pagination
from app.services.errors import Conflict, InvalidInput, NotFound
from app.services.sql import Statement, model_columns, model_values, table
from app.services.unit_of_work import Operation, Work

programmes = table(Programme)
organisations = table(Organisation)
memberships = table(OrganisationProgramme)
accounts = table(Account)

_PROGRAMME = model_columns(ProgrammeRead, programmes)
_CREATE_PROGRAMME = Statement(
    pg_insert(programmes)
    .values({name: sa.bindparam(name) for name in model_values(ProgrammeCreate, programmes, "id")})
    .on_conflict_do_nothing(index_elements=[programmes.c.name])
    .returning(*_PROGRAMME)
)
_GET_PROGRAMME = Statement(sa.select(*_PROGRAMME).where(programmes.c.id == sa.bindparam("id")))
# Oldest first (by start, then id): the first page when after_on is null.
_after_on = sa.bindparam("after_on", type_=programmes.c.starts_on.type)
_PROGRAMMES = Statement(
    sa.select(*_PROGRAMME)
    .where(
        sa.or_(
            _after_on.is_(None),
            sa.tuple_(programmes.c.starts_on, programmes.c.id)
            > sa.tuple_(_after_on, sa.bindparam("after_id", type_=sa.Text)),
        )
    )
    .order_by(programmes.c.starts_on, programmes.c.id)
    .limit(sa.bindparam("limit"))
)
_KNOWN_PROGRAMMES = Statement(
    sa.select(programmes.c.id).where(
        programmes.c.id == sa.any_(sa.bindparam("ids", type_=ARRAY(sa.Text)))
    )
)
# An account of each kind per owner: a programme's issuance account, an organisation's own.
_OPEN_ACCOUNT = Statement(
    sa.insert(accounts).values(kind=sa.bindparam("kind"), owner_id=sa.bindparam("owner_id"))
)
_CREATE_ORGANISATION = Statement(
    sa.insert(organisations).values(
        id=sa.bindparam("id"), name=sa.bindparam("name"), roles=sa.bindparam("roles")
    )
)
_JOIN_PROGRAMME = Statement(
    sa.insert(memberships).values(
        organisation_id=sa.bindparam("organisation_id"), programme_id=sa.bindparam("programme_id")
    )
)


def programme_ids_of(organisation_id: sa.ColumnElement[str]) -> sa.ColumnElement[Any]:
    """An organisation's programmes, A-Z by id (an empty array for none)."""
    op = memberships.alias("op")
    ids = (
        sa.select(op.c.programme_id)
        .where(op.c.organisation_id == organisation_id)
        .order_by(op.c.programme_id)
        .scalar_subquery()
    )
    return sa.func.array(ids, type_=ARRAY(sa.Text))


_ORG = sa.select(
    *model_columns(
        OrganisationRead,
        organisations,
        programme_ids=programme_ids_of(organisations.c.id),
        balance=accounts.c.balance,
    ),
    accounts.c.id.label("account_id"),
).join_from(
    organisations,
    accounts,
    sa.and_(accounts.c.kind == "organisation", accounts.c.owner_id == organisations.c.id),
)
_GET_ORGANISATION = Statement(_ORG.where(organisations.c.id == sa.bindparam("id")))


def programme_read(row: asyncpg.Record) -> ProgrammeRead:
    return ProgrammeRead(**{k: row[k] for k in ProgrammeRead.model_fields})


def organisation_read(row: asyncpg.Record) -> OrganisationRead:
    values = {k: row[k] for k in OrganisationRead.model_fields}
    values["balance"] = from_hundredths(row["balance"])
    return OrganisationRead(**values)


async def _create_programme(work: Work, body: ProgrammeCreate) -> ProgrammeRead:
    """A programme and its issuance account (whose balance is minus the credits it issued)."""
    pid = new_id("prg")
    row = await _CREATE_PROGRAMME.fetchrow(work.db, id=pid, **body.model_dump())
    if row is None:
        raise Conflict(f"a programme named {body.name!r} already exists")
    await _OPEN_ACCOUNT.execute(work.db, kind="issuance", owner_id=pid)
    return programme_read(row)


create_programme = Operation("programmes.create", _create_programme, ProgrammeRead)


async def list_programmes(
    db: asyncpg.Connection, *, limit: int, after: str | None
) -> pagination.Page[ProgrammeRead]:
    """Oldest first (by start, then id), a page at a time."""
    last = pagination.decode_dated(after)
    rows = await _PROGRAMMES.fetch(
        db,
        after_on=last[0] if last else None,
        after_id=last[1] if last else None,
        limit=limit + 1,
    )
    return pagination.page_by(
        rows, limit, lambda r: pagination.encode_dated(r["starts_on"], r["id"]), programme_read
    )


async def get_programme(db: asyncpg.Connection, programme_id: str) -> ProgrammeRead:
    row = await _GET_PROGRAMME.fetchrow(db, id=programme_id)
    if row is None:
        raise NotFound(f"no programme {programme_id}")
    return programme_read(row)


async def onboard(
    work: Work, *, name: str, roles: list[str], programme_ids: list[str], key_name: str
) -> OrganisationCreated:
    """An organisation with its account, its programme memberships and its first API key
    (every scope its roles allow), whose secret is in the result only. The operator's
    onboarding (POST /v1/organisations), `timecredits bootstrap` and the demo loader all
    come here."""
    db = work.db
    programme_ids = sorted(set(programme_ids))
    known = await _KNOWN_PROGRAMMES.fetch(db, ids=programme_ids)
    missing = sorted(set(programme_ids) - {r["id"] for r in known})
    if missing:
        raise InvalidInput.field("programme_ids", f"unknown programme(s): {', '.join(missing)}")
    oid = new_id("org")
    await _CREATE_ORGANISATION.execute(db, id=oid, name=name, roles=sorted(set(roles)))
    await _OPEN_ACCOUNT.execute(db, kind="organisation", owner_id=oid)
    await _JOIN_PROGRAMME.executemany(
        db, [{"organisation_id": oid, "programme_id": p} for p in programme_ids]
    )
    org = await get_organisation(db, oid)
    first = await keys.mint(
        db,
        organisation_id=oid,
        name=key_name,
        scopes=sorted(allowed_for(org.roles)),
        pepper=work.env.pepper,
    )
    return OrganisationCreated(**org.model_dump(), api_key=first)


async def _create_organisation(work: Work, body: OrganisationCreate) -> OrganisationCreated:
    return await onboard(
        work,
        name=body.name,
        roles=list(body.roles),
        programme_ids=body.programme_ids,
        key_name="first key",
    )


create_organisation = Operation("organisations.create", _create_organisation, OrganisationCreated)


async def get_organisation(db: asyncpg.Connection, organisation_id: str) -> OrganisationRead:
    row = await _org_row(db, organisation_id)
    return organisation_read(row)


async def _org_row(db: asyncpg.Connection, organisation_id: str) -> asyncpg.Record:
    row = await _GET_ORGANISATION.fetchrow(db, id=organisation_id)
    if row is None:
        raise NotFound(f"no organisation {organisation_id}")
    return row


async def org_account(db: asyncpg.Connection, organisation_id: str) -> asyncpg.Record:
    """id, roles, account_id and programme_ids of an organisation (NotFound if unknown)."""
    return await _org_row(db, organisation_id)


async def me(db: asyncpg.Connection, caller: Caller) -> OrganisationRead:
    return await get_organisation(db, caller.organisation_id)
