"""Members: register, look up, read."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.auth import MembersReader, MembersWriter
from app.api.deps import Db, IdempotencyKey
from app.api.params import DEFAULT, After, Limit, MemberId, Since, Until
from app.api.problems import problems
from app.api.responses import write
from app.api.routing import ExactJsonRoute
from app.models.common import Page
from app.models.ledger import TransferKind, TransferRead
from app.models.members import CardHolder, MemberCreate, MemberRead, PinChange, PinSet, PinUnlock
from app.services import members, pins, transfers

router = APIRouter(prefix="/v1/members", tags=["members"], route_class=ExactJsonRoute)


@router.post(
    "",
    status_code=201,
    summary="Register a member",
    response_model=MemberRead,
    responses=problems(403, 409),
)
async def register_member(
    body: MemberCreate, caller: MembersWriter, db: Db, request: Request, key: IdempotencyKey
) -> Response:
    """Your organisation becomes the member's home organisation. Pseudonymous fields only:
    a display name, your own reference, year of birth, postcode district. The response
    carries the card number to print."""
    return await write(request, db, caller, members.register, body, key)


@router.get("", summary="Find members", responses=problems(403, 404, 429))
async def list_members(
    caller: MembersReader,
    db: Db,
    external_ref: Annotated[str | None, Query(max_length=100)] = None,
    card_number: Annotated[
        str | None,
        Query(max_length=20, description="As printed; a mistyped number is a 422."),
    ] = None,
    limit: Limit = DEFAULT,
    after: After = None,
) -> Page[MemberRead | CardHolder]:
    """Your members, newest first; or yours with a given `external_ref`; or the member
    holding a card. A card's own home organisation gets the member's record; any other
    organisation (a desk the card is shown to) gets only `{id, initials, can_pay}`. Card
    numbers that belong to nobody count against your key: past 100 within 15 minutes,
    look-ups answer 429 `rate_limited` with `Retry-After` until the window ends."""
    data, cursor = await members.search(
        db, caller, external_ref=external_ref, card_number=card_number, limit=limit, after=after
    )
    return Page(data=data, next_cursor=cursor, has_more=cursor is not None)


@router.get("/{member_id}", summary="Get a member", responses=problems(403, 404))
async def get_member(member_id: MemberId, caller: MembersReader, db: Db) -> MemberRead:
    """A member with their balance. Visible to their home organisation and to organisations
    they have exchanged credits with; anyone else gets a 404."""
    return await members.get(db, caller, member_id)


@router.get(
    "/{member_id}/transactions", summary="A member's transactions", responses=problems(403, 404)
)
async def list_member_transactions(
    member_id: MemberId,
    caller: MembersReader,
    db: Db,
    kind: TransferKind | None = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = DEFAULT,
    after: After = None,
) -> Page[TransferRead]:
    """Newest first. The home organisation sees all of them; another organisation sees
    the ones it took part in."""
    data, cursor = await transfers.list_for(
        db,
        caller,
        member_id=member_id,
        member_scope=True,
        kind=kind,
        since=since,
        until=until,
        limit=limit,
        after=after,
    )
    return Page(data=data, next_cursor=cursor, has_more=cursor is not None)


@router.put(
    "/{member_id}/pin",
    status_code=204,
    summary="Set a member's PIN",
    responses=problems(403, 404),
)
async def set_member_pin(
    member_id: MemberId, body: PinChange, caller: MembersWriter, db: Db, request: Request
) -> Response:
    """The PIN the member chose for paying at a desk with their card (4 to 6 digits), set
    by their home organisation; anyone else gets a 404. Replaces an earlier PIN and unlocks
    the card. Stored only as a slow hash; PUT needs no Idempotency-Key (setting the same PIN
    twice is harmless)."""
    return await write(request, db, caller, pins.set_pin, PinSet(member_id=member_id, pin=body.pin))


@router.post(
    "/{member_id}/pin/unlock",
    status_code=204,
    summary="Unlock a member's card",
    responses=problems(403, 404),
)
async def unlock_member_pin(
    member_id: MemberId, caller: MembersWriter, db: Db, request: Request
) -> Response:
    """After too many wrong PINs at desks the card is locked; its home organisation unlocks
    it (after checking with the member). Unlocking a card that is not locked is harmless."""
    return await write(request, db, caller, pins.unlock, PinUnlock(member_id=member_id))
