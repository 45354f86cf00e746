"""Demo data for the Time Credits partner API: programmes, organisations, members.

Pure data and typed dataclasses (stdlib only) for seeding a demo or development
database. Nothing here imports from the rest of the app.

Source of the programme table: ``shared/seeds/000_43635bfdce60f28b.txt`` (Tempo,
"Time Credits for better health & social care outcomes", 2018), section "Tempo Time
Credits for health & social care outcomes", projects 1-13. Programme names,
locations, focus, dates and "No. of participants as of Oct 18" are copied exactly
from that table. A year range "2016 - 2018" is read as 2016-01-01 to 2018-12-31,
"2014 - ongoing" as starting 2014-01-01 with no end date.

Named partners taken from the other seeds: the Cuppas community café in
Micklefield (High Wycombe), Chiltern Dial-a-Ride, the Mind the Gap self-help group
and the Wycombe Swan Theatre (``003_98cbf98b15013410.txt``); Look Ahead Care and
Support and London spending at the Tower of London and on climbing
(``002_2803512df45acbb3.txt``); the Llanelli town-centre craft group
(``000_43635bfdce60f28b.txt``). Commissioners are plausible real commissioners for
each place; other partners are realistic-sounding local organisations or
well-known real venues. Coordinates are approximate WGS84 points in each place and
postcode districts are real outward codes, never full postcodes.

The directory (organisations' public profiles, offers and opportunities) is data too:
PROFILES (address, phone, opening hours, accessibility per organisation), ACTIVITIES
(what each `activities` label becomes as a listing: categories, weekly schedule,
capacity, price or commitment) and LISTING_DETAILS (one organisation's version, with
the seeds' facts: "Run the Cuppas café on Mondays", "Volunteer driver, Chiltern
Dial-a-Ride", the Llanelli town-centre craft group, a listing's own place).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.models.directory import WEEKDAYS

OPERATOR_NAME: str = "Tempo Time Credits"


@dataclass(frozen=True, slots=True)
class DemoOrganisation:
    """An organisation in the demo network (commissioner, partner or prescriber)."""

    name: str
    # Subset of "commissioner", "earn_partner", "spend_partner", "prescriber".
    roles: tuple[str, ...]
    description: str
    town: str
    postcode_district: str  # outward code only, e.g. "N17"
    lat: float
    lon: float
    # Earn partners: volunteering activity labels used in earnings
    # ("Cuppas café shift"). Spend partners: what a credit buys ("Swim session").
    activities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DemoProgramme:
    """A Time Credits programme from the seed's health & social care table."""

    name: str
    place: str
    focus: str
    starts_on: date
    ends_on: date | None
    participants_oct_2018: int | None
    commissioner: DemoOrganisation
    earn_partners: tuple[DemoOrganisation, ...]  # 2-4
    spend_partners: tuple[DemoOrganisation, ...]  # 2-4
    postcode_districts: tuple[str, ...]  # real outward codes of the place, for members


_COMMISSIONER: tuple[str, ...] = ("commissioner",)
_EARN: tuple[str, ...] = ("earn_partner",)
_SPEND: tuple[str, ...] = ("spend_partner",)

# --------------------------------------------------------------------------
# 1. City & Hackney Homelessness Services (London Borough of Hackney)
# --------------------------------------------------------------------------

_HACKNEY_COUNCIL = DemoOrganisation(
    name="London Borough of Hackney",
    roles=_COMMISSIONER,
    description="Local authority commissioning homelessness and supported housing "
    "services in Hackney.",
    town="London",
    postcode_district="E8",
    lat=51.5450,
    lon=-0.0553,
    activities=(),
)
_LOOK_AHEAD_HACKNEY = DemoOrganisation(
    name="Look Ahead Care and Support (Hackney services)",
    roles=_EARN,
    description="Supported housing for people with mental illness or experience of "
    "homelessness; residents earn credits for running their service together.",
    town="London",
    postcode_district="E5",
    lat=51.5583,
    lon=-0.0546,
    activities=(
        "Residents' meeting facilitation",
        "Peer-led women's support group",
        "Hostel garden volunteering",
        "Social outing organising",
    ),
)
_MARE_STREET_KITCHEN = DemoOrganisation(
    name="Mare Street Community Kitchen",
    roles=_EARN,
    description="Drop-in community kitchen serving hot meals for people who are "
    "homeless or vulnerably housed.",
    town="London",
    postcode_district="E8",
    lat=51.5418,
    lon=-0.0571,
    activities=("Community kitchen shift", "Food bank sorting"),
)
_HACKNEY_WICK_GARDEN = DemoOrganisation(
    name="Hackney Wick Community Garden",
    roles=_EARN,
    description="Volunteer-run growing space by the canal with weekly gardening sessions.",
    town="London",
    postcode_district="E9",
    lat=51.5437,
    lon=-0.0251,
    activities=("Gardening session", "Event DJing"),
)
_TOWER_OF_LONDON = DemoOrganisation(
    name="Tower of London",
    roles=_SPEND,
    description="Historic Royal Palaces fortress and home of the Crown Jewels.",
    town="London",
    postcode_district="EC3N",
    lat=51.5081,
    lon=-0.0759,
    activities=("Tower of London entry",),
)
_HACKNEY_EMPIRE = DemoOrganisation(
    name="Hackney Empire",
    roles=_SPEND,
    description="Victorian variety theatre on Mare Street.",
    town="London",
    postcode_district="E8",
    lat=51.5456,
    lon=-0.0560,
    activities=("Theatre ticket",),
)
_CASTLE_CLIMBING = DemoOrganisation(
    name="The Castle Climbing Centre",
    roles=_SPEND,
    description="Indoor climbing centre in a converted Victorian water-pumping "
    "station on Green Lanes.",
    town="London",
    postcode_district="N4",
    lat=51.5653,
    lon=-0.0926,
    activities=("Climbing session", "Taster climbing course"),
)

# --------------------------------------------------------------------------
# 2 & 3. Haringey Recovery and Haringey Mental Health (London Borough of Haringey)
# Both programmes share a place, so they share spend partners (same objects).
# --------------------------------------------------------------------------

_HARINGEY_COUNCIL = DemoOrganisation(
    name="London Borough of Haringey",
    roles=_COMMISSIONER,
    description="Local authority; its public health team commissions drug and "
    "alcohol recovery services in Haringey.",
    town="London",
    postcode_district="N22",
    lat=51.5973,
    lon=-0.1107,
    activities=(),
)
_HARINGEY_CCG = DemoOrganisation(
    name="NHS Haringey CCG",
    roles=_COMMISSIONER,
    description="Clinical commissioning group for Haringey, commissioning community "
    "mental health support.",
    town="London",
    postcode_district="N15",
    lat=51.5825,
    lon=-0.0746,
    activities=(),
)
_HARINGEY_RECOVERY_SERVICE = DemoOrganisation(
    name="Haringey Recovery Service",
    roles=_EARN,
    description="Community drug and alcohol recovery service near Seven Sisters.",
    town="London",
    postcode_district="N15",
    lat=51.5818,
    lon=-0.0728,
    activities=("Peer mentoring session", "Mutual aid meeting set-up"),
)
_TOTTENHAM_RECOVERY_CAFE = DemoOrganisation(
    name="Tottenham Recovery Café",
    roles=_EARN,
    description="Alcohol-free café run by and for people in recovery.",
    town="London",
    postcode_district="N17",
    lat=51.5931,
    lon=-0.0702,
    activities=("Recovery café shift", "Cookery class helper"),
)
_NORTHUMBERLAND_PARK_GROWERS = DemoOrganisation(
    name="Northumberland Park Growers",
    roles=_EARN,
    description="Estate food-growing project with recovery and wellbeing sessions.",
    town="London",
    postcode_district="N17",
    lat=51.6048,
    lon=-0.0617,
    activities=("Gardening session", "Allotment open day steward"),
)
_MIND_IN_HARINGEY = DemoOrganisation(
    name="Mind in Haringey",
    roles=_EARN,
    description="Local mental health charity running peer support and wellbeing groups.",
    town="London",
    postcode_district="N22",
    lat=51.5962,
    lon=-0.1089,
    activities=("Peer support group", "Service user forum", "Wellbeing walk leading"),
)
_WOOD_GREEN_CRAFT_COLLECTIVE = DemoOrganisation(
    name="Wood Green Craft Collective",
    roles=_EARN,
    description="Weekly craft group for people with lived experience of mental ill health.",
    town="London",
    postcode_district="N22",
    lat=51.5988,
    lon=-0.1121,
    activities=("Craft group session", "Craft stall volunteering"),
)
_HORNSEY_COMMUNITY_CAFE = DemoOrganisation(
    name="Hornsey Community Café",
    roles=_EARN,
    description="Pay-what-you-can community café in a church hall in Crouch End.",
    town="London",
    postcode_district="N8",
    lat=51.5801,
    lon=-0.1235,
    activities=("Community café shift", "Lunch club washing-up"),
)
_TOTTENHAM_GREEN_POOLS = DemoOrganisation(
    name="Tottenham Green Pools & Fitness",
    roles=_SPEND,
    description="Council leisure centre with swimming pools and gym.",
    town="London",
    postcode_district="N15",
    lat=51.5878,
    lon=-0.0718,
    activities=("Swim session", "Gym session"),
)
_ALLY_PALLY_ICE_RINK = DemoOrganisation(
    name="Alexandra Palace Ice Rink",
    roles=_SPEND,
    description="Public ice rink at Alexandra Palace.",
    town="London",
    postcode_district="N22",
    lat=51.5942,
    lon=-0.1302,
    activities=("Ice skating session",),
)
_JACKSONS_LANE = DemoOrganisation(
    name="Jacksons Lane",
    roles=_SPEND,
    description="Arts centre and theatre in a former church in Highgate.",
    town="London",
    postcode_district="N6",
    lat=51.5712,
    lon=-0.1440,
    activities=("Theatre ticket", "Circus skills class"),
)
_PARK_ROAD_POOLS = DemoOrganisation(
    name="Park Road Pools & Fitness",
    roles=_SPEND,
    description="Indoor and outdoor pools in Crouch End.",
    town="London",
    postcode_district="N8",
    lat=51.5840,
    lon=-0.1247,
    activities=("Swim session", "Lido swim"),
)

# --------------------------------------------------------------------------
# 4. Buckinghamshire Positive Ageing (Buckinghamshire)
# --------------------------------------------------------------------------

_BUCKS_CC = DemoOrganisation(
    name="Buckinghamshire County Council",
    roles=_COMMISSIONER,
    description="County council running Prevention Matters, helping older people "
    "live healthily and independently for longer.",
    town="Aylesbury",
    postcode_district="HP20",
    lat=51.8163,
    lon=-0.8126,
    activities=(),
)
_CUPPAS = DemoOrganisation(
    name="Cuppas Community Café",
    roles=_EARN,
    description="Community café in Micklefield run by older and disabled volunteers, "
    "starting the week for older people in the area.",
    town="High Wycombe",
    postcode_district="HP13",
    lat=51.6352,
    lon=-0.7226,
    activities=("Cuppas café shift", "Outing organising"),
)
_CHILTERN_DIAL_A_RIDE = DemoOrganisation(
    name="Chiltern Dial-a-Ride",
    roles=_EARN,
    description="Door-to-door transport in wheelchair-accessible minibuses for "
    "people who cannot use public transport.",
    town="Amersham",
    postcode_district="HP6",
    lat=51.6742,
    lon=-0.6065,
    activities=("Dial-a-ride driving", "Passenger escort"),
)
_MIND_THE_GAP = DemoOrganisation(
    name="Mind the Gap Self-Help Group",
    roles=_EARN,
    description="Peer self-help group whose members organise activities that "
    "support their mental health.",
    town="Aylesbury",
    postcode_district="HP19",
    lat=51.8221,
    lon=-0.8277,
    activities=("Self-help group session", "Lunch club taster session"),
)
_WYCOMBE_SWAN = DemoOrganisation(
    name="Wycombe Swan Theatre",
    roles=_SPEND,
    description="Theatre in the centre of High Wycombe.",
    town="High Wycombe",
    postcode_district="HP11",
    lat=51.6284,
    lon=-0.7478,
    activities=("Theatre ticket",),
)
_WYCOMBE_LEISURE = DemoOrganisation(
    name="Wycombe Leisure Centre",
    roles=_SPEND,
    description="Leisure centre with pools and fitness suite at Handy Cross.",
    town="High Wycombe",
    postcode_district="HP11",
    lat=51.6167,
    lon=-0.7536,
    activities=("Swim session", "Over-60s fitness class"),
)
_BUCKS_MUSEUM = DemoOrganisation(
    name="Buckinghamshire County Museum",
    roles=_SPEND,
    description="County museum and Roald Dahl Children's Gallery in Aylesbury.",
    town="Aylesbury",
    postcode_district="HP20",
    lat=51.8168,
    lon=-0.8141,
    activities=("Museum visit", "Family day out"),
)

