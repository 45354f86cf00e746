"""Webhooks: request and response schemas (endpoints, secrets, deliveries)."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.models.common import Input, ShownOnce
from app.models.events import EVENT_TYPES, EventType

DeliveryStatus = Literal["pending", "succeeded", "failed"]
MAX_OVERLAP_SECONDS = 7 * 86400

_ENDPOINT_EXAMPLE = {
    "id": "whe_3k4m5n6p7q8r9s0t",
    "url": "https://crm.example.org/hooks/timecredits",
    "event_types": ["earning.created", "redemption.completed"],
    "enabled": True,
    "disabled_reason": None,
    "failing_since": None,
    "previous_secret_expires_at": None,
    "created_at": "2026-11-23T09:00:00Z",
    "updated_at": "2026-11-23T09:00:00Z",
}
_SECRET = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

EventTypes = list[EventType]
_TYPES = f"Any of: {', '.join(EVENT_TYPES)}."


class WebhookEndpointCreate(Input):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "url": "https://crm.example.org/hooks/timecredits",
                    "event_types": ["earning.created", "redemption.completed"],
                }
            ]
        }
    )
    url: str = Field(
        min_length=1,
        max_length=2000,
        description="An https URL on a public address (loopback, private and link-local "
        "targets are refused unless the service allows them for development).",
    )
    event_types: EventTypes = Field(min_length=1, max_length=len(EVENT_TYPES), description=_TYPES)
    enabled: bool = True


class WebhookEndpointUpdate(Input):
    """Only the fields sent change. Enabling an endpoint clears `disabled_reason`."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"enabled": True}]})
    url: str | None = Field(default=None, min_length=1, max_length=2000)
    event_types: EventTypes | None = Field(
        default=None, min_length=1, max_length=len(EVENT_TYPES), description=_TYPES
    )
    enabled: bool | None = None


class WebhookEndpointChange(BaseModel):
    """What a PATCH asks of one endpoint (the path's id is part of the request)."""

    endpoint_id: str
    update: WebhookEndpointUpdate


class WebhookEndpointRef(BaseModel):
    endpoint_id: str


class WebhookEndpointRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_ENDPOINT_EXAMPLE]})
    id: str
    url: str
    event_types: list[str]
    enabled: bool
    disabled_reason: str | None = Field(
        description="Why the service disabled it (a 410 answer, or failing for days)."
    )
    failing_since: datetime | None = Field(
        description="Since when every delivery has failed; null once one succeeds."
    )
    previous_secret_expires_at: datetime | None = Field(
        description="During a rotation's overlap: until when the previous secret also signs."
    )
    created_at: datetime
    updated_at: datetime


class WebhookEndpointCreated(WebhookEndpointRead):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{**_ENDPOINT_EXAMPLE, "secret": _SECRET}]}
    )
    secret: ShownOnce = Field(
        description="The signing secret (`whsec_` and base64), shown once, now. `null` when "
        "this response is an Idempotency-Key replay: rotate it if it was lost."
    )


class WebhookSecretRotate(Input):
    model_config = ConfigDict(json_schema_extra={"examples": [{"overlap_seconds": 86400}]})
    overlap_seconds: int = Field(
        default=86400,
        ge=0,
        le=MAX_OVERLAP_SECONDS,
        description="How long the previous secret keeps signing beside the new one (each "
        "request then carries both signatures). At most 7 days.",
    )


class WebhookSecretRotation(BaseModel):
    endpoint_id: str
    rotate: WebhookSecretRotate


class WebhookSecretRotated(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "whe_3k4m5n6p7q8r9s0t",
                    "secret": _SECRET,
                    "previous_secret_expires_at": "2026-11-24T09:00:00Z",
                }
            ]
        }
    )
    id: str
    secret: ShownOnce = Field(description="The new secret, shown once (null in a replay).")
    previous_secret_expires_at: datetime | None


class WebhookDeliveryRetry(BaseModel):
    endpoint_id: str
    delivery_id: str


class WebhookDeliveryRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "whd_8f2c7a1e9b3d4c5a6e7f",
                    "webhook_id": "msg_1b2c3d4e5f6a7b8c9d0e1f2a",
                    "event_id": "evt_5m2kq8w3m1c7b",
                    "event_type": "earning.created",
                    "status": "succeeded",
                    "attempts": 1,
                    "next_attempt_at": None,
                    "last_attempt_at": "2026-11-23T09:00:01Z",
                    "status_code": 204,
                    "error": None,
                    "created_at": "2026-11-23T09:00:00Z",
                }
            ]
        }
    )
    id: str
    webhook_id: str = Field(description="The `webhook-id` header: the same on every attempt.")
    event_id: str
    event_type: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime | None = Field(description="When next tried, while pending.")
    last_attempt_at: datetime | None
    status_code: int | None = Field(description="The last attempt's HTTP status, if any.")
    error: str | None = Field(description="Why the last attempt failed, if it did.")
    created_at: datetime
