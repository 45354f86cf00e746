"""Offers and opportunities: a spend partner's offers (what credits buy) and an earn
partner's opportunities (volunteering roles). One table, one set of rules:

- only a spend partner publishes offers, only an earn partner opportunities (403);
- an organisation changes only its own listings; another's is a 404, never a 403;
- DELETE archives: the listing leaves search but keeps its id, its history and its page;
- without a location of its own, a listing is where its organisation is, and moves with it;
- accessibility defaults to the organisation's (the venue's features are the offer's)."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import asyncpg
import sqlalchemy as sa

from app.auth.caller import Caller
from app.ids import new_id
from app.models.directory import (
    DirectoryQuery,
    ListingChange,
    ListingRef,
    OfferCreate,
    OfferRead,
    OpportunityCreate,
    OpportunityRead,
)
from app.models.money import from_hundredths, to_hundredths
from app.models.tables import Listing as ListingTable
from app.models.tables import Organisation
from app.services import directory_search as search
from app.services import pagination, sqljson, unit_of_work
from app.services.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.services.profiles import LOCATION, column_values, place
from app.services.sql import Statement, model_columns, table
from app.services.unit_of_work import Operation, Work

Kind = Literal["offer", "opportunity"]
Listing = OfferRead | OpportunityRead


@dataclass(frozen=True)
class KindRules:
    prefix: str
    role: str
    noun: str


KINDS: dict[Kind, KindRules] = {
    "offer": KindRules(prefix="off", role="spend_partner", noun="offer"),
    "opportunity": KindRules(prefix="opp", role="earn_partner", noun="opportunity"),
}
listings = table(ListingTable)
organisations = table(Organisation)
listing = listings.alias("l")
owner = organisations.alias("o")
# Fields read() makes in Python from other columns: the rest are read as stored.
_MADE_IN_PYTHON = ("category", "address", "location", "status", "distance_km")
_SHARED = {"organisation_name": owner.c.name, **dict.fromkeys(_MADE_IN_PYTHON)}
# Both kinds' fields, the kind, and the place columns `address` and `location` are made of.
_READ = {
    column.name: column
    for column in (
        *model_columns(
            OfferRead,
            listing,
            **_SHARED,
            credits=listing.c.price,
            child_credits=listing.c.child_price,
        ),
        *model_columns(OpportunityRead, listing, **_SHARED),
        listing.c.kind,
        *(listing.c[name] for name in LOCATION),
    )
}
_AS_STORED = [
    name
    for name in OfferRead.model_fields
    if name in OpportunityRead.model_fields and name not in _MADE_IN_PYTHON
]
_GET = Statement(
    sa.select(*_READ.values())
    .select_from(listing.join(owner, owner.c.id == listing.c.organisation_id))
    .where(listing.c.id == sa.bindparam("id"), listing.c.kind == sa.bindparam("kind"))
)
# What an update or archiving checks first, the row locked until the change commits.
_OWN = Statement(
    sa.select(
        listings.c.archived_at,
        listings.c.valid_from,
        listings.c.valid_until,
        listings.c.categories,
    )
    .where(
        listings.c.id == sa.bindparam("id"),
        listings.c.kind == sa.bindparam("kind"),
        listings.c.organisation_id == sa.bindparam("organisation_id"),
    )
    .with_for_update()
)
_ARCHIVE = Statement(
    sa.update(listings)
    .values(archived_at=sa.func.now(), updated_at=sa.func.now())
    .where(listings.c.id == sa.bindparam("listing_id"))
)


@lru_cache(maxsize=8)
def _organisation_place(names: tuple[str, ...]) -> Statement:
    """The organisation's columns a new listing takes (where it is, its accessibility)."""
    return Statement(
        sa.select(*(organisations.c[name] for name in names)).where(
            organisations.c.id == sa.bindparam("id")
        )
    )


@lru_cache(maxsize=256)
def _insert(names: tuple[str, ...]) -> Statement:
    """INSERT of the columns a new listing sets (one Statement per set of columns)."""
    return Statement(sa.insert(listings).values({name: sa.bindparam(name) for name in names}))


