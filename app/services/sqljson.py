"""SQL expressions that write values as the API's pydantic models do, for responses built
by PostgreSQL on hot paths (directory search pages, the one-statement earning). Tests
compare those responses with the models' own output."""


def timestamp(expr: str) -> str:
    """A UTC timestamp as pydantic writes it: microseconds, `Z`, no `.000000`.

    replace(), not regexp_replace(): the text has one `.`, so `.000000Z` can only be its
    end, and a regular expression cost 2.7 µs a call against 0.5 (three a listing, 0.4 ms
    a page of 50)."""
    text = f"""to_char({expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""
    return f"replace({text}, '.000000Z', 'Z')"


def credits(expr: str) -> str:
    """Integer hundredths as the exact decimal text of CreditsOut: 150 -> "1.50"."""
    return f"to_char(({expr}) / 100.0, 'FM999999999990.00')"
