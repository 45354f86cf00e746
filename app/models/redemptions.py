"""Redemption codes and redemptions: a member's single-use authorisation, and a venue's
use of it at the desk (DESIGN §3)."""

import datetime as dt
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from app.models.common import Input, ShownOnce
from app.models.money import CreditsIn, CreditsOut

# Why a code cannot pay: the `reason` of a validation and the `code` of a refused redemption.
Reason = Literal[
    "unknown",
    "expired",
    "already_used",
    "over_cap",
    "insufficient_credits",
    # A card and PIN (no code): the card's PIN is not set yet, is locked after wrong
    # tries (its home organisation unlocks it), or this one is wrong.
    "no_pin",
    "card_locked",
    "wrong_pin",
    # An offer: not the venue's, archived or outside its dates; or what its restrictions
    # forbid: not on this day, the member too young (or their age unknown), or over the
    # offer's redemptions per member per week.
    "offer_unavailable",
    "not_today",
    "under_age",
    "weekly_limit",
]

DEFAULT_EXPIRY_SECONDS = 15 * 60
MAX_EXPIRY_SECONDS = 24 * 60 * 60


class RedemptionCodeCreate(Input):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"expires_in": 900, "max_credits": "4"}]}
    )
    expires_in: int = Field(
        default=DEFAULT_EXPIRY_SECONDS,
        ge=60,
        le=MAX_EXPIRY_SECONDS,
        description="Seconds until the code expires: 60 to 86,400 (24 hours); 15 minutes "
        "by default.",
    )
    max_credits: CreditsIn | None = Field(
        default=None, description="The most the code may pay; any amount the member holds if unset."
    )


class RedemptionCodeIssue(RedemptionCodeCreate):
    """The write: whose code (a path's id) and its terms."""

    member_id: str


class RedemptionCodeCreated(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "rdc_3m8q2k7w9x1c5v0b",
                    "code": "K7QM-3XD9P",
                    "token": "eyJhbGciOiJFUzI1NiIsImtpZCI6InNrXzEyMyJ9.eyJzdWIiOi4uLn0.c2ln",
                    "member_id": "mem_4h5j6k7m8n9p0q1r",
                    "max_credits": "4.00",
                    "expires_at": "2026-11-23T09:15:00Z",
                    "created_at": "2026-11-23T09:00:00Z",
                }
            ]
        }
    )
    id: str
    code: ShownOnce = Field(
        description="To show large or read out: 9 letters and digits (no I, L, O or U; the "
        "last is a check character) in two groups. Shown in this response only: null in an "
        "Idempotency-Key replay (it is stored only as a hash)."
    )
    token: ShownOnce = Field(
        description="The same authorisation as a signed token (JWS, ES256) for a QR code; "
        "verifiable offline with the keys at /.well-known/jwks.json. Null in a replay too."
    )
    member_id: str
    max_credits: CreditsOut | None
    expires_at: datetime
    created_at: datetime


class RedemptionRequest(Input):
    """What a desk sends: the member's code (typed) or token (scanned), or their card number
    and PIN; and the amount."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"code": "K7QM-3XD9P", "credits": 2},
                {
                    "code": "K7QM-3XD9P",
                    "offer_id": "off_3m4n5p6q7r8s9t0v",
                    "adults": 1,
                    "children": 2,
                },
                {"card_number": "4921 7730 5518", "pin": "4071", "credits": 2},
            ]
        }
    )
    code: str | None = Field(default=None, max_length=20)
    token: str | None = Field(default=None, max_length=4000)
    card_number: str | None = Field(default=None, max_length=20)
    pin: SecretStr | None = Field(default=None, max_length=6, description="With card_number.")
    credits: CreditsIn | None = Field(default=None, description="An amount; or an offer:")
    offer_id: str | None = Field(
        default=None, max_length=100, description="One of your offers: the service prices it."
    )
    adults: int = Field(default=1, ge=0, le=50, description="With offer_id.")
    children: int = Field(default=0, ge=0, le=50, description="With offer_id: under 16.")

    @model_validator(mode="after")
    def _one_of(self) -> "RedemptionRequest":
        if sum(x is not None for x in (self.code, self.token, self.card_number)) != 1:
            raise ValueError("send one of `code`, `token`, or `card_number` with `pin`")
        if (self.card_number is None) != (self.pin is None):
            raise ValueError("`pin` goes with `card_number`, and only with it")
        if (self.credits is None) == (self.offer_id is None):
            raise ValueError("send either `credits` or `offer_id` (with `adults`, `children`)")
        party = {"adults", "children"} & self.model_fields_set
        if self.credits is not None and party:
            raise ValueError("`adults` and `children` go with `offer_id`")
        if self.offer_id is not None and self.adults + self.children == 0:
            raise ValueError("a party of at least one")
        return self


class RedemptionCheck(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"valid": True, "reason": None, "credits": "2.00", "member_initials": "A. K."},
                {"valid": False, "reason": "expired", "credits": "2.00", "member_initials": None},
            ]
        }
    )
    valid: bool
    reason: Reason | None = Field(description="Why the code cannot pay; null when it can.")
    credits: CreditsOut = Field(description="What the redemption would take.")
    member_initials: str | None = Field(
        description="For a visual check at the desk; null when the code is unknown."
    )


class RedemptionRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "rdm_6t5r4e3w2q1a0s9d",
                    "transaction_id": "txn_7q6w5e4r3t2y1u0i",
                    "organisation_id": "org_2b3c4d5e6f7g8h9j",
                    "member_id": "mem_4h5j6k7m8n9p0q1r",
                    "member_initials": "A. K.",
                    "code_id": "rdc_3m8q2k7w9x1c5v0b",
                    "offer_id": "off_3m4n5p6q7r8s9t0v",
                    "adults": 1,
                    "children": 1,
                    "credits": "2.00",
                    "created_at": "2026-11-23T09:05:00Z",
                    "refund_transaction_id": None,
                }
            ]
        }
    )
    id: str
    transaction_id: str = Field(description="The transfer member → venue (kind `redemption`).")
    organisation_id: str = Field(description="The venue that redeemed.")
    member_id: str
    member_initials: str
    code_id: str | None
    offer_id: str | None
    adults: int | None
    children: int | None
    credits: CreditsOut
    created_at: datetime
    refund_transaction_id: str | None = Field(
        description="The reversal that refunded it, if it was refunded."
    )


class RedemptionRefundCreate(Input):
    model_config = ConfigDict(json_schema_extra={"examples": [{"reason": "Session cancelled"}]})
    reason: str | None = Field(default=None, max_length=500)


class RedemptionRefund(BaseModel):
    """The refund write: which redemption (the path's id) and why."""

    redemption_id: str
    reason: str | None = None


class RedemptionDay(BaseModel):
    date: dt.date = Field(description="A day in the network's time zone.")
    count: int
    credits: CreditsOut


class RedemptionSummary(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"data": [{"date": "2026-11-23", "count": 14, "credits": "23.50"}]}]
        }
    )
    data: list[RedemptionDay] = Field(
        description="One entry per day with redemptions, oldest first; refunded ones excluded."
    )
