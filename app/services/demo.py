"""The demo network: the 13 health & social care programmes of seeds/000 with partners,
their public profiles, offers and opportunities, members and a year of history, laid down
through the same services the API uses (so every rule a partner meets applies here too)."""

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import asyncpg

from app.auth.caller import Caller
from app.auth.scopes import ALL_SCOPES, allowed_for
from app.demo_data import (
    ACTIVITIES,
    GIFT_MESSAGES,
    LISTING_DETAILS,
    MEMBER_FIRST_NAMES,
    MEMBER_LAST_INITIALS,
    OPENING_HOURS,
    OPERATOR_DESCRIPTION,
    OPERATOR_NAME,
    OPERATOR_PROFILE,
    PROFILES,
    PROGRAMMES,
    DemoListingDetail,
    DemoOrganisation,
    DemoProfile,
    DemoProgramme,
    DemoSlot,
)
from app.models.directory import OfferCreate, OpportunityCreate, ProfileUpdate
from app.models.ledger import (
    AllocationCreate,
    EarningCreate,
    GiftCreate,
    SpendCreate,
    TransferReversal,
)
from app.models.members import MemberCreate
from app.models.organisations import OrganisationCreate, ProgrammeCreate
from app.services import (
    bootstrap,
    demo_referrals,
    demo_surveys,
    ledger,
    listings,
    members,
    organisations,
    profiles,
)
from app.services.errors import InsufficientCredits
from app.services.unit_of_work import Env, write


@dataclass(frozen=True, slots=True)
class DemoKey:
    organisation_id: str
    name: str
    roles: list[str]
    programmes: list[str]
    secret: str


@dataclass(frozen=True, slots=True)
class DemoSummary:
    keys: list[DemoKey]
    programmes: int
    members: int
    transfers: int
    offers: int = 0
    opportunities: int = 0


def _caller(org_id: str, roles: list[str]) -> Caller:
    """Acts as the organisation with every scope its roles allow (directory:write too)."""
    return Caller(org_id, None, frozenset(roles), allowed_for(roles))


def _slots(slots: tuple[DemoSlot, ...]) -> list[dict[str, str]]:
    return [{"day": day, "opens": opens, "closes": closes} for day, opens, closes in slots]


def _host(name: str, profile: DemoProfile) -> str:
    """The profile's web host, else "<name as a slug>.example.org" (never a real site)."""
    if profile.host:
        return profile.host
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower().replace("'", "")).strip("-")
    return f"{slug}.example.org"


def _profile(
    name: str, profile: DemoProfile, town: str | None = None, **fields: object
) -> ProfileUpdate:
    """A PATCH /v1/organisations/me body, validated as one from a partner would be."""
    host = _host(name, profile)
    body: dict[str, object] = {
        "website": f"https://{host}",
        "email": f"hello@{host.removeprefix('www.')}",
        "phone": profile.phone,
        "opening_hours": _slots(OPENING_HOURS[profile.hours]),
        "accessibility": list(profile.accessibility),
        **fields,
    }
    address = {"line1": profile.address_line, "town": town, "postcode": profile.postcode}
    if any(address.values()):
        body["address"] = {k: v for k, v in address.items() if v}
    return ProfileUpdate.model_validate(body)


def _organisation_profile(o: DemoOrganisation) -> ProfileUpdate:
    profile = PROFILES[o.name]
    categories = {c for label in o.activities for c in ACTIVITIES[label].categories}
    return _profile(
        o.name,
        profile,
        description=o.description,
        town=o.town,
        location={"lat": o.lat, "lon": o.lon},
        categories=sorted(categories | set(profile.categories)),
    )


def _listing(
    o: DemoOrganisation, label: str, today: date, ended_on: date | None
) -> tuple[listings.Kind, OfferCreate | OpportunityCreate]:
    """An activity label as a POST /v1/offers (it has a price) or /v1/opportunities body.
    Without a place of its own the listing is at (and moves with) its organisation. An
    organisation whose programmes have all ended listed it in its last year: it is in the
    history, not in today's search."""
    activity = ACTIVITIES[label]
    detail = LISTING_DETAILS.get((o.name, label), DemoListingDetail())
    valid_from = today.replace(day=1) if ended_on is None else ended_on.replace(month=1, day=1)
    body: dict[str, object] = {
        "title": detail.title or label,
        "description": detail.description or activity.description,
        "category": activity.categories[0],
        "categories": list(activity.categories),
        "schedule": _slots(detail.schedule or activity.schedule),
        "valid_from": valid_from,
    }
    if activity.valid_days is not None:
        body["valid_until"] = valid_from + timedelta(days=activity.valid_days)
    if ended_on is not None:
        body["valid_until"] = min(body.get("valid_until") or ended_on, ended_on)
    if capacity := detail.capacity or activity.capacity:
        body["capacity"] = capacity
    if activity.accessibility is not None:
        body["accessibility"] = list(activity.accessibility)
    if place := detail.place:
        body.update(
            address={"line1": place.address_line, "town": place.town, "postcode": place.postcode},
            location={"lat": place.lat, "lon": place.lon},
            accessibility=list(place.accessibility),
        )
    price = detail.price or activity.price
    if price is not None:
        return "offer", OfferCreate.model_validate({**body, "credits": price})
    commitment = detail.commitment or activity.commitment
    if commitment is not None:
        body["commitment"] = commitment
    return "opportunity", OpportunityCreate.model_validate(body)