# --------------------------------------------------------------------------
# 5. Cheshire West & Chester Positive Ageing (Cheshire West & Chester)
# --------------------------------------------------------------------------

_CWAC_COUNCIL = DemoOrganisation(
    name="Cheshire West and Chester Council",
    roles=_COMMISSIONER,
    description="Unitary authority commissioning positive ageing and loneliness prevention work.",
    town="Chester",
    postcode_district="CH1",
    lat=53.1902,
    lon=-2.8950,
    activities=(),
)
_BLACON_LUNCH_CLUB = DemoOrganisation(
    name="Blacon Lunch Club",
    roles=_EARN,
    description="Weekly two-course lunch and company for older residents of Blacon.",
    town="Chester",
    postcode_district="CH1",
    lat=53.2047,
    lon=-2.9173,
    activities=("Lunch club kitchen shift", "Lunch club transport"),
)
_NORTHWICH_GOOD_NEIGHBOURS = DemoOrganisation(
    name="Northwich Good Neighbours",
    roles=_EARN,
    description="Befriending and practical help for older people living alone.",
    town="Northwich",
    postcode_district="CW8",
    lat=53.2600,
    lon=-2.5310,
    activities=("Befriending visit", "Shopping help"),
)
_ELLESMERE_PORT_CAFE = DemoOrganisation(
    name="Ellesmere Port Community Café",
    roles=_EARN,
    description="Community café and craft group in the town centre.",
    town="Ellesmere Port",
    postcode_district="CH65",
    lat=53.2789,
    lon=-2.9010,
    activities=("Community café shift", "Craft group session"),
)
_STORYHOUSE = DemoOrganisation(
    name="Storyhouse",
    roles=_SPEND,
    description="Theatre, cinema and library in Chester's restored Odeon building.",
    town="Chester",
    postcode_district="CH1",
    lat=53.1935,
    lon=-2.8917,
    activities=("Theatre ticket", "Cinema ticket"),
)
_NORTHGATE_ARENA = DemoOrganisation(
    name="Northgate Arena Leisure Centre",
    roles=_SPEND,
    description="Leisure centre with swimming pool near Chester city centre.",
    town="Chester",
    postcode_district="CH2",
    lat=53.1976,
    lon=-2.8884,
    activities=("Swim session", "Aqua aerobics class"),
)
_GROSVENOR_MUSEUM = DemoOrganisation(
    name="Grosvenor Museum",
    roles=_SPEND,
    description="Museum of Chester's Roman and local history.",
    town="Chester",
    postcode_district="CH1",
    lat=53.1868,
    lon=-2.8930,
    activities=("Museum workshop", "Guided museum tour"),
)

# --------------------------------------------------------------------------
# 6. Blackpool Active Communities & Recovery (Blackpool)
# --------------------------------------------------------------------------

_BLACKPOOL_COUNCIL = DemoOrganisation(
    name="Blackpool Council",
    roles=_COMMISSIONER,
    description="Unitary authority commissioning community and recovery support.",
    town="Blackpool",
    postcode_district="FY1",
    lat=53.8170,
    lon=-3.0505,
    activities=(),
)
_BLACKPOOL_RECOVERY_CAFE = DemoOrganisation(
    name="Blackpool Recovery Café",
    roles=_EARN,
    description="Peer-run café and drop-in for people in recovery from addiction.",
    town="Blackpool",
    postcode_district="FY1",
    lat=53.8105,
    lon=-3.0487,
    activities=("Recovery café shift", "Peer mentoring session"),
)
_REVOE_GARDEN = DemoOrganisation(
    name="Revoe Community Garden",
    roles=_EARN,
    description="Neighbourhood growing space in Revoe.",
    town="Blackpool",
    postcode_district="FY1",
    lat=53.8079,
    lon=-3.0436,
    activities=("Gardening session",),
)
_LAYTON_COMMUNITY_HUB = DemoOrganisation(
    name="Layton Community Hub",
    roles=_EARN,
    description="Community centre with a lunch club and activity groups.",
    town="Blackpool",
    postcode_district="FY3",
    lat=53.8283,
    lon=-3.0253,
    activities=("Lunch club kitchen shift", "Activity group setup"),
)
_BLACKPOOL_TOWER = DemoOrganisation(
    name="Blackpool Tower",
    roles=_SPEND,
    description="Victorian tower with the Tower Eye, ballroom and circus.",
    town="Blackpool",
    postcode_district="FY1",
    lat=53.8159,
    lon=-3.0553,
    activities=("Tower Eye entry", "Tower Ballroom tea dance"),
)
_GRAND_THEATRE_BLACKPOOL = DemoOrganisation(
    name="Blackpool Grand Theatre",
    roles=_SPEND,
    description="Frank Matcham theatre in Blackpool town centre.",
    town="Blackpool",
    postcode_district="FY1",
    lat=53.8178,
    lon=-3.0521,
    activities=("Theatre ticket",),
)
_PALATINE_LEISURE = DemoOrganisation(
    name="Palatine Leisure Centre",
    roles=_SPEND,
    description="Council leisure centre with pool and gym.",
    town="Blackpool",
    postcode_district="FY1",
    lat=53.8054,
    lon=-3.0437,
    activities=("Swim session", "Gym session"),
)

# --------------------------------------------------------------------------
# 7. Medway Active Communities (Medway)
# --------------------------------------------------------------------------

_MEDWAY_COUNCIL = DemoOrganisation(
    name="Medway Council",
    roles=_COMMISSIONER,
    description="Unitary authority commissioning active communities work for older people.",
    town="Chatham",
    postcode_district="ME4",
    lat=51.3846,
    lon=0.5279,
    activities=(),
)
_CHATHAM_LUNCH_CLUB = DemoOrganisation(
    name="Chatham Over-60s Lunch Club",
    roles=_EARN,
    description="Weekly lunch club in a community hall in Chatham.",
    town="Chatham",
    postcode_district="ME4",
    lat=51.3794,
    lon=0.5253,
    activities=("Lunch club kitchen shift", "Lunch club transport"),
)
_GILLINGHAM_GOOD_NEIGHBOURS = DemoOrganisation(
    name="Gillingham Good Neighbours",
    roles=_EARN,
    description="Volunteer befriending and lifts for older people.",
    town="Gillingham",
    postcode_district="ME7",
    lat=51.3872,
    lon=0.5487,
    activities=("Befriending visit", "Lift to appointment"),
)
_ROCHESTER_COMMUNITY_CAFE = DemoOrganisation(
    name="Rochester Community Café",
    roles=_EARN,
    description="Community café and knit-and-natter group off Rochester High Street.",
    town="Rochester",
    postcode_district="ME1",
    lat=51.3882,
    lon=0.5048,
    activities=("Community café shift", "Craft group session"),
)
_CENTRAL_THEATRE_CHATHAM = DemoOrganisation(
    name="Central Theatre Chatham",
    roles=_SPEND,
    description="Medway's main touring theatre on Chatham High Street.",
    town="Chatham",
    postcode_district="ME4",
    lat=51.3808,
    lon=0.5244,
    activities=("Theatre ticket",),
)
_HISTORIC_DOCKYARD = DemoOrganisation(
    name="The Historic Dockyard Chatham",
    roles=_SPEND,
    description="Maritime museum with historic warships and ropery.",
    town="Chatham",
    postcode_district="ME4",
    lat=51.3960,
    lon=0.5289,
    activities=("Museum visit",),
)
_MEDWAY_PARK = DemoOrganisation(
    name="Medway Park",
    roles=_SPEND,
    description="Regional sports centre with pool and fitness classes.",
    town="Gillingham",
    postcode_district="ME7",
    lat=51.3829,
    lon=0.5562,
    activities=("Swim session", "Over-60s fitness class"),
)

# --------------------------------------------------------------------------
# 8. Thanet Positive Ageing (Thanet)
# --------------------------------------------------------------------------

_THANET_CCG = DemoOrganisation(
    name="NHS Thanet CCG",
    roles=_COMMISSIONER,
    description="Clinical commissioning group for Thanet, commissioning positive ageing support.",
    town="Margate",
    postcode_district="CT9",
    lat=51.3853,
    lon=1.3889,
    activities=(),
)
_MARGATE_LUNCH_CLUB = DemoOrganisation(
    name="Cliftonville Lunch Club",
    roles=_EARN,
    description="Friendly weekly lunch for older people in Cliftonville.",
    town="Margate",
    postcode_district="CT9",
    lat=51.3893,
    lon=1.3977,
    activities=("Lunch club kitchen shift", "Lunch club transport"),
)
_BROADSTAIRS_CAFE = DemoOrganisation(
    name="Broadstairs Memory Café",
    roles=_EARN,
    description="Monthly café for people living with dementia and their carers.",
    town="Broadstairs",
    postcode_district="CT10",
    lat=51.3595,
    lon=1.4378,
    activities=("Memory café shift", "Singing group support"),
)
_RAMSGATE_GOOD_NEIGHBOURS = DemoOrganisation(
    name="Ramsgate Good Neighbours",
    roles=_EARN,
    description="Neighbourly help, gardening and befriending for older residents.",
    town="Ramsgate",
    postcode_district="CT11",
    lat=51.3357,
    lon=1.4169,
    activities=("Befriending visit", "Gardening for a neighbour"),
)
_THEATRE_ROYAL_MARGATE = DemoOrganisation(
    name="Theatre Royal Margate",
    roles=_SPEND,
    description="Georgian playhouse, one of the oldest working theatres in Britain.",
    town="Margate",
    postcode_district="CT9",
    lat=51.3884,
    lon=1.3836,
    activities=("Theatre ticket",),
)
_HARTSDOWN_LEISURE = DemoOrganisation(
    name="Hartsdown Leisure Centre",
    roles=_SPEND,
    description="Leisure centre with pool in Hartsdown Park.",
    town="Margate",
    postcode_district="CT9",
    lat=51.3849,
    lon=1.3651,
    activities=("Swim session",),
)
_RAMSGATE_TUNNELS = DemoOrganisation(
    name="Ramsgate Tunnels",
    roles=_SPEND,
    description="Guided tours of the Second World War air-raid tunnels.",
    town="Ramsgate",
    postcode_district="CT11",
    lat=51.3303,
    lon=1.4235,
    activities=("Guided tunnel tour",),
)

# --------------------------------------------------------------------------
# 9. Westminster Positive Ageing (Westminster)
# --------------------------------------------------------------------------

