"""Dates and times as the API accepts them: `YYYY-MM-DD` for a day, RFC 3339 with its offset
for an instant, and nothing else.

Pydantic's own `date | datetime` reads `2026-11-23T00:00:00Z` as the date 2026-11-23 (the
whole day, the offset dropped) and a bare number such as `1763856000` as a Unix time, so a
filter could silently mean something else than the client wrote. These validators decide
by the spelling alone, and hand pydantic only the date or aware datetime they made (which
its union keeps as they are)."""

import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# RFC 3339 `date-time`: the offset is required (Z or ±hh:mm); `t`, `z` may be lower case.
_INSTANT = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([0-9]{2}:[0-9]{2}:[0-9]{2})(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)
_DAY_FORMAT = "must be a date, YYYY-MM-DD"
_EITHER_FORMAT = (
    "must be a date (YYYY-MM-DD) or an RFC 3339 time with its offset "
    "(2026-11-23T09:00:00Z, 2026-11-23T09:00:00%2B01:00 in a URL)"
)


def parse_day(value: object) -> date:
    """`YYYY-MM-DD`, a real calendar day. Anything else (a time, a number) is an error.
    (A `date` object passes: only Python callers, such as the demo loader, hold one.)"""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise ValueError(_DAY_FORMAT)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{_DAY_FORMAT}, and a real day") from None


def parse_day_or_instant(value: object) -> date | datetime:
    """A `date` for `YYYY-MM-DD` (the caller decides which span of time a day is), else an
    aware `datetime` with the offset the client gave."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value  # from Python callers only
    if (isinstance(value, str) and _DAY.fullmatch(value)) or type(value) is date:
        return parse_day(value)
    match = _INSTANT.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(_EITHER_FORMAT)
    day, clock, fraction, offset = match.groups()
    fraction = (fraction or "")[:7]  # a dot and microseconds: finer is below what we store
    offset = "+00:00" if offset in ("Z", "z") else offset
    try:
        return datetime.fromisoformat(f"{day}T{clock}{fraction}{offset}")
    except ValueError:
        raise ValueError(f"{_EITHER_FORMAT}, and a real time") from None


Day = Annotated[
    date,
    BeforeValidator(parse_day),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2026-11-20"]}),
]
DayOrInstant = Annotated[
    date | datetime,
    BeforeValidator(parse_day_or_instant),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
            ],
            "examples": ["2026-11-01", "2026-11-23T09:00:00Z"],
        }
    ),
]


def utc_instant(value: datetime) -> datetime:
    """A time as UTC, naive ones taken as UTC. Past the year 9999 or before the year 1 in
    UTC (`9999-12-31T23:59:59-01:00`) the driver could not send it: a ValueError (a 422
    from a model or a query parameter) instead of a 500."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("is outside the years 1 to 9999 in UTC") from None


_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?")


def _not_a_number(value: object) -> object:
    """pydantic reads `1763856000` as a Unix time: a client meant something else."""
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        raise ValueError("is an RFC 3339 time like 2026-11-23T09:00:00Z, not a number")
    return value


# The directory's times (`updated_since`, `modified_after`): RFC 3339, as UTC (UTC when it
# has no offset); a number, or a time PostgreSQL cannot hold, is a 422.
Instant = Annotated[datetime, BeforeValidator(_not_a_number), AfterValidator(utc_instant)]


def bound(value: date | datetime | None, *, end: bool = False) -> datetime | None:
    """A date is a UTC day: its first instant (or, as an end, the next day's, so the day is
    included). A time keeps its own offset (the API accepts only aware ones, through
    DayOrInstant above; a naive one is taken as UTC). Bounds beyond what PostgreSQL stores
    are clamped: they filter nothing out."""
    if value is None:
        return None
    if isinstance(value, datetime):
        at = value if value.tzinfo else value.replace(tzinfo=UTC)
    else:
        at = datetime(value.year, value.month, value.day, tzinfo=UTC)
        if end:
            at = at + timedelta(days=1) if value < date.max else datetime.max.replace(tzinfo=UTC)
    try:
        return at.astimezone(UTC)
    except OverflowError:
        return datetime.max.replace(tzinfo=UTC) if at.year > 1 else datetime.min.replace(tzinfo=UTC)