@lru_cache(maxsize=256)
def _set(names: tuple[str, ...]) -> Statement:
    """UPDATE of the columns a PATCH sent (one Statement per set of columns)."""
    return Statement(
        sa.update(listings)
        .values({**{name: sa.bindparam(name) for name in names}, "updated_at": sa.func.now()})
        .where(listings.c.id == sa.bindparam("listing_id"))
    )


LISTINGS = search.Target(alias="l", title="lower(l.title)", near_index_has_categories=True)
# Fields a request sets as they are (credits go in hundredths; the categories with the
# main one first).
_WRITABLE = (
    "title",
    "description",
    "schedule",
    "valid_from",
    "valid_until",
    "capacity",
    "commitment",
    "accessibility",
    "address",
    "location",
)
_REQUIRED = ("title", "category", "credits")
_PLACE = {"address", "location"}


def read(row: asyncpg.Record) -> Listing:
    common: dict[str, Any] = {k: row[k] for k in _AS_STORED}
    common.update(place(row), category=row["categories"][0])
    common["status"] = "archived" if row["archived_at"] is not None else "active"
    common["distance_km"] = search.distance_km(row.get("distance"))
    if row["kind"] == "offer":
        child = row["child_credits"]
        return OfferRead(
            **common,
            credits=from_hundredths(row["credits"]),
            child_credits=None if child is None else from_hundredths(child),
            restrictions=row["restrictions"],
        )
    return OpportunityRead(**common, commitment=row["commitment"])


MAX_CATEGORIES = 10


def categories(main: str, others: list[str] | None) -> list[str]:
    """How a listing stores its categories: the main one first, then the others A-Z; at
    most MAX_CATEGORIES with the main one (a 422 on `categories` beyond)."""
    stored = [main, *sorted(set(others or []) - {main})]
    if len(stored) > MAX_CATEGORIES:
        raise InvalidInput.field(
            "categories", f"at most {MAX_CATEGORIES}, `category` included: drop some"
        )
    return stored


def _values(body: Any, fields: set[str]) -> dict[str, Any]:
    values = column_values(body, fields & set(_WRITABLE))
    if "credits" in fields and body.credits is not None:
        values["price"] = to_hundredths(body.credits)
    if "child_credits" in fields:  # null clears it
        values["child_price"] = (
            None if body.child_credits is None else to_hundredths(body.child_credits)
        )
    if "restrictions" in fields:
        values["restrictions"] = (
            None if body.restrictions is None else body.restrictions.model_dump(mode="json")
        )
    return values


async def create(work: Work, kind: Kind, body: OfferCreate | OpportunityCreate) -> Listing:
    db, caller = work.db, work.caller
    rules = KINDS[kind]
    if rules.role not in caller.roles:
        raise Forbidden(f"only a {rules.role} publishes {rules.noun}s")
    values = _values(body, set(type(body).model_fields))
    values["categories"] = categories(body.category, body.categories)
    own_location = bool(_PLACE & body.model_fields_set)
    inherited = [] if own_location else list(LOCATION)  # where the organisation is
    if "accessibility" not in body.model_fields_set:
        inherited.append("accessibility")
    if inherited:
        org = await _organisation_place(tuple(inherited)).fetchrow(db, id=caller.organisation_id)
        values.update({k: org[k] for k in inherited})
    listing_id = new_id(rules.prefix)
    values.update(id=listing_id, kind=kind, organisation_id=caller.organisation_id)
    values["own_location"] = own_location
    await _insert(tuple(sorted(values))).execute(db, **values)
    return await get(db, kind, listing_id)


async def get(db: asyncpg.Connection, kind: Kind, listing_id: str) -> Listing:
    """Any directory reader may read any listing, archived ones included (by id)."""
    row = await _GET.fetchrow(db, id=listing_id, kind=kind)
    if row is None:
        raise NotFound(f"no such {KINDS[kind].noun}")
    return read(row)


