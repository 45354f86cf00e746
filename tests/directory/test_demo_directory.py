"""The demo network's directory (`timecredits demo`): every organisation has a full public
profile, every running programme has offers and opportunities in its own place (an ended
one's are history: valid only in its last year, out of today's search and the Open Referral
feed), everything uses the fixed vocabularies, search finds the seeds' facts, and the ledger
still balances."""

import re
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest

from app.demo_data import (
    ACTIVITIES,
    LISTING_DETAILS,
    OPERATOR_NAME,
    PROGRAMMES,
    DemoListingDetail,
    DemoOrganisation,
)
from app.models.directory import ACCESSIBILITY, CATEGORIES, WEEKDAYS
from app.services import demo, integrity
from app.services.demo import DemoSummary
from app.settings import Settings

MAX_KM = 30.0
CREDITS = re.compile(r"^\d+\.\d{2}$")  # an exact decimal string: "1.00", "0.50"


def organisations() -> list[DemoOrganisation]:
    """Every organisation of the seeds, once (one may serve two programmes)."""
    every = (o for p in PROGRAMMES for o in (p.commissioner, *p.earn_partners, *p.spend_partners))
    return list({o.name: o for o in every}.values())


def running(today: date) -> set[str]:
    """The programmes that have not ended."""
    return {p.name for p in PROGRAMMES if p.ends_on is None or p.ends_on >= today}


def ended_organisations(today: date) -> dict[str, date]:
    """Organisations whose programmes have all ended: {name: the last programme's end}."""
    ends: dict[str, list[date | None]] = {o.name: [] for o in organisations()}
    for p in PROGRAMMES:
        for o in (p.commissioner, *p.earn_partners, *p.spend_partners):
            ends[o.name].append(p.ends_on)
    return {
        name: max(e for e in dates if e is not None)
        for name, dates in ends.items()
        if all(e is not None and e < today for e in dates)
    }


@pytest.fixture
async def loaded(pool: asyncpg.Pool, settings: Settings) -> DemoSummary:
    """The demo network, loaded as `timecredits demo` does: one transaction."""
    async with pool.acquire() as conn, conn.transaction():
        return await demo.load(conn, env=settings.service_env)


async def test_demo_directory(pool: asyncpg.Pool, loaded: DemoSummary) -> None:
    """One load, several checks (each load takes about a second)."""
    await _every_programme_has_current_offers_and_opportunities(pool, loaded)
    await _an_ended_programme_listed_only_in_its_last_year(pool)
    await _listings_are_in_their_programmes_place(pool)
    await _profiles_and_listings_use_the_vocabularies(pool, loaded)
    async with pool.acquire() as conn:
        report = await integrity.check(conn)
    assert report.ok, report.problems
    assert report.transfers == loaded.transfers


async def _every_programme_has_current_offers_and_opportunities(
    pool: asyncpg.Pool, loaded: DemoSummary
) -> None:
    """Every running programme; an ended one (City & Hackney, 2018) has none current."""
    today = await pool.fetchval("SELECT current_date")
    rows = await pool.fetch(
        """SELECT p.name,
                  count(DISTINCT l.id) FILTER (WHERE l.kind = 'offer') AS offers,
                  count(DISTINCT l.id) FILTER (WHERE l.kind = 'opportunity') AS opportunities
             FROM programmes p
             LEFT JOIN organisation_programmes op ON op.programme_id = p.id
             LEFT JOIN listings l ON l.organisation_id = op.organisation_id
                  AND l.archived_at IS NULL
                  AND (l.valid_until IS NULL OR l.valid_until >= current_date)
                  AND (l.valid_from IS NULL OR l.valid_from <= current_date)
            GROUP BY p.name"""
    )
    assert {r["name"] for r in rows} == {p.name for p in PROGRAMMES}
    live = running(today)
    assert len(live) < len(PROGRAMMES), "the demo has no ended programme left to check"
    empty = [
        r["name"] for r in rows if r["name"] in live and not (r["offers"] and r["opportunities"])
    ]
    assert not empty, f"programmes without an offer or an opportunity: {empty}"
    current = [
        r["name"] for r in rows if r["name"] not in live and (r["offers"] or r["opportunities"])
    ]
    assert not current, f"ended programmes with current listings: {current}"
    totals = await pool.fetchrow(
        """SELECT count(*) FILTER (WHERE kind = 'offer') AS offers,
                  count(*) FILTER (WHERE kind = 'opportunity') AS opportunities
             FROM listings"""
    )
    assert (loaded.offers, loaded.opportunities) == (totals["offers"], totals["opportunities"])
    assert loaded.offers >= 40 and loaded.opportunities >= 60


