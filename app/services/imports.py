"""Bulk CSV imports of paper-era records: members, and earnings (hours given).

An import is one operation of the unit of work: one transaction, one Idempotency-Key, and
the same events a single write records (member.created, earning.created per row). Every
row is checked before anything is written, so the answer lists every problem at once:
all or nothing by default (any error: a 422 listing them, nothing written), or with
`partial` the good rows written and the bad ones reported. A dry run (`check_*`) is the
same checks on a plain connection, writing nothing.

Members are registered row by row by the members service's own operation
(members.register), so a registration has one set of rules. Earnings are the ledger's rule
(ledger.earn: who may credit whom, which programme the credits count in, given_on within
its dates, not beyond the allocation) applied to every row, then written set-based: one
lock of every account in id order (as ledger_move locks), one debit of the organisation's
account, one credit per member account, one INSERT of the transfers (which queues them for
the report rollups, as any transfer: app/services/rollups.py) and one INSERT of the events.
Row by row, each earning would update the organisation's balance row again, a chain of
10,000 row versions within one transaction that each update walks (bench/imports.py,
docs/performance.md); tests/imports/test_equivalence.py checks the result equals the
single earnings'."""

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import asyncpg
from pydantic import ValidationError

from app.auth.caller import Caller, ensure_role
from app.ids import new_id
from app.models.imports import ImportedRow, ImportRequest, ImportResult, RowError, SkippedRow
from app.models.ledger import EarningCreate, Party, TransferRead
from app.models.members import MemberCreate, MemberRead
from app.models.money import from_hundredths, to_hundredths
from app.services import cards, csv_import, guesses, members
from app.services.csv_import import Row, Sheet
from app.services.errors import Conflict, Forbidden, InvalidInput
from app.services.unit_of_work import Env, Operation, Work

MEMBER_COLUMNS = (
    "display_name",
    "external_ref",
    "year_of_birth",
    "postcode_district",
    "programme_id",
)
IDENTIFIERS = ("member_id", "card_number", "external_ref")
EARNING_COLUMNS = (*IDENTIFIERS, "hours", "activity", "given_on")


@dataclass(slots=True)
class _Report:
    """What checking the rows found: rows read, errors, skipped rows."""

    rows: int
    errors: list[RowError] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)

    def error(self, row: int, field_: str, message: str) -> None:
        self.errors.append(RowError(row=row, field=field_, message=message))

    def result(self, created: list[ImportedRow], *, dry_run: bool, accepted: int) -> ImportResult:
        self.errors.sort(key=lambda e: e.row)
        return ImportResult(
            rows=self.rows,
            accepted=accepted,
            rejected=len({e.row for e in self.errors}),
            dry_run=dry_run,
            errors=self.errors,
            skipped=self.skipped,
            created=created,
        )


def _sheet(request: ImportRequest, known: tuple[str, ...]) -> tuple[Sheet, _Report]:
    sheet = csv_import.read(csv_import.decode(request.csv), known=known, max_rows=request.max_rows)
    report = _Report(rows=len(sheet.rows) + len(sheet.errors))
    for number, field_, message in sheet.errors:
        report.error(number, field_, message)
    return sheet, report


def _validation_errors(
    report: _Report, row: int, exc: ValidationError, columns: dict[str, str]
) -> None:
    """A model's validation errors as row errors, on the CSV's column names."""
    for err in exc.errors():
        loc = err.get("loc") or ()
        name = columns.get(str(loc[0]), str(loc[0])) if loc else "row"
        report.error(row, name, str(err.get("msg", "is invalid")).removeprefix("Value error, "))


def _refuse(report: _Report) -> None:
    """All or nothing: any error refuses the whole import, listing every error."""
    if not report.errors:
        return
    rejected = len({e.row for e in report.errors})
    raise InvalidInput(
        f"{rejected} of {report.rows} rows have errors, so nothing was imported: fix them "
        "and send the file again, or send it with ?partial=true to import the other rows",
        errors=[e.model_dump() for e in sorted(report.errors, key=lambda e: e.row)],
    )


