"""Outcome surveys: templates, responses and a programme's outcomes. Request and response
schemas (the rules that need a template or the database live in app/services/surveys.py)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.models.common import Input, Name, Ref
from app.models.dates import Day

QuestionType = Literal["agreement", "scale_0_10", "yes_no", "single_choice", "number"]
Subject = Literal["member", "organisation"]
Wave = Literal["baseline", "follow_up"]

# The four-point agreement scale the reports use; the first two are "positive".
AGREEMENT: tuple[str, ...] = ("a_lot", "to_some_extent", "a_little", "not_at_all")
POSITIVE: frozenset[str] = frozenset({"a_lot", "to_some_extent"})
YES_NO: tuple[str, ...] = ("yes", "no")

QuestionId = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,62}$", min_length=1, max_length=63)
]
OptionId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]{0,62}$", min_length=1, max_length=63)
]
TemplateId = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{1,62}$", min_length=2, max_length=63)
]
QuestionText = Annotated[
    str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)
]
# A bound or a value of a `number` question: finite, with at most two decimal places.
Bound = Annotated[Decimal, Field(allow_inf_nan=False, max_digits=12, decimal_places=2)]

_TEMPLATE_EXAMPLE: dict[str, Any] = {
    "id": "ons4",
    "name": "ONS4 personal wellbeing",
    "subject": "member",
    "built_in": True,
    "questions": [
        {
            "id": "life_satisfaction",
            "text": "Overall, how satisfied are you with your life nowadays?",
            "type": "scale_0_10",
            "min": 0,
            "max": 10,
        }
    ],
    "scoring": None,
}


class Question(BaseModel):
    """A question as a template holds it. `options` are the answer values a choice takes
    (fixed for `agreement` and `yes_no`, the template's own for `single_choice`); `min` and
    `max` bound a `scale_0_10` (0, 10) or a `number`."""

    id: QuestionId
    text: QuestionText
    type: QuestionType
    options: list[OptionId] | None = None
    min: Bound | None = None
    max: Bound | None = None


class QuestionCreate(Input):
    """A question of a new template. `options` only for `single_choice` (2 to 30 ids);
    `min`/`max` only for `number` (both required)."""

    id: QuestionId
    text: QuestionText
    type: QuestionType
    options: list[OptionId] | None = Field(default=None, max_length=30)
    min: Bound | None = None
    max: Bound | None = None


class ConversionRow(Input):
    raw: int = Field(ge=-100_000, le=100_000)
    score: Bound


class Scoring(BaseModel):
    """A template's score: the sum of the chosen items' answers (a choice item through
    `option_values`), turned into the reported score by `conversion` when given (a raw
    sum to metric table, e.g. a licensed scale's). Only a response answering every item
    has a score."""

    label: str = Field(default="score", max_length=100)
    items: list[QuestionId]
    option_values: dict[OptionId, Bound] | None = None
    conversion: list[ConversionRow] | None = None


class ScoringCreate(Input):
    label: Name = "score"
    items: list[QuestionId] = Field(min_length=1, max_length=100)
    option_values: dict[OptionId, Bound] | None = Field(default=None, max_length=100)
    conversion: list[ConversionRow] | None = Field(default=None, min_length=1, max_length=1000)


class SurveyTemplateCreate(Input):
    """A template of the operator's. The id is yours to choose (lower case, digits and
    hyphens, e.g. `swemwbs`) or one is made (`svt_…`); built-in ids are taken."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "club-wellbeing",
                    "name": "Club wellbeing check",
                    "subject": "member",
                    "questions": [
                        {"id": "mood", "text": "How has your mood been?", "type": "scale_0_10"},
                        {
                            "id": "visits",
                            "text": "Visits this month",
                            "type": "number",
                            "min": 0,
                            "max": 31,
                        },
                    ],
                }
            ]
        },
    )
    id: str | None = Field(default=None, max_length=63)
    name: Name
    subject: Subject = "member"
    questions: list[QuestionCreate] = Field(min_length=1, max_length=100)
    scoring: ScoringCreate | None = None


class SurveyTemplateRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_TEMPLATE_EXAMPLE]})
    id: str
    name: str
    subject: Subject = Field(description="Who answers: a `member`, or the `organisation` itself.")
    built_in: bool
    questions: list[Question]
    scoring: Scoring | None = None
    created_at: datetime | None = Field(
        default=None, description="When an operator added it (null for built-ins)."
    )


class SurveyTemplateList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"data": [_TEMPLATE_EXAMPLE]}]})
    data: list[SurveyTemplateRead]


# Any JSON value here: the template decides what an answer may be, and the service names
# the answer that is wrong (`answers.<question id>`) in words its type explains.
AnswerValue = Annotated[
    Any,
    Field(description="An option id, `yes`/`no`, or a number, as the question's type takes."),
]


class SurveyResponseCreate(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "template_id": "programme-evaluation",
                    "member_id": "mem_4h5j6k7m8n9p0q1r",
                    "wave": "follow_up",
                    "answered_on": "2026-11-20",
                    "answers": {
                        "quality_of_life": "a_lot",
                        "less_need_gp": "a_little",
                        "gave_time_before": "rarely",
                    },
                }
            ]
        },
    )
    template_id: Ref = Field(max_length=100)
    member_id: Ref | None = Field(
        default=None,
        max_length=100,
        description="The member answering; absent for a partner survey.",
    )
    programme_id: Ref | None = Field(
        default=None,
        max_length=100,
        description="Partner surveys only: the programme your answers are about (one you take "
        "part in). A member's survey counts in the member's programme.",
    )
    wave: Wave
    answered_on: Day
    answers: dict[str, AnswerValue] = Field(
        min_length=1,
        max_length=200,
        description="Question id → answer. Questions may be skipped; at least one answer.",
    )


class SurveyResponseRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "svr_3k8m2q7w5e1r9t0y",
                    "template_id": "programme-evaluation",
                    "programme_id": "prg_1x2y3z4w5v6u7t8s",
                    "member_id": "mem_4h5j6k7m8n9p0q1r",
                    "subject_organisation_id": None,
                    "organisation_id": "org_8a7b6c5d4e3f2g1h",
                    "wave": "follow_up",
                    "answered_on": "2026-11-20",
                    "answers": {
                        "quality_of_life": "a_lot",
                        "less_need_gp": "a_little",
                        "gave_time_before": "rarely",
                    },
                    "score": None,
                    "created_at": "2026-11-23T09:00:00Z",
                }
            ]
        }
    )
    id: str
    template_id: str
    programme_id: str
    member_id: str | None
    subject_organisation_id: str | None = Field(
        description="For a partner survey: the organisation whose answers these are."
    )
    organisation_id: str = Field(description="Who recorded it.")
    wave: Wave
    answered_on: date
    answers: dict[str, Any]
    score: Decimal | None = Field(
        description="The template's score (its scoring's label), when it has one and every "
        "scored item was answered."
    )
    created_at: datetime


class Band(BaseModel):
    band: str = Field(examples=["high"])
    range: str = Field(examples=["7-8"])
    count: int | None
    percent: int | None


class QuestionOutcome(BaseModel):
    """One question's figures, from the `n` people who answered it. With fewer than the
    network's small-number threshold (10 by default), every figure is null and
    `suppressed` is true."""

    id: str
    text: str
    type: QuestionType
    n: int | None
    counts: dict[str, int] | None = Field(
        description="People per answer (every option, zeros included; a number's values as "
        "given). Recompute any percentage from these."
    )
    percent_positive: int | None = Field(
        default=None,
        description="Agreement: `a_lot` + `to_some_extent` over all answers to the question "
        "(`a_little` is not positive), a whole percentage rounded half up.",
    )
    percent_yes: int | None = Field(default=None, description="Yes/no: `yes` over all answers.")
    mean: float | None = Field(default=None, description="0-10 scales and numbers, 2 decimals.")
    bands: list[Band] | None = Field(
        default=None, description="ONS4: the ONS thresholds' bands, counts and percentages."
    )
    suppressed: bool


