"""The partner directory: organisation profiles, offers, opportunities, and their search."""

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.api.auth import DirectoryReader, DirectoryWriter
from app.api.caching import NOT_MODIFIED, conditional, json_page
from app.api.deps import Db, IdempotencyKey
from app.api.params import DEFAULT, After, Limit
from app.api.problems import problems
from app.api.responses import write
from app.api.routing import ExactJsonRoute
from app.models.common import Page
from app.models.dates import Instant
from app.models.directory import (
    Category,
    DirectoryOrganisation,
    DirectoryQuery,
    Feature,
    ListingChange,
    ListingRef,
    Near,
    OfferCreate,
    OfferRead,
    OfferUpdate,
    OpportunityCreate,
    OpportunityRead,
    OpportunityUpdate,
    ProfileUpdate,
    Weekday,
    coordinate,
)
from app.models.money import parse_amount
from app.models.organisations import Role
from app.services import listings, profiles
from app.services.directory_search import DEFAULT_RADIUS_KM, MAX_RADIUS_KM, MIN_RADIUS_KM
from app.services.errors import InvalidInput

router = APIRouter(prefix="/v1", tags=["directory"], route_class=ExactJsonRoute)

ListingId = Annotated[str, Path(max_length=100)]
READ_PROBLEMS = {**problems(403), **NOT_MODIFIED}


def _near(value: str | None, radius_km: float | None) -> Near | None:
    if value is None:
        if radius_km is not None:
            raise InvalidInput.field("radius_km", "needs `near`")
        return None
    parts = value.split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise InvalidInput.field("near", "must be `latitude,longitude` in degrees") from None
    if not (-90 <= lat <= 90):  # also refuses NaN
        raise InvalidInput.field("near", "latitude must be between -90 and 90")
    if not (-180 <= lon <= 180):
        raise InvalidInput.field("near", "longitude must be between -180 and 180")
    return Near(
        latitude=coordinate(lat),
        longitude=coordinate(lon),
        radius_km=radius_km or DEFAULT_RADIUS_KM,
    )


async def directory_query(  # async: a sync dependency costs a thread hop
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description="Words to find; tolerates typos and word forms. Ranks results "
            "(best first) unless `near` is given.",
        ),
    ] = None,
    category: Annotated[
        list[Category], Query(max_length=20, description="Any of these categories.")
    ] = [],  # noqa: B006 (FastAPI copies defaults)
    programme_id: Annotated[str | None, Query(max_length=100)] = None,
    near: Annotated[
        str | None,
        Query(
            max_length=60,
            description="`latitude,longitude`: only results within `radius_km`, nearest "
            "first, each with `distance_km`.",
            examples=["51.6286,-0.7482"],
        ),
    ] = None,
    radius_km: Annotated[
        float | None,
        Query(
            ge=MIN_RADIUS_KM,
            le=MAX_RADIUS_KM,
            allow_inf_nan=False,
            description=f"With `near`; default {DEFAULT_RADIUS_KM:g}, from {MIN_RADIUS_KM:g} "
            f"(1 m) to {MAX_RADIUS_KM:g}.",
        ),
    ] = None,
    open_on: Annotated[Weekday | None, Query(description="Open (or running) on this day.")] = None,
    accessible: Annotated[
        list[Feature], Query(max_length=20, description="Has all of these features.")
    ] = [],  # noqa: B006
    updated_since: Annotated[
        Instant | None,
        Query(
            description="Changed at or after this instant, oldest change first: for keeping "
            "a copy in sync (offers and opportunities then include archived ones)."
        ),
    ] = None,
) -> DirectoryQuery:
    return DirectoryQuery(
        q=q.strip() or None if q else None,
        categories=sorted(set(category)),
        programme_id=programme_id,
        near=_near(near, radius_km),
        open_on=open_on,
        accessible=sorted(set(accessible)),
        updated_since=updated_since,
    )


Search = Annotated[DirectoryQuery, Depends(directory_query)]


@router.get(
    "/organisations",
    summary="Search the directory's organisations",
    response_model=Page[DirectoryOrganisation],
    responses=READ_PROBLEMS,
)
async def search_organisations(
    request: Request,
    caller: DirectoryReader,
    db: Db,
    query: Search,
    role: Annotated[Role | None, Query(description="Holding this role.")] = None,
    limit: Limit = DEFAULT,
    after: After = None,
) -> Response:
    """Public profiles: by name (A-Z) unless you search by `q` (relevance), `near`
    (distance) or `updated_since` (oldest change first)."""
    query = query.model_copy(update={"role": role})
    data, cursor = await profiles.search_organisations(db, query, limit=limit, after=after)
    return conditional(request, Page(data=data, next_cursor=cursor, has_more=cursor is not None))


@router.get(
    "/organisations/{organisation_id}",
    summary="An organisation's public profile",
    response_model=DirectoryOrganisation,
    responses={**problems(403, 404), **NOT_MODIFIED},
)
async def get_organisation(
    organisation_id: Annotated[str, Path(max_length=100)],
    request: Request,
    caller: DirectoryReader,
    db: Db,
) -> Response:
    """What any partner may read about an organisation: never its balance or contacts
    other than the public ones."""
    return conditional(request, await profiles.get(db, organisation_id))