async def _an_ended_programme_listed_only_in_its_last_year(pool: asyncpg.Pool) -> None:
    """The organisations of ended programmes still have their listings (the history),
    valid from 1 January of the programme's last year to its end at the latest."""
    today = await pool.fetchval("SELECT current_date")
    ended = ended_organisations(today)
    assert "Tower of London" in ended
    rows = await pool.fetch(
        """SELECT o.name, l.title, l.valid_from, l.valid_until
             FROM listings l JOIN organisations o ON o.id = l.organisation_id
            WHERE o.name = ANY($1::text[])""",
        list(ended),
    )
    with_activities = {o.name for o in organisations() if o.name in ended and o.activities}
    assert {r["name"] for r in rows} == with_activities
    for r in rows:
        end = ended[r["name"]]
        assert r["valid_from"] == date(end.year, 1, 1), (r["name"], r["title"])
        assert r["valid_until"] is not None, (r["name"], r["title"])
        assert r["valid_from"] <= r["valid_until"] <= end, (r["name"], r["title"])


async def _listings_are_in_their_programmes_place(pool: asyncpg.Pool) -> None:
    """Near their own organisation and near another organisation of its programme: a
    swapped latitude/longitude or a place in the wrong town shows up here."""
    rows = await pool.fetch(
        """SELECT l.title, o.name,
                  earth_distance(l.earth, o.earth) / 1000 AS from_own_km,
                  (SELECT min(earth_distance(l.earth, other.earth)) / 1000
                     FROM organisation_programmes mine
                     JOIN organisation_programmes theirs
                          ON theirs.programme_id = mine.programme_id
                     JOIN organisations other ON other.id = theirs.organisation_id
                    WHERE mine.organisation_id = o.id AND other.id <> o.id) AS from_others_km
             FROM listings l JOIN organisations o ON o.id = l.organisation_id"""
    )
    assert rows
    far = [
        (r["name"], r["title"], round(r["from_own_km"], 1), round(r["from_others_km"], 1))
        for r in rows
        if r["from_own_km"] is None or r["from_own_km"] > MAX_KM or r["from_others_km"] > MAX_KM
    ]
    assert not far, f"listings more than {MAX_KM:g} km from their programme: {far}"
    own = await pool.fetchval("SELECT count(*) FROM listings WHERE own_location")
    assert 5 <= own < len(rows) / 4  # mostly at the organisation, some at a place of their own


