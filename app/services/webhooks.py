"""Webhooks: the endpoints partners register, their signing secrets, and the deliveries
the dispatcher (app/dispatcher.py) makes of the events outbox (app/services/events.py).

Secrets: `whsec_` and the base64 of 24 random bytes (the Standard Webhooks form: the key is
the decoded base64). Shown once, when made (ShownOnce: not in an Idempotency-Key replay),
and stored only encrypted, AES-256-GCM under a key derived from the key pepper (as referral
notes), bound to the endpoint's id: a database dump alone signs nothing. A rotation keeps
the previous secret signing for an overlap, so each request then carries two signatures.

SSRF: an endpoint's URL must be https on a host whose every address is public (not
loopback, private, link-local, shared, reserved or multicast), checked when it is set and
again at each attempt, unless TIMECREDITS_WEBHOOKS_ALLOW_PRIVATE (a development setting,
which also allows plain http). The attempt connects to the very address it checked
(app/pinned_http.py): httpx never looks the name up again, so a DNS server answering a
public address to the check and a private one to the connection (rebinding) gains nothing.

Deliveries: one per (endpoint, event), made by `fan_out` from the endpoint's cursor in the
feed's (xid, seq) order up to the horizon (pg_snapshot_xmin), so an event committed late is
never passed over; `claim` leases due ones (FOR UPDATE SKIP LOCKED, safe with several
dispatchers); `mark` records an attempt after it was sent (at-least-once: a crash between
send and mark sends again, with the same webhook-id, when the lease runs out)."""

import asyncio
import base64
import hashlib
import hmac
import ipaddress
import json
import random
import secrets as random_secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import asyncpg

from app.auth.caller import Caller
from app.ids import new_id
from app.models.events import EventRead
from app.models.webhooks import (
    WebhookDeliveryRead,
    WebhookDeliveryRetry,
    WebhookEndpointChange,
    WebhookEndpointCreate,
    WebhookEndpointCreated,
    WebhookEndpointRead,
    WebhookEndpointRef,
    WebhookSecretRotated,
    WebhookSecretRotation,
)
from app.services import events, pagination
from app.services.at_rest import Sealed
from app.services.errors import InvalidInput, NotFound
from app.services.events import event_id
from app.services.unit_of_work import Env, Operation, Work

SECRET_PREFIX = "whsec_"
# The Standard Webhooks retry schedule: the delay before each attempt (the first at once).
SCHEDULE: tuple[float, ...] = (0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)
JITTER = 0.1  # each delay is stretched or shrunk by up to 10 %
DISABLE_AFTER = timedelta(days=5)  # an endpoint failing this long is disabled
MAX_PAYLOAD = 20 * 1024

# ---------------------------------------------------------------------------- secrets

# Encrypted (at_rest.py), bound to the endpoint's id.
_SECRETS = Sealed(
    info=b"timecredits webhook secrets v1", prefix=b"", names="webhook endpoint {id}: its secret"
)


def new_secret() -> tuple[str, bytes]:
    """A secret as shown (`whsec_…`) and its key bytes."""
    key = random_secrets.token_bytes(24)
    return SECRET_PREFIX + base64.b64encode(key).decode(), key


def seal(key: bytes, endpoint_id: str, pepper: bytes) -> bytes:
    return _SECRETS.seal(pepper, endpoint_id, key)


def unseal(stored: bytes, endpoint_id: str, pepper: bytes) -> bytes:
    return _SECRETS.unseal(pepper, endpoint_id, stored)


def signature(key: bytes, msg_id: str, timestamp: int, body: bytes) -> str:
    """One Standard Webhooks signature: `v1,` and the base64 HMAC-SHA256 of
    `{id}.{timestamp}.{body}`."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def signatures(keys: list[bytes], msg_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header: one signature per live secret, space-separated."""
    return " ".join(signature(k, msg_id, timestamp, body) for k in keys)


# -------------------------------------------------------------------------------- URLs


def _refused(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


async def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, in the resolver's order (an IP literal is its own
    address, no lookup); empty when it does not resolve. The one lookup of the SSRF rule:
    the check when a URL is set, and the dispatcher's, whose checked address is the one it
    connects to (app/pinned_http.py). Tests replace it to play a hostile DNS server."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    # A scoped IPv6 address (fe80::1%eth0) is link-local: refused, or (the development
    # setting) tried without its scope.
    return list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))


