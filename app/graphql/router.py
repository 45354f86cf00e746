"""/graphql on the FastAPI app: POST runs queries, authenticated by REST's own dependency
(app/api/auth.py current_caller: a missing, unknown or revoked key is REST's 401 problem);
GET serves GraphiQL only in development (no queries over GET: no CSRF-able reads)."""

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from strawberry.fastapi import GraphQLRouter
from strawberry.http.async_base_view import HTTPException  # the one its views raise
from strawberry.types.unset import UNSET

from app.api.auth import CurrentCaller
from app.api.deps import Db
from app.api.problems import problem
from app.graphql.context import Context
from app.graphql.schema import build
from app.settings import Settings

PATH = "/graphql"


async def _context(request: Request, db: Db, caller: CurrentCaller) -> Context:
    return Context(db=db, caller=caller, env=request.app.state.env)


class _Router(GraphQLRouter):
    """A request strawberry cannot read (not JSON, no query, another content type) is a
    problem+json as REST's bad requests are, not plain text."""

    def decode_json(self, data: str | bytes) -> object:
        """JSON nested deeper than Python's decoder goes raises RecursionError, which
        strawberry (catching only JSONDecodeError) would let out as a 500."""
        try:
            return super().decode_json(data)
        except RecursionError:
            raise HTTPException(400, "Unable to parse request body as JSON") from None

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        try:
            return await super().run(request, context=context, root_value=root_value)
        except HTTPException as exc:
            code = "malformed_json" if "JSON" in exc.reason else "bad_request"
            return problem(request, exc.status_code, code, "Bad request", exc.reason)


def router(settings: Settings) -> GraphQLRouter:
    development = settings.env == "development"
    graphql = _Router(
        build(settings),
        path=PATH,
        graphql_ide="graphiql" if development else None,
        allow_queries_via_get=False,
        context_getter=_context,
        include_in_schema=False,
    )
    # Only the POST of queries: no websocket subscriptions, and GET (strawberry's would
    # authenticate first) replaced by the IDE alone, in development only.
    graphql.routes = [r for r in graphql.routes if isinstance(r, APIRoute) and "POST" in r.methods]
    if development:

        async def ide() -> HTMLResponse:
            return HTMLResponse(graphql.graphql_ide_html)

        graphql.add_api_route(PATH, ide, methods=["GET"], include_in_schema=False)
    return graphql