async def _profiles_and_listings_use_the_vocabularies(
    pool: asyncpg.Pool, loaded: DemoSummary
) -> None:
    orgs = await pool.fetch("SELECT * FROM organisations")
    assert len(orgs) == len(loaded.keys)
    for o in orgs:
        assert set(o["categories"]) <= set(CATEGORIES), o["name"]
        assert o["categories"] and o["opening_hours"], o["name"]
        assert set(o["accessibility"]) <= set(ACCESSIBILITY), o["name"]
        assert all(s["day"] in WEEKDAYS for s in o["opening_hours"]), o["name"]
        assert o["description"] and o["website"] and o["public_email"] and o["public_phone"]
        host = urlsplit(o["website"]).hostname or ""
        assert o["public_email"] == "hello@" + host.removeprefix("www."), o["name"]
        if o["name"] != OPERATOR_NAME:  # the seeds give the operator no address
            for field in ("address_line", "town", "postcode", "latitude", "longitude"):
                assert o[field] is not None, (o["name"], field)
    rows = await pool.fetch(
        """SELECT l.*, o.name AS organisation_name
             FROM listings l JOIN organisations o ON o.id = l.organisation_id"""
    )
    expected = _expected_categories()
    for r in rows:
        assert r["categories"] and set(r["categories"]) <= set(CATEGORIES), r["title"]
        assert all(s["day"] in WEEKDAYS for s in r["schedule"]), r["title"]
        # Stored with the main category (the activity's first) first, the others A-Z.
        assert r["categories"] == expected[r["organisation_name"], r["title"]], r["title"]
        assert set(r["accessibility"]) <= set(ACCESSIBILITY), r["title"]
        assert r["schedule"] and r["open_days"] and r["valid_from"], r["title"]
        if r["kind"] == "offer":
            assert Decimal(r["price"]) / 100 in {Decimal("0.5"), 1, 2, 3}, r["title"]
            assert r["capacity"], r["title"]
        else:
            assert r["price"] is None and r["commitment"], r["title"]


def _expected_categories() -> dict[tuple[str, str], list[str]]:
    """{(organisation, listing title): its categories as stored} from the seeds."""
    out: dict[tuple[str, str], list[str]] = {}
    for o in organisations():
        for label in o.activities:
            title = LISTING_DETAILS.get((o.name, label), DemoListingDetail()).title or label
            main, *others = ACTIVITIES[label].categories
            out[o.name, title] = [main, *sorted(set(others) - {main})]
    return out


def _check_shapes(item: dict[str, Any], kind: str) -> None:
    """A listing as DESIGN.md §5 has it: `category` first in `categories`, `address` and
    `location` objects, full weekday names, offers' `credits` as an exact decimal."""
    title = item["title"]
    assert item["categories"][0] == item["category"], title
    assert item["categories"][1:] == sorted(item["categories"][1:]), title
    assert set(item["location"]) == {"lat", "lon"}, title
    assert set(item["address"]) == {"line1", "town", "postcode"} and item["address"]["town"], title
    assert item["schedule"] and all(s["day"] in WEEKDAYS for s in item["schedule"]), title
    for old in ("price", "latitude", "longitude", "address_line", "town", "postcode"):
        assert old not in item, (title, old)
    if kind == "offer":
        assert CREDITS.match(item["credits"]), (title, item["credits"])
    else:
        assert "credits" not in item and item["commitment"], title