_WESTMINSTER_CC = DemoOrganisation(
    name="Westminster City Council",
    roles=_COMMISSIONER,
    description="Local authority commissioning positive ageing and older people's "
    "community support.",
    town="London",
    postcode_district="SW1E",
    lat=51.4975,
    lon=-0.1357,
    activities=(),
)
_CHURCH_STREET_LUNCH_CLUB = DemoOrganisation(
    name="Church Street Lunch Club",
    roles=_EARN,
    description="Lunch club and activities for older residents around Church Street market.",
    town="London",
    postcode_district="NW8",
    lat=51.5226,
    lon=-0.1700,
    activities=("Lunch club kitchen shift", "Chair exercise leading"),
)
_QUEENS_PARK_CAFE = DemoOrganisation(
    name="Queen's Park Community Café",
    roles=_EARN,
    description="Community café and older people's social club in Queen's Park.",
    town="London",
    postcode_district="W10",
    lat=51.5285,
    lon=-0.2051,
    activities=("Community café shift", "Social outing organising"),
)
_PIMLICO_GOOD_NEIGHBOURS = DemoOrganisation(
    name="Pimlico Good Neighbours",
    roles=_EARN,
    description="Befriending, phone calls and escorted walks for isolated older people.",
    town="London",
    postcode_district="SW1V",
    lat=51.4893,
    lon=-0.1378,
    activities=("Befriending visit", "Telephone befriending"),
)
_BAYSWATER_SHARED_GARDEN = DemoOrganisation(
    name="Bayswater Shared Garden",
    roles=_EARN,
    description="Estate garden tended by older residents and local families.",
    town="London",
    postcode_district="W2",
    lat=51.5139,
    lon=-0.1885,
    activities=("Gardening session",),
)
_COCKPIT_THEATRE = DemoOrganisation(
    name="The Cockpit Theatre",
    roles=_SPEND,
    description="Theatre in the round in Marylebone.",
    town="London",
    postcode_district="NW8",
    lat=51.5237,
    lon=-0.1683,
    activities=("Theatre ticket",),
)
_MARSHALL_STREET = DemoOrganisation(
    name="Marshall Street Leisure Centre",
    roles=_SPEND,
    description="Restored 1930s marble swimming baths in Soho.",
    town="London",
    postcode_district="W1F",
    lat=51.5130,
    lon=-0.1381,
    activities=("Swim session",),
)
_LORDS_MUSEUM = DemoOrganisation(
    name="Lord's Tour and MCC Museum",
    roles=_SPEND,
    description="Guided tours of Lord's Cricket Ground and the MCC Museum.",
    town="London",
    postcode_district="NW8",
    lat=51.5294,
    lon=-0.1727,
    activities=("Museum visit", "Ground tour"),
)

# --------------------------------------------------------------------------
# 10. Cornwall Vulnerable Adults (Penzance & St Austell)
# --------------------------------------------------------------------------

_CORNWALL_COUNCIL = DemoOrganisation(
    name="Cornwall Council",
    roles=_COMMISSIONER,
    description="Unitary authority commissioning substance use and vulnerable adults services.",
    town="Truro",
    postcode_district="TR1",
    lat=50.2632,
    lon=-5.0596,
    activities=(),
)
_PENZANCE_RECOVERY_CAFE = DemoOrganisation(
    name="Penzance Recovery Café",
    roles=_EARN,
    description="Peer-led café and drop-in for people in recovery in West Cornwall.",
    town="Penzance",
    postcode_district="TR18",
    lat=50.1187,
    lon=-5.5372,
    activities=("Recovery café shift", "Peer mentoring session"),
)
_ST_AUSTELL_KITCHEN = DemoOrganisation(
    name="St Austell Community Kitchen",
    roles=_EARN,
    description="Community kitchen and food share in St Austell town centre.",
    town="St Austell",
    postcode_district="PL25",
    lat=50.3392,
    lon=-4.7918,
    activities=("Community kitchen shift", "Food share collection"),
)
_PENWITH_GROWERS = DemoOrganisation(
    name="Penwith Community Growers",
    roles=_EARN,
    description="Therapeutic horticulture project on the edge of Penzance.",
    town="Penzance",
    postcode_district="TR18",
    lat=50.1235,
    lon=-5.5458,
    activities=("Gardening session",),
)
_JUBILEE_POOL = DemoOrganisation(
    name="Jubilee Pool",
    roles=_SPEND,
    description="Art Deco seawater lido on the Penzance promenade.",
    town="Penzance",
    postcode_district="TR18",
    lat=50.1137,
    lon=-5.5317,
    activities=("Swim session",),
)
_ACORN_THEATRE = DemoOrganisation(
    name="The Acorn Theatre",
    roles=_SPEND,
    description="Arts centre and theatre in a former chapel in Penzance.",
    town="Penzance",
    postcode_district="TR18",
    lat=50.1178,
    lon=-5.5381,
    activities=("Theatre ticket", "Film screening"),
)
_EDEN_PROJECT = DemoOrganisation(
    name="Eden Project",
    roles=_SPEND,
    description="Biomes and gardens in a former clay pit near St Austell.",
    town="St Austell",
    postcode_district="PL24",
    lat=50.3619,
    lon=-4.7447,
    activities=("Eden Project entry",),
)

# --------------------------------------------------------------------------
# 11. Cardiff & Vale Recovery (Cardiff & Vale)
# --------------------------------------------------------------------------

_CAV_UHB = DemoOrganisation(
    name="Cardiff and Vale University Health Board",
    roles=_COMMISSIONER,
    description="Health board for Cardiff and the Vale of Glamorgan, commissioning "
    "substance misuse recovery support.",
    town="Cardiff",
    postcode_district="CF14",
    lat=51.5068,
    lon=-3.1906,
    activities=(),
)
_SPLOTT_RECOVERY_CAFE = DemoOrganisation(
    name="Splott Recovery Café",
    roles=_EARN,
    description="Recovery café and mutual aid hub in Splott.",
    town="Cardiff",
    postcode_district="CF24",
    lat=51.4831,
    lon=-3.1562,
    activities=("Recovery café shift", "Mutual aid meeting set-up"),
)
_CANTON_GARDEN = DemoOrganisation(
    name="Canton Community Garden",
    roles=_EARN,
    description="Community garden with weekly recovery gardening group.",
    town="Cardiff",
    postcode_district="CF11",
    lat=51.4808,
    lon=-3.1994,
    activities=("Gardening session",),
)
_BARRY_PEER_SUPPORT = DemoOrganisation(
    name="Barry Peer Support Network",
    roles=_EARN,
    description="Peer mentors supporting people through recovery in the Vale of Glamorgan.",
    town="Barry",
    postcode_district="CF63",
    lat=51.4027,
    lon=-3.2684,
    activities=("Peer mentoring session", "Walking group leading"),
)
_SHERMAN_THEATRE = DemoOrganisation(
    name="Sherman Theatre",
    roles=_SPEND,
    description="Producing theatre in Cathays, Cardiff.",
    town="Cardiff",
    postcode_district="CF24",
    lat=51.4895,
    lon=-3.1717,
    activities=("Theatre ticket",),
)
_CARDIFF_INTERNATIONAL_POOL = DemoOrganisation(
    name="Cardiff International Pool",
    roles=_SPEND,
    description="Olympic-size pool and leisure pool at Cardiff Bay.",
    town="Cardiff",
    postcode_district="CF11",
    lat=51.4525,
    lon=-3.1849,
    activities=("Swim session",),
)
_BOULDERS_CARDIFF = DemoOrganisation(
    name="Boulders Indoor Climbing Centre",
    roles=_SPEND,
    description="Large indoor climbing and bouldering centre.",
    town="Cardiff",
    postcode_district="CF24",
    lat=51.4907,
    lon=-3.1522,
    activities=("Climbing session",),
)

# --------------------------------------------------------------------------
# 12. Llanelli Social Prescribing (Llanelli GP cluster)
# --------------------------------------------------------------------------

_HYWEL_DDA_UHB = DemoOrganisation(
    name="Hywel Dda University Health Board",
    roles=_COMMISSIONER,
    description="Health board for Carmarthenshire, Ceredigion and Pembrokeshire, "
    "commissioning the Llanelli GP cluster social prescribing pilot.",
    town="Llanelli",
    postcode_district="SA14",
    lat=51.6958,
    lon=-4.1367,
    activities=(),
)
_LLANELLI_SOCIAL_PRESCRIBING = DemoOrganisation(
    name="Llanelli GP Cluster Social Prescribing Service",
    roles=("prescriber", "earn_partner"),
    description="Social prescribers based in Llanelli GP surgeries, linking patients "
    "to community groups and courses.",
    town="Llanelli",
    postcode_district="SA15",
    lat=51.6826,
    lon=-4.1619,
    activities=("Peer befriending", "Wellbeing course co-facilitation"),
)
_LLANELLI_CRAFT_GROUP = DemoOrganisation(
    name="Llanelli Town Centre Craft Group",
    roles=_EARN,
    description="Craft group meeting weekly in the town centre.",
    town="Llanelli",
    postcode_district="SA15",
    lat=51.6807,
    lon=-4.1633,
    activities=("Craft group session", "Craft workshop leading"),
)
_FELINFOEL_GARDEN = DemoOrganisation(
    name="Felinfoel Community Garden",
    roles=_EARN,
    description="Village growing project with a weekly tea and chat.",
    town="Llanelli",
    postcode_district="SA14",
    lat=51.6931,
    lon=-4.1497,
    activities=("Gardening session",),
)
_FFWRNES_THEATRE = DemoOrganisation(
    name="Ffwrnes Theatre",
    roles=_SPEND,
    description="Theatre and arts venue in Llanelli town centre.",
    town="Llanelli",
    postcode_district="SA15",
    lat=51.6803,
    lon=-4.1609,
    activities=("Theatre ticket",),
)
_LLANELLI_LEISURE = DemoOrganisation(
    name="Llanelli Leisure Centre",
    roles=_SPEND,
    description="Leisure centre with swimming pool and fitness classes.",
    town="Llanelli",
    postcode_district="SA15",
    lat=51.6857,
    lon=-4.1678,
    activities=("Swim session", "Fitness class"),
)
_PARC_HOWARD = DemoOrganisation(
    name="Parc Howard Museum",
    roles=_SPEND,
    description="Museum and art gallery in a mansion set in parkland.",
    town="Llanelli",
    postcode_district="SA15",
    lat=51.6942,
    lon=-4.1568,
    activities=("Museum workshop",),
)

# --------------------------------------------------------------------------
# 13. Gwent Recovery (Gwent)
# --------------------------------------------------------------------------

_ABUHB = DemoOrganisation(
    name="Aneurin Bevan University Health Board",
    roles=_COMMISSIONER,
    description="Health board for Gwent, commissioning substance misuse recovery support.",
    town="Newport",
    postcode_district="NP18",
    lat=51.6097,
    lon=-2.9496,
    activities=(),
)
_NEWPORT_RECOVERY_CAFE = DemoOrganisation(
    name="Newport Recovery Café",
    roles=_EARN,
    description="Recovery café and peer support drop-in in Newport city centre.",
    town="Newport",
    postcode_district="NP20",
    lat=51.5884,
    lon=-2.9972,
    activities=("Recovery café shift", "Peer mentoring session"),
)
_MAINDEE_GARDEN = DemoOrganisation(
    name="Maindee Community Garden",
    roles=_EARN,
    description="Community growing and cooking project in Maindee.",
    town="Newport",
    postcode_district="NP19",
    lat=51.5879,
    lon=-2.9812,
    activities=("Gardening session", "Community meal cooking"),
)
_PONTYPOOL_PEERS = DemoOrganisation(
    name="Pontypool Peer Mentoring Project",
    roles=_EARN,
    description="Trained peer mentors supporting people in recovery in Torfaen.",
    town="Pontypool",
    postcode_district="NP4",
    lat=51.7017,
    lon=-3.0436,
    activities=("Peer mentoring session", "Mutual aid meeting set-up"),
)
_RIVERFRONT = DemoOrganisation(
    name="The Riverfront",
    roles=_SPEND,
    description="Newport's theatre and arts centre on the River Usk.",
    town="Newport",
    postcode_district="NP20",
    lat=51.5868,
    lon=-2.9929,
    activities=("Theatre ticket", "Art class"),
)
_NEWPORT_SPORTS_VILLAGE = DemoOrganisation(
    name="Newport International Sports Village",
    roles=_SPEND,
    description="Sports village with swimming pool, velodrome and tennis centre.",
    town="Newport",
    postcode_district="NP19",
    lat=51.5817,
    lon=-2.9640,
    activities=("Swim session", "Gym session"),
)
_BIG_PIT = DemoOrganisation(
    name="Big Pit National Coal Museum",
    roles=_SPEND,
    description="Mining museum with underground tours in Blaenavon.",
    town="Blaenavon",
    postcode_district="NP4",
    lat=51.7725,
    lon=-3.1060,
    activities=("Underground tour",),
)

