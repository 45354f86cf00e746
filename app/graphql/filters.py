"""The directory's search filters as REST reads them (app/api/directory.py): the same
bounds, the same `near` parsing, the same DirectoryQuery."""

from typing import Annotated

from pydantic import BaseModel, Field

from app.api.directory import _max_credits, directory_query
from app.models.dates import Instant
from app.models.directory import Category, DirectoryQuery, Feature, Weekday
from app.services.directory_search import MAX_RADIUS_KM, MIN_RADIUS_KM


class DirectoryFilters(BaseModel):
    """REST's query parameters, camelCase in GraphQL (`radiusKm`), bounded as REST's."""

    q: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    category: Annotated[list[Category], Field(max_length=20)] = []
    programme_id: Annotated[str, Field(max_length=100)] | None = None
    near: Annotated[str, Field(max_length=60)] | None = None
    radius_km: (
        Annotated[float, Field(ge=MIN_RADIUS_KM, le=MAX_RADIUS_KM, allow_inf_nan=False)] | None
    ) = None
    open_on: Weekday | None = None
    accessible: Annotated[list[Feature], Field(max_length=20)] = []
    updated_since: Instant | None = None

    async def query(self, **more: object) -> DirectoryQuery:
        parsed = await directory_query(**self.model_dump())
        return parsed.model_copy(update=more) if more else parsed


async def max_credits(value: str | None) -> object:
    """REST's `max_credits`: an exact amount, or a validation_error naming it."""
    return await _max_credits(value)
