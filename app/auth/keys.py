"""API key secrets: `tc_live_` + 43 url-safe characters (256 random bits).

Stored as HMAC-SHA256(pepper, secret): keys are high-entropy, so a slow password hash
would buy nothing but latency on every request."""

import hmac
import re
import secrets

PREFIX = "tc_live_"
_FORMAT = re.compile(r"^tc_live_[A-Za-z0-9_-]{43}$")


def generate() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def well_formed(secret: str) -> bool:
    return bool(_FORMAT.match(secret))


def digest(secret: str, pepper: bytes) -> bytes:
    return hmac.digest(pepper, secret.encode(), "sha256")  # one-shot: OpenSSL does it all


def display_prefix(secret: str) -> str:
    return secret[: len(PREFIX) + 4]
