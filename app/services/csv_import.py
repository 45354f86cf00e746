"""Reading a spreadsheet's CSV export: decoding, the header, rows and their usual mess.

Paper-era registers come from Excel or LibreOffice, so this accepts what those write and
says clearly what it cannot: UTF-8 with or without Excel's byte order mark (anything else
is refused, telling the user to save as "CSV UTF-8"), a comma or a semicolon as the
delimiter (read from the header row: Excel writes `;` where the decimal point is a comma),
quoted fields, CRLF, stray spaces, blank lines (skipped) and a trailing total row (skipped).

Row numbers are the ones the spreadsheet shows: the header is row 1, and blank lines count,
so "row 7" is the seventh row of the sheet the user has open."""

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.services.errors import InvalidInput

_BOMS = {
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}
_SAVE_AS = 'save the sheet as "CSV UTF-8 (Comma delimited) (*.csv)" and send that file'

# Labels a register's total row starts with ("Total", "Totals", "Grand total", "Sum").
_TOTAL = re.compile(r"(grand\s+)?(total|totals|sum)\s*:?", re.IGNORECASE)
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_UK_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
# A spreadsheet's own day number (days since 1899-12-30), exported from an unformatted cell.
_SERIAL_DAY = re.compile(r"^\d{5}$")
_MIDNIGHT = re.compile(r"\s+0?0:00(:00)?$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its row number as the spreadsheet shows it, and its cells by column."""

    number: int
    cells: dict[str, str]


@dataclass(slots=True)
class Sheet:
    """A decoded CSV: its delimiter, its columns (normalised names, in order) and rows."""

    delimiter: str
    columns: list[str]
    rows: list[Row]
    # The trailing total row, read but not imported.
    total: Row | None = None
    # Per-row problems found while reading (a row with more cells than the header).
    errors: list[tuple[int, str, str]] = field(default_factory=list)


def decode(body: bytes) -> str:
    """The body as text: UTF-8, with Excel's byte order mark removed. Anything else (Excel's
    default "CSV" is Windows-1252; "Unicode Text" is UTF-16) is a 422 saying how to fix it."""
    for bom, name in _BOMS.items():
        if body.startswith(bom):
            raise InvalidInput.field("body", f"the file is {name} text, not UTF-8: {_SAVE_AS}")
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput.field(
            "body",
            f"the file is not UTF-8 text (byte {exc.start + 1} is not UTF-8; Excel's plain "
            f'"CSV" is Windows-1252): {_SAVE_AS}',
        ) from None
    if "\x00" in text:
        raise InvalidInput.field(
            "body", f"the file holds NUL characters, so it is not CSV: {_SAVE_AS}"
        )
    return text


def column_name(raw: str) -> str:
    """`Display Name`, ` display_name `, `Display-Name` → `display_name`."""
    return re.sub(r"[\s\-_]+", "_", raw.strip().lower()).strip("_")


def _sniff(header_line: str) -> str:
    """`;` when the header row has more semicolons than commas, else `,`."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read(text: str, *, known: Iterable[str], max_rows: int) -> Sheet:
    """Split the text into rows of cells keyed by normalised column names. Unknown and
    repeated column names are a 422 naming them (the caller checks the required ones);
    more than `max_rows` data rows is a 422."""
    lines = io.StringIO(text, newline="")
    first = ""
    for first in lines:
        if first.strip():
            break
    if not first.strip():
        raise InvalidInput.field("body", "the file is empty: the first row must name the columns")
    delimiter = _sniff(first)
    lines.seek(0)
    reader = csv.reader(
        lines, delimiter=delimiter, quotechar='"', skipinitialspace=True, strict=False
    )
    known = set(known)
    columns: list[str] | None = None
    sheet = Sheet(delimiter, [], [])
    try:
        for number, cells in enumerate(reader, start=1):
            cells = [c.strip() for c in cells]
            if not any(cells):
                continue  # a blank line or a row of empty cells
            if columns is None:
                columns = _header(cells, known)
                sheet.columns = columns
                continue
            if len(cells) > len(columns) and any(cells[len(columns) :]):
                sheet.errors.append(
                    (
                        number,
                        "row",
                        f"has {len(cells)} cells but the header names {len(columns)} columns "
                        f"(a '{delimiter}' inside a cell must be in double quotes)",
                    )
                )
                continue
            values = dict(zip(columns, cells, strict=False))
            sheet.rows.append(Row(number, {c: values.get(c, "") for c in columns}))
            if len(sheet.rows) > max_rows:
                raise InvalidInput.field(
                    "body", f"more than {max_rows} rows: split the file and import each part"
                )
    except csv.Error as exc:
        raise InvalidInput.field("body", f"is not readable CSV: {exc}") from None
    _drop_total(sheet)
    return sheet


def _header(cells: list[str], known: set[str]) -> list[str]:
    columns = [column_name(c) for c in cells]
    while columns and not columns[-1]:
        columns.pop()  # trailing empty header cells (a trailing delimiter)
    errors: list[dict[str, str]] = []
    # Each name once, counted in one pass: a 1 MB header row is some 500,000 cells.
    counts = Counter(columns)
    unknown = [c for c in counts if c not in known]
    if unknown:
        shown = ", ".join(repr(c) if c else "(an empty column name)" for c in unknown)
        errors.append(
            {
                "field": "header",
                "message": f"unknown column(s) {shown}; the columns are {', '.join(sorted(known))}",
            }
        )
    repeated = sorted(c for c, n in counts.items() if c and n > 1)
    if repeated:
        errors.append(
            {"field": "header", "message": f"column(s) named twice: {', '.join(repeated)}"}
        )
    if errors:
        raise InvalidInput("; ".join(e["message"] for e in errors), errors=errors)
    return columns


def require(sheet: Sheet, *columns: str) -> None:
    """A 422 naming every required column the header lacks."""
    missing = [c for c in columns if c not in sheet.columns]
    if missing:
        message = f"missing required column(s): {', '.join(missing)}"
        raise InvalidInput(message, errors=[{"field": "header", "message": message}])


def _drop_total(sheet: Sheet) -> None:
    """A last row whose first non-empty cell reads "Total" (or "Totals", "Sum", "Grand
    total") is the register's total, not a record: skipped, and said so in the answer."""
    if not sheet.rows:
        return
    last = sheet.rows[-1]
    first = next((v for v in last.cells.values() if v), "")
    if _TOTAL.fullmatch(first):
        sheet.total = sheet.rows.pop()


def hours(raw: str, delimiter: str) -> str:
    """An amount as the API reads it: `1,5` is 1.5 in a semicolon file (a decimal-comma
    locale's export); in a comma file the comma is ambiguous, so it is refused with why."""
    value = raw.strip()
    if _DECIMAL_COMMA.fullmatch(value):
        if delimiter == ";":
            return value.replace(",", ".")
        raise ValueError(
            f"{value!r} has a decimal comma, which a comma-separated file cannot tell from a "
            "thousands separator: write it with a point (1.5), or export with ';' as the "
            "delimiter"
        )
    return value


def day(raw: str) -> date:
    """A date as registers write it: ISO `2018-10-01`, or UK day-first `01/10/2018` (also
    `1.10.2018`, `01-10-2018`); the year in full. A midnight time Excel appends is ignored."""
    value = _MIDNIGHT.sub("", raw.strip())
    if m := _ISO_DAY.fullmatch(value):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _UK_DAY.fullmatch(value):
        d, mo, y = int(m[1]), int(m[2]), m[3]
        if len(y) == 2:
            raise ValueError(f"{raw!r}: write the year in full (e.g. 01/10/2018)")
        y = int(y)  # type: ignore[assignment]
    elif _SERIAL_DAY.fullmatch(value):
        raise ValueError(
            f"{raw!r} looks like a spreadsheet's day number: format the column as a date "
            "(DD/MM/YYYY) before saving"
        )
    else:
        raise ValueError(f"{raw!r} is not a date: write DD/MM/YYYY (UK, day first) or YYYY-MM-DD")
    try:
        return date(int(y), mo, d)
    except ValueError:
        raise ValueError(f"{raw!r} is not a real day (day first: DD/MM/YYYY)") from None


def total_mismatch(row_value: str, summed: Decimal, delimiter: str) -> str | None:
    """A total row's figure that disagrees with the rows: most likely rows went missing."""
    try:
        stated = Decimal(hours(row_value, delimiter))
        differs = stated != summed  # raises for Decimal('sNaN')
    except (ValueError, ArithmeticError):
        return None
    if differs:
        return (
            f"the total row says {stated} but the rows add up to {summed}: check no row is missing"
        )
    return None
