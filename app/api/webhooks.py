"""Webhook endpoints: register receivers, rotate their secrets, read and retry deliveries
(docs/webhooks.md)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response

from app.api.auth import require_scope
from app.api.deps import Db, IdempotencyKey
from app.api.params import DEFAULT, After, Limit
from app.api.problems import problems
from app.api.responses import write
from app.api.routing import ExactJsonRoute
from app.auth.caller import Caller
from app.models.common import Page
from app.models.webhooks import (
    DeliveryStatus,
    WebhookDeliveryRead,
    WebhookDeliveryRetry,
    WebhookEndpointChange,
    WebhookEndpointCreate,
    WebhookEndpointCreated,
    WebhookEndpointRead,
    WebhookEndpointRef,
    WebhookEndpointUpdate,
    WebhookSecretRotate,
    WebhookSecretRotated,
    WebhookSecretRotation,
)
from app.services import webhooks

router = APIRouter(prefix="/v1/webhook-endpoints", tags=["webhooks"], route_class=ExactJsonRoute)

WebhooksManager = Annotated[Caller, Depends(require_scope("webhooks:manage"))]
EndpointId = Annotated[str, Path(max_length=100, examples=["whe_3k4m5n6p7q8r9s0t"])]
DeliveryId = Annotated[str, Path(max_length=100, examples=["whd_8f2c7a1e9b3d4c5a6e7f"])]


@router.post(
    "",
    status_code=201,
    summary="Register a webhook endpoint",
    response_model=WebhookEndpointCreated,
    responses=problems(403),
)
async def create_webhook_endpoint(
    body: WebhookEndpointCreate,
    caller: WebhooksManager,
    db: Db,
    request: Request,
    key: IdempotencyKey,
) -> Response:
    """Events of these types that your organisation may see are POSTed to `url` from now
    on, signed per Standard Webhooks. The `secret` is in this response only (a replay with
    the same Idempotency-Key shows `null`): store it now, or rotate it later."""
    return await write(request, db, caller, webhooks.create, body, key)


@router.get("", summary="List webhook endpoints", responses=problems(403))
async def list_webhook_endpoints(
    caller: WebhooksManager, db: Db, limit: Limit = DEFAULT, after: After = None
) -> Page[WebhookEndpointRead]:
    """Your organisation's endpoints, newest first (secrets are never shown again)."""
    data, cursor = await webhooks.list_for(db, caller, limit=limit, after=after)
    return Page(data=data, next_cursor=cursor, has_more=cursor is not None)


@router.get("/{endpoint_id}", summary="Get a webhook endpoint", responses=problems(403, 404))
async def get_webhook_endpoint(
    endpoint_id: EndpointId, caller: WebhooksManager, db: Db
) -> WebhookEndpointRead:
    """One of your organisation's endpoints; any other is a 404."""
    return await webhooks.get(db, caller, endpoint_id)


@router.patch(
    "/{endpoint_id}",
    summary="Change a webhook endpoint",
    response_model=WebhookEndpointRead,
    responses=problems(403, 404),
)
async def update_webhook_endpoint(
    endpoint_id: EndpointId,
    body: WebhookEndpointUpdate,
    caller: WebhooksManager,
    db: Db,
    request: Request,
) -> Response:
    """Change the URL, the event types or whether it is enabled. Enabling an endpoint the
    service disabled clears `disabled_reason` and resumes delivery where it stopped."""
    change = WebhookEndpointChange(endpoint_id=endpoint_id, update=body)
    return await write(request, db, caller, webhooks.update, change)


@router.delete(
    "/{endpoint_id}",
    status_code=204,
    summary="Delete a webhook endpoint",
    responses=problems(403, 404),
)
async def delete_webhook_endpoint(
    endpoint_id: EndpointId, caller: WebhooksManager, db: Db, request: Request
) -> Response:
    """Nothing more is sent to it; its delivery log goes with it."""
    ref = WebhookEndpointRef(endpoint_id=endpoint_id)
    return await write(request, db, caller, webhooks.delete, ref)


@router.post(
    "/{endpoint_id}/secret",
    summary="Rotate an endpoint's signing secret",
    response_model=WebhookSecretRotated,
    responses=problems(403, 404),
)
async def rotate_webhook_secret(
    endpoint_id: EndpointId,
    caller: WebhooksManager,
    db: Db,
    request: Request,
    key: IdempotencyKey,
    body: WebhookSecretRotate | None = None,
) -> Response:
    """A new secret, shown once. During `overlap_seconds` (default a day) every request
    carries two signatures in `webhook-signature`, one per secret, so receivers can switch
    at leisure."""
    rotation = WebhookSecretRotation(endpoint_id=endpoint_id, rotate=body or WebhookSecretRotate())
    return await write(request, db, caller, webhooks.rotate, rotation, key)


@router.get(
    "/{endpoint_id}/deliveries",
    summary="An endpoint's delivery log",
    responses=problems(403, 404),
)
async def list_webhook_deliveries(
    endpoint_id: EndpointId,
    caller: WebhooksManager,
    db: Db,
    status: DeliveryStatus | None = None,
    limit: Limit = DEFAULT,
    after: After = None,
) -> Page[WebhookDeliveryRead]:
    """Every event sent (or to be sent) to the endpoint, newest first: its `webhook_id`,
    status, attempts and the last answer's `status_code`."""
    data, cursor = await webhooks.deliveries(
        db, caller, endpoint_id, status=status, limit=limit, after=after
    )
    return Page(data=data, next_cursor=cursor, has_more=cursor is not None)


@router.post(
    "/{endpoint_id}/deliveries/{delivery_id}/retry",
    status_code=202,
    summary="Send a delivery again",
    response_model=WebhookDeliveryRead,
    responses=problems(403, 404),
)
async def retry_webhook_delivery(
    endpoint_id: EndpointId,
    delivery_id: DeliveryId,
    caller: WebhooksManager,
    db: Db,
    request: Request,
    key: IdempotencyKey,
) -> Response:
    """Sent again at once with the same `webhook-id`, on a fresh retry schedule (an
    endpoint that is disabled gets it once re-enabled)."""
    ref = WebhookDeliveryRetry(endpoint_id=endpoint_id, delivery_id=delivery_id)
    return await write(request, db, caller, webhooks.retry, ref, key)
