"""Operator-only administration: programmes, organisations, allocations."""

from fastapi import APIRouter, Request, Response

from app.api.auth import Admin
from app.api.deps import Db, IdempotencyKey
from app.api.problems import problems
from app.api.responses import write
from app.api.routing import ExactJsonRoute
from app.models.ledger import AllocationCreate, TransferRead
from app.models.organisations import (
    OrganisationCreate,
    OrganisationCreated,
    ProgrammeCreate,
    ProgrammeRead,
)
from app.services import ledger, organisations

router = APIRouter(prefix="/v1", tags=["admin"], route_class=ExactJsonRoute)


@router.post(
    "/programmes",
    status_code=201,
    summary="Create a programme (operator)",
    response_model=ProgrammeRead,
    responses=problems(403, 409),
)
async def create_programme(
    body: ProgrammeCreate, caller: Admin, db: Db, request: Request, key: IdempotencyKey
) -> Response:
    """A local Time Credits network, with its own issuance account. Needs `admin`."""
    return await write(request, db, caller, organisations.create_programme, body, key)


@router.post(
    "/organisations",
    status_code=201,
    summary="Onboard an organisation (operator)",
    response_model=OrganisationCreated,
    responses=problems(403),
)
async def create_organisation(
    body: OrganisationCreate, caller: Admin, db: Db, request: Request, key: IdempotencyKey
) -> Response:
    """Creates the organisation, its account and programme memberships, and its first API
    key (every scope its roles allow), returned once in `api_key.secret`. A retry with the
    same Idempotency-Key replays this response with `api_key.secret: null`: a replay never
    shows the secret again (it is stored only as a hash)."""
    return await write(request, db, caller, organisations.create_organisation, body, key)


@router.post(
    "/allocations",
    status_code=201,
    summary="Allocate credits to an organisation (operator)",
    response_model=TransferRead,
    responses=problems(403, 404),
)
async def create_allocation(
    body: AllocationCreate, caller: Admin, db: Db, request: Request, key: IdempotencyKey
) -> Response:
    """Issue credits from a programme to an organisation, which can then give them to
    members for hours given."""
    return await write(request, db, caller, ledger.allocate, body, key)
