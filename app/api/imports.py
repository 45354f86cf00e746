"""Bulk CSV imports of paper-era registers: members, and hours given."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from app.api.auth import MembersWriter, require_scope
from app.api.deps import Db, IdempotencyKey
from app.api.problems import MEDIA_TYPE, TYPE_BASE, problems
from app.api.responses import write
from app.auth.caller import Caller
from app.models.imports import ImportRequest, ImportResult
from app.services import imports

router = APIRouter(prefix="/v1/imports", tags=["imports"])

EarnImporter = Annotated[Caller, Depends(require_scope("earn:write"))]

# What spreadsheets and browsers label a .csv upload with (Excel on Windows: vnd.ms-excel).
_CSV_TYPES = {"text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"}
_SAVE_AS = 'save the sheet as "CSV UTF-8 (Comma delimited) (*.csv)"'

DryRun = Annotated[
    bool, Query(description="Check every row and answer what would happen; write nothing.")
]
Partial = Annotated[
    bool,
    Query(
        description="Import the good rows and report the bad ones (by default any error "
        "refuses the whole file)."
    ),
]

_MEMBERS_EXAMPLE = (
    "display_name,external_ref,year_of_birth,postcode_district,programme_id\r\n"
    "Asha K.,TEN-00412,1961,N17,prg_1x2y3z4w5v6u7t8s\r\n"
    "Ben T.,TEN-00413,,N15,prg_1x2y3z4w5v6u7t8s\r\n"
)
_EARNINGS_EXAMPLE = (
    "card_number;hours;activity;given_on\r\n"
    "4921 7730 5518;1,5;Cuppas café shift;01/10/2018\r\n"
    "4921 7730 5526;3;Allotment;02/10/2018\r\n"
    "Total;4,5;;\r\n"
)


def _body(example: str) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string"}, "example": example}},
        }
    }


def _responses() -> dict[int | str, dict[str, Any]]:
    out = problems(403, 409, 413)
    out[415] = {
        "description": "Unsupported media type",
        "content": {
            MEDIA_TYPE: {
                "schema": {"$ref": "#/components/schemas/Problem"},
                "example": {
                    "type": TYPE_BASE + "unsupported_media_type",
                    "title": "Unsupported media type",
                    "status": 415,
                    "detail": f"send the file as Content-Type: text/csv, UTF-8: {_SAVE_AS}",
                    "code": "unsupported_media_type",
                    "request_id": "req_5x2kq8w3m1c7b9d0",
                },
            }
        },
    }
    return dict(sorted(out.items(), key=lambda kv: int(kv[0])))


async def _csv(request: Request, partial: bool) -> ImportRequest:
    """The body, if it is labelled as CSV (any other charset than UTF-8 is a 415)."""
    content_type = request.headers.get("content-type", "")
    media, _, params = content_type.partition(";")
    if media.strip().lower() not in _CSV_TYPES:
        raise HTTPException(
            415, f"send the file as Content-Type: text/csv (got {media.strip()[:100]!r})"
        )
    # Only the charset matters; other parameters (RFC 4180's `header=present`) are allowed.
    charsets = [
        value.strip().strip('"').lower()
        for name, _, value in (p.partition("=") for p in params.split(";"))
        if name.strip().lower() == "charset"
    ]
    if any(charset not in ("utf-8", "utf8") for charset in charsets):
        raise HTTPException(415, f"the file must be UTF-8: {_SAVE_AS}")
    max_rows = request.app.state.settings.import_max_rows
    return ImportRequest.of(await request.body(), partial=partial, max_rows=max_rows)


def _report(result: ImportResult) -> Response:
    return Response(result.model_dump_json(), media_type="application/json")


@router.post(
    "/members",
    summary="Import members from a CSV file",
    response_model=ImportResult,
    responses=_responses(),
    openapi_extra=_body(_MEMBERS_EXAMPLE),
)
async def import_members(
    caller: MembersWriter,
    db: Db,
    request: Request,
    key: IdempotencyKey,
    dry_run: DryRun = False,
    partial: Partial = False,
) -> Response:
    """Register the members of a paper-era register, your organisation their home, as
    `POST /v1/members` would one by one (a `member.created` event each). A `text/csv` body,
    UTF-8 (with or without Excel's byte order mark), comma or semicolon separated, its
    first row naming the columns: `display_name` and `programme_id` (required),
    `external_ref`, `year_of_birth`, `postcode_district`; names are read case- and
    space-insensitively. Blank lines and a last row starting "Total" are skipped.

    All or nothing: if any row is wrong, nothing is imported and the answer is a 422
    problem whose `errors` list every wrong cell as `{row, field, message}`, `row` the
    row number your spreadsheet shows (the header is row 1). With `?partial=true` the
    good rows are imported and the answer (200) reports the rest in `errors`;
    `?dry_run=true` checks and answers the same report, writing nothing. `created` gives
    each new member's id and card number. The same Idempotency-Key with the same file and
    query replays the answer."""
    body = await _csv(request, partial)
    if dry_run:
        return _report(await imports.check_members(db, caller, body))
    return await write(request, db, caller, imports.import_members, body, key)


@router.post(
    "/earnings",
    summary="Import hours given from a CSV file",
    response_model=ImportResult,
    responses=_responses(),
    openapi_extra=_body(_EARNINGS_EXAMPLE),
)
async def import_earnings(
    caller: EarnImporter,
    db: Db,
    request: Request,
    key: IdempotencyKey,
    dry_run: DryRun = False,
    partial: Partial = False,
) -> Response:
    """Credit the hours of a paper-era register, as `POST /v1/earnings` would row by row
    (the same rules, an `earning.created` event each), from your allocation. Columns:
    exactly one of `member_id`, `card_number` (as printed) or `external_ref` (your own
    reference for one of your members) to find the member, then `hours` and `given_on`
    (required) and `activity`. Dates: `YYYY-MM-DD` or UK day-first `DD/MM/YYYY` (so
    `01/10/2018` is 1 October 2018), the year in full. Hours: `1.5`; `1,5` in a
    semicolon-separated file (a decimal-comma export). Rows are credited in file order:
    a row your remaining allocation does not cover is an error. A last row starting
    "Total" is skipped (an error if its hours disagree with the rows').

    All or nothing by default (a 422 problem listing every error as `{row, field,
    message}`, `row` as your spreadsheet numbers it, the header being row 1);
    `?partial=true` credits the good rows and reports the rest (200); `?dry_run=true`
    answers the report and writes nothing. Idempotent with an Idempotency-Key."""
    body = await _csv(request, partial)
    if dry_run:
        return _report(await imports.check_earnings(db, caller, request.app.state.env, body))
    return await write(request, db, caller, imports.import_earnings, body, key)
