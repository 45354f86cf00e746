"""The directory benchmark's country: organisations and listings around ~70 towns of England
and Wales, with a vocabulary people really search, seeded into a throwaway database.

Organisations go through the services (the code the API runs) and get a profile by UPDATE;
100,000 listings go in with COPY (the migration's trigger fills the search columns, as for
any write). Everything is drawn from one random seed, so two runs see the same data."""

from __future__ import annotations

import json
import math
import random
import re
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg
from harness import Writer, json_codec, log

from app import db as dbmod
from app.ids import new_id
from app.models.directory import WEEKDAYS
from app.models.keys import ApiKeyIssue
from app.models.organisations import OrganisationCreate, ProgrammeCreate
from app.services import keys, listings, organisations

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
SPEND_NOUNS = ("Leisure Centre", "Theatre", "Arts Centre", "Museum", "Climbing Wall", "Cinema",
    "Community Pool", "Heritage Trust", "Music Hall", "Gallery")  # fmt: skip
EARN_NOUNS = ("Community Garden", "Food Bank", "Good Neighbours", "Recovery Café",
    "Lunch Club", "Community Centre", "Dial-a-Ride", "Befriending Scheme", "Youth Project",
    "Repair Café")  # fmt: skip
STREETS = ("High Street", "Station Road", "Church Street", "Market Place", "Park Road",
    "Victoria Road", "Mill Lane", "King Street", "Queen Street", "Bridge Street",
    "London Road", "New Road", "Chapel Street", "The Parade", "Castle Street")  # fmt: skip
COMMITMENTS = ("2 hours a week", "One morning a week", "A few hours a month",
    "Flexible, as you can", "One evening a week", "3 hours a fortnight",
    "One Saturday a month")  # fmt: skip
FEATURES = ("step_free", "wheelchair", "accessible_toilet", "changing_places", "lift",
    "hearing_loop", "bsl", "large_print", "quiet_space", "assistance_dogs",
    "accessible_parking", "public_transport")  # fmt: skip
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


@dataclass
class Org:
    """A seeded organisation: where its listings go and what they are mostly about."""

    id: str
    roles: list[str]
    town: Town
    lat: float
    lon: float
    address: str
    postcode: str
    categories: dict[str, list[str]]  # kind -> its main categories

    @property
    def kinds(self) -> list[str]:
        return [k for r, k in (("spend", "offer"), ("earn", "opportunity"))
                if f"{r}_partner" in self.roles]  # fmt: skip


@dataclass
class Seeded:
    key: str  # a directory:read key
    organisations: int
    listings: int
    active: int
    seconds: float


async def _organisations(w: Writer, n: int, rng: random.Random) -> list[Org]:
    """A programme per town; every town gets two organisations, the rest follow town sizes."""
    programmes = {}
    for town in TOWNS:
        p = await w.write(organisations.create_programme, ProgrammeCreate(
            name=f"{town.name} Time Credits", place=town.name, focus="Community",
            starts_on=date(2020, 1, 1),
        ))  # fmt: skip
        programmes[town.name] = p.id
    homes = [t for t in TOWNS for _ in range(2)]
    homes += rng.choices(TOWNS, [t.weight for t in TOWNS], k=max(0, n - len(homes)))
    orgs, profiles = [], []
    for town in homes[:n]:
        roll = rng.random()
        roles = ["spend_partner"] if roll < 0.45 else ["earn_partner"] if roll < 0.9 else [
            "earn_partner", "spend_partner"]  # fmt: skip
        name = (
            f"{town.name} {rng.choice(SPEND_NOUNS if roles == ['spend_partner'] else EARN_NOUNS)}"
        )
        created = await w.write(organisations.create_organisation, OrganisationCreate(
            name=name, roles=roles, programme_ids=[programmes[town.name]]
        ))  # fmt: skip
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
        own = sorted({c for k in org.kinds for c in cats[k]})
        profiles.append((
            org.id, f"{name}: {rng.choice(SENTENCES[own[0]])}", f"https://{slug}.example.org",
            f"hello@{slug}.example.org", f"01632 960{rng.randint(0, 999):03d}", org.address,
            town.name, org.postcode, lat, lon,
            [{"day": d, "opens": "09:00", "closes": "17:00"} for d in WEEKDAYS[:5]],
            sorted(rng.sample(FEATURES, rng.randint(0, 4))), own[:10],
        ))  # fmt: skip
    await w.conn.executemany(
        """UPDATE organisations SET description = $2, website = $3, public_email = $4,
                  public_phone = $5, address_line = $6, town = $7, postcode = $8, latitude = $9,
                  longitude = $10, opening_hours = $11, accessibility = $12, categories = $13
            WHERE id = $1""",
        profiles,
    )
    return orgs


