"""Opaque, type-prefixed identifiers (`mem_…`, `org_…`, `txn_…`)."""

import secrets

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lower case


def new_id(prefix: str) -> str:
    """80 random bits: unguessable, so an id alone never confirms another tenant's data."""
    n = secrets.randbits(80)
    chars = []
    for _ in range(16):
        n, r = divmod(n, 32)
        chars.append(_ALPHABET[r])
    return f"{prefix}_{''.join(chars)}"
