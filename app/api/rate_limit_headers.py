"""Per-key rate limits on the HTTP side: which budget a request spends, the 429, and the
RateLimit-Policy / RateLimit headers of the IETF httpapi draft
(draft-ietf-httpapi-ratelimit-headers-10) on every answer to an identified key.

The rule lives in one place, `spend`, called where a key is identified: `current_caller`
and `identified_caller` (app/api/auth.py) for every authenticated route and GraphQL, and
the earning's fast path (app/api/hot.py), so both paths count a request once, the same way.
The budgets themselves are app/services/rate_limits.py.

Reads are GET and HEAD, and POST /graphql carrying a query; writes are every other method,
and POST /graphql carrying a mutation. A GraphQL document that cannot be read counts as a
read: it runs nothing. A 401 does not count (a key found revoked gives its token back);
a 403 or a 422 does: the key was identified and the service did the work of refusing.

    RateLimit-Policy: "writes";q=600;w=60
    RateLimit: "writes";r=598;t=37

`q` is the budget, `w` the window in seconds, `r` what is left of it as far as this
process knows (other processes' spending shows when it next leases), `t` seconds until the
window ends. Past the budget: 429 problem+json `rate_limited` with `Retry-After: t`."""

from typing import Any

import asyncpg
from fastapi import Request
from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse

from app.api.deps import Connection
from app.auth.caller import Caller
from app.services.rate_limits import WINDOW_SECONDS, RateLimiter, Verdict

STATE = "rate_limit"  # request.state.rate_limit: this request's Verdict, once counted
GRAPHQL_PATH = "/graphql"  # app/graphql/router.py PATH (importing it would be circular)
_READS = frozenset({"GET", "HEAD"})


async def spend(
    request: Request, caller: Caller, db: asyncpg.Connection | None = None, kind: str = ""
) -> None:
    """Count this request against its key's budget, once, and refuse it (RateLimited) past
    the budget. `db`: a connection the request already holds, for a lease if one is due
    (else one is taken for it)."""
    state = request.scope.setdefault("state", {})
    if STATE in state or caller.key_id is None:
        return
    limiter: RateLimiter = request.app.state.rate_limiter
    kind = kind or await kind_of(request)
    if not limiter.enabled(kind):
        return
    verdict = limiter.try_take(caller.key_id, kind, request.app.state.pool)
    if verdict is None:
        if db is not None:
            verdict = await limiter.take(caller.key_id, kind, db)
        else:
            async with Connection(request) as conn:
                verdict = await limiter.take(caller.key_id, kind, conn)
    state[STATE] = verdict
    if not verdict.allowed:
        raise verdict.refusal()


def give_back(request: Request) -> None:
    """The key turned out revoked: its request does not count, and gets no headers."""
    verdict: Verdict | None = request.scope.get("state", {}).pop(STATE, None)
    if verdict is not None:
        request.app.state.rate_limiter.give_back(verdict)


async def kind_of(request: Request) -> str:
    method = request.scope["method"]
    if method in _READS:
        return "reads"
    if request.scope["path"] == GRAPHQL_PATH and method == "POST":
        return await _graphql_kind(request)
    return "writes"


async def _graphql_kind(request: Request) -> str:
    """A mutation is a write, anything else a read. The body read here is kept on the
    request, which strawberry reads next (FastAPI hands both the same Request)."""
    try:
        body = await request.json()
        document = parse(
            body["query"],
            no_location=True,
            max_tokens=request.app.state.settings.graphql_max_tokens,
        )
        name = body.get("operationName")
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, GraphQLError):
        # (RecursionError: JSON nested deeper than Python's decoder goes.)
        return "reads"  # strawberry refuses it without running anything
    for node in document.definitions:
        if isinstance(node, OperationDefinitionNode) and (
            not name or (node.name is not None and node.name.value == name)
        ):
            return "writes" if node.operation is OperationType.MUTATION else "reads"
    return "reads"


def headers(verdict: Verdict) -> list[tuple[bytes, bytes]]:
    """The RateLimit headers of a request's verdict: app/api/middleware.py's RequestId adds
    them to its answer, whatever produced it (a route, an error handler, the fast path)."""
    policy = f'"{verdict.kind}";q={verdict.limit};w={WINDOW_SECONDS}'
    current = f'"{verdict.kind}";r={verdict.remaining};t={verdict.reset}'
    return [(b"ratelimit-policy", policy.encode()), (b"ratelimit", current.encode())]


_HEADER_DOCS = {
    "RateLimit-Policy": (
        'This key\'s budget of the kind this request spent: `"reads"` (GET, HEAD, GraphQL '
        'queries) or `"writes"`, `q` requests per `w` seconds. Example: `"writes";q=600;w=60`.'
    ),
    "RateLimit": (
        "What is left of that budget in this window (`r`) and the seconds until the window "
        'ends (`t`). Example: `"writes";r=598;t=37`.'
    ),
}


def document(
    operation: dict[str, Any], refused: dict[str, Any], components: dict[str, Any]
) -> None:
    """OpenAPI for an authenticated operation: the RateLimit headers on its answers (all
    but the 401, which no key stands behind), declared once in `components`, and `refused`,
    the 429 problem, past the budget."""
    declared = components.setdefault("headers", {})
    for name, description in _HEADER_DOCS.items():
        declared[name] = {"description": description, "schema": {"type": "string"}}
    for media in refused.get("content", {}).values():
        media.get("example", {})["detail"] = (
            "this API key may make 600 writes a minute; its budget comes back in 37 s"
        )
    responses = operation.setdefault("responses", {})
    responses.setdefault("429", refused)
    responses["429"]["headers"] = {
        "Retry-After": {
            "description": "Seconds until this key's budget comes back.",
            "schema": {"type": "integer"},
        }
    }
    for status, response in responses.items():
        if status != "401":
            headers_ = response.setdefault("headers", {})
            for name in _HEADER_DOCS:
                headers_[name] = {"$ref": f"#/components/headers/{name}"}
