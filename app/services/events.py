"""Events: the outbox every write records its change in, and the feed partners read it from.

Recording: the unit of work inserts a write's events in the write's own transaction (no
change without its event, no event without its change); the earning's one statement does it
with `emit_cte`. Each event is seen by the organisations of its audience: a member's event
by their home organisation, a transfer's by its poster, the organisations on either side
and the home organisations of the members on either side. The first two are on the event's
row (seen_by, also_seen_by), any others in event_audience (migration 0024).

Reading (`GET /v1/events`): oldest first, by (xid, seq): the writing transaction's id, then
the order within it. Commit order is not id order: a transaction that began first may
commit last, and a poller that had read past its events would never see them. So a page
shows only events of transactions older than every transaction still running
(`pg_snapshot_xmin`): anything still running then has a larger xid, so it sorts after
every event already shown, and whatever commits later lands after the poller's cursor. A
long write (the demo loader) holds back the feed until it commits, never loses from it."""

import json
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from app.auth.caller import Caller
from app.models.events import EVENT_TYPES, EventPage, EventRead
from app.services import pagination
from app.services.errors import NotFound


@dataclass(frozen=True, slots=True)
class Pending:
    """An event to record: `data` is the resource's JSON as REST returns it."""

    type: str
    resource_id: str
    data: str
    audience: tuple[str, ...]
    at: datetime | None = None


# An event's first two organisations go on its row (seen_by, also_seen_by), any others
# to event_audience (migration 0024).
_INSERT = """
WITH e AS (
    INSERT INTO events (type, resource_id, created_at, data, seen_by, also_seen_by)
    VALUES ($1, $2, coalesce($3, now()), $4::json, ($5::text[])[1], ($5::text[])[2])
    RETURNING seq, xid, type
)
INSERT INTO event_audience (organisation_id, type, xid, seq)
SELECT o, e.type, e.xid, e.seq FROM e, unnest(($5::text[])[3:]) AS o
"""


async def insert(db: asyncpg.Connection, pending: list[Pending]) -> None:
    """Record events in the caller's transaction (a write's: the unit of work's)."""
    for event in pending:
        await db.execute(
            _INSERT, event.type, event.resource_id, event.at, event.data, list(event.audience)
        )


def emit_cte(
    *,
    type_: str,
    resource_id: str,
    created_at: str,
    data: str,
    seen_by: str,
    also_seen_by: str,
    source: str,
) -> str:
    """For a one-statement write: a CTE recording one event when `source` (a CTE with at
    most one row, the change) has its row. Such an event is seen by one or two
    organisations: `seen_by`, and `also_seen_by` (an SQL expression, NULL for none; never
    the same as `seen_by`), both on the event's row."""
    return f"""event AS (
    INSERT INTO events (type, resource_id, created_at, data, seen_by, also_seen_by)
    SELECT {type_}, {resource_id}, {created_at}, {data}, {seen_by}, {also_seen_by}
      FROM {source}
)"""


# Whether organisation `org` (an SQL expression) sees the event `e`, and the whole audience
# of `e` as a sorted text[] (for checks and tests).
def seen(org: str, e: str = "e") -> str:
    return f"""({org} IN ({e}.seen_by, {e}.also_seen_by) OR EXISTS (
        SELECT FROM event_audience a WHERE a.organisation_id = {org} AND a.type = {e}.type
           AND a.xid = {e}.xid AND a.seq = {e}.seq))"""


def audience_sql(e: str = "e") -> str:
    return f"""(SELECT array_agg(o ORDER BY o) FROM (
        SELECT {e}.seen_by AS o UNION ALL SELECT {e}.also_seen_by
        UNION ALL SELECT a.organisation_id FROM event_audience a WHERE a.seq = {e}.seq) x
     WHERE o IS NOT NULL)"""


# Event ids are their sequence numbers, scrambled by an odd multiplier modulo 2^64 (a
# bijection, undone by its inverse) so that they look like the other ids and say nothing
# of how many events there are. Visibility, not secrecy, protects them.
_MASK = (1 << 64) - 1
_MULTIPLIER = 0x9E3779B97F4A7C15
_INVERSE = pow(_MULTIPLIER, -1, 1 << 64)
_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # as app/ids.py
_DIGITS = {c: i for i, c in enumerate(_ALPHABET)}
_MAX_SEQ = (1 << 63) - 1  # events.seq is a bigint


