"""The directory as Open Referral UK (HSDS 3.0) services, for the public feed.

Every active offer and opportunity is one HSDS service, provided by its organisation. The
HSDS rules kept here (docs/openreferral.md maps every field):

- every object has a UUID `id`, the same wherever it recurs: a hash of NAMESPACE and a key
  of ours (`service:off_…`, `organization:org_…`, `location:org_…`), so ids are stable
  across requests, pages and instances without being stored anywhere;
- no nulls: a field without a value is left out (`_compact`);
- only public directory columns are read: never accounts, keys, members or references.
"""

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import urlsplit

import asyncpg

from app.models.directory import ACCESSIBILITY, CATEGORIES, WEEKDAYS
from app.services import listings, unit_of_work
from app.services.directory_search import sync_horizon, text_query
from app.services.errors import InvalidInput, NotFound

VERSION = "3.0"
PROFILE = "https://openreferraluk.org/specifications/3.0/"
# Fixed forever: changing it changes every id in the feed. (uuid5 of NAMESPACE_URL and
# "https://docs.timecredits.example/openreferral".)
NAMESPACE = uuid.UUID("5aba589d-ec67-5e01-a99c-1d5b4922a7a5")
TIMEZONE_NOTE = "UK local time"

_BYDAY = dict(zip(WEEKDAYS, ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), strict=True))
DAY_NAMES = {d: d.capitalize() for d in WEEKDAYS}


