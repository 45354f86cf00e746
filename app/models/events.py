"""Events: what changed, as `GET /v1/events` and (later) webhooks deliver it."""

from datetime import datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from app.models.ledger import TRANSFER_EXAMPLE

# `<resource>.<past verb>` (DESIGN §5). Later issues add theirs here and nowhere else.
EventType = Literal[
    "member.created",
    "earning.created",
    "spend.created",
    "gift.created",
    "allocation.created",
    "transaction.reversed",
    "redemption.completed",
    "redemption.refunded",
    "note.issued",
    "note.redeemed",
    "note.voided",
    "referral.created",
    "referral.updated",
    "survey_response.created",
    "report_link.created",
    "report_link.revoked",
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
    # An event carries the transfer as GET /v1/transactions/{id} shows it: no balance.
    "data": {**TRANSFER_EXAMPLE, "member_balance": None},
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