def _ended_on(ends: list[date | None], today: date) -> date | None:
    """The last day of an organisation's programmes, when every one of them has ended."""
    if any(end is None or end >= today for end in ends):
        return None
    return max(end for end in ends if end is not None)


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(9, 17), rng.randint(0, 59)), tzinfo=UTC)


GROUP_MONTHS = 3  # the last whole months of a programme's demo year with a group day
GROUP_EARNERS = 12  # people who give time at each group day
GROUP_SPENDERS = 10  # of them, those who spend a credit at a venue later that month


async def _group_days(
    as_: Any,
    p: DemoProgramme,
    people: list[tuple[str, str, DemoOrganisation]],
    start: date,
    end: date,
    seed: int,
    org_ids: dict[DemoOrganisation, str],
) -> None:
    """A group volunteering day in each of the programme's last whole months, most of its
    members giving time and then spending a credit. Why: the random year spreads ~30
    people over twelve months, so no month reaches TIMECREDITS_MIN_CELL and the impact
    report's monthly chart had nothing to draw. Its own generator, so the rest of the demo
    (and the figures tests read from it) stays as it was."""
    rng = random.Random(f"{seed}:{p.name}:group-days")
    earners = [o for o in p.earn_partners if "earn_partner" in o.roles]
    venues = [o for o in p.spend_partners if "spend_partner" in o.roles]
    month = end.replace(day=1)
    for _ in range(GROUP_MONTHS):
        month = (month - timedelta(days=1)).replace(day=1)
        if month < start or len(people) < GROUP_EARNERS:
            break
        giver = rng.choice(earners)
        activity = rng.choice(giver.activities)
        group = rng.sample(people, GROUP_EARNERS)
        for _member_id, card, _ in group:
            with ledger.backdated(_at(month + timedelta(days=9), rng)):
                await as_(
                    _caller(org_ids[giver], list(giver.roles)),
                    ledger.earn,
                    EarningCreate(
                        card_number=card,
                        hours=Decimal(rng.choice([2, 3])),
                        activity=activity,
                        given_on=month + timedelta(days=9),
                    ),
                )
        for member_id, _, home in group[:GROUP_SPENDERS] if venues else ():
            venue = rng.choice(venues)
            with ledger.backdated(_at(month + timedelta(days=rng.randint(12, 26)), rng)):
                await as_(
                    _caller(org_ids[home], list(home.roles)),
                    ledger.spend,
                    SpendCreate(
                        member_id=member_id,
                        organisation_id=org_ids[venue],
                        credits=Decimal(1),
                        description=rng.choice(venue.activities),
                    ),
                )


