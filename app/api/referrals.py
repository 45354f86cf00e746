"""Referrals: a prescriber sends a person to an organisation; the two parties follow it."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from app.api.auth import ReferralsReader, ReferralsWriter, ReportsReader
from app.api.deps import Db, IdempotencyKey
from app.api.params import DEFAULT, After, Limit
from app.api.problems import problems
from app.api.responses import write
from app.api.routing import ExactJsonRoute
from app.models.common import Page
from app.models.dates import Day
from app.models.referrals import (
    Direction,
    ReferralAccept,
    ReferralAttended,
    ReferralClose,
    ReferralCreate,
    ReferralDecline,
    ReferralRead,
    ReferralStats,
    ReferralStep,
    Status,
)
from app.services import referral_stats, referrals

# Prefix /v1 and full paths: the programme's referral figures live here too.
router = APIRouter(prefix="/v1", tags=["referrals"], route_class=ExactJsonRoute)

ReferralId = Annotated[str, Path(max_length=100, examples=["ref_6t5r4e3w2q1a0s9d"])]
Since = Annotated[
    Day | None, Query(alias="from", description="First day (UTC) sent, inclusive: YYYY-MM-DD.")
]
Until = Annotated[
    Day | None, Query(alias="to", description="Last day (UTC) sent, inclusive: YYYY-MM-DD.")
]


@router.post(
    "/referrals",
    status_code=201,
    summary="Send a referral",
    response_model=ReferralRead,
    responses=problems(403, 404),
)
async def create_referral(
    body: ReferralCreate, caller: ReferralsWriter, db: Db, request: Request, key: IdempotencyKey
) -> Response:
    """For prescribers (and the operator): send a person to an organisation, optionally to
    one of its opportunities, with reason codes and an urgency. The person is one of your
    own members (`member_id`) or someone new (`person`), registered as the receiving
    organisation's member when it accepts. `notes` only where the service allows free text
    (TIMECREDITS_REFERRAL_NOTES; else a 422). Only the two organisations see the referral;
    both get `referral.created`."""
    return await write(request, db, caller, referrals.create, body, key)


@router.get("/referrals", summary="List referrals", responses=problems(403))
async def list_referrals(
    request: Request,
    caller: ReferralsReader,
    db: Db,
    direction: Annotated[
        Direction | None,
        Query(description="`inbound`: received; `outbound`: sent; absent: both."),
    ] = None,
    status: Status | None = None,
    limit: Limit = DEFAULT,
    after: After = None,
) -> Page[ReferralRead]:
    """Referrals your organisation sent or received, newest first."""
    data, cursor = await referrals.search(
        db,
        request.app.state.env,
        caller,
        direction=direction,
        status=status,
        limit=limit,
        after=after,
    )
    return Page(data=data, next_cursor=cursor, has_more=cursor is not None)


@router.get(
    "/referrals/stats",
    summary="A prescriber's referral figures",
    response_model=ReferralStats,
    response_model_by_alias=True,
    responses=problems(403, 404),
)
async def get_prescriber_stats(
    request: Request,
    caller: ReportsReader,
    db: Db,
    since: Since = None,
    until: Until = None,
    prescriber_id: Annotated[
        str | None, Query(max_length=100, description="Operator only: another prescriber.")
    ] = None,
) -> ReferralStats:
    """The referrals you sent in the window (by day sent): counts by status, acceptance
    rate, median days to first attendance, and the share of people accepted who went on to
    earn credits. A figure from fewer than `min_cell` people is null and listed in
    `suppressed`."""
    return await referral_stats.prescriber_stats(
        db,
        request.app.state.env,
        caller,
        prescriber_id=prescriber_id,
        since=since,
        until=until,
    )


@router.get("/referrals/{referral_id}", summary="Get a referral", responses=problems(403, 404))
async def get_referral(
    referral_id: ReferralId, request: Request, caller: ReferralsReader, db: Db
) -> ReferralRead:
    """A referral your organisation sent or received; anyone else gets a 404."""
    return await referrals.get(db, request.app.state.env, caller, referral_id)


async def _move(
    request: Request, db: Db, caller: ReferralsWriter, key: str | None, step: ReferralStep
) -> Response:
    return await write(request, db, caller, referrals.move, step, key)


_STEP = {"response_model": ReferralRead, "responses": problems(403, 404, 409)}


@router.post("/referrals/{referral_id}/accept", summary="Accept a referral", **_STEP)
async def accept_referral(
    referral_id: ReferralId,
    caller: ReferralsWriter,
    db: Db,
    request: Request,
    key: IdempotencyKey,
    body: ReferralAccept | None = None,
) -> Response:
    """The receiving organisation takes a `sent` referral on. Someone new is registered as
    your member (or linked to your member `member_id`); an existing member becomes visible
    to you, so you can credit them. A 409 `illegal_transition` from any other status."""
    member_id = body.member_id if body else None
    step = ReferralStep(referral_id=referral_id, action="accept", member_id=member_id)
    return await _move(request, db, caller, key, step)


@router.post("/referrals/{referral_id}/decline", summary="Decline a referral", **_STEP)
async def decline_referral(
    referral_id: ReferralId,
    body: ReferralDecline,
    caller: ReferralsWriter,
    db: Db,
    request: Request,
    key: IdempotencyKey,
) -> Response:
    """The receiving organisation turns a `sent` referral down, with a reason code."""
    step = ReferralStep(referral_id=referral_id, action="decline", reason=body.reason)
    return await _move(request, db, caller, key, step)


@router.post("/referrals/{referral_id}/attended", summary="Report a first attendance", **_STEP)
async def record_referral_attendance(
    referral_id: ReferralId,
    caller: ReferralsWriter,
    db: Db,
    request: Request,
    key: IdempotencyKey,
    body: ReferralAttended | None = None,
) -> Response:
    """The receiving organisation reports that the person of an `accepted` referral came
    for the first time."""
    step = ReferralStep(referral_id=referral_id, action="attended")
    return await _move(request, db, caller, key, step)


@router.post("/referrals/{referral_id}/close", summary="Close a referral", **_STEP)
async def close_referral(
    referral_id: ReferralId,
    body: ReferralClose,
    caller: ReferralsWriter,
    db: Db,
    request: Request,
    key: IdempotencyKey,
) -> Response:
    """Close with an outcome code. The receiving organisation closes an `accepted` or
    `first_attended` referral; the prescriber may close any open one (`sent`, `accepted`,
    `first_attended`), e.g. with outcome `withdrawn`."""
    step = ReferralStep(referral_id=referral_id, action="close", outcome=body.outcome)
    return await _move(request, db, caller, key, step)


@router.get(
    "/programmes/{programme_id}/referral-stats",
    summary="A programme's referral figures",
    response_model=ReferralStats,
    response_model_by_alias=True,
    responses=problems(403, 404),
)
async def get_programme_referral_stats(
    programme_id: Annotated[str, Path(max_length=100)],
    request: Request,
    caller: ReportsReader,
    db: Db,
    since: Since = None,
    until: Until = None,
) -> ReferralStats:
    """The referrals counting in the programme, sent in the window: counts by status,
    acceptance rate, median days to first attendance, and the share of people accepted who
    went on to earn credits. Read by the programme's own organisations (its commissioner
    included) and the operator; others get a 404. A figure from fewer than `min_cell`
    people is null and listed in `suppressed`."""
    return await referral_stats.programme_stats(
        db, request.app.state.env, caller, programme_id, since=since, until=until
    )
