"""Ledger requests and the transfer shape partners code against."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.models.common import Input, Name, Note, Ref
from app.models.dates import Day
from app.models.money import AllocationIn, CreditsIn, CreditsOut


class AllocationCreate(Input):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"organisation_id": "org_8a7b6c5d4e3f2g1h", "credits": 500}]
        }
    )
    organisation_id: Ref = Field(max_length=100)
    credits: AllocationIn
    programme_id: Ref | None = Field(
        default=None,
        max_length=100,
        description="Which programme issues the credits; needed when the organisation "
        "belongs to several.",
    )
    note: Note | None = None


class EarningCreate(Input):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "member_id": "mem_4h5j6k7m8n9p0q1r",
                    "hours": 3,
                    "activity": "Cuppas café shift",
                    "given_on": "2026-11-20",
                }
            ]
        }
    )
    member_id: Ref | None = Field(default=None, max_length=100)
    card_number: Ref | None = Field(
        default=None,
        max_length=20,
        description="Instead of member_id: the number on the card the person shows you.",
    )
    hours: CreditsIn = Field(description="Hours given; one hour earns one credit.")
    activity: Name | None = None
    given_on: Day | None = Field(
        default=None,
        description="The day the hours were given, in the network's time zone (UK time); "
        "defaults to today there. Not in the future, nor outside the programme's dates.",
    )
    note: Note | None = None

    @model_validator(mode="after")
    def _one_member(self) -> "EarningCreate":
        if (self.member_id is None) == (self.card_number is None):
            raise ValueError("give exactly one of member_id and card_number")
        return self


class SpendCreate(Input):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "member_id": "mem_4h5j6k7m8n9p0q1r",
                    "organisation_id": "org_2b3c4d5e6f7g8h9j",
                    "credits": 1,
                    "description": "Swim session",
                }
            ]
        }
    )
    member_id: Ref = Field(max_length=100)
    organisation_id: Ref = Field(max_length=100, description="The spend partner (venue).")
    credits: CreditsIn
    description: Name | None = None


class GiftCreate(Input):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "from_member_id": "mem_4h5j6k7m8n9p0q1r",
                    "to_member_id": "mem_9z8y7x6w5v4t3s2r",
                    "credits": 1,
                    "message": "Thanks for the lift to the lunch club",
                }
            ]
        }
    )
    from_member_id: Ref = Field(max_length=100)
    to_member_id: Ref | None = Field(default=None, max_length=100)
    to_organisation_id: Ref | None = Field(default=None, max_length=100)
    credits: CreditsIn
    message: Note | None = None

    @model_validator(mode="after")
    def _one_recipient(self) -> "GiftCreate":
        if (self.to_member_id is None) == (self.to_organisation_id is None):
            raise ValueError("give exactly one of to_member_id and to_organisation_id")
        return self


class ReversalCreate(Input):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"reason": "Hours recorded against the wrong person"}]}
    )
    reason: Note | None = None


class TransferReversal(BaseModel):
    """The reversal operation's input: which transfer (the path's id), and the body's
    reason. No body, `null`, `{}` and `{"reason": null}` are one request (the reason is
    left unset), so the same Idempotency-Key replays across them."""

    transfer_id: str
    reason: str | None = None

    @classmethod
    def of(cls, transfer_id: str, body: ReversalCreate | None) -> "TransferReversal":
        reason = body.reason if body else None
        return cls(transfer_id=transfer_id, **({"reason": reason} if reason else {}))


class Party(BaseModel):
    type: Literal["member", "organisation", "programme"] = Field(
        description="`programme` is the programme's issuance account (allocations), or its notes "
        "account (printed notes in circulation: `note_*` transfers)."
    )
    id: str


TransferKind = Literal[
    "allocation",
    "earn",
    "spend",
    "gift",
    "reversal",
    "redemption",
    "note_issue",
    "note_redeem",
    "note_void",
]

TRANSFER_EXAMPLE: dict[str, Any] = {
    "id": "txn_7q6w5e4r3t2y1u0i",
    "kind": "earn",
    "credits": "3.00",
    "from": {"type": "organisation", "id": "org_8a7b6c5d4e3f2g1h"},
    "to": {"type": "member", "id": "mem_4h5j6k7m8n9p0q1r"},
    "member_balance": "3.00",
    "programme_id": "prg_1x2y3z4w5v6u7t8s",
    "organisation_id": "org_8a7b6c5d4e3f2g1h",
    "created_at": "2026-11-23T09:00:00Z",
    "reverses": None,
    "reversed_by": None,
    "metadata": {"activity": "Cuppas café shift", "given_on": "2026-11-20", "hours": "3.00"},
}


class TransferRead(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True, json_schema_extra={"examples": [TRANSFER_EXAMPLE]}
    )
    id: str
    kind: TransferKind
    credits: CreditsOut
    from_: Party = Field(alias="from")
    to: Party
    member_balance: CreditsOut | None = Field(
        default=None,
        description="In write responses: right after this transfer, the balance of the member "
        "you moved credits for (an earning's recipient, a spend's or gift's giver; for a "
        "reversal, the member the original showed), only ever a member you may see.",
    )
    programme_id: str
    organisation_id: str = Field(description="The organisation that posted the transfer.")
    created_at: datetime
    reverses: str | None = Field(default=None, description="The transfer this one reverses.")
    reversed_by: str | None = Field(default=None, description="The reversal of this transfer.")
    metadata: dict[str, Any] = Field(default_factory=dict)
