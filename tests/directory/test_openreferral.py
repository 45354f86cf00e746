"""The public Open Referral UK feed: it validates against the official UK profile and HSDS
core schemas (format checks on), keeps HSDS's rules (UUIDs that recur, no nulls), pages
HSDS-style, answers any origin without a key, caches, rate-limits, and never carries
anything private."""

import json
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012

from app.api.openreferral import LIMITER
from app.api.ratelimit import TokenBucket
from app.ids import new_id
from app.models.directory import CATEGORIES
from app.services import openreferral
from tests.api.support import assert_problem
from tests.network import Network

FEED = "/v1/openreferral"
ORUK = Path(__file__).resolve().parents[2].parent / "shared" / "oruk"
PAGE_SCHEMA = Path(__file__).resolve().parent / "page_schema.json"
DOC = Path(__file__).resolve().parents[2] / "docs" / "openreferral.md"
UUID = re.compile(r"\b[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}\b", re.IGNORECASE)
needs_oruk = pytest.mark.skipif(
    not (ORUK / "uk-profile" / "schema" / "compiled").is_dir(),
    reason=f"the official Open Referral schemas are not at {ORUK} (../shared/oruk)",
)

# Where the official documents' $refs point; mapped to the local copies, never fetched.
UK = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
HSDS = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
UK_OPENAPI = "https://openreferraluk.org/specifications/3.0/openapi.json"
HSDS_OPENAPI = HSDS + "openapi.json"
SERVICES_200 = "#/paths/~1services/get/responses/200/content/application~1json/schema"

HOME = (51.5883, -0.0716)
TODAY = date.today()


# --- Validators ---------------------------------------------------------------------------


def _refuse(uri: str) -> Resource:
    raise NoSuchResource(ref=uri)  # nothing is fetched: every $ref must be a local copy


def _registry() -> Registry:
    local = {
        UK_OPENAPI: ORUK / "uk-profile/schema/openapi.json",
        HSDS_OPENAPI: ORUK / "hsds-3.0/schema/openapi.json",
        **{UK + f"compiled/{n}.json": ORUK / f"uk-profile/schema/compiled/{n}.json" for n in NAMES},
        **{HSDS + f"compiled/{n}.json": ORUK / f"hsds-3.0/schema/compiled/{n}.json" for n in NAMES},
    }
    return Registry(retrieve=_refuse).with_resources(  # type: ignore[call-arg]
        (url, DRAFT202012.create_resource(json.loads(path.read_text())))
        for url, path in local.items()
    )


NAMES = ("service", "service_list")


class Validators:
    """The official documents as the ORUK validator applies them: `GET /services` against
    the UK OpenAPI's 200 schema (Page + service_list items), `GET /services/{id}` against
    compiled/service.json; HSDS core's compiled schemas too, for the core fields we add."""

    def __init__(self) -> None:
        registry = _registry()

        def make(ref: str) -> Draft202012Validator:
            return Draft202012Validator(
                {"$ref": ref},
                registry=registry,
                format_checker=Draft202012Validator.FORMAT_CHECKER,
            )

        self.uk_page = make(UK_OPENAPI + SERVICES_200)
        self.uk_service = make(UK + "compiled/service.json")
        self.uk_service_list = make(UK + "compiled/service_list.json")
        self.core_service = make(HSDS + "compiled/service.json")
        self.core_service_list = make(HSDS + "compiled/service_list.json")
        self.page = Draft202012Validator(
            json.loads(PAGE_SCHEMA.read_text()),
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )


def errors(validator: Draft202012Validator, doc: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.path)))
    ]


@pytest.fixture(scope="module")
def oruk() -> Validators:
    if not (ORUK / "uk-profile" / "schema" / "compiled").is_dir():
        pytest.skip(f"the official Open Referral schemas are not at {ORUK} (../shared/oruk)")
    return Validators()


