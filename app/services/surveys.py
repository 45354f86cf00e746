"""Outcome surveys: templates, and the responses partners record (DESIGN §1 Survey).

Templates: three built-ins, code constants listed first (`programme-evaluation`, `ons4`,
`partner-organisation`), and those an operator adds (table `survey_templates`). Built-ins
are never rows: their wording ships with a release, and no database keeps a stale copy; an
operator's id can never take a built-in's.

A response is checked against its template, answer by answer: an unknown question, a value
of the wrong type or out of range is a 422 naming `answers.<question id>`, and nothing is
written. A response may skip questions (people do), but answers at least one. One response
per subject, template and wave (409 otherwise), so a wave's respondents are people and a
member's baseline and follow-up pair up. The survey_rollup trigger (migration 0015) counts
the response into the outcomes' rollups in the same transaction."""

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import asyncpg

from app.auth.caller import Caller
from app.ids import new_id
from app.models.members import MemberCreate
from app.models.surveys import (
    AGREEMENT,
    YES_NO,
    Question,
    Scoring,
    SurveyResponseCreate,
    SurveyResponseRead,
    SurveyTemplateCreate,
    SurveyTemplateRead,
)
from app.services import members
from app.services.errors import Conflict, InvalidInput, NotFound
from app.services.unit_of_work import Env, Operation, Work, write

# An answered_on older than this many years is a typo, not a survey.
OLDEST_YEARS = 10
_TEMPLATE_ID = r"^[a-z][a-z0-9-]{1,62}$"


def _agree(qid: str, text: str) -> Question:
    return Question(id=qid, text=text, type="agreement", options=list(AGREEMENT))


def _yes_no(qid: str, text: str) -> Question:
    return Question(id=qid, text=text, type="yes_no", options=list(YES_NO))


def _scale(qid: str, text: str) -> Question:
    return Question(id=qid, text=text, type="scale_0_10", min=Decimal(0), max=Decimal(10))


# The statements of Tempo's evaluation survey, as the reports quote them (seeds/000, 001):
# "Since getting involved with Time Credits, …", answered a lot / to some extent / a little /
# not at all; the reports count "a lot" + "to some extent" as positive.
PROGRAMME_EVALUATION = SurveyTemplateRead(
    id="programme-evaluation",
    name="Time Credits programme evaluation",
    subject="member",
    built_in=True,
    questions=[
        _agree("quality_of_life", "Time Credits have improved my quality of life."),
        _agree("mental_health", "Time Credits have improved my mental health."),
        _agree("physical_health", "Time Credits have improved my physical health."),
        _agree("manage_health", "I feel more able to manage my own health and wellbeing."),
        _agree(
            "know_services", "I know more about the community services and support available to me."
        ),
        _agree("less_need_gp", "I have less need to see a GP."),
        _agree("less_need_social_care", "I have less need to use social care services."),
        _agree("new_friends", "I have developed new friends and acquaintances."),
        _agree("less_isolated", "I feel less isolated and lonely."),
        _agree("more_confident", "I feel more confident."),
        _agree("positive_future", "I feel more positive about my future."),
        _agree("shared_skills", "I have shared my skills with others."),
        _agree("peer_support", "I have used Time Credits to provide peer support for others."),
        Question(
            id="gave_time_before",
            text="Before earning Time Credits, how often did you give time to your community?",
            type="single_choice",
            options=["never", "rarely", "sometimes", "often"],
        ),
    ],
)

# ONS's four personal wellbeing questions (public wording), each 0-10.
ONS4 = SurveyTemplateRead(
    id="ons4",
    name="ONS4 personal wellbeing",
    subject="member",
    built_in=True,
    questions=[
        _scale(
            "life_satisfaction",
            "Overall, how satisfied are you with your life nowadays? "
            "(0 = not at all, 10 = completely)",
        ),
        _scale(
            "worthwhile",
            "Overall, to what extent do you feel that the things you do in your life are "
            "worthwhile? (0 = not at all, 10 = completely)",
        ),
        _scale(
            "happiness",
            "Overall, how happy did you feel yesterday? (0 = not at all, 10 = completely)",
        ),
        _scale(
            "anxiety",
            "On a scale where 0 is 'not at all anxious' and 10 is 'completely anxious', "
            "overall, how anxious did you feel yesterday?",
        ),
    ],
)

