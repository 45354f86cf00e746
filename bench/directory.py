"""Benchmark directory search: mixed searches over 100,000 listings, and the plans behind them.

    .venv/bin/python bench/directory.py --clients 8 --seconds 20 --workers 2

Seeds a throwaway database with 1,000 organisations and 100,000 offers and opportunities
clustered around ~70 towns of England and Wales (organisations through the services,
listings with COPY: the migration's trigger fills the search columns). Phase 1 starts
`timecredits serve` and drives weighted mixes of `GET /v1/offers` and `/v1/opportunities`
searches (text + near + category, near + category, near only, text only, a typo + near)
from --clients connections, with wrk when installed (else a lean asyncio client), and
reports latency per mix. Phase 2 runs the very SQL the service sends for the same searches
straight through asyncpg (the floor). Then it EXPLAINs: the near + category search in full,
and a sample of every mix, so a slow shape shows its plan. The SQL is captured from
`app.services.listings.search_listings` itself, so it cannot drift from the service.

The shared machinery (database server, service process, CPU accounting, cleanup) is
bench/ledger.py's; bench/README.md says what each number means. Traffic goes to 127.0.0.1
only; everything started here is stopped and the database dropped on exit.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import math
import os
import platform
import random
import re
import secrets
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from statistics import median
from typing import Any
from urllib.parse import urlencode, urlsplit

import asyncpg
import ledger as base  # bench/ledger.py: server, service, CPU meter, HTTP connection, cleanup

from app import db as dbmod
from app.api.directory import directory_query
from app.api.params import DEFAULT as DEFAULT_LIMIT
from app.auth import deps as auth_deps
from app.auth import keys as key_secrets
from app.ids import new_id
from app.models.directory import WEEKDAYS
from app.services import keys, listings, organisations

log = base.log
TARGET_P95_MS = 30.0
# The indexes a near / category search may use (migrations 0002 and 0003).
SEARCH_INDEXES = (
    "listings_earth",
    "listings_offer_near",
    "listings_opportunity_near",
    "listings_categories",
)
# A search as the service runs it: statement, parameters, and the SET LOCALs run first.
Compiled = tuple[str, tuple[Any, ...], tuple[str, ...]]
PATHS = {"offer": "offers", "opportunity": "opportunities"}

# --- the country ---------------------------------------------------------------------


@dataclass(frozen=True)
class Town:
    name: str
    lat: float
    lon: float
    weight: float  # how many organisations (and searches) it draws, roughly its size
    area: str  # postcode area
    spread_km: float = 0.0  # 0: from the weight

    @property
    def sigma_km(self) -> float:
        if self.spread_km:
            return self.spread_km
        return 4.0 if self.weight >= 40 else 3.0 if self.weight >= 15 else 2.0


TOWNS: tuple[Town, ...] = (
    Town("London", 51.5072, -0.1276, 300, "SE", spread_km=9.0),
    Town("Birmingham", 52.4862, -1.8904, 110, "B"),
    Town("Manchester", 53.4808, -2.2426, 60, "M"),
    Town("Leeds", 53.8008, -1.5491, 80, "LS"),
    Town("Liverpool", 53.4084, -2.9916, 50, "L"),
    Town("Sheffield", 53.3811, -1.4701, 58, "S"),
    Town("Bristol", 51.4545, -2.5879, 47, "BS"),
    Town("Newcastle upon Tyne", 54.9783, -1.6178, 30, "NE"),
    Town("Nottingham", 52.9548, -1.1581, 32, "NG"),
    Town("Leicester", 52.6369, -1.1398, 35, "LE"),
    Town("Coventry", 52.4068, -1.5197, 37, "CV"),
    Town("Bradford", 53.7960, -1.7594, 54, "BD"),
    Town("Cardiff", 51.4816, -3.1791, 36, "CF"),
    Town("Swansea", 51.6214, -3.9436, 24, "SA"),
    Town("Newport", 51.5842, -2.9977, 15, "NP"),
    Town("Wrexham", 53.0466, -2.9925, 6, "LL"),
    Town("Bangor", 53.2274, -4.1293, 2, "LL"),
    Town("Aberystwyth", 52.4153, -4.0829, 2, "SY"),
    Town("Carmarthen", 51.8576, -4.3121, 2, "SA"),
    Town("Llanelli", 51.6840, -4.1630, 4, "SA"),
    Town("Merthyr Tydfil", 51.7487, -3.3816, 6, "CF"),
    Town("Brighton", 50.8225, -0.1372, 29, "BN"),
    Town("Southampton", 50.9097, -1.4044, 25, "SO"),
    Town("Portsmouth", 50.8198, -1.0880, 21, "PO"),
    Town("Plymouth", 50.3755, -4.1427, 26, "PL"),
    Town("Exeter", 50.7184, -3.5339, 13, "EX"),
    Town("Truro", 50.2632, -5.0510, 2, "TR"),
    Town("Penzance", 50.1188, -5.5376, 2, "TR"),
    Town("Bournemouth", 50.7192, -1.8808, 19, "BH"),
    Town("Reading", 51.4543, -0.9781, 16, "RG"),
    Town("Oxford", 51.7520, -1.2577, 15, "OX"),
    Town("Cambridge", 52.2053, 0.1218, 14, "CB"),
    Town("Norwich", 52.6309, 1.2974, 14, "NR"),
    Town("Ipswich", 52.0567, 1.1482, 14, "IP"),
    Town("Colchester", 51.8959, 0.8919, 19, "CO"),
    Town("Chelmsford", 51.7356, 0.4685, 18, "CM"),
    Town("Luton", 51.8787, -0.4200, 22, "LU"),
    Town("Milton Keynes", 52.0406, -0.7594, 26, "MK"),
    Town("Northampton", 52.2405, -0.9027, 22, "NN"),
    Town("Peterborough", 52.5695, -0.2405, 20, "PE"),
    Town("Lincoln", 53.2307, -0.5406, 10, "LN"),
    Town("Hull", 53.7676, -0.3274, 26, "HU"),
    Town("York", 53.9600, -1.0873, 20, "YO"),
    Town("Middlesbrough", 54.5742, -1.2350, 14, "TS"),
    Town("Sunderland", 54.9069, -1.3838, 28, "SR"),
    Town("Carlisle", 54.8925, -2.9329, 11, "CA"),
    Town("Lancaster", 54.0466, -2.8007, 14, "LA"),
    Town("Blackpool", 53.8175, -3.0357, 14, "FY"),
    Town("Preston", 53.7632, -2.7031, 14, "PR"),
    Town("Bolton", 53.5769, -2.4282, 29, "BL"),
    Town("Stoke-on-Trent", 53.0027, -2.1794, 26, "ST"),
    Town("Derby", 52.9225, -1.4746, 26, "DE"),
    Town("Wolverhampton", 52.5862, -2.1286, 26, "WV"),
    Town("Worcester", 52.1920, -2.2200, 10, "WR"),
    Town("Gloucester", 51.8642, -2.2380, 13, "GL"),
    Town("Cheltenham", 51.8994, -2.0783, 12, "GL"),
    Town("Bath", 51.3811, -2.3590, 9, "BA"),
    Town("Swindon", 51.5558, -1.7797, 22, "SN"),
    Town("Canterbury", 51.2802, 1.0789, 15, "CT"),
    Town("Maidstone", 51.2704, 0.5227, 17, "ME"),
    Town("Chatham", 51.3800, 0.5290, 28, "ME"),
    Town("Margate", 51.3813, 1.3862, 6, "CT"),
    Town("Hastings", 50.8543, 0.5735, 9, "TN"),
    Town("High Wycombe", 51.6286, -0.7482, 12, "HP"),
    Town("Aylesbury", 51.8168, -0.8124, 6, "HP"),
    Town("Chester", 53.1934, -2.8931, 12, "CH"),
    Town("Shrewsbury", 52.7073, -2.7553, 7, "SY"),
    Town("Hereford", 52.0565, -2.7160, 6, "HR"),
)

# --- what partners publish: a vocabulary, so full-text search has work to do ------------

OFFER_TITLES: dict[str, tuple[str, ...]] = {
    "swimming": ("Swim session", "Lane swimming", "Family swim", "Aqua aerobics",
                 "Lido swim", "Adult swimming lessons", "Early bird swim", "Over-50s swim",
                 "Relaxed swim session"),
    "fitness": ("Gym session", "Yoga class", "Pilates class", "Zumba", "Spin class",
                "Chair-based exercise", "Circuit training", "Tai chi", "Boxing fitness"),
    "sport": ("Climbing session", "Bouldering taster", "Badminton court hire",
              "Table tennis", "Ice skating", "Ten-pin bowling", "Tennis coaching",
              "Walking football"),
    "theatre": ("Theatre ticket", "Matinee ticket", "Pantomime ticket", "Comedy night",
                "Dance performance", "Backstage tour"),
    "cinema": ("Cinema ticket", "Film club screening", "Relaxed screening",
               "Classic film matinee"),
    "museum": ("Museum entry", "Museum workshop", "Family museum trail",
               "Guided gallery tour"),
    "gallery": ("Gallery exhibition", "Art gallery tour", "Print studio open day"),
    "heritage": ("Castle entry", "Historic house visit", "Abbey tour",
                 "Heritage railway ride", "Walled garden visit"),
    "music": ("Concert ticket", "Community choir", "Ukulele class", "Jazz night",
              "Drumming workshop"),
    "course": ("Computer skills course", "Beginners' Welsh", "Cookery class",
               "First aid course", "Photography course", "Creative writing workshop",
               "English conversation class"),
    "arts_crafts": ("Pottery class", "Life drawing", "Knitting circle", "Woodwork workshop",
                    "Jewellery making", "Watercolour painting"),
    "family": ("Family day out", "Soft play session", "Farm park entry",
               "Children's craft morning"),
    "wellbeing": ("Mindfulness session", "Massage taster", "Relaxation class", "Sound bath"),
    "food": ("Café lunch", "Community supper", "Afternoon tea", "Bread-making class"),
}  # fmt: skip
OPPORTUNITY_TITLES: dict[str, tuple[str, ...]] = {
    "gardening": ("Gardening volunteer", "Allotment helper", "Community orchard pruning",
                  "Hospital garden volunteer", "Growing group helper"),
    "environment": ("Litter pick", "Canal clean-up", "Tree planting",
                    "Park conservation volunteer", "Beach clean"),
    "food": ("Community café volunteer", "Food bank helper", "Lunch club cook",
             "Community fridge volunteer", "Soup kitchen shift"),
    "transport": ("Volunteer driver", "Minibus escort", "Hospital lift driver",
                  "Community bus driver"),
    "befriending": ("Befriender", "Telephone befriender", "Peer mentor", "Hospital visitor",
                    "Memory café helper"),
    "wellbeing": ("Peer support group facilitator", "Wellbeing walk leader",
                  "Recovery mentor", "Self-help group organiser"),
    "community": ("Community centre receptionist", "Event steward",
                  "Residents' association helper", "Youth club helper", "Repair café fixer"),
    "admin": ("Office volunteer", "Newsletter editor", "Social media helper",
              "Fundraising helper"),
    "arts_crafts": ("Craft group helper", "Art workshop assistant", "Knit and natter host"),
    "music": ("Choir helper", "Event DJ", "Music session volunteer"),
    "sport": ("Sports coach assistant", "Parkrun marshal", "Swimming club helper"),
    "family": ("Toddler group helper", "Homework club volunteer", "Holiday club helper"),
    "course": ("Reading volunteer", "Digital buddy", "English conversation volunteer"),
    "heritage": ("Museum guide", "Heritage site steward", "Archive volunteer"),
}  # fmt: skip
QUALIFIERS = ("", "", "", " for beginners", " (weekday mornings)", " for over-60s",
              " in {town}", " (evenings)", " at weekends", ": drop-in")  # fmt: skip
SENTENCES: dict[str, tuple[str, ...]] = {
    "swimming": ("Public swimming in the main pool and the learner pool.",
                 "Lanes for slow, medium and fast swimmers.", "Swim at your own pace."),
    "fitness": ("Exercise at your own pace with a qualified instructor.",
                "Mats and equipment provided.", "Good for strength, balance and stamina."),
    "sport": ("Equipment hire included.", "Climbing walls and bouldering for all levels.",
              "Coaching available for beginners."),
    "theatre": ("Drama, comedy and touring shows on the main stage.",
                "Tickets for selected performances, subject to availability."),
    "cinema": ("New releases and classic films on the big screen.",
               "Subtitled and relaxed screenings every week."),
    "museum": ("Collections of local history, archaeology and art.",
               "Hands-on objects and trails for all ages."),
    "gallery": ("Changing exhibitions of contemporary and historic art.",),
    "heritage": ("A historic site with guided tours and gardens.",
                 "Explore centuries of local history."),
    "music": ("Live music from local and touring musicians.",
              "Sing or play with others; no experience needed."),
    "course": ("A friendly course taught in small groups.",
               "Learn a new skill with a patient tutor."),
    "arts_crafts": ("Materials provided; take home what you make.",
                    "Pottery, painting, knitting and making with others."),
    "family": ("A day out for the whole family.", "Children must be accompanied."),
    "wellbeing": ("Relax, unwind and look after your mental health.",
                  "A calm session to ease stress and anxiety."),
    "food": ("Home-cooked food in good company.", "Cooking, sharing and eating together."),
    "gardening": ("Grow vegetables, flowers and fruit with the gardening group.",
                  "Tools, gloves and a cuppa provided."),
    "environment": ("Help look after parks, rivers and green spaces.",
                    "Litter picking, planting and conservation work outdoors."),
    "transport": ("Drive people to appointments and activities; mileage paid.",
                  "A clean driving licence is needed; training given."),
    "befriending": ("Visit or phone someone who is lonely or isolated.",
                    "Support someone through recovery as a peer mentor."),
    "community": ("Welcome visitors and help events run smoothly.",
                  "Help run the community centre for your neighbours."),
    "admin": ("Help with the office, the newsletter and social media.",),
}  # fmt: skip
GENERIC = ("Pay with Time Credits at the desk.", "No experience needed.",
           "Bring a friend: everyone is welcome.", "Step-free access from the car park.",
           "Refreshments provided.", "Booking recommended: places are limited.",
           "Run by local volunteers for the people of {town}.",
           "Near the bus station in {town}.", "Training and support given.",
           "Flexible hours to fit around work or caring.")  # fmt: skip
SPEND_NOUNS = (
    "Leisure Centre",
    "Theatre",
    "Arts Centre",
    "Museum",
    "Climbing Wall",
    "Cinema",
    "Community Pool",
    "Heritage Trust",
    "Music Hall",
    "Gallery",
)
EARN_NOUNS = (
    "Community Garden",
    "Food Bank",
    "Good Neighbours",
    "Recovery Café",
    "Lunch Club",
    "Community Centre",
    "Dial-a-Ride",
    "Befriending Scheme",
    "Youth Project",
    "Repair Café",
)
STREETS = (
    "High Street",
    "Station Road",
    "Church Street",
    "Market Place",
    "Park Road",
    "Victoria Road",
    "Mill Lane",
    "King Street",
    "Queen Street",
    "Bridge Street",
    "London Road",
    "New Road",
    "Chapel Street",
    "The Parade",
    "Castle Street",
)
COMMITMENTS = (
    "2 hours a week",
    "One morning a week",
    "A few hours a month",
    "Flexible, as you can",
    "One evening a week",
    "3 hours a fortnight",
    "One Saturday a month",
)
FEATURES = (
    "step_free",
    "wheelchair",
    "accessible_toilet",
    "changing_places",
    "lift",
    "hearing_loop",
    "bsl",
    "large_print",
    "quiet_space",
    "assistance_dogs",
    "accessible_parking",
    "public_transport",
)
PRICES = (50, 100, 100, 100, 100, 200, 200, 300)  # hundredths: 0.5, 1, 2, 3 credits

# What people search for: (words, kind, the category they mean).
WORDS: tuple[tuple[str, str, str], ...] = (
    ("swim", "offer", "swimming"), ("swimming lessons", "offer", "swimming"),
    ("aqua aerobics", "offer", "swimming"), ("yoga", "offer", "fitness"),
    ("pilates", "offer", "fitness"), ("gym", "offer", "fitness"),
    ("climbing", "offer", "sport"), ("badminton", "offer", "sport"),
    ("theatre", "offer", "theatre"), ("pantomime", "offer", "theatre"),
    ("comedy", "offer", "theatre"), ("cinema", "offer", "cinema"),
    ("film", "offer", "cinema"), ("museum", "offer", "museum"),
    ("gallery", "offer", "gallery"), ("castle", "offer", "heritage"),
    ("historic house", "offer", "heritage"), ("concert", "offer", "music"),
    ("choir", "offer", "music"), ("pottery", "offer", "arts_crafts"),
    ("knitting", "offer", "arts_crafts"), ("cookery class", "offer", "course"),
    ("computer course", "offer", "course"), ("welsh", "offer", "course"),
    ("family day out", "offer", "family"), ("mindfulness", "offer", "wellbeing"),
    ("afternoon tea", "offer", "food"),
    ("gardening", "opportunity", "gardening"), ("allotment", "opportunity", "gardening"),
    ("litter pick", "opportunity", "environment"),
    ("tree planting", "opportunity", "environment"),
    ("café volunteer", "opportunity", "food"), ("food bank", "opportunity", "food"),
    ("lunch club", "opportunity", "food"), ("volunteer driver", "opportunity", "transport"),
    ("befriending", "opportunity", "befriending"), ("peer mentor", "opportunity", "befriending"),
    ("walk leader", "opportunity", "wellbeing"), ("receptionist", "opportunity", "community"),
    ("event steward", "opportunity", "community"), ("newsletter", "opportunity", "admin"),
    ("craft group", "opportunity", "arts_crafts"), ("homework club", "opportunity", "family"),
    ("museum guide", "opportunity", "heritage"), ("coach", "opportunity", "sport"),
)  # fmt: skip
TYPOS: tuple[tuple[str, str, str], ...] = (
    ("swiming", "offer", "swimming"), ("theatr", "offer", "theatre"),
    ("climing", "offer", "sport"), ("musuem", "offer", "museum"),
    ("potery", "offer", "arts_crafts"), ("yogga", "offer", "fitness"),
    ("gardning", "opportunity", "gardening"), ("befriendng", "opportunity", "befriending"),
    ("volunter driver", "opportunity", "transport"), ("alotment", "opportunity", "gardening"),
)  # fmt: skip
# The query mixes and their shares of the traffic (--weight changes them).
MIXES: tuple[tuple[str, float], ...] = (
    ("text + near + category", 0.35),
    ("near + category", 0.25),
    ("near only", 0.15),
    ("text only", 0.15),
    ("typo + near", 0.10),
)
EXPLAINED_MIX = "near + category"


def jitter(rng: random.Random, lat: float, lon: float, sigma_km: float) -> tuple[float, float]:
    """A point around (lat, lon), normally spread with sigma_km in each direction."""
    dlat = rng.gauss(0, sigma_km) / 111.2
    dlon = rng.gauss(0, sigma_km) / (111.2 * max(0.2, abs(math.cos(math.radians(lat)))))
    return round(lat + dlat, 5), round(lon + dlon, 5)


def postcode(rng: random.Random, area: str) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return (
        f"{area}{rng.randint(1, 20)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    )


def schedule(rng: random.Random) -> list[dict[str, str]]:
    start = rng.choice((7, 9, 10, 10, 11, 13, 14, 18, 19))
    hours = rng.choice((1, 1, 2, 2, 3))
    days = sorted(rng.sample(range(7), rng.choice((1, 1, 2, 3, 5))))
    return [
        {"day": WEEKDAYS[d], "opens": f"{start:02d}:00", "closes": f"{start + hours:02d}:00"}
        for d in days
    ]


# --- seeding ---------------------------------------------------------------------------


@dataclass
class Org:
    """A seeded organisation: where its listings go and what they are mostly about."""

    id: str
    roles: list[str]
    town: Town
    lat: float
    lon: float
    address_line: str
    postcode: str
    categories: dict[str, list[str]]  # kind -> its main categories


@dataclass
class Seeded:
    """What the phases need from the seeding (the key) and what the report says of it."""

    database_url: str
    key_secret: str
    key_digest: bytes
    organisations: int
    listings: int
    active: int
    seconds: float
    sizes: dict[str, str]


async def seed(url: str, pepper: bytes, n_orgs: int, n_listings: int, rng: random.Random) -> Seeded:
    """Programmes and organisations through the services (the code the API runs), their
    profiles by UPDATE, the listings by COPY (the trigger derives the search columns)."""
    t0 = time.perf_counter()
    conn = await asyncpg.connect(dbmod.plain_url(url))
    await dbmod._init_connection(conn)
    weights = [t.weight for t in TOWNS]
    orgs: list[Org] = []
    try:
        async with conn.transaction():
            programmes = {}
            for town in TOWNS:
                p = await organisations.create_programme(
                    conn,
                    name=f"{town.name} Time Credits",
                    place=town.name,
                    focus="Community",
                    starts_on=date(2020, 1, 1),
                    ends_on=None,
                )
                programmes[town.name] = p.id
            # Every town gets two organisations; the rest follow the towns' sizes.
            homes = [t for t in TOWNS for _ in range(2)]
            homes += rng.choices(TOWNS, weights, k=max(0, n_orgs - len(homes)))
            profiles = []
            for town in homes[:n_orgs]:
                roll = rng.random()
                roles = (
                    ["spend_partner"]
                    if roll < 0.45
                    else ["earn_partner"]
                    if roll < 0.9
                    else ["earn_partner", "spend_partner"]
                )
                nouns = SPEND_NOUNS if roles == ["spend_partner"] else EARN_NOUNS
                name = f"{town.name} {rng.choice(nouns)}"
                created = await organisations.create_organisation(
                    conn, name=name, roles=roles, programme_ids=[programmes[town.name]]
                )
                lat, lon = jitter(rng, town.lat, town.lon, town.sigma_km)
                cats = {
                    "offer": rng.sample(sorted(OFFER_TITLES), rng.randint(1, 3)),
                    "opportunity": rng.sample(sorted(OPPORTUNITY_TITLES), rng.randint(1, 3)),
                }
                org = Org(
                    created.id,
                    roles,
                    town,
                    lat,
                    lon,
                    f"{rng.randint(1, 200)} {rng.choice(STREETS)}",
                    postcode(rng, town.area),
                    cats,
                )
                orgs.append(org)
                slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
                own = [c for r, k in (("spend", "offer"), ("earn", "opportunity"))
                       if f"{r}_partner" in roles for c in cats[k]]  # fmt: skip
                profiles.append(
                    (
                        org.id,
                        f"{name}: {' '.join(rng.sample(SENTENCES[own[0]], 1))}",
                        f"https://{slug}.example.org",
                        f"hello@{slug}.example.org",
                        f"01632 960{rng.randint(0, 999):03d}",
                        org.address_line,
                        town.name,
                        org.postcode,
                        lat,
                        lon,
                        [{"day": d, "opens": "09:00", "closes": "17:00"} for d in WEEKDAYS[:5]],
                        sorted(rng.sample(FEATURES, rng.randint(0, 4))),
                        sorted(set(own))[:10],
                    )
                )
            await conn.executemany(
                """UPDATE organisations SET description = $2, website = $3, public_email = $4,
                          public_phone = $5, address_line = $6, town = $7, postcode = $8,
                          latitude = $9, longitude = $10, opening_hours = $11,
                          accessibility = $12, categories = $13
                    WHERE id = $1""",
                profiles,
            )
            key = await keys.mint(
                conn,
                organisation_id=orgs[0].id,
                name="bench directory reader",
                scopes=["directory:read"],
                pepper=pepper,
            )
        log(f"{len(orgs):,} organisations in {time.perf_counter() - t0:.1f} s; listings next")
    finally:
        await conn.close()

    columns = (
        "id", "kind", "organisation_id", "title", "description", "schedule", "valid_from",
        "valid_until", "capacity", "price", "commitment", "own_location", "archived_at",
        "address_line", "town", "postcode", "latitude", "longitude", "accessibility",
        "categories", "created_at", "updated_at",
    )  # fmt: skip
    today = datetime.now(UTC).date()
    now = datetime.now(UTC)
    copy = await asyncpg.connect(dbmod.plain_url(url))  # plain: jsonb goes as text
    try:
        batch: list[tuple[Any, ...]] = []
        done = 0
        for i in range(n_listings):
            org = rng.choice(orgs)
            kinds = [k for r, k in (("spend", "offer"), ("earn", "opportunity"))
                     if f"{r}_partner" in org.roles]  # fmt: skip
            kind = rng.choice(kinds)
            vocab = OFFER_TITLES if kind == "offer" else OPPORTUNITY_TITLES
            main = (
                rng.choice(org.categories[kind]) if rng.random() < 0.8 else rng.choice(list(vocab))
            )
            cats = [main]
            if rng.random() < 0.3:
                cats.append(rng.choice(list(vocab)))
            title = rng.choice(vocab[main]) + rng.choice(QUALIFIERS).format(town=org.town.name)
            sentences = rng.sample(SENTENCES[main], min(2, len(SENTENCES[main])))
            sentences += rng.sample(GENERIC, 2)
            description = " ".join(sentences).format(town=org.town.name)
            own = rng.random() < 0.3
            if own:
                lat, lon = jitter(rng, org.lat, org.lon, 2.0)
                place = (f"{rng.randint(1, 200)} {rng.choice(STREETS)}", org.town.name,
                         postcode(rng, org.town.area), lat, lon)  # fmt: skip
            else:
                place = (org.address_line, org.town.name, org.postcode, org.lat, org.lon)
            valid_from = today - timedelta(days=rng.randint(0, 365))
            roll = rng.random()
            valid_until = (
                None
                if roll < 0.6
                else today + timedelta(days=rng.randint(1, 365))
                if roll < 0.95
                else today - timedelta(days=rng.randint(1, 60))  # expired: out of search
            )
            if valid_until is not None:
                valid_from = min(valid_from, valid_until)
            created = now - timedelta(seconds=rng.randint(0, 365 * 86400))
            batch.append(
                (
                    new_id("off" if kind == "offer" else "opp"),
                    kind,
                    org.id,
                    title[:200],
                    description,
                    json.dumps(schedule(rng)),
                    valid_from,
                    valid_until,
                    rng.choice((None, 6, 10, 12, 20, 30)),
                    rng.choice(PRICES) if kind == "offer" else None,
                    rng.choice(COMMITMENTS) if kind == "opportunity" else None,
                    own,
                    created if rng.random() < 0.03 else None,  # archived
                    *place,
                    sorted(rng.sample(FEATURES, rng.randint(0, 4))),
                    listings.categories(main, cats),  # the main one first, as the API stores
                    created,
                    created,
                )
            )
            if len(batch) == 20_000 or i == n_listings - 1:
                await copy.copy_records_to_table("listings", records=batch, columns=columns)
                done += len(batch)
                batch = []
                log(f"listings: {done:,} / {n_listings:,} ({time.perf_counter() - t0:.0f} s)")
        log("VACUUM ANALYZE")
        await copy.execute("VACUUM (ANALYZE) listings, organisations, organisation_programmes")
        active = await copy.fetchval(
            """SELECT count(*) FROM listings WHERE archived_at IS NULL
                 AND (valid_until IS NULL OR valid_until >= current_date)"""
        )
        sizes = {
            r["name"]: r["size"]
            for r in await copy.fetch(
                """SELECT c.relname AS name, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
                     FROM pg_class c WHERE c.relname IN ('listings', 'listings_earth',
                          'listings_categories', 'listings_search', 'listings_search_trgm')"""
            )
        }
    finally:
        await copy.close()
    return Seeded(
        database_url=url,
        key_secret=key.secret,
        key_digest=key_secrets.digest(key.secret, pepper),
        organisations=len(orgs),
        listings=n_listings,
        active=active,
        seconds=time.perf_counter() - t0,
        sizes=sizes,
    )


# --- the searches ----------------------------------------------------------------------


@dataclass(frozen=True)
class Search:
    """One search as a client sends it; `path()` and `sql()` come from the same fields."""

    mix: str
    kind: str  # offer | opportunity
    q: str | None = None
    categories: tuple[str, ...] = ()
    near: str | None = None  # "lat,lon", exactly as sent
    radius_km: float | None = None
    limit: int | None = None  # None: the API's default page size

    def path(self) -> str:
        params: list[tuple[str, str]] = []
        if self.q:
            params.append(("q", self.q))
        params += [("category", c) for c in self.categories]
        if self.near:
            params.append(("near", self.near))
        if self.radius_km:
            params.append(("radius_km", f"{self.radius_km:g}"))
        if self.limit:
            params.append(("limit", str(self.limit)))
        return f"/v1/{PATHS[self.kind]}?{urlencode(params)}"

    async def sql(self) -> tuple[str, tuple[Any, ...], tuple[str, ...]]:
        """The statement and parameters the service sends for this search: the route's own
        parameter parsing, then `listings.search_listings` against a recording stand-in."""
        query = await directory_query(
            q=self.q,
            category=list(self.categories),
            programme_id=None,
            near=self.near,
            radius_km=self.radius_km,
            open_on=None,
            accessible=[],
            updated_since=None,
        )
        query = query.model_copy(update={"max_credits": None})
        capture = _Capture()
        await listings.search_listings(
            capture,  # type: ignore[arg-type]
            self.kind,  # type: ignore[arg-type]
            query,
            limit=self.limit or DEFAULT_LIMIT,
            after=None,
        )
        assert capture.sql is not None
        return capture.sql, capture.params, tuple(capture.setup)


class _Capture:
    """Stands in for a connection: keeps the statement instead of running it."""

    sql: str | None = None
    params: tuple[Any, ...] = ()

    def __init__(self) -> None:
        self.setup: list[str] = []  # SET LOCALs the service runs first, in a transaction

    async def fetch(self, sql: str, *params: Any) -> list[Any]:
        self.sql, self.params = sql, params
        return []

    async def execute(self, sql: str) -> None:
        self.setup.append(sql)

    def transaction(self) -> contextlib.AbstractAsyncContextManager[None]:
        return contextlib.nullcontext()


def _point(rng: random.Random) -> str:
    town = rng.choices(TOWNS, [t.weight for t in TOWNS])[0]
    lat, lon = jitter(rng, town.lat, town.lon, 1.5)
    return f"{lat:.4f},{lon:.4f}"


def make_searches(
    rng: random.Random, per_mix: int, limit: int | None = None
) -> dict[str, list[Search]]:
    out: dict[str, list[Search]] = {}
    for mix, _ in MIXES:
        searches = []
        for _ in range(per_mix):
            word, kind, category = rng.choice(TYPOS if mix.startswith("typo") else WORDS)
            vocab = OFFER_TITLES if kind == "offer" else OPPORTUNITY_TITLES
            if mix == "text + near + category":
                cat = category if rng.random() < 0.8 else rng.choice(sorted(vocab))
                s = Search(mix, kind, word, (cat,), _point(rng), rng.choice((10, 10, 10, 25)))
            elif mix == "near + category":
                cats = tuple(sorted(set(rng.sample(sorted(vocab), rng.choice((1, 1, 2))))))
                s = Search(mix, kind, None, cats, _point(rng), rng.choice((5, 10, 10, 25)))
            elif mix == "near only":
                s = Search(mix, kind, None, (), _point(rng), rng.choice((2, 5, 10)))
            elif mix == "text only":
                s = Search(mix, kind, word)
            else:
                s = Search(mix, kind, word, (), _point(rng), rng.choice((10, 25)))
            searches.append(dataclasses.replace(s, limit=limit))
        out[mix] = searches
    return out


# The densest place, the commonest radius: the worst case of the commonest map search.
EXPLAIN_SEARCH = Search(EXPLAINED_MIX, "offer", None, ("swimming",), "51.5072,-0.1276", 10)


# --- phase 1: HTTP ---------------------------------------------------------------------

WRK_SCRIPT = r"""
-- Generated by bench/directory.py: weighted mixes of directory searches, latency per mix.
-- One connection per wrk thread, so request() and response() alternate and can be timed.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec_t;
int clock_gettime(int clk_id, bench_timespec_t *tp);
]]
local ts = ffi.new("bench_timespec_t[1]")
local function now_us()
  ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
  return tonumber(ts[0].tv_sec) * 1000000 + tonumber(ts[0].tv_nsec) / 1000