def nulls(value: Any, path: str = "") -> Iterator[str]:
    """Every path in a JSON document whose value is null."""
    if value is None:
        yield path or "(root)"
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from nulls(v, f"{path}/{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from nulls(v, f"{path}/{i}")


def ids(value: Any) -> Iterator[tuple[str, str]]:
    """(path, id) for every `id` and `*_id` field in a document."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            for k, v in node.items():
                if (k == "id" or k.endswith("_id")) and isinstance(v, str):
                    yield f"{path}/{k}", v
                stack.append((f"{path}/{k}", v))
        elif isinstance(node, list):
            stack.extend((f"{path}/{i}", v) for i, v in enumerate(node))


def objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object with an `id` in a document."""
    if isinstance(value, dict):
        if "id" in value:
            yield value
        for v in value.values():
            yield from objects(v)
    elif isinstance(value, list):
        for v in value:
            yield from objects(v)


# --- Data: rows written with SQL, as the directory stores them ------------------------------


async def profile(pool: asyncpg.Pool, org_id: str, **columns: Any) -> None:
    sets = ", ".join(f"{k} = ${i}" for i, k in enumerate(columns, start=2))
    await pool.execute(
        f"UPDATE organisations SET {sets}, updated_at = now() WHERE id = $1",
        org_id,
        *columns.values(),
    )


async def listing(pool: asyncpg.Pool, org_id: str, kind: str, title: str, **columns: Any) -> str:
    """A listing; without a place of its own it copies its organisation's, as the
    directory does."""
    values: dict[str, Any] = {
        "id": new_id("off" if kind == "offer" else "opp"),
        "kind": kind,
        "organisation_id": org_id,
        "title": title,
        "categories": ["swimming"] if kind == "offer" else ["community"],
        **({"price": 100} if kind == "offer" else {}),
        **columns,
    }
    place = ("address_line", "town", "postcode", "latitude", "longitude")
    if not values.get("own_location"):
        org = await pool.fetchrow(
            f"SELECT {', '.join(place)}, accessibility FROM organisations WHERE id = $1", org_id
        )
        values.update({k: org[k] for k in place})
        values.setdefault("accessibility", list(org["accessibility"]))
    await pool.execute(
        f"INSERT INTO listings ({', '.join(values)}) "
        f"VALUES ({', '.join(f'${i}' for i in range(1, len(values) + 1))})",
        *values.values(),
    )
    return values["id"]


def slots(days: str, opens: str, closes: str) -> list[dict[str, str]]:
    return [{"day": d, "opens": opens, "closes": closes} for d in days.split()]


class Feed:
    """A venue with two offers (one at its own place), an earn partner with an
    opportunity and a bare profile, and listings the feed must not show."""

    def __init__(self, net: Network) -> None:
        self.net = net

    async def build(self) -> "Feed":
        net, pool = self.net, self.net.pool
        await profile(
            pool,
            net.venue.id,
            description="Lido and gym on Tottenham Green.",
            website="https://www.example.org/tottenham-lido",
            public_email="desk@tottenham-lido.example.org",
            public_phone="020 8489 5322",
            address_line="1 Philip Lane",
            town="London",
            postcode="N15 4JA",
            latitude=HOME[0],
            longitude=HOME[1],
            accessibility=["step_free", "lift"],
            categories=["swimming", "fitness"],
            opening_hours=slots("saturday sunday", "08:00:00", "18:00:00"),
        )
        self.swim = await listing(
            pool,
            net.venue.id,
            "offer",
            "Early swim",
            description="Lane swimming before work.",
            price=150,
            capacity=20,
            schedule=[
                *slots("monday wednesday", "07:00:00", "09:00:00"),
                *slots("friday", "18:00", "20:00"),
            ],
            valid_from=TODAY - timedelta(days=30),
            valid_until=TODAY,  # still active today
        )
        self.climb = await listing(
            pool,
            net.venue.id,
            "offer",
            "Climbing taster",
            categories=["sport"],
            price=200,
            own_location=True,
            address_line="Unit 4, Markfield Road",
            town="London",
            postcode="N15 4QF",
            latitude=51.5861,
            longitude=-0.0612,
            accessibility=["quiet_space"],
            schedule=slots("tuesday", "10:00:00", "12:00:00"),
        )
        self.cafe = await listing(
            pool,
            net.partner.id,
            "opportunity",
            "Run the Cuppas café on Mondays",
            description="Serve tea and cake, chat with visitors.",
            categories=["food", "community"],
            commitment="3 hours a week",
            schedule=slots("monday", "10:00:00", "13:00:00"),
        )
        self.archived = await listing(
            pool, net.venue.id, "offer", "Old aqua aerobics", archived_at=datetime.now(UTC)
        )
        self.expired = await listing(
            pool, net.venue.id, "offer", "Summer splash", valid_until=TODAY - timedelta(days=1)
        )
        self.active = [self.swim, self.climb, self.cafe]
        return self

    async def all_services(self) -> list[dict[str, Any]]:
        r = await self.net.client.get(f"{FEED}/services", params={"per_page": 200})
        assert r.status_code == 200, r.text
        return r.json()["contents"]

    async def full(self, listing_id: str) -> dict[str, Any]:
        r = await self.net.client.get(f"{FEED}/services/{openreferral.service_id(listing_id)}")
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture
async def feed(net: Network) -> Feed:
    return await Feed(net).build()


@pytest.fixture(autouse=True)
def _own_bucket(app: FastAPI) -> Iterator[None]:
    """Each test gets a fresh, roomy bucket, so the session's requests from 127.0.0.1 never
    add up to a 429 in a test that is not about it."""
    before = getattr(app.state, LIMITER, "unset")
    setattr(app.state, LIMITER, TokenBucket(10_000))
    yield
    if before == "unset":
        delattr(app.state, LIMITER)
    else:
        setattr(app.state, LIMITER, before)


@contextmanager
def changed_settings(app: FastAPI, **update: Any) -> Iterator[None]:
    """The session app's settings, changed for one block. (Not monkeypatch: pytest's undo
    cannot restore an attribute of Starlette's State.)"""
    before = app.state.settings
    app.state.settings = before.model_copy(update=update)
    try:
        yield
    finally:
        app.state.settings = before


def problem(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """A problem+json answer whose code tests/api/support.py's KNOWN_CODES lacks."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status and body["code"] == code, body
    assert body["type"].endswith("/" + code) and body["title"] and body["detail"], body
    assert "Traceback" not in r.text
    return body


def assert_open(r: httpx.Response) -> None:
    assert r.headers.get("access-control-allow-origin") == "*", (r.status_code, r.headers)
    assert "Retry-After" in r.headers.get("access-control-expose-headers", "")


# --- The official schemas -----------------------------------------------------------------


@needs_oruk
def test_the_validator_fails_the_official_failing_example_and_passes_the_good_one(
    oruk: Validators,
) -> None:
    examples = ORUK / "examples"

    def load(name: str) -> Any:
        return json.loads((examples / name).read_text())

    assert errors(oruk.uk_service, load("official_default_service_full.json")) == []
    assert errors(oruk.uk_page, load("official_default_service_list.json")) == []
    # The failing examples differ only in `email` and `uri` formats: caught only because
    # format checking is on.
    failed = errors(oruk.uk_service, load("official_fail_service_full.json"))
    assert any("email" in e for e in failed) and any("uri" in e for e in failed), failed
    assert errors(oruk.uk_page, load("official_fail_service_list.json")) != []


@needs_oruk
async def test_a_page_of_services_validates_against_the_official_schemas(
    feed: Feed, oruk: Validators
) -> None:
    r = await feed.net.client.get(f"{FEED}/services", params={"per_page": 2})
    assert r.status_code == 200, r.text
    page = r.json()
    assert errors(oruk.uk_page, page) == []
    assert errors(oruk.page, page) == []
    assert page["contents"], page
    for item in page["contents"]:
        assert errors(oruk.uk_service_list, item) == []
        assert errors(oruk.core_service_list, item) == []


@needs_oruk
async def test_every_full_service_validates_against_the_uk_profile_and_hsds_core(
    feed: Feed, oruk: Validators
) -> None:
    for listing_id in feed.active:
        service = await feed.full(listing_id)
        assert errors(oruk.uk_service, service) == [], service["name"]
        assert errors(oruk.core_service, service) == [], service["name"]


@needs_oruk
def test_the_documented_examples_validate_too(app: FastAPI, oruk: Validators) -> None:
    schemas = app.openapi()["components"]["schemas"]
    service = schemas["HsdsService"]["examples"][0]
    assert errors(oruk.uk_service, service) == []
    assert errors(oruk.core_service, service) == []
    page = schemas["HsdsServicePage"]["examples"][0]
    assert errors(oruk.uk_page, page) == [] and errors(oruk.page, page) == []


# --- The feed's shape ---------------------------------------------------------------------


async def test_the_root_describes_the_feed_without_a_key(client: httpx.AsyncClient) -> None:
    for path in (f"{FEED}/", FEED):
        r = await client.get(path)
        assert r.status_code == 200, r.text
        assert_open(r)
        body = r.json()
        assert body["version"] == "3.0"
        assert body["profile"] == "https://openreferraluk.org/specifications/3.0/"
        assert body["openapi_url"] == "http://testserver/openapi.json"
        assert body["services_url"] == "http://testserver/v1/openreferral/services"
        assert "Time Credits" in body["description"]
        assert list(nulls(body)) == []
    assert (await client.get("/openapi.json")).status_code == 200


async def test_the_root_uses_the_public_base_url_when_set(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    with changed_settings(app, public_base_url="https://api.timecredits.example/"):
        body = (await client.get(f"{FEED}/")).json()
    assert body["openapi_url"] == "https://api.timecredits.example/openapi.json"


async def test_nothing_in_the_feed_is_null_and_every_id_is_a_uuid(feed: Feed) -> None:
    documents = [await feed.net.client.get(f"{FEED}/services")]
    documents += [
        await feed.net.client.get(f"{FEED}/services/{s['id']}") for s in (await feed.all_services())
    ]
    for r in documents:
        assert r.status_code == 200, r.text
        body = r.json()
        assert list(nulls(body)) == [], r.url
        for path, value in ids(body):
            assert str(uuid.UUID(value)) == value, f"{r.url} {path}: {value!r}"


async def test_ids_are_stable_and_a_recurring_object_keeps_its_uuid(feed: Feed) -> None:
    first, again = await feed.all_services(), await feed.all_services()
    assert first == again
    swim, climb = await feed.full(feed.swim), await feed.full(feed.climb)
    assert swim == await feed.full(feed.swim)
    # One organisation, one UUID, one content, under both of its services and in the list.
    assert swim["organization"] == climb["organization"]
    assert swim["organization_id"] == climb["organization_id"] == swim["organization"]["id"]
    listed = {s["id"]: s for s in first}
    assert listed[swim["id"]]["organization"] == swim["organization"]
    assert swim["contacts"] == climb["contacts"]
    # The venue's place is one location shared by the offers that follow it; an offer with
    # a place of its own has its own location.
    swim_place = swim["service_at_locations"][0]["location"]
    climb_place = climb["service_at_locations"][0]["location"]
    assert swim_place["id"] != climb_place["id"]
    other = await listing(feed.net.pool, feed.net.venue.id, "offer", "Gym induction")
    assert (await feed.full(other))["service_at_locations"][0]["location"] == swim_place
    # A taxonomy term is the same object wherever it is used.
    terms = {
        a["taxonomy_term"]["code"]: a["taxonomy_term"]
        for s in (swim, climb, await feed.full(feed.cafe))
        for a in s["attributes"]
    }
    for s in (swim, climb):
        for a in s["attributes"]:
            assert a["taxonomy_term"] == terms[a["taxonomy_term"]["code"]]
            assert a["taxonomy_term_id"] == a["taxonomy_term"]["id"]
    # An id names one object: wherever it recurs, the object is the same.
    cafe = await feed.full(feed.cafe)
    by_id: dict[str, dict[str, Any]] = {}
    for obj in objects([swim, climb, cafe]):
        assert by_id.setdefault(obj["id"], obj) == obj, obj["id"]
    assert len({s["id"] for s in first}) == len(first) == 3


async def test_an_offer_maps_to_a_service_with_its_price_place_and_times(feed: Feed) -> None:
    swim = await feed.full(feed.swim)
    assert swim["name"] == "Early swim"
    assert swim["status"] == "active"
    assert swim["url"] == "https://www.example.org/tottenham-lido"
    assert swim["email"] == "desk@tottenham-lido.example.org"
    assert "Lane swimming before work." in swim["description"]
    assert "1.50 Time Credits per person per visit" in swim["description"]
    assert "Up to 20 places" in swim["description"]
    assert datetime.fromisoformat(swim["last_modified"]).tzinfo is not None
    (cost,) = swim["cost_options"]
    assert cost["amount"] == 1.5 and cost["option"] == "Time Credits"
    assert "currency" not in cost  # HSDS's currency is an ISO 4217 code; credits are not
    assert cost["valid_to"] == TODAY.isoformat()
    org = swim["organization"]
    assert org["name"] == "Tottenham Lido"
    assert org["description"] == "Lido and gym on Tottenham Green."
    (contact,) = swim["contacts"]
    assert contact["email"] == "desk@tottenham-lido.example.org"
    assert contact["phones"][0]["number"] == "020 8489 5322"
    (at,) = swim["service_at_locations"]
    place = at["location"]
    assert at["location_id"] == place["id"] and at["service_id"] == swim["id"]
    assert place["latitude"] == HOME[0] and place["longitude"] == HOME[1]
    (address,) = place["addresses"]
    assert address == {
        "id": address["id"],
        "location_id": place["id"],
        "address_1": "1 Philip Lane",
        "city": "London",
        "state_province": "London",
        "postal_code": "N15 4JA",
        "country": "GB",
        "address_type": "physical",
    }
    assert [a["description"] for a in place["accessibility"]] == [
        "Lift to all floors",
        "Step-free access from the street",
    ]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in place["schedules"]] == [
        ("SA,SU", "08:00", "18:00")
    ]
    times = [(s["freq"], s["byday"], s["opens_at"], s["closes_at"]) for s in swim["schedules"]]
    assert times == [("WEEKLY", "MO,WE", "07:00", "09:00"), ("WEEKLY", "FR", "18:00", "20:00")]
    assert all(s["service_id"] == swim["id"] for s in swim["schedules"])
    codes = {(a["link_type"], a["taxonomy_term"]["code"]) for a in swim["attributes"]}
    assert codes == {
        ("listing_type", "offer"),
        ("category", "swimming"),
        ("accessibility", "lift"),
        ("accessibility", "step_free"),
    }
    swimming = next(a for a in swim["attributes"] if a["taxonomy_term"]["code"] == "swimming")
    assert swimming["taxonomy_term"]["description"] == CATEGORIES["swimming"]
    assert swimming["taxonomy_term"]["taxonomy"] == "Time Credits categories"


async def test_an_opportunity_says_it_is_volunteering_that_earns_credits(feed: Feed) -> None:
    cafe = await feed.full(feed.cafe)
    assert "Volunteering opportunity" in cafe["description"]
    assert "earn one Time Credit for each hour" in cafe["description"]
    assert "Commitment: 3 hours a week." in cafe["description"]
    assert "cost_options" not in cafe
    kinds = [a["taxonomy_term"] for a in cafe["attributes"] if a["link_type"] == "listing_type"]
    assert [k["code"] for k in kinds] == ["opportunity"]
    # The café has no public profile: a description is still there (HSDS requires one),
    # and no location, address or contact is invented.
    assert "Time Credits network" in cafe["organization"]["description"]
    assert "service_at_locations" not in cafe and "contacts" not in cafe
    assert "email" not in cafe and "url" not in cafe


async def test_archived_and_expired_listings_are_not_in_the_feed(feed: Feed) -> None:
    listed = {s["id"] for s in await feed.all_services()}
    assert listed == {openreferral.service_id(i) for i in feed.active}
    # By id they are there, saying they have gone: a copy kept in sync may ask.
    for gone, status in ((feed.archived, "defunct"), (feed.expired, "inactive")):
        assert (await feed.full(gone))["status"] == status
    # Archiving a listing the feed has shown takes it out at once.
    await feed.net.pool.execute("UPDATE listings SET archived_at = now() WHERE id = $1", feed.climb)
    assert openreferral.service_id(feed.climb) not in {s["id"] for s in await feed.all_services()}


async def test_a_council_syncing_with_modified_after_hears_of_services_that_left(
    feed: Feed,
) -> None:
    """Found by review: a copy kept with `modified_after` never learnt that a service was
    archived or had expired, so it kept offering it."""
    pool = feed.net.pool
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    await pool.execute("UPDATE listings SET updated_at = $1", long_ago)
    await pool.execute("UPDATE organisations SET updated_at = $1", long_ago)
    # Expiry is a change at the start of the day after valid_until: for "Summer splash"
    # (valid until yesterday), today's midnight, by the database's clock.
    midnight = await pool.fetchval("SELECT current_date::timestamptz")
    mark = midnight - timedelta(hours=1)

    async def synced() -> dict[str, tuple[str, datetime]]:
        r = await feed.net.client.get(
            f"{FEED}/services", params={"modified_after": mark.isoformat(), "per_page": 200}
        )
        assert r.status_code == 200, r.text
        return {
            s["name"]: (s["status"], datetime.fromisoformat(s["last_modified"]))
            for s in r.json()["contents"]
        }

    assert await synced() == {"Summer splash": ("inactive", midnight)}
    r = await feed.net.client.delete(f"/v1/offers/{feed.climb}", headers=feed.net.venue.headers)
    assert r.status_code == 200, r.text
    got = await synced()
    assert got.keys() == {"Summer splash", "Climbing taster"}
    assert got["Climbing taster"][0] == "defunct" and got["Climbing taster"][1] > midnight
    # Without modified_after, only what is active.
    listed = {s["name"] for s in await feed.all_services()}
    assert listed == {"Early swim", "Run the Cuppas café on Mondays"}


async def test_an_unknown_or_malformed_service_id_is_a_404_problem(feed: Feed) -> None:
    for wanted in (str(uuid.uuid4()), "not-a-uuid", feed.swim):
        r = await feed.net.client.get(f"{FEED}/services/{wanted}")
        assert_problem(r, 404, "not_found")
        assert_open(r)


async def test_nothing_private_is_in_the_feed(feed: Feed) -> None:
    net, pool = feed.net, feed.net.pool
    await net.allocate(net.venue, "987.65")
    member = await net.member(display_name="Zainab Okonkwo", external_ref="TEN-PRIVATE-0042")
    assert (await net.earn(member["id"], "3.25")).status_code == 201
    key = await net.key(net.venue, ["directory:read"])
    secrets = {"987.65", "98765", "Zainab Okonkwo", "TEN-PRIVATE-0042", member["card_number"]}
    secrets |= {key, key[:12], "tc_live_", "tc_test_"}
    secrets |= {r["id"] for r in await pool.fetch("SELECT id FROM api_keys")}
    secrets |= {r["id"] for r in await pool.fetch("SELECT id FROM members")}
    secrets |= {r["id"] for r in await pool.fetch("SELECT id FROM transfers")}
    # Our own ids stay ours too: the feed speaks UUIDs only.
    secrets |= {r["id"] for r in await pool.fetch("SELECT id FROM organisations")}
    secrets |= {r["id"] for r in await pool.fetch("SELECT id FROM listings")}
    secrets |= {r["id"] for r in await pool.fetch("SELECT id FROM programmes")}
    paths = [f"{FEED}/", f"{FEED}/services?per_page=200"]
    paths += [f"{FEED}/services/{s['id']}" for s in await feed.all_services()]
    assert len(paths) == 2 + len(feed.active)
    for path in paths:
        r = await net.client.get(path)
        assert r.status_code == 200, r.text
        text = r.text
        leaked = sorted(s for s in secrets if s and s in text)
        assert not leaked, leaked
        assert "balance" not in text and "api_key" not in text and "key_" not in text


# --- Paging ---------------------------------------------------------------------------------


async def test_pages_carry_all_eight_fields_and_correct_totals(feed: Feed) -> None:
    for n in range(2):
        await listing(feed.net.pool, feed.net.venue.id, "offer", f"Gym session {n}")
    client, seen = feed.net.client, []
    for number in (1, 2, 3):
        r = await client.get(f"{FEED}/services", params={"page": number, "per_page": 2})
        assert r.status_code == 200, r.text
        page = r.json()
        assert {k: v for k, v in page.items() if k != "contents"} == {
            "total_items": 5,
            "total_pages": 3,
            "page_number": number,
            "size": 1 if number == 3 else 2,
            "first_page": number == 1,
            "last_page": number == 3,
            "empty": False,
        }
        seen += [s["id"] for s in page["contents"]]
    assert len(seen) == len(set(seen)) == 5
    assert seen == [s["id"] for s in await feed.all_services()]  # one stable order
    r = await client.get(f"{FEED}/services", params={"page": 9, "per_page": 2})
    assert r.json() == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 9,
        "size": 0,
        "first_page": False,
        "last_page": True,
        "empty": True,
        "contents": [],
    }
    default = (await client.get(f"{FEED}/services")).json()
    assert default["page_number"] == 1 and default["size"] == 5


async def test_an_empty_feed_is_one_empty_page(client: httpx.AsyncClient) -> None:
    page = (await client.get(f"{FEED}/services")).json()
    assert page == {
        "total_items": 0,
        "total_pages": 0,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "two"}, "page"),
        ({"per_page": "0"}, "per_page"),
        ({"per_page": "201"}, "per_page"),
        ({"day": "someday"}, "day"),
        ({"day": "mondays"}, "day"),
        ({"day": "M"}, "day"),
        ({"taxonomy_term_id": "not a term"}, "taxonomy_term_id"),
        ({"taxonomy_id": "nope"}, "taxonomy_id"),
        ({"start_time": "25:00"}, "start_time"),
        ({"start_time": "10:00+01:00"}, "start_time"),
        ({"modified_after": "yesterday"}, "modified_after"),
    ],
)
async def test_bad_parameters_are_a_422_problem_naming_them(
    client: httpx.AsyncClient, params: dict[str, str], field: str
) -> None:
    r = await client.get(f"{FEED}/services", params=params)
    body = assert_problem(r, 422, "validation_error")
    assert field in {e["field"] for e in body["errors"]}, body
    assert_open(r)


# --- Filters --------------------------------------------------------------------------------


async def test_the_uk_profile_filters_narrow_the_feed(feed: Feed) -> None:
    client = feed.net.client
    sid = openreferral.service_id

    async def found(**params: str) -> set[str]:
        r = await client.get(f"{FEED}/services", params={"per_page": "200", **params})
        assert r.status_code == 200, r.text
        return {s["id"] for s in r.json()["contents"]}

    swimming = openreferral.TERMS[("categories", "swimming")].id
    opportunity = openreferral.TERMS[("kind", "opportunity")].id
    assert await found(search="swimming") == {sid(feed.swim)}
    assert await found(search="café") == {sid(feed.cafe)}
    assert await found(taxonomy_term_id=swimming) == {sid(feed.swim)}
    assert await found(taxonomy_term_id=swimming.upper()) == {sid(feed.swim)}
    assert await found(taxonomy_term_id="sport") == {sid(feed.climb)}
    assert await found(taxonomy_term_id=opportunity) == {sid(feed.cafe)}
    assert await found(taxonomy_term_id="quiet_space") == {sid(feed.climb)}
    assert await found(taxonomy_term_id=str(uuid.uuid4())) == set()
    assert await found(taxonomy_id=openreferral.ACCESSIBILITY_TAXONOMY.id) == {
        sid(feed.swim),
        sid(feed.climb),
    }
    assert len(await found(taxonomy_id=openreferral.CATEGORY_TAXONOMY.id)) == 3
    assert await found(taxonomy_id=str(uuid.uuid4())) == set()
    # Schedules store full names (monday); `day` takes HSDS's byday codes, our old
    # three-letter codes and the full names, in any case.
    for monday in ("MO", "mo", "mon", "MON", "monday", "Monday"):
        assert await found(day=monday) == {sid(feed.swim), sid(feed.cafe)}, monday
    assert await found(day="tuesday") == {sid(feed.climb)}
    assert await found(day="TU") == await found(day="tue") == {sid(feed.climb)}
    assert await found(day="sun") == set()
    assert await found(day="monday", start_time="09:30") == {sid(feed.cafe)}
    assert await found(start_time="07:00", end_time="09:00") == {sid(feed.swim)}
    assert await found(end_time="12:00") == {sid(feed.swim), sid(feed.climb)}
    later = (await feed.net.pool.fetchval("SELECT now()")).isoformat()
    # (The archived and expired listings of the fixture left before `later`.)
    assert await found(modified_after=later) == set()
    await feed.net.pool.execute("UPDATE listings SET updated_at = now() WHERE id = $1", feed.cafe)
    assert await found(modified_after=later) == {sid(feed.cafe)}
    # A change to the organisation changes its services (those that left it, too: a sync
    # hears of them again, still defunct or inactive).
    await feed.net.pool.execute(
        "UPDATE organisations SET updated_at = now() WHERE id = $1", feed.net.venue.id
    )
    assert await found(modified_after=later) == {
        sid(feed.archived),
        sid(feed.expired),
        sid(feed.cafe),
        sid(feed.swim),
        sid(feed.climb),
    }


def test_each_vocabulary_value_is_one_term_with_one_code() -> None:
    terms = openreferral.TERMS.values()
    assert len({t.code for t in terms}) == len({t.id for t in terms}) == len(terms)
    assert {t.code for t in terms if t.taxonomy is openreferral.CATEGORY_TAXONOMY} == set(
        CATEGORIES
    )
    for term in terms:
        assert openreferral.find_term(term.code) is term
        assert openreferral.find_term(term.id) is term


def documented_taxonomies() -> dict[str, str]:
    """docs/openreferral.md's taxonomy table: {taxonomy name: the UUID it lists}."""
    text = DOC.read_text()
    head = "| taxonomy | UUID | terms |"
    assert head in text, f"{DOC.name} has no taxonomy table ({head})"
    table = text.split(head, 1)[1].strip().split("\n\n", 1)[0]
    rows: dict[str, str] = {}
    for line in table.splitlines():
        if line.startswith("|---"):
            continue
        name, listed, *_ = (cell.strip() for cell in line.strip().strip("|").split("|"))
        assert UUID.fullmatch(listed.strip("`")), line
        rows[name] = listed.strip("`")
    return rows


def test_the_documented_taxonomy_uuids_are_the_ones_the_code_emits() -> None:
    """Partners copy these ids into their own filters (`taxonomy_id=`): the doc's table
    must list exactly our taxonomies, each with the UUID hsds_id() gives it; and any
    other UUID the doc quotes must be one the code computes too."""
    assert documented_taxonomies() == {t.name: t.id for t in openreferral.TAXONOMIES}
    computed = {str(openreferral.NAMESPACE)}
    computed |= {t.id for t in openreferral.TAXONOMIES}
    computed |= {t.id for t in openreferral.TERMS.values()}
    quoted = {u.lower() for u in UUID.findall(DOC.read_text())}
    assert quoted - computed == set()


async def test_the_feed_emits_the_documented_taxonomy_uuids(feed: Feed) -> None:
    documented = documented_taxonomies()
    emitted: dict[str, set[str]] = {}
    for listing_id in feed.active:
        for a in (await feed.full(listing_id))["attributes"]:
            term = a["taxonomy_term"]
            emitted.setdefault(term["taxonomy"], set()).add(term["taxonomy_id"])
    assert emitted == {name: {uuid_} for name, uuid_ in documented.items()}
    for name, uuid_ in documented.items():
        r = await feed.net.client.get(f"{FEED}/services", params={"taxonomy_id": uuid_})
        assert r.status_code == 200 and r.json()["contents"], name


# --- HTTP: public, CORS, caching, rate limit ------------------------------------------------


async def test_every_feed_answer_is_public_and_open_to_any_origin(feed: Feed) -> None:
    client = feed.net.client
    sid = openreferral.service_id(feed.swim)
    answers = {
        "root": await client.get(f"{FEED}/"),
        "list": await client.get(f"{FEED}/services", headers={"Origin": "https://a.example"}),
        "item": await client.get(f"{FEED}/services/{sid}"),
        "404": await client.get(f"{FEED}/services/{uuid.uuid4()}"),
        "422": await client.get(f"{FEED}/services", params={"page": 0}),
        "405": await client.post(f"{FEED}/services", json={}),
    }
    for label, r in answers.items():
        assert_open(r)
        if label in ("root", "list", "item"):
            assert r.status_code == 200, (label, r.text)
            assert r.headers["cache-control"] == "public, max-age=300", label
            assert r.headers["etag"], label
    assert_problem(answers["405"], 405, "method_not_allowed")
    # A key is not needed, and a bad one changes nothing: the feed ignores it.
    r = await client.get(f"{FEED}/services", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 200 and r.json() == answers["list"].json()


async def test_even_an_unexpected_error_is_a_problem_open_to_any_origin(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    settings = app.state.settings
    del app.state.settings  # the root reads it: a bug, as far as the route can tell
    try:
        r = await client.get(f"{FEED}/")
    finally:
        app.state.settings = settings
    body = problem(r, 500, "internal_error")
    assert "settings" not in body["detail"]
    assert_open(r)


async def test_an_unchanged_answer_is_a_304_that_still_carries_cors(feed: Feed) -> None:
    client = feed.net.client
    for path in (
        f"{FEED}/",
        f"{FEED}/services",
        f"{FEED}/services/{openreferral.service_id(feed.swim)}",
    ):
        r = await client.get(path)
        assert r.status_code == 200, r.text
        again = await client.get(path, headers={"If-None-Match": r.headers["etag"]})
        assert again.status_code == 304, path
        assert again.content == b""
        assert again.headers["etag"] == r.headers["etag"]
        assert_open(again)
    # A change is a new ETag.
    etag = (await client.get(f"{FEED}/services")).headers["etag"]
    await feed.net.pool.execute("UPDATE listings SET title = 'Dawn swim' WHERE id = $1", feed.swim)
    r = await client.get(f"{FEED}/services", headers={"If-None-Match": etag})
    assert r.status_code == 200 and r.headers["etag"] != etag


async def test_a_client_over_the_limit_gets_a_429_with_retry_after(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    setattr(app.state, LIMITER, TokenBucket(3))
    for _ in range(3):
        assert (await client.get(f"{FEED}/services")).status_code == 200
    r = await client.get(f"{FEED}/services/{uuid.uuid4()}")
    problem(r, 429, "rate_limited")
    assert int(r.headers["retry-after"]) >= 1
    assert_open(r)
    # Keyed endpoints are not counted against the feed.
    assert (await client.get("/healthz")).status_code == 200


async def test_cors_preflights_do_not_spend_the_clients_requests(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    """Found by review: a browser's preflight took a token, so a page's script that
    revalidated with If-None-Match spent two of its client's requests per read."""
    setattr(app.state, LIMITER, TokenBucket(2))
    preflight = {"Origin": "https://council.example", "Access-Control-Request-Method": "GET"}
    for _ in range(5):
        r = await client.options(f"{FEED}/services", headers=preflight)
        assert r.status_code == 204, r.text
    for _ in range(2):
        assert (await client.get(f"{FEED}/services")).status_code == 200
    problem(await client.get(f"{FEED}/services"), 429, "rate_limited")


async def test_the_feed_answers_head_as_its_get_without_a_body(
    feed: Feed, client: httpx.AsyncClient
) -> None:
    """Found by review: HEAD (link checkers, caches) was a 405. Now the GET's status and
    headers, without a body."""
    for path in ("/", "/services", f"/services/{openreferral.service_id(feed.swim)}"):
        got = await client.get(f"{FEED}{path}")
        r = await client.head(f"{FEED}{path}")
        assert r.status_code == 200, (path, r.text)
        assert r.headers["etag"] == got.headers["etag"] and r.content == b""
        assert_open(r)
        r = await client.head(f"{FEED}{path}", headers={"If-None-Match": got.headers["etag"]})
        assert r.status_code == 304
    r = await client.head(f"{FEED}/services/{uuid.uuid4()}")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"


def test_a_bucket_refills_at_its_rate_and_forgets_the_oldest_clients() -> None:
    now = [0.0]
    bucket = TokenBucket(60, max_clients=2, clock=lambda: now[0])
    assert [bucket.take("a") for _ in range(60)] == [0.0] * 60
    assert bucket.take("a") == pytest.approx(1.0)  # 60 a minute: one a second
    now[0] += 0.5
    assert bucket.take("a") == pytest.approx(0.5)
    now[0] += 0.5
    assert bucket.take("a") == 0.0
    assert bucket.take("b") == 0.0  # another client has its own bucket
    bucket.take("c")  # a third: "a", the least recently seen, is forgotten
    assert bucket.take("a") == 0.0
    with pytest.raises(ValueError):
        TokenBucket(0)


async def test_a_limit_of_zero_turns_the_brake_off(app: FastAPI, client: httpx.AsyncClient) -> None:
    delattr(app.state, LIMITER)  # made again, from the settings, on the next request
    with changed_settings(app, openreferral_rate_limit=0):
        for _ in range(5):
            assert (await client.get(f"{FEED}/")).status_code == 200
    assert getattr(app.state, LIMITER) is None


async def test_the_database_derives_the_same_service_uuid_as_the_feed(
    net: Network, pool: asyncpg.Pool
) -> None:
    """`/services/{id}` looks a service up by listings.service_uuid, which migration 0002
    computes with directory_uuid(): it must stay the feed's own hsds_id()."""
    r = await net.client.post(
        "/v1/offers",
        headers=net.venue.headers,
        json={"title": "Swim session", "category": "swimming", "credits": 1},
    )
    assert r.status_code == 201, r.text
    stored = await pool.fetchval("SELECT service_uuid FROM listings WHERE id = $1", r.json()["id"])
    assert str(stored) == openreferral.service_id(r.json()["id"])


async def test_an_offer_published_in_the_api_shapes_is_in_the_feed_as_sent(net: Network) -> None:
    """The partner API's `address`, `location`, `credits`, `category` + `categories` and
    full weekday names land where the feed reads them."""
    r = await net.client.post(
        "/v1/offers",
        headers=net.venue.headers,
        json={
            "title": "Bouldering taster",
            "category": "sport",
            "categories": ["fitness"],
            "credits": "2.5",
            "address": {"line1": "Unit 4, Markfield Road", "town": "London", "postcode": "N15 4QF"},
            "location": {"lat": 51.5861, "lon": -0.0612},
            "schedule": [
                {"day": "thursday", "opens": "10:00", "closes": "12:00"},
                {"day": "tuesday", "opens": "10:00", "closes": "12:00"},
            ],
            "accessibility": ["quiet_space"],
        },
    )
    assert r.status_code == 201, r.text
    offer = r.json()
    assert offer["category"] == "sport" and offer["categories"] == ["sport", "fitness"]
    assert offer["credits"] == "2.50" and offer["own_location"] is True
    r = await net.client.get(f"{FEED}/services/{openreferral.service_id(offer['id'])}")
    assert r.status_code == 200, r.text
    service = r.json()
    (cost,) = service["cost_options"]
    assert cost["amount"] == 2.5
    assert "2.50 Time Credits per person per visit" in service["description"]
    (at,) = service["service_at_locations"]
    place = at["location"]
    assert (place["latitude"], place["longitude"]) == (51.5861, -0.0612)
    (address,) = place["addresses"]
    assert (address["address_1"], address["city"], address["postal_code"]) == (
        "Unit 4, Markfield Road",
        "London",
        "N15 4QF",
    )
    assert [(s["byday"], s["opens_at"]) for s in service["schedules"]] == [("TU,TH", "10:00")]
    assert "Tuesdays and Thursdays" in service["schedules"][0]["description"]
    codes = {(a["link_type"], a["taxonomy_term"]["code"]) for a in service["attributes"]}
    assert codes == {
        ("listing_type", "offer"),
        ("category", "sport"),
        ("category", "fitness"),
        ("accessibility", "quiet_space"),
    }
    page = (await net.client.get(f"{FEED}/services", params={"day": "tuesday"})).json()
    assert [s["id"] for s in page["contents"]] == [service["id"]]


async def test_a_cors_preflight_is_answered_without_a_key(client: httpx.AsyncClient) -> None:
    r = await client.options(
        "/v1/openreferral/services",
        headers={
            "Origin": "https://directory.council.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert r.status_code == 204, r.text
    assert r.headers["access-control-allow-origin"] == "*"
    assert "If-None-Match" in r.headers["access-control-allow-headers"]
    assert "GET" in r.headers["access-control-allow-methods"]


async def test_the_feed_search_tolerates_typos_like_the_directory(net: Network) -> None:
    r = await net.client.post(
        "/v1/offers",
        headers=net.venue.headers,
        json={"title": "Swimming session", "category": "swimming", "credits": 1},
    )
    assert r.status_code == 201, r.text
    for search in ("swimming", "swiming"):
        page = (await net.client.get("/v1/openreferral/services", params={"search": search})).json()
        assert [s["name"] for s in page["contents"]] == ["Swimming session"], search


@pytest.mark.parametrize(
    "path", ["/taxonomies", "/services/x/y", "/organizations", "/services/%2e%2e/x"]
)
async def test_an_unknown_feed_path_is_a_404_for_any_method(
    client: httpx.AsyncClient, path: str
) -> None:
    """Found by review: the preflight route caught every path under the feed, so an
    endpoint the feed does not offer answered 405 (wrong method) instead of 404."""
    for method in ("GET", "OPTIONS", "POST"):
        r = await client.request(method, FEED + path)
        assert r.status_code == 404, (method, path, r.status_code)
        assert r.json()["code"] == "not_found"


def test_the_feed_declares_no_401(app: Any) -> None:
    """Anonymous: a missing or bad key is never refused (found by review: OpenAPI said 401)."""
    for path, item in app.openapi()["paths"].items():
        if path.startswith(FEED):
            for method, op in item.items():
                assert "401" not in op["responses"], (method, path)


@pytest.mark.parametrize(
    ("address", "published"),
    [
        ("desk@lido.example.org", "desk@lido.example.org"),
        ("desk@exämple.org", "desk@xn--exmple-cua.org"),  # the domain's ASCII form
        ("ünï@exämple.org", None),  # no ASCII form: left out, never invalid
        ("not an address", None),
    ],
)
def test_feed_emails_are_ascii_as_format_email_requires(
    address: str, published: str | None
) -> None:
    """Found by review: the profile takes internationalised addresses, which `format: email`
    (RFC 5321) does not allow in the UK schema's email fields."""
    assert openreferral._email(address) == published