# --------------------------------------------------------------------------
# The 13 programmes, in the seed table's order.
# --------------------------------------------------------------------------

PROGRAMMES: tuple[DemoProgramme, ...] = (
    DemoProgramme(
        name="City & Hackney Homelessness Services",
        place="London Borough of Hackney",
        focus="Mental Health",
        starts_on=date(2016, 1, 1),
        ends_on=date(2018, 12, 31),
        participants_oct_2018=205,
        commissioner=_HACKNEY_COUNCIL,
        earn_partners=(_LOOK_AHEAD_HACKNEY, _MARE_STREET_KITCHEN, _HACKNEY_WICK_GARDEN),
        spend_partners=(_TOWER_OF_LONDON, _HACKNEY_EMPIRE, _CASTLE_CLIMBING),
        postcode_districts=("E8", "E5", "E9", "N16"),
    ),
    DemoProgramme(
        name="Haringey Recovery",
        place="London Borough of Haringey",
        focus="Substance Use",
        starts_on=date(2014, 1, 1),
        ends_on=None,
        participants_oct_2018=525,
        commissioner=_HARINGEY_COUNCIL,
        earn_partners=(
            _HARINGEY_RECOVERY_SERVICE,
            _TOTTENHAM_RECOVERY_CAFE,
            _NORTHUMBERLAND_PARK_GROWERS,
        ),
        spend_partners=(_TOTTENHAM_GREEN_POOLS, _ALLY_PALLY_ICE_RINK, _JACKSONS_LANE),
        postcode_districts=("N15", "N17", "N22", "N8", "N4"),
    ),
    DemoProgramme(
        name="Haringey Mental Health",
        place="London Borough of Haringey",
        focus="Mental Health",
        starts_on=date(2015, 1, 1),
        ends_on=None,
        participants_oct_2018=973,
        commissioner=_HARINGEY_CCG,
        earn_partners=(
            _MIND_IN_HARINGEY,
            _WOOD_GREEN_CRAFT_COLLECTIVE,
            _HORNSEY_COMMUNITY_CAFE,
        ),
        # Shares Alexandra Palace Ice Rink and Jacksons Lane with Haringey Recovery.
        spend_partners=(_PARK_ROAD_POOLS, _ALLY_PALLY_ICE_RINK, _JACKSONS_LANE),
        postcode_districts=("N22", "N8", "N10", "N15", "N17", "N6"),
    ),
    DemoProgramme(
        name="Buckinghamshire Positive Ageing",
        place="Buckinghamshire",
        focus="Older People",
        starts_on=date(2018, 1, 1),
        ends_on=None,
        participants_oct_2018=None,  # the seed gives no figure for this programme
        commissioner=_BUCKS_CC,
        earn_partners=(_CUPPAS, _CHILTERN_DIAL_A_RIDE, _MIND_THE_GAP),
        spend_partners=(_WYCOMBE_SWAN, _WYCOMBE_LEISURE, _BUCKS_MUSEUM),
        postcode_districts=("HP19", "HP20", "HP21", "HP11", "HP12", "HP13", "HP6"),
    ),
    DemoProgramme(
        name="Cheshire West & Chester Positive Ageing",
        place="Cheshire West & Chester",
        focus="Older People",
        starts_on=date(2018, 1, 1),
        ends_on=None,
        participants_oct_2018=99,
        commissioner=_CWAC_COUNCIL,
        earn_partners=(
            _BLACON_LUNCH_CLUB,
            _NORTHWICH_GOOD_NEIGHBOURS,
            _ELLESMERE_PORT_CAFE,
        ),
        spend_partners=(_STORYHOUSE, _NORTHGATE_ARENA, _GROSVENOR_MUSEUM),
        postcode_districts=("CH1", "CH2", "CH3", "CH4", "CH65", "CW8", "CW9"),
    ),
    DemoProgramme(
        name="Blackpool Active Communities & Recovery",
        place="Blackpool",
        # Kept verbatim from the seed table; the focus was still to be decided
        # (read it as "Active communities & recovery").
        focus="TBD by Tempo",
        starts_on=date(2018, 1, 1),
        ends_on=None,
        participants_oct_2018=68,
        commissioner=_BLACKPOOL_COUNCIL,
        earn_partners=(_BLACKPOOL_RECOVERY_CAFE, _REVOE_GARDEN, _LAYTON_COMMUNITY_HUB),
        spend_partners=(
            _BLACKPOOL_TOWER,
            _GRAND_THEATRE_BLACKPOOL,
            _PALATINE_LEISURE,
        ),
        postcode_districts=("FY1", "FY2", "FY3", "FY4"),
    ),
    DemoProgramme(
        name="Medway Active Communities",
        place="Medway",
        focus="Older People",
        starts_on=date(2017, 1, 1),
        ends_on=None,
        participants_oct_2018=327,
        commissioner=_MEDWAY_COUNCIL,
        earn_partners=(
            _CHATHAM_LUNCH_CLUB,
            _GILLINGHAM_GOOD_NEIGHBOURS,
            _ROCHESTER_COMMUNITY_CAFE,
        ),
        spend_partners=(_CENTRAL_THEATRE_CHATHAM, _HISTORIC_DOCKYARD, _MEDWAY_PARK),
        postcode_districts=("ME1", "ME2", "ME4", "ME5", "ME7", "ME8"),
    ),
    DemoProgramme(
        name="Thanet Positive Ageing",
        place="Thanet",
        focus="Older People",
        starts_on=date(2018, 1, 1),
        ends_on=None,
        participants_oct_2018=217,
        commissioner=_THANET_CCG,
        earn_partners=(
            _MARGATE_LUNCH_CLUB,
            _BROADSTAIRS_CAFE,
            _RAMSGATE_GOOD_NEIGHBOURS,
        ),
        spend_partners=(_THEATRE_ROYAL_MARGATE, _HARTSDOWN_LEISURE, _RAMSGATE_TUNNELS),
        postcode_districts=("CT9", "CT10", "CT11", "CT12"),
    ),
    DemoProgramme(
        name="Westminster Positive Ageing",
        place="Westminster",
        focus="Older People",
        starts_on=date(2018, 1, 1),
        ends_on=None,
        # The seed adds: "though this is part of a wider programme of over 2000
        # participants".
        participants_oct_2018=419,
        commissioner=_WESTMINSTER_CC,
        earn_partners=(
            _CHURCH_STREET_LUNCH_CLUB,
            _QUEENS_PARK_CAFE,
            _PIMLICO_GOOD_NEIGHBOURS,
            _BAYSWATER_SHARED_GARDEN,
        ),
        spend_partners=(_COCKPIT_THEATRE, _MARSHALL_STREET, _LORDS_MUSEUM),
        postcode_districts=("W2", "W9", "W10", "NW8", "SW1V", "SW1P", "W1U"),
    ),
    DemoProgramme(
        name="Cornwall Vulnerable Adults",
        place="Penzance & St Austell (& expanding)",
        focus="Substance Use (year 1, then expanding)",
        starts_on=date(2018, 1, 1),
        ends_on=None,
        participants_oct_2018=288,
        commissioner=_CORNWALL_COUNCIL,
        earn_partners=(_PENZANCE_RECOVERY_CAFE, _ST_AUSTELL_KITCHEN, _PENWITH_GROWERS),
        spend_partners=(_JUBILEE_POOL, _ACORN_THEATRE, _EDEN_PROJECT),
        postcode_districts=("TR18", "TR20", "PL25", "PL26"),
    ),
    DemoProgramme(
        name="Cardiff & Vale Recovery",
        place="Cardiff & Vale",
        focus="Substance Use",
        starts_on=date(2016, 1, 1),
        ends_on=None,
        participants_oct_2018=230,
        commissioner=_CAV_UHB,
        earn_partners=(_SPLOTT_RECOVERY_CAFE, _CANTON_GARDEN, _BARRY_PEER_SUPPORT),
        spend_partners=(
            _SHERMAN_THEATRE,
            _CARDIFF_INTERNATIONAL_POOL,
            _BOULDERS_CARDIFF,
        ),
        postcode_districts=("CF10", "CF11", "CF24", "CF5", "CF14", "CF62", "CF63"),
    ),
    DemoProgramme(
        name="Llanelli Social Prescribing",
        place="Llanelli GP cluster",
        focus="Low level anxiety & depression",
        starts_on=date(2017, 1, 1),
        ends_on=None,
        participants_oct_2018=414,
        commissioner=_HYWEL_DDA_UHB,
        earn_partners=(
            _LLANELLI_SOCIAL_PRESCRIBING,
            _LLANELLI_CRAFT_GROUP,
            _FELINFOEL_GARDEN,
        ),
        spend_partners=(_FFWRNES_THEATRE, _LLANELLI_LEISURE, _PARC_HOWARD),
        postcode_districts=("SA14", "SA15", "SA16"),
    ),
    DemoProgramme(
        name="Gwent Recovery",
        place="Gwent",
        focus="Substance Use",
        starts_on=date(2017, 1, 1),
        ends_on=None,
        participants_oct_2018=87,
        commissioner=_ABUHB,
        earn_partners=(_NEWPORT_RECOVERY_CAFE, _MAINDEE_GARDEN, _PONTYPOOL_PEERS),
        spend_partners=(_RIVERFRONT, _NEWPORT_SPORTS_VILLAGE, _BIG_PIT),
        postcode_districts=("NP19", "NP20", "NP4", "NP44", "NP10"),
    ),
)

# --------------------------------------------------------------------------
# Pseudonymous demo members ("Asha K.") and gift messages.
# --------------------------------------------------------------------------

MEMBER_FIRST_NAMES: tuple[str, ...] = (
    "Asha", "Aisha", "Alan", "Amir", "Angela", "Barbara", "Bethan", "Brian",
    "Carol", "Chidi", "Ciaran", "Dafydd", "Deborah", "Declan", "Dylan", "Eileen",
    "Emeka", "Fatima", "Fiona", "Gareth", "Gwen", "Hannah", "Harjit", "Ifeoma",
    "Imran", "Irene", "Jamal", "Janet", "Jermaine", "Joan", "Kwame", "Leanne",
    "Lowenna", "Malcolm", "Margaret", "Marcus", "Megan", "Michael", "Mohammed",
    "Nadia", "Nia", "Olu", "Pat", "Patrick", "Priya", "Rhys", "Rosa", "Ruth",
    "Samina", "Sean", "Shirley", "Siobhan", "Stan", "Sunita", "Tariq", "Tomasz",
    "Valerie", "Winston", "Yusuf", "Zainab",
)  # fmt: skip

MEMBER_LAST_INITIALS: str = "ABCDEFGHJKLMNOPRSTWY"

GIFT_MESSAGES: tuple[str, ...] = (
    "Thanks for the lift to the lunch club",
    "For a swim on me - you've earned it",
    "Thank you for sitting with me at the café",
    "Enjoy the theatre, love from all at the garden",
    "Happy birthday! Treat yourself to a day out",
    "Thanks for helping with the craft group",
    "For the grandchildren's museum trip",
    "Thank you for listening when I needed it",
)

# --------------------------------------------------------------------------
# The directory: every organisation's public profile, and the offers (spend
# partners) and opportunities (earn partners) made from their `activities`.
#
# Websites and email addresses are on example.org (the operator's, quoted in
# seeds/000, excepted). Phone numbers are in Ofcom's ranges reserved for drama
# (020 7946 0xxx, 029 2018 0xxx, 01632 960xxx), so no demo call reaches anyone.
# Addresses of well-known venues are their public addresses as far as we know;
# the others are plausible streets in the organisation's town, and every postcode
# is a plausible full postcode in the organisation's postcode district.
# --------------------------------------------------------------------------

# (day, opens, closes), local time; days are "monday" ... "sunday", written "mon" ... "sun"
# in _on's lists.
DemoSlot = tuple[str, str, str]
_DAY = {day[:3]: day for day in WEEKDAYS}

