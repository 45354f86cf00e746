"""GET /v1/me and API keys."""

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from app.api.auth import CurrentCaller, KeysManager
from app.api.deps import Db, IdempotencyKey
from app.api.params import DEFAULT, After, Limit
from app.api.problems import problems
from app.api.responses import write
from app.api.routing import ExactJsonRoute
from app.models.common import Page
from app.models.keys import ApiKeyCreate, ApiKeyCreated, ApiKeyRead, ApiKeyRevocation
from app.models.organisations import MeRead
from app.services import keys, organisations

router = APIRouter(prefix="/v1", tags=["identity"], route_class=ExactJsonRoute)

KeyId = Annotated[str, Path(max_length=100, examples=["key_0a1b2c3d4e5f6g7h"])]


@router.get("/me", summary="Who this key acts as", responses=problems())
async def get_me(caller: CurrentCaller, db: Db) -> MeRead:
    """The organisation behind this API key, its roles, programmes and balance, and the
    key's own scopes. A cheap call to check a key works."""
    org = await organisations.me(db, caller)
    return MeRead(organisation=org, api_key_id=caller.key_id, scopes=sorted(caller.scopes))


@router.get("/api-keys", summary="List your organisation's API keys", responses=problems(403))
async def list_api_keys(
    caller: KeysManager, db: Db, limit: Limit = DEFAULT, after: After = None
) -> Page[ApiKeyRead]:
    """Your organisation's keys, revoked ones included, newest first, page by page.
    Secrets are never shown again."""
    data, cursor = await keys.list_for(db, caller, limit=limit, after=after)
    return Page(data=data, next_cursor=cursor, has_more=cursor is not None)


@router.post(
    "/api-keys",
    status_code=201,
    summary="Create an API key",
    response_model=ApiKeyCreated,
    responses=problems(403),
)
async def create_api_key(
    body: ApiKeyCreate, caller: KeysManager, db: Db, request: Request, key: IdempotencyKey
) -> Response:
    """A new key with the scopes you choose (at most those of the key making the call).
    The `secret` is in this response only: store it now. A retry with the same
    Idempotency-Key replays this response with `secret: null`: a replay never shows the
    secret again (it is stored only as a hash); if it was lost, revoke the key and create
    a new one. Rotate by creating a new key, deploying it, then revoking the old one."""
    return await write(request, db, caller, keys.create, body, key)


@router.delete(
    "/api-keys/{key_id}", status_code=204, summary="Revoke an API key", responses=problems(403, 404)
)
async def revoke_api_key(key_id: KeyId, caller: KeysManager, db: Db, request: Request) -> Response:
    """The key stops working on its next request. A key may revoke itself."""
    return await write(request, db, caller, keys.revoke, ApiKeyRevocation(key_id=key_id))