@router.patch(
    "/organisations/me",
    summary="Update your organisation's public profile",
    response_model=DirectoryOrganisation,
    responses=problems(403),
)
async def update_organisation_profile(
    body: ProfileUpdate, caller: DirectoryWriter, db: Db, request: Request
) -> Response:
    """Send only the fields to change; `null` clears one. Offers and opportunities without
    a location of their own move with your address."""
    return await write(request, db, caller, profiles.update, body)


async def _max_credits(
    max_credits: Annotated[
        str | None,
        Query(max_length=40, description="Offers priced at most this many credits."),
    ] = None,
) -> Decimal | None:
    if max_credits is None:
        return None
    try:
        return parse_amount(max_credits)
    except ValueError as exc:
        raise InvalidInput.field("max_credits", str(exc)) from None


async def _no_price_filter() -> None:
    return None


def _listing_routes(kind: listings.Kind, path: str, read: Any, create: Any, patch: Any) -> None:
    """The same five operations for offers and opportunities."""
    noun = listings.KINDS[kind].noun
    role = listings.KINDS[kind].role
    price_filter = _max_credits if kind == "offer" else _no_price_filter
    operations = listings.OPERATIONS[kind]

    @router.get(
        f"/{path}",
        summary=f"Search {noun}s",
        response_model=Page[read],
        responses=READ_PROBLEMS,
        name=f"search_{path}",
        description=(
            f"Active, current {noun}s of every partner: by title (A-Z) unless you search by "
            "`q` (relevance), `near` (distance) or `updated_since` (oldest change first)."
        ),
    )
    async def search(
        request: Request,
        caller: DirectoryReader,
        db: Db,
        query: Search,
        max_credits: Annotated[Decimal | None, Depends(price_filter)],
        organisation_id: Annotated[
            str | None,
            Query(
                max_length=100,
                description="One partner's only (yours, to manage them: with "
                "`updated_since` archived ones too).",
            ),
        ] = None,
        limit: Limit = DEFAULT,
        after: After = None,
    ) -> Response:
        query = query.model_copy(
            update={"max_credits": max_credits, "organisation_id": organisation_id}
        )
        data, cursor = await listings.search_listings(db, kind, query, limit=limit, after=after)
        return conditional(request, json_page(data, cursor))

    @router.post(
        f"/{path}",
        status_code=201,
        summary=f"Publish an {noun}" if noun[0] in "aeiou" else f"Publish a {noun}",
        response_model=read,
        responses=problems(403),
        name=f"create_{kind}",
        description=(
            f"Only a {role} publishes {noun}s. Without an address or coordinates of its own, "
            "the listing is where your organisation is (and moves with it); accessibility "
            "defaults to your organisation's."
        ),
    )
    async def publish(
        body: create, caller: DirectoryWriter, db: Db, request: Request, key: IdempotencyKey
    ) -> Response:
        return await write(request, db, caller, operations.create, body, key)

    @router.get(
        f"/{path}/{{listing_id}}",
        summary=f"Get {'an' if noun[0] in 'aeiou' else 'a'} {noun}",
        response_model=read,
        responses={**problems(403, 404), **NOT_MODIFIED},
        name=f"get_{kind}",
        description=f"Any {noun}, archived ones included (`status`).",
    )
    async def get_one(
        listing_id: ListingId, request: Request, caller: DirectoryReader, db: Db
    ) -> Response:
        return conditional(request, await listings.get(db, kind, listing_id))

    @router.patch(
        f"/{path}/{{listing_id}}",
        summary=f"Change your {noun}",
        response_model=read,
        responses=problems(403, 404, 409),
        name=f"update_{kind}",
        description=(
            "Send only the fields to change; `null` clears an optional one. Another "
            "organisation's is a 404. An archived one cannot change (409)."
        ),
    )
    async def change(
        listing_id: ListingId, body: patch, caller: DirectoryWriter, db: Db, request: Request
    ) -> Response:
        change = ListingChange(listing_id=listing_id, changes=body)
        return await write(request, db, caller, operations.update, change)

    @router.delete(
        f"/{path}/{{listing_id}}",
        summary=f"Archive your {noun}",
        response_model=read,
        responses=problems(403, 404),
        name=f"archive_{kind}",
        description=(
            f"The {noun} leaves search at once but keeps its id and history, and can still be "
            "read by id. Archiving twice is harmless."
        ),
    )
    async def archive(
        listing_id: ListingId, caller: DirectoryWriter, db: Db, request: Request
    ) -> Response:
        ref = ListingRef(listing_id=listing_id)
        return await write(request, db, caller, operations.archive, ref)


_listing_routes("offer", "offers", OfferRead, OfferCreate, OfferUpdate)
_listing_routes(
    "opportunity", "opportunities", OpportunityRead, OpportunityCreate, OpportunityUpdate
)
