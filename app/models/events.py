"""Events: what changed, as `GET /v1/events` and (later) webhooks deliver it."""

from datetime import datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

# `<resource>.<past verb>` (DESIGN §5). Later issues add theirs here and nowhere else.
EventType = Literal[
    "member.created",
    "earning.created",
    "spend.created",
    "gift.created",
    "allocation.created",
    "transaction.reversed",
]
EVENT_TYPES: tuple[str, ...] = get_args(EventType)

# The event a transfer of each kind records.
TRANSFER_EVENTS: dict[str, EventType] = {
    "allocation": "allocation.created",
    "earn": "earning.created",
    "spend": "spend.created",
    "gift": "gift.created",
    "reversal": "transaction.reversed",
}

_EVENT_EXAMPLE: dict[str, Any] = {
    "id": "evt_5m2kq8w3m1c7b9d0",
    "type": "earning.created",
    "created_at": "2026-11-23T09:00:00Z",
    "data": {
        "id": "txn_7q6w5e4r3t2y1u0i",
        "kind": "earn",
        "credits": "3.00",
        "from": {"type": "organisation", "id": "org_8a7b6c5d4e3f2g1h"},
        "to": {"type": "member", "id": "mem_4h5j6k7m8n9p0q1r"},
        "member_balance": None,
        "programme_id": "prg_1x2y3z4w5v6u7t8s",
        "organisation_id": "org_8a7b6c5d4e3f2g1h",
        "created_at": "2026-11-23T09:00:00Z",
        "reverses": None,
        "reversed_by": None,
        "metadata": {"activity": "Cuppas café shift", "given_on": "2026-11-20", "hours": "3.00"},
    },
}


class EventRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_EVENT_EXAMPLE]})
    id: str
    type: EventType
    created_at: datetime = Field(description="When the change was made.")
    data: dict[str, Any] = Field(
        description="The resource as the API returned it when the change was made (a "
        "transfer as `GET /v1/transactions/{id}` shows it then: `member_balance` and "
        "`reversed_by` null; a member as `GET /v1/members/{id}` shows it)."
    )


class EventPage(BaseModel):
    """A page of the feed. Unlike other lists, `next_cursor` is always set: poll again
    with it later to get what happened since."""

    data: list[EventRead]
    next_cursor: str = Field(
        description="Pass as `after` for the next page now, or to poll for newer events later."
    )
    has_more: bool
