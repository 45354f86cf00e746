"""Printed Time Credit notes (issue 14): bearer notes an earn partner issues from its own
credits, to hand out on paper; whoever holds one may spend it at a venue, or have their
home organisation deposit it into their wallet.

- Issuing moves the batch's value from the issuer's organisation account to the
  programme's notes account (one `note_issue` transfer; the account is made on first use).
  The notes account's balance is the value of the programme's notes in circulation
  (integrity.py checks it against the notes).
- Each note has a serial (10 random digits and a Luhn check digit, printed `1234 5678 901`)
  and a signed token (`{"typ": "note", "sub": <note id>, "exp": …}`, app/services/signing.py)
  for its QR code. `exp` is the end of `expires_on` (UTC); a note without an expiry still
  needs one (signing requires it), so its token says ten years from issue, and the note
  itself (not its token) is what is honoured after that: the token is refused as expired,
  the serial is not. The token is stored with the note: the printable sheet shows it as a
  QR code (a bearer value held by the issuer until printed, as the paper will be).
- A note leaves circulation once: redeemed by a venue (`note_redeem`, notes account →
  venue), deposited by a member's home organisation (`note_redeem`, → the member), or
  voided by its issuer (`note_void`, back to the issuer; an expired note too). Its row is
  locked first, and each of its transfer columns is unique.
- A serial or token that matches no note counts against the key as a guess (guesses.py);
  a serial whose check digit is wrong is a typo, a 422, not a guess."""

import html
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import asyncpg
import segno

from app.auth.caller import Caller, ensure_role
from app.ids import new_id
from app.models.money import from_hundredths, to_hundredths
from app.models.notes import (
    NoteBatchCreate,
    NoteBatchRead,
    NoteDeposit,
    NoteIssued,
    NoteRedeem,
    NoteRedemption,
    NoteVoid,
    NoteVoided,
)
from app.services import cards, guesses, ledger, members, signing
from app.services.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    RedemptionRefused,
)
from app.services.unit_of_work import Operation, Work

TOKEN_TYPE = "note"
SERIAL_LENGTH = 11
# A note without an expiry: its token's `exp` (signing requires one).
NO_EXPIRY = timedelta(days=3653)


def new_serial() -> str:
    return cards.with_check_digit(f"{secrets.randbelow(10 ** (SERIAL_LENGTH - 1)):010d}")


def normalise(raw: str) -> str | None:
    """The 11 digits of a serial as typed, or None when it cannot be one (cards.normalise)."""
    return cards.normalise(raw, SERIAL_LENGTH)


def display(serial: str) -> str:
    return f"{serial[:4]} {serial[4:8]} {serial[8:]}"


def token_expiry(expires_on: date | None, issued_at: datetime) -> int:
    """The token's `exp`: the end of `expires_on` in UTC, or ten years on for a note that
    never expires."""
    if expires_on is None:
        return int((issued_at + NO_EXPIRY).timestamp())
    return int(datetime.combine(expires_on + timedelta(days=1), time(), UTC).timestamp())


_NEW_ACCOUNT = (
    "INSERT INTO accounts (kind, owner_id) VALUES ('notes', $1) "
    "ON CONFLICT (kind, owner_id) DO NOTHING"
)
_ACCOUNT = "SELECT id FROM accounts WHERE kind = 'notes' AND owner_id = $1"


async def _notes_account(db: asyncpg.Connection, programme_id: str) -> int:
    """The programme's notes account, made on first use (racing issuers: one account)."""
    account = await db.fetchval(_ACCOUNT, programme_id)
    if account is None:
        await db.execute(_NEW_ACCOUNT, programme_id)
        account = await db.fetchval(_ACCOUNT, programme_id)  # a new snapshot sees either
    return int(account)