def hsds_id(kind: str, key: str) -> str:
    """The UUID of our object `key` as an HSDS `kind`: deterministic, so it recurs.
    SHA-256 of NAMESPACE and "kind:key", 128 bits with the version 8 and variant bits
    (RFC 9562); migration 0002's directory_uuid() computes the same for listings."""
    digest = bytearray(hashlib.sha256(NAMESPACE.bytes + f"{kind}:{key}".encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x80
    digest[8] = (digest[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(digest)))


def service_id(listing_id: str) -> str:
    return hsds_id("service", listing_id)


# --- Taxonomies: our fixed vocabularies, published as HSDS taxonomy terms ---------------


@dataclass(frozen=True)
class Taxonomy:
    code: str
    name: str

    @property
    def id(self) -> str:
        return hsds_id("taxonomy", self.code)


@dataclass(frozen=True)
class Term:
    taxonomy: Taxonomy
    code: str
    name: str
    description: str
    column: str  # the listings column the term is read from: categories, accessibility, kind

    @property
    def id(self) -> str:
        return hsds_id("taxonomy_term", f"{self.taxonomy.code}:{self.code}")

    def as_hsds(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,  # HSDS core; the UK profile's nearest field is `term`
            "name": self.name,
            "description": self.description,
            "taxonomy": self.taxonomy.name,
            "taxonomy_id": self.taxonomy.id,
            "term": self.code,
        }


CATEGORY_TAXONOMY = Taxonomy("categories", "Time Credits categories")
ACCESSIBILITY_TAXONOMY = Taxonomy("accessibility", "Time Credits accessibility features")
LISTING_TYPE_TAXONOMY = Taxonomy("listing_types", "Time Credits listing types")
TAXONOMIES = (CATEGORY_TAXONOMY, ACCESSIBILITY_TAXONOMY, LISTING_TYPE_TAXONOMY)
LISTING_TYPES = {
    "offer": (
        "Spend Time Credits",
        "An activity a venue offers in exchange for Time Credits.",
    ),
    "opportunity": (
        "Earn Time Credits (volunteering)",
        "A volunteering role: each hour given earns one Time Credit.",
    ),
}
_CATEGORY_NAMES = {"arts_crafts": "Arts and crafts"}

TERMS: dict[tuple[str, str], Term] = {
    **{
        ("categories", code): Term(
            CATEGORY_TAXONOMY,
            code,
            _CATEGORY_NAMES.get(code, code.replace("_", " ").capitalize()),
            text,
            "categories",
        )
        for code, text in CATEGORIES.items()
    },
    **{
        ("accessibility", code): Term(ACCESSIBILITY_TAXONOMY, code, text, text, "accessibility")
        for code, text in ACCESSIBILITY.items()
    },
    **{
        ("kind", code): Term(LISTING_TYPE_TAXONOMY, code, name, text, "kind")
        for code, (name, text) in LISTING_TYPES.items()
    },
}
_TERMS_BY_ID = {term.id: term for term in TERMS.values()}
_TERMS_BY_CODE = {term.code: term for term in TERMS.values()}  # the codes never overlap


def find_term(value: str) -> Term | None:
    """A term by its UUID or, for convenience, by our code (`swimming`). A well-formed but
    unknown UUID is None (a filter that matches nothing); anything else is a 422."""
    if (term := _TERMS_BY_CODE.get(value)) is not None:
        return term
    try:
        return _TERMS_BY_ID.get(str(uuid.UUID(value)))
    except ValueError:
        raise InvalidInput.field(
            "taxonomy_term_id", "must be a taxonomy term's UUID or one of our term codes"
        ) from None


def _uuid(field: str, value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise InvalidInput.field(field, "must be a UUID") from None


# --- Reading the directory ---------------------------------------------------------------

# A listing leaves the feed when archived (its updated_at moves then) or when it expires:
# at the start of the day after valid_until, by the same clock as ACTIVE's current_date.
# Either moment is a change a copy kept with `modified_after` must hear of, so `modified`
# counts it, and such a listing comes back `defunct` (withdrawn) or `inactive` (expired).
EXPIRED = "l.valid_until < current_date"
MODIFIED = (
    "greatest(l.updated_at, o.updated_at, "
    f"CASE WHEN {EXPIRED} THEN (l.valid_until + 1)::timestamptz END)"
)
STATUS = (
    "CASE WHEN l.archived_at IS NOT NULL THEN 'defunct' "
    f"WHEN {EXPIRED} THEN 'inactive' ELSE 'active' END"
)
_COLUMNS = f"""
l.id, l.kind, l.title, l.description, l.categories, l.accessibility, l.schedule,
l.valid_from, l.valid_until, l.price, l.commitment, l.capacity, l.own_location,
l.address_line, l.town, l.postcode, l.latitude, l.longitude,
{MODIFIED} AS modified, {STATUS} AS status,
o.id AS org_id, o.name AS org_name, o.description AS org_description, o.roles AS org_roles,
o.website AS org_website, o.public_email AS org_email, o.public_phone AS org_phone,
o.logo_url AS org_logo, o.address_line AS org_address_line, o.town AS org_town,
o.postcode AS org_postcode, o.latitude AS org_latitude, o.longitude AS org_longitude,
o.accessibility AS org_accessibility, o.opening_hours AS org_opening_hours
"""
_FROM = "FROM listings l JOIN organisations o ON o.id = l.organisation_id"
# Active: not archived and not expired (the directory search's own rule).
ACTIVE = listings.CURRENT


@dataclass(frozen=True)
class FeedQuery:
    """The UK profile's `/services` filters we support (all optional, all combined)."""

    search: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    day: str | None = None  # our weekday: monday … sunday
    start_time: time | None = None
    end_time: time | None = None
    modified_after: datetime | None = None
    modified_before: datetime | None = None  # a sync's horizon (directory_search)


def _where(query: FeedQuery) -> tuple[str, list[Any]]:
    # A sync (`modified_after`) hears of services leaving the feed too.
    clauses, params = ([ACTIVE] if query.modified_after is None else []), []

    def p(value: Any) -> str:
        params.append(value)
        return f"${len(params)}"

    if query.search:
        clauses.append(f"l.search @@ {text_query(p(query.search))}")  # typos corrected too
    if query.taxonomy_term_id is not None:
        term = find_term(query.taxonomy_term_id)
        if term is None:
            clauses.append("false")
        elif term.column == "kind":
            clauses.append(f"l.kind = {p(term.code)}")
        else:  # @> uses the GIN index on the array
            clauses.append(f"l.{term.column} @> ARRAY[{p(term.code)}]::text[]")
    if query.taxonomy_id is not None:
        known = {t.id: t for t in TAXONOMIES}.get(_uuid("taxonomy_id", query.taxonomy_id))
        if known is None:
            clauses.append("false")
        elif known is ACCESSIBILITY_TAXONOMY:
            clauses.append("cardinality(l.accessibility) > 0")
        elif known is CATEGORY_TAXONOMY:
            clauses.append("cardinality(l.categories) > 0")
    if query.start_time is not None or query.end_time is not None:
        # One slot must satisfy all of day, start and end together.
        slot = ["true"]
        if query.day is not None:
            slot.append(f"s->>'day' = {p(query.day)}")
        if query.start_time is not None:
            slot.append(f"(s->>'opens')::time >= {p(query.start_time)}")
        if query.end_time is not None:
            # A slot closing at 00:00 closes at midnight, the end of its day.
            closes = "(CASE WHEN (s->>'closes')::time = '00:00' THEN '24:00'::time"
            # And `end_time` 00:00 asks for slots ending by midnight.
            end = p(query.end_time)
            slot.append(
                f"{closes} ELSE (s->>'closes')::time END)"
                f" <= (CASE WHEN {end}::time = '00:00' THEN '24:00'::time ELSE {end}::time END)"
            )
        clauses.append(
            f"EXISTS (SELECT 1 FROM jsonb_array_elements(l.schedule) s WHERE {' AND '.join(slot)})"
        )
    elif query.day is not None:
        clauses.append(f"{p(query.day)} = ANY (l.open_days)")
    if query.modified_after is not None:
        clauses.append(f"{MODIFIED} >= {p(query.modified_after)}")
    if query.modified_before is not None:
        clauses.append(f"{MODIFIED} < {p(query.modified_before)}")
    return " AND ".join(clauses), params


async def list_services(
    db: asyncpg.Connection, query: FeedQuery, *, page: int, per_page: int
) -> dict[str, Any]:
    """One HSDS page of active services, in id order (stable: pages don't shuffle between
    requests unless listings change). A page past the end is empty, with the totals. With
    `modified_after`, the services changed since, those that left the feed included, up
    to the sync horizon (read first, before the snapshot the page comes from)."""
    if query.modified_after is not None:
        query = replace(query, modified_before=await sync_horizon(db))
    where, params = _where(query)
    n = len(params)
    # One snapshot, so the totals describe the page that is returned.
    async with unit_of_work.snapshot(db):
        total = await db.fetchval(f"SELECT count(*) {_FROM} WHERE {where}", *params)
        rows = await db.fetch(
            f"SELECT {_COLUMNS} {_FROM} WHERE {where} ORDER BY l.id LIMIT ${n + 1} OFFSET ${n + 2}",
            *params,
            per_page,
            (page - 1) * per_page,
        )
    contents = [service_summary(r) for r in rows]
    total_pages = -(-total // per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


async def get_service(db: asyncpg.Connection, hsds_service_id: str) -> dict[str, Any]:
    """The fully nested service, archived (`defunct`) and expired (`inactive`) ones too: a
    copy kept in sync asks for those it heard have left. Not a UUID, or unknown: NotFound."""
    try:
        wanted = str(uuid.UUID(hsds_service_id))
    except ValueError:
        raise NotFound(f"no service {hsds_service_id}") from None
    # listings.service_uuid is this same UUID, computed by the database (migration 0002).
    row = await db.fetchrow(f"SELECT {_COLUMNS} {_FROM} WHERE l.service_uuid = $1::uuid", wanted)
    if row is None:
        raise NotFound(f"no service {wanted}")
    return service(row)


def feed_info(base_url: str) -> dict[str, Any]:
    """The HSDS API root (`GET /`): which HSDS version and profile, where the OpenAPI is."""
    return {
        "version": VERSION,
        "profile": PROFILE,
        "openapi_url": f"{base_url}/openapi.json",
        "services_url": f"{base_url}/v1/openreferral/services",
        "description": (
            "Time Credits partner directory as an Open Referral UK 3.0 (HSDS 3.0) feed: "
            "every active Time Credits offer (an activity paid for with Time Credits at a "
            "partner venue) and volunteering opportunity (each hour given earns one Time "
            "Credit) as an HSDS service. Public, no key; paged with page and per_page; "
            "rate-limited per client IP (429 with Retry-After)."
        ),
    }


# --- Mapping a row to HSDS objects -------------------------------------------------------


def _compact(obj: dict[str, Any]) -> dict[str, Any]:
    """HSDS wants no nulls: drop None, empty strings and empty lists."""
    return {k: v for k, v in obj.items() if v is not None and v != "" and v != []}


def _url(value: str | None) -> str | None:
    """Only absolute http(s) URLs: a relative or odd one would break the feed's `uri`s."""
    if not value or any(c.isspace() for c in value):
        return None
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.netloc else None


def _email(value: str | None) -> str | None:
    """An address the schemas' `format: email` accepts (RFC 5321: ASCII), or None (left
    out). A non-ASCII domain goes out in its ASCII (IDNA) form; a non-ASCII local part
    has none, so that address is left out (found by review)."""
    if not value or any(c.isspace() for c in value) or value.count("@") != 1:
        return None
    local, domain = value.split("@")
    if not local.isascii():
        return None
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return f"{local}@{domain}" if local and "." in domain else None


def _timestamp(value: datetime) -> str:
    """RFC 3339 UTC with milliseconds, as HSDS's `last_modified` asks."""
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _credits(hundredths: int) -> tuple[int | float, str]:
    """A price as a JSON number and in words. The number is for HSDS's `amount` only: a
    whole number, or the shortest float that prints back as the same two-place decimal."""
    whole, cents = divmod(hundredths, 100)
    number: int | float = whole if cents == 0 else hundredths / 100
    words = f"{whole}" if cents == 0 else f"{whole}.{cents:02d}"
    return number, f"{words} Time Credit{'' if hundredths == 100 else 's'}"


def _organization(row: Mapping[str, Any]) -> dict[str, Any]:
    roles = [r.replace("_", " ") for r in row["org_roles"] if r != "operator"]
    fallback = f"{row['org_name']}: part of the Time Credits network" + (
        f" ({', '.join(roles)})." if roles else "."
    )
    return _compact(
        {
            "id": hsds_id("organization", row["org_id"]),
            "name": row["org_name"],
            "description": (row["org_description"] or "").strip() or fallback,
            "email": _email(row["org_email"]),
            "website": _url(row["org_website"]),
            "logo": _url(row["org_logo"]),
        }
    )


def _description(row: Mapping[str, Any]) -> str:
    """The listing's text, then what a reader of any HSDS directory needs to know about
    Time Credits: what it costs (offers) or earns (opportunities)."""
    parts = [(row["description"] or "").strip()]
    if row["kind"] == "offer":
        _, price = _credits(row["price"])
        parts.append(
            f"Paid for with Time Credits: {price} per person per visit. Time Credits are "
            "earned by volunteering, one for each hour given."
        )
    else:
        commitment = (row["commitment"] or "").strip()
        parts.append(
            "Volunteering opportunity: earn one Time Credit for each hour you give, to "
            "spend on activities across the Time Credits network."
            + (f" Commitment: {commitment}." if commitment else "")
        )
    if row["capacity"]:
        parts.append(f"Up to {row['capacity']} places per session.")
    return "\n\n".join(p for p in parts if p)


def _schedules(
    slots: list[Any], key: str, link: dict[str, str], valid: dict[str, str | None]
) -> list[dict[str, Any]]:
    """Weekly slots as iCal-style HSDS schedules: one per opening time, listing its days
    (`byday: MO,WE`). Times are local, so they carry no offset (see docs)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for slot in slots:
        try:
            day = slot["day"]
            opens, closes = (_hhmm(slot[k]) for k in ("opens", "closes"))
        except (KeyError, TypeError, ValueError):
            continue  # the API validates slots; skip anything older that does not parse
        if day in _BYDAY:
            groups.setdefault((opens, closes), []).append(day)
    out = []
    for (opens, closes), days in sorted(
        groups.items(), key=lambda g: (min(WEEKDAYS.index(d) for d in g[1]), g[0])
    ):
        ordered = sorted(set(days), key=WEEKDAYS.index)
        names = [DAY_NAMES[d] + "s" for d in ordered]
        said = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        out.append(
            _compact(
                {
                    "id": hsds_id("schedule", f"{key}:{opens}-{closes}"),
                    **link,
                    **valid,
                    "freq": "WEEKLY",
                    "byday": ",".join(_BYDAY[d] for d in ordered),
                    "description": f"{said}, {opens} to {closes} ({TIMEZONE_NOTE})",
                    "opens_at": opens,
                    "closes_at": closes,
                }
            )
        )
    return out


def _hhmm(value: str) -> str:
    t = time.fromisoformat(value)
    return t.strftime("%H:%M" if t.second == 0 else "%H:%M:%S")


def _location(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """Where the listing happens: its own place, or (the default) its organisation's, which
    is then one location object shared by all the organisation's services. None when
    there is nothing to say where."""
    own = row["own_location"]
    key = row["id"] if own else row["org_id"]
    place = {f: row[f if own else f"org_{f}"] for f in _PLACE}
    if place["latitude"] is None and not any(
        place[f] for f in ("address_line", "town", "postcode")
    ):
        return None
    location_id = hsds_id("location", key)
    address = None
    if place["address_line"] and place["town"] and place["postcode"]:
        address = {
            "id": hsds_id("address", key),
            "location_id": location_id,
            "address_1": place["address_line"],
            "city": place["town"],
            # Required by HSDS; the UK has no states and we keep no county: the Royal Mail's
            # advice for a missing county is to repeat the post town.
            "state_province": place["town"],
            "postal_code": place["postcode"],
            "country": "GB",
            "address_type": "physical",
        }
    accessibility = [
        {
            "id": hsds_id("accessibility", f"{key}:{code}"),
            "location_id": location_id,
            "description": ACCESSIBILITY[code],
        }
        for code in sorted(place["accessibility"] or [])
        if code in ACCESSIBILITY
    ]
    opening_hours = [] if own else row["org_opening_hours"] or []
    return _compact(
        {
            "id": location_id,
            "location_type": "physical",
            "name": (place["address_line"] or row["title"]) if own else row["org_name"],
            "latitude": place["latitude"],
            "longitude": place["longitude"],
            "addresses": [address] if address else None,
            "accessibility": accessibility,
            # HSDS core (the UK profile has no location schedules): the venue's hours.
            "schedules": _schedules(opening_hours, key, {"location_id": location_id}, {}),
        }
    )


_PLACE = ("address_line", "town", "postcode", "latitude", "longitude", "accessibility")


def _contacts(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The organisation's public email and phone, as one contact (HSDS core's `email` and
    `phones`: the UK profile's contact has neither)."""
    email, phone = _email(row["org_email"]), (row["org_phone"] or "").strip()
    if not email and not phone:
        return []
    contact_id = hsds_id("contact", row["org_id"])
    phones = [{"id": hsds_id("phone", row["org_id"]), "contact_id": contact_id, "number": phone}]
    return [
        _compact(
            {
                "id": contact_id,
                "organization_id": hsds_id("organization", row["org_id"]),
                "name": row["org_name"],
                "email": email,
                "phones": phones if phone else None,
            }
        )
    ]


def _attributes(row: Mapping[str, Any], sid: str) -> list[dict[str, Any]]:
    """The listing's type, categories and accessibility features as taxonomy terms."""
    keys = [("kind", row["kind"])]
    keys += [("categories", c) for c in sorted(row["categories"] or [])]
    keys += [("accessibility", a) for a in sorted(row["accessibility"] or [])]
    out = []
    for key in keys:
        term = TERMS.get(key)
        if term is None:
            continue
        out.append(
            {
                "id": hsds_id("attribute", f"{row['id']}:{term.taxonomy.code}:{term.code}"),
                "link_id": sid,
                "taxonomy_term_id": term.id,
                "link_type": _LINK_TYPES[term.column],
                "link_entity": "service",
                "taxonomy_term": term.as_hsds(),
            }
        )
    return out


_LINK_TYPES = {"kind": "listing_type", "categories": "category", "accessibility": "accessibility"}


def _cost_options(row: Mapping[str, Any], sid: str) -> list[dict[str, Any]]:
    """An offer's price. `amount` is in Time Credits, not money: there is no `currency`
    (HSDS's is an ISO 4217 code, "gbp" for the UK profile); `option` says what it is."""
    if row["kind"] != "offer" or row["price"] is None:
        return []
    amount, words = _credits(row["price"])
    return [
        _compact(
            {
                "id": hsds_id("cost_option", row["id"]),
                "service_id": sid,
                "valid_from": _day(row["valid_from"]),
                "valid_to": _day(row["valid_until"]),
                "option": "Time Credits",
                "amount": amount,
                "amount_description": f"{words} per person per visit",
            }
        )
    ]


def service_summary(row: Mapping[str, Any]) -> dict[str, Any]:
    """The list form (the UK profile's service_list.json): one-to-one fields only."""
    sid = service_id(row["id"])
    organization = _organization(row)
    return _compact(
        {
            "id": sid,
            "organization_id": organization["id"],
            "name": row["title"],
            "description": _description(row),
            "url": _url(row["org_website"]),
            "email": _email(row["org_email"]),
            "status": row["status"],
            "last_modified": _timestamp(row["modified"]),
            "organization": organization,
        }
    )


def service(row: Mapping[str, Any]) -> dict[str, Any]:
    """The fully nested form (the UK profile's service.json)."""
    summary = service_summary(row)
    sid = summary["id"]
    location = _location(row)
    valid = {"valid_from": _day(row["valid_from"]), "valid_to": _day(row["valid_until"])}
    nested: dict[str, Any] = {
        "schedules": _schedules(row["schedule"] or [], row["id"], {"service_id": sid}, valid),
        "service_at_locations": [
            {
                "id": hsds_id("service_at_location", row["id"]),
                "service_id": sid,
                "location_id": location["id"],
                "location": location,
            }
        ]
        if location
        else None,
        "organization": summary.pop("organization"),
        "cost_options": _cost_options(row, sid),
        "contacts": _contacts(row),
        "attributes": _attributes(row, sid),
    }
    return _compact({**summary, **nested})


def example_row() -> dict[str, Any]:
    """A listing as the feed's query returns it: the OpenAPI examples are built from it by
    the same code, so they show exactly what the feed sends."""
    return {
        "id": "off_3m4n5p6q7r8s9t0v",
        "kind": "offer",
        "title": "Swim session",
        "description": "Any public swim session, lane or leisure pool.",
        "categories": ["swimming"],
        "accessibility": ["step_free", "accessible_toilet"],
        "schedule": [
            {"day": d, "opens": "07:00:00", "closes": "09:00:00"}
            for d in ("monday", "wednesday", "friday")
        ],
        "valid_from": date(2026, 1, 1),
        "valid_until": date(2026, 12, 31),
        "price": 150,
        "commitment": None,
        "capacity": 20,
        "own_location": False,
        **dict.fromkeys(("address_line", "town", "postcode", "latitude", "longitude")),
        "modified": datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
        "status": "active",
        "org_id": "org_8a7b6c5d4e3f2g1h",
        "org_name": "Tottenham Green Pools & Fitness",
        "org_description": "Council leisure centre with a 25 m pool and a learner pool.",
        "org_roles": ["spend_partner"],
        "org_website": "https://www.example.org/tottenham-green-pools",
        "org_email": "desk@tottenham-pools.example.org",
        "org_phone": "020 8489 5322",
        "org_logo": None,
        "org_address_line": "1 Philip Lane",
        "org_town": "London",
        "org_postcode": "N15 4JA",
        "org_latitude": 51.5883,
        "org_longitude": -0.0716,
        "org_accessibility": ["step_free", "accessible_toilet", "lift"],
        "org_opening_hours": [{"day": "saturday", "opens": "08:00:00", "closes": "18:00:00"}],
    }