def _listing(org: Org, rng: random.Random, today: date, now: datetime) -> tuple[Any, ...]:
    """One offer or opportunity: mostly in its organisation's categories, 70 % at its
    address, with clutter (3 % archived, 5 % expired) as a real directory has."""
    kind = rng.choice(org.kinds)
    vocab = OFFER_TITLES if kind == "offer" else OPPORTUNITY_TITLES
    main = rng.choice(org.categories[kind]) if rng.random() < 0.8 else rng.choice(list(vocab))
    cats = [main, rng.choice(list(vocab))] if rng.random() < 0.3 else [main]
    title = rng.choice(vocab[main]) + rng.choice(QUALIFIERS).format(town=org.town.name)
    sentences = rng.sample(SENTENCES[main], min(2, len(SENTENCES[main]))) + rng.sample(GENERIC, 2)
    own = rng.random() < 0.3
    if own:
        lat, lon = jitter(rng, org.lat, org.lon, 2.0)
        place = (f"{rng.randint(1, 200)} {rng.choice(STREETS)}", org.town.name,
                 postcode(rng, org.town.area), lat, lon)  # fmt: skip
    else:
        place = (org.address, org.town.name, org.postcode, org.lat, org.lon)
    valid_from = today - timedelta(days=rng.randint(0, 365))
    roll = rng.random()
    valid_until = (None if roll < 0.6 else today + timedelta(days=rng.randint(1, 365))
                   if roll < 0.95 else today - timedelta(days=rng.randint(1, 60)))  # fmt: skip
    if valid_until is not None:
        valid_from = min(valid_from, valid_until)
    created = now - timedelta(seconds=rng.randint(0, 365 * 86400))
    return (
        new_id("off" if kind == "offer" else "opp"), kind, org.id, title[:200],
        " ".join(sentences).format(town=org.town.name), json.dumps(schedule(rng)), valid_from,
        valid_until, rng.choice((None, 6, 10, 12, 20, 30)),
        rng.choice(PRICES) if kind == "offer" else None,
        rng.choice(COMMITMENTS) if kind == "opportunity" else None, own,
        created if rng.random() < 0.03 else None, *place,
        sorted(rng.sample(FEATURES, rng.randint(0, 4))),
        listings.categories(main, cats),  # the main one first, as the API stores them
        created, created,
    )  # fmt: skip


COLUMNS = (
    "id", "kind", "organisation_id", "title", "description", "schedule", "valid_from",
    "valid_until", "capacity", "price", "commitment", "own_location", "archived_at",
    "address_line", "town", "postcode", "latitude", "longitude", "accessibility", "categories",
    "created_at", "updated_at",
)  # fmt: skip


async def seed(url: str, pepper: bytes, n_orgs: int, n_listings: int, seed_: int) -> Seeded:
    """Organisations and a directory:read key, then the listings, then VACUUM ANALYZE."""
    t0, rng = time.perf_counter(), random.Random(seed_)
    conn = await asyncpg.connect(dbmod.plain_url(url))
    await json_codec(conn)
    try:
        async with conn.transaction():
            w = Writer(conn, pepper)
            await w.operator("Directory operator")
            orgs = await _organisations(w, n_orgs, rng)
            key = await w.write(keys.issue, ApiKeyIssue(
                organisation_id=orgs[0].id, name="bench directory", scopes=["directory:read"]
            ))  # fmt: skip
    finally:
        await conn.close()
    log(f"{len(orgs):,} organisations in {time.perf_counter() - t0:.0f} s; listings next")
    today, now = datetime.now(UTC).date(), datetime.now(UTC)
    conn = await asyncpg.connect(dbmod.plain_url(url))  # no codec: COPY sends jsonb as text
    try:
        for start in range(0, n_listings, 20_000):
            batch = [_listing(rng.choice(orgs), rng, today, now)
                     for _ in range(min(20_000, n_listings - start))]  # fmt: skip
            await conn.copy_records_to_table("listings", records=batch, columns=COLUMNS)
            log(f"listings: {start + len(batch):,} / {n_listings:,} "
                f"({time.perf_counter() - t0:.0f} s)")  # fmt: skip
        await conn.execute("VACUUM (ANALYZE) listings, organisations, organisation_programmes")
        active = await conn.fetchval(
            """SELECT count(*) FROM listings WHERE archived_at IS NULL
                 AND (valid_until IS NULL OR valid_until >= current_date)"""
        )
    finally:
        await conn.close()
    return Seeded(key.secret, len(orgs), n_listings, active, time.perf_counter() - t0)
