"""The partner directory: organisation profiles, offers, opportunities, their vocabularies.

The vocabularies are fixed and documented (docs/directory.md) so that a partner's
"gardening" is everyone's "gardening": search filters and the Open Referral taxonomy
both rely on it."""

import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
    PlainSerializer,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from app.models.common import Input, text
from app.models.dates import Day
from app.models.money import CreditsIn, CreditsOut
from app.models.organisations import Role

CATEGORIES: dict[str, str] = {
    "swimming": "Swimming pools and swim sessions",
    "fitness": "Gyms, exercise classes, walking groups",
    "sport": "Sport and climbing: playing, coaching, watching",
    "theatre": "Theatre, dance and live performance",
    "cinema": "Cinema and film",
    "museum": "Museums",
    "gallery": "Art galleries and exhibitions",
    "heritage": "Historic sites, castles, gardens and houses",
    "music": "Concerts, choirs and music making",
    "course": "Courses, classes and learning",
    "arts_crafts": "Arts, crafts and making",
    "gardening": "Gardening, allotments and growing",
    "environment": "Parks, conservation and clean-ups",
    "food": "Food: community cafés, lunch clubs, cooking",
    "transport": "Transport: community buses, volunteer drivers",
    "family": "Activities for families and children",
    "befriending": "Befriending, visiting and peer support",
    "wellbeing": "Wellbeing: relaxation, mindfulness, self-help groups",
    "community": "Community events, centres and running groups",
    "admin": "Office, reception and organising",
    "other": "Anything else",
}
ACCESSIBILITY: dict[str, str] = {
    "step_free": "Step-free access from the street",
    "wheelchair": "Wheelchair accessible throughout",
    "accessible_toilet": "Accessible toilet",
    "changing_places": "Changing Places toilet (hoist, bench)",
    "lift": "Lift to all floors",
    "hearing_loop": "Hearing loop",
    "bsl": "British Sign Language available",
    "large_print": "Large print or easy-read materials",
    "quiet_space": "Quiet space or relaxed sessions",
    "assistance_dogs": "Assistance dogs welcome",
    "accessible_parking": "Accessible parking",
    "public_transport": "Near a step-free public transport stop",
}
WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

Category = Literal[tuple(CATEGORIES)]  # type: ignore[valid-type]
Feature = Literal[tuple(ACCESSIBILITY)]  # type: ignore[valid-type]
Weekday = Literal[tuple(WEEKDAYS)]  # type: ignore[valid-type]


def _unique(values: list[str]) -> list[str]:
    return sorted(set(values))


Categories = Annotated[list[Category], Field(max_length=10), AfterValidator(_unique)]
Features = Annotated[list[Feature], Field(max_length=len(ACCESSIBILITY)), AfterValidator(_unique)]
Title = text(200)
Description = text(4000)
_POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}")


def _postcode(value: str) -> str:
    """Any spacing and case in, the canonical form out: "n170ab" → "N17 0AB"."""
    compact = "".join(value.split()).upper()
    if not _POSTCODE.fullmatch(compact):
        raise ValueError("is not a UK postcode (like N17 0AB)")
    return f"{compact[:-3]} {compact[-3:]}"


Postcode = Annotated[
    str,
    StringConstraints(max_length=10),
    AfterValidator(_postcode),
    Field(description="A full UK postcode: an organisation's public address, never a person's."),
]
# At most 30 characters with the "+" (the column's CHECK): found by review, 31 was a 500.
Phone = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=30, pattern=r"^\+?[0-9 ()-]{6,30}$"),
]
Url = Annotated[HttpUrl, Field(max_length=500)]
COORDINATE_PLACES = 7  # about 1 cm


def coordinate(value: float) -> float:
    """Rounded to 1 cm: finer is noise, and a denormal (5e-324) would underflow the
    database's trigonometry (an error there, not a 422 here)."""
    return round(value, COORDINATE_PLACES) + 0.0  # + 0.0: no -0.0


Latitude = Annotated[
    float, Field(strict=True, ge=-90, le=90, allow_inf_nan=False), AfterValidator(coordinate)
]
Longitude = Annotated[
    float, Field(strict=True, ge=-180, le=180, allow_inf_nan=False), AfterValidator(coordinate)
]


MIDNIGHT = time(0)
ClockTime = Annotated[
    time,
    PlainSerializer(lambda t: f"{t.hour:02d}:{t.minute:02d}", return_type=str),
    Field(description="Local time, `HH:MM`.", examples=["07:00"]),
]


class Slot(BaseModel):
    """Open (or running) on `day` from `opens` to `closes`, local time, in whole minutes.
    `closes` "00:00" is midnight at the end of the day (a cinema's late show); a slot
    past midnight is two slots, one on each day."""

    model_config = ConfigDict(extra="forbid")
    day: Weekday
    opens: ClockTime
    closes: ClockTime

    @field_validator("opens", "closes")
    @classmethod
    def _local_minutes(cls, value: time) -> time:
        if value.tzinfo is not None:
            raise ValueError("is a local time: no time zone")
        if value.second or value.microsecond:
            raise ValueError("is HH:MM, whole minutes")
        return value

    @field_validator("closes")
    @classmethod
    def _closes_after_opening(cls, value: time, info: ValidationInfo) -> time:
        opens = info.data.get("opens")
        if opens is not None and value <= opens and value != MIDNIGHT:
            raise ValueError("must be after opens (00:00 for midnight)")
        return value