def event_id(seq: int) -> str:
    n = (seq * _MULTIPLIER) & _MASK
    chars = []
    for _ in range(13):
        n, r = divmod(n, 32)
        chars.append(_ALPHABET[r])
    return "evt_" + "".join(chars)


def event_seq(id_: str) -> int | None:
    """The sequence number an event id names, None for anything not an event id: an id of
    the right form can unscramble to a number past bigint, which no event has (and which
    the database would refuse as a parameter: a 500, not a 404)."""
    body = id_.removeprefix("evt_")
    if len(body) != 13 or body == id_ or any(c not in _DIGITS for c in body):
        return None
    n = 0
    for c in reversed(body):
        n = n * 32 + _DIGITS[c]
    if n > _MASK:
        return None
    seq = (n * _INVERSE) & _MASK
    return seq if seq <= _MAX_SEQ else None


def _read(row: asyncpg.Record) -> EventRead:
    return EventRead(
        id=event_id(row["seq"]),
        type=row["type"],
        created_at=row["created_at"],
        data=json.loads(row["data"]),
    )


_COLUMNS = "e.seq, e.xid::text AS xid, e.type, e.created_at, e.data::text AS data"


async def get(db: asyncpg.Connection, caller: Caller, id_: str) -> EventRead:
    """One event the caller's organisation is in the audience of; anything else a 404."""
    seq = event_seq(id_)
    row = None
    if seq is not None:
        row = await db.fetchrow(
            f"SELECT {_COLUMNS} FROM events e WHERE e.seq = $2 AND {seen('$1')}",
            caller.organisation_id,
            seq,
        )
    if row is None:
        raise NotFound(f"no event {id_}")
    return _read(row)


# Where an organisation's events of one type are, each an index range by (xid, seq): the
# events' two organisation columns and event_audience (migration 0024).
_SOURCES = (
    ("events", "seen_by"),
    ("events", "also_seen_by"),
    ("event_audience", "organisation_id"),
)


def ranges(org: str, types: str, after: str, horizon: str, limit: str) -> str:
    """An organisation's events of `types` (an SQL condition on `type`) after `after` (an
    SQL (xid, seq) row) and before `horizon`, oldest first, at most `limit` from each
    source: index ranges of (xid, seq), merged. Columns xid, seq, type."""
    return "\n UNION ALL ".join(
        f"""(SELECT s.xid, s.seq, s.type FROM {table} s
              WHERE s.{column} = {org} AND {types.format(s="s")}
                AND (s.xid, s.seq) > {after} AND s.xid < {horizon}
              ORDER BY s.xid, s.seq LIMIT {limit})"""
        for table, column in _SOURCES
    )


def _range(type_: str) -> str:
    """One type's ranges after the cursor and before the horizon: single index range scans,
    whatever the number of events. `type_` is one of EVENT_TYPES (a literal, so each range
    has a plan of its own)."""
    assert type_ in EVENT_TYPES
    return ranges(
        "$1",
        f"{{s}}.type = '{type_}'",
        "($2::text::xid8, $3::bigint)",
        "(SELECT xmin FROM horizon)",
        "$4",
    )


async def page(
    db: asyncpg.Connection,
    caller: Caller,
    *,
    types: list[str],
    limit: int,
    after: str | None,
) -> EventPage:
    """The caller's events after the cursor, oldest first (see the module docstring), of
    the given types (all when empty)."""
    xid, seq = pagination.decode_position(after) if after is not None else ("0", 0)
    parts = "\n UNION ALL ".join(_range(t) for t in sorted(set(types) or set(EVENT_TYPES)))
    rows = await db.fetch(
        f"""WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
                 picked AS (SELECT xid, seq FROM ({parts}) r ORDER BY xid, seq LIMIT $4)
            SELECT {_COLUMNS} FROM picked p JOIN events e ON e.seq = p.seq
             ORDER BY p.xid, p.seq""",
        caller.organisation_id,
        xid,
        seq,
        limit + 1,
    )
    more = len(rows) > limit
    rows = rows[:limit]
    if rows:
        xid, seq = rows[-1]["xid"], rows[-1]["seq"]
    return EventPage(
        data=[_read(r) for r in rows],
        next_cursor=pagination.encode_position(xid, seq),
        has_more=more,
    )