def url_refusal(url: str, *, allow_private: bool) -> str | None:
    """Why `url` may not be called by its form alone (scheme, host, no credentials)."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError on a port that is not one
    except ValueError:
        return "is not a valid URL"
    allowed = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in allowed:
        return "must be an https URL"
    if not parts.hostname or parts.username or parts.password:
        return "must name a host (and no user or password)"
    return None


def address_refusal(addresses: list[str], *, allow_private: bool) -> str | None:
    """Why a host with these addresses may not be called: none at all, or any one of them
    not public (a name answering one public and one private address is refused too)."""
    if not addresses:
        return "has a host that does not resolve"
    if allow_private:
        return None
    refused = next((a for a in addresses if _refused(a)), None)
    if refused is not None:
        return f"must not resolve to a loopback, private or link-local address ({refused})"
    return None


async def check_target(url: str, *, allow_private: bool) -> str | None:
    """Why `url` may not be set (None when it may): its form, then every address its host
    resolves to (not looked up under the development setting). The dispatcher checks again
    at each attempt, and connects only to the address it checked (app/pinned_http.py)."""
    reason = url_refusal(url, allow_private=allow_private)
    if reason is not None or allow_private:
        return reason
    parts = urlsplit(url)
    addresses = await resolve(str(parts.hostname), parts.port or 443)
    return address_refusal(addresses, allow_private=False)


async def _valid_url(url: str, env: Env) -> str:
    reason = await check_target(url, allow_private=env.webhooks_allow_private)
    if reason is not None:
        raise InvalidInput.field("url", reason)
    return url


# --------------------------------------------------------------------------- endpoints

_COLUMNS = """id, url, event_types, enabled, disabled_reason, failing_since,
    CASE WHEN previous_secret_expires_at > now() THEN previous_secret_expires_at END
        AS previous_secret_expires_at, created_at, updated_at"""


def _read(row: asyncpg.Record) -> WebhookEndpointRead:
    return WebhookEndpointRead(**{k: row[k] for k in WebhookEndpointRead.model_fields})


async def _create(work: Work, body: WebhookEndpointCreate) -> WebhookEndpointCreated:
    url = await _valid_url(body.url, work.env)
    endpoint_id = new_id("whe")
    shown, key = new_secret()
    row = await work.db.fetchrow(
        f"""INSERT INTO webhook_endpoints (id, organisation_id, url, event_types, enabled, secret)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING {_COLUMNS}""",
        endpoint_id,
        work.caller.organisation_id,
        url,
        sorted(set(body.event_types)),
        body.enabled,
        seal(key, endpoint_id, work.env.pepper),
    )
    return WebhookEndpointCreated(**_read(row).model_dump(), secret=shown)


create = Operation("webhook_endpoints.create", _create, WebhookEndpointCreated)


async def get(db: asyncpg.Connection, caller: Caller, endpoint_id: str) -> WebhookEndpointRead:
    """The caller's organisation's endpoint; any other is a 404."""
    row = await db.fetchrow(
        f"SELECT {_COLUMNS} FROM webhook_endpoints WHERE id = $1 AND organisation_id = $2",
        endpoint_id,
        caller.organisation_id,
    )
    if row is None:
        raise NotFound(f"no webhook endpoint {endpoint_id}")
    return _read(row)


async def list_for(
    db: asyncpg.Connection, caller: Caller, *, limit: int, after: str | None
) -> pagination.Page[WebhookEndpointRead]:
    """The organisation's endpoints, newest first."""
    rows = await db.fetch(
        f"""SELECT seq, {_COLUMNS} FROM webhook_endpoints
             WHERE organisation_id = $1 AND ($2::bigint IS NULL OR seq < $2)
             ORDER BY seq DESC LIMIT $3""",
        caller.organisation_id,
        pagination.decode(after),
        limit + 1,
    )
    return pagination.page(rows, limit, lambda r: r["seq"], _read)


async def _update(work: Work, body: WebhookEndpointChange) -> WebhookEndpointRead:
    """Only the fields sent change; enabling clears why it was disabled and the failing
    streak (delivery resumes where the endpoint's cursor stopped)."""
    change = body.update
    url = await _valid_url(change.url, work.env) if change.url is not None else None
    row = await work.db.fetchrow(
        f"""UPDATE webhook_endpoints
               SET url = coalesce($3, url),
                   event_types = coalesce($4, event_types),
                   enabled = coalesce($5, enabled),
                   disabled_reason = CASE WHEN $5 THEN NULL ELSE disabled_reason END,
                   failing_since = CASE WHEN $5 THEN NULL ELSE failing_since END,
                   updated_at = now()
             WHERE id = $1 AND organisation_id = $2
         RETURNING {_COLUMNS}""",
        body.endpoint_id,
        work.caller.organisation_id,
        url,
        sorted(set(change.event_types)) if change.event_types is not None else None,
        change.enabled,
    )
    if row is None:
        raise NotFound(f"no webhook endpoint {body.endpoint_id}")
    return _read(row)


