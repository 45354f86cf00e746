"""The whole network's figures: the operator's."""

from typing import Any

from fastapi import APIRouter, Request

from app.api.auth import ReportsReader
from app.api.deps import Db
from app.api.negotiation import csv_documented, csv_response, wants_csv
from app.api.params import FirstDay, LastDay
from app.api.problems import problems
from app.models.reports import CSV_EXAMPLE, NetworkStats
from app.services import stats

router = APIRouter(prefix="/v1/network", tags=["network"])


@router.get(
    "/stats",
    summary="The network's figures (operator)",
    responses={**csv_documented(CSV_EXAMPLE), **problems(403)},
    response_model=NetworkStats,
    response_model_by_alias=True,
)
async def get_network_stats(
    request: Request,
    caller: ReportsReader,
    db: Db,
    since: FirstDay = None,
    until: LastDay = None,
) -> Any:
    """Every programme's figures together, as a programme's stats (the same rules: net of
    reversals, suppression, CSV on `Accept: text/csv`); a member or organisation active in
    several programmes counts once. Needs `reports:read`, on the operator's key: any other
    organisation gets 403."""
    figures = await stats.network_stats(
        db, caller, since=since, until=until, min_cell=request.app.state.env.min_cell
    )
    if wants_csv(request):
        return csv_response(figures.csv(), "network-stats.csv")
    return figures
