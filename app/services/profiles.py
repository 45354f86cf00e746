"""Organisation profiles: what the directory shows of an organisation, and who may change it.

Only public fields are selected here (PUBLIC_COLUMNS): balances, keys and members live in
other tables and never reach a directory response."""

from functools import lru_cache
from typing import Any

import asyncpg
import sqlalchemy as sa

from app.models.directory import DirectoryOrganisation, DirectoryQuery, ProfileUpdate
from app.models.tables import Listing, Organisation
from app.services import directory_search as search
from app.services import pagination
from app.services.errors import NotFound
from app.services.organisations import programme_ids_of
from app.services.sql import Statement, model_columns, select_list, table
from app.services.unit_of_work import Operation, Work

organisations = table(Organisation)
listings = table(Listing)
o = organisations.alias("o")
# The columns of a place: when any of them changes, listings that follow the
# organisation's location move with it.
LOCATION = ("address_line", "town", "postcode", "latitude", "longitude")
ADDRESS_COLUMNS = {"line1": "address_line", "town": "town", "postcode": "postcode"}
# Request fields stored under another column name.
_COLUMNS = {"email": organisations.c.public_email.name, "phone": organisations.c.public_phone.name}
# The public profile, and the place columns read() makes `address` and `location` of.
_PUBLIC = [
    *model_columns(
        DirectoryOrganisation,
        o,
        programme_ids=programme_ids_of(o.c.id),
        **{field: o.c[column] for field, column in _COLUMNS.items()},
        address=None,
        location=None,
        distance_km=None,
    ),
    *(o.c[name] for name in LOCATION),
]
# For the directory search's hand-written statement (search_organisations).
PUBLIC_COLUMNS = select_list(_PUBLIC, o)
ORGANISATIONS = search.Target(alias="o", title="lower(o.name)")
# Fields read as their columns are (the others: read()).
_READ_COLUMNS = set(DirectoryOrganisation.model_fields) - {"address", "location", "distance_km"}
_GET = Statement(sa.select(*_PUBLIC).where(o.c.id == sa.bindparam("id")))
# Listings without a place of their own move with their organisation.
_l = listings.alias("l")
_FOLLOW = Statement(
    sa.update(_l)
    .values({**{name: o.c[name] for name in LOCATION}, "updated_at": sa.func.now()})
    .where(
        o.c.id == sa.bindparam("organisation_id"),
        _l.c.organisation_id == o.c.id,
        ~_l.c.own_location,
        _l.c.archived_at.is_(None),
    )
)


@lru_cache(maxsize=256)
def _set(names: tuple[str, ...]) -> Statement:
    """UPDATE of the profile's columns a PATCH sent (one Statement per set of columns)."""
    return Statement(
        sa.update(organisations)
        .values({**{name: sa.bindparam(name) for name in names}, "updated_at": sa.func.now()})
        .where(organisations.c.id == sa.bindparam("organisation_id"))
    )


def place(row: asyncpg.Record) -> dict[str, Any]:
    """`address` and `location` of a row: null when it has none (as listings.listing_json)."""
    address = {key: row[column] for key, column in ADDRESS_COLUMNS.items()}
    has_point = row["latitude"] is not None
    return {
        "address": address if any(v is not None for v in address.values()) else None,
        "location": {"lat": row["latitude"], "lon": row["longitude"]} if has_point else None,
    }


def read(row: asyncpg.Record) -> DirectoryOrganisation:
    return DirectoryOrganisation(
        **{k: row[k] for k in _READ_COLUMNS},
        **place(row),
        distance_km=search.distance_km(row.get("distance")),
    )


def place_values(body: Any) -> dict[str, Any]:
    """The columns of the `address` and `location` a request sent. Inside `address`, only
    the fields sent change; `null` clears the whole of either."""
    values: dict[str, Any] = {}
    sent = body.model_fields_set
    if "address" in sent:
        if body.address is None:
            values.update(dict.fromkeys(ADDRESS_COLUMNS.values()))
        else:
            for name in body.address.model_fields_set:
                values[ADDRESS_COLUMNS[name]] = getattr(body.address, name)
    if "location" in sent:
        point = body.location
        values["latitude"] = point.lat if point else None
        values["longitude"] = point.lon if point else None
    return values


def column_values(body: Any, names: set[str]) -> dict[str, Any]:
    """Model fields → column values (URLs as text, schedules as plain JSON data)."""
    values = place_values(body)
    for name in names - {"address", "location"}:
        value = getattr(body, name)
        if name in ("opening_hours", "schedule"):
            value = [slot.model_dump(mode="json") for slot in value or []]
        elif name in ("accessibility", "categories"):
            value = value or []
        elif value is not None and name in ("website", "logo_url", "email"):
            value = str(value)
        values[_COLUMNS.get(name, name)] = value
    return values


async def get(db: asyncpg.Connection, organisation_id: str) -> DirectoryOrganisation:
    row = await _GET.fetchrow(db, id=organisation_id)
    if row is None:
        raise NotFound("no such organisation")
    return read(row)


async def _update(work: Work, body: ProfileUpdate) -> DirectoryOrganisation:
    """Set the fields sent (null clears one). Listings without a location of their own
    follow the organisation's new address."""
    db, caller = work.db, work.caller
    values = column_values(body, body.model_fields_set)
    if values:
        await _set(tuple(sorted(values))).execute(
            db, **values, organisation_id=caller.organisation_id
        )
        if values.keys() & set(LOCATION):
            await _FOLLOW.execute(db, organisation_id=caller.organisation_id)
    return await get(db, caller.organisation_id)


update = Operation("organisations.update_profile", _update, DirectoryOrganisation, status=200)


async def search_organisations(
    db: asyncpg.Connection, query: DirectoryQuery, *, limit: int, after: str | None
) -> pagination.Page[DirectoryOrganisation]:
    sql = search.Sql()
    if query.role is not None:
        sql.where.append(f"{sql.param(query.role)} = ANY (o.roles)")
    plan = search.build(ORGANISATIONS, await search.bounded(db, query), after, limit, sql)
    where = " AND ".join(sql.where) or "true"
    rows = await db.fetch(
        f"{sql.with_()} SELECT {PUBLIC_COLUMNS}, {plan.extras} FROM organisations o "
        f"WHERE {where} {plan.tail('o.id')}",
        *sql.params,
    )
    return search.page(rows, limit, plan).map(read)