# The partner survey behind the reports' organisation figures (seeds/000: recruited more
# volunteers 75%, reached more people in need 42%, saved money 33%, collaboration 60% ...).
PARTNER_ORGANISATION = SurveyTemplateRead(
    id="partner-organisation",
    name="Time Credits partner organisation survey",
    subject="organisation",
    built_in=True,
    questions=[
        _yes_no(
            "recruited_more_volunteers", "Have Time Credits helped you recruit more volunteers?"
        ),
        _yes_no("reached_more_people", "Have you been able to reach more people in need?"),
        _yes_no("saved_money", "Have Time Credits saved your organisation money?"),
        _yes_no(
            "collaboration_with_groups",
            "Have Time Credits increased collaboration between local community groups?",
        ),
        _yes_no(
            "collaboration_users_community",
            "Has involvement in Time Credits increased collaboration between your service "
            "users and the wider population?",
        ),
        _yes_no(
            "new_partners",
            "Have Time Credits enabled you to work with local partners you would not normally "
            "work with?",
        ),
        _yes_no(
            "similar_organisations",
            "Have you worked with other organisations that provide similar services?",
        ),
        _yes_no(
            "benefits_realised",
            "Have you started to realise the benefits of the Time Credits network?",
        ),
    ],
)

BUILT_IN: dict[str, SurveyTemplateRead] = {
    t.id: t for t in (PROGRAMME_EVALUATION, ONS4, PARTNER_ORGANISATION)
}


def _read(row: asyncpg.Record) -> SurveyTemplateRead:
    return SurveyTemplateRead(
        id=row["id"],
        name=row["name"],
        subject=row["subject"],
        built_in=False,
        questions=row["questions"],
        scoring=row["scoring"],
        created_at=row["created_at"],
    )


async def list_templates(db: asyncpg.Connection) -> list[SurveyTemplateRead]:
    """Built-ins first, then the operator's, oldest first."""
    rows = await db.fetch("SELECT * FROM survey_templates ORDER BY created_at, id")
    return [*BUILT_IN.values(), *map(_read, rows)]


async def find_template(db: asyncpg.Connection, template_id: str) -> SurveyTemplateRead | None:
    if template_id in BUILT_IN:
        return BUILT_IN[template_id]
    row = await db.fetchrow("SELECT * FROM survey_templates WHERE id = $1", template_id)
    return _read(row) if row else None


async def get_template(db: asyncpg.Connection, template_id: str) -> SurveyTemplateRead:
    template = await find_template(db, template_id)
    if template is None:
        raise NotFound(f"no survey template {template_id}")
    return template


# --- operators' templates ---------------------------------------------------------------


def _fixed_options(q: Question) -> Question:
    """A question as read: agreement and yes/no show their fixed options, a 0-10 scale its
    bounds."""
    if q.type == "agreement":
        return q.model_copy(update={"options": list(AGREEMENT)})
    if q.type == "yes_no":
        return q.model_copy(update={"options": list(YES_NO)})
    if q.type == "scale_0_10":
        return q.model_copy(update={"min": Decimal(0), "max": Decimal(10)})
    return q


def _question_errors(body: SurveyTemplateCreate) -> list[dict[str, str]]:
    errors: list[dict[str, str]] = []

    def bad(field: str, message: str) -> None:
        errors.append({"field": field, "message": message})

    seen: set[str] = set()
    for i, q in enumerate(body.questions):
        at = f"questions.{i}"
        if q.id in seen:
            bad(f"{at}.id", f"repeats question id {q.id!r}")
        seen.add(q.id)
        if q.type == "single_choice":
            if not q.options or len(q.options) < 2:
                bad(f"{at}.options", "a single_choice question needs at least two options")
            elif len(set(q.options)) != len(q.options):
                bad(f"{at}.options", "repeats an option")
        elif q.options is not None:
            bad(f"{at}.options", f"only single_choice questions take options, not {q.type}")
        if q.type == "number":
            if q.min is None or q.max is None:
                bad(f"{at}.min", "a number question needs both min and max")
            elif q.min >= q.max:
                bad(f"{at}.max", "must be greater than min")
        elif q.min is not None or q.max is not None:
            bad(f"{at}.min", f"only number questions take min and max, not {q.type}")
    return errors