MON_FRI = "mon tue wed thu fri"
EVERY_DAY = "mon tue wed thu fri sat sun"


def _on(days: str, opens: str, closes: str) -> tuple[DemoSlot, ...]:
    """One slot per day named: _on("tue thu", "10:00", "12:00")."""
    return tuple((_DAY[day], opens, closes) for day in days.split())


@dataclass(frozen=True, slots=True)
class DemoProfile:
    """The public profile fields a DemoOrganisation does not already carry."""

    address_line: str
    postcode: str  # full postcode, in the organisation's postcode_district
    phone: str
    hours: str  # a key of OPENING_HOURS
    accessibility: tuple[str, ...]
    # Added to the categories of the organisation's activities (commissioners have none).
    categories: tuple[str, ...] = ()
    # Web host; by default "<name as a slug>.example.org". Email is hello@<host>.
    host: str | None = None


@dataclass(frozen=True, slots=True)
class DemoPlace:
    """A listing's own place, when it is not at its organisation's address."""

    address_line: str
    town: str
    postcode: str
    lat: float
    lon: float
    accessibility: tuple[str, ...] = ()  # this place's, not the organisation's


@dataclass(frozen=True, slots=True)
class DemoActivity:
    """How an `activities` label becomes a listing: an offer at a spend partner (with a
    price), an opportunity at an earn partner (with a commitment). Titles default to the
    label; LISTING_DETAILS overrides any field for one organisation's listing."""

    description: str
    categories: tuple[str, ...]
    schedule: tuple[DemoSlot, ...]
    capacity: int | None = None  # places (offers) or volunteers (opportunities) per session
    price: str | None = None  # offers: credits per person per visit, "1", "0.5"
    commitment: str | None = None  # opportunities: what a volunteer gives
    valid_days: int | None = None  # from the first of the month it is loaded; None = ongoing
    accessibility: tuple[str, ...] | None = None  # None = the organisation's features


@dataclass(frozen=True, slots=True)
class DemoListingDetail:
    """One organisation's version of an activity: facts from the seeds, a place of its own."""

    title: str | None = None
    description: str | None = None
    schedule: tuple[DemoSlot, ...] | None = None
    capacity: int | None = None
    price: str | None = None
    commitment: str | None = None
    place: DemoPlace | None = None


OPENING_HOURS: dict[str, tuple[DemoSlot, ...]] = {
    "council": _on(MON_FRI, "08:30", "17:00"),
    "office": _on(MON_FRI, "09:00", "17:00"),
    "community_centre": _on(MON_FRI, "09:00", "21:00") + _on("sat", "09:00", "13:00"),
    "leisure": _on(MON_FRI, "06:30", "22:00") + _on("sat sun", "08:00", "18:00"),
    "lido": _on(EVERY_DAY, "07:00", "19:00"),
    "ice_rink": _on(EVERY_DAY, "10:00", "18:00"),
    "climbing": _on(MON_FRI, "10:00", "22:00") + _on("sat sun", "10:00", "19:00"),
    "theatre": _on("mon tue wed thu fri sat", "10:00", "20:00"),  # box office
    "museum": _on("tue wed thu fri sat", "10:00", "17:00") + _on("sun", "11:00", "16:00"),
    "attraction": _on(EVERY_DAY, "09:30", "17:30"),
    "tower": _on("tue wed thu fri sat", "09:00", "17:30") + _on("sun mon", "10:00", "17:30"),
    "tunnels": _on("wed thu fri sat sun", "10:00", "16:00"),
    "cafe": _on(MON_FRI, "09:30", "14:30"),
    "cuppas": _on("mon", "10:00", "13:00"),
    "recovery_cafe": _on(MON_FRI, "10:00", "16:00") + _on("sat", "11:00", "15:00"),
    "memory_cafe": _on("tue", "14:00", "16:00"),
    "kitchen": _on("mon wed fri", "11:00", "14:30"),
    "lunch_club": _on("tue thu", "10:00", "14:30"),
    "garden": _on("wed sat", "10:00", "13:00"),
    "group": _on("tue thu", "10:00", "16:00"),
    "transport": _on(MON_FRI, "08:00", "18:00"),
}

# Accessibility features (the vocabulary of app/models/directory.py ACCESSIBILITY).
_BUILDING = ("step_free", "wheelchair", "accessible_toilet", "lift", "hearing_loop")
_VENUE = ("step_free", "wheelchair", "accessible_toilet", "hearing_loop", "assistance_dogs")
_POOL = ("step_free", "wheelchair", "accessible_toilet", "changing_places", "accessible_parking")
_HALL = ("step_free", "accessible_toilet", "public_transport")
_GARDEN = ("step_free", "accessible_parking")

OPERATOR_PROFILE: DemoProfile = DemoProfile(
    # From seeds/000: "hello@wearetempo.org or on 0208 980 2691", www.wearetempo.org.
    address_line="",  # not in the seeds: left out rather than invented
    postcode="",
    phone="020 8980 2691",
    hours="office",
    accessibility=(),
    categories=("community",),
    host="www.wearetempo.org",
)
OPERATOR_DESCRIPTION: str = (
    "Tempo Time Credits: a national community currency that values giving time. People "
    "earn Time Credits for time given to their community or service and spend them on "
    "activity across the national network, or gift them to others."
)

