"""Outcome surveys: templates, the responses partners record, and a programme's outcomes."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from app.api.auth import Admin, ReportsReader, SurveysReader, SurveysWriter
from app.api.deps import Db, IdempotencyKey
from app.api.negotiation import csv_documented, csv_response, wants_csv
from app.api.problems import problems
from app.api.responses import write
from app.api.routing import ExactJsonRoute
from app.models.dates import Day
from app.models.surveys import (
    OUTCOMES_CSV_EXAMPLE,
    Outcomes,
    SurveyResponseCreate,
    SurveyResponseRead,
    SurveyTemplateCreate,
    SurveyTemplateList,
    SurveyTemplateRead,
    Wave,
)
from app.services import outcomes, survey_templates, surveys

router = APIRouter(prefix="/v1", tags=["surveys"], route_class=ExactJsonRoute)


@router.get(
    "/survey-templates",
    summary="List survey templates",
    response_model=SurveyTemplateList,
    responses=problems(403),
)
async def list_survey_templates(caller: SurveysReader, db: Db) -> SurveyTemplateList:
    """The built-in templates (`programme-evaluation`, `ons4`, `partner-organisation`),
    then those the operator added, oldest first."""
    return SurveyTemplateList(data=await survey_templates.list_templates(db))


@router.get(
    "/survey-templates/{template_id}",
    summary="Get a survey template",
    response_model=SurveyTemplateRead,
    responses=problems(403, 404),
)
async def get_survey_template(
    template_id: Annotated[str, Path(max_length=100)], caller: SurveysReader, db: Db
) -> SurveyTemplateRead:
    """A template's questions: for each its id (the key of an answer), text, type, and the
    answers it takes (`options`, or `min` and `max`)."""
    return await survey_templates.get_template(db, template_id)


@router.post(
    "/survey-templates",
    status_code=201,
    summary="Add a survey template (operator)",
    response_model=SurveyTemplateRead,
    responses=problems(403, 409),
)
async def create_survey_template(
    body: SurveyTemplateCreate, caller: Admin, db: Db, request: Request, key: IdempotencyKey
) -> Response:
    """Needs `admin`. Question types: `agreement` (a lot, to some extent, a little, not at
    all), `scale_0_10`, `yes_no`, `single_choice` (your `options`), `number` (`min` and
    `max`). Optional `scoring`: the sum of `items` (choice items through `option_values`),
    converted by a `conversion` table of every raw sum when given, so a licensed scale
    (e.g. SWEMWBS: raw 7-35 to a metric score) can be loaded by a licence holder. Every
    problem is reported in one 422."""
    return await write(request, db, caller, survey_templates.create_template, body, key)


@router.post(
    "/survey-responses",
    status_code=201,
    summary="Record a survey response",
    response_model=SurveyResponseRead,
    responses=problems(403, 404, 409),
)
async def record_survey_response(
    body: SurveyResponseCreate,
    caller: SurveysWriter,
    db: Db,
    request: Request,
    key: IdempotencyKey,
) -> Response:
    """A member's answers (your own member: anyone else's is a 404), or for a partner
    survey your organisation's, about one of your programmes (`programme_id`). Checked
    against the template: an unknown question, a wrong type or an out-of-range value is a
    422 naming `answers.<question id>`. Questions may be skipped; at least one answer.
    `answered_on` is not in the future nor over ten years ago. One response per subject,
    template and wave (409 otherwise). Records `survey_response.created`."""
    return await write(request, db, caller, surveys.record, body, key)


@router.get(
    "/programmes/{programme_id}/outcomes",
    summary="A programme's survey outcomes",
    response_model=Outcomes,
    responses={**csv_documented(OUTCOMES_CSV_EXAMPLE), **problems(403, 404)},
)
async def get_programme_outcomes(
    programme_id: Annotated[str, Path(max_length=100)],
    request: Request,
    caller: ReportsReader,
    db: Db,
    template_id: Annotated[str, Query(max_length=100, examples=["programme-evaluation"])],
    wave: Annotated[Wave, Query()] = "follow_up",
    since: Annotated[
        Day | None, Query(alias="from", description="First answered_on day, inclusive.")
    ] = None,
    until: Annotated[
        Day | None, Query(alias="to", description="Last answered_on day, inclusive.")
    ] = None,
) -> Response | Outcomes:
    """Needs `reports:read`; read by the programme's own organisations (its partners and
    commissioner) and the operator, anyone else gets a 404. Per question: `n`, `counts` per
    answer, and for agreement questions `percent_positive`, computed as the reports do:
    `a_lot` + `to_some_extent` over all answers to the question (`a_little` is not
    positive), a whole percentage rounded half up; yes/no `percent_yes`; 0-10 scales and
    numbers `mean` (ONS4 also ONS's threshold `bands`). `paired`: members who answered both
    waves, baseline to follow-up (the window applying to the follow-up's date). Any figure
    from fewer people than the network's threshold (10 unless configured) is null with
    `suppressed: true`. `Accept: text/csv` gives the same figures as CSV, one per row:
    `template_id,wave,question_id,answer,figure,value`, a suppressed value reading
    `suppressed`."""
    result = await outcomes.programme_outcomes(
        db,
        caller,
        programme_id,
        template_id=template_id,
        wave=wave,
        since=since,
        until=until,
        min_cell=request.app.state.env.min_cell,
    )
    if wants_csv(request):
        name = f"outcomes-{programme_id}-{result.template_id}-{result.wave}.csv"
        return csv_response(outcomes.to_csv(result), name)
    return result
