"""Programmes, organisations' public profiles, offers and opportunities: the directory
(`directory:read`), and a programme's figures (`reports:read`)."""

from datetime import date, datetime
from typing import Annotated

import strawberry
from pydantic import TypeAdapter
from strawberry.scalars import JSON

from app.graphql import loaders
from app.graphql.context import Info
from app.graphql.mapping import maybe, plain, to
from app.graphql.reports import ProgrammeStats, outcomes_json
from app.models.directory import DirectoryOrganisation, OfferRead, OpportunityRead
from app.models.organisations import ProgrammeRead
from app.models.surveys import Wave
from app.services import outcomes, stats

READ = "directory:read"
WAVE = TypeAdapter(Wave)
REPORTS = "reports:read"


@strawberry.type
class Address:
    line1: str | None
    town: str | None
    postcode: str | None


@strawberry.type
class Location:
    lat: float
    lon: float


def _place(model: DirectoryOrganisation | OfferRead | OpportunityRead) -> dict[str, object]:
    return {"address": maybe(Address, model.address), "location": maybe(Location, model.location)}


@strawberry.interface
class Listing:
    id: str
    organisation_id: str
    organisation_name: str
    title: str
    description: str | None
    category: str
    categories: list[str]
    schedule: JSON
    valid_from: date | None
    valid_until: date | None
    capacity: int | None
    accessibility: list[str]
    address: Address | None
    location: Location | None
    own_location: bool
    status: str
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    distance_km: float | None


@strawberry.type
class Offer(Listing):
    credits: str
    child_credits: str | None
    restrictions: JSON | None

    @staticmethod
    def of(model: OfferRead) -> "Offer":
        return to(
            Offer,
            model,
            schedule=plain(model.schedule),
            restrictions=plain(model.restrictions),
            **_place(model),
        )


@strawberry.type
class Opportunity(Listing):
    commitment: str | None

    @staticmethod
    def of(model: OpportunityRead) -> "Opportunity":
        return to(Opportunity, model, schedule=plain(model.schedule), **_place(model))


@strawberry.type(description="An organisation's public profile (GET /v1/organisations/{id}).")
class Organisation:
    id: str
    name: str
    roles: list[str]
    programme_ids: list[str]
    description: str | None
    website: str | None
    email: str | None
    phone: str | None
    address: Address | None
    location: Location | None
    opening_hours: JSON
    accessibility: list[str]
    categories: list[str]
    logo_url: str | None
    updated_at: datetime
    distance_km: float | None

    @strawberry.field(description="Its active, current offers, A-Z (at most 200).")
    async def offers(self, info: Info) -> list[Offer] | None:
        info.context.need(READ)
        found = await loaders.offers_of_organisation(info.context).load(self.id)
        return [Offer.of(m) for m in found]

    @strawberry.field(description="Its active, current opportunities, A-Z (at most 200).")
    async def opportunities(self, info: Info) -> list[Opportunity] | None:
        info.context.need(READ)
        found = await loaders.opportunities_of_organisation(info.context).load(self.id)
        return [Opportunity.of(m) for m in found]

    @strawberry.field
    async def programmes(self, info: Info) -> list["Programme"] | None:
        info.context.need(READ)
        found = await loaders.programme(info.context).load_many(self.programme_ids)
        return [Programme.of(p) for p in found if p is not None]

    @staticmethod
    def of(model: DirectoryOrganisation) -> "Organisation":
        return to(
            Organisation,
            model,
            opening_hours=plain(model.opening_hours),
            roles=list(model.roles),
            **_place(model),
        )


@strawberry.type
class Programme:
    id: str
    name: str
    place: str
    focus: str
    starts_on: date
    ends_on: date | None
    created_at: datetime

    @strawberry.field(description="Its organisations' public profiles, A-Z by name.")
    async def organisations(self, info: Info) -> list[Organisation] | None:
        info.context.need(READ)
        found = await loaders.organisations_of_programme(info.context).load(self.id)
        return [Organisation.of(m) for m in found]

    @strawberry.field(description="GET /v1/programmes/{id}/stats: needs reports:read.")
    async def stats(
        self,
        info: Info,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> ProgrammeStats | None:
        ctx = info.context
        caller = ctx.need(REPORTS)
        figures = await ctx.call(
            stats.programme_stats, caller, self.id, since=from_, until=to, min_cell=ctx.env.min_cell
        )
        return ProgrammeStats.of(figures)

    @strawberry.field(
        description="GET /v1/programmes/{id}/outcomes (REST's JSON): needs reports:read."
    )
    async def outcomes(
        self,
        info: Info,
        template_id: str,
        wave: str = "follow_up",
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> JSON | None:
        ctx = info.context
        caller = ctx.need(REPORTS)
        result = await ctx.call(
            outcomes.programme_outcomes,
            caller,
            self.id,
            template_id=template_id,
            wave=WAVE.validate_python(wave),
            since=from_,
            until=to,
            min_cell=ctx.env.min_cell,
        )
        return outcomes_json(result)

    @staticmethod
    def of(model: ProgrammeRead) -> "Programme":
        return to(Programme, model)