async def load(db: asyncpg.Connection, *, env: Env, seed: int = 2018) -> DemoSummary:
    """Load the whole network in the caller's transaction, every change through the unit
    of work (so with its events). Raises Conflict if an operator already exists (the demo
    goes into an empty database)."""
    rng = random.Random(seed)
    today = datetime.now(UTC).date()
    nobody = Caller("", None, frozenset(), frozenset())

    async def as_(caller: Caller, operation: Any, input_: Any) -> Any:
        return (await write(db, env, caller, operation, input_)).model

    operator = await as_(
        nobody, bootstrap.create_operator, bootstrap.OperatorBootstrap(name=OPERATOR_NAME)
    )
    op = Caller(operator.id, None, frozenset(["operator"]), frozenset(ALL_SCOPES))
    out = [DemoKey(operator.id, operator.name, ["operator"], [], operator.api_key.secret)]

    programme_ids: dict[str, str] = {}
    for p in PROGRAMMES:
        created = await as_(
            op,
            organisations.create_programme,
            ProgrammeCreate(
                name=p.name,
                place=p.place,
                focus=p.focus,
                starts_on=p.starts_on,
                ends_on=p.ends_on,
            ),
        )
        programme_ids[p.name] = created.id

    # An organisation may serve two programmes in one place: create it once, in both.
    memberships: dict[DemoOrganisation, list[str]] = {}
    for p in PROGRAMMES:
        for o in (p.commissioner, *p.earn_partners, *p.spend_partners):
            memberships.setdefault(o, []).append(p.name)
    org_ids: dict[DemoOrganisation, str] = {}
    for o, progs in memberships.items():
        created = await as_(
            op,
            organisations.create_organisation,
            OrganisationCreate(
                name=o.name,
                roles=list(o.roles),
                programme_ids=[programme_ids[n] for n in progs],
            ),
        )
        org_ids[o] = created.id
        out.append(DemoKey(created.id, o.name, list(o.roles), progs, created.api_key.secret))

    # The directory: profiles first, so listings without a place of their own take the
    # organisation's address and accessibility. (No rng here: the history stays the same.)
    await as_(
        op,
        profiles.update,
        _profile(
            OPERATOR_NAME,
            OPERATOR_PROFILE,
            description=OPERATOR_DESCRIPTION,
            categories=list(OPERATOR_PROFILE.categories),
        ),
    )
    published = {"offer": 0, "opportunity": 0}
    ends = {p.name: p.ends_on for p in PROGRAMMES}
    for o, org_id in org_ids.items():
        caller = _caller(org_id, list(o.roles))
        await as_(caller, profiles.update, _organisation_profile(o))
        ended_on = _ended_on([ends[name] for name in memberships[o]], today)
        for label in o.activities:
            kind, body = _listing(o, label, today, ended_on)
            await as_(caller, listings.OPERATIONS[kind].create, body)
            published[kind] += 1

    member_count = 0
    for p in PROGRAMMES:
        pid = programme_ids[p.name]
        end = min(p.ends_on or today, today)
        start = max(p.starts_on, end - timedelta(days=365))
        span = (end - start).days or 1
        earners = [o for o in p.earn_partners if "earn_partner" in o.roles]
        venues = [o for o in p.spend_partners if "spend_partner" in o.roles]
        for o in earners:
            await as_(
                op,
                ledger.allocate,
                AllocationCreate(
                    organisation_id=org_ids[o],
                    credits=Decimal(400),
                    programme_id=pid,
                    note="Demo allocation",
                ),
            )
        people: list[tuple[str, str, DemoOrganisation]] = []
        # Enough people that a programme's figures clear the small-number threshold
        # (TIMECREDITS_MIN_CELL, 10): a demo of reports that are all "suppressed" shows nothing.
        for i in range(rng.randint(24, 36)):
            home = earners[i % len(earners)]
            m = await as_(
                _caller(org_ids[home], list(home.roles)),
                members.register,
                MemberCreate(
                    display_name=f"{rng.choice(MEMBER_FIRST_NAMES)} "
                    f"{rng.choice(MEMBER_LAST_INITIALS)}.",
                    programme_id=pid,
                    external_ref=f"DEMO-{rng.randint(10000, 99999)}-{i}",
                    year_of_birth=rng.randint(1940, 2004),
                    postcode_district=rng.choice(p.postcode_districts),
                    consent_research=rng.random() < 0.7,
                ),
            )
            people.append((m.id, m.card_number, home))
            member_count += 1

        events = sorted(
            (start + timedelta(days=rng.randrange(span)), rng.random()) for _ in range(120)
        )
        for n, (day, roll) in enumerate(events):
            member_id, card, home = rng.choice(people)
            home_caller = _caller(org_ids[home], list(home.roles))
            with ledger.backdated(_at(day, rng)):
                try:
                    if n < 8 or roll < 0.6:
                        giver = rng.choice(earners)
                        await as_(
                            _caller(org_ids[giver], list(giver.roles)),
                            ledger.earn,
                            EarningCreate(
                                card_number=card,
                                hours=Decimal(rng.choice([1, 1, 2, 2, 3, 4])),
                                activity=rng.choice(giver.activities),
                                given_on=day,
                            ),
                        )
                    elif roll < 0.9 and venues:
                        venue = rng.choice(venues)
                        await as_(
                            home_caller,
                            ledger.spend,
                            SpendCreate(
                                member_id=member_id,
                                organisation_id=org_ids[venue],
                                credits=Decimal(rng.choice([1, 1, 2])),
                                description=rng.choice(venue.activities),
                            ),
                        )
                    else:
                        friend = rng.choice([m for m, _, _ in people if m != member_id])
                        await as_(
                            home_caller,
                            ledger.gift,
                            GiftCreate(
                                from_member_id=member_id,
                                to_member_id=friend,
                                credits=Decimal(1),
                                message=rng.choice(GIFT_MESSAGES),
                            ),
                        )
                except InsufficientCredits:
                    pass  # a member with nothing left simply doesn't spend that day
        await _group_days(as_, p, people, start, end, seed, org_ids)
        # One mistaken earning, reversed, so the history shows what a correction looks like.
        giver = earners[0]
        giver_caller = _caller(org_ids[giver], list(giver.roles))
        wrong = await as_(
            giver_caller,
            ledger.earn,
            EarningCreate(
                member_id=people[0][0],
                hours=Decimal(2),
                activity=giver.activities[0],
                given_on=end,
                note="Entered against the wrong person",
            ),
        )
        await as_(
            giver_caller,
            ledger.reverse,
            TransferReversal(transfer_id=wrong.id, reason="Hours recorded twice"),
        )
    # Social-prescribing referrals where a programme has a prescriber (demo_referrals.py).
    await demo_referrals.load(db, env, org_ids=org_ids, programme_ids=programme_ids, today=today)
    # Outcome surveys reproducing the seeds' health & social care figures (demo_surveys.py).
    await demo_surveys.load_demo(db, env, org_ids=org_ids, programme_ids=programme_ids, today=today)
    transfers = await db.fetchval("SELECT count(*) FROM transfers")
    return DemoSummary(
        out,
        len(PROGRAMMES),
        member_count,
        transfers,
        offers=published["offer"],
        opportunities=published["opportunity"],
    )
