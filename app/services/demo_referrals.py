"""Demo referrals: in each demo programme with a prescriber (Llanelli Social Prescribing's GP
cluster service), a few months of referrals to the programme's community groups, at every
step of their lifecycle, laid down through the referral services and the unit of work (so
with their events), and some referred people going on to earn credits."""

import random
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import asyncpg

from app.auth.caller import Caller
from app.auth.scopes import allowed_for
from app.demo_data import MEMBER_FIRST_NAMES, MEMBER_LAST_INITIALS, PROGRAMMES, DemoOrganisation
from app.models.ledger import EarningCreate
from app.models.referrals import REASON_CODES, ReferralCreate, ReferralStep
from app.services import ledger, referrals
from app.services.unit_of_work import Env, write

# Where each demo referral ends up (the last step it takes).
_JOURNEYS = (
    "sent",
    "accepted",
    "declined",
    "first_attended",
    "first_attended",
    "closed",
    "closed",
    "withdrawn",
)
_OPPORTUNITY = """SELECT id FROM listings WHERE organisation_id = $1 AND kind = 'opportunity'
                     AND archived_at IS NULL ORDER BY created_at, id LIMIT 1"""


def _caller(org_id: str, o: DemoOrganisation) -> Caller:
    return Caller(org_id, None, frozenset(o.roles), allowed_for(o.roles))


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(9, 16), rng.randint(0, 59)), tzinfo=UTC)


async def load(
    db: asyncpg.Connection,
    env: Env,
    *,
    org_ids: Mapping[DemoOrganisation, str],
    programme_ids: Mapping[str, str],
    today: date,
    seed: int = 2019,
) -> int:
    """Lay down the demo referrals in the caller's transaction; returns how many."""
    rng = random.Random(seed)
    count = 0
    for p in PROGRAMMES:
        prescribers = [o for o in p.earn_partners if "prescriber" in o.roles]
        receivers = [o for o in p.earn_partners if "prescriber" not in o.roles]
        if not prescribers or not receivers or (p.ends_on and p.ends_on < today):
            continue
        gp = prescribers[0]
        gp_caller = _caller(org_ids[gp], gp)
        for n, journey in enumerate(_JOURNEYS * 3):
            to = receivers[n % len(receivers)]
            to_caller = _caller(org_ids[to], to)
            opportunity = await db.fetchval(_OPPORTUNITY, org_ids[to])
            day = today - timedelta(days=rng.randint(20, 150))
            body = ReferralCreate(
                to_organisation_id=org_ids[to],
                opportunity_id=opportunity if rng.random() < 0.6 else None,
                programme_id=programme_ids[p.name],
                person={
                    "display_name": f"{rng.choice(MEMBER_FIRST_NAMES)} "
                    f"{rng.choice(MEMBER_LAST_INITIALS)}.",
                    "external_ref": f"SP-{rng.randint(1000, 9999)}-{n}",
                    "year_of_birth": rng.randint(1940, 2000),
                    "postcode_district": rng.choice(p.postcode_districts),
                    "consent_contact": True,
                },
                reason_codes=rng.sample(REASON_CODES[:-1], rng.choice([1, 1, 2])),
                urgency=rng.choice(["routine", "routine", "soon", "urgent"]),
            )
            with ledger.backdated(_at(day, rng)):
                sent = (await write(db, env, gp_caller, referrals.create, body)).model
            count += 1
            steps: list[tuple[Caller, ReferralStep]] = []
            rid = sent.id
            if journey == "declined":
                reason = rng.choice(["no_capacity", "unable_to_contact", "person_declined"])
                steps.append(
                    (to_caller, ReferralStep(referral_id=rid, action="decline", reason=reason))
                )
            elif journey == "withdrawn":
                steps.append(
                    (gp_caller, ReferralStep(referral_id=rid, action="close", outcome="withdrawn"))
                )
            elif journey != "sent":
                steps.append((to_caller, ReferralStep(referral_id=rid, action="accept")))
                if journey in ("first_attended", "closed"):
                    steps.append((to_caller, ReferralStep(referral_id=rid, action="attended")))
                if journey == "closed":
                    outcome = rng.choice(["completed", "continuing", "disengaged"])
                    steps.append(
                        (to_caller, ReferralStep(referral_id=rid, action="close", outcome=outcome))
                    )
            moved = sent
            for caller, step in steps:
                day = min(day + timedelta(days=rng.randint(1, 6)), today)
                with ledger.backdated(_at(day, rng)):
                    moved = (await write(db, env, caller, referrals.move, step)).model
            # Most who came went on to give time, and were thanked with credits.
            if moved.first_attended_at is not None and rng.random() < 0.75:
                given = min(day + timedelta(days=rng.randint(0, 10)), today - timedelta(days=1))
                with ledger.backdated(_at(given, rng) + timedelta(hours=1)):
                    await write(
                        db,
                        env,
                        to_caller,
                        ledger.earn,
                        EarningCreate(
                            member_id=moved.member_id,
                            hours=Decimal(rng.choice([1, 2, 2, 3])),
                            activity=rng.choice(to.activities),
                            given_on=given,
                        ),
                    )
    return count