_BATCH = """
INSERT INTO note_batches (id, organisation_id, programme_id, count, denomination, expires_on,
                          transfer_id)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING created_at
"""
# A serial already taken (1 in 10^10) leaves its note out: it is tried again with another.
_NOTES = """
INSERT INTO notes (id, batch_id, serial, token, denomination, expires_on)
SELECT n.id, $4, n.serial, n.token, $5, $6
  FROM unnest($1::text[], $2::text[], $3::text[]) AS n(id, serial, token)
    ON CONFLICT (serial) DO NOTHING
RETURNING id
"""


def _programme(org: asyncpg.Record, programme_id: str | None) -> str:
    if programme_id is None:
        if not org["programme_ids"]:
            raise Forbidden("your organisation belongs to no programme, so it cannot issue notes")
        if len(org["programme_ids"]) != 1:
            raise InvalidInput.field(
                "programme_id", "required: your organisation belongs to several programmes"
            )
        return str(org["programme_ids"][0])
    if programme_id not in org["programme_ids"]:
        raise InvalidInput.field("programme_id", "your organisation is not in this programme")
    return programme_id


async def _issue(work: Work, body: NoteBatchCreate) -> NoteBatchRead:
    """Print `count` notes of `denomination` from the caller's own credits: one transfer
    (organisation → the programme's notes account) for the batch."""
    caller = work.caller
    ensure_role(caller, "earn_partner", "operator")
    if body.expires_on is not None and body.expires_on < work.env.clock.today():
        raise InvalidInput.field("expires_on", "must not be in the past")
    org = await ledger.organisation(work.db, caller.organisation_id)
    programme_id = _programme(org, body.programme_id)
    denomination = to_hundredths(body.denomination)
    total = denomination * body.count
    account = await _notes_account(work.db, programme_id)
    bid = new_id("nbt")
    transfer = await ledger.post(
        work,
        kind="note_issue",
        debit=ledger.org_side(org),
        credit=ledger.Side(account, "programme", programme_id),
        amount=total,
        programme_id=programme_id,
        metadata={
            "note_batch_id": bid,
            "count": body.count,
            "denomination": from_hundredths(denomination),
        },
        shortfall=f"your organisation holds {from_hundredths(org['balance'])} credits; "
        f"{body.count} notes of {from_hundredths(denomination)} need {from_hundredths(total)}",
        event=False,
    )
    issued_at = await work.db.fetchval(
        _BATCH,
        bid,
        caller.organisation_id,
        programme_id,
        body.count,
        denomination,
        body.expires_on,
        transfer.id,
    )
    exp = token_expiry(body.expires_on, issued_at)
    ids = [new_id("nte") for _ in range(body.count)]
    tokens = {
        nid: await signing.sign(work.db, work.env, {"typ": TOKEN_TYPE, "sub": nid, "exp": exp})
        for nid in ids
    }
    serials: dict[str, str] = {}
    pending = ids
    for _ in range(5):
        attempt = {nid: new_serial() for nid in pending}
        made = await work.db.fetch(
            _NOTES,
            pending,
            [attempt[n] for n in pending],
            [tokens[n] for n in pending],
            bid,
            denomination,
            body.expires_on,
        )
        for r in made:
            serials[r["id"]] = attempt[r["id"]]
        pending = [n for n in pending if n not in serials]
        if not pending:
            break
    else:
        raise Conflict("could not find free serials for the notes; try again")
    batch = NoteBatchRead(
        id=bid,
        data=[
            NoteIssued(
                id=nid,
                serial=display(serials[nid]),
                token=tokens[nid],
                denomination=from_hundredths(denomination),
                expires_on=body.expires_on,
                issued_at=issued_at,
            )
            for nid in ids
        ],
        sheet_url=f"/v1/notes/sheets/{bid}",
    )
    # The event carries the batch as a replay shows it: no serials, no tokens (bearer values).
    work.record(
        "note.issued",
        batch.model_copy(update={"data": [_unprinted(n) for n in batch.data]}),
        resource_id=bid,
        audience=(caller.organisation_id,),
        at=issued_at,
    )
    return batch


def _unprinted(note: NoteIssued) -> NoteIssued:
    return note.model_copy(update={"serial": None, "token": None})


