"""Programmes: read by every key with directory:read."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.api.deps import Db
from app.api.problems import problems
from app.auth.deps import DirectoryReader, ReportsReader
from app.models.organisations import ProgrammeRead
from app.models.reports import ProgrammeStats
from app.services import organisations, stats

router = APIRouter(prefix="/v1/programmes", tags=["programmes"])


@router.get("", summary="List programmes", responses=problems(403))
async def list_programmes(caller: DirectoryReader, db: Db) -> list[ProgrammeRead]:
    """Every programme in the network, oldest first."""
    return await organisations.list_programmes(db)


@router.get("/{programme_id}", summary="Get a programme", responses=problems(403, 404))
async def get_programme(
    programme_id: Annotated[str, Path(max_length=100)], caller: DirectoryReader, db: Db
) -> ProgrammeRead:
    """One programme: where, its focus and its dates."""
    return await organisations.get_programme(db, programme_id)


@router.get(
    "/{programme_id}/stats",
    summary="A programme's figures",
    responses=problems(403, 404),
    response_model=ProgrammeStats,
    response_model_by_alias=True,
)
async def get_programme_stats(
    programme_id: Annotated[str, Path(max_length=100)],
    caller: ReportsReader,
    db: Db,
    since: Annotated[date | None, Query(alias="from", description="First day, inclusive.")] = None,
    until: Annotated[date | None, Query(alias="to", description="Last day, inclusive.")] = None,
) -> ProgrammeStats:
    """People who earned, credits earned, spent and gifted, hours given, active members and
    organisations, in total and month by month (UTC), net of reversed transactions."""
    return await stats.programme_stats(db, programme_id, since=since, until=until)
