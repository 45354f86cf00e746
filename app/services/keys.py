"""API keys: minted with scopes the organisation's roles allow, shown once, revocable; and
who a presented key acts as (`authenticate`)."""

import asyncpg

from app.auth import keys as secrets_
from app.auth.caller import Caller
from app.auth.scopes import ALL_SCOPES, allowed_for
from app.ids import new_id
from app.models.keys import ApiKeyCreate, ApiKeyCreated, ApiKeyIssue, ApiKeyRead, ApiKeyRevocation
from app.services import pagination
from app.services.errors import Forbidden, InvalidInput, NotFound
from app.services.unit_of_work import Operation, Work

# One statement: find the live key and its organisation, and touch last_used_at at most
# once a minute (so busy keys don't turn every request into a row-lock queue).
LOOKUP = """
WITH k AS (
    SELECT k.id, k.organisation_id, k.scopes, o.roles
      FROM api_keys k JOIN organisations o ON o.id = k.organisation_id
     WHERE k.secret_hash = $1 AND k.revoked_at IS NULL
), touch AS (
    UPDATE api_keys SET last_used_at = now()
      FROM k
     WHERE api_keys.id = k.id
       AND (api_keys.last_used_at IS NULL
            OR api_keys.last_used_at < now() - interval '60 seconds')
)
SELECT id, organisation_id, scopes, roles FROM k
"""


async def authenticate(db: asyncpg.Connection, digest: bytes) -> Caller | None:
    """Who a key (by its digest: app/auth/keys.py) acts as; None if unknown or revoked."""
    row = await db.fetchrow(LOOKUP, digest)
    if row is None:
        return None
    return Caller(
        organisation_id=row["organisation_id"],
        key_id=row["id"],
        roles=frozenset(row["roles"]),
        scopes=frozenset(row["scopes"]),
    )


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


async def _create(work: Work, body: ApiKeyCreate) -> ApiKeyCreated:
    """A key can grant only scopes its organisation's roles allow and the calling key holds,
    so keys:manage never escalates privileges."""
    caller = work.caller
    not_allowed = _outside(body.scopes, allowed_for(caller.roles) & caller.scopes)
    if not_allowed:
        raise Forbidden(f"this key cannot grant: {', '.join(not_allowed)}")
    return await mint(
        work.db,
        organisation_id=caller.organisation_id,
        name=body.name,
        scopes=body.scopes,
        pepper=work.env.pepper,
    )


create = Operation("api_keys.create", _create, ApiKeyCreated)


async def _issue(work: Work, body: ApiKeyIssue) -> ApiKeyCreated:
    """A key minted by the operator for an organisation that has none it can use (its first
    one lost, or leaked and revoked): `timecredits issue-key`. Without `scopes`, every scope
    the organisation's roles allow."""
    roles = await work.db.fetchval(
        "SELECT roles FROM organisations WHERE id = $1", body.organisation_id
    )
    if roles is None:
        raise NotFound(f"no organisation {body.organisation_id}")
    allowed = allowed_for(roles)
    wanted = sorted(allowed) if body.scopes is None else body.scopes
    not_allowed = _outside(wanted, allowed)
    if not_allowed:
        raise Forbidden(f"its roles ({', '.join(roles)}) do not allow: {', '.join(not_allowed)}")
    return await mint(
        work.db,
        organisation_id=body.organisation_id,
        name=body.name,
        scopes=wanted,
        pepper=work.env.pepper,
    )


issue = Operation("api_keys.issue", _issue, ApiKeyCreated)


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


async def _revoke(work: Work, body: ApiKeyRevocation) -> None:
    """Effective on the key's next request. Revoking twice is harmless."""
    status = await work.db.execute(
        """UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
            WHERE id = $1 AND organisation_id = $2""",
        body.key_id,
        work.caller.organisation_id,
    )
    if status == "UPDATE 0":
        raise NotFound(f"no API key {body.key_id}")


revoke = Operation("api_keys.revoke", _revoke, None, status=204)