update = Operation("webhook_endpoints.update", _update, WebhookEndpointRead, status=200)


async def _delete(work: Work, body: WebhookEndpointRef) -> None:
    """Its deliveries go with it (nothing more is sent to it)."""
    status = await work.db.execute(
        "DELETE FROM webhook_endpoints WHERE id = $1 AND organisation_id = $2",
        body.endpoint_id,
        work.caller.organisation_id,
    )
    if status == "DELETE 0":
        raise NotFound(f"no webhook endpoint {body.endpoint_id}")


delete = Operation("webhook_endpoints.delete", _delete, None, status=204)


async def _rotate(work: Work, body: WebhookSecretRotation) -> WebhookSecretRotated:
    """A new current secret; the old one signs too until the overlap ends (0: at once)."""
    shown, key = new_secret()
    row = await work.db.fetchrow(
        """UPDATE webhook_endpoints
              SET previous_secret = CASE WHEN $4 > 0 THEN secret END,
                  previous_secret_expires_at = CASE WHEN $4 > 0
                      THEN now() + $4 * interval '1 second' END,
                  secret = $3, updated_at = now()
            WHERE id = $1 AND organisation_id = $2
        RETURNING id, previous_secret_expires_at""",
        body.endpoint_id,
        work.caller.organisation_id,
        seal(key, body.endpoint_id, work.env.pepper),
        body.rotate.overlap_seconds,
    )
    if row is None:
        raise NotFound(f"no webhook endpoint {body.endpoint_id}")
    return WebhookSecretRotated(
        id=row["id"], secret=shown, previous_secret_expires_at=row["previous_secret_expires_at"]
    )


rotate = Operation("webhook_endpoints.rotate_secret", _rotate, WebhookSecretRotated, status=200)

# -------------------------------------------------------------------------- deliveries

_DELIVERY = """d.seq, d.id, d.webhook_id, d.event_seq, d.event_type, d.status, d.attempts,
    d.next_attempt_at, d.last_attempt_at, d.last_status_code, d.last_error, d.created_at"""


def _delivery(row: asyncpg.Record) -> WebhookDeliveryRead:
    return WebhookDeliveryRead(
        id=row["id"],
        webhook_id=row["webhook_id"],
        event_id=event_id(row["event_seq"]),
        event_type=row["event_type"],
        status=row["status"],
        attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"] if row["status"] == "pending" else None,
        last_attempt_at=row["last_attempt_at"],
        status_code=row["last_status_code"],
        error=row["last_error"],
        created_at=row["created_at"],
    )


async def deliveries(
    db: asyncpg.Connection,
    caller: Caller,
    endpoint_id: str,
    *,
    status: str | None,
    limit: int,
    after: str | None,
) -> pagination.Page[WebhookDeliveryRead]:
    """An endpoint's delivery log, newest first."""
    await get(db, caller, endpoint_id)
    rows = await db.fetch(
        f"""SELECT {_DELIVERY} FROM webhook_deliveries d
             WHERE d.endpoint_id = $1 AND ($2::text IS NULL OR d.status = $2)
               AND ($3::bigint IS NULL OR d.seq < $3)
             ORDER BY d.seq DESC LIMIT $4""",
        endpoint_id,
        status,
        pagination.decode(after),
        limit + 1,
    )
    return pagination.page(rows, limit, lambda r: r["seq"], _delivery)


async def _retry(work: Work, body: WebhookDeliveryRetry) -> WebhookDeliveryRead:
    """Send again now, with the same webhook-id, on a fresh retry schedule (a pending one is
    only brought forward)."""
    row = await work.db.fetchrow(
        f"""UPDATE webhook_deliveries d
               SET attempts = CASE WHEN d.status = 'pending' THEN d.attempts ELSE 0 END,
                   status = 'pending', next_attempt_at = now(), updated_at = now()
              FROM webhook_endpoints w
             WHERE d.id = $1 AND d.endpoint_id = $2 AND w.id = d.endpoint_id
               AND w.organisation_id = $3
         RETURNING {_DELIVERY}""",
        body.delivery_id,
        body.endpoint_id,
        work.caller.organisation_id,
    )
    if row is None:
        raise NotFound(f"no delivery {body.delivery_id} of webhook endpoint {body.endpoint_id}")
    return _delivery(row)


