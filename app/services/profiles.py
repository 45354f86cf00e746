"""Organisation profiles: what the directory shows of an organisation, and who may change it.

Only public fields are selected here (PUBLIC_COLUMNS): balances, keys and members live in
other tables and never reach a directory response."""

from typing import Any

import asyncpg

from app.auth.caller import Caller
from app.models.directory import DirectoryOrganisation, DirectoryQuery, ProfileUpdate
from app.services import directory_search as search
from app.services.errors import InvalidInput, NotFound

PUBLIC_COLUMNS = """
o.id, o.name, o.roles, o.description, o.website, o.public_email, o.public_phone,
o.address_line, o.town, o.postcode, o.latitude, o.longitude, o.opening_hours,
o.accessibility, o.categories, o.logo_url, o.updated_at,
ARRAY(SELECT op.programme_id FROM organisation_programmes op
       WHERE op.organisation_id = o.id ORDER BY op.programme_id) AS programme_ids
"""
# The fields of a place: when any of them changes, listings that follow the
# organisation's location move with it.
LOCATION = ("address_line", "town", "postcode", "latitude", "longitude")
ORGANISATIONS = search.Target(alias="o", title="lower(o.name)")


def read(row: asyncpg.Record) -> DirectoryOrganisation:
    return DirectoryOrganisation(
        **{k: row[k] for k in DirectoryOrganisation.model_fields if k != "distance_km"},
        distance_km=search.distance_km(row.get("distance")),
    )


def check_point(body: Any) -> None:
    """Both coordinates or neither: the model's validator sees values, not which fields a
    PATCH sent, and `{"latitude": null}` alone would leave half a point."""
    sent = {"latitude", "longitude"} & body.model_fields_set
    if len(sent) == 1:
        missing = ({"latitude", "longitude"} - sent).pop()
        raise InvalidInput.field(missing, "latitude and longitude are sent together")


def column_values(body: Any, names: set[str]) -> dict[str, Any]:
    """Model fields → column values (URLs as text, schedules as plain JSON data)."""
    values: dict[str, Any] = {}
    for name in names:
        value = getattr(body, name)
        if name in ("opening_hours", "schedule"):
            value = [slot.model_dump(mode="json") for slot in value or []]
        elif name in ("accessibility", "categories"):
            value = value or []
        elif value is not None and name in ("website", "logo_url", "public_email"):
            value = str(value)
        values[name] = value
    return values


async def get(db: asyncpg.Connection, organisation_id: str) -> DirectoryOrganisation:
    row = await db.fetchrow(
        f"SELECT {PUBLIC_COLUMNS} FROM organisations o WHERE o.id = $1", organisation_id
    )
    if row is None:
        raise NotFound("no such organisation")
    return read(row)


async def update(
    db: asyncpg.Connection, caller: Caller, body: ProfileUpdate
) -> DirectoryOrganisation:
    """Set the fields sent (null clears one). Listings without a location of their own
    follow the organisation's new address."""
    check_point(body)
    values = column_values(body, body.model_fields_set)
    if values:
        sets = ", ".join(f"{name} = ${i}" for i, name in enumerate(values, start=2))
        async with db.transaction():
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


async def search_organisations(
    db: asyncpg.Connection, query: DirectoryQuery, *, limit: int, after: str | None
) -> tuple[list[DirectoryOrganisation], str | None]:
    sql = search.Sql()
    if query.role is not None:
        sql.where.append(f"{sql.param(query.role)} = ANY (o.roles)")
    plan = search.build(ORGANISATIONS, query, after, limit, sql)
    where = " AND ".join(sql.where) or "true"
    rows = await db.fetch(
        f"{sql.with_()} SELECT {PUBLIC_COLUMNS}, {plan.extras} FROM organisations o "
        f"WHERE {where} {plan.tail('o.id')}",
        *sql.params,
    )
    rows, cursor = search.page(rows, limit, plan.mode)
    return [read(r) for r in rows], cursor
