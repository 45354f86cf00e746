"""The Query root: each field checks the scope its REST route needs and calls the service
that route calls."""

from datetime import datetime
from typing import Annotated

import strawberry
from pydantic import TypeAdapter

from app.graphql.connections import Connection, connection
from app.graphql.context import Info, page_size
from app.graphql.directory import READ, Offer, Opportunity, Organisation, Programme
from app.graphql.filters import DirectoryFilters, max_credits
from app.graphql.people import MEMBERS_READ, Me, Member, Referral, Transaction, transfer_kind
from app.models.directory import OfferRead, OpportunityRead
from app.models.organisations import MeRead, Role
from app.models.referrals import Direction, Status
from app.services import listings, members, organisations, profiles, referrals, transfers
from app.services.pagination import DEFAULT_LIMIT

REFERRALS_READ = "referrals:read"
_OFFER = TypeAdapter(OfferRead)
_OPPORTUNITY = TypeAdapter(OpportunityRead)
_ROLE = TypeAdapter(Role | None)
_DIRECTION = TypeAdapter(Direction | None)
_STATUS = TypeAdapter(Status | None)

RadiusKm = Annotated[float | None, strawberry.argument(name="radiusKm")]


def _filters(**values: object) -> DirectoryFilters:
    return DirectoryFilters(**{k: v for k, v in values.items() if v is not None})


@strawberry.type
class Query:
    @strawberry.field(description="Who this key acts as (GET /v1/me): any live key.")
    async def me(self, info: Info) -> Me:
        ctx = info.context
        org = await ctx.call(organisations.me, ctx.caller)
        return Me.of(
            MeRead(organisation=org, api_key_id=ctx.caller.key_id, scopes=sorted(ctx.caller.scopes))
        )

    @strawberry.field(description="Every programme, oldest first (GET /v1/programmes).")
    async def programmes(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Programme] | None:
        ctx = info.context
        ctx.need(READ)
        page = await ctx.call(
            organisations.list_programmes, limit=page_size(first, DEFAULT_LIMIT), after=after
        )
        return connection(page, Programme.of)

    @strawberry.field(description="One programme (GET /v1/programmes/{id}); not_found if none.")
    async def programme(self, info: Info, id: strawberry.ID) -> Programme | None:
        ctx = info.context
        ctx.need(READ)
        return Programme.of(await ctx.call(organisations.get_programme, str(id)))

    @strawberry.field(description="The directory's organisations (GET /v1/organisations).")
    async def organisations(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        q: str | None = None,
        near: str | None = None,
        radius_km: RadiusKm = None,
        category: list[str] | None = None,
        programme_id: str | None = None,
        role: str | None = None,
    ) -> Connection[Organisation] | None:
        ctx = info.context
        ctx.need(READ)
        filters = _filters(
            q=q, near=near, radius_km=radius_km, category=category, programme_id=programme_id
        )
        query = await filters.query(role=_ROLE.validate_python(role))
        page = await ctx.call(
            profiles.search_organisations, query, limit=page_size(first, DEFAULT_LIMIT), after=after
        )
        return connection(page, Organisation.of)

    @strawberry.field(description="Active, current offers (GET /v1/offers).")
    async def offers(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        q: str | None = None,
        near: str | None = None,
        radius_km: RadiusKm = None,
        category: list[str] | None = None,
        programme_id: str | None = None,
        organisation_id: str | None = None,
        max_credits_: Annotated[str | None, strawberry.argument(name="maxCredits")] = None,
    ) -> Connection[Offer] | None:
        ctx = info.context
        ctx.need(READ)
        filters = _filters(
            q=q, near=near, radius_km=radius_km, category=category, programme_id=programme_id
        )
        query = await filters.query(
            organisation_id=organisation_id, max_credits=await max_credits(max_credits_)
        )
        page = await ctx.call(
            listings.search_listings,
            "offer",
            query,
            limit=page_size(first, DEFAULT_LIMIT),
            after=after,
        )
        return connection(page, lambda j: Offer.of(_OFFER.validate_json(j)))

    @strawberry.field(description="Active, current opportunities (GET /v1/opportunities).")
    async def opportunities(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        q: str | None = None,
        near: str | None = None,
        radius_km: RadiusKm = None,
        category: list[str] | None = None,
        programme_id: str | None = None,
        organisation_id: str | None = None,
    ) -> Connection[Opportunity] | None:
        ctx = info.context
        ctx.need(READ)
        filters = _filters(
            q=q, near=near, radius_km=radius_km, category=category, programme_id=programme_id
        )
        query = await filters.query(organisation_id=organisation_id)
        page = await ctx.call(
            listings.search_listings,
            "opportunity",
            query,
            limit=page_size(first, DEFAULT_LIMIT),
            after=after,
        )
        return connection(page, lambda j: Opportunity.of(_OPPORTUNITY.validate_json(j)))

    @strawberry.field(
        description="A member (GET /v1/members/{id}): their home organisation's, or one you "
        "exchanged credits with; anyone else's is null with a not_found error."
    )
    async def member(self, info: Info, id: strawberry.ID) -> Member | None:
        ctx = info.context
        caller = ctx.need(MEMBERS_READ)
        return Member.of(await ctx.call(members.get, caller, str(id)))

    @strawberry.field(description="Your members, newest first (GET /v1/members).")
    async def members(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        external_ref: str | None = None,
    ) -> Connection[Member] | None:
        ctx = info.context
        caller = ctx.need(MEMBERS_READ)
        page = await ctx.call(
            members.search,
            caller,
            external_ref=external_ref,
            card_number=None,
            limit=page_size(first, DEFAULT_LIMIT),
            after=after,
        )
        return connection(page, Member.of)  # type: ignore[arg-type]

    @strawberry.field(description="Your transactions, newest first (GET /v1/transactions).")
    async def transactions(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        kind: str | None = None,
        member_id: str | None = None,
        from_: Annotated[datetime | None, strawberry.argument(name="from")] = None,
        to: datetime | None = None,
    ) -> Connection[Transaction] | None:
        ctx = info.context
        caller = ctx.need(MEMBERS_READ)
        page = await ctx.call(
            transfers.list_for,
            caller,
            kind=transfer_kind(kind),
            member_id=member_id,
            since=from_,
            until=to,
            limit=page_size(first, DEFAULT_LIMIT),
            after=after,
        )
        return connection(page, Transaction.of)

    @strawberry.field(description="Referrals you sent or received (GET /v1/referrals).")
    async def referrals(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        direction: str | None = None,
        status: str | None = None,
    ) -> Connection[Referral] | None:
        ctx = info.context
        caller = ctx.need(REFERRALS_READ)
        page = await ctx.call(
            referrals.search,
            ctx.env,
            caller,
            direction=_DIRECTION.validate_python(direction),
            status=_STATUS.validate_python(status),
            limit=page_size(first, DEFAULT_LIMIT),
            after=after,
        )
        return connection(page, Referral.of)
