"""Card numbers: 12 digits, the last a Luhn check digit, printed as `1234 5678 9012`.

Luhn catches every single mistyped digit and most swapped neighbours, so a typo at a
venue desk is rejected instead of matching somebody else's card."""

import re
import secrets

_SEPARATORS = re.compile(r"[\s-]")
LENGTH = 12


def _luhn_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def generate() -> str:
    return with_check_digit(str(secrets.randbelow(9 * 10 ** (LENGTH - 2)) + 10 ** (LENGTH - 2)))


def with_check_digit(payload: str) -> str:
    """The card number of 11 digits: they and their check digit."""
    return payload + _luhn_digit(payload)


def normalise(raw: str, length: int = LENGTH) -> str | None:
    """The digits of a well-formed number as typed (spaces and hyphens ignored): a card
    number, or another Luhn-checked number of `length` digits (a note's serial); None when
    the format or check digit fail."""
    digits = _SEPARATORS.sub("", raw)
    if len(digits) != length or not digits.isascii() or not digits.isdigit():
        return None
    return digits if _luhn_digit(digits[:-1]) == digits[-1] else None


def display(digits: str) -> str:
    return " ".join(digits[i : i + 4] for i in range(0, LENGTH, 4))
