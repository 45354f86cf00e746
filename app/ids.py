"""Opaque, type-prefixed identifiers (`mem_…`, `org_…`, `txn_…`)."""

import base64
import os

# Base32's alphabet, written in Crockford's (lower case): 16 characters spell 10 bytes.
_CROCKFORD = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", b"0123456789abcdefghjkmnpqrstvwxyz"
)
_ID_BYTES = 10  # 80 bits
# Random bytes are drawn from the OS this many ids at a time: one system call, not one an id.
_BATCH = 64

_pool = b""


def _forget() -> None:
    """A forked process (a gunicorn worker) must not hand out its parent's bytes again."""
    global _pool
    _pool = b""


os.register_at_fork(after_in_child=_forget)


def new_id(prefix: str) -> str:
    """80 random bits (the OS's CSPRNG): unguessable, so an id alone never confirms another
    tenant's data."""
    global _pool
    if not _pool:
        _pool = os.urandom(_ID_BYTES * _BATCH)
    raw, _pool = _pool[:_ID_BYTES], _pool[_ID_BYTES:]
    return f"{prefix}_{base64.b32encode(raw).translate(_CROCKFORD).decode()}"
