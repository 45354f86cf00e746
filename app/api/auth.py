"""The FastAPI side of authentication: the bearer key to a Caller, and scope checks.

Who a key acts as is the keys service's rule (app/services/keys.py: authenticate); here it
is only read from the request and applied. GraphQL uses the same dependency."""

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.api import rate_limit_headers as rate_limits
from app.api.deps import Connection, Db, IdempotencyKeyHeader, idempotency_key
from app.auth import keys as secrets
from app.auth.caller import Caller, ensure_scope
from app.services import keys
from app.services.errors import Unauthenticated

_bearer = HTTPBearer(auto_error=False, description="An organisation API key: `tc_live_…`")


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
UNKNOWN = "the API key is unknown or revoked"


def _digest(request: Request, credentials: HTTPAuthorizationCredentials | None) -> bytes:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("send an API key as `Authorization: Bearer tc_live_…`")
    secret = credentials.credentials
    if not secrets.well_formed(secret):
        raise Unauthenticated("the API key is malformed")
    digest = secrets.digest(secret, request.app.state.env.pepper)
    request.state.key_digest = digest
    return digest


async def current_caller(request: Request, db: Db, credentials: Credentials) -> Caller:
    """The caller, the key checked live in the database on this request."""
    caller = await keys.authenticate(db, _digest(request, credentials))
    if caller is None:
        raise Unauthenticated(UNKNOWN)
    request.state.caller = caller
    await rate_limits.spend(request, caller, db)  # its budget (app/api/rate_limit_headers.py)
    return caller


async def identified_caller(request: Request, credentials: Credentials) -> Caller:
    """The caller from the per-process key cache (app/auth/cache.py), looked up only the
    first time: for the earning, whose one statement checks the key is still live (and
    answers 401 if not). Takes no connection of its own when the key is known."""
    digest = _digest(request, credentials)
    cache = request.app.state.key_cache
    caller = cache.get(digest)
    if caller is None:
        async with Connection(request) as db:
            caller = await keys.authenticate(db, digest)
        if caller is None:
            raise Unauthenticated(UNKNOWN)
        cache.put(digest, caller)
    request.state.caller = caller
    await rate_limits.spend(request, caller)
    return caller


def forget_key(request: Request) -> None:
    """A key found dead after it was cached (revoked): its next request looks it up, and
    this one does not count against its budget."""
    rate_limits.give_back(request)
    digest = getattr(request.state, "key_digest", None)
    if digest is not None:
        request.app.state.key_cache.forget(digest)


CurrentCaller = Annotated[Caller, Depends(current_caller)]


def require_scope(scope: str, caller_of: Any = current_caller):
    async def dep(caller: Annotated[Caller, Depends(caller_of)]) -> Caller:
        ensure_scope(caller, scope)
        return caller

    return dep


MembersReader = Annotated[Caller, Depends(require_scope("members:read"))]
MembersWriter = Annotated[Caller, Depends(require_scope("members:write"))]


@dataclass(frozen=True, slots=True)
class Writer:
    """Who writes, and with which Idempotency-Key."""

    caller: Caller
    key: str | None


def cached_writer(scope: str):
    """One dependency for a hot write: the caller from the key cache (its statement checks
    the key is live), the scope, and the Idempotency-Key header. FastAPI's dependency
    resolution costs CPU per dependency: three separate ones cost the earning about 0.05 ms
    more (docs/performance.md)."""

    async def dep(
        request: Request, credentials: Credentials, idempotency_key_: IdempotencyKeyHeader = None
    ) -> Writer:
        caller = await identified_caller(request, credentials)
        ensure_scope(caller, scope)
        return Writer(caller, idempotency_key(idempotency_key_))

    return dep


def cached_caller(scope: str):
    """The caller from the key cache, with the scope: for a route whose service checks in
    its own statement that the key is live (the desk's: redemptions._find)."""

    async def dep(request: Request, credentials: Credentials) -> Caller:
        caller = await identified_caller(request, credentials)
        ensure_scope(caller, scope)
        return caller

    return dep


# The earning, the hot path.
EarnWriter = Annotated[Writer, Depends(cached_writer("earn:write"))]
# Validating and redeeming at the desk, the venue's hot path.
DeskWriter = Annotated[Caller, Depends(cached_caller("spend:write"))]
SpendWriter = Annotated[Caller, Depends(require_scope("spend:write"))]
GiftWriter = Annotated[Caller, Depends(require_scope("gift:write"))]
DirectoryReader = Annotated[Caller, Depends(require_scope("directory:read"))]
DirectoryWriter = Annotated[Caller, Depends(require_scope("directory:write"))]
ReportsReader = Annotated[Caller, Depends(require_scope("reports:read"))]
ReferralsReader = Annotated[Caller, Depends(require_scope("referrals:read"))]
ReferralsWriter = Annotated[Caller, Depends(require_scope("referrals:write"))]
SurveysReader = Annotated[Caller, Depends(require_scope("surveys:read"))]
SurveysWriter = Annotated[Caller, Depends(require_scope("surveys:write"))]
EventsReader = Annotated[Caller, Depends(require_scope("events:read"))]
KeysManager = Annotated[Caller, Depends(require_scope("keys:manage"))]
Admin = Annotated[Caller, Depends(require_scope("admin"))]
