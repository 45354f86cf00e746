"""Directory search: the filters, the ranking and the cursor, shared by organisations, offers
and opportunities.

One ordering per query, chosen by what was asked:
  near → distance (nearest first), then id;   q → relevance (best first), then id;
  updated_since → updated_at, then id (for sync);   otherwise → name, then id.
The cursor carries the last row's sort key and id, so a page starts strictly after it:
rows inserted between pages never shift what is left to read (no duplicates, no gaps).
Text matching is English full-text search (stemming: "volunteers" finds "volunteering")
on the query as typed or as corrected against the directory's own words (typos: "swiming"
finds "swimming"; directory_correct in migration 0002), ranked by ts_rank (weights: title,
then categories, description, town). ts_rank_cd, which also weighs how close the words
stand, took twice as long on a country-wide two-word search (20 against 11 ms).
Radius search is an index scan: the radius's bounding cube on the GiST-indexed `earth`
column, then the exact distance."""

import base64
import binascii
import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

import asyncpg

from app.models.dates import utc_instant
from app.models.directory import DirectoryQuery
from app.services import pagination
from app.services.errors import InvalidInput

Mode = Literal["distance", "relevance", "updated", "name"]

MAX_RADIUS_KM = 200.0
MIN_RADIUS_KM = 0.001  # a metre: below that, the database's float arithmetic underflows
DEFAULT_RADIUS_KM = 10.0


@dataclass
class Sql:
    """A WHERE clause under construction, with its positional parameters."""

    params: list[Any] = field(default_factory=list)
    where: list[str] = field(default_factory=list)
    ctes: list[str] = field(default_factory=list)  # `name AS (...)`, for the statement's WITH

    def param(self, value: Any, cast: str = "") -> str:
        self.params.append(value)
        return f"${len(self.params)}{cast}"

    def with_(self, *more: str) -> str:
        """The WITH clause for these CTEs and `more` (which may refer to them), or ""."""
        ctes = [*self.ctes, *more]
        return f"WITH {', '.join(ctes)}" if ctes else ""


@dataclass(frozen=True)
class Target:
    """What is searched: a table alias, its title column and its own fixed conditions."""

    alias: str  # "o" (organisations) or "l" (listings)
    title: str  # the A-Z sort key: "lower(o.name)" or "lower(l.title)"
    # Whether its near index holds the categories too, as array_to_tsvector(categories)
    # (listings: migration 0003; organisations are too few to need it).
    near_index_has_categories: bool = False


# earthdistance's sphere: earth() in the extension, in metres.
EARTH_RADIUS = 6378168.0
EARTH_DIAMETER = 2 * EARTH_RADIUS


def earth_point(latitude: float, longitude: float) -> list[float]:
    """ll_to_earth(latitude, longitude) computed here, bit for bit (the same libm calls in
    the same order; tests/directory/test_earth.py compares them)."""
    lat, lon = math.radians(latitude), math.radians(longitude)
    return [
        EARTH_RADIUS * math.cos(lat) * math.cos(lon),
        EARTH_RADIUS * math.cos(lat) * math.sin(lon),
        EARTH_RADIUS * math.sin(lat),
    ]


def max_chord(metres: float) -> float:
    """gc_to_sec(metres): the straight-line distance through the earth between two points
    `metres` apart on its surface. Chords order points as great-circle distances do, and
    the GiST index measures chords."""
    if metres / EARTH_RADIUS > math.pi:
        return EARTH_DIAMETER
    return EARTH_DIAMETER * math.sin(metres / EARTH_DIAMETER)


def lexeme(word: str) -> str:
    """`word` as one quoted tsquery lexeme, as array_to_tsvector keeps it (unparsed)."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def text_query(q: str) -> str:
    """The tsquery for the text parameter `q`: the words as typed OR as corrected against
    the directory's vocabulary. A scalar subquery, so it is computed once per statement."""
    return (
        f"(SELECT websearch_to_tsquery('english', {q})"
        f" || websearch_to_tsquery('english', directory_correct({q})))"
    )


def planner_settings(plan: "Plan") -> str:
    """SET LOCALs for a search's transaction.

    A generic plan: a search's statement is prepared once per shape (asyncpg caches it), and
    planning it afresh for each set of values cost more than running it (1.5-4 ms against
    1.5-3 ms, measured by bench/directory.py). Near searches: no bitmap scans, because the
    planner cannot estimate a radius (a cube's containment has a fixed selectivity) and
    would read every row in the radius and sort them, 25 ms in central London against
    1.5 ms for the nearest-first index scan."""
    settings = ["SET LOCAL plan_cache_mode = force_generic_plan"]
    if plan.nearest is not None:
        settings.append("SET LOCAL enable_bitmapscan = off")
    return "; ".join(settings)