# ----------------------------------------------------------------------------- members


@dataclass(frozen=True, slots=True)
class _MemberRow:
    row: int
    body: MemberCreate


async def _check_members(
    db: asyncpg.Connection, caller: Caller, request: ImportRequest
) -> tuple[list[_MemberRow], _Report]:
    """Every row as MemberCreate validates it, in one of the caller's programmes, its
    external_ref neither repeated in the file nor already registered by the caller."""
    sheet, report = _sheet(request, MEMBER_COLUMNS)
    csv_import.require(sheet, "display_name", "programme_id")
    if sheet.total is not None:
        report.skipped.append(
            SkippedRow(row=sheet.total.number, reason="a total row, not a record")
        )
    programmes = {
        r["programme_id"]
        for r in await db.fetch(
            "SELECT programme_id FROM organisation_programmes WHERE organisation_id = $1",
            caller.organisation_id,
        )
    }
    refs = [r.cells.get("external_ref", "") for r in sheet.rows]
    taken = {
        r["external_ref"]
        for r in await db.fetch(
            """SELECT external_ref FROM members
                WHERE home_organisation_id = $1 AND external_ref = ANY($2::text[])""",
            caller.organisation_id,
            [ref for ref in refs if ref],
        )
    }
    first: dict[str, int] = {}  # each external_ref's first row, valid or not
    for row in sheet.rows:
        first.setdefault(row.cells.get("external_ref", ""), row.number)
    good: list[_MemberRow] = []
    for row in sheet.rows:
        try:
            body = MemberCreate(**{k: v for k, v in row.cells.items() if v})
        except ValidationError as exc:
            _validation_errors(report, row.number, exc, {})
            continue
        ok = True
        if body.programme_id not in programmes:
            report.error(row.number, "programme_id", "is not one of your organisation's programmes")
            ok = False
        ref = body.external_ref
        if ref is not None and first.get(ref, row.number) != row.number:
            report.error(row.number, "external_ref", f"{ref!r} is also on row {first[ref]}")
            ok = False
        elif ref is not None and ref in taken:
            report.error(
                row.number,
                "external_ref",
                f"you already registered a member with external_ref {ref!r}",
            )
            ok = False
        if ok:
            good.append(_MemberRow(row.number, body))
    return good, report


async def check_members(
    db: asyncpg.Connection, caller: Caller, request: ImportRequest
) -> ImportResult:
    """A dry run: the import's answer, nothing written."""
    good, report = await _check_members(db, caller, request)
    return report.result([], dry_run=True, accepted=len(good))


# New members in row order (their seq, as N registrations would number them), each with a
# wallet, as members.register inserts them; a card number already held makes no row (drawn
# again). $1 ids, $2 card numbers, $3-$7 the body's fields, $8 the caller, $9 row order.
_WALLETS = """
INSERT INTO accounts (kind, owner_id)
SELECT 'member', i.id FROM unnest($1::text[]) WITH ORDINALITY AS i(id, ord) ORDER BY i.ord
RETURNING id, owner_id
"""
_NEW_MEMBERS = """
INSERT INTO members (id, card_number, home_organisation_id, programme_id, account_id,
                     display_name, external_ref, year_of_birth, postcode_district)
SELECT i.id, i.card, $8, i.programme, a.id, i.name, i.ref, i.born, i.district
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[],
              $7::text[], $9::int[]) AS i(id, card, programme, name, ref, born, district, ord)
  JOIN accounts a ON a.kind = 'member' AND a.owner_id = i.id
 ORDER BY i.ord
    ON CONFLICT (card_number) DO NOTHING
RETURNING id
"""
_READ_MEMBERS = """
SELECT m.*, a.balance FROM members m JOIN accounts a ON a.id = m.account_id
 WHERE m.id = ANY($1::text[])
"""
# A change's events in row order, seen by the caller and (if another) each row's home
# organisation: member.created (home: the caller) and earning.created (the member's home),
# as the single writes record them.
_EVENTS = """
INSERT INTO events (type, resource_id, created_at, data, seen_by, also_seen_by)
SELECT $6, i.resource_id, i.at, i.data::json, $5, nullif(i.home, $5)
  FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
       WITH ORDINALITY AS i(resource_id, data, home, at, ord)
 ORDER BY i.ord
"""


