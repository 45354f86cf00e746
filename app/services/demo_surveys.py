"""Demo survey responses for the demo network (app/services/demo.py): answers that
reproduce the seeds' health & social care figures in one programme, through the unit of
work like every other demo change."""

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import asyncpg

from app.auth.caller import Caller
from app.auth.scopes import allowed_for
from app.demo_data import PROGRAMMES, DemoOrganisation
from app.models.members import MemberCreate
from app.models.surveys import SurveyResponseCreate
from app.services import members
from app.services.surveys import record
from app.services.unit_of_work import Env, write


@dataclass(frozen=True, slots=True)
class Figure:
    """A reported share: `positive` of `answered` people said a lot or to some extent."""

    question: str
    positive: int
    answered: int


# The seeds' health & social care results (seeds/000, 001: 2018 Evaluation Survey filtered
# for health and social care): 61% improved quality of life, 44% mental health, 37%
# physical health, 40% more able to manage their health, 31% know more about services,
# 19% less need to see a GP, 16% less need of social care; 60% had never or rarely given
# time before. Each share from between 16 and 20 people, so none is suppressed.
HEALTH_AND_SOCIAL_CARE: tuple[Figure, ...] = (
    Figure("quality_of_life", 11, 18),
    Figure("mental_health", 8, 18),
    Figure("physical_health", 7, 19),
    Figure("manage_health", 8, 20),
    Figure("know_services", 5, 16),
    Figure("less_need_gp", 3, 16),
    Figure("less_need_social_care", 3, 19),
)
DEMO_PROGRAMME = "Haringey Mental Health"
DEMO_RESPONDENTS = 20


def _demo_answers(rng: random.Random) -> list[dict[str, Any]]:
    """Twenty people's follow-up answers reproducing HEALTH_AND_SOCIAL_CARE exactly."""
    people: list[dict[str, Any]] = [{} for _ in range(DEMO_RESPONDENTS)]
    for f in HEALTH_AND_SOCIAL_CARE:
        order = rng.sample(range(DEMO_RESPONDENTS), f.answered)
        for rank, i in enumerate(order):
            if rank < f.positive:
                people[i][f.question] = rng.choice(("a_lot", "to_some_extent"))
            else:
                people[i][f.question] = rng.choice(("a_little", "not_at_all", "not_at_all"))
    for i, person in enumerate(people):  # 12 of 20 (60%) never or rarely gave time before
        person["gave_time_before"] = ("never", "rarely", "sometimes", "often")[
            (0 if i < 7 else 1) if i < 12 else (2 if i < 17 else 3)
        ]
    return people


async def load_demo(
    db: asyncpg.Connection,
    env: Env,
    *,
    org_ids: Mapping[DemoOrganisation, str],
    programme_ids: Mapping[str, str],
    today: date,
    seed: int = 15,
) -> int:
    """Demo survey responses (called by the demo loader, app/services/demo.py): in
    DEMO_PROGRAMME, twenty people registered by its first earn partner, with a
    programme-evaluation follow-up reproducing the seeds' health & social care figures and
    ONS4 at baseline and follow-up. Everything through the unit of work; its own random
    numbers, so the rest of the demo is unchanged. Returns the responses recorded."""
    programme = next((p for p in PROGRAMMES if p.name == DEMO_PROGRAMME), None)
    if programme is None or programme.name not in programme_ids:
        return 0
    programme_id = programme_ids[programme.name]
    partner = next(o for o in programme.earn_partners if "earn_partner" in o.roles)
    roles = frozenset(partner.roles)
    caller = Caller(org_ids[partner], None, roles, allowed_for(roles))
    rng = random.Random(seed)
    count = 0

    async def as_partner(operation: Any, input_: Any) -> Any:
        return (await write(db, env, caller, operation, input_)).model

    for i, answers in enumerate(_demo_answers(rng)):
        member = await as_partner(
            members.register,
            MemberCreate(
                display_name=f"Survey respondent {i + 1}",
                programme_id=programme_id,
                external_ref=f"DEMO-SURVEY-{i + 1:02d}",
                consent_research=True,
            ),
        )
        baseline_on = today - timedelta(days=rng.randint(300, 360))
        follow_up_on = today - timedelta(days=rng.randint(20, 60))
        start = {q: rng.randint(2, 7) for q in ("life_satisfaction", "worthwhile", "happiness")}
        start["anxiety"] = rng.randint(3, 8)
        later = {q: min(10, v + rng.randint(0, 3)) for q, v in start.items() if q != "anxiety"}
        later["anxiety"] = max(0, start["anxiety"] - rng.randint(0, 3))
        for template_id, wave, on, given in (
            ("ons4", "baseline", baseline_on, start),
            ("ons4", "follow_up", follow_up_on, later),
            ("programme-evaluation", "follow_up", follow_up_on, answers),
        ):
            await as_partner(
                record,
                SurveyResponseCreate(
                    template_id=template_id,
                    member_id=member.id,
                    wave=wave,
                    answered_on=on,
                    answers=given,
                ),
            )
            count += 1
    return count
