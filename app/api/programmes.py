"""Programmes: read by every key with directory:read."""

from typing import Annotated

from fastapi import APIRouter, Path

from app.api.deps import Db
from app.api.problems import problems
from app.auth.deps import DirectoryReader
from app.models.organisations import ProgrammeRead
from app.services import organisations

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