async def _register_all(work: Work, good: list[_MemberRow]) -> list[MemberRead]:
    """members.register's change for every row at once: a wallet, the member, the event."""
    db, caller = work.db, work.caller
    ids = [new_id("mem") for _ in good]
    await db.execute(_WALLETS, ids)
    pending = list(range(len(good)))
    for _ in range(5):  # a card number collision is ~1e-9 likely a row: draw again
        bodies = [good[i].body for i in pending]
        try:
            inserted = await db.fetch(
                _NEW_MEMBERS,
                [ids[i] for i in pending],
                [cards.generate() for _ in pending],
                [b.programme_id for b in bodies],
                [b.display_name for b in bodies],
                [b.external_ref for b in bodies],
                [b.year_of_birth for b in bodies],
                [b.postcode_district for b in bodies],
                caller.organisation_id,
                pending,
            )
        except asyncpg.UniqueViolationError as exc:
            # A concurrent registration with one of these external_refs committed first.
            if exc.constraint_name == "members_home_organisation_id_external_ref_key":
                raise Conflict(
                    "another request registered a member with one of these external_refs "
                    "meanwhile; check again (a dry run lists them)"
                ) from None
            raise
        done = {r["id"] for r in inserted}
        pending = [i for i in pending if ids[i] not in done]
        if not pending:
            break
    else:
        raise Conflict("could not draw unused card numbers; send the file again")
    by_id = {row["id"]: row for row in await db.fetch(_READ_MEMBERS, ids)}
    created = [members.read(by_id[mid], caller) for mid in ids]
    await db.execute(
        _EVENTS,
        [m.id for m in created],
        [m.model_dump_json(by_alias=True) for m in created],
        [caller.organisation_id for _ in created],
        [m.created_at for m in created],
        caller.organisation_id,
        "member.created",
    )
    return created


async def _import_members(work: Work, request: ImportRequest) -> ImportResult:
    """Register every good row (members.register's change, set-based: _register_all), in
    this one transaction."""
    good, report = await _check_members(work.db, work.caller, request)
    if not request.partial:
        _refuse(report)
    registered = await _register_all(work, good) if good else []
    created = [
        ImportedRow(row=item.row, id=m.id, card_number=m.card_number, external_ref=m.external_ref)
        for item, m in zip(good, registered, strict=True)
    ]
    return report.result(created, dry_run=False, accepted=len(created))


import_members = Operation("imports.members", _import_members, ImportResult, status=200)


# ---------------------------------------------------------------------------- earnings


@dataclass(slots=True)
class _EarningRow:
    row: int
    how: str  # which identifier column found the member
    key: str  # its value (a card number's digits)
    amount: int  # hundredths
    activity: str | None
    given_on: date
    member: asyncpg.Record | None = None
    programme_id: str | None = None