Schedule = Annotated[list[Slot], Field(max_length=50)]


class Address(Input):
    """A public postal address (an organisation's or a listing's, never a person's). In a
    PATCH, the fields sent inside it change and the others stay."""

    line1: text(200) | None = None  # type: ignore[valid-type]
    town: text(100) | None = None  # type: ignore[valid-type]
    postcode: Postcode | None = None


class Location(Input):
    """A point, WGS84 decimal degrees: both coordinates, always."""

    lat: Latitude
    lon: Longitude


class AddressRead(BaseModel):
    line1: str | None
    town: str | None
    postcode: str | None


class LocationRead(BaseModel):
    lat: float
    lon: float


class Place(Input):
    """Where, and what it offers everyone: `null` clears `address` or `location`."""

    address: Address | None = None
    location: Location | None = None
    accessibility: Features | None = None


# What PATCH /v1/organisations/me sends, and (with the rest) what the directory shows.
_PROFILE_EXAMPLE = {
    "description": "Council leisure centre with a 25 m pool and a learner pool.",
    "website": "https://www.example.org/tottenham-green-pools",
    "email": "desk@tottenham-pools.example.org",
    "phone": "020 8489 5322",
    "address": {"line1": "1 Philip Lane", "town": "London", "postcode": "N15 4JA"},
    "location": {"lat": 51.5883, "lon": -0.0716},
    "opening_hours": [{"day": "monday", "opens": "07:00", "closes": "21:00"}],
    "accessibility": ["accessible_toilet", "lift", "step_free"],
    "categories": ["fitness", "swimming"],
}


class ProfileUpdate(Place):
    """`PATCH /v1/organisations/me`: the fields sent are set (null clears one); the rest
    stay as they are."""

    model_config = ConfigDict(json_schema_extra={"examples": [_PROFILE_EXAMPLE]})
    description: Description | None = None  # type: ignore[valid-type]
    website: Url | None = None
    email: EmailStr | None = Field(default=None, description="Public: shown to every partner.")
    phone: Phone | None = Field(default=None, description="Public: shown to every partner.")
    logo_url: Url | None = None
    opening_hours: Schedule | None = None
    categories: Categories | None = None