def _item_range(q: Question, values: dict[str, Decimal]) -> tuple[Decimal, Decimal] | None:
    """The lowest and highest value a scored item can add, or None if it cannot be scored."""
    if q.type in ("number", "scale_0_10"):
        return (q.min, q.max) if q.min is not None and q.max is not None else None
    options = q.options or []
    if not options or any(o not in values for o in options):
        return None
    return min(values[o] for o in options), max(values[o] for o in options)


def _scoring_errors(questions: list[Question], scoring: Scoring | None) -> list[dict[str, str]]:
    if scoring is None:
        return []
    errors: list[dict[str, str]] = []
    by_id = {q.id: q for q in questions}
    values = scoring.option_values or {}
    choice_options = {o for q in questions if q.options for o in q.options}
    lo = hi = Decimal(0)
    for i, item in enumerate(scoring.items):
        q = by_id.get(item)
        if q is None:
            errors.append({"field": f"scoring.items.{i}", "message": f"no question {item!r}"})
            continue
        if scoring.items.index(item) != i:
            errors.append({"field": f"scoring.items.{i}", "message": f"repeats {item!r}"})
            continue
        span = _item_range(q, values)
        if span is None:
            errors.append(
                {
                    "field": f"scoring.items.{i}",
                    "message": f"{q.type} item {item!r}: give option_values for each of its "
                    f"options ({', '.join(q.options or [])})",
                }
            )
            continue
        lo, hi = lo + span[0], hi + span[1]
    for option in values:
        if option not in choice_options:
            errors.append(
                {"field": f"scoring.option_values.{option}", "message": "is no question's option"}
            )
    if scoring.conversion is None or errors:
        return errors
    raws = [row.raw for row in scoring.conversion]
    if len(set(raws)) != len(raws):
        return [{"field": "scoring.conversion", "message": "gives a raw score twice"}]
    if lo != int(lo) or hi != int(hi):
        return [
            {"field": "scoring.conversion", "message": "a conversion table needs whole raw sums"}
        ]
    wanted = set(range(int(lo), int(hi) + 1))
    missing, extra = sorted(wanted - set(raws)), sorted(set(raws) - wanted)
    if missing or extra:
        message = f"must give exactly the raw sums {int(lo)} to {int(hi)}"
        if missing:
            message += f"; missing {', '.join(map(str, missing[:5]))}"
        if extra:
            message += f"; outside the range {', '.join(map(str, extra[:5]))}"
        return [{"field": "scoring.conversion", "message": message}]
    return []


async def _create_template(work: Work, body: SurveyTemplateCreate) -> SurveyTemplateRead:
    """An operator's template, checked whole: every problem in one 422."""
    errors = _question_errors(body)
    if body.id is not None and not re.fullmatch(_TEMPLATE_ID, body.id):
        errors.append(
            {"field": "id", "message": "2-63 lower-case letters, digits and hyphens, from a letter"}
        )
    questions = [_fixed_options(Question(**q.model_dump())) for q in body.questions]
    scoring = Scoring(**body.scoring.model_dump()) if body.scoring else None
    if not errors:
        errors = _scoring_errors(questions, scoring)
    if errors:
        first = errors[0]
        raise InvalidInput(f"{first['field']}: {first['message']}", errors=errors)
    tid = body.id or new_id("svt")
    if tid in BUILT_IN or await work.db.fetchval(
        "SELECT EXISTS (SELECT 1 FROM survey_templates WHERE id = $1)", tid
    ):
        raise Conflict(f"a survey template {tid!r} already exists")
    try:
        row = await work.db.fetchrow(
            """INSERT INTO survey_templates (id, name, subject, questions, scoring)
               VALUES ($1, $2, $3, $4, $5) RETURNING *""",
            tid,
            body.name,
            body.subject,
            [q.model_dump(mode="json", exclude_none=True) for q in questions],
            scoring.model_dump(mode="json") if scoring else None,
        )
    except asyncpg.UniqueViolationError:
        raise Conflict(f"a survey template {tid!r} already exists") from None
    return _read(row)