issue = Operation("notes.issue", _issue, NoteBatchRead)


_FIND = """
SELECT n.id, n.serial, n.denomination, n.expires_on, n.redeemed_at, n.voided_at,
       n.expires_on IS NOT NULL
           AND now() >= ((n.expires_on + 1)::timestamp AT TIME ZONE 'UTC') AS expired,
       b.organisation_id AS issuer, b.programme_id, a.id AS account_id,
       o.id AS redeemed_via, o.name AS redeemed_via_name
  FROM notes n JOIN note_batches b ON b.id = n.batch_id
  JOIN accounts a ON a.kind = 'notes' AND a.owner_id = b.programme_id
  LEFT JOIN transfers t ON t.id = n.redeemed_transfer_id
  LEFT JOIN organisations o ON o.id = t.organisation_id
 WHERE {where}
"""
# The note's row, locked first (NO KEY: foreign-key checks on it go on): a note leaves
# circulation once. Then read in a snapshot taken after the lock was granted, so a note
# someone else just took is seen with who took it.
_LOCK_BY_SERIAL = "SELECT id FROM notes WHERE serial = $1 FOR NO KEY UPDATE"
_LOCK_BY_ID = "SELECT id FROM notes WHERE id = $1 FOR NO KEY UPDATE"
_BY_ID = _FIND.format(where="n.id = $1")


async def _locked(db: asyncpg.Connection, lock: str, value: str) -> asyncpg.Record | None:
    nid = await db.fetchval(lock, value)
    return None if nid is None else await db.fetchrow(_BY_ID, nid)


