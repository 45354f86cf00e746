"""The Mutation root: REST's writes, each through the unit of work with the Operation its
REST route runs, the same Env, and an optional `idempotencyKey` (REST's Idempotency-Key:
the same key and input replay the first answer, even across REST and GraphQL).

Inputs become the REST request models: what REST refuses (422) GraphQL refuses with
extensions.code `validation_error` and the same fields in `extensions.errors`."""

from typing import Any, TypeVar

import strawberry
from pydantic import BaseModel
from strawberry.scalars import JSON

from app.api.deps import idempotency_key
from app.graphql.context import Info
from app.graphql.people import Member, Referral, SurveyResponse, Transaction
from app.models.ledger import (
    EarningCreate,
    GiftCreate,
    ReversalCreate,
    SpendCreate,
    TransferReversal,
)
from app.models.members import MemberCreate
from app.models.referrals import ReferralCreate, ReferralStep
from app.models.surveys import SurveyResponseCreate
from app.services import ledger, members, referrals, surveys, unit_of_work
from app.services.errors import InvalidInput

M = TypeVar("M", bound=BaseModel)
Key = strawberry.field(default=None, description="As REST's Idempotency-Key header.")


def _model(cls: type[M], values: dict[str, Any]) -> M:
    """The REST request model of the fields sent (null ones are left out, as REST's
    optional fields are)."""
    return cls.model_validate({k: v for k, v in values.items() if v is not None})


async def _write(info: Info, scope: str | None, operation: Any, body: Any, key: str | None) -> Any:
    ctx = info.context
    caller = ctx.need(scope) if scope else ctx.caller
    checked = idempotency_key(key)
    async with ctx.lock:
        outcome = await unit_of_work.write(ctx.db, ctx.env, caller, operation, body, key=checked)
    return outcome.model


@strawberry.input
class RegisterMemberInput:
    display_name: str
    programme_id: str
    external_ref: str | None = None
    year_of_birth: int | None = None
    postcode_district: str | None = None
    consent_contact: bool | None = None
    consent_research: bool | None = None
    idempotency_key: str | None = Key


@strawberry.input
class RecordEarningInput:
    member_id: str | None = None
    card_number: str | None = None
    hours: str = strawberry.field(description='Exact decimal, as REST\'s `hours` ("1.50").')
    activity: str | None = None
    given_on: str | None = None
    note: str | None = None
    organisation_id: str | None = strawberry.field(
        default=None, description="Optional: the key's own organisation (it pays)."
    )
    idempotency_key: str | None = Key


@strawberry.input
class RecordSpendInput:
    member_id: str
    organisation_id: str
    credits: str
    description: str | None = None
    idempotency_key: str | None = Key


@strawberry.input
class GiveGiftInput:
    from_member_id: str
    to_member_id: str | None = None
    to_organisation_id: str | None = None
    credits: str
    message: str | None = None
    idempotency_key: str | None = Key


@strawberry.input
class ReverseTransactionInput:
    transaction_id: str
    reason: str | None = None
    idempotency_key: str | None = Key


@strawberry.input
class PersonInput:
    display_name: str
    external_ref: str
    year_of_birth: int | None = None
    postcode_district: str | None = None
    consent_contact: bool | None = None


@strawberry.input
class CreateReferralInput:
    to_organisation_id: str
    opportunity_id: str | None = None
    programme_id: str | None = None
    member_id: str | None = None
    person: PersonInput | None = None
    reason_codes: list[str]
    urgency: str | None = None
    notes: str | None = None
    idempotency_key: str | None = Key


@strawberry.input
class ReferralStepInput:
    referral_id: str
    member_id: str | None = strawberry.field(default=None, description="accept only")
    reason: str | None = strawberry.field(default=None, description="decline: a reason code")
    outcome: str | None = strawberry.field(default=None, description="close: an outcome code")
    idempotency_key: str | None = Key


@strawberry.input
class SubmitSurveyResponseInput:
    template_id: str
    member_id: str | None = None
    programme_id: str | None = None
    wave: str
    answered_on: str
    answers: JSON
    idempotency_key: str | None = Key


def _fields(input_: Any, *leave_out: str) -> dict[str, Any]:
    return {
        name: value
        for name, value in vars(input_).items()
        if name not in ("idempotency_key", *leave_out)
    }


