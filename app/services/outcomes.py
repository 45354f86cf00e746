"""A programme's survey outcomes, computed the way Tempo's reports compute them (seeds/000,
001): per question, how many answered (`n`), how many gave each answer, and the share
positive: "a lot" + "to some extent" over all answers to the question ("a little" is not
positive), a whole percentage rounded half up. ONS4: means (two decimals) and ONS's
threshold bands. Members who answered both waves: the change from baseline to follow-up.

Read from the rollups the survey_rollup trigger keeps (migration 0015), not from the
responses: a year of a busy programme is a few thousand rollup rows however many people
answered, so the cost does not grow with the responses (bench/reports.py).

Who reads, and small numbers, follow reporting.py: a figure from fewer than `min_cell`
people (the question's `n`, a wave's respondents, the pairs) is null with `suppressed`."""

import csv
import io
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import asyncpg

from app.auth.caller import Caller
from app.models.surveys import (
    POSITIVE,
    Band,
    Outcomes,
    Paired,
    PairedQuestion,
    Question,
    QuestionOutcome,
    ScoreOutcome,
    SurveyTemplateRead,
    Wave,
)
from app.services import survey_templates
from app.services.errors import InvalidInput
from app.services.reporting import readable_programme, shown

_LEVEL = (("low", 0, 4), ("medium", 5, 6), ("high", 7, 8), ("very_high", 9, 10))
_ANXIETY = (("very_low", 0, 1), ("low", 2, 3), ("medium", 4, 5), ("high", 6, 10))
# ONS's published thresholds for the four personal wellbeing questions.
ONS4_BANDS: dict[str, tuple[tuple[str, int, int], ...]] = {
    "life_satisfaction": _LEVEL,
    "worthwhile": _LEVEL,
    "happiness": _LEVEL,
    "anxiety": _ANXIETY,
}
# Positive for the paired shares: agreement's two positive answers, and yes.
_PAIR_POSITIVE = {"agreement", "yes_no"}
_NUMERIC = {"scale_0_10", "number"}
_FIRST_DAY, _LAST_DAY = date(1, 1, 1), date(9999, 12, 31)

_COUNTS = """
SELECT question_id, answer, sum(n)::int AS n
  FROM survey_answer_counts
 WHERE programme_id = $1 AND template_id = $2 AND wave = $3
   AND answered_on BETWEEN $4 AND $5
 GROUP BY question_id, answer"""
_PAIRS = """
SELECT question_id, sum(pairs)::int AS pairs, sum(baseline_sum) AS baseline_sum,
       sum(follow_up_sum) AS follow_up_sum, sum(baseline_positive)::int AS baseline_positive,
       sum(follow_up_positive)::int AS follow_up_positive
  FROM survey_pair_sums
 WHERE programme_id = $1 AND template_id = $2 AND answered_on BETWEEN $3 AND $4
 GROUP BY question_id"""


def percent(part: int, whole: int) -> int | None:
    """A whole percentage rounded half up, as the reports print them (2/3 → 67)."""
    return (200 * part + whole) // (2 * whole) if whole else None


