"""The events feed: what changed, for partners who poll instead of taking webhooks."""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.api.auth import EventsReader
from app.api.deps import Db
from app.api.params import DEFAULT, After, Limit
from app.api.problems import problems
from app.models.events import EventPage, EventRead, EventType
from app.services import events

router = APIRouter(prefix="/v1/events", tags=["events"])


@router.get("", summary="List events", responses=problems(403))
async def list_events(
    caller: EventsReader,
    db: Db,
    type_: Annotated[
        list[EventType],
        Query(alias="type", max_length=20, description="Only these types (repeatable)."),
    ] = [],  # noqa: B006 (FastAPI copies defaults)
    limit: Limit = DEFAULT,
    after: After = None,
) -> EventPage:
    """What changed that your organisation may see, **oldest first**: members you
    registered, transfers you posted or whose credits moved to or from you or your members.
    Each event carries the resource as the API returned it then. Keep `next_cursor` and
    poll with it as `after`: it is always set, and an event is never skipped, even one
    whose transaction committed late (the feed waits for it)."""
    return await events.page(db, caller, types=list(type_), limit=limit, after=after)


@router.get("/{event_id}", summary="Get an event", responses=problems(403, 404))
async def get_event(
    event_id: Annotated[str, Path(max_length=100, examples=["evt_5m2kq8w3m1c7b9d0"])],
    caller: EventsReader,
    db: Db,
) -> EventRead:
    """One event your organisation may see; any other is a 404."""
    return await events.get(db, caller, event_id)