retry = Operation("webhook_deliveries.retry", _retry, WebhookDeliveryRead, status=202)

# ------------------------------------------------------------------- dispatcher's SQL

FAN_OUT = f"""
WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
ep AS (
    SELECT w.id, w.organisation_id, w.event_types, w.cursor_xid, w.cursor_seq
      FROM webhook_endpoints w WHERE w.enabled
       FOR UPDATE SKIP LOCKED
), picked AS (
    SELECT ep.id AS endpoint_id, a.xid, a.seq, a.type
      FROM ep CROSS JOIN LATERAL (
           SELECT * FROM ({
    events.ranges(
        "ep.organisation_id",
        "{s}.type = ANY (ep.event_types)",
        "(ep.cursor_xid, ep.cursor_seq)",
        "(SELECT xmin FROM horizon)",
        "$1",
    )
}) r ORDER BY xid, seq LIMIT $1) a
), inserted AS (
    INSERT INTO webhook_deliveries (id, endpoint_id, event_seq, event_xid, event_type, webhook_id)
    SELECT 'whd_' || substr(md5(gen_random_uuid()::text), 1, 20), endpoint_id, seq, xid, type,
           'msg_' || substr(md5(gen_random_uuid()::text), 1, 24)
      FROM picked
        ON CONFLICT (endpoint_id, event_seq) DO NOTHING
    RETURNING 1
), moved AS (
    UPDATE webhook_endpoints w SET cursor_xid = m.xid, cursor_seq = m.seq
      FROM (SELECT DISTINCT ON (endpoint_id) endpoint_id, xid, seq FROM picked
             ORDER BY endpoint_id, xid DESC, seq DESC) m
     WHERE w.id = m.endpoint_id
    RETURNING 1
)
SELECT (SELECT count(*) FROM inserted) AS inserted, (SELECT count(*) FROM moved) AS moved
"""

CLAIM = """
WITH due AS (
    SELECT d.id FROM webhook_deliveries d
     WHERE d.status = 'pending' AND d.next_attempt_at <= now()
       AND EXISTS (SELECT FROM webhook_endpoints w WHERE w.id = d.endpoint_id AND w.enabled)
     ORDER BY d.next_attempt_at
     LIMIT $1
       FOR UPDATE SKIP LOCKED
), claimed AS (
    UPDATE webhook_deliveries d
       SET attempts = d.attempts + 1, next_attempt_at = now() + $2::float8 * interval '1 second',
           last_attempt_at = now(), updated_at = now()
      FROM due WHERE d.id = due.id
    RETURNING d.id, d.webhook_id, d.attempts, d.event_seq, d.endpoint_id
)
SELECT c.id, c.webhook_id, c.attempts, c.event_seq, w.id AS endpoint_id, w.url, w.secret,
       CASE WHEN w.previous_secret_expires_at > now() THEN w.previous_secret END
           AS previous_secret,
       e.type, e.resource_id, e.created_at, e.data::text AS data
  FROM claimed c
  JOIN webhook_endpoints w ON w.id = c.endpoint_id
  JOIN events e ON e.seq = c.event_seq
"""

# One attempt's result, only if the delivery is still the one claimed (same attempt):
# after a lease ran out and another dispatcher took it, the older result is dropped.
# The endpoint's row is touched only when its health changes: a failure, or the first
# success after failures.
MARK = """
WITH d AS (
    UPDATE webhook_deliveries
       SET status = $3, next_attempt_at = coalesce(now() + $4::float8 * interval '1 second', now()),
           last_status_code = $5, last_error = $6, updated_at = now()
     WHERE id = $1 AND attempts = $2 AND status = 'pending'
    RETURNING endpoint_id
)
UPDATE webhook_endpoints w
   SET failing_since = CASE WHEN $7 THEN NULL ELSE coalesce(w.failing_since, now()) END,
       enabled = w.enabled AND NOT $8 AND NOT (NOT $7 AND coalesce(
           w.failing_since < now() - $9::float8 * interval '1 second', false)),
       disabled_reason = CASE
           WHEN $8 THEN 'the endpoint answered 410 Gone'
           WHEN NOT $7 AND w.failing_since < now() - $9::float8 * interval '1 second'
           THEN 'every delivery failed for more than ' || ($9 / 86400)::int::text || ' days (since '
                || to_char(w.failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ')'
           ELSE w.disabled_reason END,
       updated_at = now()
  FROM d
 WHERE w.id = d.endpoint_id AND (NOT $7 OR w.failing_since IS NOT NULL)
"""


