"""Query and path parameters shared by list endpoints."""

from typing import Annotated

from fastapi import Path, Query

from app.models.dates import Day, DayOrInstant
from app.services.pagination import DEFAULT_LIMIT, MAX_LIMIT

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (max {MAX_LIMIT}).")]
# Room for the longest cursor the API returns: the directory's A-Z cursor carries a title
# or name of up to 200 characters, up to 4 bytes each, in base64 (about 1,200 characters).
After = Annotated[
    str | None,
    Query(max_length=2048, description="The `next_cursor` of the previous page."),
]
MemberId = Annotated[str, Path(max_length=100, examples=["mem_4h5j6k7m8n9p0q1r"])]
TransferId = Annotated[str, Path(max_length=100, examples=["txn_7q6w5e4r3t2y1u0i"])]
DEFAULT = DEFAULT_LIMIT


# Transaction filters: a day means that UTC day, as the programme stats' days do; a time
# keeps its offset. Midnight-times and numbers are never read as days (app/models/dates.py).
Since = Annotated[
    DayOrInstant | None,
    Query(
        alias="from",
        description="Inclusive. A date `YYYY-MM-DD` (from the start of that UTC day) or an "
        "RFC 3339 time with its offset (`2026-11-23T09:00:00Z`; send `+01:00` as `%2B01:00`).",
    ),
]
Until = Annotated[
    DayOrInstant | None,
    Query(
        alias="to",
        description="A date `YYYY-MM-DD` (up to the end of that UTC day, inclusive) or an "
        "RFC 3339 time with its offset (exclusive).",
    ),
]


# A report's period: whole UTC days, both inclusive (stats, outcomes, referral figures).
FirstDay = Annotated[
    Day | None, Query(alias="from", description="First day (UTC), inclusive: YYYY-MM-DD.")
]
LastDay = Annotated[
    Day | None, Query(alias="to", description="Last day (UTC), inclusive: YYYY-MM-DD.")
]
