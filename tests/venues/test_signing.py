"""Tokens a venue verifies offline (issue 14): ES256 JWS signed with our newest key, named by
kid; the public keys at /.well-known/jwks.json verify them with python-jose alone; keys
rotate without breaking the tokens older ones signed; nothing but our own ES256 signature
passes; the private keys are stored encrypted with the pepper."""

import asyncio
import base64
import hashlib
import hmac
import json
import os
import subprocess
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import FastAPI
from jose import jwt

from app.services import signing
from app.services.errors import DomainError
from app.services.unit_of_work import Env
from tests.conftest import PEPPER
from tests.ledger.support import CLI

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
EXP = int((NOW + timedelta(minutes=15)).timestamp())
CLAIMS = {"typ": "redemption_code", "sub": "rdc_0a1b2c3d4e5f6g7h", "exp": EXP}


@pytest.fixture(autouse=True)
def _forgotten() -> None:
    """Each test's database starts without keys (TRUNCATE): so does this process's memory."""
    signing.forget()


@pytest.fixture
def env(app: FastAPI) -> Env:
    return app.state.env


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _header(token: str) -> dict[str, Any]:
    return json.loads(_unb64(token.split(".")[0]))


async def _reason(pool: asyncpg.Pool, token: str, now: datetime = NOW) -> str:
    """Why verify refuses the token (it must refuse it)."""
    async with pool.acquire() as db:
        with pytest.raises(signing.InvalidToken) as caught:
            await signing.verify(db, token, now=now)
    assert not isinstance(caught.value, DomainError)  # the caller decides what it means
    return caught.value.reason


async def _verify(pool: asyncpg.Pool, token: str, now: datetime = NOW) -> dict[str, Any]:
    async with pool.acquire() as db:
        return await signing.verify(db, token, now=now)


async def _jwks(client: httpx.AsyncClient) -> dict[str, Any]:
    r = await client.get("/.well-known/jwks.json")
    assert r.status_code == 200, r.text
    return r.json()


async def test_a_signed_token_verifies_and_gives_back_its_claims(
    pool: asyncpg.Pool, env: Env
) -> None:
    async with pool.acquire() as db:
        token = await signing.sign(db, env, CLAIMS)
        claims = await signing.verify(db, token, now=NOW)
    header = _header(token)
    assert header["alg"] == "ES256"
    kid = await pool.fetchval("SELECT kid FROM signing_keys")
    assert header["kid"] == kid and kid.startswith("sk_")
    assert claims == {**CLAIMS, "iat": claims["iat"]}
    assert abs(claims["iat"] - env.clock.now().timestamp()) < 60
    # An iat of the caller's own is kept; an aware datetime exp is epoch seconds.
    async with pool.acquire() as db:
        dated = await signing.sign(db, env, {**CLAIMS, "iat": 7, "exp": NOW + timedelta(hours=1)})
        again = await signing.verify(db, dated, now=NOW)
    assert again["iat"] == 7 and again["exp"] == int(NOW.timestamp()) + 3600


async def test_a_token_without_an_expiry_is_not_signed(pool: asyncpg.Pool, env: Env) -> None:
    async with pool.acquire() as db:
        for claims in ({"sub": "x"}, {"sub": "x", "exp": "soon"}, {"sub": "x", "exp": True}):
            with pytest.raises(ValueError, match="exp"):
                await signing.sign(db, env, claims)


