"""Cursor pagination: keyset on an ever-increasing sequence, newest first.

A cursor names the last row seen, so rows inserted while a client pages never shift
a page: no duplicates, no gaps among the rows that existed when paging started."""

import base64
import binascii
import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, Generic, TypeVar

from app.services.errors import InvalidInput

T = TypeVar("T")
R = TypeVar("R")
M = TypeVar("M")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def encode(seq: int) -> str:
    return base64.urlsafe_b64encode(f"v1:{seq}".encode()).decode().rstrip("=")


def decode(cursor: str | None) -> int | None:
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, _, value = raw.partition(":")
        if version != "v1" or not value.isascii() or not value.isdigit() or len(value) > 18:
            raise ValueError  # 18 digits: always within bigint
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput.field("after", "is not a cursor this API returned") from None


class Page(tuple[list[R], str | None], Generic[R]):
    """A page as services return it: it unpacks as `(items, next_cursor)`, REST's two
    fields, and `cursors` names each item's own position (a GraphQL edge's cursor: resuming
    after it gives the rows after that item). Computed only when asked for: REST never is."""

    _rows: Sequence[Any]
    _cursor_of: Callable[[Any], str]

    def __new__(
        cls,
        items: list[R],
        next_cursor: str | None,
        rows: Sequence[T],
        cursor_of: Callable[[T], str],
    ) -> "Page[R]":
        made = super().__new__(cls, (items, next_cursor))
        made._rows, made._cursor_of = rows, cursor_of
        return made

    @property
    def items(self) -> list[R]:
        return self[0]

    @property
    def next_cursor(self) -> str | None:
        return self[1]

    @property
    def cursors(self) -> list[str]:
        return [self._cursor_of(r) for r in self._rows]

    def map(self, shape: Callable[[R], M]) -> "Page[M]":
        """The same page, each item reshaped (its cursor unchanged)."""
        return Page([shape(i) for i in self.items], self.next_cursor, self._rows, self._cursor_of)


def page(
    rows: Sequence[T], limit: int, seq_of: Callable[[T], int], shape: Callable[[T], R]
) -> Page[R]:
    """Rows were fetched with LIMIT limit + 1: the extra row only says whether more exist."""
    return page_by(rows, limit, lambda r: encode(seq_of(r)), shape)


def page_by(
    rows: Sequence[T], limit: int, cursor_of: Callable[[T], str], shape: Callable[[T], R]
) -> Page[R]:
    """page() for any keyset: cursor_of(row) names a row's position."""
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = cursor_of(rows[-1]) if more and rows else None
    return Page([shape(r) for r in rows], cursor, rows, cursor_of)


# Tables without a sequence page on (a sort key, id): the cursor carries both, as
# "<tag>:<key>:<id>", the tag naming the list's kind of key.
_ROW_ID = "([A-Za-z0-9_]{1,100})"


def _encode_keyed(tag: str, key: str, row_id: str) -> str:
    return base64.urlsafe_b64encode(f"{tag}:{key}:{row_id}".encode()).decode().rstrip("=")


def _decode_keyed(
    cursor: str | None, pattern: re.Pattern[str], parse: Callable[[str], R]
) -> tuple[R, str] | None:
    """(key, id) from a cursor _encode_keyed made with this pattern's tag; else a 422."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        match = pattern.fullmatch(raw)
        if match is None:
            raise ValueError
        return parse(match[1]), match[2]
    except (ValueError, OverflowError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput.field("after", "is not a cursor this API returned") from None


# api_keys page on (created_at, id): the time as integer microseconds (PostgreSQL's
# precision, so it round-trips exactly).
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_STAMPED = re.compile(rf"t1:(-?[0-9]{{1,18}}):{_ROW_ID}")


def encode_stamped(created_at: datetime, row_id: str) -> str:
    return _encode_keyed("t1", str((created_at - _EPOCH) // _MICROSECOND), row_id)


def decode_stamped(cursor: str | None) -> tuple[datetime, str] | None:
    return _decode_keyed(cursor, _STAMPED, lambda micros: _EPOCH + int(micros) * _MICROSECOND)


# Programmes page on (starts_on, id), oldest first.
_DATED = re.compile(rf"d1:([0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}):{_ROW_ID}")


def encode_dated(day: date, row_id: str) -> str:
    return _encode_keyed("d1", day.isoformat(), row_id)


def decode_dated(cursor: str | None) -> tuple[date, str] | None:
    return _decode_keyed(cursor, _DATED, date.fromisoformat)


# The events feed pages on (xid, seq), oldest first (app/services/events.py).
_POSITION = re.compile(r"e1:([0-9]{1,20}):([0-9]{1,18})")


def encode_position(xid: str, seq: int) -> str:
    return base64.urlsafe_b64encode(f"e1:{xid}:{seq}".encode()).decode().rstrip("=")


def decode_position(cursor: str) -> tuple[str, int]:
    """(xid as decimal text, seq); a 422 for anything this API did not return."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        match = _POSITION.fullmatch(raw)
        if match is None or int(match[1]) >= 1 << 64:
            raise ValueError
        return match[1], int(match[2])
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput.field("after", "is not a cursor this API returned") from None