_MEMBERS = f"""
SELECT 'member_id' AS how, m.id AS key, m.id, m.account_id, m.home_organisation_id, m.programme_id
  FROM members m WHERE m.id = ANY($3::text[]) AND {members.VISIBLE}
UNION ALL
SELECT 'card_number', m.card_number, m.id, m.account_id, m.home_organisation_id, m.programme_id
  FROM members m WHERE m.card_number = ANY($4::text[]) AND $2::boolean IS NOT NULL
UNION ALL
SELECT 'external_ref', m.external_ref, m.id, m.account_id, m.home_organisation_id, m.programme_id
  FROM members m WHERE m.home_organisation_id = $1 AND m.external_ref = ANY($5::text[])
"""
_PROGRAMMES = """
SELECT p.id, p.starts_on, p.ends_on
  FROM organisation_programmes op JOIN programmes p ON p.id = op.programme_id
 WHERE op.organisation_id = $1
"""
_ORG_ACCOUNT = "SELECT id, balance FROM accounts WHERE kind = 'organisation' AND owner_id = $1"
# Every account the import moves credits between, locked in id order as ledger_move locks
# its two: an import and concurrent single writes never deadlock, and wait for each other.
_LOCK = "SELECT id FROM accounts WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE"
_DEBIT = "UPDATE accounts SET balance = balance - $2 WHERE id = $1"
_CREDIT = """
UPDATE accounts a SET balance = a.balance + s.amount
  FROM unnest($1::bigint[], $2::bigint[]) AS s(id, amount) WHERE a.id = s.id
"""
# Transfers in row order (their seq, as N single earnings would number them), each as
# ledger_move inserts it, with its report effect queued as ledger_move queues it
# (report_effects, migration 0023).
_TRANSFERS = """
WITH inserted AS (
    INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount,
                           programme_id, organisation_id, api_key_id, reverses_id, metadata,
                           created_at)
    SELECT i.id, 'earn', $6, i.account, i.amount, i.programme, $7, $8, NULL,
           i.metadata::jsonb, $9
      FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[])
           WITH ORDINALITY AS i(id, account, amount, programme, metadata, ord)
     ORDER BY i.ord
    RETURNING seq, kind, debit_account_id, credit_account_id, amount, programme_id,
              organisation_id, reverses_id, created_at
)
INSERT INTO report_pending (seq, programme_id, at, kind, member, side, amount, sign)
SELECT e.*
  FROM inserted t,
       report_effects(t.seq, t.kind, t.debit_account_id, t.credit_account_id, t.amount,
                      t.programme_id, t.organisation_id, t.reverses_id, t.created_at) e
"""


def _parse_earning(
    report: _Report, row: Row, how: str, delimiter: str, today: date
) -> _EarningRow | None:
    """A row's cells as EarningCreate validates them (the identifier, hours, activity),
    given_on read as a register writes dates; None (with its errors reported) if invalid."""
    number, cells = row.number, row.cells
    errors_before = len(report.errors)
    key = cells.get(how, "")
    if not key:
        report.error(number, how, "required: which member earned")
    elif how == "card_number":
        digits = cards.normalise(key)
        if digits is None:
            report.error(number, how, "is not a valid card number (12 digits; check for a typo)")
        key = digits or key
    hours = cells.get("hours", "")
    if not hours:
        report.error(number, "hours", "required")
    else:
        try:
            hours = csv_import.hours(hours, delimiter)
        except ValueError as exc:
            report.error(number, "hours", str(exc))
            hours = ""
    given_on: date | None = None
    raw_day = cells.get("given_on", "")
    if not raw_day:
        report.error(number, "given_on", "required: the day the hours were given (DD/MM/YYYY)")
    else:
        try:
            given_on = csv_import.day(raw_day)
        except ValueError as exc:
            report.error(number, "given_on", str(exc))
    body = None
    if hours:
        try:
            body = EarningCreate(
                member_id="-",
                hours=hours,
                activity=cells.get("activity") or None,
                given_on=given_on,
            )
        except ValidationError as exc:
            _validation_errors(report, number, exc, {})
    if body is not None and given_on is not None and given_on > today:
        report.error(number, "given_on", "must not be in the future")
    if len(report.errors) > errors_before or body is None or given_on is None:
        return None
    return _EarningRow(number, how, key, to_hundredths(body.hours), body.activity, given_on)


def _programme(programmes: list[asyncpg.Record], own: str, given_on: date) -> asyncpg.Record | None:
    """The programme an earning counts in: ledger.earn's rule (its docstring): the
    member's own programme when the caller belongs to it; else, of the caller's
    programmes, running on given_on first, open-ended first, then the latest end, the
    earliest start, the lowest id."""

    def order(p: asyncpg.Record) -> tuple[Any, ...]:
        running = p["starts_on"] <= given_on <= (p["ends_on"] or date.max)
        ends = p["ends_on"]
        return (
            p["id"] != own,
            not running,
            ends is not None,
            -ends.toordinal() if ends else 0,
            p["starts_on"],
            p["id"],
        )

    return min(programmes, key=order, default=None)


