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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
    postcode_district="FY4",
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