def mode_of(query: DirectoryQuery) -> Mode:
    if query.near is not None:
        return "distance"
    if query.q:
        return "relevance"
    if query.updated_since is not None:
        return "updated"
    return "name"


@dataclass(frozen=True)
class Plan:
    """What build() leaves to the caller's SELECT: `extras` (the columns `distance`, in
    metres or NULL, and `sort_key`, what the cursor records), the ORDER BY terms and the
    LIMIT (one more than the page, to know whether more exist)."""

    extras: str
    order: str  # e.g. "sort_key ASC": by sort_key, then by id ascending
    limit: int
    mode: Mode
    search: str  # which search this is (_fingerprint): its cursors resume only it
    # In distance mode, the GiST-orderable distance (`earth <-> point`, the chord: same
    # order as the great circle): the sort key, and what a nearest-first scan orders by.
    nearest: str | None = None

    def tail(self, id_column: str) -> str:
        return f"ORDER BY {self.order}, {id_column} LIMIT {self.limit}"


def build(target: Target, query: DirectoryQuery, after: str | None, limit: int, sql: Sql) -> Plan:
    """Add the common filters to `sql` and return what the SELECT needs."""
    a = target.alias
    mode = mode_of(query)
    search = _fingerprint(target, query, sql.where)
    if query.categories:
        sql.where.append(f"{a}.categories && {sql.param(query.categories, '::text[]')}")
        if query.near is not None and target.near_index_has_categories:
            # The same test in a form the near index can check, so a nearest-first scan
            # reads from the table only listings in one of the categories.
            anyof = sql.param(" | ".join(map(lexeme, query.categories)), "::tsquery")
            sql.where.append(f"array_to_tsvector({a}.categories) @@ {anyof}")
    if query.accessible:
        sql.where.append(f"{a}.accessibility @> {sql.param(query.accessible, '::text[]')}")
    if query.open_on:
        sql.where.append(f"{sql.param(query.open_on)} = ANY ({a}.open_days)")
    if query.updated_since is not None:
        sql.where.append(f"{a}.updated_at >= {sql.param(query.updated_since)}")
    if query.updated_before is not None:
        sql.where.append(f"{a}.updated_at < {sql.param(query.updated_before)}")
    if query.programme_id is not None:
        org = "o.id" if a == "o" else "l.organisation_id"
        programme = sql.param(query.programme_id)
        sql.where.append(
            "EXISTS (SELECT 1 FROM organisation_programmes op "
            f"WHERE op.organisation_id = {org} AND op.programme_id = {programme})"
        )

    distance = chord = "NULL::float8"
    if query.near is not None:
        # The point and the radius's chord come from Python (earth_point, max_chord), so a
        # generic plan runs no earthdistance SQL functions per row: those (ll_to_earth,
        # earth_box, earth_distance) go through PostgreSQL's SQL-function executor, about
        # 0.1 ms a call, and doubled a near search's database time.
        xyz = sql.param(earth_point(query.near.latitude, query.near.longitude), "::float8[]")
        point = f"(SELECT cube({xyz}))"
        bound = sql.param(max_chord(query.near.radius_km * 1000.0), "::float8")
        chord = f"({a}.earth <-> {point})"
        distance = f"({EARTH_DIAMETER} * asin(least({chord} / {EARTH_DIAMETER}, 1)))"
        sql.where.append(f"(SELECT cube_enlarge({point}, {bound}, 3)) @> {a}.earth")
        sql.where.append(f"{chord} <= {bound}")

    rank = "NULL::float8"
    if query.q:
        # Once per statement: the where clause and the rank both read it, and correcting
        # the words (directory_correct) costs about 0.4 ms.
        sql.ctes.append(f"tsq AS MATERIALIZED (SELECT {text_query(sql.param(query.q))} AS q)")
        tsq = "(SELECT q FROM tsq)"
        sql.where.append(f"{a}.search @@ {tsq}")
        rank = f"ts_rank({a}.search, {tsq})::float8"

    sort_key, order, compare = {
        "distance": (chord, "ASC", ">"),
        "relevance": (rank, "DESC", "<"),
        "updated": (f"{a}.updated_at", "ASC", ">"),
        "name": (target.title, "ASC", ">"),
    }[mode]
    last = decode(after, mode, search)
    if last is not None:
        key, last_id = last
        cast = {"distance": "::float8", "relevance": "::float8", "updated": "", "name": ""}[mode]
        k, i = sql.param(key, cast), sql.param(last_id)
        sql.where.append(f"({sort_key} {compare} {k} OR ({sort_key} = {k} AND {a}.id > {i}))")
    extras = f"{distance} AS distance, {sort_key} AS sort_key"
    nearest = chord if mode == "distance" else None
    return Plan(extras, f"sort_key {order}", int(limit) + 1, mode, search, nearest)