def _when(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _refusal(row: asyncpg.Record) -> RedemptionRefused | None:
    """Why this note cannot be taken now (None: it can)."""
    if row["redeemed_at"] is not None:
        return RedemptionRefused(
            "note_already_redeemed",
            f"this note was already redeemed at {_when(row['redeemed_at'])} by "
            f"{row['redeemed_via_name']} ({row['redeemed_via']})",
        )
    if row["voided_at"] is not None:
        return RedemptionRefused(
            "note_voided", f"this note was voided by its issuer at {_when(row['voided_at'])}"
        )
    if row["expired"]:
        return RedemptionRefused(
            "note_expired", f"this note expired at the end of {row['expires_on'].isoformat()}"
        )
    return None


async def _find(work: Work, body: NoteRedeem | NoteDeposit) -> asyncpg.Record:
    """The note the serial or token names, locked. One that names no note counts against
    the key as a guess (kept even though the write is refused)."""
    db, key_id = work.db, work.caller.key_id
    row = None
    if body.serial is not None:
        serial = normalise(body.serial)
        if serial is None:  # mistyped: the check digit says so; no guess was made
            raise InvalidInput.field(
                "serial", "is not a note's serial (11 digits, the last a check digit)"
            )
        await guesses.check(db, key_id)
        row = await _locked(db, _LOCK_BY_SERIAL, serial)
    else:
        await guesses.check(db, key_id)
        try:
            claims = await signing.verify(db, body.token or "")
        except signing.InvalidToken as exc:
            if exc.reason == "expired":  # genuine, and past its exp: the note's expiry
                raise RedemptionRefused("note_expired", "this note has expired") from None
            claims = None
        if claims is not None and claims.get("typ") == TOKEN_TYPE:
            row = await _locked(db, _LOCK_BY_ID, str(claims.get("sub")))
    if row is None:
        guesses.missed_in(work)
        raise NotFound("no note has this serial or token")
    if (refused := _refusal(row)) is not None:
        raise refused
    return row


_REDEEMED = """
UPDATE notes SET redeemed_at = $2, redeemed_by = $3, redeemed_transfer_id = $4
 WHERE id = $1 AND redeemed_at IS NULL AND voided_at IS NULL
"""


async def _take(
    work: Work, row: asyncpg.Record, to: ledger.Side, *, member_id: str | None
) -> NoteRedemption:
    """The note's value from the notes account to `to` (a venue, or a member's wallet),
    once; its event to the taker and the issuer."""
    transfer = await ledger.post(
        work,
        kind="note_redeem",
        debit=ledger.Side(row["account_id"], "programme", row["programme_id"]),
        credit=to,
        amount=row["denomination"],
        programme_id=row["programme_id"],
        metadata={"note_id": row["id"]},
        shortfall="the notes account does not hold this note's value (run check-ledger)",
        event=False,
    )
    status = await work.db.execute(
        _REDEEMED,
        row["id"],
        transfer.created_at,
        member_id or work.caller.organisation_id,
        transfer.id,
    )
    if status != "UPDATE 1":  # cannot happen: the row is locked and was in circulation
        raise Conflict("this note has just left circulation")
    taken = NoteRedemption(
        id=row["id"],
        serial=display(row["serial"]),
        denomination=from_hundredths(row["denomination"]),
        redeemed_at=transfer.created_at,
        organisation_id=work.caller.organisation_id,
        member_id=member_id,
        transaction_id=transfer.id,
    )
    work.record(
        "note.redeemed",
        taken,
        resource_id=row["id"],
        audience=(work.caller.organisation_id, row["issuer"]),
        at=transfer.created_at,
    )
    return taken


async def _redeem(work: Work, body: NoteRedeem) -> NoteRedemption:
    """A venue takes a note: its value to the venue."""
    ensure_role(work.caller, "spend_partner")
    venue = await ledger.organisation(work.db, work.caller.organisation_id)
    row = await _find(work, body)
    return await _take(work, row, ledger.org_side(venue), member_id=None)


redeem = Operation("notes.redeem", _redeem, NoteRedemption)


async def _deposit(work: Work, body: NoteDeposit) -> NoteRedemption:
    """A member's home organisation pays a note into the member's wallet (anyone else: a
    404 for the member, before the note is looked at)."""
    member = await members.home_row(work.db, work.caller, body.member_id)
    row = await _find(work, body)
    wallet = ledger.Side(member["account_id"], "member", member["id"], work.caller.organisation_id)
    return await _take(work, row, wallet, member_id=member["id"])


deposit = Operation("notes.deposit", _deposit, NoteRedemption)


_VOIDED = """
UPDATE notes SET voided_at = $2, voided_transfer_id = $3
 WHERE id = $1 AND redeemed_at IS NULL AND voided_at IS NULL
"""


async def _void(work: Work, body: NoteVoid) -> NoteVoided:
    """The issuer takes a note out of circulation (lost, stolen, expired, never handed out):
    its value back to the issuer. Anyone else's note is a 404."""
    caller = work.caller
    row = await _locked(work.db, _LOCK_BY_ID, body.note_id)
    if row is None or row["issuer"] != caller.organisation_id:
        raise NotFound(f"no note {body.note_id}")
    if row["redeemed_at"] is not None or row["voided_at"] is not None:
        refused = _refusal(row)
        assert refused is not None
        raise refused
    issuer = await ledger.organisation(work.db, caller.organisation_id)
    transfer = await ledger.post(
        work,
        kind="note_void",
        debit=ledger.Side(row["account_id"], "programme", row["programme_id"]),
        credit=ledger.org_side(issuer),
        amount=row["denomination"],
        programme_id=row["programme_id"],
        metadata={"note_id": row["id"]},
        shortfall="the notes account does not hold this note's value (run check-ledger)",
        event=False,
    )
    status = await work.db.execute(_VOIDED, row["id"], transfer.created_at, transfer.id)
    if status != "UPDATE 1":  # cannot happen: the row is locked and was in circulation
        raise Conflict("this note has just left circulation")
    voided = NoteVoided(
        id=row["id"],
        denomination=from_hundredths(row["denomination"]),
        voided_at=transfer.created_at,
        organisation_id=caller.organisation_id,
        transaction_id=transfer.id,
    )
    work.record(
        "note.voided",
        voided,
        resource_id=row["id"],
        audience=(caller.organisation_id,),
        at=transfer.created_at,
    )
    return voided


void = Operation("notes.void", _void, NoteVoided)


@dataclass(frozen=True, slots=True)
class SheetNote:
    serial: str
    token: str
    denomination: str
    state: str | None  # "redeemed", "voided", or None while in circulation


@dataclass(frozen=True, slots=True)
class Sheet:
    batch_id: str
    issuer: str
    expires_on: date | None
    issued_at: datetime
    notes: list[SheetNote]


_SHEET = """
SELECT b.id, b.expires_on, b.created_at, o.name
  FROM note_batches b JOIN organisations o ON o.id = b.organisation_id
 WHERE b.id = $1 AND b.organisation_id = $2
"""
_SHEET_NOTES = """
SELECT serial, token, denomination, redeemed_at IS NOT NULL AS redeemed,
       voided_at IS NOT NULL AS voided
  FROM notes WHERE batch_id = $1 ORDER BY serial
"""


async def sheet(db: asyncpg.Connection, caller: Caller, batch_id: str) -> Sheet:
    """The batch's notes to print: only the issuing organisation's (else a 404)."""
    batch = await db.fetchrow(_SHEET, batch_id, caller.organisation_id)
    if batch is None:
        raise NotFound(f"no note batch {batch_id}")
    rows = await db.fetch(_SHEET_NOTES, batch_id)
    return Sheet(
        batch_id=batch["id"],
        issuer=batch["name"],
        expires_on=batch["expires_on"],
        issued_at=batch["created_at"],
        notes=[
            SheetNote(
                serial=display(r["serial"]),
                token=r["token"],
                denomination=from_hundredths(r["denomination"]),
                state="redeemed" if r["redeemed"] else "voided" if r["voided"] else None,
            )
            for r in rows
        ],
    )


_STYLE = """
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: sans-serif; margin: 0; color: #000; }
header { margin: 0 0 4mm; font-size: 10pt; }
.notes { display: grid; grid-template-columns: repeat(3, 1fr); gap: 4mm; }
.note { border: 0.4mm dashed #555; padding: 3mm; height: 66mm; display: flex;
        flex-direction: column; align-items: center; break-inside: avoid;
        page-break-inside: avoid; }
.note .issuer { font-size: 9pt; font-weight: bold; text-align: center; }
.note .value { font-size: 16pt; font-weight: bold; margin: 1mm 0; }
.note svg { width: 34mm; height: 34mm; }
.note .serial { font-family: monospace; font-size: 11pt; letter-spacing: 0.5mm; }
.note .expiry, .note .state { font-size: 8pt; }
.note.out { opacity: 0.35; }
@media print { header { display: none; } .note { border-color: #999; } }
"""


def _qr(token: str) -> str:
    return segno.make(token, error="m").svg_inline(scale=1, border=4, omitsize=True)


def sheet_html(s: Sheet) -> str:
    """The batch as a printable A4 page: each note with its serial, value, issuer, expiry
    and its token as an inline SVG QR code. No scripts, fonts or images from elsewhere."""
    e = html.escape
    expiry = f"Valid until {s.expires_on.isoformat()}" if s.expires_on else "No expiry"
    cards_ = "\n".join(
        f"""<section class="note{" out" if n.state else ""}">
<div class="issuer">{e(s.issuer)}</div>
<div class="value">{e(n.denomination)} Time Credits</div>
{_qr(n.token)}
<div class="serial">{e(n.serial)}</div>
<div class="expiry">{e(expiry)}</div>
{f'<div class="state">{e(n.state.upper())}</div>' if n.state else ""}
</section>"""
        for n in s.notes
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Time Credit notes {e(s.batch_id)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header>{e(s.issuer)}: {len(s.notes)} notes, batch {e(s.batch_id)}, issued
{e(s.issued_at.astimezone(UTC).strftime("%Y-%m-%d"))}. Print at 100% on A4; each note is a
bearer value: keep the sheet safe.</header>
<main class="notes">
{cards_}
</main>
</body>
</html>
"""
