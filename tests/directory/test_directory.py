"""The partner directory over HTTP: profiles, offers and opportunities (ownership, archive,
validation), search (distance, radius, typos, filters, cursor paging under inserts), and
conditional reads."""

import asyncio
import base64
import json
import math
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest

from app.models.directory import CATEGORIES, DirectoryQuery, Near
from app.services import directory_search, listings
from app.services.directory_search import Sql
from tests.api.support import assert_problem, assert_unchanged, error_fields, snapshot
from tests.network import Network, Org

# A point in Tottenham; earthdistance's sphere (earth()) has this radius in metres.
HOME = (51.5883, -0.0716)
EARTH_RADIUS_M = 6378168.0


def north_of(point: tuple[float, float], km: float) -> tuple[float, float]:
    """The point `km` due north on earthdistance's sphere: exact distances for the tests."""
    return point[0] + math.degrees(km * 1000 / EARTH_RADIUS_M), point[1]


def at(point: tuple[float, float]) -> dict[str, dict[str, float]]:
    """A `location` as the API keeps it: rounded to 7 places (1 cm)."""
    return {"location": {"lat": round(point[0], 7), "lon": round(point[1], 7)}}


async def venue(net: Network, name: str, where: tuple[float, float] = HOME, **profile: Any) -> Org:
    org = await net.organisation(name, ["spend_partner"])
    r = await net.client.patch(
        "/v1/organisations/me", headers=org.headers, json={**at(where), **profile}
    )
    assert r.status_code == 200, r.text
    return org