def _fingerprint(target: Target, query: DirectoryQuery, where: list[str]) -> str:
    """Which search a cursor belongs to (what is searched, with which filters). Resuming
    another search from it would start at an arbitrary place in that one's order: a 422."""
    # Words in any case and spacing are one search (the text search reads them alike).
    words = " ".join(query.q.casefold().split()) if query.q else None
    filters = query.model_copy(update={"q": words}).model_dump_json(exclude={"updated_before"})
    what = [target.alias, *where, filters]
    return hashlib.blake2b("\0".join(what).encode(), digest_size=8).hexdigest()


def encode(mode: Mode, key: Any, row_id: str, search: str) -> str:
    if isinstance(key, datetime):
        key = key.isoformat()
    # ensure_ascii=False: a title's "é" costs 2 bytes in UTF-8, not 6 as "\u00e9".
    text = json.dumps([mode, key, row_id, search], separators=(",", ":"), ensure_ascii=False)
    raw = text.encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# The earliest `updated_at` a change still uncommitted could carry: the start of the oldest
# open transaction of this database other than ours, or now. (A row's updated_at is its
# writer's now(), the start of its transaction; pg_stat_activity shows it to the same role.)
# Only client sessions that may write: those that have written (an xid) and those younger
# than IDLE_GRACE; a read-only one older than that (pg_dump, a report, a session left idle
# in a transaction) is not a directory write, and would otherwise hold every sync back.
IDLE_GRACE = timedelta(minutes=1)
_HORIZON = """
SELECT least(now(), min(xact_start)) FROM pg_stat_activity
 WHERE datname = current_database() AND backend_type = 'client backend'
   AND xact_start IS NOT NULL AND pid <> pg_backend_pid()
   AND (backend_xid IS NOT NULL OR xact_start > now() - $1::interval)
"""


async def sync_horizon(db: asyncpg.Connection) -> datetime:
    """How far a sync (`updated_since`) may read without ever skipping a change.

    updated_at is when a change's transaction began, not when it committed, so a change
    that commits late lands behind rows a partner has already read past. Showing only
    changes before this horizon, read by a statement of its own before the one that reads
    the rows (whose snapshot is then later), delays such a change's neighbours until it
    has committed instead of losing it. The service's writes take their first lock or row
    within milliseconds of BEGIN, well inside IDLE_GRACE."""
    return await db.fetchval(_HORIZON, IDLE_GRACE)


async def bounded(db: asyncpg.Connection, query: DirectoryQuery) -> DirectoryQuery:
    """The query, a sync among them bounded by its horizon (call before reading rows)."""
    if query.updated_since is None:
        return query
    return query.model_copy(update={"updated_before": await sync_horizon(db)})


def _text(value: Any) -> bool:
    """Text PostgreSQL can hold: no NUL, no lone surrogate (`"\\ud800"` in JSON)."""
    if not isinstance(value, str) or "\x00" in value:
        return False
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True


def decode(cursor: str | None, mode: Mode, search: str) -> tuple[Any, str] | None:
    """A cursor from this API, for this search; anything else is a 422."""
    if cursor is None:
        return None
    bad = InvalidInput.field("after", "is not a cursor this search returned")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        got, key, row_id, of = json.loads(raw)
    except (ValueError, TypeError, binascii.Error):
        raise bad from None
    if got != mode or of != search or not _text(row_id):
        raise bad
    if mode in ("distance", "relevance"):
        if not isinstance(key, int | float) or isinstance(key, bool) or not math.isfinite(key):
            raise bad
        return float(key), row_id
    if not _text(key):
        raise bad
    if mode == "updated":
        try:
            return utc_instant(datetime.fromisoformat(key)), row_id
        except ValueError:
            raise bad from None
    return key, row_id


def page(rows: list[Any], limit: int, plan: Plan) -> "pagination.Page[Any]":
    """Rows were fetched with LIMIT limit + 1: the extra one only says more exist."""
    return pagination.page_by(
        rows, limit, lambda r: encode(plan.mode, r["sort_key"], r["id"], plan.search), lambda r: r
    )


def distance_km(metres: float | None) -> float | None:
    return None if metres is None else round(metres / 1000.0, 2)
