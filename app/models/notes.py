"""Printed Time Credit notes (issue 14): bearer notes an earn partner issues from its own
credits, which a venue redeems or a member's home organisation deposits into their wallet."""

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.models.common import Input, Ref, ShownOnce
from app.models.dates import Day
from app.models.money import CreditsIn, CreditsOut

MAX_NOTES = 500


class NoteBatchCreate(Input):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"count": 20, "denomination": 1, "expires_on": "2027-12-31"}]
        }
    )
    count: int = Field(ge=1, le=MAX_NOTES, description="How many notes: 1 to 500.")
    denomination: CreditsIn = Field(description="The credits each note is worth.")
    expires_on: Day | None = Field(
        default=None,
        description="The last day the notes can be redeemed (they expire at the end of that "
        "day, UTC); not in the past. Unset: they never expire.",
    )
    programme_id: Ref | None = Field(
        default=None,
        max_length=100,
        description="Which programme the notes count in; needed when your organisation "
        "belongs to several.",
    )


class NoteIssued(BaseModel):
    id: str
    serial: ShownOnce = Field(
        description="Printed on the note: 11 digits (the last a check digit) as "
        "`1234 5678 901`. A bearer value: in this response only (null in an "
        "Idempotency-Key replay and in the event); the sheet prints it."
    )
    token: ShownOnce = Field(
        description="The note as a signed token (JWS, ES256) for its QR code: "
        '`{"typ": "note", "sub": <note id>, "exp": …}`. Null in a replay and in the event.'
    )
    denomination: CreditsOut
    expires_on: date | None
    issued_at: datetime


class NoteBatchRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "nbt_5k4j3h2g1f0d9s8a",
                    "data": [
                        {
                            "id": "nte_2w3e4r5t6y7u8i9o",
                            "serial": "4921 7730 551",
                            "token": "eyJhbGciOiJFUzI1NiIsImtpZCI6InNrXzEyMyJ9.eyJzdWIi.c2ln",
                            "denomination": "1.00",
                            "expires_on": "2027-12-31",
                            "issued_at": "2026-12-06T09:00:00Z",
                        }
                    ],
                    "sheet_url": "/v1/notes/sheets/nbt_5k4j3h2g1f0d9s8a",
                }
            ]
        }
    )
    id: str = Field(description="The batch.")
    data: list[NoteIssued]
    sheet_url: str = Field(description="The batch's printable A4 sheet (HTML, with QR codes).")


class _ByNote(Input):
    token: str | None = Field(default=None, max_length=4000, description="Scanned: the QR.")
    serial: str | None = Field(default=None, max_length=20, description="Typed: the serial.")

    @model_validator(mode="after")
    def _one_of(self) -> "_ByNote":
        if (self.token is None) == (self.serial is None):
            raise ValueError("send one of `token` (scanned) and `serial` (typed)")
        return self


class NoteRedeem(_ByNote):
    model_config = ConfigDict(json_schema_extra={"examples": [{"serial": "4921 7730 551"}]})


class NoteDeposit(_ByNote):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"serial": "4921 7730 551", "member_id": "mem_4h5j6k7m8n9p0q1r"}]
        }
    )
    member_id: Ref = Field(max_length=100, description="One of your members.")


class NoteVoid(BaseModel):
    """The void write: which note (the path's id)."""

    note_id: str


class NoteRedemption(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "nte_2w3e4r5t6y7u8i9o",
                    "serial": "4921 7730 551",
                    "denomination": "1.00",
                    "redeemed_at": "2026-12-07T10:30:00Z",
                    "organisation_id": "org_2b3c4d5e6f7g8h9j",
                    "member_id": None,
                    "transaction_id": "txn_7q6w5e4r3t2y1u0i",
                }
            ]
        }
    )
    id: str = Field(description="The note.")
    serial: str
    denomination: CreditsOut
    redeemed_at: datetime
    organisation_id: str = Field(
        description="Who took it: the venue, or the member's home organisation for a deposit."
    )
    member_id: str | None = Field(default=None, description="For a deposit: whose wallet.")
    transaction_id: str = Field(description="The transfer (kind `note_redeem`).")


class NoteVoided(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "nte_2w3e4r5t6y7u8i9o",
                    "denomination": "1.00",
                    "voided_at": "2026-12-07T10:30:00Z",
                    "organisation_id": "org_8a7b6c5d4e3f2g1h",
                    "transaction_id": "txn_7q6w5e4r3t2y1u0i",
                }
            ]
        }
    )
    id: str = Field(description="The note.")
    denomination: CreditsOut
    voided_at: datetime
    organisation_id: str = Field(description="The issuer, credited back.")
    transaction_id: str = Field(description="The transfer (kind `note_void`).")