class ScoreOutcome(BaseModel):
    label: str
    n: int | None
    mean: float | None
    suppressed: bool


class PairedQuestion(BaseModel):
    """Members who answered the question at baseline and at follow-up."""

    id: str
    pairs: int | None
    mean_baseline: float | None = None
    mean_follow_up: float | None = None
    mean_change: float | None = Field(default=None, description="Follow-up minus baseline.")
    percent_positive_baseline: int | None = Field(
        default=None, description="Agreement: positive answers; yes/no: `yes`."
    )
    percent_positive_follow_up: int | None = None
    suppressed: bool


class Paired(BaseModel):
    """Baseline → follow-up for the members who answered both waves, the window applying
    to the follow-up's date."""

    questions: list[PairedQuestion]
    score: PairedQuestion | None = None


_OUTCOMES_EXAMPLE: dict[str, Any] = {
    "programme_id": "prg_1x2y3z4w5v6u7t8s",
    "template_id": "programme-evaluation",
    "wave": "follow_up",
    "from": "2026-01-01",
    "to": "2026-12-31",
    "respondents": 27,
    "respondents_suppressed": False,
    "questions": [
        {
            "id": "quality_of_life",
            "text": "Time Credits have improved my quality of life.",
            "type": "agreement",
            "n": 27,
            "counts": {"a_lot": 10, "to_some_extent": 8, "a_little": 6, "not_at_all": 3},
            "percent_positive": 67,
            "percent_yes": None,
            "mean": None,
            "bands": None,
            "suppressed": False,
        },
        {
            "id": "new_friends",
            "text": "I have developed new friends and acquaintances.",
            "type": "agreement",
            "n": None,
            "counts": None,
            "percent_positive": None,
            "percent_yes": None,
            "mean": None,
            "bands": None,
            "suppressed": True,
        },
    ],
    "score": None,
    "paired": {
        "questions": [
            {
                "id": "quality_of_life",
                "pairs": 12,
                "mean_baseline": None,
                "mean_follow_up": None,
                "mean_change": None,
                "percent_positive_baseline": 25,
                "percent_positive_follow_up": 67,
                "suppressed": False,
            }
        ],
        "score": None,
    },
}
OUTCOMES_CSV_EXAMPLE = (
    "template_id,wave,question_id,answer,figure,value\r\n"
    "programme-evaluation,follow_up,,,respondents,27\r\n"
    "programme-evaluation,follow_up,quality_of_life,,n,27\r\n"
    "programme-evaluation,follow_up,quality_of_life,a_lot,count,10\r\n"
    "programme-evaluation,follow_up,quality_of_life,to_some_extent,count,8\r\n"
    "programme-evaluation,follow_up,quality_of_life,a_little,count,6\r\n"
    "programme-evaluation,follow_up,quality_of_life,not_at_all,count,3\r\n"
    "programme-evaluation,follow_up,quality_of_life,,percent_positive,67\r\n"
    "programme-evaluation,follow_up,new_friends,,n,suppressed\r\n"
    "programme-evaluation,follow_up,new_friends,,percent_positive,suppressed\r\n"
    "programme-evaluation,follow_up,quality_of_life,,paired_pairs,12\r\n"
)


class Outcomes(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True, json_schema_extra={"examples": [_OUTCOMES_EXAMPLE]}
    )
    programme_id: str
    template_id: str
    wave: Wave
    since: date | None = Field(alias="from")
    until: date | None = Field(alias="to")
    respondents: int | None = Field(description="Responses in the wave and window.")
    respondents_suppressed: bool
    questions: list[QuestionOutcome]
    score: ScoreOutcome | None = None
    paired: Paired
