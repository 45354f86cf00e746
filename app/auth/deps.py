"""FastAPI dependencies: resolve the bearer key to a Caller, require scopes."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.api.deps import Db
from app.auth import keys
from app.auth.caller import Caller, ensure_scope
from app.services.errors import Unauthenticated

_bearer = HTTPBearer(auto_error=False, description="An organisation API key: `tc_live_…`")

# One statement: find the live key and its organisation, and touch last_used_at at most
# once a minute (so busy keys don't turn every request into a row-lock queue).
KEY_LOOKUP = """
WITH k AS (
    SELECT k.id, k.organisation_id, k.scopes, o.roles
      FROM api_keys k JOIN organisations o ON o.id = k.organisation_id
     WHERE k.secret_hash = $1 AND k.revoked_at IS NULL
), touch AS (
    UPDATE api_keys SET last_used_at = now()
      FROM k
     WHERE api_keys.id = k.id
       AND (api_keys.last_used_at IS NULL
            OR api_keys.last_used_at < now() - interval '60 seconds')
)
SELECT id, organisation_id, scopes, roles FROM k
"""


async def current_caller(
    request: Request,
    db: Db,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("send an API key as `Authorization: Bearer tc_live_…`")
    secret = credentials.credentials
    if not keys.well_formed(secret):
        raise Unauthenticated("the API key is malformed")
    row = await db.fetchrow(KEY_LOOKUP, keys.digest(secret, request.app.state.key_pepper))
    if row is None:
        raise Unauthenticated("the API key is unknown or revoked")
    caller = Caller(
        organisation_id=row["organisation_id"],
        key_id=row["id"],
        roles=frozenset(row["roles"]),
        scopes=frozenset(row["scopes"]),
    )
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
KeysManager = Annotated[Caller, Depends(require_scope("keys:manage"))]
Admin = Annotated[Caller, Depends(require_scope("admin"))]
