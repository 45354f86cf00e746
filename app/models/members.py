"""Members: pseudonymous participants. Request and response schemas."""

import re
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from app.models.common import Input, Ref, ShortText

_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")

_MEMBER_EXAMPLE = {
    "id": "mem_4h5j6k7m8n9p0q1r",
    "card_number": "4921 7730 5518",
    "display_name": "Asha K.",
    "external_ref": "TEN-00412",
    "year_of_birth": 1961,
    "postcode_district": "N17",
    "consent_contact": False,
    "consent_research": True,
    "programme_id": "prg_1x2y3z4w5v6u7t8s",
    "home_organisation_id": "org_8a7b6c5d4e3f2g1h",
    "balance": "3.00",
    "created_at": "2026-11-23T09:00:00Z",
}


class MemberCreate(Input):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "display_name": "Asha K.",
                    "programme_id": "prg_1x2y3z4w5v6u7t8s",
                    "external_ref": "TEN-00412",
                    "year_of_birth": 1961,
                    "postcode_district": "N17",
                    "consent_research": True,
                }
            ]
        }
    )
    display_name: ShortText = Field(description="A pseudonym or first name; no full names needed.")
    programme_id: Ref = Field(max_length=100)
    external_ref: ShortText | None = Field(
        default=None,
        description="Your own reference for this person, unique within your organisation.",
    )
    year_of_birth: int | None = Field(default=None, ge=1900)
    postcode_district: str | None = Field(
        default=None,
        max_length=8,
        description="Outward code only (`N17`), never a full postcode.",
    )
    consent_contact: bool = False
    consent_research: bool = False

    @field_validator("year_of_birth")
    @classmethod
    def _not_future(cls, v: int | None) -> int | None:
        if v is not None and v > date.today().year:
            raise ValueError("must not be in the future")
        return v

    @field_validator("postcode_district")
    @classmethod
    def _district_only(cls, v: str | None) -> str | None:
        if v is None:
            return None
        district = v.strip().upper()
        if " " in district or len(district) > 4:
            raise ValueError("give the postcode district only (e.g. N17), never a full postcode")
        if not _DISTRICT.match(district):
            raise ValueError("is not a UK postcode district (e.g. N17, CF10, SW1A)")
        return district


class MemberRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_MEMBER_EXAMPLE]})
    id: str
    card_number: str = Field(description="12 digits with a check digit, printed in groups of 4.")
    display_name: str
    external_ref: str | None = Field(description="Shown only to the home organisation.")
    year_of_birth: int | None
    postcode_district: str | None
    consent_contact: bool
    consent_research: bool
    programme_id: str
    home_organisation_id: str
    balance: str
    created_at: datetime


class CardHolder(BaseModel):
    """What a desk sees of a card it is shown, when the card's member is not one of its own
    (DESIGN §3): enough to check the person and whether the card can pay, nothing more."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"id": "mem_4h5j6k7m8n9p0q1r", "initials": "A. K.", "can_pay": True}]
        }
    )
    id: str
    initials: str = Field(description="The display name's initials, for a visual check.")
    can_pay: bool = Field(
        description="Whether the member can pay at a desk with this card and their PIN: "
        "false until their home organisation sets a PIN, and while the card is locked "
        "after wrong PINs."
    )


class PinChange(Input):
    """`PUT /v1/members/{id}/pin`: the PIN the member chose, 4 to 6 digits."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"pin": "4071"}]})
    pin: SecretStr = Field(description="4 to 6 digits. Never returned or logged.")

    @field_validator("pin")
    @classmethod
    def _digits(cls, value: SecretStr) -> SecretStr:
        if not re.fullmatch(r"[0-9]{4,6}", value.get_secret_value()):
            raise ValueError("must be 4 to 6 digits")
        return value


class PinSet(BaseModel):
    """The PIN write: whose, and the PIN (a service input, not a request body)."""

    member_id: str
    pin: SecretStr


class PinUnlock(BaseModel):
    member_id: str