async def _step(info: Info, action: str, input_: ReferralStepInput) -> Referral:
    step = ReferralStep(
        referral_id=input_.referral_id,
        action=action,  # type: ignore[arg-type]
        member_id=input_.member_id if action == "accept" else None,
        reason=input_.reason if action == "decline" else None,  # type: ignore[arg-type]
        outcome=input_.outcome if action == "close" else None,  # type: ignore[arg-type]
    )
    if action == "decline" and step.reason is None:
        raise InvalidInput.field("reason", "is required to decline")
    if action == "close" and step.outcome is None:
        raise InvalidInput.field("outcome", "is required to close")
    done = await _write(info, "referrals:write", referrals.move, step, input_.idempotency_key)
    return Referral.of(done)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="POST /v1/members (members:write).")
    async def register_member(self, info: Info, input: RegisterMemberInput) -> Member | None:
        body = _model(MemberCreate, _fields(input))
        return Member.of(
            await _write(info, "members:write", members.register, body, input.idempotency_key)
        )

    @strawberry.mutation(description="POST /v1/earnings (earn:write).")
    async def record_earning(self, info: Info, input: RecordEarningInput) -> Transaction | None:
        own = info.context.caller.organisation_id
        if input.organisation_id is not None and input.organisation_id != own:
            raise InvalidInput.field(
                "organisationId", "is the key's own organisation: it pays for the earning"
            )
        body = _model(EarningCreate, _fields(input, "organisation_id"))
        done = await _write(info, "earn:write", ledger.earn, body, input.idempotency_key)
        return Transaction.of(done)

    @strawberry.mutation(description="POST /v1/spends (spend:write).")
    async def record_spend(self, info: Info, input: RecordSpendInput) -> Transaction | None:
        body = _model(SpendCreate, _fields(input))
        done = await _write(info, "spend:write", ledger.spend, body, input.idempotency_key)
        return Transaction.of(done)

    @strawberry.mutation(description="POST /v1/gifts (gift:write).")
    async def give_gift(self, info: Info, input: GiveGiftInput) -> Transaction | None:
        body = _model(GiftCreate, _fields(input))
        done = await _write(info, "gift:write", ledger.gift, body, input.idempotency_key)
        return Transaction.of(done)

    @strawberry.mutation(
        description="POST /v1/transactions/{id}/reversal (the scope posting it needed)."
    )
    async def reverse_transaction(
        self, info: Info, input: ReverseTransactionInput
    ) -> Transaction | None:
        reason = _model(ReversalCreate, {"reason": input.reason})
        body = TransferReversal.of(input.transaction_id, reason)
        done = await _write(info, None, ledger.reverse, body, input.idempotency_key)
        return Transaction.of(done)

    @strawberry.mutation(description="POST /v1/referrals (referrals:write).")
    async def create_referral(self, info: Info, input: CreateReferralInput) -> Referral | None:
        values = _fields(input)
        if input.person is not None:
            values["person"] = {k: v for k, v in vars(input.person).items() if v is not None}
        body = _model(ReferralCreate, values)
        done = await _write(info, "referrals:write", referrals.create, body, input.idempotency_key)
        return Referral.of(done)

    @strawberry.mutation(description="POST /v1/referrals/{id}/accept (referrals:write).")
    async def accept_referral(self, info: Info, input: ReferralStepInput) -> Referral | None:
        return await _step(info, "accept", input)

    @strawberry.mutation(description="POST /v1/referrals/{id}/decline (referrals:write).")
    async def decline_referral(self, info: Info, input: ReferralStepInput) -> Referral | None:
        return await _step(info, "decline", input)

    @strawberry.mutation(description="POST /v1/referrals/{id}/attended (referrals:write).")
    async def referral_attended(self, info: Info, input: ReferralStepInput) -> Referral | None:
        return await _step(info, "attended", input)

    @strawberry.mutation(description="POST /v1/referrals/{id}/close (referrals:write).")
    async def close_referral(self, info: Info, input: ReferralStepInput) -> Referral | None:
        return await _step(info, "close", input)

    @strawberry.mutation(description="POST /v1/survey-responses (surveys:write).")
    async def submit_survey_response(
        self, info: Info, input: SubmitSurveyResponseInput
    ) -> SurveyResponse | None:
        body = _model(SurveyResponseCreate, _fields(input))
        done = await _write(info, "surveys:write", surveys.record, body, input.idempotency_key)
        return SurveyResponse.of(done)
