"""Spending at a venue's desk with a member's redemption code (DESIGN §3)."""

from typing import Annotated

import asyncpg
from fastapi import APIRouter, Path, Request, Response

from app.api.auth import DeskWriter, MembersReader, SpendWriter
from app.api.deps import Db, IdempotencyKey
from app.api.hot import hot, writing
from app.api.params import DEFAULT, After, Limit, MemberId, Since, Until
from app.api.problems import problems
from app.api.responses import write
from app.api.routing import ExactJsonRoute
from app.auth.caller import Caller
from app.models.common import Page
from app.models.dates import bound
from app.models.redemptions import (
    RedemptionCheck,
    RedemptionCodeCreate,
    RedemptionCodeCreated,
    RedemptionCodeIssue,
    RedemptionRead,
    RedemptionRefund,
    RedemptionRefundCreate,
    RedemptionRequest,
    RedemptionSummary,
)
from app.services import redemptions

router = APIRouter(prefix="/v1", tags=["venues"], route_class=ExactJsonRoute)


@router.post(
    "/members/{member_id}/redemption-codes",
    status_code=201,
    summary="Issue a redemption code",
    response_model=RedemptionCodeCreated,
    responses=problems(403, 404),
)
async def issue_redemption_code(
    member_id: MemberId,
    body: RedemptionCodeCreate,
    caller: SpendWriter,
    db: Db,
    request: Request,
    key: IdempotencyKey,
) -> Response:
    """For the member's app, run by their home organisation (anyone else gets a 404): a
    single-use code the member shows or reads out at a venue's desk, and the same as a
    signed token for a QR code. Valid for `expires_in` seconds (15 minutes by default, at
    most 24 hours), optionally for at most `max_credits`. The code is in this response only."""
    issue = RedemptionCodeIssue(member_id=member_id, **body.model_dump(exclude_unset=True))
    return await write(request, db, caller, redemptions.issue_code, issue, key)


async def _check(
    request: Request,
    db: asyncpg.Connection,
    caller: Caller,
    body: RedemptionRequest,
    key: str | None = None,
) -> Response:
    """The validation's answer (also the fast path's: app/api/hot.py)."""
    check = await redemptions.validate(db, request.app.state.env, caller, body)
    return Response(check.model_dump_json(by_alias=True), media_type="application/json")


@router.post(
    "/redemptions/validate",
    summary="Check a redemption code",
    response_model=RedemptionCheck,
    responses=problems(403, 429),
)
@hot(RedemptionRequest, "spend:write", _check)  # the desk's fast path: app/api/hot.py
async def validate_redemption_code(
    body: RedemptionRequest, caller: DeskWriter, db: Db, request: Request
) -> Response:
    """Whether the code (typed) or token (scanned) can pay `credits` now, and if not why:
    `unknown`, `expired`, `already_used`, `over_cap` or `insufficient_credits`; with the
    member's initials for a visual check. Changes nothing. Codes that match nothing count
    against your key like card numbers: past 100 in 15 minutes, a 429."""
    return await _check(request, db, caller, body)


@router.post(
    "/redemptions",
    status_code=201,
    summary="Redeem a code",
    response_model=RedemptionRead,
    responses=problems(403, 409, 429),
)
@hot(RedemptionRequest, "spend:write", writing(redemptions.redeem))
async def redeem_code(
    body: RedemptionRequest, caller: DeskWriter, db: Db, request: Request, key: IdempotencyKey
) -> Response:
    """Take `credits` from the member to your venue (a `redemption` transfer), once: a
    code pays a single time, whatever retries or races. Send an Idempotency-Key so a till's
    retry replays the answer. A refusal is a 409 whose `code` is the reason
    `validate_redemption_code` gives. Refund with `POST /v1/transactions/{transaction_id}/reversal`
    (a venue may always give back what it received)."""
    return await write(request, db, caller, redemptions.redeem, body, key)


@router.get("/redemptions", summary="List your redemptions", responses=problems(403))
async def list_redemptions(
    caller: MembersReader,
    db: Db,
    since: Since = None,
    until: Until = None,
    limit: Limit = DEFAULT,
    after: After = None,
) -> Page[RedemptionRead]:
    """Your venue's redemptions, newest first, page by page, with their refunds."""
    data, cursor = await redemptions.list_for(
        db, caller, since=bound(since), until=bound(until, end=True), limit=limit, after=after
    )
    return Page(data=data, next_cursor=cursor, has_more=cursor is not None)


@router.get("/redemptions/summary", summary="Redemptions per day", responses=problems(403))
async def get_redemption_summary(
    caller: MembersReader, db: Db, request: Request, since: Since = None, until: Until = None
) -> RedemptionSummary:
    """For reconciling the till: per day (in the network's time zone), how many
    redemptions your venue made and their credits, refunded ones left out."""
    return await redemptions.summary(
        db, request.app.state.env, caller, since=bound(since), until=bound(until, end=True)
    )


@router.post(
    "/redemptions/{redemption_id}/refund",
    status_code=201,
    summary="Refund a redemption",
    response_model=RedemptionRead,
    responses=problems(403, 404, 409),
)
async def refund_redemption(
    redemption_id: Annotated[str, Path(max_length=100, examples=["rdm_6t5r4e3w2q1a0s9d"])],
    caller: SpendWriter,
    db: Db,
    request: Request,
    key: IdempotencyKey,
    body: RedemptionRefundCreate | None = None,
) -> Response:
    """Give the credits back to the member (a reversal of the redemption's transaction),
    once; a second refund is a 409. Only the venue that redeemed may; anyone else gets a
    404. Answers the redemption with its `refund_transaction_id`."""
    refund = RedemptionRefund(
        redemption_id=redemption_id, reason=None if body is None else body.reason
    )
    return await write(request, db, caller, redemptions.refund, refund, key)