PROFILES: dict[str, DemoProfile] = {
    # 1. City & Hackney
    "London Borough of Hackney": DemoProfile(
        "Hackney Town Hall, Mare Street", "E8 1EA", "020 7946 0101", "council",
        (*_BUILDING, "public_transport"), ("community",), "hackney-council.example.org",
    ),
    "Look Ahead Care and Support (Hackney services)": DemoProfile(
        "12 Rossington Street", "E5 8SA", "020 7946 0102", "office",
        ("step_free", "accessible_toilet", "quiet_space"), ("wellbeing",),
        "lookahead-hackney.example.org",
    ),
    "Mare Street Community Kitchen": DemoProfile(
        "St Thomas's Hall, 205 Mare Street", "E8 3QE", "020 7946 0103", "kitchen", _HALL,
    ),
    "Hackney Wick Community Garden": DemoProfile(
        "Wallis Road", "E9 5LN", "020 7946 0104", "garden", _GARDEN,
    ),
    "Tower of London": DemoProfile(
        "Tower Hill", "EC3N 4AB", "020 7946 0105", "tower",
        ("accessible_toilet", "hearing_loop", "large_print", "assistance_dogs",
         "public_transport"),
    ),
    "Hackney Empire": DemoProfile(
        "291 Mare Street", "E8 1EJ", "020 7946 0106", "theatre", (*_VENUE, "lift"),
    ),
    "The Castle Climbing Centre": DemoProfile(
        "Green Lanes", "N4 2HA", "020 7946 0107", "climbing",
        ("accessible_toilet", "accessible_parking", "public_transport"),
        host="castle-climbing.example.org",
    ),
    # 2 & 3. Haringey
    "London Borough of Haringey": DemoProfile(
        "Civic Centre, High Road, Wood Green", "N22 8LE", "020 7946 0111", "council",
        (*_BUILDING, "public_transport"), ("community", "wellbeing"),
        "haringey-council.example.org",
    ),
    "NHS Haringey CCG": DemoProfile(
        "Apex House, 820 Seven Sisters Road", "N15 5PQ", "020 7946 0112", "office",
        _BUILDING, ("wellbeing",), "haringey-ccg.example.org",
    ),
    "Haringey Recovery Service": DemoProfile(
        "10 Ashfield Road", "N15 4TJ", "020 7946 0113", "office",
        ("step_free", "accessible_toilet", "quiet_space"),
    ),
    "Tottenham Recovery Café": DemoProfile(
        "542 High Road, Tottenham", "N17 9SY", "020 7946 0114", "recovery_cafe",
        ("step_free", "accessible_toilet", "quiet_space", "public_transport"),
    ),
    "Northumberland Park Growers": DemoProfile(
        "Trulock Road", "N17 0PQ", "020 7946 0115", "garden", _GARDEN,
    ),
    "Mind in Haringey": DemoProfile(
        "12 Station Road, Wood Green", "N22 7SS", "020 7946 0116", "group",
        ("step_free", "accessible_toilet", "quiet_space", "large_print"),
    ),
    "Wood Green Craft Collective": DemoProfile(
        "Bury Road", "N22 6HX", "020 7946 0117", "group", (*_HALL, "quiet_space"),
    ),
    "Hornsey Community Café": DemoProfile(
        "Holy Innocents Church Hall, Tottenham Lane", "N8 7EL", "020 7946 0118", "cafe",
        _HALL,
    ),
    "Tottenham Green Pools & Fitness": DemoProfile(
        "1 Philip Lane", "N15 4JA", "020 7946 0119", "leisure", (*_POOL, "lift"),
        host="tottenham-pools.example.org",
    ),
    "Alexandra Palace Ice Rink": DemoProfile(
        "Alexandra Palace Way", "N22 7AY", "020 7946 0120", "ice_rink",
        ("step_free", "wheelchair", "accessible_toilet", "accessible_parking"),
        host="ally-pally-ice.example.org",
    ),
    "Jacksons Lane": DemoProfile(
        "269a Archway Road", "N6 5AA", "020 7946 0121", "theatre",
        ("step_free", "accessible_toilet", "hearing_loop", "quiet_space"),
    ),
    "Park Road Pools & Fitness": DemoProfile(
        "Park Road", "N8 8JN", "020 7946 0122", "leisure", _POOL,
        host="park-road-pools.example.org",
    ),
    # 4. Buckinghamshire
    "Buckinghamshire County Council": DemoProfile(
        "County Hall, Walton Street", "HP20 1UA", "01632 960101", "council", _BUILDING,
        ("community", "wellbeing"), "buckinghamshire-cc.example.org",
    ),
    "Cuppas Community Café": DemoProfile(
        "St Peter's Church Hall, Micklefield Road", "HP13 7HA", "01632 960102", "cuppas",
        ("step_free", "wheelchair", "accessible_toilet", "accessible_parking"),
        host="cuppas-micklefield.example.org",
    ),
    "Chiltern Dial-a-Ride": DemoProfile(
        "Chiltern Avenue", "HP6 5AH", "01632 960103", "transport",
        ("wheelchair", "step_free", "assistance_dogs"),
        host="chiltern-dial-a-ride.example.org",
    ),
    "Mind the Gap Self-Help Group": DemoProfile(
        "Meadowcroft Community Centre, Meadowcroft", "HP19 9HH", "01632 960104", "group",
        ("step_free", "accessible_toilet", "quiet_space"),
        host="mind-the-gap-aylesbury.example.org",
    ),
    "Wycombe Swan Theatre": DemoProfile(
        "St Mary Street", "HP11 2XE", "01632 960105", "theatre", (*_VENUE, "lift"),
        host="wycombe-swan.example.org",
    ),
    "Wycombe Leisure Centre": DemoProfile(
        "Handy Cross, Marlow Hill", "HP11 1UP", "01632 960106", "leisure", _POOL,
    ),
    "Buckinghamshire County Museum": DemoProfile(
        "Church Street", "HP20 2QP", "01632 960107", "museum",
        ("step_free", "accessible_toilet", "lift", "large_print"),
        host="bucks-museum.example.org",
    ),
    # 5. Cheshire West & Chester
    "Cheshire West and Chester Council": DemoProfile(
        "HQ, 58 Nicholas Street", "CH1 2NP", "01632 960111", "council", _BUILDING,
        ("community",), "cheshirewestandchester.example.org",
    ),
    "Blacon Lunch Club": DemoProfile(
        "Blacon Community Centre, Western Avenue", "CH1 5PP", "01632 960112", "lunch_club",
        (*_HALL, "accessible_parking"),
    ),
    "Northwich Good Neighbours": DemoProfile(
        "Castle Street", "CW8 1AB", "01632 960113", "office", ("step_free",),
    ),
    "Ellesmere Port Community Café": DemoProfile(
        "Civic Way", "CH65 0AZ", "01632 960114", "cafe", _HALL,
    ),
    "Storyhouse": DemoProfile(
        "Hunter Street", "CH1 2AR", "01632 960115", "theatre",
        (*_VENUE, "lift", "changing_places", "quiet_space"),
    ),
    "Northgate Arena Leisure Centre": DemoProfile(
        "Victoria Road", "CH2 2AU", "01632 960116", "leisure", _POOL,
        host="northgate-arena.example.org",
    ),
    "Grosvenor Museum": DemoProfile(
        "27 Grosvenor Street", "CH1 2DD", "01632 960117", "museum",
        ("step_free", "accessible_toilet", "large_print"),
    ),
    # 6. Blackpool
    "Blackpool Council": DemoProfile(
        "Municipal Buildings, Corporation Street", "FY1 1NF", "01632 960121", "council",
        _BUILDING, ("community",),
    ),
    "Blackpool Recovery Café": DemoProfile(
        "Church Street", "FY1 3PR", "01632 960122", "recovery_cafe",
        ("step_free", "accessible_toilet", "quiet_space"),
    ),
    "Revoe Community Garden": DemoProfile(
        "Grasmere Road", "FY1 5HP", "01632 960123", "garden", _GARDEN,
    ),
    "Layton Community Hub": DemoProfile(
        "Westcliffe Drive", "FY3 7DT", "01632 960124", "community_centre",
        (*_HALL, "accessible_parking"),
    ),
    "Blackpool Tower": DemoProfile(
        "Promenade", "FY1 4BJ", "01632 960125", "attraction",
        ("step_free", "wheelchair", "accessible_toilet", "lift", "assistance_dogs"),
    ),
    "Blackpool Grand Theatre": DemoProfile(
        "33 Church Street", "FY1 1HT", "01632 960126", "theatre",
        ("accessible_toilet", "hearing_loop", "assistance_dogs"),
    ),
    "Palatine Leisure Centre": DemoProfile(
        "Palatine Road", "FY1 4BX", "01632 960127", "leisure", _POOL,
    ),
    # 7. Medway
    "Medway Council": DemoProfile(
        "Gun Wharf, Dock Road", "ME4 4TR", "01632 960131", "council", _BUILDING,
        ("community",),
    ),
    "Chatham Over-60s Lunch Club": DemoProfile(
        "St John's Church Hall, Railway Street", "ME4 4JL", "01632 960132", "lunch_club",
        _HALL, host="chatham-lunch-club.example.org",
    ),
    "Gillingham Good Neighbours": DemoProfile(
        "Canterbury Street", "ME7 5TR", "01632 960133", "office", ("step_free",),
    ),
    "Rochester Community Café": DemoProfile(
        "Crow Lane", "ME1 1RF", "01632 960134", "cafe", ("step_free", "accessible_toilet"),
    ),
    "Central Theatre Chatham": DemoProfile(
        "170 High Street", "ME4 4AS", "01632 960135", "theatre", _VENUE,
    ),
    "The Historic Dockyard Chatham": DemoProfile(
        "Main Gate Road", "ME4 4TZ", "01632 960136", "attraction",
        ("step_free", "accessible_toilet", "accessible_parking", "assistance_dogs"),
        host="historic-dockyard.example.org",
    ),
    "Medway Park": DemoProfile(
        "Mill Road", "ME7 1HF", "01632 960137", "leisure", (*_POOL, "lift"),
    ),
    # 8. Thanet
    "NHS Thanet CCG": DemoProfile(
        "Mill Lane", "CT9 1LB", "01632 960141", "office", _BUILDING, ("wellbeing",),
        "thanet-ccg.example.org",
    ),
    "Cliftonville Lunch Club": DemoProfile(
        "Northdown Road", "CT9 2RN", "01632 960142", "lunch_club", _HALL,
    ),
    "Broadstairs Memory Café": DemoProfile(
        "Albion Street", "CT10 1LU", "01632 960143", "memory_cafe",
        ("step_free", "accessible_toilet", "quiet_space", "large_print"),
    ),
    "Ramsgate Good Neighbours": DemoProfile(
        "Queen Street", "CT11 9DZ", "01632 960144", "office", ("step_free",),
    ),
    "Theatre Royal Margate": DemoProfile(
        "Addington Street", "CT9 1PW", "01632 960145", "theatre",
        ("accessible_toilet", "hearing_loop"),
    ),
    "Hartsdown Leisure Centre": DemoProfile(
        "Hartsdown Road", "CT9 5QX", "01632 960146", "leisure", _POOL,
    ),
    "Ramsgate Tunnels": DemoProfile(
        "Marina Esplanade", "CT11 8FD", "01632 960147", "tunnels",
        ("step_free", "wheelchair", "accessible_toilet"),
    ),
    # 9. Westminster
    "Westminster City Council": DemoProfile(
        "64 Victoria Street", "SW1E 6QP", "020 7946 0131", "council",
        (*_BUILDING, "public_transport"), ("community",), "westminster-cc.example.org",
    ),
    "Church Street Lunch Club": DemoProfile(
        "Church Street", "NW8 8EU", "020 7946 0132", "lunch_club", _HALL,
    ),
    "Queen's Park Community Café": DemoProfile(
        "Harrow Road", "W10 4RE", "020 7946 0133", "cafe", _HALL,
    ),
    "Pimlico Good Neighbours": DemoProfile(
        "Lupus Street", "SW1V 3EE", "020 7946 0134", "office", ("step_free",),
    ),
    "Bayswater Shared Garden": DemoProfile(
        "Hallfield Estate, Bishop's Bridge Road", "W2 6BE", "020 7946 0135", "garden",
        _GARDEN,
    ),
    "The Cockpit Theatre": DemoProfile(
        "Gateforth Street", "NW8 8EH", "020 7946 0136", "theatre",
        ("step_free", "wheelchair", "accessible_toilet", "hearing_loop"),
        host="cockpit-theatre.example.org",
    ),
    "Marshall Street Leisure Centre": DemoProfile(
        "15 Marshall Street", "W1F 7EL", "020 7946 0137", "leisure",
        ("step_free", "accessible_toilet", "lift", "public_transport"),
        host="marshall-street.example.org",
    ),
    "Lord's Tour and MCC Museum": DemoProfile(
        "St John's Wood Road", "NW8 8QN", "020 7946 0138", "attraction",
        ("step_free", "wheelchair", "accessible_toilet", "lift"), host="lords-tour.example.org",
    ),
    # 10. Cornwall
    "Cornwall Council": DemoProfile(
        "New County Hall, Treyew Road", "TR1 3AY", "01632 960151", "council", _BUILDING,
        ("community",),
    ),
    "Penzance Recovery Café": DemoProfile(
        "Causewayhead", "TR18 2SN", "01632 960152", "recovery_cafe",
        ("step_free", "quiet_space"),
    ),
    "St Austell Community Kitchen": DemoProfile(
        "Fore Street", "PL25 5PX", "01632 960153", "kitchen", _HALL,
    ),
    "Penwith Community Growers": DemoProfile(
        "Alverton Road", "TR18 4TG", "01632 960154", "garden", _GARDEN,
    ),
    "Jubilee Pool": DemoProfile(
        "Battery Road", "TR18 4FF", "01632 960155", "lido",
        ("step_free", "wheelchair", "accessible_toilet"),
    ),
    "The Acorn Theatre": DemoProfile(
        "Parade Street", "TR18 4BU", "01632 960156", "theatre",
        ("accessible_toilet", "hearing_loop"), host="acorn-penzance.example.org",
    ),
    "Eden Project": DemoProfile(
        "Bodelva, Par", "PL24 2SG", "01632 960157", "attraction",
        ("step_free", "wheelchair", "accessible_toilet", "changing_places",
         "accessible_parking", "assistance_dogs"),
    ),
    # 11. Cardiff & Vale
    "Cardiff and Vale University Health Board": DemoProfile(
        "University Hospital of Wales, Heath Park", "CF14 4XW", "029 2018 0101", "office",
        _BUILDING, ("wellbeing",), "cardiff-vale-uhb.example.org",
    ),
    "Splott Recovery Café": DemoProfile(
        "Splott Road", "CF24 2BZ", "029 2018 0102", "recovery_cafe",
        ("step_free", "accessible_toilet", "quiet_space"),
    ),
    "Canton Community Garden": DemoProfile(
        "Leckwith Road", "CF11 8HQ", "029 2018 0103", "garden", _GARDEN,
    ),
    "Barry Peer Support Network": DemoProfile(
        "Holton Road", "CF63 4HD", "029 2018 0104", "office", ("step_free", "quiet_space"),
        host="barry-peer-support.example.org",
    ),
    "Sherman Theatre": DemoProfile(
        "Senghennydd Road", "CF24 4YE", "029 2018 0105", "theatre", (*_VENUE, "lift"),
    ),
    "Cardiff International Pool": DemoProfile(
        "Olympian Drive", "CF11 0JS", "029 2018 0106", "leisure", _POOL,
        host="cardiff-pool.example.org",
    ),
    "Boulders Indoor Climbing Centre": DemoProfile(
        "Moorland Road", "CF24 2LH", "029 2018 0107", "climbing",
        ("accessible_toilet", "accessible_parking"), host="boulders-cardiff.example.org",
    ),
    # 12. Llanelli
    "Hywel Dda University Health Board": DemoProfile(
        "Prince Philip Hospital, Bryngwyn Mawr", "SA14 8QF", "01632 960161", "office",
        _BUILDING, ("wellbeing",), "hywel-dda.example.org",
    ),
    "Llanelli GP Cluster Social Prescribing Service": DemoProfile(
        "Murray Street", "SA15 1AQ", "01632 960162", "office",
        ("step_free", "accessible_toilet", "quiet_space", "large_print"),
        host="llanelli-social-prescribing.example.org",
    ),
    "Llanelli Town Centre Craft Group": DemoProfile(
        "Stepney Street", "SA15 3TR", "01632 960163", "group", _HALL,
        host="llanelli-craft-group.example.org",
    ),
    "Felinfoel Community Garden": DemoProfile(
        "Heol Elfed, Felinfoel", "SA14 8LW", "01632 960164", "garden", _GARDEN,
    ),
    "Ffwrnes Theatre": DemoProfile(
        "Stryd y Theatr", "SA15 3AE", "01632 960165", "theatre", (*_VENUE, "lift"),
    ),
    "Llanelli Leisure Centre": DemoProfile(
        "Park Crescent", "SA15 3DR", "01632 960166", "leisure", _POOL,
    ),
    "Parc Howard Museum": DemoProfile(
        "Felinfoel Road", "SA15 3LJ", "01632 960167", "museum",
        ("step_free", "accessible_toilet", "accessible_parking"),
    ),
    # 13. Gwent
    "Aneurin Bevan University Health Board": DemoProfile(
        "St Cadoc's Hospital, Lodge Road, Caerleon", "NP18 3XQ", "01632 960171", "office",
        _BUILDING, ("wellbeing",), "aneurin-bevan-uhb.example.org",
    ),
    "Newport Recovery Café": DemoProfile(
        "Commercial Street", "NP20 1LP", "01632 960172", "recovery_cafe",
        ("step_free", "accessible_toilet", "quiet_space"),
    ),
    "Maindee Community Garden": DemoProfile(
        "Victoria Avenue", "NP19 8FJ", "01632 960173", "garden", _GARDEN,
    ),
    "Pontypool Peer Mentoring Project": DemoProfile(
        "Commercial Street, Pontypool", "NP4 6JS", "01632 960174", "office",
        ("step_free", "quiet_space"), host="pontypool-peers.example.org",
    ),
    "The Riverfront": DemoProfile(
        "Kingsway", "NP20 1HG", "01632 960175", "theatre", (*_VENUE, "lift"),
        host="riverfront-newport.example.org",
    ),
    "Newport International Sports Village": DemoProfile(
        "Velodrome Way", "NP19 4RB", "01632 960176", "leisure", _POOL,
        host="newport-sports-village.example.org",
    ),
    "Big Pit National Coal Museum": DemoProfile(
        "Blaenavon", "NP4 9XP", "01632 960177", "museum",
        ("accessible_toilet", "accessible_parking", "assistance_dogs"),
        host="big-pit.example.org",
    ),
}  # fmt: skip