def _outside(programme: asyncpg.Record, own: str, given_on: date) -> str | None:
    """Why given_on cannot count in this programme (ledger._earned's words), or None."""
    started = given_on >= programme["starts_on"]
    not_ended = programme["ends_on"] is None or given_on <= programme["ends_on"]
    if programme["id"] != own and not (started and not_ended):
        return (
            f"none of your organisation's programmes was running on {given_on.isoformat()} "
            "(and the member's programme is not one of yours)"
        )
    if not started:
        return f"is before the programme started ({programme['starts_on'].isoformat()})"
    if not not_ended:
        return f"is after the programme ended ({programme['ends_on'].isoformat()})"
    return None


@dataclass(slots=True)
class _EarningPlan:
    report: _Report
    accepted: list[_EarningRow]
    org_account: int
    # Card numbers that belong to nobody (guesses.py): counted against the key, so a file
    # (a dry run above all, which costs nothing) is no faster way to find members' cards
    # than asking for them one by one. At most MAX_MISSES: past that the key is refused.
    misses: int = 0


async def _check_earnings(
    db: asyncpg.Connection, caller: Caller, env: Env, request: ImportRequest, *, lock: bool
) -> _EarningPlan:
    """Each row as ledger.earn judges it, the allocation spent in row order: a row the
    remaining balance does not cover is refused, as its single earning would be. With
    `lock`, every account involved is locked first (the real import)."""
    ensure_role(caller, "earn_partner", "operator")
    sheet, report = _sheet(request, EARNING_COLUMNS)
    present = [c for c in IDENTIFIERS if c in sheet.columns]
    if len(present) != 1:
        message = (
            "name the member by exactly one column: member_id, card_number or external_ref"
            + (f" (the header has {', '.join(present)})" if present else "")
        )
        raise InvalidInput(message, errors=[{"field": "header", "message": message}])
    how = present[0]
    csv_import.require(sheet, "hours", "given_on")
    today = env.clock.today()
    parsed = [_parse_earning(report, row, how, sheet.delimiter, today) for row in sheet.rows]
    rows = [r for r in parsed if r is not None]
    _total(sheet, report, parsed)

    keys = list({r.key for r in rows})
    if how == "card_number" and keys:
        await guesses.check(db, caller.key_id)
    found = await db.fetch(
        _MEMBERS,
        caller.organisation_id,
        caller.is_operator,
        keys if how == "member_id" else [],
        keys if how == "card_number" else [],
        keys if how == "external_ref" else [],
    )
    by_key = {r["key"]: r for r in found}
    programmes = list(await db.fetch(_PROGRAMMES, caller.organisation_id))
    if not programmes:
        raise Forbidden("your organisation belongs to no programme, so it cannot give credits")
    org = await db.fetchrow(_ORG_ACCOUNT, caller.organisation_id)
    known: list[_EarningRow] = []
    misses = min(guesses.MAX_MISSES, len({r.key for r in rows if r.key not in by_key}))
    for r in rows:
        member = by_key.get(r.key)
        if member is None:
            missing = {
                "member_id": f"no member {r.key}",
                "card_number": "no member has this card number",
                "external_ref": f"you registered no member with external_ref {r.key!r}",
            }[how]
            report.error(r.row, how, missing)
            continue
        programme = _programme(programmes, member["programme_id"], r.given_on)
        assert programme is not None  # programmes is not empty
        if (why := _outside(programme, member["programme_id"], r.given_on)) is not None:
            report.error(r.row, "given_on", why)
            continue
        r.member, r.programme_id = member, programme["id"]
        known.append(r)

    if lock and known:
        await db.execute(_LOCK, [org["id"], *{r.member["account_id"] for r in known}])
        org = await db.fetchrow(_ORG_ACCOUNT, caller.organisation_id)
    remaining = org["balance"]
    accepted = []
    for r in known:
        if r.amount > remaining:
            report.error(
                r.row,
                "hours",
                f"insufficient credits: your organisation holds {from_hundredths(remaining)} "
                f"credits to give after the rows above, and this row needs "
                f"{from_hundredths(r.amount)}; ask the operator for an allocation",
            )
            continue
        remaining -= r.amount
        accepted.append(r)
    return _EarningPlan(report, accepted, org["id"], misses if how == "card_number" else 0)