async def _own(
    db: asyncpg.Connection, caller: Caller, kind: Kind, listing_id: str
) -> asyncpg.Record:
    row = await _OWN.fetchrow(db, id=listing_id, kind=kind, organisation_id=caller.organisation_id)
    if row is None:
        raise NotFound(f"no such {KINDS[kind].noun}")
    return row


async def update(work: Work, kind: Kind, change: ListingChange) -> Listing:
    """Set the fields sent; a location field sent gives the listing a location of its own."""
    db, caller = work.db, work.caller
    listing_id, body = change.listing_id, change.changes
    fields = body.model_fields_set
    for name in _REQUIRED:
        if name in fields and getattr(body, name, None) is None:
            raise InvalidInput.field(name, "is required and cannot be cleared")
    current = await _own(db, caller, kind, listing_id)
    if current["archived_at"] is not None:
        raise Conflict(f"this {KINDS[kind].noun} is archived: publish a new one instead")
    valid_from = body.valid_from if "valid_from" in fields else current["valid_from"]
    valid_until = body.valid_until if "valid_until" in fields else current["valid_until"]
    if valid_from and valid_until and valid_until < valid_from:
        raise InvalidInput.field("valid_until", "must not be before valid_from")
    values = _values(body, fields)
    if fields & {"category", "categories"}:
        main = body.category or current["categories"][0]
        others = body.categories if "categories" in fields else current["categories"]
        values["categories"] = categories(main, others)
    if _PLACE & fields:
        values["own_location"] = True
    if values:
        await _set(tuple(sorted(values))).execute(db, **values, listing_id=listing_id)
    return await get(db, kind, listing_id)


async def archive(work: Work, kind: Kind, ref: ListingRef) -> Listing:
    """Archive (idempotent): out of search from now on, still readable by id."""
    current = await _own(work.db, work.caller, kind, ref.listing_id)
    if current["archived_at"] is None:
        await _ARCHIVE.execute(work.db, listing_id=ref.listing_id)
    return await get(work.db, kind, ref.listing_id)


@dataclass(frozen=True)
class Operations:
    """The writes of one kind of listing, as unit of work operations."""

    create: Operation[Any, Listing]
    update: Operation[ListingChange, Listing]
    archive: Operation[ListingRef, Listing]


def _operations(kind: Kind, read_model: Any) -> Operations:
    noun = "offers" if kind == "offer" else "opportunities"

    async def create_(work: Work, body: Any) -> Listing:
        return await create(work, kind, body)

    async def update_(work: Work, change: ListingChange) -> Listing:
        return await update(work, kind, change)

    async def archive_(work: Work, ref: ListingRef) -> Listing:
        return await archive(work, kind, ref)

    return Operations(
        create=Operation(f"{noun}.create", create_, read_model),
        update=Operation(f"{noun}.update", update_, read_model, status=200),
        archive=Operation(f"{noun}.archive", archive_, read_model, status=200),
    )


OPERATIONS: dict[Kind, Operations] = {
    "offer": _operations("offer", OfferRead),
    "opportunity": _operations("opportunity", OpportunityRead),
}


# What the directory lists: neither archived nor past its end date (the search, the Open
# Referral feed, GraphQL's batches).
CURRENT = "(l.archived_at IS NULL AND (l.valid_until IS NULL OR l.valid_until >= current_date))"


