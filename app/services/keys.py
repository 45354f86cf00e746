"""API keys: minted with scopes the organisation's roles allow, shown once, revocable; and
who a presented key acts as (`authenticate`)."""

from datetime import timedelta

import asyncpg
import sqlalchemy as sa

from app.auth import keys as secrets_
from app.auth.caller import Caller
from app.auth.scopes import ALL_SCOPES, allowed_for
from app.ids import new_id
from app.models.keys import ApiKeyCreate, ApiKeyCreated, ApiKeyIssue, ApiKeyRead, ApiKeyRevocation
from app.models.tables import ApiKey, Organisation
from app.services import pagination
from app.services.errors import Forbidden, InvalidInput, NotFound
from app.services.sql import Statement, model_columns, table
from app.services.unit_of_work import Operation, Work

api_keys = table(ApiKey)
organisations = table(Organisation)

# One statement: find the live key and its organisation, and touch last_used_at at most
# once a minute (so busy keys don't turn every request into a row-lock queue).
TOUCH_EVERY = timedelta(seconds=60)
_live = (
    sa.select(api_keys.c.id, api_keys.c.organisation_id, api_keys.c.scopes, organisations.c.roles)
    .join_from(api_keys, organisations, organisations.c.id == api_keys.c.organisation_id)
    .where(api_keys.c.secret_hash == sa.bindparam("digest"), api_keys.c.revoked_at.is_(None))
    .cte("k")
)
_touch = (
    sa.update(api_keys)
    .values(last_used_at=sa.func.now())
    .where(
        api_keys.c.id == _live.c.id,
        sa.or_(
            api_keys.c.last_used_at.is_(None),
            api_keys.c.last_used_at < sa.func.now() - TOUCH_EVERY,
        ),
    )
    .cte("touch")
)
LOOKUP = Statement(sa.select(_live).add_cte(_touch))


def live_ctes(key_id: str) -> str:
    """For a statement serving a key found in the per-process cache (app/auth/cache.py):
    `key`, whether the key `key_id` (an SQL expression; NULL for the CLI) is still live, and
    `touched`, its last_used_at kept to the minute, as LOOKUP does for other requests."""
    return f"""key AS (
    SELECT revoked_at IS NULL AS live FROM api_keys WHERE id = {key_id}
), touched AS (
    UPDATE api_keys SET last_used_at = now()
     WHERE id = {key_id} AND revoked_at IS NULL
       AND (last_used_at IS NULL OR last_used_at < now() - interval '{TOUCH_EVERY.seconds} seconds')
)"""


async def authenticate(db: asyncpg.Connection, digest: bytes) -> Caller | None:
    """Who a key (by its digest: app/auth/keys.py) acts as; None if unknown or revoked."""
    row = await LOOKUP.fetchrow(db, digest=digest)
    if row is None:
        return None
    return Caller(
        organisation_id=row["organisation_id"],
        key_id=row["id"],
        roles=frozenset(row["roles"]),
        scopes=frozenset(row["scopes"]),
    )


_READ = model_columns(ApiKeyRead, api_keys, prefix=api_keys.c.secret_prefix)
_MINT = Statement(
    sa.insert(api_keys)
    .values(
        {
            name: sa.bindparam(name)
            for name in ("id", "organisation_id", "name", "secret_prefix", "secret_hash", "scopes")
        }
    )
    .returning(*_READ)
)
_ROLES = Statement(sa.select(organisations.c.roles).where(organisations.c.id == sa.bindparam("id")))
# Newest first, keyset on (created_at, id) (keys have no sequence): the first page when
# `at` is null.
_at = sa.bindparam("at", type_=api_keys.c.created_at.type)
_LIST = Statement(
    sa.select(*_READ)
    .where(
        api_keys.c.organisation_id == sa.bindparam("organisation_id"),
        sa.or_(
            _at.is_(None),
            sa.tuple_(api_keys.c.created_at, api_keys.c.id)
            < sa.tuple_(_at, sa.bindparam("last_id", type_=sa.Text)),
        ),
    )
    .order_by(api_keys.c.created_at.desc(), api_keys.c.id.desc())
    .limit(sa.bindparam("limit"))
)
_REVOKE = Statement(
    sa.update(api_keys)
    .values(revoked_at=sa.func.coalesce(api_keys.c.revoked_at, sa.func.now()))
    .where(
        api_keys.c.id == sa.bindparam("key_id"),
        api_keys.c.organisation_id == sa.bindparam("organisation_id"),
    )
)


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
    row = await _MINT.fetchrow(
        db,
        id=new_id("key"),
        organisation_id=organisation_id,
        name=name,
        secret_prefix=secrets_.display_prefix(secret),
        secret_hash=secrets_.digest(secret, pepper),
        scopes=sorted(set(scopes)),
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
    roles = await _ROLES.fetchval(work.db, id=body.organisation_id)
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
) -> pagination.Page[ApiKeyRead]:
    """The caller's organisation's keys, revoked ones included, newest first, a page at a
    time (keyset on created_at, id: keys have no sequence)."""
    cursor = pagination.decode_stamped(after)
    at, last_id = cursor if cursor is not None else (None, None)
    rows = await _LIST.fetch(
        db, organisation_id=caller.organisation_id, at=at, last_id=last_id, limit=limit + 1
    )
    return pagination.page_by(
        rows, limit, lambda r: pagination.encode_stamped(r["created_at"], r["id"]), _read
    )


async def _revoke(work: Work, body: ApiKeyRevocation) -> None:
    """Effective on the key's next request. Revoking twice is harmless."""
    status = await _REVOKE.execute(
        work.db, key_id=body.key_id, organisation_id=work.caller.organisation_id
    )
    if status == "UPDATE 0":
        raise NotFound(f"no API key {body.key_id}")


revoke = Operation("api_keys.revoke", _revoke, None, status=204)
