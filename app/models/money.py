"""Credits: exact decimals at the edge, integer hundredths inside. No floats on the money path."""

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema

HUNDREDTHS = 100
# The largest single movement the API accepts: far above any real earning or spend,
# far below where bigint balances could overflow.
MAX_CREDITS = Decimal(1_000_000)
MAX_ALLOCATION = Decimal(100_000_000)
# A string amount is plain ASCII decimal notation. Decimal() alone would also take "1e2",
# "1_000", "+1" and non-ASCII digits, none of which the documented pattern allows.
_DECIMAL_STRING = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_CENT = Decimal("0.01")


def parse_amount(value: Any, *, limit: Decimal = MAX_CREDITS) -> Decimal:
    """A JSON number or string with at most two decimal places as written, > 0 and <= limit.

    Numbers arrive as the Decimal the client spelled (app/api/routing.py), so `1.000`,
    `1.0000000000` and `2.0000000000000000001` are refused like `1.005`, never rounded.
    A float can only come from Python callers or a route without ExactJsonRoute; its
    shortest repr is what is judged."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError("must be a number or a numeric string")
    if isinstance(value, str):
        value = value.strip()
        if len(value) > 40 or not _DECIMAL_STRING.fullmatch(value):
            raise ValueError("is not a valid amount (digits with an optional decimal point)")
    try:
        if isinstance(value, Decimal):
            amount = value
        elif isinstance(value, int):
            amount = Decimal(value)
        else:
            amount = Decimal(str(value))  # a string, or a float's shortest repr
    except InvalidOperation:
        raise ValueError("is not a valid amount") from None
    if not amount.is_finite():
        raise ValueError("must be a finite number")
    if amount <= 0:
        raise ValueError("must be greater than zero")
    if amount > limit:
        raise ValueError(f"must be at most {limit}")
    # The places as written: trailing zeros count (`1.000` is three places), and no
    # rounding decides it.
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]  # finite: an int
        raise ValueError("must have at most two decimal places")
    return amount.quantize(_CENT)


def _allocation(value: Any) -> Decimal:
    return parse_amount(value, limit=MAX_ALLOCATION)


_INPUT_SCHEMA = {
    "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^\d+(\.\d{1,2})?$"}],
    "description": "Exact amount, > 0, at most two decimal places, as a JSON number or string.",
    "examples": ["1.5"],
}

CreditsIn = Annotated[Decimal, BeforeValidator(parse_amount), WithJsonSchema(_INPUT_SCHEMA)]
AllocationIn = Annotated[Decimal, BeforeValidator(_allocation), WithJsonSchema(_INPUT_SCHEMA)]
CreditsOut = Annotated[
    str,
    Field(pattern=r"^-?\d+\.\d{2}$", description="Exact amount, two decimals.", examples=["1.50"]),
]


def to_hundredths(amount: Decimal) -> int:
    return int(amount * HUNDREDTHS)


def from_hundredths(value: int | Decimal) -> str:
    """Integer hundredths (a SQL sum arrives as an integral Decimal) to "1.50"."""
    value = int(value)
    sign = "-" if value < 0 else ""
    whole, cents = divmod(abs(value), HUNDREDTHS)
    return f"{sign}{whole}.{cents:02d}"
