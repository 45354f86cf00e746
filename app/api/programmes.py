"""Programmes: read by every key with directory:read."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response

from app.api.auth import DirectoryReader, ReportsReader
from app.api.caching import NOT_MODIFIED, conditional
from app.api.deps import Db
from app.api.negotiation import csv_documented, csv_response, wants_csv
from app.api.params import DEFAULT, After, FirstDay, LastDay, Limit
from app.api.problems import problems
from app.models.common import Page
from app.models.organisations import ProgrammeRead
from app.models.reports import CSV_EXAMPLE, ProgrammeStats
from app.services import organisations, stats

router = APIRouter(prefix="/v1/programmes", tags=["programmes"])


@router.get(
    "",
    summary="List programmes",
    response_model=Page[ProgrammeRead],
    responses={**problems(403), **NOT_MODIFIED},
)
async def list_programmes(
    request: Request,
    caller: DirectoryReader,
    db: Db,
    limit: Limit = DEFAULT,
    after: After = None,
) -> Response:
    """Every programme in the network, oldest first (by start date). Directory data: with
    an `ETag`, so `If-None-Match` answers 304 while nothing changed."""
    programmes, cursor = await organisations.list_programmes(db, limit=limit, after=after)
    return conditional(
        request, Page(data=programmes, next_cursor=cursor, has_more=cursor is not None)
    )


@router.get(
    "/{programme_id}",
    summary="Get a programme",
    response_model=ProgrammeRead,
    responses={**problems(403, 404), **NOT_MODIFIED},
)
async def get_programme(
    programme_id: Annotated[str, Path(max_length=100)],
    request: Request,
    caller: DirectoryReader,
    db: Db,
) -> Response:
    """One programme: where, its focus and its dates."""
    return conditional(request, await organisations.get_programme(db, programme_id))


@router.get(
    "/{programme_id}/stats",
    summary="A programme's figures",
    responses={**csv_documented(CSV_EXAMPLE), **problems(403, 404)},
    response_model=ProgrammeStats,
    response_model_by_alias=True,
)
async def get_programme_stats(
    programme_id: Annotated[str, Path(max_length=100)],
    request: Request,
    caller: ReportsReader,
    db: Db,
    since: FirstDay = None,
    until: LastDay = None,
) -> Any:
    """People who earned, spent and gifted, credits earned, spent and gifted, hours given,
    active members and organisations, the share of members who never or rarely gave time
    before, in total and month by month (UTC), net of reversed transactions. Read by the
    programme's own organisations (its commissioner included) and the operator; anyone
    else gets 404. A figure from fewer than TIMECREDITS_MIN_CELL people (default 10) is
    null and named in `suppressed`. `Accept: text/csv`: the same figures as CSV."""
    figures = await stats.programme_stats(
        db,
        caller,
        programme_id,
        since=since,
        until=until,
        min_cell=request.app.state.env.min_cell,
    )
    if wants_csv(request):
        return csv_response(figures.csv(), f"{programme_id}-stats.csv")
    return figures
