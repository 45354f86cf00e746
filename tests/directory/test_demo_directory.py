"""The demo network's directory (`timecredits demo`): every organisation has a full public
profile, every programme has offers and opportunities in its own place, everything uses the
fixed vocabularies, search finds the seeds' facts, and the ledger still balances."""

from decimal import Decimal
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest

from app.demo_data import OPERATOR_NAME, PROGRAMMES
from app.models.directory import ACCESSIBILITY, CATEGORIES, WEEKDAYS
from app.services import demo, integrity
from app.services.demo import DemoSummary
from app.settings import Settings

MAX_KM = 30.0


@pytest.fixture
async def loaded(pool: asyncpg.Pool, settings: Settings) -> DemoSummary:
    """The demo network, loaded as `timecredits demo` does: one transaction."""
    pepper = settings.key_pepper.get_secret_value().encode()
    async with pool.acquire() as conn, conn.transaction():
        return await demo.load(conn, pepper=pepper)


async def test_demo_directory(pool: asyncpg.Pool, loaded: DemoSummary) -> None:
    """One load, several checks (each load takes about a second)."""
    await _every_programme_has_current_offers_and_opportunities(pool, loaded)
    await _listings_are_in_their_programmes_place(pool)
    await _profiles_and_listings_use_the_vocabularies(pool, loaded)
    async with pool.acquire() as conn:
        report = await integrity.check(conn)
    assert report.ok, report.problems
    assert report.transfers == loaded.transfers


async def _every_programme_has_current_offers_and_opportunities(
    pool: asyncpg.Pool, loaded: DemoSummary
) -> None:
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
    empty = [r["name"] for r in rows if not r["offers"] or not r["opportunities"]]
    assert not empty, f"programmes without an offer or an opportunity: {empty}"
    totals = await pool.fetchrow(
        """SELECT count(*) FILTER (WHERE kind = 'offer') AS offers,
                  count(*) FILTER (WHERE kind = 'opportunity') AS opportunities
             FROM listings"""
    )
    assert (loaded.offers, loaded.opportunities) == (totals["offers"], totals["opportunities"])
    assert loaded.offers >= 40 and loaded.opportunities >= 60


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
    rows = await pool.fetch("SELECT * FROM listings")
    for r in rows:
        assert r["categories"] and set(r["categories"]) <= set(CATEGORIES), r["title"]
        assert set(r["accessibility"]) <= set(ACCESSIBILITY), r["title"]
        assert r["schedule"] and r["open_days"] and r["valid_from"], r["title"]
        if r["kind"] == "offer":
            assert Decimal(r["price"]) / 100 in {Decimal("0.5"), 1, 2, 3}, r["title"]
            assert r["capacity"], r["title"]
        else:
            assert r["price"] is None and r["commitment"], r["title"]


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
    r = await client.get("/v1/opportunities", headers=headers, params={"q": "driver"})
    assert "Volunteer driver, Chiltern Dial-a-Ride" in [o["title"] for o in r.json()["data"]]
    tottenham = "51.5883,-0.0716"
    r = await client.get("/v1/offers", headers=headers, params={"q": "swiming", "near": tottenham})
    names = [o["organisation_name"] for o in r.json()["data"]]
    assert names[:2] == ["Tottenham Green Pools & Fitness", "Park Road Pools & Fitness"]
    r = await client.get(
        "/v1/offers", headers=headers, params={"q": "Tower of London", "max_credits": "2"}
    )
    assert [o["organisation_name"] for o in r.json()["data"]][:1] == ["Tower of London"]
