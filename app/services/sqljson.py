"""SQL expressions that write values as the API's pydantic models do, for responses built
by PostgreSQL on hot paths (directory search pages, the one-statement earning). Tests
compare those responses with the models' own output."""


def timestamp(expr: str) -> str:
    """A UTC timestamp as pydantic writes it: microseconds, `Z`, no `.000000`."""
    text = f"""to_char({expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""
    return f"regexp_replace({text}, '\\.000000Z$', 'Z')"


def credits(expr: str) -> str:
    """Integer hundredths as the exact decimal text of CreditsOut: 150 -> "1.50"."""
    return f"to_char(({expr}) / 100.0, 'FM999999999990.00')"