end

local mixes = {
%(mixes)s
}
local auth = "%(auth)s"
local seed = %(seed)d
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

-- Flat globals only: wrk's thread:get() crashes copying nested tables.
function init(args)
  math.randomseed(seed + (tid or 0) * 7919)
  codes = {}
  for i = 1, #mixes do _G["lat_" .. i] = {} end
end

local current, t0 = 1, 0
local headers = {}

function request()
  local r, i = math.random(), 1
  local acc = mixes[1].weight
  while r > acc and i < #mixes do i = i + 1; acc = acc + mixes[i].weight end
  current = i
  local paths = mixes[i].paths
  headers["Authorization"] = auth
  t0 = now_us()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end

function response(status, hdrs, body)
  local l = _G["lat_" .. current]
  if l == nil then return end
  l[#l + 1] = now_us() - t0
  local key = current .. ":" .. status
  codes[key] = (codes[key] or 0) + 1
end

local function pct(sorted, p)
  if #sorted == 0 then return -1 end
  local rank = math.max(1, math.ceil(p / 100 * #sorted - 1e-9))
  return sorted[math.min(rank, #sorted)]
end

function done(summary, latency, requests)
  local out, everything = {}, {}
  for i, m in ipairs(mixes) do
    local all, c = {}, {}
    for _, t in ipairs(threads) do
      for _, v in ipairs(t:get("lat_" .. i)) do all[#all + 1] = v end
      for k, v in pairs(t:get("codes")) do
        local mix, status = k:match("^(%%d+):(%%d+)$")
        if tonumber(mix) == i then c[status] = (c[status] or 0) + v end
      end
    end
    for _, v in ipairs(all) do everything[#everything + 1] = v end
    table.sort(all)
    local parts = {}
    for k, v in pairs(c) do table.insert(parts, '"' .. k .. '":' .. v) end
    table.insert(out, string.format(
      '{"name":"%%s","n":%%d,"p50_us":%%.0f,"p95_us":%%.0f,"p99_us":%%.0f,"max_us":%%.0f,'
      .. '"statuses":{%%s}}',
      m.name, #all, pct(all, 50), pct(all, 95), pct(all, 99), all[#all] or -1,
      table.concat(parts, ",")))
  end
  -- wrk's own histogram (`latency`) is corrected for coordinated omission when requests
  -- take longer than the mean interval; these are the raw per-request latencies.
  table.sort(everything)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%%d,"duration_us":%%d,"p50_us":%%.0f,"p95_us":%%.0f,'
    .. '"p99_us":%%.0f,"max_us":%%.0f,"wrk_corrected_p99_us":%%d,"connect":%%d,"read":%%d,'
    .. '"write":%%d,"timeout":%%d,"status":%%d,"mixes":[%%s]}\n',
    summary.requests, summary.duration, pct(everything, 50), pct(everything, 95),
    pct(everything, 99), everything[#everything] or -1, latency:percentile(99), e.connect,
    e.read, e.write, e.timeout, e.status, table.concat(out, ",")))
end
"""


@dataclass
class MixResult:
    name: str
    share: float
    requests: int = 0
    throughput: float = 0.0
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    max_ms: float | None = None
    errors: dict[str, int] = field(default_factory=dict)


@dataclass
class PhaseResult:
    name: str
    label: str
    total: base.Phase
    mixes: list[MixResult]


def _lua_mixes(searches: dict[str, list[Search]]) -> str:
    rows = []
    for name, weight in MIXES:
        paths = ",".join(json.dumps(s.path(), ensure_ascii=True) for s in searches[name])
        rows.append(f'  {{name = "{name}", weight = {weight}, paths = {{{paths}}}}},')
    return "\n".join(rows)


def run_wrk(
    base_url: str, key: str, searches: dict[str, list[Search]], clients: int, seconds: float,
    seed_: int, workdir: Path,
) -> dict[str, Any]:  # fmt: skip
    script = workdir / f"directory-{seed_}.lua"
    script.write_text(
        WRK_SCRIPT % {"mixes": _lua_mixes(searches), "auth": f"Bearer {key}", "seed": seed_}
    )
    cmd = ["wrk", "-t", str(clients), "-c", str(clients), "-d", f"{max(1, round(seconds))}s"]
    cmd += ["--timeout", "10s", "-s", str(script), base_url + "/v1/offers"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=False)
    for line in out.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise RuntimeError(f"wrk failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")


def _pick(rng: random.Random) -> int:
    r, acc = rng.random(), 0.0
    for i, (_, weight) in enumerate(MIXES):
        acc += weight
        if r <= acc:
            return i
    return len(MIXES) - 1


async def run_python_client(
    base_url: str, key: str, searches: dict[str, list[Search]], clients: int, warmup: float,
    seconds: float, meter: base.CpuMeter,
) -> dict[str, Any]:  # fmt: skip
    """`clients` keep-alive connections, one request in flight each (the fallback when wrk
    is not installed; it costs more CPU than wrk)."""
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    window = (start + warmup, start + warmup + seconds)
    latencies: list[list[float]] = [[] for _ in MIXES]
    statuses: list[Counter[str]] = [Counter() for _ in MIXES]
    snapshots: dict[str, dict[str, float]] = {}
    names = [name for name, _ in MIXES]

    async def client(cid: int) -> None:
        rng = random.Random(cid)
        conn: base._HttpConn | None = None
        while not stop.is_set() and (now := time.perf_counter()) < window[1]:
            if "before" not in snapshots and now >= window[0]:
                snapshots["before"] = meter.snapshot()
            if conn is None or conn.lost:
                _, conn = await loop.create_connection(base._HttpConn, host, port)
            i = _pick(rng)
            path = rng.choice(searches[names[i]]).path()
            request = (
                f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {key}\r\n\r\n"
            ).encode()
            t0 = time.perf_counter()
            try:
                status = str(await conn.send(request))
            except ConnectionError:
                status, conn = "connection_error", None
            t1 = time.perf_counter()
            if window[0] <= t1 <= window[1]:
                latencies[i].append(t1 - t0)
                statuses[i][status] += 1
        if "after" not in snapshots:
            snapshots["after"] = meter.snapshot()
        if conn is not None and conn.transport is not None:
            conn.transport.close()

    with base.stop_on_signals() as stop:
        await asyncio.wait_for(
            asyncio.gather(*(client(i) for i in range(clients))), warmup + seconds + 60
        )
    return {
        "latencies": latencies,
        "statuses": statuses,
        "before": snapshots.get("before", snapshots["after"]),
        "after": snapshots["after"],
    }


def _mix_from_latencies(
    name: str, share: float, values_s: list[float], statuses: Counter[str], seconds: float
) -> MixResult:
    values = sorted(v * 1000 for v in values_s)
    m = MixResult(name, share, requests=len(values), throughput=len(values) / seconds)
    m.p50_ms, m.p95_ms, m.p99_ms = (base.percentile(values, p) for p in (50, 95, 99))
    m.max_ms = values[-1] if values else None
    m.errors = {k: v for k, v in statuses.items() if k != "200"}
    return m


def http_phase(
    base_url: str, key: str, searches: dict[str, list[Search]], args: argparse.Namespace,
    meter: base.CpuMeter, generator: str, workdir: Path,
    profile: Callable[[], Callable[[], list[Path]]] | None = None,
) -> PhaseResult:  # fmt: skip
    total = base.Phase("service", "1. service: GET /v1/offers, /v1/opportunities over HTTP")
    mixes: list[MixResult] = []
    profiled: Callable[[], list[Path]] | None = None
    if generator == "wrk":
        log(f"phase 1: warm-up {args.warmup:g} s (wrk)")
        run_wrk(base_url, key, searches, args.clients, args.warmup, args.seed + 1, workdir)
        log(f"phase 1: {args.clients} clients for {args.seconds:g} s (wrk)")
        profiled = profile() if profile else None
        before = meter.snapshot()
        res = run_wrk(base_url, key, searches, args.clients, args.seconds, args.seed, workdir)
        after = meter.snapshot()
        total.seconds = res["duration_us"] / 1e6
        total.requests = res["requests"]
        total.p50_ms, total.p95_ms, total.p99_ms, total.max_ms = (
            res[k] / 1000 for k in ("p50_us", "p95_us", "p99_us", "max_us")
        )
        errors: Counter[str] = Counter()
        for (name, share), m in zip(MIXES, res["mixes"], strict=True):
            mix = MixResult(name, share, requests=m["n"], throughput=m["n"] / total.seconds)
            mix.p50_ms, mix.p95_ms, mix.p99_ms, mix.max_ms = (
                m[k] / 1000 if m[k] >= 0 else None for k in ("p50_us", "p95_us", "p99_us", "max_us")
            )
            mix.errors = {k: v for k, v in m["statuses"].items() if k != "200"}
            errors.update(mix.errors)
            mixes.append(mix)
        for kind in ("connect", "read", "write", "timeout"):
            if res[kind]:
                errors[f"socket_{kind}"] += res[kind]
        total.errors = dict(errors)
        roles = {"service": "service", "postgres": "postgres", "wrk": "reaped_children"}
    else:
        log(f"phase 1: warm-up {args.warmup:g} s, then {args.clients} clients for "
            f"{args.seconds:g} s (python client)")  # fmt: skip
        profiled = profile() if profile else None  # includes the warm-up
        res = base.run_async(
            run_python_client(
                base_url, key, searches, args.clients, args.warmup, args.seconds, meter
            )
        )
        before, after = res["before"], res["after"]
        everything: list[float] = []
        errors = Counter()
        for i, (name, share) in enumerate(MIXES):
            mix = _mix_from_latencies(
                name, share, res["latencies"][i], res["statuses"][i], args.seconds
            )
            mixes.append(mix)
            everything += res["latencies"][i]
            errors.update(mix.errors)
        total.seconds = args.seconds
        total.requests = len(everything)
        base.fill_latency(total, everything)
        total.errors = dict(errors)
        roles = {"service": "service", "postgres": "postgres", "python client": "bench"}
    total.ops = total.requests - sum(total.errors.values())
    total.throughput = total.ops / total.seconds if total.seconds else 0.0
    total.note = f"load generator: {generator}"
    if generator == "wrk":
        total.note += f"; wrk's own (corrected) p99 {res['wrk_corrected_p99_us'] / 1000:.1f} ms"
    base.CpuMeter.apply(total, before, after, roles)
    if profiled is not None:
        total.profiles = [str(p) for p in profiled()]
    return PhaseResult("service", total.label, total, mixes)


# --- phase 2: the service's SQL straight through asyncpg ------------------------------


async def floor_phase(
    url: str, key_digest: bytes, compiled: dict[str, list[Compiled]],
    args: argparse.Namespace, meter: base.CpuMeter,
) -> PhaseResult:  # fmt: skip
    """Per search: the key lookup, then the search statement (prepared and cached by asyncpg,
    as in the service), from one connection per client. No HTTP, no pool, no JSON."""
    total = base.Phase("floor", "2. floor: the service's statements via asyncpg")
    conns = []
    for _ in range(args.clients):
        conn = await asyncpg.connect(dbmod.plain_url(url))
        await dbmod._init_connection(conn)
        conns.append(conn)
    names = [name for name, _ in MIXES]
    start = time.perf_counter()
    window = (start + args.warmup, start + args.warmup + args.seconds)
    latencies: list[list[float]] = [[] for _ in MIXES]
    errors: list[Counter[str]] = [Counter() for _ in MIXES]
    snapshots: dict[str, dict[str, float]] = {}

    async def client(cid: int) -> None:
        rng = random.Random(1000 + cid)
        conn = conns[cid]
        while not stop.is_set() and (now := time.perf_counter()) < window[1]:
            if "before" not in snapshots and now >= window[0]:
                snapshots["before"] = meter.snapshot()
            i = _pick(rng)
            sql, params, setup = rng.choice(compiled[names[i]])
            t0 = time.perf_counter()
            outcome = "200"
            try:
                await conn.fetchrow(auth_deps.KEY_LOOKUP, key_digest)
                if setup:
                    async with conn.transaction():
                        for statement in setup:
                            await conn.execute(statement)
                        await conn.fetch(sql, *params)
                else:
                    await conn.fetch(sql, *params)
            except asyncpg.PostgresError as exc:
                outcome = type(exc).__name__
            t1 = time.perf_counter()
            if window[0] <= t1 <= window[1]:
                latencies[i].append(t1 - t0)
                errors[i][outcome] += 1
        if "after" not in snapshots:
            snapshots["after"] = meter.snapshot()

    try:
        with base.stop_on_signals() as stop:
            await asyncio.wait_for(
                asyncio.gather(*(client(i) for i in range(args.clients))),
                args.warmup + args.seconds + 60,
            )
    finally:
        for conn in conns:
            await conn.close()
    mixes = [
        _mix_from_latencies(name, share, latencies[i], errors[i], args.seconds)
        for i, (name, share) in enumerate(MIXES)
    ]
    everything = [v for values in latencies for v in values]
    total.seconds = args.seconds
    total.requests = len(everything)
    base.fill_latency(total, everything)
    total.errors = dict(sum((Counter(m.errors) for m in mixes), Counter()))
    total.ops = total.requests - sum(total.errors.values())
    total.throughput = total.ops / args.seconds
    base.CpuMeter.apply(
        total,
        snapshots.get("before", snapshots["after"]),
        snapshots["after"],
        {"postgres": "postgres", "asyncpg client": "bench"},
    )
    return PhaseResult("floor", total.label, total, mixes)


# --- plans -----------------------------------------------------------------------------


def _plan_nodes(plan: dict[str, Any]) -> list[dict[str, Any]]:
    out, stack = [], [plan]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(node.get("Plans", []))
    return out


def _plan_uses(root: dict[str, Any]) -> list[str]:
    """What the plan reads listings with: index names, or "Seq Scan on listings"."""
    uses = []
    for node in _plan_nodes(root):
        if node.get("Index Name", "").startswith("listings"):
            uses.append(f"{node['Node Type']} on {node['Index Name']}")
        elif node.get("Node Type") == "Seq Scan" and node.get("Relation Name") == "listings":
            uses.append("Seq Scan on listings")
    return sorted(set(uses))


async def _explain(
    conn: asyncpg.Connection,
    sql: str,
    params: tuple[Any, ...],
    *,
    generic: bool,
    fmt: str,
    setup: tuple[str, ...] = (),
) -> Any:
    """EXPLAIN ANALYZE of the statement as asyncpg runs it: a custom plan for these values,
    or (generic) the plan a cached prepared statement may settle on after five runs."""
    async with conn.transaction():
        mode = "force_generic_plan" if generic else "force_custom_plan"
        await conn.execute(f"SET LOCAL plan_cache_mode = {mode}")
        for statement in setup:  # what the service sets first (e.g. for near searches)
            await conn.execute(statement)
        options = "ANALYZE, BUFFERS" + (", FORMAT JSON" if fmt == "json" else "")
        rows = await conn.fetch(f"EXPLAIN ({options}) {sql}", *params)
    if fmt == "json":
        value = rows[0][0]
        return (json.loads(value) if isinstance(value, str) else value)[0]
    return "\n".join(r[0] for r in rows)


@dataclass
class MixPlans:
    mix: str
    samples: int
    custom_median_ms: float
    custom_max_ms: float
    generic_median_ms: float
    rows_median: float
    uses: list[str]
    slowest: tuple[float, str, str] | None = None  # (ms, path, text plan)


async def explain_phase(
    url: str, compiled: dict[str, list[Compiled]],
    searches: dict[str, list[Search]], samples: int, rng: random.Random,
) -> tuple[dict[str, str], bool, list[MixPlans]]:  # fmt: skip
    """The near + category search in full (custom and generic plan), then `samples`
    searches of every mix: server-side execution time and the indexes used."""
    conn = await asyncpg.connect(dbmod.plain_url(url))
    await dbmod._init_connection(conn)
    try:
        sql, params, setup = await EXPLAIN_SEARCH.sql()
        full = {
            "custom": await _explain(conn, sql, params, generic=False, fmt="text", setup=setup),
            "generic": await _explain(conn, sql, params, generic=True, fmt="text", setup=setup),
        }
        uses_index = all(any(ix in plan for ix in SEARCH_INDEXES) for plan in full.values())
        out = []
        for mix, _ in MIXES:
            picks = rng.sample(range(len(compiled[mix])), min(samples, len(compiled[mix])))
            custom, generic, rows, uses = [], [], [], set()
            slowest: tuple[float, int] | None = None
            for i in picks:
                s_sql, s_params, s_setup = compiled[mix][i]
                plan = await _explain(
                    conn, s_sql, s_params, generic=False, fmt="json", setup=s_setup
                )
                ms = plan["Execution Time"]
                custom.append(ms)
                rows.append(plan["Plan"].get("Actual Rows", 0))
                uses.update(_plan_uses(plan["Plan"]))
                if slowest is None or ms > slowest[0]:
                    slowest = (ms, i)
                gplan = await _explain(
                    conn, s_sql, s_params, generic=True, fmt="json", setup=s_setup
                )
                generic.append(gplan["Execution Time"])
            result = MixPlans(
                mix, len(picks), median(custom), max(custom), median(generic), median(rows),
                sorted(uses),
            )  # fmt: skip
            if slowest is not None:
                s_sql, s_params, s_setup = compiled[mix][slowest[1]]
                text = await _explain(
                    conn, s_sql, s_params, generic=False, fmt="text", setup=s_setup
                )
                result.slowest = (slowest[0], searches[mix][slowest[1]].path(), text)
            out.append(result)
        return full, uses_index, out
    finally:
        await conn.close()


async def index_scans(url: str) -> dict[str, int]:
    """Cumulative scans per index of the directory tables, and sequential scans of them."""
    conn = await asyncpg.connect(dbmod.plain_url(url))
    try:
        rows = await conn.fetch(
            """SELECT indexrelname AS name, idx_scan AS n FROM pg_stat_user_indexes
                WHERE relname IN ('listings', 'organisations')
               UNION ALL
               SELECT 'seq scans of ' || relname, seq_scan FROM pg_stat_user_tables
                WHERE relname IN ('listings', 'organisations')"""
        )
        return {r["name"]: r["n"] or 0 for r in rows}
    finally:
        await conn.close()


# --- the report ------------------------------------------------------------------------


def _row(label: str, share: str, m: MixResult | base.Phase) -> str:
    errors = ", ".join(f"{k}: {v}" for k, v in sorted(m.errors.items())) or "none"
    return (
        f"| {label} | {share} | {m.requests:,} | {m.throughput:,.0f} | {base.fmt_ms(m.p50_ms)} | "
        f"{base.fmt_ms(m.p95_ms)} | {base.fmt_ms(m.p99_ms)} | {errors} |"
    )


def phase_table(p: PhaseResult) -> list[str]:
    rows = [
        f"**{p.label}**",
        "",
        "| query mix | share | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    rows += [_row(m.name, f"{m.share:.0%}", m) for m in p.mixes]
    rows.append(_row("**all**", "100%", p.total))
    cpu = ", ".join(f"{k} {v:.2f}" for k, v in p.total.cpu_ms_per_op.items()) or "-"
    busy = p.total.machine_busy_pct
    note = f". {p.total.note[0].upper()}{p.total.note[1:]}." if p.total.note else ""
    rows += [
        "",
        f"CPU ms per request: {cpu}; machine busy {busy if busy is not None else '?'}%{note}",
    ]
    return rows


def markdown(result: dict[str, Any], phases: list[PhaseResult]) -> str:
    out: list[str] = [""]
    for p in phases:
        out += [*phase_table(p), ""]
    if result.get("index_scans"):
        scans = ", ".join(f"{k} {v:,}" for k, v in result["index_scans"].items()) or "none"
        out += [f"Index scans during phase 1 (pg_stat_user_indexes): {scans}", ""]
    plans: list[MixPlans] = result.get("_plans", [])
    if plans:
        out += [
            f"Server-side execution time, EXPLAIN ANALYZE of {plans[0].samples} sampled "
            "searches per mix (custom plan; generic = a cached prepared statement's plan):",
            "",
            "| query mix | median ms | max ms | generic median ms | rows (median) "
            "| reads listings with |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for mp in plans:
            out.append(
                f"| {mp.mix} | {mp.custom_median_ms:.1f} | {mp.custom_max_ms:.1f} | "
                f"{mp.generic_median_ms:.1f} | {mp.rows_median:.0f} | {'; '.join(mp.uses)} |"
            )
        out.append("")
    full = result.get("_full_plans")
    if full:
        out += [
            f"EXPLAIN (ANALYZE, BUFFERS) of the {EXPLAINED_MIX} search, as the service builds "
            f"it: `GET {EXPLAIN_SEARCH.path()}`",
            "",
            "custom plan (these values):",
            "```",
            full["custom"],
            "```",
            "generic plan (a prepared statement asyncpg has run five times or more):",
            "```",
            full["generic"],
            "```",
            "",
        ]
    if plans:
        worst = max(plans, key=lambda mp: mp.custom_max_ms)
        if worst.slowest is not None:
            ms, path, text = worst.slowest
            out += [
                f"Slowest sampled search ({worst.mix}, {ms:.1f} ms): `GET {path}`",
                "```",
                text,
                "```",
                "",
            ]
    env = result["environment"]
    seeded = result["seeded"]
    out += [
        f"- data: {seeded['organisations']:,} organisations, {seeded['listings']:,} listings "
        f"({seeded['active']:,} active and current) around {len(TOWNS)} towns, seeded in "
        f"{seeded['seconds']:.0f} s; sizes: "
        + ", ".join(f"{k} {v}" for k, v in sorted(seeded["sizes"].items())),
        f"- machine: {env['nproc']} CPUs ({env['cpu_model']}), "
        f"{env.get('busy_before_start_pct', '?')}% busy with other work before the start",
        f"- PostgreSQL {env.get('server_version', '?')}, shared_buffers="
        f"{env.get('shared_buffers', '?')}; service: {result['workers']} uvicorn worker(s), "
        f"git {env['git']}; {result['clients']} clients, {result['seconds']:g} s after "
        f"{result['warmup']:g} s warm-up per phase; load generator: {result['load_generator']}",
        f"- page size: {result['limit'] or f'the default ({DEFAULT_LIMIT})'}; query mix shares: "
        + ", ".join(f"{name} {share:.0%}" for name, share in MIXES),
        f"- date: {result['date']}",
        "",
    ]
    for name, (ok, detail) in result["targets"].items():
        out.append(f"- {name}: {'met' if ok else 'NOT met'} ({detail})")
    out += ["", f"command: `{result['command']}`"]
    return "\n".join(out)


# --- orchestration ---------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    global MIXES
    p = argparse.ArgumentParser(
        prog="bench/directory.py",
        description="Directory search latency over HTTP and in the database, with plans. "
        "Traffic to 127.0.0.1 only.",
    )
    p.add_argument("--clients", type=int, default=8, help="concurrent connections")
    p.add_argument("--seconds", type=float, default=20.0, help="measured seconds per phase")
    base.add_run_options(p)
    p.add_argument("--organisations", type=int, default=1000)
    p.add_argument("--listings", type=int, default=100_000)
    p.add_argument("--searches", type=int, default=500, help="distinct searches per mix")
    p.add_argument("--samples", type=int, default=25, help="searches EXPLAINed per mix")
    p.add_argument(
        "--limit", type=int, help="page size sent with every search (default: the API's)"
    )
    p.add_argument("--seed", type=int, default=2018, help="random seed (data and searches)")
    p.add_argument("--phases", default="1,2", help="1 (HTTP) and/or 2 (floor); plans always")
    p.add_argument(
        "--database-url",
        default=os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL"),
        help="PostgreSQL server to create the throwaway database on (default: "
        "$TEST_DATABASE_URL, else $DATABASE_URL's server, else an embedded PostgreSQL in a "
        "temp dir)",
    )
    p.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="py-spy record each service worker during phase 1 into DIR and summarise "
        "where the service's CPU went (needs .venv/bin/pip install py-spy)",
    )
    p.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="MIX=SHARE",
        help='change a query mix\'s share, e.g. --weight "text only=0" (0 drops it; the '
        "shares are then scaled to add up to 1)",
    )
    p.add_argument("--json", action="store_true", help="also print one JSON object last")
    args = p.parse_args(argv)
    weights = dict(MIXES)
    for item in args.weight:
        name, _, share = item.rpartition("=")
        if name not in weights:
            p.error(f"--weight: no mix {name!r}; mixes: {', '.join(weights)}")
        weights[name] = float(share)
    total = sum(weights.values())
    if total <= 0:
        p.error("--weight: no traffic left")
    MIXES = tuple((name, w / total) for name, w in weights.items() if w > 0)
    if args.clients < 1 or args.seconds <= 0 or args.organisations < 140 or args.listings < 1:
        p.error("--clients, --seconds, --listings must be positive; --organisations >= 140")
    args.phase_set = {int(x) for x in args.phases.split(",") if x.strip()}
    if not args.phase_set <= {1, 2}:
        p.error("--phases takes 1 and/or 2")
    return args


def choose_generator(args: argparse.Namespace) -> str:
    has_wrk = shutil.which("wrk") is not None
    if args.client == "wrk" and not has_wrk:
        raise SystemExit("wrk is not installed (apt-get install wrk), or use --client python")
    return "wrk" if has_wrk and args.client != "python" else "python"


class Run:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.cleanup = base.Cleanup()
        self.generator = choose_generator(args) if 1 in args.phase_set else "none"
        self.env: dict[str, Any] = {
            "nproc": os.cpu_count(),
            "cpu_model": base.cpu_model(),
            "python": platform.python_version(),
            "git": base.git_revision(),
        }
        self.workdir = Path(tempfile.mkdtemp(prefix="tc-bench-dir-"))
        self.cleanup.push(lambda: shutil.rmtree(self.workdir, ignore_errors=True), "temp dir")
        self.meter = base.CpuMeter(None, None)
        self.pepper = "bench-pepper-" + secrets.token_hex(16)
        self.phases: list[PhaseResult] = []
        self.seeded: Seeded | None = None
        self.scans: dict[str, int] = {}
        self.plans: list[MixPlans] = []
        self.full_plans: dict[str, str] = {}
        self.uses_index = False

    def quiet(self) -> None:
        if self.args.wait_idle > 0:
            base.wait_for_quiet(self.args.wait_idle)

    def database(self) -> str:
        args = self.args
        server_url, self.meter.postmaster_pid = base.open_server(args, self.workdir, self.cleanup)
        name = f"tc_bench_dir_{secrets.token_hex(4)}"
        base.run_async(base._admin(server_url, f'CREATE DATABASE "{name}"'))
        drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        self.cleanup.push(lambda: base.run_async(base._admin(server_url, drop)), "the database")
        url = base.with_database(server_url, name)
        log(f"database {name}: migrating")
        dbmod.migrate(url)
        log(f"seeding {args.organisations:,} organisations and {args.listings:,} listings")
        rng = random.Random(args.seed)
        self.seeded = base.run_async(
            seed(url, self.pepper.encode(), args.organisations, args.listings, rng)
        )
        facts = base.run_async(base.server_facts(url))
        postmaster = facts.pop("postmaster_pid")
        self.env.update(facts)
        if self.meter.postmaster_pid is None:
            self.meter.postmaster_pid = postmaster
        return url

    def execute(self) -> None:
        args = self.args
        busy = base.sample_busy_pct(1.0)
        self.env["busy_before_start_pct"] = busy
        if busy > 10:
            log(f"warning: the machine is already {busy:.0f}% busy with other work; "
                "figures will be worse (see 'other processes')")  # fmt: skip
        url = self.database()
        assert self.seeded is not None
        searches = make_searches(random.Random(args.seed + 7), args.searches, args.limit)
        compiled = {
            mix: [base.run_async(s.sql()) for s in items] for mix, items in searches.items()
        }
        if 1 in args.phase_set:
            extra = dict(e.split("=", 1) for e in args.env)
            service = base.Service(
                url,
                self.pepper,
                args.workers,
                args.port or base.free_port(),
                extra,
                self.workdir / "service.log",
            )
            self.cleanup.push(service.stop, "the service")
            log(f"starting: {shlex.join(service.command)}")
            service.wait_ready()
            self.meter.service_pid = service.proc.pid
            before = base.run_async(index_scans(url))
            self.quiet()
            profile = None
            if args.profile:
                pids = service.worker_pids()

                def profile() -> Callable[[], list[Path]]:
                    return base.start_profilers(pids, args.seconds, args.profile, "raw")

            phase = http_phase(
                service.base_url, self.seeded.key_secret, searches, args, self.meter,
                self.generator, self.workdir, profile,
            )  # fmt: skip
            self.phases.append(phase)
            log(summary_line(phase))
            if phase.total.profiles:
                summary = base.summarise_profile(
                    [Path(p) for p in phase.total.profiles],
                    phase.total.cpu_ms_per_op.get("service"),
                )
                (args.profile / "summary.txt").write_text(summary + "\n")
                print(summary, file=sys.stderr)
            service.stop()  # its backends exit and flush their statistics
            self.meter.service_pid = None
            time.sleep(1.0)
            after = base.run_async(index_scans(url))
            self.scans = {
                k: after[k] - before.get(k, 0) for k in sorted(after) if after[k] - before.get(k, 0)
            }
        if 2 in args.phase_set:
            log(f"phase 2: {args.clients} connections, the service's SQL per search")
            self.quiet()
            phase = base.run_async(
                floor_phase(url, self.seeded.key_digest, compiled, args, self.meter)
            )
            self.phases.append(phase)
            log(summary_line(phase))
        log(f"plans: EXPLAIN ANALYZE of {args.samples} searches per mix")
        self.full_plans, self.uses_index, self.plans = base.run_async(
            explain_phase(url, compiled, searches, args.samples, random.Random(args.seed + 9))
        )

    def result(self, command: str) -> dict[str, Any]:
        args = self.args
        targets: dict[str, tuple[bool, str]] = {}
        service = next((p for p in self.phases if p.name == "service"), None)
        if service is not None:
            p95 = service.total.p95_ms
            targets[f"p95 <= {TARGET_P95_MS:g} ms at {args.clients} clients (all searches)"] = (
                p95 is not None and p95 <= TARGET_P95_MS,
                f"{base.fmt_ms(p95)} ms",
            )
            for m in service.mixes:
                targets[f"p95 <= {TARGET_P95_MS:g} ms, {m.name}"] = (
                    m.p95_ms is not None and m.p95_ms <= TARGET_P95_MS,
                    f"{base.fmt_ms(m.p95_ms)} ms",
                )
        used = [ix for ix in SEARCH_INDEXES if any(ix in p for p in self.full_plans.values())]
        targets[f"{EXPLAINED_MIX} uses an index ({' or '.join(SEARCH_INDEXES)})"] = (
            self.uses_index,
            ", ".join(used) or "no index: sequential scan",
        )
        assert self.seeded is not None
        seeded = asdict(self.seeded)
        for secret in ("key_secret", "key_digest", "database_url"):
            seeded.pop(secret)
        return {
            "command": command,
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "clients": args.clients,
            "seconds": args.seconds,
            "warmup": args.warmup,
            "workers": args.workers,
            "limit": args.limit,
            "load_generator": self.generator,
            "environment": self.env,
            "seeded": seeded,
            "phases": [
                {"name": p.name, "total": asdict(p.total), "mixes": [asdict(m) for m in p.mixes]}
                for p in self.phases
            ],
            "index_scans": self.scans,
            "plans": [{k: v for k, v in asdict(mp).items() if k != "slowest"} for mp in self.plans],
            "targets": targets,
            "_plans": self.plans,
            "_full_plans": self.full_plans,
        }


def summary_line(p: PhaseResult) -> str:
    t = p.total
    errors = f", errors {t.errors}" if t.errors else ""
    return (
        f"{p.name}: {t.requests:,} searches in {t.seconds:.1f} s = {t.throughput:,.0f}/s, "
        f"p50 {base.fmt_ms(t.p50_ms)} ms, p95 {base.fmt_ms(t.p95_ms)} ms, "
        f"p99 {base.fmt_ms(t.p99_ms)} ms{errors}"
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = shlex.join([".venv/bin/python", "bench/directory.py", *(argv or sys.argv[1:])])
    run = base.run_to_end(lambda: Run(args))
    if run is None:
        return 130
    result = run.result(command)
    print(markdown(result, run.phases))
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if not k.startswith("_")}))
    if not run.uses_index:
        log(f"FAILED: the {EXPLAINED_MIX} search reads listings without an index")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