async def test_search_finds_the_seeds_facts(client: httpx.AsyncClient, loaded: DemoSummary) -> None:
    key = next(k.secret for k in loaded.keys if k.name == "Mind in Haringey")
    headers = {"Authorization": f"Bearer {key}"}
    high_wycombe = "51.6286,-0.7482"
    r = await client.get(
        "/v1/opportunities",
        headers=headers,
        params={"q": "cafe volunteers", "near": high_wycombe, "category": "food"},
    )
    assert r.status_code == 200, r.text
    assert "Run the Cuppas café on Mondays" in [o["title"] for o in r.json()["data"]]
    cuppas = next(o for o in r.json()["data"] if o["title"] == "Run the Cuppas café on Mondays")
    _check_shapes(cuppas, "opportunity")
    assert cuppas["category"] == "food" and cuppas["categories"] == ["food", "community"]
    assert cuppas["schedule"] == [{"day": "monday", "opens": "10:00", "closes": "13:00"}]
    assert cuppas["address"]["town"] == "High Wycombe" and cuppas["own_location"] is False
    assert cuppas["distance_km"] < 10
    # open_on takes the full name, as the schedules store it.
    monday = {"q": "Cuppas", "open_on": "monday"}
    r = await client.get("/v1/opportunities", headers=headers, params=monday)
    assert r.status_code == 200, r.text
    assert "Run the Cuppas café on Mondays" in [o["title"] for o in r.json()["data"]]
    r = await client.get(
        "/v1/opportunities", headers=headers, params={**monday, "open_on": "friday"}
    )
    assert "Run the Cuppas café on Mondays" not in [o["title"] for o in r.json()["data"]]
    r = await client.get("/v1/opportunities", headers=headers, params={**monday, "open_on": "mon"})
    assert r.status_code == 422, r.text
    r = await client.get("/v1/opportunities", headers=headers, params={"q": "driver"})
    assert "Volunteer driver, Chiltern Dial-a-Ride" in [o["title"] for o in r.json()["data"]]
    tottenham = "51.5883,-0.0716"
    r = await client.get("/v1/offers", headers=headers, params={"q": "swiming", "near": tottenham})
    names = [o["organisation_name"] for o in r.json()["data"]]
    assert names[:2] == ["Tottenham Green Pools & Fitness", "Park Road Pools & Fitness"]
    for offer in r.json()["data"]:
        _check_shapes(offer, "offer")
    # max_credits compares with the offers' credits: the Tower Eye is 2, the tea dance 0.50.
    blackpool = {"q": "Blackpool Tower", "near": "53.8159,-3.0553"}
    r = await client.get("/v1/offers", headers=headers, params=blackpool)
    titles = {o["title"] for o in r.json()["data"]}
    assert {"Tower Eye entry", "Tower Ballroom tea dance"} <= titles, titles
    r = await client.get("/v1/offers", headers=headers, params={**blackpool, "max_credits": "1"})
    offers = r.json()["data"]
    assert "Tower Ballroom tea dance" in {o["title"] for o in offers}
    assert "Tower Eye entry" not in {o["title"] for o in offers}
    assert all(Decimal(o["credits"]) <= 1 for o in offers)


async def test_an_ended_programmes_organisations_are_not_in_todays_search(
    client: httpx.AsyncClient, loaded: DemoSummary
) -> None:
    """City & Hackney ended in 2018: its partners' listings are history. Not in search, not
    in the Open Referral feed; a partner keeping a copy with `updated_since` still sees them
    (expired), so it can take them down."""
    key = next(k.secret for k in loaded.keys if k.name == "Mind in Haringey")
    headers = {"Authorization": f"Bearer {key}"}
    ended = ended_organisations(date.today())
    ended_ids = {k.organisation_id: k.name for k in loaded.keys if k.name in ended}
    assert "Tower of London" in ended_ids.values()
    for path in ("/v1/offers", "/v1/opportunities"):
        for org_id, name in ended_ids.items():
            r = await client.get(path, headers=headers, params={"organisation_id": org_id})
            assert r.status_code == 200, r.text
            assert r.json()["data"] == [], (path, name)
        r = await client.get(path, headers=headers, params={"limit": 200})
        listed = {o["organisation_name"] for o in r.json()["data"]}
        assert r.json()["next_cursor"] is None and listed, path
        assert not listed & set(ended), (path, listed & set(ended))
    r = await client.get("/v1/offers", headers=headers, params={"q": "Tower of London"})
    assert "Tower of London" not in {o["organisation_name"] for o in r.json()["data"]}
    tower = next(i for i, name in ended_ids.items() if name == "Tower of London")
    sync = {"organisation_id": tower, "updated_since": "2000-01-01T00:00:00Z"}
    r = await client.get("/v1/offers", headers=headers, params=sync)
    (history,) = r.json()["data"]
    assert history["title"] == "Tower of London entry"
    assert history["valid_until"] == "2018-12-31" and history["status"] == "active"
    _check_shapes(history, "offer")
    r = await client.get("/v1/openreferral/services", params={"search": "Tower of London"})
    assert r.status_code == 200, r.text
    assert "Tower of London entry" not in {s["name"] for s in r.json()["contents"]}
