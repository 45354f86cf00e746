"""Social-prescribing referrals: request and response schemas, and the fixed vocabularies
(reason codes, urgency, decline reasons, outcomes) the database CHECKs too (migration 0014).

Health context is special-category data: a referral carries reason codes, not a story,
and free-text notes only where the deployment allows them (TIMECREDITS_REFERRAL_NOTES)."""

from datetime import date, datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.models.common import Input, Ref, ShortText, ShownOnce, text
from app.models.members import MemberCreate

ReasonCode = Literal[
    "loneliness_isolation",
    "low_mood_anxiety",
    "long_term_condition",
    "substance_use",
    "physical_activity",
    "carer_support",
    "financial",
    "housing",
    "other",
]
Urgency = Literal["routine", "soon", "urgent"]
Status = Literal["sent", "accepted", "declined", "first_attended", "closed"]
# Why a receiving organisation declines: it is full, the activity does not fit the person,
# it could not reach them, the person said no, the referral repeats another, or else.
DeclineReason = Literal[
    "no_capacity", "not_suitable", "unable_to_contact", "person_declined", "duplicate", "other"
]
# How a referral ended: the person completed the activity, carries on with it on their
# own, stopped coming, never came, the prescriber withdrew the referral, the person moved
# on to something else, or else.
Outcome = Literal[
    "completed", "continuing", "disengaged", "did_not_attend", "withdrawn", "moved_on", "other"
]
Direction = Literal["inbound", "outbound"]

REASON_CODES: tuple[str, ...] = get_args(ReasonCode)
STATUSES: tuple[str, ...] = get_args(Status)

Notes = text(2000)

_EXAMPLE = {
    "id": "ref_6t5r4e3w2q1a0s9d",
    "status": "accepted",
    "from_organisation_id": "org_1g2h3j4k5m6n7p8q",
    "to_organisation_id": "org_8a7b6c5d4e3f2g1h",
    "opportunity_id": "opp_3c4v5b6n7m8k9j0h",
    "programme_id": "prg_1x2y3z4w5v6u7t8s",
    "member_id": "mem_4h5j6k7m8n9p0q1r",
    "person": {
        "display_name": "Asha K.",
        "external_ref": "GP-SP-2231",
        "year_of_birth": 1961,
        "postcode_district": "SA15",
        "consent_contact": True,
    },
    "reason_codes": ["loneliness_isolation", "low_mood_anxiety"],
    "urgency": "routine",
    "notes": None,
    "has_notes": False,
    "sent_at": "2026-11-02T10:15:00Z",
    "accepted_at": "2026-11-04T09:30:00Z",
    "declined_at": None,
    "decline_reason": None,
    "first_attended_at": None,
    "closed_at": None,
    "outcome": None,
}


class ReferredPerson(Input):
    """Someone the receiving organisation does not know yet: the minimum to contact and
    register them. Registered as its member when it accepts."""

    display_name: ShortText = Field(description="A pseudonym or first name; no full names.")
    external_ref: ShortText = Field(description="The prescriber's own reference for the person.")
    year_of_birth: int | None = Field(default=None, ge=1900)
    postcode_district: str | None = Field(
        default=None, max_length=8, description="Outward code only (`SA15`), never a full postcode."
    )
    consent_contact: bool = Field(
        default=False,
        description="The person agreed to be contacted by the receiving organisation.",
    )

    # The member's own rules: the person becomes a member on acceptance.
    @field_validator("year_of_birth")
    @classmethod
    def _not_future(cls, v: int | None) -> int | None:
        return MemberCreate._not_future(v)

    @field_validator("postcode_district")
    @classmethod
    def _district_only(cls, v: str | None) -> str | None:
        return MemberCreate._district_only(v)


