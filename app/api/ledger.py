"""Moving credits: earnings, spends, gifts, reversals; reading transactions."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.auth import CurrentCaller, EarnWriter, GiftWriter, MembersReader, SpendWriter
from app.api.deps import Connection, Db, IdempotencyKey
from app.api.hot import hot, writing
from app.api.params import DEFAULT, After, Limit, Since, TransferId, Until
from app.api.problems import problems
from app.api.responses import write
from app.api.routing import ExactJsonRoute
from app.models.common import Page
from app.models.ledger import (
    EarningCreate,
    GiftCreate,
    ReversalCreate,
    SpendCreate,
    TransferKind,
    TransferRead,
    TransferReversal,
)
from app.services import ledger, transfers

router = APIRouter(prefix="/v1", tags=["ledger"], route_class=ExactJsonRoute)


@router.post(
    "/earnings",
    status_code=201,
    summary="Credit a member for hours given",
    response_model=TransferRead,
    responses=problems(403, 404, 409),
)
@hot(EarningCreate, "earn:write", writing(ledger.earn))  # the fast path: app/api/hot.py
async def create_earning(body: EarningCreate, writer: EarnWriter, request: Request) -> Response:
    """One hour given earns one credit, paid from your organisation's allocation.
    Find the member by `member_id` or by the `card_number` they show you. `given_on` is a
    date in the network's time zone (UK time): today by default, never in the future.
    The credits count in the member's programme when your organisation belongs to it;
    otherwise in the one of your programmes that was running on `given_on` (the one that
    runs longest, open-ended first). `given_on` outside that programme's dates is a 422."""
    async with Connection(request) as db:  # not a dependency: the hot path (deps.Connection)
        return await write(request, db, writer.caller, ledger.earn, body, writer.key)


@router.post(
    "/spends",
    status_code=201,
    summary="Spend a member's credits at a venue",
    response_model=TransferRead,
    responses=problems(403, 404, 409),
)
async def create_spend(
    body: SpendCreate, caller: SpendWriter, db: Db, request: Request, key: IdempotencyKey
) -> Response:
    """Posted by the member's home organisation on the member's behalf. Venues redeem
    with the member's own authorisation instead (redemption codes)."""
    return await write(request, db, caller, ledger.spend, body, key)


@router.post(
    "/gifts",
    status_code=201,
    summary="Gift a member's credits",
    response_model=TransferRead,
    responses=problems(403, 404, 409),
)
async def create_gift(
    body: GiftCreate, caller: GiftWriter, db: Db, request: Request, key: IdempotencyKey
) -> Response:
    """From one of your members to another member or to an organisation."""
    return await write(request, db, caller, ledger.gift, body, key)


@router.post(
    "/transactions/{transfer_id}/reversal",
    status_code=201,
    summary="Reverse a transaction",
    response_model=TransferRead,
    responses=problems(403, 404, 409),
)
async def reverse_transaction(
    transfer_id: TransferId,
    caller: CurrentCaller,
    db: Db,
    request: Request,
    key: IdempotencyKey,
    body: ReversalCreate | None = None,
) -> Response:
    """Posts the mirror of a transaction, with the scope posting it needed. The side that
    received it may always give it back (a venue refunds a spend; an organisation returns
    a gift; a member's home organisation returns a gift to its member or reverses an
    earning credited to them); the organisation that posted it may within the correction
    window (24 hours by default), then 403 `reversal_window_passed`: ask the receiving
    side. Once per transaction; refused (409) when the account it would debit no longer
    holds the credits."""
    reversal = TransferReversal.of(transfer_id, body)
    return await write(request, db, caller, ledger.reverse, reversal, key)


@router.get("/transactions", summary="List your transactions", responses=problems(403, 404))
async def list_transactions(
    caller: MembersReader,
    db: Db,
    kind: TransferKind | None = None,
    member_id: Annotated[str | None, Query(max_length=100)] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = DEFAULT,
    after: After = None,
) -> Page[TransferRead]:
    """Transactions your organisation posted or whose credits moved to or from it, newest
    first, page by page."""
    data, cursor = await transfers.list_for(
        db,
        caller,
        kind=kind,
        member_id=member_id,
        since=since,
        until=until,
        limit=limit,
        after=after,
    )
    return Page(data=data, next_cursor=cursor, has_more=cursor is not None)


@router.get(
    "/transactions/{transfer_id}", summary="Get a transaction", responses=problems(403, 404)
)
async def get_transaction(transfer_id: TransferId, caller: MembersReader, db: Db) -> TransferRead:
    """One transaction, with `reversed_by` if it has been reversed."""
    return await transfers.get(db, caller, transfer_id)
