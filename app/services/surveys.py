"""Survey responses (DESIGN §1 Survey): a member's answers, or for a partner survey the
organisation's own, recorded by partners.

A response is checked against its template, answer by answer: an unknown question, a value
of the wrong type or out of range is a 422 naming `answers.<question id>`, and nothing is
written. A response may skip questions (people do), but answers at least one. One response
per subject, template and wave (409 otherwise), so a wave's respondents are people and a
member's baseline and follow-up pair up. The survey_rollup trigger (migration 0015) counts
the response into the outcomes' rollups in the same transaction."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

import asyncpg

from app.ids import new_id
from app.models.surveys import (
    Question,
    SurveyResponseCreate,
    SurveyResponseRead,
    SurveyTemplateRead,
)
from app.services import members
from app.services.errors import Conflict, InvalidInput
from app.services.survey_templates import find_template
from app.services.unit_of_work import Operation, Work

# An answered_on older than this many years is a typo, not a survey.
OLDEST_YEARS = 10


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