async def test_the_published_keys_verify_a_token_offline_with_python_jose_alone(
    pool: asyncpg.Pool, env: Env, client: httpx.AsyncClient
) -> None:
    assert await _jwks(client) == {"keys": []}
    async with pool.acquire() as db:
        token = await signing.sign(db, env, CLAIMS)
    r = await client.get("/.well-known/jwks.json")
    assert r.headers["cache-control"] == "public, max-age=300"
    assert r.headers["content-type"] == "application/json"
    assert r.headers["access-control-allow-origin"] == "*"
    [key] = r.json()["keys"]
    assert list(key) == ["kid", "kty", "crv", "x", "y", "use", "alg"]  # no "d", of course
    assert (key["kty"], key["crv"], key["use"], key["alg"]) == ("EC", "P-256", "sig", "ES256")
    # A shared cache revalidates it for free.
    again = await client.get("/.well-known/jwks.json", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304

    # The venue's side: the cached JWKS and python-jose, no database.
    cached = json.loads(r.text)
    kid = jwt.get_unverified_header(token)["kid"]
    [jwk] = [k for k in cached["keys"] if k["kid"] == kid]
    claims = jwt.decode(token, jwk, algorithms=["ES256"], options={"verify_exp": False})
    assert claims["sub"] == CLAIMS["sub"] and claims["exp"] == EXP


async def test_after_a_rotation_new_tokens_name_the_new_key_and_old_ones_still_verify(
    pool: asyncpg.Pool, env: Env, client: httpx.AsyncClient
) -> None:
    async with pool.acquire() as db:
        old = await signing.sign(db, env, CLAIMS)
        kid = await signing.rotate(db, env)
        new = await signing.sign(db, env, CLAIMS)
        assert _header(old)["kid"] != kid and kid.startswith("sk_")
        assert _header(new)["kid"] == kid
        assert (await signing.verify(db, old, now=NOW))["sub"] == CLAIMS["sub"]
        assert (await signing.verify(db, new, now=NOW))["sub"] == CLAIMS["sub"]
    signing.forget()  # another worker, knowing nothing yet, verifies the old token too
    assert (await _verify(pool, old))["sub"] == CLAIMS["sub"]
    keys = (await _jwks(client))["keys"]
    assert [k["kid"] for k in keys] == [kid, _header(old)["kid"]]  # newest first


async def test_an_expired_token_says_so(pool: asyncpg.Pool, env: Env) -> None:
    async with pool.acquire() as db:
        token = await signing.sign(db, env, CLAIMS)
    expiry = datetime.fromtimestamp(EXP, UTC)
    assert await _verify(pool, token, now=expiry - timedelta(seconds=1))
    assert await _reason(pool, token, now=expiry) == "expired"
    assert await _reason(pool, token, now=expiry + timedelta(days=1)) == "expired"


async def test_a_token_we_did_not_sign_as_it_stands_is_invalid(
    pool: asyncpg.Pool, env: Env
) -> None:
    async with pool.acquire() as db:
        token = await signing.sign(db, env, CLAIMS)
    header, payload, signature = token.split(".")
    kid = _header(token)["kid"]
    async with pool.acquire() as db:
        jwk = (await signing.jwks(db))["keys"][0]

    # The payload changed (another code, a later expiry), the signature kept.
    claims = json.loads(_unb64(payload))
    for change in ({"sub": "rdc_someoneelse00000"}, {"exp": EXP + 86400}):
        tampered = _b64(json.dumps({**claims, **change}).encode())
        assert await _reason(pool, f"{header}.{tampered}.{signature}") == "invalid"
    # Signed by someone else's EC key, naming our kid.
    foreign = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    forged = jwt.encode(CLAIMS, foreign, algorithm="ES256", headers={"kid": kid})
    assert await _reason(pool, forged) == "invalid"
    # No signature at all.
    none = _b64(json.dumps({"alg": "none", "typ": "JWT", "kid": kid}).encode())
    for sig in ("", signature):
        assert await _reason(pool, f"{none}.{payload}.{sig}") == "invalid"
    # HS256 keyed with our public key (the algorithm confusion attack), as PEM and as JWK.
    public_pem = (
        serialization.load_pem_private_key(
            await pool.fetchval("SELECT private_key FROM signing_keys"), PEPPER.encode()
        )
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    hs = _b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": kid}).encode())
    for secret in (public_pem, json.dumps(jwk).encode()):
        mac = hmac.new(secret, f"{hs}.{payload}".encode(), hashlib.sha256).digest()
        assert await _reason(pool, f"{hs}.{payload}.{_b64(mac)}") == "invalid"
    # A key we never had, no kid, garbage.
    unknown = jwt.encode(CLAIMS, foreign, algorithm="ES256", headers={"kid": "sk_nobody"})
    no_kid = jwt.encode(CLAIMS, foreign, algorithm="ES256")
    for garbage in (unknown, no_kid, "", "abc", "a.b.c", f"{header}.{payload}", token + "x"):
        assert await _reason(pool, garbage) == "invalid", garbage
    # The genuine one still passes.
    assert (await _verify(pool, token))["sub"] == CLAIMS["sub"]


async def test_workers_racing_for_the_first_key_make_exactly_one(
    pool: asyncpg.Pool, env: Env
) -> None:
    async def first_sign(db: asyncpg.Connection) -> str:
        return await signing.sign(db, env, CLAIMS)

    connections = [await pool.acquire() for _ in range(8)]
    try:
        tokens = await asyncio.gather(*(first_sign(db) for db in connections))
    finally:
        for db in connections:
            await pool.release(db)
    assert await pool.fetchval("SELECT count(*) FROM signing_keys") == 1
    kid = await pool.fetchval("SELECT kid FROM signing_keys")
    assert {_header(t)["kid"] for t in tokens} == {kid}
    for token in tokens:
        assert await _verify(pool, token)


async def test_a_key_made_in_a_transaction_that_rolls_back_is_not_kept(
    pool: asyncpg.Pool, env: Env
) -> None:
    """The first key made inside a caller's write that then fails must not be signed with
    afterwards: it never existed for anyone else."""

    class Undone(Exception):
        pass

    async with pool.acquire() as db:
        with pytest.raises(Undone):
            async with db.transaction():
                lost = await signing.sign(db, env, CLAIMS)
                # Found again by the same transaction: still not kept.
                assert _header(await signing.sign(db, env, CLAIMS)) == _header(lost)
                assert await signing.verify(db, lost, now=NOW)
                raise Undone
        assert await db.fetchval("SELECT count(*) FROM signing_keys") == 0
        token = await signing.sign(db, env, CLAIMS)
        assert _header(token)["kid"] != _header(lost)["kid"]
        assert await signing.verify(db, token, now=NOW)
        assert await _reason(pool, lost) == "invalid"


async def test_private_keys_are_stored_encrypted_with_the_pepper(
    pool: asyncpg.Pool, env: Env
) -> None:
    async with pool.acquire() as db:
        await signing.sign(db, env, CLAIMS)
        await signing.rotate(db, env)
    rows = await pool.fetch("SELECT private_key, public_jwk::text AS jwk FROM signing_keys")
    assert len(rows) == 2
    for row in rows:
        pem = row["private_key"]
        assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), pem[:40]
        assert b"BEGIN PRIVATE KEY" not in pem and b"BEGIN EC PRIVATE KEY" not in pem
        with pytest.raises(TypeError):  # a dump alone: no password
            serialization.load_pem_private_key(pem, password=None)
        with pytest.raises(ValueError):
            serialization.load_pem_private_key(pem, password=b"not-the-pepper")
        key = serialization.load_pem_private_key(pem, password=PEPPER.encode())
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        numbers = key.public_key().public_numbers()
        jwk = json.loads(row["jwk"])
        assert "d" not in jwk
        assert int.from_bytes(_unb64(jwk["x"])) == numbers.x
        assert int.from_bytes(_unb64(jwk["y"])) == numbers.y
    # Another pepper cannot sign with them.
    signing.forget()
    async with pool.acquire() as db:
        with pytest.raises(RuntimeError, match="TIMECREDITS_KEY_PEPPER"):
            await signing.sign(db, Env(pepper=b"another-pepper"), CLAIMS)


async def test_signing_keys_are_never_deleted(pool: asyncpg.Pool, env: Env) -> None:
    async with pool.acquire() as db:
        await signing.rotate(db, env)
    with pytest.raises(asyncpg.RestrictViolationError):
        await pool.execute("DELETE FROM signing_keys")


@pytest.mark.slow  # a subprocess
async def test_the_cli_rotates_and_running_workers_follow_within_30_seconds(
    pool: asyncpg.Pool,
    env: Env,
    database_url: str,
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(signing, "monotonic", lambda: clock[0])
    async with pool.acquire() as db:
        old = _header(await signing.sign(db, env, CLAIMS))["kid"]

    environ = {k: v for k, v in os.environ.items() if not k.startswith("TIMECREDITS_")}
    environ.update(DATABASE_URL=database_url, TIMECREDITS_KEY_PEPPER=PEPPER)
    done = await asyncio.to_thread(
        subprocess.run,
        [CLI, "rotate-signing-key", "--json"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    kid = json.loads(done.stdout)["kid"]
    assert kid.startswith("sk_") and kid != old
    assert [k["kid"] for k in (await _jwks(client))["keys"]] == [kid, old]

    async with pool.acquire() as db:
        clock[0] += signing.NEWEST_TTL_SECONDS - 1  # this worker still signs with the old key
        assert _header(await signing.sign(db, env, CLAIMS))["kid"] == old
        clock[0] += 1  # and from 30 s on with the new one
        token = await signing.sign(db, env, CLAIMS)
        assert _header(token)["kid"] == kid
        assert await signing.verify(db, token, now=NOW)

    plain = await asyncio.to_thread(
        subprocess.run,
        [CLI, "rotate-signing-key"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert plain.returncode == 0, plain.stderr
    [third] = [k["kid"] for k in (await _jwks(client))["keys"] if k["kid"] not in (kid, old)]
    assert third in plain.stdout
