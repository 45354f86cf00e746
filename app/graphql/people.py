"""Members, their transactions, referrals, survey responses and `me`: the REST models'
fields, camelCase, read under the same visibility rules (the same services)."""

from datetime import date, datetime
from typing import Annotated

import strawberry
from pydantic import TypeAdapter
from strawberry.scalars import JSON

from app.graphql.connections import Connection, connection
from app.graphql.context import Info, page_size
from app.graphql.mapping import maybe, to
from app.models.ledger import TransferKind, TransferRead
from app.models.members import MemberRead
from app.models.organisations import MeRead
from app.models.referrals import ReferralRead
from app.models.surveys import SurveyResponseRead
from app.services import transfers
from app.services.pagination import DEFAULT_LIMIT

MEMBERS_READ = "members:read"
KIND = TypeAdapter(TransferKind)


@strawberry.type
class Party:
    type: str
    id: str


@strawberry.type(description="A transfer (GET /v1/transactions/{id}).")
class Transaction:
    id: str
    kind: str
    credits: str
    from_: Party = strawberry.field(name="from")
    to: Party
    member_balance: str | None
    programme_id: str
    organisation_id: str
    created_at: datetime
    reverses: str | None
    reversed_by: str | None
    metadata: JSON

    @staticmethod
    def of(model: TransferRead) -> "Transaction":
        return to(
            Transaction,
            model,
            from_=to(Party, model.from_),
            to=to(Party, model.to),
            metadata=dict(model.metadata),
        )


@strawberry.type(description="A member (GET /v1/members/{id}).")
class Member:
    id: str
    card_number: str
    display_name: str
    external_ref: str | None
    year_of_birth: int | None
    postcode_district: str | None
    consent_contact: bool
    consent_research: bool
    programme_id: str
    home_organisation_id: str
    balance: str
    created_at: datetime

    @strawberry.field(description="Newest first: all for the home organisation, else yours.")
    async def transactions(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        kind: str | None = None,
        from_: Annotated[datetime | None, strawberry.argument(name="from")] = None,
        to: datetime | None = None,
    ) -> Connection[Transaction] | None:
        ctx = info.context
        caller = ctx.need(MEMBERS_READ)
        page = await ctx.call(
            transfers.list_for,
            caller,
            member_id=self.id,
            member_scope=True,
            kind=transfer_kind(kind),
            since=from_,
            until=to,
            limit=page_size(first, DEFAULT_LIMIT),
            after=after,
        )
        return connection(page, Transaction.of)

    @staticmethod
    def of(model: MemberRead) -> "Member":
        return to(Member, model)


def transfer_kind(kind: str | None) -> str | None:
    """REST's `kind` filter, checked as REST checks it (a 422 validation_error)."""
    return None if kind is None else KIND.validate_python(kind)


@strawberry.type
class Person:
    display_name: str
    external_ref: str
    year_of_birth: int | None
    postcode_district: str | None
    consent_contact: bool


@strawberry.type(description="A referral (GET /v1/referrals/{id}).")
class Referral:
    id: str
    status: str
    from_organisation_id: str
    to_organisation_id: str
    opportunity_id: str | None
    programme_id: str
    member_id: str | None
    person: Person | None
    reason_codes: list[str]
    urgency: str
    notes: str | None
    has_notes: bool
    sent_at: datetime
    accepted_at: datetime | None
    declined_at: datetime | None
    decline_reason: str | None
    first_attended_at: datetime | None
    closed_at: datetime | None
    outcome: str | None

    @staticmethod
    def of(model: ReferralRead) -> "Referral":
        return to(
            Referral,
            model,
            person=maybe(Person, model.person),
            reason_codes=list(model.reason_codes),
        )


@strawberry.type(description="A survey response (POST /v1/survey-responses).")
class SurveyResponse:
    id: str
    template_id: str
    programme_id: str
    member_id: str | None
    subject_organisation_id: str | None
    organisation_id: str
    wave: str
    answered_on: date
    answers: JSON
    score: str | None
    created_at: datetime

    @staticmethod
    def of(model: SurveyResponseRead) -> "SurveyResponse":
        score = None if model.score is None else str(model.score)
        return to(SurveyResponse, model, answers=dict(model.answers), score=score)


@strawberry.type(description="Your organisation, with its balance (GET /v1/me).")
class OrganisationAccount:
    id: str
    name: str
    roles: list[str]
    programme_ids: list[str]
    balance: str
    created_at: datetime


@strawberry.type
class Me:
    organisation: OrganisationAccount
    api_key_id: str | None
    scopes: list[str]

    @staticmethod
    def of(model: MeRead) -> "Me":
        return to(Me, model, organisation=to(OrganisationAccount, model.organisation))