def mean(total: Decimal, n: int) -> float | None:
    """Two decimals, half up."""
    if not n:
        return None
    return float((Decimal(total) / n).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _counts(q: Question, seen: dict[str, int]) -> dict[str, int]:
    if q.options:
        return {o: seen.get(o, 0) for o in q.options}
    if q.type == "scale_0_10":
        return {str(v): seen.get(str(v), 0) for v in range(11)}
    return dict(sorted(seen.items(), key=lambda kv: Decimal(kv[0])))


def _question(
    template: SurveyTemplateRead, q: Question, seen: dict[str, int], min_cell: int
) -> QuestionOutcome:
    n = sum(seen.values())
    if shown(n, n, min_cell) is None:
        return QuestionOutcome(
            id=q.id, text=q.text, type=q.type, n=None, counts=None, suppressed=True
        )
    counts = _counts(q, seen)
    out = QuestionOutcome(id=q.id, text=q.text, type=q.type, n=n, counts=counts, suppressed=False)
    if q.type == "agreement":
        out.percent_positive = percent(sum(counts[o] for o in POSITIVE), n)
    elif q.type == "yes_no":
        out.percent_yes = percent(counts["yes"], n)
    elif q.type in _NUMERIC:
        out.mean = mean(sum((Decimal(v) * k for v, k in counts.items()), Decimal(0)), n)
    bands = ONS4_BANDS.get(q.id) if template.id == survey_templates.ONS4.id else None
    if bands is not None:
        out.bands = []
        for name, lo, hi in bands:
            count = sum(counts.get(str(v), 0) for v in range(lo, hi + 1))
            out.bands.append(
                Band(band=name, range=f"{lo}-{hi}", count=count, percent=percent(count, n))
            )
    return out


def _score(label: str, seen: dict[str, int], min_cell: int) -> ScoreOutcome:
    n = sum(seen.values())
    if shown(n, n, min_cell) is None:
        return ScoreOutcome(label=label, n=None, mean=None, suppressed=True)
    total = sum((Decimal(v) * k for v, k in seen.items()), Decimal(0))
    return ScoreOutcome(label=label, n=n, mean=mean(total, n), suppressed=False)


def _paired(qid: str, type_: str, row: asyncpg.Record | None, min_cell: int) -> PairedQuestion:
    pairs = row["pairs"] if row else 0
    if shown(pairs, pairs, min_cell) is None:
        return PairedQuestion(id=qid, pairs=None, suppressed=True)
    out = PairedQuestion(id=qid, pairs=pairs, suppressed=False)
    if not pairs:
        return out
    if type_ in _NUMERIC:
        out.mean_baseline = mean(row["baseline_sum"], pairs)
        out.mean_follow_up = mean(row["follow_up_sum"], pairs)
        out.mean_change = mean(row["follow_up_sum"] - row["baseline_sum"], pairs)
    elif type_ in _PAIR_POSITIVE:
        out.percent_positive_baseline = percent(row["baseline_positive"], pairs)
        out.percent_positive_follow_up = percent(row["follow_up_positive"], pairs)
    return out


async def programme_outcomes(
    db: asyncpg.Connection,
    caller: Caller,
    programme_id: str,
    *,
    template_id: str,
    wave: Wave,
    since: date | None,
    until: date | None,
    min_cell: int,
) -> Outcomes:
    """The programme's outcomes for one template and wave, responses answered from `since`
    to `until` (inclusive; the paired change by the follow-up's date)."""
    await readable_programme(db, caller, programme_id)
    if since is not None and until is not None and since > until:
        raise InvalidInput.field("from", "must not be after to")
    template = await survey_templates.find_template(db, template_id)
    if template is None:
        raise InvalidInput.field("template_id", "is not a survey template")
    first, last = since or _FIRST_DAY, until or _LAST_DAY
    seen: dict[str, dict[str, int]] = {}
    for row in await db.fetch(_COUNTS, programme_id, template.id, wave, first, last):
        seen.setdefault(row["question_id"], {})[row["answer"]] = row["n"]
    pairs = {
        r["question_id"]: r for r in await db.fetch(_PAIRS, programme_id, template.id, first, last)
    }
    respondents = sum(seen.get("#respondents", {}).values())
    shown_respondents = shown(respondents, respondents, min_cell)
    scoring = template.scoring
    paired = Paired(
        questions=[_paired(q.id, q.type, pairs.get(q.id), min_cell) for q in template.questions],
        score=_paired(scoring.label, "number", pairs.get("#score"), min_cell) if scoring else None,
    )
    return Outcomes(
        programme_id=programme_id,
        template_id=template.id,
        wave=wave,
        since=since,
        until=until,
        respondents=shown_respondents,
        respondents_suppressed=shown_respondents is None,
        questions=[
            _question(template, q, seen.get(q.id, {}), min_cell) for q in template.questions
        ],
        score=_score(scoring.label, seen.get("#score", {}), min_cell) if scoring else None,
        paired=paired,
    )


# The rollups as the responses say they should be (the trigger's own computation, over every
# response at once), compared both ways with what the trigger kept.
_ANSWERS_FROM_RESPONSES = """
SELECT r.programme_id, r.template_id, r.wave, r.answered_on, x.q, x.a, count(*)::int
  FROM survey_responses r
 CROSS JOIN LATERAL (
        SELECT '#respondents' AS q, '' AS a
        UNION ALL SELECT key, value #>> '{}' FROM jsonb_each(r.answers)
        UNION ALL SELECT '#score', r.score::text WHERE r.score IS NOT NULL) x
 GROUP BY 1, 2, 3, 4, 5, 6"""
_PAIRS_FROM_RESPONSES = """
SELECT f.programme_id, f.template_id, f.answered_on, x.q, count(*)::int,
       sum(CASE WHEN jsonb_typeof(x.bv) = 'number' THEN (x.bv #>> '{}')::numeric ELSE 0 END),
       sum(CASE WHEN jsonb_typeof(x.fv) = 'number' THEN (x.fv #>> '{}')::numeric ELSE 0 END),
       (count(*) FILTER (WHERE x.bv #>> '{}' IN ('a_lot','to_some_extent','yes')))::int,
       (count(*) FILTER (WHERE x.fv #>> '{}' IN ('a_lot','to_some_extent','yes')))::int
  FROM survey_responses b
  JOIN survey_responses f ON f.template_id = b.template_id AND f.member_id = b.member_id
   AND f.wave = 'follow_up'
 CROSS JOIN LATERAL (
        SELECT bq.key AS q, bq.value AS bv, fq.value AS fv
          FROM jsonb_each(b.answers) bq JOIN jsonb_each(f.answers) fq ON fq.key = bq.key
        UNION ALL
        SELECT '#score', to_jsonb(b.score), to_jsonb(f.score)
         WHERE b.score IS NOT NULL AND f.score IS NOT NULL) x
 WHERE b.wave = 'baseline' AND b.member_id IS NOT NULL
 GROUP BY 1, 2, 3, 4"""
_ROLLUPS = {
    "survey_answer_counts": (
        _ANSWERS_FROM_RESPONSES,
        "programme_id, template_id, wave, answered_on, question_id, answer, n",
    ),
    "survey_pair_sums": (
        _PAIRS_FROM_RESPONSES,
        "programme_id, template_id, answered_on, question_id, pairs, baseline_sum, "
        "follow_up_sum, baseline_positive, follow_up_positive",
    ),
}


async def rollup_problems(db: asyncpg.Connection) -> list[str]:
    """The outcomes' rollups disagreeing with the survey responses (for `timecredits
    check-ledger`, which runs it in its one snapshot)."""
    problems = []
    for table, (want, columns) in _ROLLUPS.items():
        wrong = await db.fetchval(
            f"""SELECT count(*) FROM (
                    (({want}) EXCEPT SELECT {columns} FROM {table})
                    UNION ALL
                    (SELECT {columns} FROM {table} EXCEPT ({want}))) d"""
        )
        if wrong:
            problems.append(f"{wrong} row(s) of {table} disagree with the survey responses")
    return problems


SUPPRESSED = "suppressed"
CSV_COLUMNS = ("template_id", "wave", "question_id", "answer", "figure", "value")


def to_csv(o: Outcomes) -> str:
    """The same figures, one per row (columns CSV_COLUMNS): `respondents`; per question
    `n`, a `count` per answer, `percent_positive` / `percent_yes` / `mean`, ONS4's
    `band_count` and `band_percent` per band; the score's `score_n` and `score_mean`; the
    paired change's `paired_*` figures. A suppressed figure's value is `suppressed` (its
    answer rows are left out: they would be suppressed too); a figure with nothing to
    compute it from (no answers) is empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)

    def row(qid: str, answer: str, figure: str, value: object, suppressed: bool) -> None:
        cell = SUPPRESSED if suppressed else ("" if value is None else value)
        writer.writerow((o.template_id, o.wave, qid, answer, figure, cell))

    row("", "", "respondents", o.respondents, o.respondents_suppressed)
    for q in o.questions:
        s = q.suppressed
        row(q.id, "", "n", q.n, s)
        for answer, count in (q.counts or {}).items():
            row(q.id, answer, "count", count, s)
        if q.type == "agreement":
            row(q.id, "", "percent_positive", q.percent_positive, s)
        elif q.type == "yes_no":
            row(q.id, "", "percent_yes", q.percent_yes, s)
        elif q.type in _NUMERIC:
            row(q.id, "", "mean", q.mean, s)
        for band in q.bands or []:
            row(q.id, band.band, "band_count", band.count, s)
            row(q.id, band.band, "band_percent", band.percent, s)
    if o.score is not None:
        row(o.score.label, "", "score_n", o.score.n, o.score.suppressed)
        row(o.score.label, "", "score_mean", o.score.mean, o.score.suppressed)
    paired = [*o.paired.questions, *([o.paired.score] if o.paired.score else [])]
    for p in paired:
        row(p.id, "", "paired_pairs", p.pairs, p.suppressed)
        for figure in (
            "mean_baseline",
            "mean_follow_up",
            "mean_change",
            "percent_positive_baseline",
            "percent_positive_follow_up",
        ):
            value = getattr(p, figure)
            if value is not None or p.suppressed:
                row(p.id, "", f"paired_{figure}", value, p.suppressed)
    return out.getvalue()
