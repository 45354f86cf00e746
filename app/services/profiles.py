"""Organisation profiles: what the directory shows of an organisation, and who may change it.

Only public fields are selected here (PUBLIC_COLUMNS): balances, keys and members live in
other tables and never reach a directory response."""

from typing import Any

import asyncpg

from app.models.directory import DirectoryOrganisation, DirectoryQuery, ProfileUpdate
from app.services import directory_search as search
from app.services.errors import NotFound
from app.services.unit_of_work import Operation, Work

PUBLIC_COLUMNS = """
o.id, o.name, o.roles, o.description, o.website, o.public_email, o.public_phone,
o.address_line, o.town, o.postcode, o.latitude, o.longitude, o.opening_hours,
o.accessibility, o.categories, o.logo_url, o.updated_at,
ARRAY(SELECT op.programme_id FROM organisation_programmes op
       WHERE op.organisation_id = o.id ORDER BY op.programme_id) AS programme_ids
"""
# The columns of a place: when any of them changes, listings that follow the
# organisation's location move with it.
LOCATION = ("address_line", "town", "postcode", "latitude", "longitude")
ADDRESS_COLUMNS = {"line1": "address_line", "town": "town", "postcode": "postcode"}
# Request fields stored under another column name.
_COLUMNS = {"email": "public_email", "phone": "public_phone"}
ORGANISATIONS = search.Target(alias="o", title="lower(o.name)")
# Fields read as their columns are (the others: read()).
_READ_COLUMNS = set(DirectoryOrganisation.model_fields) - {
    "address",
    "location",
    "email",
    "phone",
    "distance_km",
}


def place(row: asyncpg.Record) -> dict[str, Any]:
    """`address` and `location` of a row: null when it has none (as listings._json)."""
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
        email=row["public_email"],
        phone=row["public_phone"],
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
    row = await db.fetchrow(
        f"SELECT {PUBLIC_COLUMNS} FROM organisations o WHERE o.id = $1", organisation_id
    )
    if row is None:
        raise NotFound("no such organisation")
    return read(row)


async def _update(work: Work, body: ProfileUpdate) -> DirectoryOrganisation:
    """Set the fields sent (null clears one). Listings without a location of their own
    follow the organisation's new address."""
    db, caller = work.db, work.caller
    values = column_values(body, body.model_fields_set)
    if values:
        sets = ", ".join(f"{name} = ${i}" for i, name in enumerate(values, start=2))
        await db.execute(
            f"UPDATE organisations SET {sets}, updated_at = now() WHERE id = $1",
            caller.organisation_id,
            *values.values(),
        )
        if values.keys() & set(LOCATION):
            await db.execute(
                """UPDATE listings l
                      SET address_line = o.address_line, town = o.town,
                          postcode = o.postcode, latitude = o.latitude,
                          longitude = o.longitude, updated_at = now()
                     FROM organisations o
                    WHERE o.id = $1 AND l.organisation_id = o.id
                      AND NOT l.own_location AND l.archived_at IS NULL""",
                caller.organisation_id,
            )
    return await get(db, caller.organisation_id)


update = Operation("organisations.update_profile", _update, DirectoryOrganisation, status=200)


async def search_organisations(
    db: asyncpg.Connection, query: DirectoryQuery, *, limit: int, after: str | None
) -> tuple[list[DirectoryOrganisation], str | None]:
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
    rows, cursor = search.page(rows, limit, plan)
    return [read(r) for r in rows], cursor
