"""Survey templates: three built-ins, code constants listed first (`programme-evaluation`,
`ons4`, `partner-organisation`), and those an operator adds (table `survey_templates`).
Built-ins are never rows: their wording ships with a release, no database keeps a stale
copy, and an operator's id can never take a built-in's. An operator's template is checked
whole (every problem in one 422) before it is stored, its scoring too: the sum of chosen
items, optionally through a raw-to-metric conversion table that must give every raw sum
the items can make (so a licence holder can load a scale such as SWEMWBS; no licensed
wording ships here)."""

import re
from decimal import Decimal

import asyncpg

from app.ids import new_id
from app.models.surveys import (
    AGREEMENT,
    YES_NO,
    Question,
    Scoring,
    SurveyTemplateCreate,
    SurveyTemplateRead,
)
from app.services.errors import Conflict, InvalidInput, NotFound
from app.services.unit_of_work import Operation, Work

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
