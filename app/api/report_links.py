"""Report links: a programme's impact report page shared by URL (GET /reports/{token},
app/api/report_page.py), made and revoked with an API key."""

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from app.api.auth import ReportsReader
from app.api.deps import Db, IdempotencyKey
from app.api.problems import problems
from app.api.responses import write
from app.api.routing import ExactJsonRoute
from app.models.report_links import (
    DEFAULT_EXPIRES_IN,
    ReportLinkCreate,
    ReportLinkCreated,
    ReportLinkIssue,
    ReportLinkRevocation,
)
from app.services import report_links

router = APIRouter(prefix="/v1", tags=["programmes"], route_class=ExactJsonRoute)

ProgrammeId = Annotated[str, Path(max_length=100, examples=["prg_1x2y3z4w5v6u7t8s"])]
LinkId = Annotated[str, Path(max_length=100, examples=["rpl_3k8d2m7q1w9x4c6v"])]


def base_url(request: Request) -> str:
    """Where the service is reached: TIMECREDITS_PUBLIC_BASE_URL, else the request's URL."""
    configured = request.app.state.settings.public_base_url
    return (configured or str(request.base_url)).rstrip("/")


@router.post(
    "/programmes/{programme_id}/report-links",
    status_code=201,
    summary="Share a programme's impact report page",
    response_model=ReportLinkCreated,
    responses=problems(403, 404),
)
async def create_report_link(
    programme_id: ProgrammeId,
    caller: ReportsReader,
    db: Db,
    request: Request,
    key: IdempotencyKey,
    body: ReportLinkCreate | None = None,
) -> Response:
    """A link to the programme's impact report page (`url`, `GET /reports/{token}`): the
    figures its evaluation reports show, as a web page anyone holding the link can read and
    print, without an API key. Made by the programme's own organisations (its partners and
    commissioner) and the operator, with `reports:read`; anyone else gets 404. The page
    shows what the organisation making the link may read, small numbers suppressed as in
    every report. The link works until `expires_at` (`expires_in` seconds, 30 days by
    default) or until revoked. The URL is shown once: only a hash of its token is kept, and
    a replay never shows the URL again. Records `report_link.created`."""
    issue = ReportLinkIssue(
        programme_id=programme_id,
        expires_in=body.expires_in if body and body.expires_in else DEFAULT_EXPIRES_IN,
        base_url=base_url(request),
    )
    return await write(request, db, caller, report_links.create, issue, key)


@router.delete(
    "/report-links/{link_id}",
    status_code=204,
    summary="Revoke a report link",
    responses=problems(403, 404),
)
async def delete_report_link(
    link_id: LinkId, caller: ReportsReader, db: Db, request: Request
) -> Response:
    """The page answers 404 from now on. The organisation that made the link, or the
    operator, may revoke it; anyone else gets 404. Revoking twice is harmless. Records
    `report_link.revoked` (once)."""
    revocation = ReportLinkRevocation(link_id=link_id)
    return await write(request, db, caller, report_links.revoke, revocation)