def _total(sheet: Sheet, report: _Report, parsed: list[_EarningRow | None]) -> None:
    """A trailing total row is skipped; one whose hours disagree with the rows' is an error
    on it (rows went missing, or one was mistyped)."""
    if sheet.total is None:
        return
    number = sheet.total.number
    if all(r is not None for r in parsed) and (stated := sheet.total.cells.get("hours")):
        summed = Decimal(sum(r.amount for r in parsed if r is not None)) / 100
        if (why := csv_import.total_mismatch(stated, summed, sheet.delimiter)) is not None:
            report.rows += 1
            report.error(number, "hours", why)
            return
    report.skipped.append(SkippedRow(row=number, reason="a total row, not a record"))


async def check_earnings(
    db: asyncpg.Connection, caller: Caller, env: Env, request: ImportRequest
) -> ImportResult:
    """A dry run: the import's answer, nothing written (nor locked)."""
    plan = await _check_earnings(db, caller, env, request, lock=False)
    await guesses.missed(db, caller.key_id, plan.misses)
    return plan.report.result([], dry_run=True, accepted=len(plan.accepted))


async def _import_earnings(work: Work, request: ImportRequest) -> ImportResult:
    """Credit every good row, set-based (the module docstring), in this one transaction."""
    db, caller = work.db, work.caller
    plan = await _check_earnings(db, caller, work.env, request, lock=True)
    guesses.missed_in(work, plan.misses)  # kept whether the import is refused or not
    if not request.partial:
        _refuse(plan.report)
    rows = plan.accepted
    if not rows:
        return plan.report.result([], dry_run=False, accepted=0)
    now = await db.fetchval("SELECT now()")  # every transfer's created_at: the transaction's
    ids = [new_id("txn") for _ in rows]
    transfers = [_transfer(caller, tid, r, now) for tid, r in zip(ids, rows, strict=True)]
    per_account: dict[int, int] = {}
    for r in rows:
        per_account[r.member["account_id"]] = per_account.get(r.member["account_id"], 0) + r.amount
    await db.execute(_DEBIT, plan.org_account, sum(r.amount for r in rows))
    await db.execute(_CREDIT, list(per_account), list(per_account.values()))
    accounts = [r.member["account_id"] for r in rows]
    amounts = [r.amount for r in rows]
    programmes = [r.programme_id for r in rows]
    await db.execute(
        _TRANSFERS,
        ids,
        accounts,
        amounts,
        programmes,
        [json.dumps(t.metadata) for t in transfers],
        plan.org_account,
        caller.organisation_id,
        caller.key_id,
        now,
    )
    await db.execute(
        _EVENTS,
        ids,
        [t.model_dump_json(by_alias=True) for t in transfers],
        [r.member["home_organisation_id"] for r in rows],
        [now for _ in rows],
        caller.organisation_id,
        "earning.created",
    )
    created = [ImportedRow(row=r.row, id=tid) for tid, r in zip(ids, rows, strict=True)]
    return plan.report.result(created, dry_run=False, accepted=len(created))


def _transfer(caller: Caller, tid: str, r: _EarningRow, at: Any) -> TransferRead:
    """The earning as GET shows it (its event's data), with ledger.earn's metadata."""
    metadata = {
        "hours": from_hundredths(r.amount),
        "activity": r.activity,
        "given_on": r.given_on.isoformat(),
    }
    return TransferRead(
        id=tid,
        kind="earn",
        credits=from_hundredths(r.amount),
        from_=Party(type="organisation", id=caller.organisation_id),
        to=Party(type="member", id=r.member["id"]),
        programme_id=r.programme_id,
        organisation_id=caller.organisation_id,
        created_at=at,
        metadata={k: v for k, v in metadata.items() if v is not None},
    )


import_earnings = Operation("imports.earnings", _import_earnings, ImportResult, status=200)
