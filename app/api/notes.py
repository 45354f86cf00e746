"""Printed Time Credit notes (issue 14): bearer notes an earn partner prints from its own
credits; a venue redeems one, a member's home organisation deposits one into their wallet."""

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import HTMLResponse

from app.api.auth import MembersWriter, SpendWriter, require_scope
from app.api.deps import Db, IdempotencyKey
from app.api.problems import problems
from app.api.responses import write
from app.api.routing import ExactJsonRoute
from app.auth.caller import Caller
from app.models.notes import (
    NoteBatchCreate,
    NoteBatchRead,
    NoteDeposit,
    NoteRedeem,
    NoteRedemption,
    NoteVoid,
    NoteVoided,
)
from app.services import notes

router = APIRouter(prefix="/v1", tags=["venues"], route_class=ExactJsonRoute)

# Issuing, voiding and printing notes: the issuer's credits, so the earning's scope.
NotesIssuer = Annotated[Caller, Depends(require_scope("earn:write"))]
NoteId = Annotated[str, Path(max_length=100, examples=["nte_2w3e4r5t6y7u8i9o"])]
SHEET_EXAMPLE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Time Credit notes '
    "nbt_5k4j3h2g1f0d9s8a</title><style>@page { size: A4; margin: 10mm; } …</style></head>"
    '<body><main class="notes"><section class="note"><div class="issuer">Tottenham Community '
    'Café</div><div class="value">1.00 Time Credits</div><svg viewBox="0 0 69 69">…</svg>'
    '<div class="serial">4921 7730 551</div><div class="expiry">Valid until 2027-12-31</div>'
    "</section>…</main></body></html>"
)
BatchId = Annotated[str, Path(max_length=100, examples=["nbt_5k4j3h2g1f0d9s8a"])]


@router.post(
    "/notes",
    status_code=201,
    summary="Issue printed notes",
    response_model=NoteBatchRead,
    responses=problems(403, 409),
)
async def issue_notes(
    body: NoteBatchCreate, caller: NotesIssuer, db: Db, request: Request, key: IdempotencyKey
) -> Response:
    """For earn partners: `count` bearer notes (1 to 500) of `denomination` credits each,
    paid from your organisation's credits at once (one `note_issue` transaction; more than
    you hold is a 409 `insufficient_credits`). Each note has a serial to type and a signed
    token for its QR code; both are in this response only (an Idempotency-Key replay has
    them null). Print them from `sheet_url`. `expires_on`: the last day they can be
    redeemed (not in the past); unset, they never expire."""
    return await write(request, db, caller, notes.issue, body, key)


@router.get(
    "/notes/sheets/{batch_id}",
    summary="Print a batch of notes",
    response_class=HTMLResponse,
    responses={
        200: {
            "description": "An A4 HTML page.",
            "content": {"text/html": {"example": SHEET_EXAMPLE}},
        },
        **problems(403, 404),
    },
)
async def get_note_sheet(batch_id: BatchId, caller: NotesIssuer, db: Db) -> HTMLResponse:
    """The batch as a printable A4 page: each note's serial, value, your organisation's
    name, its expiry and its QR code (inline SVG; no scripts, fonts or images from
    elsewhere). Only the issuing organisation may fetch it; anyone else gets a 404. The
    notes are bearer values: keep the page as safe as the paper."""
    sheet = await notes.sheet(db, caller, batch_id)
    # About 12 ms of pure Python per QR code: in a thread, so a 500-note sheet (some
    # seconds) lets the worker's other requests interleave.
    page = await asyncio.to_thread(notes.sheet_html, sheet)
    return HTMLResponse(page, headers={"Cache-Control": "no-store"})


@router.post(
    "/notes/redeem",
    status_code=201,
    summary="Redeem a note",
    response_model=NoteRedemption,
    responses=problems(403, 404, 409, 429),
)
async def redeem_note(
    body: NoteRedeem, caller: SpendWriter, db: Db, request: Request, key: IdempotencyKey
) -> Response:
    """For venues: take a note by its `token` (scanned) or `serial` (typed): its value to
    your venue (a `note_redeem` transaction), once. A note already taken is a 409
    `note_already_redeemed` saying when and by whom; `note_voided` and `note_expired` too.
    A serial or token that matches no note is a 404 and counts against your key like card
    numbers (past 100 in 15 minutes, a 429)."""
    return await write(request, db, caller, notes.redeem, body, key)


@router.post(
    "/notes/deposit",
    status_code=201,
    summary="Deposit a note into a member's wallet",
    response_model=NoteRedemption,
    responses=problems(403, 404, 409, 429),
)
async def deposit_note(
    body: NoteDeposit, caller: MembersWriter, db: Db, request: Request, key: IdempotencyKey
) -> Response:
    """For the member's home organisation (anyone else gets a 404): the note's value into
    the member's wallet (a `note_redeem` transaction), once; refused as redeeming is."""
    return await write(request, db, caller, notes.deposit, body, key)


@router.post(
    "/notes/{note_id}/void",
    status_code=201,
    summary="Void a note",
    response_model=NoteVoided,
    responses=problems(403, 404, 409),
)
async def void_note(
    note_id: NoteId, caller: NotesIssuer, db: Db, request: Request, key: IdempotencyKey
) -> Response:
    """For the issuer (anyone else gets a 404): take a note out of circulation (lost,
    stolen, expired, never handed out); its value back to your organisation (a `note_void`
    transaction). A voided note cannot be redeemed; a redeemed one cannot be voided (409
    `note_already_redeemed`). Notes are voided, never reversed."""
    return await write(request, db, caller, notes.void, NoteVoid(note_id=note_id), key)