# The common case, many at once: attempts that succeeded (each still at its claimed attempt),
# and the endpoints among theirs that were failing recover.
MARK_SUCCEEDED = """
WITH d AS (
    UPDATE webhook_deliveries d
       SET status = 'succeeded', last_status_code = s.code, last_error = NULL,
           updated_at = now()
      FROM unnest($1::text[], $2::int[], $3::int[]) AS s(id, attempts, code)
     WHERE d.id = s.id AND d.attempts = s.attempts AND d.status = 'pending'
    RETURNING d.endpoint_id
)
UPDATE webhook_endpoints w SET failing_since = NULL, updated_at = now()
 WHERE w.id IN (SELECT endpoint_id FROM d) AND w.failing_since IS NOT NULL
"""


@dataclass(frozen=True, slots=True)
class Claimed:
    """A delivery a dispatcher holds the lease of, with what it sends."""

    id: str
    webhook_id: str
    attempts: int
    endpoint_id: str
    url: str
    keys: list[bytes]
    body: bytes


def payload(row: asyncpg.Record) -> bytes:
    """The event exactly as `GET /v1/events/{id}` returns it; over 20 KB, its `data` is
    cut to the resource's id (fetch the whole event with that endpoint)."""
    created_at: datetime = row["created_at"]
    event = {
        "id": event_id(row["event_seq"]),
        "type": row["type"],
        "created_at": created_at,
        "data": json.loads(row["data"]),
    }
    body = EventRead(**event).model_dump_json().encode()
    if len(body) > MAX_PAYLOAD:
        event["data"] = {"id": row["resource_id"], "truncated": True}
        body = EventRead(**event).model_dump_json().encode()
    return body


async def fan_out(db: asyncpg.Connection, *, per_endpoint: int = 1000) -> int:
    """New events into deliveries, for every enabled endpoint no other dispatcher is
    fanning out: one statement (its own transaction), so the cursor moves with them."""
    row = await db.fetchrow(FAN_OUT, per_endpoint)
    return int(row["inserted"])


async def claim(
    db: asyncpg.Connection, env: Env, *, limit: int, lease_seconds: float
) -> list[Claimed]:
    """Lease up to `limit` due deliveries: due again only after `lease_seconds` (longer
    than a send may take), so no other dispatcher sends them meanwhile."""
    rows = await db.fetch(CLAIM, limit, lease_seconds)
    out = []
    for row in rows:
        keys = [unseal(row["secret"], row["endpoint_id"], env.pepper)]
        if row["previous_secret"] is not None:
            keys.append(unseal(row["previous_secret"], row["endpoint_id"], env.pepper))
        out.append(
            Claimed(
                id=row["id"],
                webhook_id=row["webhook_id"],
                attempts=row["attempts"],
                endpoint_id=row["endpoint_id"],
                url=row["url"],
                keys=keys,
                body=payload(row),
            )
        )
    return out


def next_delay(attempts: int, schedule: tuple[float, ...] = SCHEDULE) -> float | None:
    """Seconds until the next attempt after `attempts` failed ones (jittered), or None
    when the schedule is spent."""
    if attempts >= len(schedule):
        return None
    return schedule[attempts] * random.uniform(1 - JITTER, 1 + JITTER)


def succeeded(status_code: int | None) -> bool:
    return status_code is not None and 200 <= status_code < 300


async def mark_succeeded(db: asyncpg.Connection, done: list[tuple[Claimed, int]]) -> None:
    """Record successful attempts (with their 2xx status), in one statement."""
    if done:
        await db.execute(
            MARK_SUCCEEDED,
            [c.id for c, _ in done],
            [c.attempts for c, _ in done],
            [code for _, code in done],
        )


async def mark(
    db: asyncpg.Connection,
    claimed: Claimed,
    *,
    status_code: int | None,
    error: str | None,
    schedule: tuple[float, ...] = SCHEDULE,
    disable_after: timedelta = DISABLE_AFTER,
) -> str:
    """Record an attempt after it was made; the delivery's new status."""
    ok = succeeded(status_code)
    gone = status_code == 410
    delay = None if ok or gone else next_delay(claimed.attempts, schedule)
    status = "succeeded" if ok else ("pending" if delay is not None else "failed")
    await db.execute(
        MARK,
        claimed.id,
        claimed.attempts,
        status,
        delay,
        status_code,
        None if ok else (error or f"answered {status_code}")[:500],
        ok,
        gone,
        disable_after.total_seconds(),
    )
    return status