create_template = Operation("survey_templates.create", _create_template, SurveyTemplateRead)


# --- responses ---------------------------------------------------------------------------


def _number(value: Any) -> Decimal | None:
    """A JSON number as the exact Decimal it spells (ExactJsonRoute passes non-integers as
    Decimal already), or None for anything else (booleans, strings, lists, infinities)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    return exact if exact.is_finite() else None


def answer_error(q: Question, value: Any) -> str | None:
    """Why `value` is no answer to `q`, or None if it is one."""
    if value is None:
        return "must not be null: leave out a question that was not answered"
    if q.type in ("agreement", "yes_no", "single_choice"):
        options = q.options or []
        if not isinstance(value, str) or value not in options:
            return f"must be one of {', '.join(options)}"
        return None
    exact = _number(value)
    if exact is None:
        return "must be a number"
    if q.type == "scale_0_10":
        if exact != exact.to_integral_value() or not 0 <= exact <= 10:
            return "must be a whole number from 0 to 10"
        return None
    if (q.min is not None and exact < q.min) or (q.max is not None and exact > q.max):
        return f"must be from {q.min} to {q.max}"
    if exact != exact.quantize(Decimal("0.01")):  # within bounds of 12 digits: no overflow
        return "must have at most two decimal places"
    return None


def _stored(value: Any) -> Any:
    """An answer as stored: a number as a JSON int when whole, else its (two-decimal) float,
    which JSON writes back as the same digits."""
    exact = _number(value)
    if exact is None:
        return value
    return int(exact) if exact == exact.to_integral_value() else float(exact)


def check_answers(
    template: SurveyTemplateRead, answers: dict[str, Any]
) -> tuple[dict[str, Any], Decimal | None]:
    """Refuse (422, every bad answer named `answers.<id>`) what the template cannot take;
    return the answers as stored and the response's score (if the template scores and
    every item was answered)."""
    by_id = {q.id: q for q in template.questions}
    errors = []
    for qid, value in answers.items():
        q = by_id.get(qid)
        message = (
            f"is not a question of the {template.id} survey"
            if q is None
            else answer_error(q, value)
        )
        if message:
            errors.append({"field": f"answers.{qid}", "message": message})
    if errors:
        raise InvalidInput(f"{errors[0]['field']}: {errors[0]['message']}", errors=errors)
    clean = {qid: _stored(value) for qid, value in answers.items()}
    return clean, score(template, clean)


def score(template: SurveyTemplateRead, answers: dict[str, Any]) -> Decimal | None:
    scoring = template.scoring
    if scoring is None or any(item not in answers for item in scoring.items):
        return None
    values = scoring.option_values or {}
    raw = sum(
        (
            values[answers[i]] if isinstance(answers[i], str) else Decimal(str(answers[i]))
            for i in scoring.items
        ),
        Decimal(0),
    )
    if scoring.conversion is None:
        return raw
    table = {row.raw: row.score for row in scoring.conversion}
    if raw != int(raw) or int(raw) not in table:
        raise InvalidInput.field(
            "answers", f"give a raw {scoring.label} of {raw}, which the conversion table lacks"
        )
    return table[int(raw)]


_TAKES_PART = """SELECT EXISTS (SELECT 1 FROM organisation_programmes
                                 WHERE organisation_id = $1 AND programme_id = $2)"""
_TAKEN = {
    "member": """SELECT EXISTS (SELECT 1 FROM survey_responses
                                 WHERE template_id = $1 AND member_id = $2 AND wave = $3)""",
    "organisation": """SELECT EXISTS (SELECT 1 FROM survey_responses
                       WHERE template_id = $1 AND subject_organisation_id = $2 AND wave = $3
                         AND programme_id = $4 AND member_id IS NULL)""",
}
_INSERT = """INSERT INTO survey_responses
                 (id, template_id, programme_id, member_id, subject_organisation_id,
                  organisation_id, wave, answered_on, answers, score)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *"""


def read_response(row: asyncpg.Record) -> SurveyResponseRead:
    return SurveyResponseRead(**{k: row[k] for k in SurveyResponseRead.model_fields})


async def _record(work: Work, body: SurveyResponseCreate) -> SurveyResponseRead:
    """Record one subject's answers in a wave, checked against the template."""
    db, caller = work.db, work.caller
    template = await find_template(db, body.template_id)
    if template is None:
        raise InvalidInput.field("template_id", "is not a survey template")
    today = work.env.clock.today()
    if body.answered_on > today:
        raise InvalidInput.field("answered_on", "must not be in the future")
    if body.answered_on < today - timedelta(days=366 * OLDEST_YEARS):
        raise InvalidInput.field("answered_on", f"must be within the last {OLDEST_YEARS} years")
    if template.subject == "member":
        if body.member_id is None:
            raise InvalidInput.field("member_id", f"the {template.id} survey is a member's")
        if body.programme_id is not None:
            raise InvalidInput.field(
                "programme_id", "a member's survey counts in the member's programme: leave it out"
            )
        member = await members.home_row(db, caller, body.member_id)
        programme_id, home = member["programme_id"], member["home_organisation_id"]
        taken = await db.fetchval(_TAKEN["member"], template.id, body.member_id, body.wave)
        subject_organisation_id = None
    else:
        if body.member_id is not None:
            raise InvalidInput.field(
                "member_id", f"the {template.id} survey is your organisation's own: leave it out"
            )
        if body.programme_id is None:
            raise InvalidInput.field("programme_id", "say which programme the answers are about")
        if not await db.fetchval(_TAKES_PART, caller.organisation_id, body.programme_id):
            raise InvalidInput.field("programme_id", "is not one of your organisation's programmes")
        programme_id, home = body.programme_id, None
        subject_organisation_id = caller.organisation_id
        taken = await db.fetchval(
            _TAKEN["organisation"], template.id, caller.organisation_id, body.wave, programme_id
        )
    if taken:
        raise Conflict(f"this {body.wave} response to the {template.id} survey is already recorded")
    answers, points = check_answers(template, body.answers)
    rid = new_id("svr")
    try:
        row = await db.fetchrow(
            _INSERT,
            rid,
            template.id,
            programme_id,
            body.member_id,
            subject_organisation_id,
            caller.organisation_id,
            body.wave,
            body.answered_on,
            answers,
            points,
        )
    except asyncpg.UniqueViolationError:  # a concurrent copy committed first
        raise Conflict(
            f"this {body.wave} response to the {template.id} survey is already recorded"
        ) from None
    response = read_response(row)
    work.record(
        "survey_response.created",
        response,
        resource_id=rid,
        audience=(caller.organisation_id, home),
        at=response.created_at,
    )
    return response


record = Operation("survey_responses.create", _record, SurveyResponseRead)


# --- the demo network ---------------------------------------------------------------------


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
    db: asyncpg.Connection, env: Env, today: date, partners: dict[str, tuple[str, Caller]]
) -> int:
    """Demo survey responses (the demo loader, app/services/demo.py): in DEMO_PROGRAMME,
    twenty people registered by its first earn partner (`partners`: programme name → its
    id and that partner acting), with a programme-evaluation follow-up reproducing the
    seeds' health & social care figures and ONS4 at baseline and follow-up. Everything
    through the unit of work; its own random numbers, so the rest of the demo is unchanged.
    Returns the responses recorded."""
    if DEMO_PROGRAMME not in partners:
        return 0
    programme_id, caller = partners[DEMO_PROGRAMME]
    rng = random.Random(15)
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
