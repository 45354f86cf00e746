"""Programmes and organisations: the operator's admin rules and identity."""

import asyncpg

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
from app.services import keys, pagination
from app.services.errors import Conflict, InvalidInput, NotFound
from app.services.unit_of_work import Operation, Work

_ORG_SELECT = """
SELECT o.id, o.name, o.roles, o.created_at, a.balance, a.id AS account_id,
       coalesce(array_agg(op.programme_id ORDER BY op.programme_id)
                FILTER (WHERE op.programme_id IS NOT NULL), '{}') AS programme_ids
  FROM organisations o
  JOIN accounts a ON a.kind = 'organisation' AND a.owner_id = o.id
  LEFT JOIN organisation_programmes op ON op.organisation_id = o.id
"""


def programme_read(row: asyncpg.Record) -> ProgrammeRead:
    return ProgrammeRead(**{k: row[k] for k in ProgrammeRead.model_fields})


def organisation_read(row: asyncpg.Record) -> OrganisationRead:
    return OrganisationRead(
        id=row["id"],
        name=row["name"],
        roles=list(row["roles"]),
        programme_ids=list(row["programme_ids"]),
        balance=from_hundredths(row["balance"]),
        created_at=row["created_at"],
    )


async def _create_programme(work: Work, body: ProgrammeCreate) -> ProgrammeRead:
    """A programme and its issuance account (whose balance is minus the credits it issued)."""
    pid = new_id("prg")
    row = await work.db.fetchrow(
        """INSERT INTO programmes (id, name, place, focus, starts_on, ends_on)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (name) DO NOTHING RETURNING *""",
        pid,
        body.name,
        body.place,
        body.focus,
        body.starts_on,
        body.ends_on,
    )
    if row is None:
        raise Conflict(f"a programme named {body.name!r} already exists")
    await work.db.execute("INSERT INTO accounts (kind, owner_id) VALUES ('issuance', $1)", pid)
    return programme_read(row)


create_programme = Operation("programmes.create", _create_programme, ProgrammeRead)


async def list_programmes(
    db: asyncpg.Connection, *, limit: int, after: str | None
) -> tuple[list[ProgrammeRead], str | None]:
    """Oldest first (by start, then id), a page at a time."""
    last = pagination.decode_dated(after)
    rows = await db.fetch(
        """SELECT * FROM programmes
            WHERE $1::date IS NULL OR (starts_on, id) > ($1::date, $2::text)
            ORDER BY starts_on, id LIMIT $3""",
        last[0] if last else None,
        last[1] if last else None,
        limit + 1,
    )
    return pagination.page_by(
        rows, limit, lambda r: pagination.encode_dated(r["starts_on"], r["id"]), programme_read
    )


async def get_programme(db: asyncpg.Connection, programme_id: str) -> ProgrammeRead:
    row = await db.fetchrow("SELECT * FROM programmes WHERE id = $1", programme_id)
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
    known = await db.fetch("SELECT id FROM programmes WHERE id = ANY($1::text[])", programme_ids)
    missing = sorted(set(programme_ids) - {r["id"] for r in known})
    if missing:
        raise InvalidInput.field("programme_ids", f"unknown programme(s): {', '.join(missing)}")
    oid = new_id("org")
    await db.execute(
        "INSERT INTO organisations (id, name, roles) VALUES ($1, $2, $3)",
        oid,
        name,
        sorted(set(roles)),
    )
    await db.execute("INSERT INTO accounts (kind, owner_id) VALUES ('organisation', $1)", oid)
    await db.executemany(
        "INSERT INTO organisation_programmes (organisation_id, programme_id) VALUES ($1, $2)",
        [(oid, p) for p in programme_ids],
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
    row = await db.fetchrow(_ORG_SELECT + " WHERE o.id = $1 GROUP BY o.id, a.id", organisation_id)
    if row is None:
        raise NotFound(f"no organisation {organisation_id}")
    return row


async def org_account(db: asyncpg.Connection, organisation_id: str) -> asyncpg.Record:
    """id, roles, account_id and programme_ids of an organisation (NotFound if unknown)."""
    return await _org_row(db, organisation_id)


async def me(db: asyncpg.Connection, caller: Caller) -> OrganisationRead:
    return await get_organisation(db, caller.organisation_id)
