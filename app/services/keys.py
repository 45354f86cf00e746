"""API keys: minted with scopes the organisation's roles allow, shown once, revocable."""

import asyncpg

from app.auth import keys as secrets_
from app.auth.caller import Caller
from app.auth.scopes import ALL_SCOPES, allowed_for
from app.ids import new_id
from app.models.keys import ApiKeyCreated, ApiKeyRead
from app.services import pagination
from app.services.errors import Forbidden, InvalidInput, NotFound

_COLUMNS = "id, name, secret_prefix AS prefix, scopes, created_at, last_used_at, revoked_at"


def _read(row: asyncpg.Record) -> ApiKeyRead:
    return ApiKeyRead(**{k: row[k] for k in ApiKeyRead.model_fields})


def _outside(scopes: list[str], allowed: frozenset[str]) -> list[str]:
    """The scopes asked for that `allowed` lacks (for a 403); an unknown one is a 422."""
    unknown = sorted(set(scopes) - set(ALL_SCOPES))
    if unknown:
        raise InvalidInput.field("scopes", f"unknown scope(s): {', '.join(unknown)}")
    return sorted(set(scopes) - allowed)


async def mint(
    db: asyncpg.Connection,
    *,
    organisation_id: str,
    name: str,
    scopes: list[str],
    pepper: bytes,
) -> ApiKeyCreated:
    """Store a new key's hash; the secret exists only in the returned object."""
    secret = secrets_.generate()
    row = await db.fetchrow(
        f"""INSERT INTO api_keys (id, organisation_id, name, secret_prefix, secret_hash, scopes)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING {_COLUMNS}""",
        new_id("key"),
        organisation_id,
        name,
        secrets_.display_prefix(secret),
        secrets_.digest(secret, pepper),
        sorted(set(scopes)),
    )
    return ApiKeyCreated(**_read(row).model_dump(), secret=secret)


async def create(
    db: asyncpg.Connection, caller: Caller, *, name: str, scopes: list[str], pepper: bytes
) -> ApiKeyCreated:
    """A key can grant only scopes its organisation's roles allow and the calling key holds,
    so keys:manage never escalates privileges."""
    not_allowed = _outside(scopes, allowed_for(caller.roles) & caller.scopes)
    if not_allowed:
        raise Forbidden(f"this key cannot grant: {', '.join(not_allowed)}")
    return await mint(
        db, organisation_id=caller.organisation_id, name=name, scopes=scopes, pepper=pepper
    )


async def issue(
    db: asyncpg.Connection,
    *,
    organisation_id: str,
    name: str,
    scopes: list[str] | None,
    pepper: bytes,
) -> ApiKeyCreated:
    """A key minted by the operator for an organisation that has none it can use (its first
    one lost, or leaked and revoked): `timecredits issue-key`. Without `scopes`, every scope
    the organisation's roles allow."""
    roles = await db.fetchval("SELECT roles FROM organisations WHERE id = $1", organisation_id)
    if roles is None:
        raise NotFound(f"no organisation {organisation_id}")
    allowed = allowed_for(roles)
    wanted = sorted(allowed) if scopes is None else scopes
    not_allowed = _outside(wanted, allowed)
    if not_allowed:
        raise Forbidden(f"its roles ({', '.join(roles)}) do not allow: {', '.join(not_allowed)}")
    return await mint(db, organisation_id=organisation_id, name=name, scopes=wanted, pepper=pepper)


async def list_for(
    db: asyncpg.Connection, caller: Caller, *, limit: int, after: str | None
) -> tuple[list[ApiKeyRead], str | None]:
    """The caller's organisation's keys, revoked ones included, newest first, a page at a
    time (keyset on created_at, id: keys have no sequence)."""
    cursor = pagination.decode_stamped(after)
    at, last_id = cursor if cursor is not None else (None, None)
    rows = await db.fetch(
        f"""SELECT {_COLUMNS} FROM api_keys
             WHERE organisation_id = $1
               AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::text))
             ORDER BY created_at DESC, id DESC LIMIT $4""",
        caller.organisation_id,
        at,
        last_id,
        limit + 1,
    )
    return pagination.page_by(
        rows, limit, lambda r: pagination.encode_stamped(r["created_at"], r["id"]), _read
    )


async def revoke(db: asyncpg.Connection, caller: Caller, key_id: str) -> None:
    """Effective on the key's next request. Revoking twice is harmless."""
    status = await db.execute(
        """UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
            WHERE id = $1 AND organisation_id = $2""",
        key_id,
        caller.organisation_id,
    )
    if status == "UPDATE 0":
        raise NotFound(f"no API key {key_id}")
