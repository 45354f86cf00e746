"""Query and path parameters shared by list endpoints."""

from datetime import datetime
from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator

from app.services.directory_search import utc_instant
from app.services.pagination import DEFAULT_LIMIT, MAX_LIMIT

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (max {MAX_LIMIT}).")]
After = Annotated[
    str | None,
    Query(max_length=200, description="The `next_cursor` of the previous page."),
]
MemberId = Annotated[str, Path(max_length=100, examples=["mem_4h5j6k7m8n9p0q1r"])]
TransferId = Annotated[str, Path(max_length=100, examples=["txn_7q6w5e4r3t2y1u0i"])]
DEFAULT = DEFAULT_LIMIT
# An RFC 3339 time, as UTC (UTC when it has no offset); one PostgreSQL cannot hold is a 422.
Instant = Annotated[datetime, AfterValidator(utc_instant)]