def listing_json(kind: Kind) -> str:
    """A search result as JSON text, built by PostgreSQL in the shape of OfferRead /
    OpportunityRead (the same keys in the same order; a test compares the two). A page of
    50 costs the service about 2 ms less than decoding 50 wide rows and building models
    (bench/directory.py's profile), and searches are the directory's hot path."""
    own = (
        f"'credits', {sqljson.credits('l.price')}, "
        f"'child_credits', {sqljson.credits('l.child_price')}, 'restrictions', l.restrictions"
        if kind == "offer"
        else "'commitment', l.commitment"
    )
    return f"""json_build_object(
        'id', l.id, 'organisation_id', l.organisation_id, 'organisation_name', o.name,
        'title', l.title, 'description', l.description,
        'category', l.categories[1], 'categories', l.categories,
        'schedule', l.schedule, 'valid_from', l.valid_from, 'valid_until', l.valid_until,
        'capacity', l.capacity, 'accessibility', l.accessibility,
        'address', CASE WHEN num_nonnulls(l.address_line, l.town, l.postcode) > 0
                        THEN json_build_object('line1', l.address_line, 'town', l.town,
                                               'postcode', l.postcode) END,
        'location', CASE WHEN l.latitude IS NOT NULL
                         THEN json_build_object('lat', l.latitude, 'lon', l.longitude) END,
        'own_location', l.own_location,
        'status', CASE WHEN l.archived_at IS NULL THEN 'active' ELSE 'archived' END,
        'created_at', {sqljson.timestamp("l.created_at")},
        'updated_at', {sqljson.timestamp("l.updated_at")},
        'archived_at', {sqljson.timestamp("l.archived_at")},
        'distance_km', round((s.distance / 1000)::numeric, 2),
        {own})::text"""


async def search_listings(
    db: asyncpg.Connection, kind: Kind, query: DirectoryQuery, *, limit: int, after: str | None
) -> pagination.Page[str]:
    """Active, current listings of one kind, each as JSON text (see _json). A sync
    (`updated_since`) also returns archived and expired ones, so a partner's copy learns
    what to take down."""
    sql = search.Sql()
    if kind not in KINDS:
        raise ValueError(kind)
    # A literal, not a parameter, so a generic plan too can use the kind's partial index.
    sql.where.append(f"l.kind = '{kind}'")
    if query.updated_since is None:
        sql.where.append(CURRENT)
    if query.max_credits is not None:
        sql.where.append(f"l.price <= {sql.param(to_hundredths(query.max_credits))}")
    if query.organisation_id is not None:
        sql.where.append(f"l.organisation_id = {sql.param(query.organisation_id)}")
    plan = search.build(LISTINGS, await search.bounded(db, query), after, limit, sql)
    async with unit_of_work.reading(db):
        await db.execute(search.planner_settings(plan))
        rows = await db.fetch(search_sql(sql, plan, kind), *sql.params)
    return search.page(rows, limit, plan).map(lambda r: r["json"])


def search_sql(sql: search.Sql, plan: search.Plan, kind: Kind) -> str:
    """Find and order the page on `listings` alone, then build its rows' JSON with their
    organisations: the wide columns and the join cost a page, not every candidate."""
    return f"""
        SELECT {listing_json(kind)} AS json, s.id, s.sort_key
          FROM ({_page_sql(sql, plan)}) s
          JOIN listings l ON l.id = s.id
          JOIN organisations o ON o.id = l.organisation_id
         ORDER BY {plan.order.replace("sort_key", "s.sort_key")}, s.id"""


def _page_sql(sql: search.Sql, plan: search.Plan) -> str:
    """The page's ids and sort keys, in order.

    Nearest first, a GiST scan reads only as far as the page (an ORDER BY with the id
    tie-break would read and sort the whole radius). It cannot order ties by id, so the
    rows at the page's last distance are fetched in full (they share a place: listings at
    their organisation's address) and the page is cut after sorting by (distance, id)."""
    where = " AND ".join(sql.where)
    if plan.nearest is None:
        return f"""{sql.with_()}
        SELECT l.id, {plan.extras} FROM listings l WHERE {where} {plan.tail("l.id")}"""
    knn = f"""knn AS MATERIALIZED (
            SELECT l.id, l.earth, {plan.extras} FROM listings l
             WHERE {where} ORDER BY {plan.nearest} LIMIT {plan.limit})"""
    return f"""{sql.with_(knn)}
        SELECT id, distance, sort_key FROM knn
         UNION
        SELECT l.id, {plan.extras} FROM listings l
         WHERE {where}
           AND l.earth = (SELECT earth FROM knn ORDER BY sort_key DESC LIMIT 1)
         ORDER BY {plan.order}, id LIMIT {plan.limit}"""
