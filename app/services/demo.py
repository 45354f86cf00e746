"""The demo network: the 13 health & social care programmes of seeds/000 with partners,
members and a year of history, laid down through the same services the API uses."""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import asyncpg

from app.auth.caller import Caller
from app.auth.scopes import ALL_SCOPES, allowed_for
from app.demo_data import (
    GIFT_MESSAGES,
    MEMBER_FIRST_NAMES,
    MEMBER_LAST_INITIALS,
    OPERATOR_NAME,
    PROGRAMMES,
    DemoOrganisation,
)
from app.models.ledger import AllocationCreate, EarningCreate, GiftCreate, SpendCreate
from app.models.members import MemberCreate
from app.services import bootstrap, keys, ledger, members, organisations
from app.services.errors import InsufficientCredits


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


def _caller(org_id: str, roles: list[str]) -> Caller:
    return Caller(org_id, None, frozenset(roles), allowed_for(roles))


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(9, 17), rng.randint(0, 59)), tzinfo=UTC)


async def load(db: asyncpg.Connection, *, pepper: bytes, seed: int = 2018) -> DemoSummary:
    """Load the whole network in the caller's transaction. Raises Conflict if an operator
    already exists (the demo goes into an empty database)."""
    rng = random.Random(seed)
    today = datetime.now(UTC).date()
    operator, operator_key = await bootstrap.create_operator(db, name=OPERATOR_NAME, pepper=pepper)
    op = Caller(operator.id, None, frozenset(["operator"]), frozenset(ALL_SCOPES))
    out = [DemoKey(operator.id, operator.name, ["operator"], [], operator_key.secret)]

    programme_ids: dict[str, str] = {}
    for p in PROGRAMMES:
        created = await organisations.create_programme(
            db,
            name=p.name,
            place=p.place,
            focus=p.focus,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
        )
        programme_ids[p.name] = created.id

    # An organisation may serve two programmes in one place: create it once, in both.
    memberships: dict[DemoOrganisation, list[str]] = {}
    for p in PROGRAMMES:
        for o in (p.commissioner, *p.earn_partners, *p.spend_partners):
            memberships.setdefault(o, []).append(p.name)
    org_ids: dict[DemoOrganisation, str] = {}
    for o, progs in memberships.items():
        created = await organisations.create_organisation(
            db, name=o.name, roles=list(o.roles), programme_ids=[programme_ids[n] for n in progs]
        )
        org_ids[o] = created.id
        key = await keys.mint(
            db,
            organisation_id=created.id,
            name="demo key",
            scopes=sorted(allowed_for(o.roles)),
            pepper=pepper,
        )
        out.append(DemoKey(created.id, o.name, list(o.roles), progs, key.secret))

    member_count = 0
    for p in PROGRAMMES:
        pid = programme_ids[p.name]
        end = min(p.ends_on or today, today)
        start = max(p.starts_on, end - timedelta(days=365))
        span = (end - start).days or 1
        earners = [o for o in p.earn_partners if "earn_partner" in o.roles]
        venues = [o for o in p.spend_partners if "spend_partner" in o.roles]
        for o in earners:
            await ledger.allocate(
                db,
                op,
                AllocationCreate(
                    organisation_id=org_ids[o],
                    credits=Decimal(400),
                    programme_id=pid,
                    note="Demo allocation",
                ),
            )
        people: list[tuple[str, str, DemoOrganisation]] = []
        for i in range(rng.randint(8, 12)):
            home = earners[i % len(earners)]
            m = await members.register(
                db,
                _caller(org_ids[home], list(home.roles)),
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
            (start + timedelta(days=rng.randrange(span)), rng.random()) for _ in range(34)
        )
        for n, (day, roll) in enumerate(events):
            member_id, card, home = rng.choice(people)
            home_caller = _caller(org_ids[home], list(home.roles))
            token = ledger.BACKDATE.set(_at(day, rng))
            try:
                if n < 8 or roll < 0.6:
                    giver = rng.choice(earners)
                    await ledger.earn(
                        db,
                        _caller(org_ids[giver], list(giver.roles)),
                        EarningCreate(
                            card_number=card,
                            hours=Decimal(rng.choice([1, 1, 2, 2, 3, 4])),
                            activity=rng.choice(giver.activities),
                            given_on=day,
                        ),
                    )
                elif roll < 0.9 and venues:
                    venue = rng.choice(venues)
                    await ledger.spend(
                        db,
                        home_caller,
                        SpendCreate(
                            member_id=member_id,
                            organisation_id=org_ids[venue],
                            credits=Decimal(rng.choice([1, 1, 2])),
                            description=rng.choice(venue.activities),
                        ),
                    )
                else:
                    friend = rng.choice([m for m, _, _ in people if m != member_id])
                    await ledger.gift(
                        db,
                        home_caller,
                        GiftCreate(
                            from_member_id=member_id,
                            to_member_id=friend,
                            credits=Decimal(1),
                            message=rng.choice(GIFT_MESSAGES),
                        ),
                    )
            except InsufficientCredits:
                pass  # a member with nothing left simply doesn't spend that day
            finally:
                ledger.BACKDATE.reset(token)
        # One mistaken earning, reversed, so the history shows what a correction looks like.
        giver = earners[0]
        giver_caller = _caller(org_ids[giver], list(giver.roles))
        wrong = await ledger.earn(
            db,
            giver_caller,
            EarningCreate(
                member_id=people[0][0],
                hours=Decimal(2),
                activity=giver.activities[0],
                given_on=end,
                note="Entered against the wrong person",
            ),
        )
        await ledger.reverse(db, giver_caller, wrong.id, reason="Hours recorded twice")
    transfers = await db.fetchval("SELECT count(*) FROM transfers")
    return DemoSummary(out, len(PROGRAMMES), member_count, transfers)