# What each `activities` label becomes in the directory.
ACTIVITIES: dict[str, DemoActivity] = {
    # --- offers: what a credit buys at a spend partner -----------------------------
    "Swim session": DemoActivity(
        "Any public swim session, lane swimming or the leisure pool. Pay with Time Credits "
        "at reception.",
        ("swimming",), _on(MON_FRI, "07:00", "09:00") + _on("sat sun", "09:00", "12:00"),
        capacity=10, price="1",
    ),
    "Lido swim": DemoActivity(
        "A swim in the outdoor lido during the summer season, heated on cooler days.",
        ("swimming",), _on(EVERY_DAY, "07:00", "10:00"), capacity=10, price="1",
        valid_days=150,
    ),
    "Gym session": DemoActivity(
        "An hour in the gym; first-timers book a free induction with a fitness instructor.",
        ("fitness",), _on(MON_FRI, "10:00", "16:00"), capacity=6, price="1",
    ),
    "Over-60s fitness class": DemoActivity(
        "Gentle circuits, balance and stretching for people over 60, at your own pace.",
        ("fitness",), _on("tue thu", "10:30", "11:30"), capacity=12, price="0.5",
    ),
    "Aqua aerobics class": DemoActivity(
        "Low-impact exercise to music in the shallow end: easy on the joints.",
        ("swimming", "fitness"), _on("mon wed", "11:00", "11:45"), capacity=12, price="1",
    ),
    "Fitness class": DemoActivity(
        "Any class on the timetable: Zumba, Pilates, circuits or spin.",
        ("fitness",), _on("mon wed fri", "18:00", "19:00"), capacity=8, price="1",
    ),
    "Theatre ticket": DemoActivity(
        "A ticket for selected performances, subject to availability: book at the box "
        "office and pay with Time Credits.",
        ("theatre",), _on("tue wed thu fri sat", "19:30", "22:00") + _on("sat", "14:30", "17:00"),
        capacity=4, price="2", valid_days=180,
    ),
    "Cinema ticket": DemoActivity(
        "A film of your choice at daytime and early-evening screenings.",
        ("cinema",), _on("mon tue wed thu", "14:00", "16:30") + _on("fri", "18:00", "20:30"),
        capacity=6, price="1",
    ),
    "Film screening": DemoActivity(
        "The weekly community film night: independent and classic films.",
        ("cinema",), _on("thu", "19:30", "21:30"), capacity=10, price="1",
    ),
    "Circus skills class": DemoActivity(
        "Juggling, balance and aerial basics for adults who have never tried: a beginners' "
        "class.",
        ("course", "fitness"), _on("sat", "10:00", "12:00"), capacity=6, price="2",
    ),
    "Art class": DemoActivity(
        "Drawing and painting with a local artist; materials provided.",
        ("course", "arts_crafts"), _on("wed", "14:00", "16:00"), capacity=8, price="2",
    ),
    "Climbing session": DemoActivity(
        "Bouldering or roped climbing with shoe hire; new climbers do the induction first.",
        ("sport",), _on(MON_FRI, "12:00", "16:00") + _on("sat", "10:00", "13:00"),
        capacity=6, price="2",
    ),
    "Taster climbing course": DemoActivity(
        "A three-hour taster course with an instructor: ropes, knots and your first climbs.",
        ("sport", "course"), _on("sat", "10:00", "13:00"), capacity=6, price="3",
    ),
    "Ice skating session": DemoActivity(
        "A public skating session, skate hire included.",
        ("sport", "family"), _on("wed", "14:00", "16:00") + _on("sat sun", "10:00", "12:00"),
        capacity=10, price="1",
    ),
    "Museum visit": DemoActivity(
        "Entry to the museum and its current exhibitions.",
        ("museum",), _on("tue wed thu fri sat", "10:00", "17:00"), capacity=10, price="1",
    ),
    "Museum workshop": DemoActivity(
        "A hands-on workshop with the museum's collections: handling objects, drawing, "
        "local history.",
        ("museum", "course"), _on("sat", "10:30", "12:30"), capacity=8, price="1",
    ),
    "Guided museum tour": DemoActivity(
        "A guided tour of the galleries with one of the museum's volunteer guides.",
        ("museum", "heritage"), _on("wed", "14:00", "15:00"), capacity=12, price="1",
    ),
    "Family day out": DemoActivity(
        "Entry for a family, up to two adults and three children, with the children's "
        "gallery and trails.",
        ("museum", "family"), _on("sat sun", "10:00", "16:00"), capacity=6, price="2",
    ),
    "Tower of London entry": DemoActivity(
        "Entry to the Tower of London: the Crown Jewels, the White Tower and a Yeoman "
        "Warder tour.",
        ("heritage", "museum"), _on(EVERY_DAY, "10:00", "17:00"), capacity=10, price="2",
    ),
    "Tower Eye entry": DemoActivity(
        "Up the Blackpool Tower to the Tower Eye and its glass SkyWalk.",
        ("heritage", "family"), _on(EVERY_DAY, "10:00", "17:00"), capacity=10, price="2",
    ),
    "Tower Ballroom tea dance": DemoActivity(
        "An afternoon tea dance in the Tower Ballroom, to the Wurlitzer organ.",
        ("music", "community"), _on("tue thu", "14:00", "16:00"), capacity=20, price="0.5",
    ),
    "Eden Project entry": DemoActivity(
        "A day at the Eden Project: the Rainforest and Mediterranean Biomes and the "
        "outdoor gardens.",
        ("gardening", "environment", "family"), _on(EVERY_DAY, "09:30", "17:00"),
        capacity=10, price="3", valid_days=365,
    ),
    "Guided tunnel tour": DemoActivity(
        "A guided tour of the Second World War air-raid tunnels under Ramsgate; hard hats "
        "provided.",
        ("heritage",), _on("wed thu fri sat sun", "10:00", "16:00"), capacity=8, price="1",
    ),
    "Ground tour": DemoActivity(
        "A guided tour of Lord's: the Pavilion, the Long Room and the MCC Museum.",
        ("sport", "heritage"), _on(MON_FRI, "10:00", "15:00"), capacity=6, price="2",
    ),
    "Underground tour": DemoActivity(
        "Go 90 metres underground with a former miner and see how coal was worked.",
        ("heritage", "museum"), _on(MON_FRI, "09:30", "15:30"), capacity=8, price="1",
    ),
    # --- opportunities: what an earn partner thanks people for ---------------------
    "Residents' meeting facilitation": DemoActivity(
        "Chair or take notes at the residents' meeting: agenda, decisions and follow-up, "
        "with a support worker alongside.",
        ("community", "admin"), _on("wed", "18:00", "19:30"), capacity=2,
        commitment="90 minutes a month",
    ),
    "Peer-led women's support group": DemoActivity(
        "Help run the weekly women's group: welcome members, make tea, plan sessions "
        "together.",
        ("befriending", "wellbeing"), _on("thu", "11:00", "13:00"), capacity=3,
        commitment="2 hours a week",
    ),
    "Hostel garden volunteering": DemoActivity(
        "Grow vegetables and flowers with residents in the hostel garden; no experience "
        "needed.",
        ("gardening",), _on("tue", "10:00", "12:00"), capacity=6, commitment="2 hours a week",
    ),
    "Social outing organising": DemoActivity(
        "Plan and lead trips out: choose the place, book it, bring people along.",
        ("community",), _on("fri", "13:00", "15:00"), capacity=3,
        commitment="A few hours a month",
    ),
    "Outing organising": DemoActivity(
        "Plan trips out for the group and go along.",
        ("community",), _on("mon", "13:00", "14:00"), capacity=3,
        commitment="An hour a week, plus the outings",
    ),
    "Community kitchen shift": DemoActivity(
        "Prepare, cook and serve a hot lunch; food hygiene training given.",
        ("food",), _on("mon wed fri", "11:00", "14:00"), capacity=6,
        commitment="3 hours a week",
    ),
    "Food bank sorting": DemoActivity(
        "Check dates, sort donations and pack food parcels.",
        ("food",), _on("tue sat", "10:00", "13:00"), capacity=8,
        commitment="3 hours, weekly or when you can",
    ),
    "Food share collection": DemoActivity(
        "Collect surplus food from local shops and bring it back to share.",
        ("food", "environment"), _on("tue fri", "15:00", "17:00"), capacity=3,
        commitment="2 hours a week; a car helps",
    ),
    "Community meal cooking": DemoActivity(
        "Cook the weekly community meal from what the garden and local shops give.",
        ("food",), _on("thu", "16:00", "19:30"), capacity=5, commitment="3½ hours a week",
    ),
    "Gardening session": DemoActivity(
        "Sow, weed, water and harvest with the growing group; tools, gloves and a cuppa "
        "provided.",
        ("gardening", "environment"), _on("wed sat", "10:00", "13:00"), capacity=10,
        commitment="3 hours, as often as you like",
    ),
    "Allotment open day steward": DemoActivity(
        "Welcome visitors, run the plant stall and show people round at the open day.",
        ("gardening", "community"), _on("sun", "11:00", "15:00"), capacity=6,
        commitment="One Sunday afternoon", valid_days=120,
    ),
    "Gardening for a neighbour": DemoActivity(
        "Mow, weed and tidy the garden of an older neighbour who can no longer manage it.",
        ("gardening", "befriending"), _on("sat", "10:00", "12:00"), capacity=4,
        commitment="2 hours a fortnight",
    ),
    "Event DJing": DemoActivity(
        "Bring your records: DJ at community events and parties.",
        ("music", "community"), _on("sat", "14:00", "18:00"), capacity=2,
        commitment="One afternoon a month", valid_days=180,
    ),
    "Peer mentoring session": DemoActivity(
        "Support someone earlier in their recovery, one to one, drawing on your own "
        "experience; training and supervision given.",
        ("befriending", "wellbeing"), _on("tue thu", "10:00", "16:00"), capacity=4,
        commitment="2 hours a week for six months",
    ),
    "Mutual aid meeting set-up": DemoActivity(
        "Open up, set out chairs and make the tea for the evening mutual aid meeting.",
        ("community", "wellbeing"), _on("mon thu", "18:30", "20:30"), capacity=2,
        commitment="2 hours a week",
    ),
    "Recovery café shift": DemoActivity(
        "Serve coffee and food in an alcohol-free café run by and for people in recovery.",
        ("food", "befriending"), _on(MON_FRI, "10:00", "14:00"), capacity=4,
        commitment="One 4-hour shift a week",
    ),
    "Cookery class helper": DemoActivity(
        "Help the tutor at the cookery class: prepare ingredients, support learners, "
        "clear up.",
        ("food", "course"), _on("wed", "14:00", "16:30"), capacity=2,
        commitment="2½ hours a week",
    ),
    "Peer support group": DemoActivity(
        "Co-run the peer support group: welcome people, keep time, make sure everyone is "
        "heard.",
        ("wellbeing", "befriending"), _on("mon", "14:00", "16:00"), capacity=3,
        commitment="2 hours a week",
    ),
    "Service user forum": DemoActivity(
        "Have your say on how services are run: join the forum and help plan its agenda.",
        ("community", "admin"), _on("wed", "13:00", "15:00"), capacity=8,
        commitment="2 hours a month",
    ),
    "Wellbeing walk leading": DemoActivity(
        "Lead a gentle group walk; walk-leader training given.",
        ("fitness", "wellbeing"), _on("fri", "10:30", "12:00"), capacity=2,
        commitment="90 minutes a week",
    ),
    "Walking group leading": DemoActivity(
        "Lead the Saturday walking group on its regular routes; walk-leader training given.",
        ("fitness", "wellbeing"), _on("sat", "10:00", "12:00"), capacity=2,
        commitment="2 hours a week",
    ),
    "Craft group session": DemoActivity(
        "Help run the craft group: set out materials, welcome newcomers, share what you "
        "can make.",
        ("arts_crafts",), _on("tue", "13:30", "15:30"), capacity=4,
        commitment="2 hours a week",
    ),
    "Craft stall volunteering": DemoActivity(
        "Run the group's craft stall at markets and fairs.",
        ("arts_crafts", "community"), _on("sat", "10:00", "15:00"), capacity=3,
        commitment="One Saturday a month",
    ),
    "Craft workshop leading": DemoActivity(
        "Teach a skill you have, knitting, card-making, sewing, in a two-hour workshop.",
        ("arts_crafts", "course"), _on("thu", "10:00", "12:00"), capacity=2,
        commitment="2 hours a week",
    ),
    "Community café shift": DemoActivity(
        "Serve tea, coffee and cake, chat with customers, help set up and clear away.",
        ("food", "community"), _on(MON_FRI, "09:30", "13:30"), capacity=4,
        commitment="One morning a week",
    ),
    "Cuppas café shift": DemoActivity(
        "Serve tea and cake, chat with visitors, help set up and clear away.",
        ("food", "community"), _on("mon", "10:00", "13:00"), capacity=4,
        commitment="3 hours a week",
    ),
    "Memory café shift": DemoActivity(
        "Welcome people living with dementia and their carers; serve tea and join in.",
        ("food", "befriending", "wellbeing"), _on("tue", "14:00", "16:00"), capacity=4,
        commitment="2 hours a month",
    ),
    "Lunch club washing-up": DemoActivity(
        "Wash up and clear away after the lunch club.",
        ("food",), _on("wed", "12:30", "14:30"), capacity=2, commitment="2 hours a week",
    ),
    "Lunch club kitchen shift": DemoActivity(
        "Cook and serve a two-course lunch for older people, and sit down to eat with them.",
        ("food",), _on("tue thu", "10:00", "14:00"), capacity=4,
        commitment="4 hours a week",
    ),
    "Lunch club transport": DemoActivity(
        "Drive members to and from the lunch club; mileage paid.",
        ("transport", "food"), _on("tue thu", "11:00", "14:30"), capacity=3,
        commitment="Lunch-club days; car and licence needed",
    ),
    "Lunch club taster session": DemoActivity(
        "Help a lunch club run one-off taster sessions for newcomers.",
        ("food", "community"), _on("fri", "11:30", "14:00"), capacity=3,
        commitment="One Friday a month",
    ),
    "Chair exercise leading": DemoActivity(
        "Lead a seated exercise class for older people after a short training course.",
        ("fitness",), _on("wed", "11:00", "12:00"), capacity=2, commitment="An hour a week",
    ),
    "Activity group setup": DemoActivity(
        "Start and run a group around something you enjoy: games, quizzes, music, crafts.",
        ("community",), _on("mon", "13:00", "16:00"), capacity=3,
        commitment="3 hours a week",
    ),
    "Self-help group session": DemoActivity(
        "Plan and run a session of the self-help group with other members.",
        ("wellbeing",), _on("thu", "13:00", "15:00"), capacity=4,
        commitment="2 hours a week",
    ),
    "Singing group support": DemoActivity(
        "Hand out song sheets, help people to their seats and sing along.",
        ("music", "wellbeing"), _on("thu", "14:00", "15:30"), capacity=3,
        commitment="90 minutes a week",
    ),
    "Befriending visit": DemoActivity(
        "Visit an older person at home for a chat and a cup of tea; matched to someone "
        "near you.",
        ("befriending",), _on(MON_FRI, "10:00", "16:00"),
        commitment="An hour a week, at a time you agree",
    ),
    "Telephone befriending": DemoActivity(
        "A friendly phone call, from home, to someone who lives alone.",
        ("befriending",), _on(MON_FRI, "10:00", "16:00"),
        commitment="Two 30-minute calls a week",
    ),
    "Shopping help": DemoActivity(
        "Do the weekly shop with, or for, an older neighbour.",
        ("befriending", "community"), _on("mon wed fri", "10:00", "12:00"),
        commitment="An hour a week",
    ),
    "Lift to appointment": DemoActivity(
        "Drive a neighbour to a GP or hospital appointment and back; mileage paid.",
        ("transport", "befriending"), _on(MON_FRI, "09:00", "17:00"),
        commitment="When you can; car and licence needed",
    ),
    "Dial-a-ride driving": DemoActivity(
        "Drive a wheelchair-accessible minibus, door to door; training given.",
        ("transport",), _on(MON_FRI, "09:00", "16:00"), capacity=4,
        commitment="One day a week",
    ),
    "Passenger escort": DemoActivity(
        "Ride along on the minibus to help passengers on and off and to the door.",
        ("transport", "befriending"), _on(MON_FRI, "09:00", "15:00"), capacity=4,
        commitment="One morning a week",
    ),
    "Peer befriending": DemoActivity(
        "Meet someone referred by a social prescriber for a coffee and a chat, and help them "
        "find a group they would enjoy.",
        ("befriending", "wellbeing"), _on(MON_FRI, "10:00", "16:00"), capacity=4,
        commitment="An hour a week for twelve weeks",
    ),
    "Wellbeing course co-facilitation": DemoActivity(
        "Co-facilitate a wellbeing course alongside a trained tutor, sharing your own "
        "experience.",
        ("wellbeing", "course"), _on("wed", "10:00", "12:30"), capacity=2,
        commitment="One morning a week for six weeks",
    ),
}  # fmt: skip

