"""Cursor pagination: keyset on an ever-increasing sequence, newest first.

A cursor names the last row seen, so rows inserted while a client pages never shift
a page: no duplicates, no gaps among the rows that existed when paging started."""

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import TypeVar

from app.services.errors import InvalidInput

T = TypeVar("T")
R = TypeVar("R")

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


def page(
    rows: Sequence[T], limit: int, seq_of: Callable[[T], int], shape: Callable[[T], R]
) -> tuple[list[R], str | None]:
    """Rows were fetched with LIMIT limit + 1: the extra row only says whether more exist."""
    more = len(rows) > limit
    rows = rows[:limit]
    return [shape(r) for r in rows], (encode(seq_of(rows[-1])) if more and rows else None)