async def offer(net: Network, org: Org, title: str, **fields: Any) -> dict[str, Any]:
    body = {"title": title, "category": "swimming", "credits": "1", **fields}
    r = await net.client.post("/v1/offers", headers=org.headers, json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def opportunity(net: Network, org: Org, title: str, **fields: Any) -> dict[str, Any]:
    body = {"title": title, "category": "community", **fields}
    r = await net.client.post("/v1/opportunities", headers=org.headers, json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def search(net: Network, path: str, **params: Any) -> dict[str, Any]:
    r = await net.client.get(path, headers=net.partner.headers, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def titles(page: dict[str, Any]) -> list[str]:
    return [item.get("title") or item["name"] for item in page["data"]]


# --- profiles -----------------------------------------------------------------------------


async def test_a_profile_is_set_field_by_field_and_read_by_any_partner(net: Network) -> None:
    profile = {
        "description": "Outdoor 50 m lido, heated all year.",
        "website": "https://lido.example.org",
        "email": "desk@lido.example.org",
        "phone": "020 8489 5322",
        "address": {"line1": "1 Philip Lane", "town": "London", "postcode": "n15 4ja"},
        **at(HOME),
        "opening_hours": [{"day": "saturday", "opens": "07:00", "closes": "19:00"}],
        "accessibility": ["step_free", "accessible_toilet", "step_free"],
        "categories": ["swimming"],
        "logo_url": "https://lido.example.org/logo.png",
    }
    r = await net.client.patch("/v1/organisations/me", headers=net.venue.headers, json=profile)
    assert r.status_code == 200, r.text
    mine = r.json()
    assert mine["address"] == {"line1": "1 Philip Lane", "town": "London", "postcode": "N15 4JA"}
    assert mine["location"] == {"lat": HOME[0], "lon": HOME[1]}
    assert (mine["email"], mine["phone"]) == ("desk@lido.example.org", "020 8489 5322")
    assert mine["accessibility"] == ["accessible_toilet", "step_free"]
    assert mine["opening_hours"] == [{"day": "saturday", "opens": "07:00", "closes": "19:00"}]

    r = await net.client.get(f"/v1/organisations/{net.venue.id}", headers=net.other.headers)
    assert r.status_code == 200, r.text
    seen = r.json()
    assert seen == mine
    assert "balance" not in seen and "api_key" not in seen
    assert seen["programme_ids"] == [net.programme_id]

    # Only the fields sent change, inside `address` too; null clears an optional one.
    r = await net.client.patch(
        "/v1/organisations/me",
        headers=net.venue.headers,
        json={"phone": None, "address": {"line1": "2 Philip Lane"}},
    )
    assert r.json()["phone"] is None
    assert r.json()["website"] == "https://lido.example.org/"
    assert r.json()["address"] == {
        "line1": "2 Philip Lane",
        "town": "London",
        "postcode": "N15 4JA",
    }
    r = await net.client.patch(
        "/v1/organisations/me", headers=net.venue.headers, json={"address": None, "location": None}
    )
    assert (r.json()["address"], r.json()["location"]) == (None, None)


async def test_a_profile_refuses_what_it_cannot_hold(net: Network, pool: asyncpg.Pool) -> None:
    before = await snapshot(pool)
    bad = {
        "location": {"location": {"lat": 91, "lon": 0}},
        "location ": {"location": {"lat": 51.5}},
        "categories": {"categories": ["knitting"]},
        "accessibility": {"accessibility": ["ramp"]},
        "website": {"website": "not a url"},
        "email": {"email": "nobody"},
        # Found by review: 31 characters passed the pattern and broke the column's CHECK.
        "phone": {"phone": "+" + "1" * 30},
        "opening_hours": {"opening_hours": [{"day": "mon", "opens": "10:00", "closes": "12:00"}]},
        "opening_hours ": {
            "opening_hours": [{"day": "monday", "opens": "10:00", "closes": "09:00"}]
        },
        "address": {"address": {"postcode": "N17"}},
        "address ": {"address": {"street": "1 High Street"}},
        "public_email": {"public_email": "desk@lido.example.org"},
        "latitude": {"latitude": 51.5, "longitude": 0},
        "balance": {"balance": "1000.00"},
    }
    for field, body in bad.items():
        r = await net.client.patch("/v1/organisations/me", headers=net.venue.headers, json=body)
        problem = assert_problem(r, 422, "validation_error")
        assert any(f.split(".")[0] == field.strip() for f in error_fields(problem)), problem
    assert_unchanged(before, await snapshot(pool))


async def test_moving_an_organisation_moves_the_listings_without_a_place_of_their_own(
    net: Network,
) -> None:
    v = await venue(net, "Tottenham Lido", HOME, address={"town": "London"})
    follows = await offer(net, v, "Swim session")
    own_place = north_of(HOME, 5)
    stays = await offer(net, v, "Poolside yoga", category="wellbeing", **at(own_place))
    assert not follows["own_location"] and stays["own_location"]
    assert follows["location"] == at(HOME)["location"]
    assert follows["address"] == {"line1": None, "town": "London", "postcode": None}
    assert stays["address"] is None

    moved = north_of(HOME, 20)
    r = await net.client.patch(
        "/v1/organisations/me",
        headers=v.headers,
        json={**at(moved), "address": {"town": "Enfield"}},
    )
    assert r.status_code == 200, r.text
    r = await net.client.get(f"/v1/offers/{follows['id']}", headers=v.headers)
    assert (r.json()["location"], r.json()["address"]["town"]) == (at(moved)["location"], "Enfield")
    r = await net.client.get(f"/v1/offers/{stays['id']}", headers=v.headers)
    assert r.json()["location"] == at(own_place)["location"]


async def test_half_a_point_or_a_denormal_coordinate_is_refused_or_rounded(
    net: Network, pool: asyncpg.Pool
) -> None:
    """Found by schemathesis: `{"latitude": null}` alone, and 5e-324, were 500s."""
    r = await net.client.patch(
        "/v1/organisations/me",
        headers=net.venue.headers,
        json={**at(HOME), "address": {"town": "London"}},
    )
    assert r.status_code == 200, r.text
    before = await snapshot(pool)
    for point in ({"lat": None, "lon": 0}, {"lon": 0.5}, {"lat": 1.5}, {}):
        body = {"location": point}
        r = await net.client.patch("/v1/organisations/me", headers=net.venue.headers, json=body)
        problem = assert_problem(r, 422, "validation_error")
        assert error_fields(problem) & {"location.lat", "location.lon"}, problem
        made = await net.client.post(
            "/v1/offers",
            headers=net.venue.headers,
            json={"title": "Swim", "category": "swimming", "credits": 1, **body},
        )
        assert_problem(made, 422, "validation_error")
    assert_unchanged(before, await snapshot(pool))
    r = await net.client.patch(
        "/v1/organisations/me",
        headers=net.venue.headers,
        json={"location": {"lat": 5e-324, "lon": -1e-310}},
    )
    assert r.status_code == 200, r.text
    assert r.json()["location"] == {"lat": 0.0, "lon": 0.0}
    for near in ("5e-324,0", "0,-1e-310"):
        page = await search(net, "/v1/organisations", near=near, radius_km=1)
        assert [o["id"] for o in page["data"]] == [net.venue.id]


# --- offers and opportunities ---------------------------------------------------------------


async def test_a_venue_keeps_its_offer_current_and_archives_it_without_losing_it(
    net: Network,
) -> None:
    v = await venue(net, "Tottenham Lido", accessibility=["step_free"])
    days = ("monday", "tuesday", "wednesday")
    schedule = [{"day": d, "opens": "07:00", "closes": "09:00"} for d in days]
    created = await offer(
        net,
        v,
        "Swim session",
        credits="1",
        schedule=schedule,
        capacity=20,
        valid_from="2026-01-01",
        valid_until="2099-12-31",
    )
    assert created["id"].startswith("off_")
    assert created["credits"] == "1.00"
    assert (created["category"], created["categories"]) == ("swimming", ["swimming"])
    assert created["schedule"] == schedule
    assert created["accessibility"] == ["step_free"]  # the venue's, by default
    assert created["status"] == "active" and created["organisation_name"] == "Tottenham Lido"

    r = await net.client.patch(
        f"/v1/offers/{created['id']}", headers=v.headers, json={"credits": "2.5", "capacity": None}
    )
    assert r.status_code == 200, r.text
    assert (r.json()["credits"], r.json()["capacity"]) == ("2.50", None)
    assert r.json()["updated_at"] > created["updated_at"]

    assert titles(await search(net, "/v1/offers")) == ["Swim session"]
    r = await net.client.delete(f"/v1/offers/{created['id']}", headers=v.headers)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "archived" and r.json()["archived_at"]
    assert titles(await search(net, "/v1/offers")) == []
    assert titles(await search(net, "/v1/offers", q="swim")) == []
    # Still readable by id, archiving again is harmless, changing it is a conflict.
    r = await net.client.get(f"/v1/offers/{created['id']}", headers=net.partner.headers)
    assert r.status_code == 200 and r.json()["status"] == "archived"
    r = await net.client.delete(f"/v1/offers/{created['id']}", headers=v.headers)
    assert r.status_code == 200
    r = await net.client.patch(
        f"/v1/offers/{created['id']}", headers=v.headers, json={"credits": "3"}
    )
    assert_problem(r, 409, "conflict")
    # A sync sees the archive, so a partner's copy can take it down.
    since = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    synced = await search(net, "/v1/offers", updated_since=since)
    assert [o["status"] for o in synced["data"]] == ["archived"]


async def test_a_venue_cannot_touch_another_venues_offer(net: Network, pool: asyncpg.Pool) -> None:
    v = await venue(net, "Tottenham Lido")
    rival = await venue(net, "Wood Green Theatre")
    theirs = await offer(net, v, "Swim session")
    before = await snapshot(pool)
    for method, body in (("PATCH", {"credits": "0.5"}), ("DELETE", None)):
        r = await net.client.request(
            method, f"/v1/offers/{theirs['id']}", headers=rival.headers, json=body
        )
        assert_problem(r, 404, "not_found")
    assert_unchanged(before, await snapshot(pool))


async def test_only_a_spend_partner_offers_and_only_an_earn_partner_seeks_volunteers(
    net: Network, pool: asyncpg.Pool
) -> None:
    before = await snapshot(pool)
    r = await net.client.post(
        "/v1/offers",
        headers=net.partner.headers,
        json={"title": "Swim", "category": "swimming", "credits": 1},
    )
    assert_problem(r, 403, "forbidden")
    r = await net.client.post(
        "/v1/opportunities",
        headers=net.venue.headers,
        json={"title": "Lifeguard", "category": "swimming"},
    )
    assert_problem(r, 403, "forbidden")
    assert_unchanged(before, await snapshot(pool))


async def test_an_earn_partner_publishes_an_opportunity(net: Network) -> None:
    created = await opportunity(
        net,
        net.partner,
        "Volunteer driver, Chiltern Dial-a-Ride",
        category="transport",
        commitment="One morning a week",
        schedule=[{"day": "tuesday", "opens": "09:00", "closes": "12:30"}],
        accessibility=["assistance_dogs"],
    )
    assert created["id"].startswith("opp_")
    assert created["commitment"] == "One morning a week"
    assert "credits" not in created
    r = await net.client.get(f"/v1/opportunities/{created['id']}", headers=net.venue.headers)
    assert r.status_code == 200 and r.json() == created
    r = await net.client.get(f"/v1/offers/{created['id']}", headers=net.venue.headers)
    assert_problem(r, 404, "not_found")


async def test_a_listing_refuses_what_it_cannot_hold(net: Network, pool: asyncpg.Pool) -> None:
    v = await venue(net, "Tottenham Lido")
    mine = await offer(net, v, "Swim session", valid_from="2026-01-01")
    before = await snapshot(pool)
    cases = {
        "credits": [{"credits": 0}, {"credits": "-1"}, {"credits": None}, {"credits": "0.001"}],
        "title": [{"title": None}, {"title": ""}],
        "category": [{"category": None}, {"category": "knitting"}, {"category": ["swimming"]}],
        "categories": [{"categories": ["knitting"]}, {"categories": "swimming"}],
        "valid_until": [{"valid_until": "2025-12-31"}],
        "location": [{"location": {"lat": -90.5, "lon": 0}}, {"location": {"lat": 1}}],
        "address": [{"address": {"postcode": "N17"}}, {"address": "1 High Street"}],
        "price": [{"price": 2}],
        "latitude": [{"latitude": 51.5, "longitude": 0}],
        "capacity": [{"capacity": 0}],
    }
    for field, bodies in cases.items():
        for body in bodies:
            r = await net.client.patch(f"/v1/offers/{mine['id']}", headers=v.headers, json=body)
            problem = assert_problem(r, 422, "validation_error")
            assert any(f.split(".")[0] == field for f in error_fields(problem)), (body, problem)
    assert_unchanged(before, await snapshot(pool))


async def test_a_listing_has_a_main_category_first_among_its_categories(net: Network) -> None:
    v = await venue(net, "Tottenham Lido")
    made = await offer(
        net, v, "Family swim", category="swimming", categories=["fitness", "family", "fitness"]
    )
    assert made["category"] == "swimming"
    assert made["categories"] == ["swimming", "family", "fitness"]
    path = f"/v1/offers/{made['id']}"
    r = await net.client.patch(path, headers=v.headers, json={"category": "family"})
    assert (r.json()["category"], r.json()["categories"]) == (
        "family",
        ["family", "fitness", "swimming"],
    )
    r = await net.client.patch(path, headers=v.headers, json={"categories": ["theatre"]})
    assert (r.json()["category"], r.json()["categories"]) == ("family", ["family", "theatre"])
    r = await net.client.patch(path, headers=v.headers, json={"categories": None})
    assert r.json()["categories"] == ["family"]
    for category in ("swimming", "theatre"):
        assert titles(await search(net, "/v1/offers", category=category)) == []
    # At most ten, the main one included (found by review: 11 and more were stored).
    nine = ["fitness", "sport", "theatre", "cinema", "museum", "gallery", "heritage", "music"]
    nine.append("course")
    r = await net.client.patch(path, headers=v.headers, json={"categories": nine})
    assert r.status_code == 200 and len(r.json()["categories"]) == 10, r.text
    r = await net.client.patch(path, headers=v.headers, json={"category": "other"})
    assert error_fields(assert_problem(r, 422, "validation_error")) == {"categories"}
    r = await net.client.post(
        "/v1/offers",
        headers=v.headers,
        json={"title": "x", "category": "other", "categories": [*nine, "food"], "credits": 1},
    )
    assert error_fields(assert_problem(r, 422, "validation_error")) == {"categories"}
    assert titles(await search(net, "/v1/offers", category="family")) == ["Family swim"]


async def test_a_schedule_is_in_whole_minutes_and_may_close_at_midnight(
    net: Network, pool: asyncpg.Pool
) -> None:
    """Found by review: seconds were dropped without a word (09:00-09:00:30 became an empty
    09:00-09:00), and a late show could not close at midnight."""
    v = await venue(net, "Wood Green Cinema")
    late = [
        {"day": "friday", "opens": "21:00", "closes": "00:00"},
        {"day": "saturday", "opens": "00:00", "closes": "00:00"},  # all day
    ]
    made = await offer(net, v, "Late show", category="cinema", schedule=late)
    assert made["schedule"] == late
    before = await snapshot(pool)
    for slot in (
        {"day": "friday", "opens": "09:00", "closes": "09:00:30"},
        {"day": "friday", "opens": "09:00:59", "closes": "10:00"},
        {"day": "friday", "opens": "10:00", "closes": "09:00"},
    ):
        r = await net.client.patch(
            f"/v1/offers/{made['id']}", headers=v.headers, json={"schedule": [slot]}
        )
        problem = assert_problem(r, 422, "validation_error")
        assert any(f.startswith("schedule") for f in error_fields(problem)), (slot, problem)
    assert_unchanged(before, await snapshot(pool))
    # The Open Referral feed's end_time counts midnight as the end of the day.
    feed = "/v1/openreferral/services"
    for end_time, found in (("23:00", False), ("23:59", False), ("00:00", True)):
        r = await net.client.get(feed, params={"end_time": end_time, "day": "FR"})
        assert (made["title"] in {s["name"] for s in r.json()["contents"]}) is found, end_time
    r = await net.client.get(feed, params={"start_time": "21:00", "day": "FR"})
    assert made["title"] in {s["name"] for s in r.json()["contents"]}


async def test_publishing_is_idempotent(net: Network, pool: asyncpg.Pool) -> None:
    v = await venue(net, "Tottenham Lido")
    headers = {**v.headers, "Idempotency-Key": "offer-swim-1"}
    body = {"title": "Swim session", "category": "swimming", "credits": 1}
    first = await net.client.post("/v1/offers", headers=headers, json=body)
    again = await net.client.post("/v1/offers", headers=headers, json=body)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and again.headers["idempotent-replayed"] == "true"
    assert await pool.fetchval("SELECT count(*) FROM listings") == 1
    # Found by review: a field sent as null is another request than one left out.
    r = await net.client.post("/v1/offers", headers=headers, json={**body, "location": None})
    assert (r.status_code, r.json()["code"]) == (422, "idempotency_key_reused")


# --- search ---------------------------------------------------------------------------------


async def test_near_sorts_by_distance_and_the_radius_boundary_is_inclusive(net: Network) -> None:
    v = await venue(net, "Tottenham Lido")
    for km in (2.999, 0.4, 3.001, 1.5, 12):
        await offer(net, v, f"Swim {km} km", **at(north_of(HOME, km)))
    page = await search(net, "/v1/offers", near=f"{HOME[0]},{HOME[1]}", radius_km=3)
    assert titles(page) == ["Swim 0.4 km", "Swim 1.5 km", "Swim 2.999 km"]
    assert [o["distance_km"] for o in page["data"]] == [0.4, 1.5, 3.0]
    page = await search(net, "/v1/offers", near=f"{HOME[0]},{HOME[1]}", radius_km=3.002)
    assert titles(page)[-1] == "Swim 3.001 km"
    # Without `near` there is no distance.
    assert all(o["distance_km"] is None for o in (await search(net, "/v1/offers"))["data"])


async def test_text_search_tolerates_typos_and_word_forms(net: Network) -> None:
    v = await venue(net, "Tottenham Lido")
    await offer(net, v, "Swimming session", description="Lane swimming, early mornings")
    await offer(net, v, "Theatre ticket", category="theatre", credits=2)
    await opportunity(net, net.partner, "Volunteering at the lunch club", category="food")
    await opportunity(net, net.partner, "Garden helpers", category="gardening")

    assert titles(await search(net, "/v1/offers", q="swiming")) == ["Swimming session"]
    assert titles(await search(net, "/v1/offers", q="theatres")) == ["Theatre ticket"]
    assert titles(await search(net, "/v1/opportunities", q="volunteers")) == [
        "Volunteering at the lunch club"
    ]
    assert titles(await search(net, "/v1/opportunities", q="gardening")) == ["Garden helpers"]
    assert titles(await search(net, "/v1/offers", q="zzzz qqqq")) == []
    # Organisations are searched the same way.
    assert "Tottenham Lido" in titles(await search(net, "/v1/organisations", q="totenham"))


async def test_text_search_ranks_the_better_match_first(net: Network) -> None:
    v = await venue(net, "Tottenham Lido")
    await offer(net, v, "Gym induction", description="Includes a swim afterwards", credits=2)
    await offer(net, v, "Swim session", description="Swim, swim, swim")
    assert titles(await search(net, "/v1/offers", q="swim")) == ["Swim session", "Gym induction"]


async def test_the_social_prescribers_question_combines_every_filter(net: Network) -> None:
    """Within 3 km, gardening or crafts, wheelchair accessible, open on Saturdays, in one
    programme: only the listing meeting all of them is returned."""
    r = await net.client.post(
        "/v1/programmes",
        headers=net.operator.headers,
        json={"name": "Buckinghamshire", "place": "Bucks", "focus": "x", "starts_on": "2016-01-01"},
    )
    bucks = r.json()["id"]
    inside = await net.organisation("Wycombe Allotments", ["earn_partner"])
    r = await net.client.post(
        "/v1/organisations",
        headers=net.operator.headers,
        json={"name": "Micklefield Crafts", "roles": ["earn_partner"], "programme_ids": [bucks]},
    )
    crafts = Org(r.json()["id"], r.json()["api_key"]["secret"], ["earn_partner"])
    saturday = [{"day": "saturday", "opens": "10:00", "closes": "12:00"}]
    near = north_of(HOME, 1)
    good = dict(schedule=saturday, accessibility=["wheelchair"], **at(near))
    await opportunity(net, crafts, "Craft group", category="arts_crafts", **good)
    await opportunity(net, crafts, "Allotment digging", category="gardening", **good)
    # Each of these misses exactly one condition.
    await opportunity(net, crafts, "Café shift", category="food", **good)
    await opportunity(net, inside, "Other programme", category="gardening", **good)
    await opportunity(
        net, crafts, "Far away", category="gardening", **{**good, **at(north_of(HOME, 4))}
    )
    await opportunity(
        net, crafts, "Stairs only", category="gardening", **{**good, "accessibility": []}
    )
    await opportunity(
        net,
        crafts,
        "Weekdays",
        category="gardening",
        **{**good, "schedule": [{"day": "monday", "opens": "10:00", "closes": "12:00"}]},
    )
    page = await search(
        net,
        "/v1/opportunities",
        near=f"{HOME[0]},{HOME[1]}",
        radius_km=3,
        category=["gardening", "arts_crafts"],
        accessible="wheelchair",
        open_on="saturday",
        programme_id=bucks,
    )
    assert sorted(titles(page)) == ["Allotment digging", "Craft group"]
    assert all(o["distance_km"] == 1.0 for o in page["data"])


async def test_offers_filter_by_price_and_organisations_by_role(net: Network) -> None:
    v = await venue(net, "Tottenham Lido")
    await offer(net, v, "Swim session", credits="1")
    await offer(net, v, "Theatre ticket", category="theatre", credits="2.5")
    assert titles(await search(net, "/v1/offers", max_credits="2")) == ["Swim session"]
    assert titles(await search(net, "/v1/offers", max_credits="2.50")) == [
        "Swim session",
        "Theatre ticket",
    ]
    names = titles(await search(net, "/v1/organisations", role="spend_partner"))
    assert names == ["Tottenham Lido", "Tottenham Lido"][: len(names)] and v.id in {
        o["id"] for o in (await search(net, "/v1/organisations", role="spend_partner"))["data"]
    }
    earners = await search(net, "/v1/organisations", role="earn_partner")
    assert all("earn_partner" in o["roles"] for o in earners["data"])
    assert {net.partner.id, net.other.id} <= {o["id"] for o in earners["data"]}


async def test_a_venue_lists_its_own_offers_archived_ones_too_when_syncing(
    net: Network,
) -> None:
    mine = await venue(net, "Tottenham Lido")
    other = await venue(net, "Wood Green Theatre")
    kept = await offer(net, mine, "Swim session")
    gone = await offer(net, mine, "Aqua aerobics")
    await offer(net, other, "Theatre ticket", category="theatre")
    r = await net.client.delete(f"/v1/offers/{gone['id']}", headers=mine.headers)
    assert r.status_code == 200
    page = await search(net, "/v1/offers", organisation_id=mine.id)
    assert [o["id"] for o in page["data"]] == [kept["id"]]
    page = await search(
        net, "/v1/offers", organisation_id=mine.id, updated_since="2000-01-01T00:00:00Z"
    )
    assert {o["id"]: o["status"] for o in page["data"]} == {
        kept["id"]: "active",
        gone["id"]: "archived",
    }


def _latest(items: list[dict[str, Any]], default: str) -> str:
    return max((o["updated_at"] for o in items), default=default, key=datetime.fromisoformat)


async def test_a_sync_never_skips_a_change_that_commits_late(
    net: Network, pool: asyncpg.Pool
) -> None:
    """Found by review: a listing's updated_at is when its change's transaction began, so
    a change held up by a lock committed behind a later one a partner had already read
    past, and a sync from that partner's high-water mark never returned it."""
    v = await venue(net, "Tottenham Lido")
    late = await offer(net, v, "Swim session")
    early = await offer(net, v, "Aqua aerobics")
    since = _latest([late, early], late["updated_at"])
    async with pool.acquire() as holder:
        held = holder.transaction()
        await held.start()
        await holder.execute("SELECT 1 FROM listings WHERE id = $1 FOR UPDATE", late["id"])
        patch = asyncio.create_task(
            net.client.patch(f"/v1/offers/{late['id']}", headers=v.headers, json={"capacity": 7})
        )
        waiting = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        while not await pool.fetchval(waiting):
            await asyncio.sleep(0.01)
        r = await net.client.patch(
            f"/v1/offers/{early['id']}", headers=v.headers, json={"capacity": 9}
        )
        assert r.status_code == 200, r.text
        first = (await search(net, "/v1/offers", updated_since=since))["data"]
        await held.commit()
    assert (await patch).status_code == 200
    second = (await search(net, "/v1/offers", updated_since=_latest(first, since)))["data"]
    synced = {o["id"]: o["capacity"] for o in [*first, *second]}
    assert synced == {late["id"]: 7, early["id"]: 9}


async def test_a_read_only_transaction_left_open_does_not_hold_syncs_back(
    net: Network, pool: asyncpg.Pool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review: any open transaction (pg_dump, a report, a session idle in one)
    hid every newer change from every sync for as long as it stayed open. One that has
    written nothing stops counting after IDLE_GRACE (here 0); one that has written holds
    the horizon, as it may be writing the directory."""
    monkeypatch.setattr(directory_search, "IDLE_GRACE", timedelta(0))
    v = await venue(net, "Tottenham Lido")
    made = await offer(net, v, "Swim session")
    since = made["updated_at"]
    async with (
        pool.acquire() as idle,
        pool.acquire() as writer,
        idle.transaction(readonly=True),
    ):
        await idle.execute("SELECT 1")
        r = await net.client.patch(
            f"/v1/offers/{made['id']}", headers=v.headers, json={"capacity": 7}
        )
        assert r.status_code == 200, r.text
        synced = (await search(net, "/v1/offers", updated_since=since))["data"]
        assert [o["capacity"] for o in synced] == [7]
        async with writer.transaction():
            await writer.execute("SELECT pg_current_xact_id()")  # it has written
            r = await net.client.patch(
                f"/v1/offers/{made['id']}", headers=v.headers, json={"capacity": 8}
            )
            assert r.status_code == 200, r.text
            synced = (await search(net, "/v1/offers", updated_since=since))["data"]
            assert synced == []  # the change to 8 waits for the writer to finish
    synced = (await search(net, "/v1/offers", updated_since=since))["data"]
    assert [o["capacity"] for o in synced] == [8]


async def test_expired_listings_leave_search(net: Network) -> None:
    v = await venue(net, "Tottenham Lido")
    await offer(net, v, "Summer 2020 swim", valid_from="2020-06-01", valid_until="2020-08-31")
    await offer(net, v, "Swim session")
    assert titles(await search(net, "/v1/offers")) == ["Swim session"]


def cursor(*parts: Any) -> str:
    """A cursor made by hand, in this API's encoding (base64url of a JSON array)."""
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode().rstrip("=")


BAD_SEARCHES: dict[str, tuple[dict[str, Any], str]] = {
    "near without a comma": ({"near": "51.5"}, "near"),
    "near with words": ({"near": "north,west"}, "near"),
    "latitude out of range": ({"near": "91,0"}, "near"),
    "longitude out of range": ({"near": "51,-181"}, "near"),
    "NaN latitude": ({"near": "nan,0"}, "near"),
    "radius zero": ({"near": "51,0", "radius_km": 0}, "radius_km"),
    "radius negative": ({"near": "51,0", "radius_km": -1}, "radius_km"),
    "radius over 200": ({"near": "51,0", "radius_km": 200.5}, "radius_km"),
    "radius without near": ({"radius_km": 3}, "radius_km"),
    "radius of a denormal": ({"near": "51,0", "radius_km": "5e-324"}, "radius_km"),
    "unknown category": ({"category": "knitting"}, "category"),
    "unknown feature": ({"accessible": "ramp"}, "accessible"),
    "unknown weekday": ({"open_on": "funday"}, "open_on"),
    "max credits zero": ({"max_credits": "0"}, "max_credits"),
    "max credits three places": ({"max_credits": "1.005"}, "max_credits"),
    "empty q": ({"q": ""}, "q"),
    "a cursor of nothing": ({"after": "garbage"}, "after"),
    "a cursor of another shape": ({"after": cursor("name", "a", "x")}, "after"),
    "a bad updated_since": ({"updated_since": "yesterday"}, "updated_since"),
    # Found by review: numbers were read as Unix times.
    "updated_since as a number": ({"updated_since": "1763856000"}, "updated_since"),
    "updated_since as a negative number": ({"updated_since": "-1"}, "updated_since"),
    # Found by review: times PostgreSQL cannot hold in UTC were 500s.
    "updated_since past 9999 in UTC": (
        {"updated_since": "9999-12-31T23:59:59-01:00"},
        "updated_since",
    ),
    "updated_since before year 1 in UTC": (
        {"updated_since": "0001-01-01T00:30:00+01:00"},
        "updated_since",
    ),
    "limit over 200": ({"limit": 201}, "limit"),
}


@pytest.mark.parametrize("case", BAD_SEARCHES)
async def test_a_bad_search_is_a_422_naming_the_parameter(net: Network, case: str) -> None:
    params, field = BAD_SEARCHES[case]
    paths = ["/v1/offers"]
    if field in ("after", "updated_since", "near", "q"):
        paths.append("/v1/organisations")
    for path in paths:
        r = await net.client.get(path, headers=net.partner.headers, params=params)
        problem = assert_problem(r, 422, "validation_error")
        assert any(f.split(".")[0] == field for f in error_fields(problem)), (path, problem)


async def test_a_cursor_resumes_only_the_search_that_returned_it(net: Network) -> None:
    """A cursor from another ordering, endpoint or set of filters would resume at an
    arbitrary place in this search's order: a 422."""
    v = await venue(net, "Tottenham Lido")
    for i in range(3):
        await offer(net, v, f"Swim {i}", category="swimming")
    for i in range(3):
        await opportunity(net, net.partner, f"Swim helper {i}", **at(HOME))
    here = f"{HOME[0]},{HOME[1]}"
    searches = [
        ("/v1/offers", {}),
        ("/v1/offers", {"near": here, "radius_km": 5}),
        ("/v1/offers", {"q": "swim"}),
        ("/v1/offers", {"updated_since": "2000-01-01T00:00:00Z"}),
        ("/v1/opportunities", {}),
    ]
    others: list[tuple[str, dict[str, Any]]] = [
        *searches,
        ("/v1/offers", {"category": "swimming"}),
        ("/v1/offers", {"near": here, "radius_km": 6}),
        ("/v1/offers", {"q": "swimming"}),
        ("/v1/organisations", {}),
    ]
    for path, params in searches:
        page = await search(net, path, limit=1, **params)
        after = page["next_cursor"]
        assert after, (path, params)
        for other_path, other_params in others:
            r = await net.client.get(
                other_path,
                headers=net.partner.headers,
                params={**other_params, "limit": 1, "after": after},
            )
            if (other_path, other_params) == (path, params):
                assert r.status_code == 200, r.text
            else:
                assert_problem(r, 422, "validation_error")


# 200 characters (the most a title or name may hold), of 2- and 4-byte UTF-8 characters.
LONGEST = ("Éé𝒜ß" * 50)[:200]


async def test_a_page_ending_on_the_longest_title_or_name_resumes(net: Network) -> None:
    """Found by review: in A-Z order the cursor carries the last title, and one of about
    100 characters made a cursor longer than `after` accepted: the next page was a 422."""
    v = await venue(net, LONGEST)
    # Around it in any collation (C or en_GB), so a page ends on it and the next resumes.
    for title in ("Aardvark trail", LONGEST, "ÿoga"):
        await offer(net, v, title)
    listed, after = [], None
    while True:
        more = {"after": after} if after else {}
        page = await search(net, "/v1/offers", organisation_id=v.id, limit=1, **more)
        listed += titles(page)
        if not (after := page["next_cursor"]):
            break
    assert listed == ["Aardvark trail", LONGEST, "ÿoga"]

    seen, after = [], None
    while True:
        page = await search(
            net, "/v1/organisations", limit=1, **({"after": after} if after else {})
        )
        seen += titles(page)
        if not (after := page["next_cursor"]):
            break
    assert LONGEST in seen and len(seen) == len(set(seen))


async def test_a_cursor_resumes_the_same_words_in_any_case_or_spacing(net: Network) -> None:
    v = await venue(net, "Tottenham Lido")
    for i in range(3):
        await offer(net, v, f"Swim session {i}")
    page = await search(net, "/v1/offers", q="swim session", limit=2)
    for q in ("swim  session", "Swim Session", " SWIM\tsession "):
        rest = await search(net, "/v1/offers", q=q, limit=2, after=page["next_cursor"])
        assert len(rest["data"]) == 1, q


async def test_a_forged_cursor_is_a_422_not_a_500(net: Network) -> None:
    """Found by review: a cursor whose key or id held a lone surrogate reached the driver
    (a 500). Forged here from real cursors, so only the forged part is wrong."""
    v = await venue(net, "Tottenham Lido")
    for i in range(3):
        await offer(net, v, f"Swim {i}")
    forged_keys: dict[str, list[Any]] = {
        "name": ["\ud800", "a\u0000", 1],
        "relevance": [float("nan"), float("inf"), "1", True],
        "updated": ["9999-12-31T23:59:59-01:00", "\ud800", "soon"],
    }
    for path, params in (
        ("/v1/offers", {}),
        ("/v1/organisations", {}),
        ("/v1/offers", {"q": "swim"}),
        ("/v1/offers", {"updated_since": "2000-01-01T00:00:00Z"}),
    ):
        page = await search(net, path, limit=1, **params)
        raw = page["next_cursor"]
        mode, key, row_id, of = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        forgeries = [(k, row_id) for k in forged_keys[mode]]
        forgeries += [(key, "\ud800"), (key, "x\u0000"), (key, 1)]
        for bad_key, bad_id in forgeries:
            r = await net.client.get(
                path,
                headers=net.partner.headers,
                params={**params, "after": cursor(mode, bad_key, bad_id, of)},
            )
            problem = assert_problem(r, 422, "validation_error")
            assert error_fields(problem) == {"after"}, (mode, bad_key, bad_id, problem)


ORDERINGS: dict[str, dict[str, Any]] = {
    "by name": {},
    "by distance": {"near": f"{HOME[0]},{HOME[1]}", "radius_km": 50},
    "by relevance": {"q": "swim"},
    "by update": {"updated_since": "2000-01-01T00:00:00Z"},
}


@pytest.mark.parametrize("ordering", ORDERINGS)
async def test_paging_has_no_duplicates_or_gaps_while_rows_are_inserted(
    net: Network, ordering: str
) -> None:
    v = await venue(net, "Tottenham Lido")
    originals = set()
    for i in range(9):
        # Distances and ranks tie in pairs, so the id tie-break is exercised too.
        made = await offer(
            net,
            v,
            f"Swim {'abcdefghi'[i]}",
            description="swim " * (1 + i // 2),
            **at(north_of(HOME, 1 + i // 2)),
        )
        originals.add(made["id"])
    params = {**ORDERINGS[ordering], "limit": 2}
    seen: list[str] = []
    keys: list[Any] = []
    cursor = None
    for step in range(20):
        page = await search(net, "/v1/offers", **params, **({"after": cursor} if cursor else {}))
        seen += [o["id"] for o in page["data"]]
        keys += [(o["distance_km"], o["title"], o["updated_at"]) for o in page["data"]]
        # Insert between pages: anywhere in the order (near, relevant, early names).
        await offer(
            net, v, f"Swim {step:02d} new", description="swim swim", **at(north_of(HOME, 1))
        )
        cursor = page["next_cursor"]
        assert page["has_more"] == (cursor is not None)
        if cursor is None:
            break
    assert len(seen) == len(set(seen)), "a row came twice"
    assert originals <= set(seen), "a row that existed before paging began was skipped"


async def test_results_carry_the_order_their_mode_promises(net: Network) -> None:
    v = await venue(net, "Tottenham Lido")
    for name in ("Carrot", "apple", "Banana"):
        await offer(net, v, name)
    by_name = titles(await search(net, "/v1/offers"))
    assert by_name == sorted(by_name, key=lambda t: t.lower())


async def test_a_search_result_is_exactly_what_reading_the_listing_by_id_gives(
    net: Network, pool: asyncpg.Pool
) -> None:
    """Search pages are built as JSON by PostgreSQL (listings.listing_json), single reads by the
    pydantic models: the two must agree on every key, value and type."""
    v = await venue(net, "Tottenham Lido", accessibility=["step_free"])
    made = [
        await offer(net, v, "Swim session"),
        await offer(
            net,
            v,
            "Theatre ticket",
            description="Any Thursday matinée",
            category="theatre",
            categories=["family"],
            credits="12.5",
            schedule=[{"day": "thursday", "opens": "14:30", "closes": "17:00"}],
            capacity=4,
            valid_from="2026-01-01",
            valid_until="2099-12-31",
            address={"line1": "Lordship Lane", "town": "London", "postcode": "N17 6XE"},
            **at(north_of(HOME, 2)),
        ),
        await opportunity(net, net.partner, "Garden helpers", commitment="Saturdays"),
        await opportunity(net, net.partner, "Café shift"),
    ]
    # A timestamp on a whole second, which pydantic writes without a fraction.
    await pool.execute(
        "UPDATE listings SET updated_at = date_trunc('second', updated_at) WHERE id = $1",
        made[0]["id"],
    )
    for path, params in (
        ("/v1/offers", {}),
        ("/v1/offers", {"near": f"{HOME[0]},{HOME[1]}", "radius_km": 5}),
        ("/v1/opportunities", {}),
    ):
        for found in (await search(net, path, **params))["data"]:
            r = await net.client.get(f"{path}/{found['id']}", headers=net.partner.headers)
            by_id = r.json()
            assert list(found) == list(by_id), (found, by_id)
            distance = found.pop("distance_km")
            assert by_id.pop("distance_km") is None
            assert found == by_id
            assert {k: type(v) for k, v in found.items()} == {k: type(v) for k, v in by_id.items()}
            if "near" in params:
                expected = 0.0 if found["id"] == made[0]["id"] else 2.0
                assert distance == expected, found
            else:
                assert distance is None


# --- conditional requests -------------------------------------------------------------------


async def test_directory_reads_carry_an_etag_and_answer_304_until_something_changes(
    net: Network,
) -> None:
    v = await venue(net, "Tottenham Lido")
    made = await offer(net, v, "Swim session")
    paths = (
        "/v1/offers",
        f"/v1/offers/{made['id']}",
        f"/v1/organisations/{v.id}",
        "/v1/programmes",
        f"/v1/programmes/{net.programme_id}",
    )
    for path in paths:
        r = await net.client.get(path, headers=net.partner.headers)
        assert r.status_code == 200
        etag = r.headers["etag"]
        assert "max-age" in r.headers["cache-control"] and "private" in r.headers["cache-control"]
        r = await net.client.get(path, headers={**net.partner.headers, "If-None-Match": etag})
        assert r.status_code == 304 and r.content == b"" and r.headers["etag"] == etag
        weak = {**net.partner.headers, "If-None-Match": f'"nope", W/{etag}'}
        assert (await net.client.get(path, headers=weak)).status_code == 304

    r = await net.client.patch(f"/v1/offers/{made['id']}", headers=v.headers, json={"credits": 2})
    assert r.status_code == 200
    r = await net.client.get(
        f"/v1/offers/{made['id']}", headers={**net.partner.headers, "If-None-Match": etag}
    )
    assert r.status_code == 200 and r.json()["credits"] == "2.00"


# --- the plan -------------------------------------------------------------------------------


async def _opportunity_plan(pool: asyncpg.Pool, query: DirectoryQuery, settings: str) -> list[str]:
    """EXPLAIN's lines for an opportunity search exactly as the service builds it, run
    after `settings` (SET LOCALs) in a transaction of its own."""
    sql = Sql()
    sql.where += ["l.kind = 'opportunity'", "l.archived_at IS NULL"]
    text = "EXPLAIN " + listings.search_sql(
        sql, directory_search.build(listings.LISTINGS, query, None, 50, sql), "opportunity"
    )
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(settings)
        return [r[0] for r in await conn.fetch(text, *sql.params)]


async def test_the_near_and_category_search_can_use_the_indexes(pool: asyncpg.Pool) -> None:
    """The query exactly as the service builds it; with sequential scans priced out (a
    test table is too small for the planner to prefer an index), the plan must use the
    GiST index on `earth` (with `search`) or the GIN index on categories: proof the index
    fits the query.
    bench/directory.py shows the planner choosing it at 100,000 rows."""
    query = DirectoryQuery(
        categories=["gardening", "arts_crafts"],
        near=Near(latitude=HOME[0], longitude=HOME[1], radius_km=3),
    )
    plan = "\n".join(await _opportunity_plan(pool, query, "SET LOCAL enable_seqscan = off"))
    assert "listings_opportunity_near" in plan or "listings_categories" in plan, plan


@pytest.mark.parametrize(
    ("filters", "checked"),
    [
        ({"q": "gardening"}, "search @@"),
        ({"categories": ["gardening", "arts_crafts"]}, "array_to_tsvector(categories) @@"),
    ],
)
async def test_a_near_search_checks_words_and_categories_in_the_index(
    pool: asyncpg.Pool, filters: dict[str, Any], checked: str
) -> None:
    """With `q` or `category`, the nearest-first scan tests them in the GiST index on
    (earth, search, categories) and reads only matching listings from the table, not
    every one in the radius."""
    query = DirectoryQuery(**filters, near=Near(latitude=HOME[0], longitude=HOME[1], radius_km=3))
    plan = await _opportunity_plan(
        pool, query, "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off"
    )
    scan = next(i for i, line in enumerate(plan) if "listings_opportunity_near" in line)
    assert "Index Cond" in plan[scan + 1] and checked in plan[scan + 1], "\n".join(plan)


def test_the_category_vocabulary_is_the_documented_one() -> None:
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "directory.md").read_text()
    for category in CATEGORIES:
        assert f"`{category}`" in doc, f"docs/directory.md does not document {category}"


async def test_a_listing_can_be_read_by_every_directory_reader_but_not_without_the_scope(
    net: Network, client: httpx.AsyncClient
) -> None:
    v = await venue(net, "Tottenham Lido")
    made = await offer(net, v, "Swim session")
    key = await net.key(net.other, ["members:read"])
    r = await client.get(f"/v1/offers/{made['id']}", headers={"Authorization": f"Bearer {key}"})
    assert_problem(r, 403, "forbidden")


async def test_concurrent_publishing_of_new_words_never_waits_or_deadlocks(
    net: Network, pool: asyncpg.Pool
) -> None:
    """Every listing teaches the search its words (search_words). Twenty venues publishing
    at once, the same new words in different orders, all succeed, and every word is known
    (a unique word table would make them wait on each other, or deadlock)."""
    words = ["zumbathon", "aquafit", "pilatesque", "kayakery", "boulderama", "trampolinery"]
    venues = [await venue(net, f"Venue {i}") for i in range(20)]

    async def publish(org: Org, rng: random.Random) -> httpx.Response:
        shuffled = rng.sample(words, len(words))
        body = {"title": " ".join(shuffled[:3]), "description": " ".join(shuffled)}
        return await net.client.post(
            "/v1/offers",
            headers=org.headers,
            json={**body, "category": "fitness", "credits": 1},
        )

    responses = await asyncio.gather(
        *(publish(org, random.Random(i)) for i, org in enumerate(venues))
    )
    assert [r.status_code for r in responses] == [201] * 20, [r.text for r in responses]
    known = {r["word"] for r in await pool.fetch("SELECT word FROM search_words")}
    assert set(words) <= known
    page = await search(net, "/v1/offers", q="kayakary")  # a typo of a word just learnt
    assert len(page["data"]) == 20


ODD_QUERIES = [
    "!!!",
    "the",
    "-swim",
    '"swim session"',
    "swim or theatre",
    "a & b | !c",
    "'; DROP TABLE listings; --",
    "ｓｗｉｍ",
    "swim\tsession",
    "x" * 200,
    "café",
    "(((",
    ":*",
]


@pytest.mark.parametrize("q", ODD_QUERIES)
async def test_any_text_query_is_answered_never_a_500(net: Network, q: str) -> None:
    v = await venue(net, "Tottenham Lido")
    await offer(net, v, "Swim session", description="Café afterwards")
    for path in ("/v1/offers", "/v1/opportunities", "/v1/organisations"):
        for extra in ({}, {"near": f"{HOME[0]},{HOME[1]}"}):
            r = await net.client.get(path, headers=net.partner.headers, params={"q": q, **extra})
            assert r.status_code == 200, (path, q, r.text)
    assert await net.pool.fetchval("SELECT count(*) FROM listings") == 1
