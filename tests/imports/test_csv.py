"""Reading a spreadsheet's CSV (app/services/csv_import.py): dates, hours, column names,
the delimiter, row numbers and the total row, without a database."""

import time
from datetime import date
from decimal import Decimal

import pytest

from app.services import csv_import
from app.services.errors import InvalidInput


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("2018-10-01", date(2018, 10, 1)),
        ("01/10/2018", date(2018, 10, 1)),  # UK: day first
        ("1/10/2018", date(2018, 10, 1)),
        ("10/01/2018", date(2018, 1, 10)),
        ("01.10.2018", date(2018, 10, 1)),
        ("01-10-2018", date(2018, 10, 1)),
        (" 01/10/2018 00:00 ", date(2018, 10, 1)),  # Excel's midnight
        ("01/10/2018 00:00:00", date(2018, 10, 1)),
        ("29/02/2020", date(2020, 2, 29)),
    ],
)
def test_dates_registers_write_are_read_day_first(raw: str, day: date) -> None:
    assert csv_import.day(raw) == day


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("31/02/2018", "not a real day"),
        ("29/02/2019", "not a real day"),
        ("13/13/2018", "not a real day"),
        ("01/10/18", "year in full"),
        ("43374", "day number"),
        ("1st October 2018", "DD/MM/YYYY"),
        ("2018/10/01", "DD/MM/YYYY"),
        ("01/10/2018 09:30", "DD/MM/YYYY"),
    ],
)
def test_dates_that_are_not_days_say_why(raw: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        csv_import.day(raw)


def test_a_decimal_comma_is_read_in_a_semicolon_file_and_explained_in_a_comma_file() -> None:
    assert csv_import.hours(" 1,5 ", ";") == "1.5"
    assert csv_import.hours("1.5", ";") == "1.5"
    assert csv_import.hours("2", ",") == "2"
    with pytest.raises(ValueError, match="decimal comma"):
        csv_import.hours("1,5", ",")


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Display Name", "display_name"),
        (" display_name ", "display_name"),
        ("DISPLAY-NAME", "display_name"),
        ("Given  On", "given_on"),
        ("\ufeffmember_id", "\ufeffmember_id"),  # decode() removes the BOM, not this
    ],
)
def test_column_names_are_case_and_space_insensitive(raw: str, name: str) -> None:
    assert csv_import.column_name(raw) == name


def _read(text: str) -> csv_import.Sheet:
    return csv_import.read(text, known=("a", "b", "c"), max_rows=100)


def test_the_delimiter_is_read_from_the_header_row() -> None:
    assert _read("a;b;c\n1,5;x;y\n").delimiter == ";"
    assert _read("a,b,c\n1;2,x,y\n").delimiter == ","
    assert _read("a;b;c\n1,5;x;y\n").rows[0].cells == {"a": "1,5", "b": "x", "c": "y"}


def test_rows_are_numbered_as_the_spreadsheet_shows_them() -> None:
    sheet = _read('\r\na,b,c\r\n1,2,3\r\n\r\n,,\r\n"multi\r\nline",5,6\r\n7,8,9\r\n')
    assert [r.number for r in sheet.rows] == [3, 6, 7]
    assert sheet.rows[1].cells["a"] == "multi\r\nline"


def test_a_last_row_reading_total_is_the_total_and_a_name_like_it_is_not() -> None:
    sheet = _read("a,b,c\n1,2,3\nTotal,,42\n")
    assert [r.number for r in sheet.rows] == [2] and sheet.total is not None
    assert sheet.total.number == 3
    for last in ("Grand total:,,5", "TOTALS,,5", ",Sum,5"):
        sheet = _read(f"a,b,c\n1,2,3\n{last}\n")
        assert sheet.total is not None, last
    for first in ("Totally Fine", "Sum Li", "Total Care Ltd"):
        sheet = _read(f"a,b,c\n1,2,3\n{first},5,6\n")
        assert sheet.total is None and len(sheet.rows) == 2, first


def test_cells_beyond_the_header_are_a_row_error_unless_empty() -> None:
    sheet = _read("a,b,c\n1,2,3,,\n1,2,3,4\n")
    assert [r.number for r in sheet.rows] == [2]
    assert [(n, f) for n, f, _ in sheet.errors] == [(3, "row")]


def test_unknown_and_repeated_columns_are_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        _read("a,Date,b,B\n")
    assert "'date'" in refused.value.detail and "named twice: b" in refused.value.detail


def test_more_rows_than_allowed() -> None:
    with pytest.raises(InvalidInput, match="more than 2 rows"):
        csv_import.read("a\n1\n2\n3\n", known=("a",), max_rows=2)


def test_only_utf8_is_decoded() -> None:
    assert csv_import.decode("\ufeffa,b\n".encode()) == "a,b\n"
    assert csv_import.decode("Renée".encode()) == "Renée"
    for data in ("Renée".encode("cp1252"), "a,b".encode("utf-16"), b"a\x00b"):
        with pytest.raises(InvalidInput, match="CSV UTF-8"):
            csv_import.decode(data)


def test_a_header_of_very_many_columns_is_judged_in_linear_time() -> None:
    """A 1 MB header row is some 500,000 cells: counting each name's repeats by scanning
    the whole row again took minutes with the event loop blocked (20,000 cells: 3 s)."""
    started = time.perf_counter()
    with pytest.raises(InvalidInput) as refused:
        _read("x," * 200_000 + "c,c\n")
    assert time.perf_counter() - started < 5
    assert "unknown column(s) 'x';" in refused.value.detail  # named once, not 200,000 times
    assert "named twice: c, x" in refused.value.detail


@pytest.mark.parametrize("stated", ["sNaN", "NaN", "Infinity", "lots"])
def test_a_total_row_that_is_not_a_number_is_no_crash(stated: str) -> None:
    """Decimal('sNaN') compares by raising InvalidOperation: a 500 before."""
    assert csv_import.total_mismatch("3", Decimal(3), ",") is None
    message = csv_import.total_mismatch(stated, Decimal(3), ",")
    assert message is None or "the rows add up to 3" in message
