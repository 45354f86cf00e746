"""Tokens a venue can verify offline (issue 14): the QR codes of redemption codes and printed
notes are ES256 compact JWS, signed with the newest of our signing keys and naming it in
their `kid` header. A venue fetches the public keys (`GET /.well-known/jwks.json`) while
online and checks a token's signature and expiry without asking us (docs/venues.md).

python-jose does the JWS, always through its `cryptography` backend (`CryptographyECKey`
is built here explicitly, never the pure-Python `ecdsa` one). Private keys are stored as
PKCS#8 PEM encrypted with the key pepper (migration 0010): a database dump alone cannot
sign. `timecredits rotate-signing-key` adds a newer key; keys are never deleted, so tokens
signed by an older one verify until they expire.

Per process, the newest key is remembered for `NEWEST_TTL_SECONDS` (a rotation reaches
every worker within that), and public keys by kid for good (a kid's key never changes)."""

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import asyncpg
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from jose import jws, jwt
from jose.backends.cryptography_backend import CryptographyECKey
from jose.exceptions import JOSEError

from app.ids import new_id
from app.services import unit_of_work
from app.services.unit_of_work import Env

ALGORITHM = "ES256"
# How long a worker keeps signing with the key it last found newest.
NEWEST_TTL_SECONDS = 30.0
# Held while the first key is made, so racing workers end up with one key, not two.
FIRST_KEY_LOCK = 0x7463_7369_676E  # "tcsign"
# The order a published key's members are shown in (jsonb keeps its own order).
_JWK_MEMBERS = ("kid", "kty", "crv", "x", "y", "use", "alg")

# `ours`: made by the caller's still open transaction (its created_at is that transaction's
# now()). Such a key may yet be rolled back, so it is used but not remembered.
_NEWEST = """
SELECT kid, private_key, created_at = now() AS ours
  FROM signing_keys ORDER BY created_at DESC, kid DESC LIMIT 1
"""
_PUBLIC = """
SELECT public_jwk::text AS jwk, created_at = now() AS ours FROM signing_keys WHERE kid = $1
"""
_ALL_PUBLIC = "SELECT public_jwk::text AS jwk FROM signing_keys ORDER BY created_at DESC, kid DESC"
_INSERT = "INSERT INTO signing_keys (kid, private_key, public_jwk) VALUES ($1, $2, $3::text::jsonb)"

# Patched by tests to move time on without waiting.
monotonic = time.monotonic


