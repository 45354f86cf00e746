"""The impact report page's figures (GET /reports/{token}): what the seeds' evaluation
reports show a commissioner, assembled from the reports the API already serves, never
computed again here. People who earned, hours given, credits earned and spent, and the
organisations taking part come from the programme's stats (stats.programme_stats); the
share who never or rarely gave time before from the same stats; the outcome statements
(percent positive: "a lot" + "to some extent", "a little" excluded) and the ONS4 means
from the outcomes (outcomes.programme_outcomes), the evaluation at follow-up, ONS4 at
baseline and at follow-up. Who may read, and which figures are suppressed, are theirs
too (reporting.py): a figure those reports return as null and suppressed is shown as
"fewer than N" (TIMECREDITS_MIN_CELL, 10 by default), never as a number.

The result is a typed model of the page; app/api/report_page.py renders it."""

from datetime import date, datetime
from decimal import Decimal

import asyncpg
from pydantic import BaseModel

from app.auth.caller import Caller
from app.models.organisations import ProgrammeRead
from app.models.reports import MonthStats, ProgrammeStats
from app.models.surveys import Outcomes, Wave
from app.services import outcomes, stats, survey_templates
from app.services.reporting import readable_programme

# The evaluation's statements as the seeds' reports phrase their results ("75% report
# improved quality of life"); a question not listed here is shown by its own text.
STATEMENTS: dict[str, str] = {
    "quality_of_life": "report improved quality of life",
    "mental_health": "report improved mental health",
    "physical_health": "report improved physical health",
    "manage_health": "feel more able to manage their own health and wellbeing",
    "know_services": "know more about community based services and support available to them",
    "less_need_gp": "report less need to see a GP",
    "less_need_social_care": "report less need to use social care services",
    "new_friends": "have developed new friends and acquaintances",
    "less_isolated": "feel less isolated and lonely",
    "more_confident": "feel more confident",
    "positive_future": "feel more positive about their future",
    "shared_skills": "shared their skills with others",
    "peer_support": "have used Time Credits to provide peer support for others",
}
WELLBEING_LABELS: dict[str, str] = {
    "life_satisfaction": "Life satisfaction",
    "worthwhile": "Feeling that what you do is worthwhile",
    "happiness": "Happiness yesterday",
    "anxiety": "Anxiety yesterday (lower is better)",
}


class Figure(BaseModel):
    """One headline figure as shown: `value` is the number, or when suppressed the words
    that stand in for it ("fewer than 10" for a count of people, "not shown" for what
    they gave, with a note saying why); None when there is nothing to show."""

    key: str
    value: str | None
    label: str
    suppressed: bool = False
    note: str | None = None


class Month(BaseModel):
    """A month of activity as the chart and its table show it (None: suppressed)."""

    month: str  # YYYY-MM
    label: str  # "Oct 2026"
    credits_earned: Decimal | None
    credits_spent: Decimal | None
    people_earned: int | None
    people_spent: int | None
    earned_suppressed: bool
    spent_suppressed: bool


class Outcome(BaseModel):
    """An evaluation statement: the share positive of the `n` who answered."""

    id: str
    statement: str
    n: int | None
    percent_positive: int | None
    suppressed: bool


class Wellbeing(BaseModel):
    """An ONS4 question's mean (0-10) at baseline and at follow-up, each from its n."""

    id: str
    label: str
    baseline_mean: float | None
    baseline_n: int | None
    baseline_suppressed: bool
    follow_up_mean: float | None
    follow_up_n: int | None
    follow_up_suppressed: bool


class ImpactReport(BaseModel):
    programme: ProgrammeRead
    since: date | None
    until: date | None
    generated_at: datetime
    min_cell: int
    headline: list[Figure]
    months: list[Month]
    evaluation_respondents: int | None
    evaluation_suppressed: bool
    outcomes: list[Outcome]
    wellbeing: list[Wellbeing]
    stats: ProgrammeStats  # the figures as GET /v1/programmes/{id}/stats returns them


def amount(value: str | Decimal | None) -> str:
    """Credits and hours as a report prints them: `1,234` when whole, else `1,234.50`."""
    d = Decimal(value or 0)
    return f"{d:,.0f}" if d == d.to_integral_value() else f"{d:,.2f}"


def count(value: int) -> str:
    return f"{value:,}"


def _plural(n: int, noun: str, rest: str) -> str:
    return f"{noun}{'' if n == 1 else 's'} {rest}"


def fewer_than(min_cell: int) -> str:
    """What a suppressed count of people reads as."""
    return f"fewer than {min_cell}"