class ReferralCreate(Input):
    """`POST /v1/referrals`: exactly one of `member_id` (one of your own members) or
    `person` (someone new)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "to_organisation_id": "org_8a7b6c5d4e3f2g1h",
                    "opportunity_id": "opp_3c4v5b6n7m8k9j0h",
                    "person": {
                        "display_name": "Asha K.",
                        "external_ref": "GP-SP-2231",
                        "year_of_birth": 1961,
                        "postcode_district": "SA15",
                        "consent_contact": True,
                    },
                    "reason_codes": ["loneliness_isolation", "low_mood_anxiety"],
                    "urgency": "routine",
                }
            ]
        }
    )
    to_organisation_id: Ref = Field(max_length=100, description="The receiving organisation.")
    opportunity_id: Ref | None = Field(
        default=None,
        max_length=100,
        description="One of the receiving organisation's opportunities.",
    )
    programme_id: Ref | None = Field(
        default=None,
        max_length=100,
        description="Where the referral's figures count: one of the receiving organisation's "
        "programmes. Default: the one programme both organisations take part in (or the "
        "receiving organisation's only programme); required when that is ambiguous.",
    )
    member_id: Ref | None = Field(
        default=None,
        max_length=100,
        description="An existing member whose home is your organisation.",
    )
    person: ReferredPerson | None = None
    reason_codes: list[ReasonCode] = Field(min_length=1, max_length=9)
    urgency: Urgency = "routine"
    notes: Notes | None = Field(
        default=None,
        description="Free text, only where TIMECREDITS_REFERRAL_NOTES is on (else a 422): "
        "special-category health data, stored encrypted, shown only to the two parties.",
    )

    @field_validator("reason_codes")
    @classmethod
    def _distinct(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError("must not repeat a reason code")
        return v

    @model_validator(mode="after")
    def _one_person(self) -> "ReferralCreate":
        if (self.member_id is None) == (self.person is None):
            raise ValueError("give exactly one of member_id (an existing member) or person")
        return self


class ReferralAccept(Input):
    """`POST /v1/referrals/{id}/accept` (the body is optional)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{}]})

    member_id: Ref | None = Field(
        default=None,
        max_length=100,
        description="For a referral of someone new who is already one of your members: link "
        "them instead of registering a new member.",
    )


class ReferralDecline(Input):
    model_config = ConfigDict(json_schema_extra={"examples": [{"reason": "no_capacity"}]})
    reason: DeclineReason


class ReferralClose(Input):
    model_config = ConfigDict(json_schema_extra={"examples": [{"outcome": "completed"}]})
    outcome: Outcome


class ReferralAttended(Input):
    """`POST /v1/referrals/{id}/attended` (the body is optional)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{}]})


class ReferralStep(BaseModel):
    """A transition, as the service gets it: which referral, what to do, with what."""

    referral_id: str
    action: Literal["accept", "decline", "attended", "close"]
    member_id: str | None = None
    reason: DeclineReason | None = None
    outcome: Outcome | None = None


class PersonRead(BaseModel):
    display_name: str
    external_ref: str
    year_of_birth: int | None
    postcode_district: str | None
    consent_contact: bool


class ReferralRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})
    id: str
    status: Status
    from_organisation_id: str = Field(description="The prescriber.")
    to_organisation_id: str = Field(description="The receiving organisation.")
    opportunity_id: str | None
    programme_id: str = Field(description="Where the referral's figures count.")
    member_id: str | None = Field(
        description="The member referred: set from the start for an existing member, on "
        "acceptance for someone new (registered then as the receiving organisation's member)."
    )
    person: PersonRead | None = Field(description="The new person's fields, as sent.")
    reason_codes: list[ReasonCode]
    urgency: Urgency
    notes: ShownOnce = Field(
        default=None,
        description="Free text, decrypted for the two parties. Not in events nor in "
        "Idempotency-Key replays (read the referral for it).",
    )
    has_notes: bool
    sent_at: datetime
    accepted_at: datetime | None
    declined_at: datetime | None
    decline_reason: DeclineReason | None
    first_attended_at: datetime | None
    closed_at: datetime | None
    outcome: Outcome | None


class StatusCounts(BaseModel):
    sent: int | None
    accepted: int | None
    declined: int | None
    first_attended: int | None
    closed: int | None


class ReferralStats(BaseModel):
    """Referral figures over the referrals sent in a window (by `sent_at`, UTC days)."""

    model_config = ConfigDict(
        populate_by_name=True,
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "prg_1x2y3z4w5v6u7t8s",
                    "prescriber_id": None,
                    "from": "2026-01-01",
                    "to": "2026-11-30",
                    "referrals": 48,
                    "by_status": {
                        "sent": None,
                        "accepted": 12,
                        "declined": None,
                        "first_attended": 14,
                        "closed": 13,
                    },
                    "acceptance_rate": 0.84,
                    "median_days_to_first_attended": 6.5,
                    "share_earning": 0.61,
                    "min_cell": 10,
                    "suppressed": ["by_status.sent", "by_status.declined"],
                }
            ]
        },
    )
    programme_id: str | None
    prescriber_id: str | None
    from_: date | None = Field(alias="from")
    to: date | None
    referrals: int | None = Field(description="Referrals sent in the window.")
    by_status: StatusCounts = Field(description="The window's referrals by their status now.")
    acceptance_rate: float | None = Field(
        description="Accepted (or later) over decided (accepted or declined), 0 to 1; null "
        "when nothing was decided."
    )
    median_days_to_first_attended: float | None = Field(
        description="Days from sent to first attended, over those who attended."
    )
    share_earning: float | None = Field(
        description="Of the people accepted, the share who went on to earn credits (an "
        "earning after acceptance, not reversed), 0 to 1."
    )
    min_cell: int = Field(description="Figures from fewer people than this are suppressed.")
    suppressed: list[str] = Field(
        description="The figures withheld (null) because fewer than `min_cell` people are "
        "behind them."
    )