class InvalidToken(Exception):
    """A token that must not be honoured. `reason` is "expired" (a genuine token past its
    `exp`) or "invalid" (anything else: malformed, unknown kid, bad signature, wrong
    algorithm)."""

    def __init__(self, reason: Literal["expired", "invalid"], detail: str | None = None) -> None:
        super().__init__(detail or reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class _Signer:
    kid: str
    key: CryptographyECKey
    until: float  # monotonic() after which the database is asked again


_newest: _Signer | None = None
_public: dict[str, CryptographyECKey] = {}


def forget() -> None:
    """Drop what this process remembers (tests whose database loses its rows)."""
    global _newest
    _newest = None
    _public.clear()


async def sign(db: asyncpg.Connection, env: Env, claims: dict[str, Any]) -> str:
    """The claims as an ES256 compact JWS naming its key in `kid`. They must carry `exp`
    (epoch seconds, or an aware datetime): an offline token must expire. `iat` is added
    when absent."""
    body = dict(claims)
    exp = body.get("exp")
    if isinstance(exp, datetime):
        if exp.tzinfo is None:
            raise ValueError("exp must be an aware datetime or epoch seconds")
        body["exp"] = int(exp.timestamp())
    elif not isinstance(exp, int) or isinstance(exp, bool):
        raise ValueError("a token needs an expiry: exp, in epoch seconds")
    body.setdefault("iat", int(env.clock.now().timestamp()))
    signer = await _signer(db, env)
    token: str = jwt.encode(body, signer.key, algorithm=ALGORITHM, headers={"kid": signer.kid})
    return token


async def verify(
    db: asyncpg.Connection, token: str, *, now: datetime | None = None
) -> dict[str, Any]:
    """The token's claims, once its signature is our key's (ES256 only: `none`, HS256 and
    the rest are refused) and its `exp` is still ahead of `now` (default: the time now)."""
    try:
        header = jws.get_unverified_header(token)
    except (JOSEError, ValueError, TypeError, AttributeError):
        raise InvalidToken("invalid", "not a compact JWS") from None
    kid = header.get("kid")
    if header.get("alg") != ALGORITHM:
        raise InvalidToken("invalid", f"only {ALGORITHM} tokens are accepted")
    if not isinstance(kid, str) or not 0 < len(kid) <= 64:
        raise InvalidToken("invalid", "no usable kid")
    key = await _public_key(db, kid)
    if key is None:
        raise InvalidToken("invalid", "unknown kid")
    try:
        payload = jws.verify(token, key, algorithms=[ALGORITHM])
        claims = json.loads(payload)
    except (JOSEError, ValueError):
        raise InvalidToken("invalid", "bad signature or payload") from None
    if not isinstance(claims, dict):
        raise InvalidToken("invalid", "the payload is not a JSON object")
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or isinstance(exp, bool):
        raise InvalidToken("invalid", "no exp")
    moment = now if now is not None else datetime.now(UTC)
    if moment.timestamp() >= exp:  # RFC 7519 §4.1.4: not accepted on or after exp
        raise InvalidToken("expired", "the token has expired")
    return claims


async def jwks(db: asyncpg.Connection) -> dict[str, Any]:
    """Every public key, newest first: old ones stay until no token they signed could still
    be honoured, which is never known here, so always."""
    rows = await db.fetch(_ALL_PUBLIC)
    return {"keys": [_published(json.loads(r["jwk"])) for r in rows]}


async def rotate(db: asyncpg.Connection, env: Env) -> str:
    """Add a newer key and return its kid. Workers sign with it within
    NEWEST_TTL_SECONDS; the older keys stay published."""
    global _newest
    kid, _ = await _insert(db, env)
    _newest = None  # this process at once
    return kid


async def _signer(db: asyncpg.Connection, env: Env) -> _Signer:
    """The newest key, from memory while it is fresh; the first key is made on first use."""
    global _newest
    cached = _newest
    if cached is not None and monotonic() < cached.until:
        return cached
    row = await db.fetchrow(_NEWEST)
    if row is None:
        kid, key = await _first(db, env)
        # Made in the caller's transaction, it may yet be rolled back: not remembered.
        keep = not db.is_in_transaction()
    else:
        kid, ours = row["kid"], row["ours"]
        if cached is not None and cached.kid == kid:
            key = cached.key
        else:
            key = _decrypt(kid, row["private_key"], env.pepper)
        keep = not ours
    signer = _Signer(kid, key, monotonic() + NEWEST_TTL_SECONDS)
    if keep:
        _newest = signer
    return signer


async def _first(db: asyncpg.Connection, env: Env) -> tuple[str, CryptographyECKey]:
    """The first key, made once however many workers ask at the same moment: they queue on
    the lock, and those after the first find its key."""
    async with unit_of_work.housekeeping(db):
        await db.execute("SELECT pg_advisory_xact_lock($1)", FIRST_KEY_LOCK)
        row = await db.fetchrow(_NEWEST)
        if row is not None:
            return row["kid"], _decrypt(row["kid"], row["private_key"], env.pepper)
        return await _insert(db, env)


async def _insert(db: asyncpg.Connection, env: Env) -> tuple[str, CryptographyECKey]:
    if not env.pepper:
        raise ValueError("signing keys are encrypted with the key pepper, and it is empty")
    private = ec.generate_private_key(ec.SECP256R1())
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(env.pepper),
    )
    key = CryptographyECKey(private, ALGORITHM)
    kid = new_id("sk")
    public = {"kid": kid, **key.public_key().to_dict(), "use": "sig"}
    await db.execute(_INSERT, kid, pem, json.dumps(_published(public)))
    return kid, key


def _decrypt(kid: str, pem: bytes, pepper: bytes) -> CryptographyECKey:
    try:
        private = serialization.load_pem_private_key(pem, password=pepper or None)
    except (ValueError, TypeError) as exc:
        raise RuntimeError(
            f"signing key {kid} cannot be decrypted: is TIMECREDITS_KEY_PEPPER the one it "
            "was made with?"
        ) from exc
    if not isinstance(private, ec.EllipticCurvePrivateKey):
        raise RuntimeError(f"signing key {kid} is not an EC key")
    return CryptographyECKey(private, ALGORITHM)


async def _public_key(db: asyncpg.Connection, kid: str) -> CryptographyECKey | None:
    """The kid's public key, built from the JWK we publish (what venues verify with)."""
    if (key := _public.get(kid)) is not None:
        return key
    row = await db.fetchrow(_PUBLIC, kid)
    if row is None:
        return None
    key = CryptographyECKey(json.loads(row["jwk"]), ALGORITHM)
    if not row["ours"]:
        _public[kid] = key
    return key


def _published(jwk: dict[str, Any]) -> dict[str, Any]:
    return {name: jwk[name] for name in _JWK_MEMBERS if name in jwk}