class DirectoryOrganisation(BaseModel):
    """An organisation's public profile: what any partner may read. No balance, no keys,
    no private contacts."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "org_8a7b6c5d4e3f2g1h",
                    "name": "Tottenham Green Pools & Fitness",
                    "roles": ["spend_partner"],
                    "programme_ids": ["prg_1x2y3z4w5v6u7t8s"],
                    **_PROFILE_EXAMPLE,
                    "logo_url": None,
                    "updated_at": "2026-11-23T09:00:00Z",
                    "distance_km": None,
                }
            ]
        }
    )
    id: str
    name: str
    roles: list[Role]
    programme_ids: list[str]
    description: str | None
    website: str | None
    email: str | None
    phone: str | None
    address: AddressRead | None
    location: LocationRead | None
    opening_hours: list[Slot]
    accessibility: list[str]
    categories: list[str]
    logo_url: str | None
    updated_at: datetime
    distance_km: float | None = Field(
        default=None, description="From `near`, rounded to 10 m; only in a `near` search."
    )


class _ListingFields(Place):
    title: Title | None = None  # type: ignore[valid-type]
    description: Description | None = None  # type: ignore[valid-type]
    category: Category | None = Field(
        default=None, description="The listing's main category (docs/directory.md)."
    )
    categories: Categories | None = Field(
        default=None,
        description="Every category it belongs to; always includes `category`, which is "
        "added when missing.",
    )
    schedule: Schedule | None = None
    valid_from: Day | None = None
    valid_until: Day | None = None
    capacity: Annotated[int, Field(strict=True, ge=1, le=1_000_000)] | None = Field(
        default=None, description="Places per session; absent = no limit."
    )

    @field_validator("valid_until")
    @classmethod
    def _dates_in_order(cls, value: date | None, info: ValidationInfo) -> date | None:
        valid_from = info.data.get("valid_from")
        if value and valid_from and value < valid_from:
            raise ValueError("must not be before valid_from")
        return value


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
_OFFER_EXAMPLE = {
    "title": "Swim session",
    "description": "Any public swim session, lane or leisure pool.",
    "category": "swimming",
    "credits": "1",
    "schedule": [{"day": d, "opens": "07:00", "closes": "09:00"} for d in _WEEKDAYS],
    "capacity": 20,
    "accessibility": ["step_free", "accessible_toilet"],
    "valid_from": "2026-01-01",
    "valid_until": "2026-12-31",
}
_OPPORTUNITY_EXAMPLE = {
    "title": "Run the Cuppas café on Mondays",
    "description": "Serve tea and cake, chat with visitors, help set up and clear away.",
    "category": "food",
    "categories": ["food", "community"],
    "commitment": "3 hours a week",
    "schedule": [{"day": "monday", "opens": "10:00", "closes": "13:00"}],
    "accessibility": ["step_free"],
}


class Restrictions(Input):
    """What an offer may be redeemed for; absent parts restrict nothing."""

    days: list[Weekday] | None = Field(
        default=None,
        min_length=1,
        max_length=7,
        description="The days of the week (in the network's time zone) it may be redeemed on.",
    )
    min_age: int | None = Field(
        default=None,
        ge=0,
        le=120,
        description="The member's least age in years, from their year of birth (a member "
        "without one is refused).",
    )
    max_per_member_per_week: int | None = Field(
        default=None, ge=1, le=100, description="Redemptions per member in any 7 days."
    )


class OfferCreate(_ListingFields):
    model_config = ConfigDict(json_schema_extra={"examples": [_OFFER_EXAMPLE]})
    title: Title  # type: ignore[valid-type]
    category: Category
    credits: CreditsIn = Field(description="Credits per adult per visit, > 0.")
    child_credits: CreditsIn | None = Field(
        default=None, description="Credits per child under 16; children pay `credits` if unset."
    )
    restrictions: Restrictions | None = None


class OfferUpdate(_ListingFields):
    model_config = ConfigDict(json_schema_extra={"examples": [{"credits": "2", "capacity": 12}]})
    credits: CreditsIn | None = None
    child_credits: CreditsIn | None = Field(default=None, description="null: the adult price.")
    restrictions: Restrictions | None = Field(default=None, description="null: none.")


class OpportunityCreate(_ListingFields):
    model_config = ConfigDict(json_schema_extra={"examples": [_OPPORTUNITY_EXAMPLE]})
    title: Title  # type: ignore[valid-type]
    category: Category
    commitment: text(200) | None = Field(  # type: ignore[valid-type]
        default=None, description="What a volunteer gives, in words: '2 hours a week'."
    )


class OpportunityUpdate(_ListingFields):
    model_config = ConfigDict(json_schema_extra={"examples": [{"commitment": "Once a month"}]})
    commitment: text(200) | None = None  # type: ignore[valid-type]


class RestrictionsRead(BaseModel):
    days: list[Weekday] | None
    min_age: int | None
    max_per_member_per_week: int | None


class _ListingRead(BaseModel):
    id: str
    organisation_id: str
    organisation_name: str
    title: str
    description: str | None
    category: str
    categories: list[str] = Field(description="`category` first, then the others A-Z.")
    schedule: list[Slot]
    valid_from: date | None
    valid_until: date | None
    capacity: int | None
    accessibility: list[str]
    address: AddressRead | None
    location: LocationRead | None
    own_location: bool = Field(
        description="False while the address and location follow the organisation's profile."
    )
    status: Literal["active", "archived"]
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    distance_km: float | None = Field(
        default=None, description="From `near`, rounded to 10 m; only in a `near` search."
    )


_READ_EXTRA = {
    "id": "off_3m4n5p6q7r8s9t0v",
    "organisation_id": "org_8a7b6c5d4e3f2g1h",
    "organisation_name": "Tottenham Green Pools & Fitness",
    "address": {"line1": "1 Philip Lane", "town": "London", "postcode": "N15 4JA"},
    "location": {"lat": 51.5883, "lon": -0.0716},
    "own_location": False,
    "status": "active",
    "created_at": "2026-11-23T09:00:00Z",
    "updated_at": "2026-11-23T09:00:00Z",
    "archived_at": None,
    "distance_km": 1.27,
}


class OfferRead(_ListingRead):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_OFFER_EXAMPLE,
                    **_READ_EXTRA,
                    "categories": ["swimming"],
                    "credits": "1.00",
                    "child_credits": None,
                    "restrictions": None,
                }
            ]
        }
    )
    credits: CreditsOut = Field(description="Per adult.")
    child_credits: CreditsOut | None = Field(description="Per child under 16; null: `credits`.")
    restrictions: RestrictionsRead | None


class OpportunityRead(_ListingRead):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{**_OPPORTUNITY_EXAMPLE, **_READ_EXTRA, "id": "opp_9z8y7x6w5v4t3s2r"}]
        }
    )
    commitment: str | None


class Near(BaseModel):
    """A search point and radius."""

    latitude: float
    longitude: float
    radius_km: float


class DirectoryQuery(BaseModel):
    """The filters every directory search takes; which apply depends on what is searched."""

    q: str | None = None
    categories: list[str] = []
    programme_id: str | None = None
    organisation_id: str | None = None  # listings: one partner's only
    role: str | None = None
    near: Near | None = None
    open_on: str | None = None
    accessible: list[str] = []
    max_credits: Decimal | None = None
    updated_since: datetime | None = None
    updated_before: datetime | None = None  # a sync's horizon (directory_search.sync_horizon)


class ListingChange(BaseModel):
    """The update operation's input: which listing (the path's id) and the fields sent."""

    listing_id: str
    changes: OfferUpdate | OpportunityUpdate


class ListingRef(BaseModel):
    listing_id: str