# One organisation's version of an activity: (organisation name, activity label).
LISTING_DETAILS: dict[tuple[str, str], DemoListingDetail] = {
    # seeds/002: Look Ahead residents earn for meetings, gardening, DJing, outings and a
    # peer-led women's group, and spend at the Tower of London and on climbing.
    ("Look Ahead Care and Support (Hackney services)", "Residents' meeting facilitation"):
        DemoListingDetail(
            title="Help run the residents' meeting",
            description="Chair or take notes at the residents' meeting, with a support "
            "worker alongside. In one Look Ahead service, meetings grew from 2 to 15 "
            "residents in four months once Time Credits started.",
        ),
    ("Look Ahead Care and Support (Hackney services)", "Peer-led women's support group"):
        DemoListingDetail(title="Set up and run a peer-led women's support group"),
    ("Look Ahead Care and Support (Hackney services)", "Hostel garden volunteering"):
        DemoListingDetail(
            place=DemoPlace("Look Ahead garden, Well Street", "London", "E9 7PX",
                            51.5431, -0.0468, ("step_free",)),
        ),
    ("Hackney Wick Community Garden", "Event DJing"):
        DemoListingDetail(title="DJ at the garden's summer parties"),
    ("Tower of London", "Tower of London entry"): DemoListingDetail(capacity=12),
    ("The Castle Climbing Centre", "Climbing session"): DemoListingDetail(
        description="Bouldering or roped climbing in a Victorian water-pumping station on "
        "Green Lanes, shoe hire included; new climbers do the induction first.",
    ),
    # Haringey
    ("Northumberland Park Growers", "Allotment open day steward"): DemoListingDetail(
        place=DemoPlace("Church Road allotments, Church Road", "London", "N17 8AL",
                        51.6030, -0.0652, ("accessible_parking",)),
    ),
    ("Mind in Haringey", "Wellbeing walk leading"): DemoListingDetail(
        description="Lead a gentle group walk round Lordship Recreation Ground, starting "
        "at the hub café; walk-leader training given.",
        place=DemoPlace("Lordship Recreation Ground, Lordship Lane", "London", "N17 6NU",
                        51.5965, -0.0862, ("step_free", "accessible_toilet")),
    ),
    ("Tottenham Recovery Café", "Recovery café shift"): DemoListingDetail(
        title="Recovery café volunteer",
    ),
    # seeds/003: Buckinghamshire, Prevention Matters.
    ("Cuppas Community Café", "Cuppas café shift"): DemoListingDetail(
        title="Run the Cuppas café on Mondays",
        description="Serve tea and cake, chat with visitors, help set up and clear away. "
        "Cuppas starts the week for older people in Micklefield, and its volunteers are "
        "older and disabled people themselves.",
    ),
    ("Cuppas Community Café", "Outing organising"): DemoListingDetail(
        title="Organise Cuppas outings",
        description="Take Cuppas customers and friends out to things paid for with Time "
        "Credits: the Wycombe Swan Theatre, swimming, a museum.",
    ),
    ("Chiltern Dial-a-Ride", "Dial-a-ride driving"): DemoListingDetail(
        title="Volunteer driver, Chiltern Dial-a-Ride",
        description="Drive our wheelchair-accessible minibuses, door to door, for people "
        "who cannot travel independently or use public transport. Trained drivers help "
        "us meet increasing demand.",
    ),
    ("Mind the Gap Self-Help Group", "Self-help group session"): DemoListingDetail(
        title="Organise a Mind the Gap activity",
        description="Members run and organise the activities that support their mental "
        "health; organising them helps keep you well too.",
    ),
    ("Mind the Gap Self-Help Group", "Lunch club taster session"): DemoListingDetail(
        description="A local lunch club is offering one-off taster sessions to people with "
        "Time Credits: help run them, so more people find the club.",
        place=DemoPlace("Southcourt Community Centre, Penn Road", "Aylesbury", "HP21 8HP",
                        51.8085, -0.8180, (*_HALL, "accessible_parking")),
    ),
    ("Wycombe Swan Theatre", "Theatre ticket"): DemoListingDetail(
        description="Selected performances at the Wycombe Swan, from touring drama to "
        "pantomime. Groups welcome: Cuppas volunteers and friends have come twelve "
        "strong.",
        capacity=12,
    ),
    ("Wycombe Leisure Centre", "Swim session"): DemoListingDetail(
        description="Any public swim session. Several Cuppas volunteers took up swimming "
        "again with Time Credits after years away.",
    ),
    # Blackpool, Medway, Thanet
    ("Blackpool Tower", "Tower Ballroom tea dance"): DemoListingDetail(capacity=30),
    ("The Historic Dockyard Chatham", "Museum visit"): DemoListingDetail(
        description="Entry to the Historic Dockyard: the warships, the Victorian ropery and "
        "the galleries.",
        price="2",
    ),
    ("Broadstairs Memory Café", "Memory café shift"): DemoListingDetail(
        title="Memory café host",
    ),
    # Westminster
    ("Church Street Lunch Club", "Chair exercise leading"): DemoListingDetail(
        title="Lead chair exercises at the lunch club",
    ),
    # Cardiff & Vale, Llanelli, Gwent
    ("Barry Peer Support Network", "Walking group leading"): DemoListingDetail(
        description="Lead the Saturday walk along the Barry Island seafront and headland; "
        "walk-leader training given.",
        place=DemoPlace("Barry Island Promenade", "Barry", "CF62 5TQ", 51.3912, -3.2728,
                        ("step_free", "accessible_toilet")),
    ),
    # seeds/000: Llanelli social prescribing, a town-centre craft group, a wellbeing
    # self-management course.
    ("Llanelli GP Cluster Social Prescribing Service", "Wellbeing course co-facilitation"):
        DemoListingDetail(
            title="Co-facilitate the emotional wellbeing self-management course",
            place=DemoPlace("Llanelli Library, Vaughan Street", "Llanelli", "SA15 3AS",
                            51.6812, -4.1604,
                            ("step_free", "accessible_toilet", "lift", "hearing_loop")),
        ),
    ("Llanelli Town Centre Craft Group", "Craft group session"): DemoListingDetail(
        title="Welcome newcomers at the town-centre craft group",
        description="Social prescribers in Llanelli GP surgeries send people to the group. "
        "Help them settle in, make friends and make something.",
    ),
    ("Maindee Community Garden", "Community meal cooking"): DemoListingDetail(
        place=DemoPlace("Maindee Library, Chepstow Road", "Newport", "NP19 8BY",
                        51.5893, -2.9825, ("step_free", "accessible_toilet")),
    ),
    ("Pontypool Peer Mentoring Project", "Mutual aid meeting set-up"): DemoListingDetail(
        place=DemoPlace("Cwmbran Community Centre, Gwent Square", "Cwmbran", "NP44 1PL",
                        51.6545, -3.0206, _HALL),
    ),
    ("Eden Project", "Eden Project entry"): DemoListingDetail(capacity=20),
}  # fmt: skip