def _headline(s: ProgrammeStats, min_cell: int) -> list[Figure]:
    hidden = set(s.suppressed)
    fewer = fewer_than(min_cell)
    why = f"From {fewer} people, so not shown."

    def people(key: str, label: str) -> Figure:
        value = getattr(s, key)
        if key in hidden:
            return Figure(key=key, value=fewer, label=label, suppressed=True)
        return Figure(key=key, value=count(value or 0), label=label)

    def credits(key: str, label: str) -> Figure:
        value = getattr(s, key)
        if key in hidden:
            return Figure(key=key, value="not shown", label=label, suppressed=True, note=why)
        return Figure(key=key, value=amount(value), label=label)

    share = s.people_never_or_rarely_gave_before
    first = Figure(
        key="people_never_or_rarely_gave_before",
        value=None,
        label="never or rarely gave time before earning Time Credits",
    )
    if first.key in hidden:
        first.value, first.suppressed = "not shown", True
        first.note = f"{fewer.capitalize()} people answered, so not shown."
    elif share is None or share.percent is None:
        first.note = "No one answered this question in the period."
    else:
        first.value = f"{share.percent}%"
        first.note = f"Of the {count(share.n)} people who answered."
    return [
        people("people_earned", "people earned Time Credits"),
        credits("hours_given", "hours given to the community"),
        credits("credits_earned", "Time Credits earned"),
        credits("credits_spent", "Time Credits spent"),
        first,
        Figure(
            key="organisations_earning",
            value=count(s.organisations_earning),
            label=_plural(
                s.organisations_earning, "organisation", "thanked people with Time Credits"
            ),
        ),
        Figure(
            key="organisations_spending",
            value=count(s.organisations_spending),
            label=_plural(
                s.organisations_spending, "venue", "welcomed people spending Time Credits"
            ),
        ),
    ]


def _month(m: MonthStats) -> Month:
    hidden = set(m.suppressed)
    year, month = (int(p) for p in m.month.split("-"))
    return Month(
        month=m.month,
        label=date(year, month, 1).strftime("%b %Y"),
        credits_earned=None if m.credits_earned is None else Decimal(m.credits_earned),
        credits_spent=None if m.credits_spent is None else Decimal(m.credits_spent),
        people_earned=m.people_earned,
        people_spent=m.people_spent,
        earned_suppressed="credits_earned" in hidden,
        spent_suppressed="credits_spent" in hidden,
    )


def _outcomes(evaluation: Outcomes) -> list[Outcome]:
    return [
        Outcome(
            id=q.id,
            statement=STATEMENTS.get(q.id, q.text),
            n=q.n,
            percent_positive=q.percent_positive,
            suppressed=q.suppressed,
        )
        for q in evaluation.questions
        if q.type == "agreement" and (q.suppressed or q.n)  # statements someone answered
    ]


def _wellbeing(baseline: Outcomes, follow_up: Outcomes) -> list[Wellbeing]:
    after = {q.id: q for q in follow_up.questions}
    out = []
    for b in baseline.questions:
        f = after[b.id]
        out.append(
            Wellbeing(
                id=b.id,
                label=WELLBEING_LABELS.get(b.id, b.text),
                baseline_mean=b.mean,
                baseline_n=b.n,
                baseline_suppressed=b.suppressed,
                follow_up_mean=f.mean,
                follow_up_n=f.n,
                follow_up_suppressed=f.suppressed,
            )
        )
    return out


async def impact_report(
    db: asyncpg.Connection,
    caller: Caller,
    programme_id: str,
    *,
    since: date | None,
    until: date | None,
    min_cell: int,
    now: datetime,
) -> ImpactReport:
    """The page's figures for [since, until] (whole UTC days), as `caller` may read them
    (404 for anyone but the programme's organisations and the operator)."""
    programme = await readable_programme(db, caller, programme_id)
    figures = await stats.programme_stats(
        db, caller, programme_id, since=since, until=until, min_cell=min_cell
    )

    async def read(template_id: str, wave: Wave) -> Outcomes:
        return await outcomes.programme_outcomes(
            db,
            caller,
            programme_id,
            template_id=template_id,
            wave=wave,
            since=since,
            until=until,
            min_cell=min_cell,
        )

    evaluation = await read(survey_templates.PROGRAMME_EVALUATION.id, "follow_up")
    ons_baseline = await read(survey_templates.ONS4.id, "baseline")
    ons_follow_up = await read(survey_templates.ONS4.id, "follow_up")
    return ImpactReport(
        programme=programme,
        since=since,
        until=until,
        generated_at=now,
        min_cell=min_cell,
        headline=_headline(figures, min_cell),
        months=[_month(m) for m in figures.monthly],
        evaluation_respondents=evaluation.respondents,
        evaluation_suppressed=evaluation.respondents_suppressed,
        outcomes=_outcomes(evaluation),
        wellbeing=_wellbeing(ons_baseline, ons_follow_up),
        stats=figures,
    )
