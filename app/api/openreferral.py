"""The public Open Referral UK feed (HSDS 3.0): the directory for any website or app.

No key, as the standard expects of a directory feed. So every response of the feed
(errors and 304s included) carries `Access-Control-Allow-Origin: *`, added by `OpenRoute`
beneath the exception handlers so a problem answer carries it too, and each client IP
is rate-limited (app/api/ratelimit.py). Field mapping, paging, caching: docs/openreferral.md.
"""

import inspect
from datetime import datetime, time
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field
from starlette.routing import Match
from starlette.types import Message, Receive, Scope, Send

from app.api import ratelimit
from app.api.caching import NOT_MODIFIED, PUBLIC, conditional
from app.api.deps import Db
from app.api.problems import problems
from app.models.dates import Instant
from app.models.directory import WEEKDAYS
from app.services import openreferral
from app.services.errors import InvalidInput

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50
# Where the feed's bucket lives (app.state); tests swap it for a small one.
LIMITER = "openreferral_limiter"
EXAMPLE_BASE = "https://api.timecredits.example"

_CORS = [
    (b"access-control-allow-origin", b"*"),
    # Browsers hide other response headers from scripts unless named here.
    (b"access-control-expose-headers", b"ETag, Retry-After, X-Request-Id"),
]


class OpenRoute(APIRoute):
    """A route whose every answer carries the CORS header, including those the app's
    exception handlers write and the 405 Starlette raises before the endpoint runs. A GET
    answers HEAD too (link checkers, caches), as a plain Starlette route does: the server
    sends the headers without the body."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        return super().matches(_head_as_get(scope, self.methods))

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def send_open(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *_CORS]
            await send(message)

        try:
            await super().handle(_head_as_get(scope, self.methods), receive, send_open)
        except Exception as exc:
            # What the route's own exception wrapper did not answer (a 405, or a 500 the
            # app's catch-all renders and logs): the same handler, through send_open.
            handler = _handler_for(scope, exc)
            if started or handler is None:
                raise
            response = handler(Request(scope), exc)
            if inspect.isawaitable(response):
                response = await response
            await response(scope, receive, send_open)


def _head_as_get(scope: Scope, methods: set[str] | None) -> Scope:
    """A HEAD request runs as the GET (out of the OpenAPI document): a copy of the scope,
    so the server still knows it answers a HEAD and sends no body."""
    if scope.get("method") == "HEAD" and methods and "GET" in methods:
        return {**scope, "method": "GET"}
    return scope


def _handler_for(scope: Scope, exc: Exception) -> Any:
    handlers = scope["app"].exception_handlers
    return next((handlers[c] for c in type(exc).__mro__ if c in handlers), None)


router = APIRouter(
    prefix="/v1/openreferral",
    tags=["openreferral"],
    route_class=OpenRoute,
    dependencies=[
        Depends(
            ratelimit.per_client_ip(
                LIMITER, lambda request: request.app.state.settings.openreferral_rate_limit
            )
        )
    ],
)

# OpenAPI: no security requirement (an empty one means "anonymous allowed").
OPEN: dict[str, Any] = {"security": [{}]}


def _responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    out = problems(*statuses, 429)
    out[429]["headers"] = {
        "Retry-After": {
            "description": "Seconds until this client's next request is accepted.",
            "schema": {"type": "integer"},
        }
    }
    out.update(NOT_MODIFIED)
    return out


def _no_nulls(schema: dict[str, Any]) -> None:
    """The feed never sends null: show optional fields as absent-or-typed, not nullable."""
    for prop in schema.get("properties", {}).values():
        branches = prop.get("anyOf")
        if branches and {"type": "null"} in branches and len(branches) == 2:
            prop.pop("anyOf")
            prop.update(next(b for b in branches if b != {"type": "null"}))
        if prop.get("default", 0) is None:
            prop.pop("default")


def _schema_extra(example: Any) -> Any:
    def extra(schema: dict[str, Any], cls: type) -> None:
        _no_nulls(schema)
        schema["examples"] = [example]

    return extra


_EXAMPLE_SERVICE = openreferral.service(openreferral.example_row())
_EXAMPLE_SUMMARY = openreferral.service_summary(openreferral.example_row())


class FeedInfo(BaseModel):
    """The HSDS API root: the HSDS version and profile this feed follows."""

    model_config = ConfigDict(json_schema_extra=_schema_extra(openreferral.feed_info(EXAMPLE_BASE)))
    version: str
    profile: str
    openapi_url: str
    services_url: str
    description: str


class HsdsOrganization(BaseModel):
    """The organisation providing a service: its public profile only."""

    model_config = ConfigDict(
        extra="allow", json_schema_extra=_schema_extra(_EXAMPLE_SERVICE["organization"])
    )
    id: UUID
    name: str
    description: str
    email: str | None = None
    website: str | None = None
    logo: str | None = None


class HsdsServiceSummary(BaseModel):
    """A service as listed: the UK profile's `compiled/service_list.json`
    (https://openreferraluk.org/specifications/3.0/): one-to-one fields only."""

    model_config = ConfigDict(extra="allow", json_schema_extra=_schema_extra(_EXAMPLE_SUMMARY))
    id: UUID
    organization_id: UUID
    name: str
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: Literal["active", "inactive", "defunct"] = Field(
        description="`active`; with `modified_after` or by id also `defunct` (archived by "
        "its partner) or `inactive` (expired)."
    )
    last_modified: datetime
    organization: HsdsOrganization


class HsdsService(HsdsServiceSummary):
    """A fully nested service: the UK profile's `compiled/service.json`, plus HSDS core's
    contact `email` and `phones` and location `schedules`."""

    model_config = ConfigDict(extra="allow", json_schema_extra=_schema_extra(_EXAMPLE_SERVICE))
    schedules: list[dict[str, Any]] | None = Field(
        default=None, description="Weekly times: `freq: WEEKLY`, `byday`, local `opens_at`."
    )
    service_at_locations: list[dict[str, Any]] | None = Field(
        default=None, description="Where: one location with its address and accessibility."
    )
    cost_options: list[dict[str, Any]] | None = Field(
        default=None, description="Offers only: `amount` in Time Credits (not money)."
    )
    contacts: list[dict[str, Any]] | None = Field(
        default=None, description="The organisation's public email and phone."
    )
    attributes: list[dict[str, Any]] | None = Field(
        default=None,
        description="Taxonomy terms: listing type, categories, accessibility features.",
    )


class HsdsServicePage(BaseModel):
    """An HSDS page: all eight Page fields, `contents` being services in list form."""

    model_config = ConfigDict(
        json_schema_extra=_schema_extra(
            {
                "total_items": 1,
                "total_pages": 1,
                "page_number": 1,
                "size": 1,
                "first_page": True,
                "last_page": True,
                "empty": False,
                "contents": [_EXAMPLE_SUMMARY],
            }
        )
    )
    total_items: int
    total_pages: int
    page_number: int
    size: int = Field(description="Services on this page.")
    first_page: bool
    last_page: bool
    empty: bool = Field(description="True when this page has no services.")
    contents: list[HsdsServiceSummary]


def _base_url(request: Request) -> str:
    configured = request.app.state.settings.public_base_url
    return (configured or str(request.base_url)).rstrip("/")


@router.get(
    "/",
    summary="Describe the Open Referral feed",
    response_model=FeedInfo,
    responses=_responses(),
    openapi_extra=OPEN,
)
@router.get("", include_in_schema=False)
async def get_openreferral_feed(request: Request) -> Response:
    """The HSDS API root: version `3.0`, the Open Referral UK profile, where this API's
    OpenAPI document is. Public: no key needed, any origin may read it (CORS)."""
    return conditional(request, openreferral.feed_info(_base_url(request)), cache_control=PUBLIC)


# The feed's own paths only: a catch-all would answer every unknown path under the prefix
# with a 405 (found by review: /v1/openreferral/taxonomies was a 405, not a 404).
@router.options("/", include_in_schema=False)
@router.options("", include_in_schema=False)
@router.options("/services", include_in_schema=False)
@router.options("/services/{service_id}", include_in_schema=False)
async def preflight() -> Response:
    """CORS preflight: a page's script may send `If-None-Match` (its own revalidation),
    which makes the browser ask first."""
    return Response(
        status_code=204,
        headers={
            "Access-Control-Allow-Methods": "GET, OPTIONS",
            "Access-Control-Allow-Headers": "If-None-Match, X-Request-Id",
            "Access-Control-Max-Age": "86400",
        },
    )


_DAYS = {
    **{d: d for d in WEEKDAYS},
    **{d[:3]: d for d in WEEKDAYS},
    **{d[:2]: d for d in WEEKDAYS},  # HSDS byday: MO, TU, ...
    **{n.lower(): d for d, n in zip(WEEKDAYS, openreferral.DAY_NAMES.values(), strict=True)},
}


def _weekday(value: str | None) -> str | None:
    if value is None:
        return None
    day = _DAYS.get(value.strip().lower())
    if day is None:
        raise InvalidInput.field("day", "must be a weekday: MO…SU, mon…sun or monday…sunday")
    return day


def _local(field: str, value: time | None) -> time | None:
    if value is not None and value.tzinfo is not None:
        raise InvalidInput.field(field, "schedules are in UK local time: give HH:MM, no offset")
    return value


@router.get(
    "/services",
    summary="List services (Open Referral UK)",
    response_model=HsdsServicePage,
    responses=_responses(),
    openapi_extra=OPEN,
)
async def list_openreferral_services(
    request: Request,
    db: Db,
    page: Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")] = 1,
    per_page: Annotated[
        int, Query(ge=1, le=MAX_PER_PAGE, description=f"Services per page (max {MAX_PER_PAGE}).")
    ] = DEFAULT_PER_PAGE,
    search: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Words to find (English full text)."),
    ] = None,
    taxonomy_term_id: Annotated[
        str | None,
        Query(
            max_length=100,
            description="A term's UUID (or our code, e.g. `swimming`, `opportunity`).",
        ),
    ] = None,
    taxonomy_id: Annotated[
        str | None, Query(max_length=100, description="Services with any term of this taxonomy.")
    ] = None,
    day: Annotated[
        str | None,
        Query(max_length=10, description="Running on this weekday: `MO`…`SU` or `monday`…"),
    ] = None,
    start_time: Annotated[
        time | None, Query(description="A session starting at or after this local time.")
    ] = None,
    end_time: Annotated[
        time | None, Query(description="A session ending at or before this local time.")
    ] = None,
    modified_after: Annotated[
        Instant | None,
        Query(description="Changed at or after this RFC 3339 time (UTC when no offset)."),
    ] = None,
) -> Response:
    """Every active Time Credits offer (an activity paid for with Time Credits) and
    volunteering opportunity (earns Time Credits) as an HSDS service, in a stable order,
    paged with `page` and `per_page`. A page past the end is empty with the right totals.
    Public: no key needed, any origin may read it (CORS)."""
    query = openreferral.FeedQuery(
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id=taxonomy_id,
        day=_weekday(day),
        start_time=_local("start_time", start_time),
        end_time=_local("end_time", end_time),
        modified_after=modified_after,
    )
    body = await openreferral.list_services(db, query, page=page, per_page=per_page)
    return conditional(request, body, cache_control=PUBLIC)


@router.get(
    "/services/{id}",
    summary="Get a service (Open Referral UK)",
    response_model=HsdsService,
    responses=_responses(404),
    openapi_extra=OPEN,
)
async def get_openreferral_service(
    request: Request,
    db: Db,
    service_id: Annotated[
        str,
        Path(
            alias="id",
            max_length=100,
            description="The service's UUID (`id` in the list).",
            examples=[_EXAMPLE_SERVICE["id"]],
        ),
    ],
) -> Response:
    """One active service, fully nested: organisation, location and address, weekly
    schedule, price in Time Credits (offers), contact, taxonomy terms. Archived ones are
    `defunct`, expired ones `inactive`; unknown: 404. Public: no key needed, any origin may
    read it (CORS)."""
    body = await openreferral.get_service(db, service_id)
    return conditional(request, body, cache_control=PUBLIC)
