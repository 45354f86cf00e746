"""The FastAPI side of authentication: the bearer key to a Caller, and scope checks.

Who a key acts as is the keys service's rule (app/services/keys.py: authenticate); here it
is only read from the request and applied. GraphQL uses the same dependency."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.api.deps import Db
from app.auth import keys as secrets
from app.auth.caller import Caller, ensure_scope
from app.services import keys
from app.services.errors import Unauthenticated

_bearer = HTTPBearer(auto_error=False, description="An organisation API key: `tc_live_…`")


async def current_caller(
    request: Request,
    db: Db,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("send an API key as `Authorization: Bearer tc_live_…`")
    secret = credentials.credentials
    if not secrets.well_formed(secret):
        raise Unauthenticated("the API key is malformed")
    caller = await keys.authenticate(db, secrets.digest(secret, request.app.state.env.pepper))
    if caller is None:
        raise Unauthenticated("the API key is unknown or revoked")
    request.state.caller = caller
    return caller


CurrentCaller = Annotated[Caller, Depends(current_caller)]


def require_scope(scope: str):
    async def dep(caller: CurrentCaller) -> Caller:
        ensure_scope(caller, scope)
        return caller

    return dep


MembersReader = Annotated[Caller, Depends(require_scope("members:read"))]
MembersWriter = Annotated[Caller, Depends(require_scope("members:write"))]
EarnWriter = Annotated[Caller, Depends(require_scope("earn:write"))]
SpendWriter = Annotated[Caller, Depends(require_scope("spend:write"))]
GiftWriter = Annotated[Caller, Depends(require_scope("gift:write"))]
DirectoryReader = Annotated[Caller, Depends(require_scope("directory:read"))]
DirectoryWriter = Annotated[Caller, Depends(require_scope("directory:write"))]
ReportsReader = Annotated[Caller, Depends(require_scope("reports:read"))]
EventsReader = Annotated[Caller, Depends(require_scope("events:read"))]
KeysManager = Annotated[Caller, Depends(require_scope("keys:manage"))]
Admin = Annotated[Caller, Depends(require_scope("admin"))]
