"""Report links: a programme's impact report page shared by URL with people who hold no API
key (a commissioner's board, a funder). The link's token is the capability, so it is made
like an API key secret (256 random bits, only its HMAC stored) and it expires; the
organisation that made it, or the operator, may revoke it sooner.

Who may make one is who may read the programme's figures (reporting.readable_programme:
its own organisations, its commissioner, the operator). The page shows what the link's
organisation may read, through the same reports (app/services/impact.py), so a link never
shows more than its maker could, and stops working if the maker leaves the programme.

Making and revoking a link are writes through the unit of work, each recording its event
(`report_link.created`, `report_link.revoked`) for the organisation that made it: who shared
a programme's figures, and when, is on its record. The event carries the link without its
URL: the token exists only in the one answer to the request that made it."""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from app.auth.caller import Caller
from app.ids import new_id
from app.models.report_links import (
    ReportLinkCreated,
    ReportLinkIssue,
    ReportLinkRead,
    ReportLinkRevocation,
)
from app.services.errors import NotFound
from app.services.reporting import readable_programme
from app.services.unit_of_work import Operation, Work

PATH = "/reports/"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
_COLUMNS = "id, programme_id, organisation_id, created_at, expires_at, revoked_at"

_INSERT = f"""
INSERT INTO report_links (id, programme_id, organisation_id, token_hash, expires_at)
VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
RETURNING {_COLUMNS}"""
# The creator's organisation or the operator; anyone else finds nothing (404).
# `was` is the row as it stood under the lock: a concurrent revocation waits, then sees
# it revoked, so only the first one records the event.
_REVOKE = """
WITH was AS (SELECT id, revoked_at FROM report_links
              WHERE id = $1 AND (organisation_id = $2 OR $3) FOR UPDATE)
UPDATE report_links l SET revoked_at = coalesce(l.revoked_at, now())
  FROM was WHERE l.id = was.id
RETURNING l.id, l.programme_id, l.organisation_id, l.created_at, l.expires_at, l.revoked_at,
          was.revoked_at IS NULL AS newly"""
_LIVE = """
SELECT l.programme_id, l.organisation_id, l.expires_at, o.roles
  FROM report_links l JOIN organisations o ON o.id = l.organisation_id
 WHERE l.token_hash = $1 AND l.revoked_at IS NULL AND l.expires_at > now()"""


def well_formed(token: str) -> bool:
    """Whether `token` could be a link's token at all (43 URL-safe characters)."""
    return bool(_TOKEN.fullmatch(token))


def digest(token: str, pepper: bytes) -> bytes:
    """What is stored of a token: HMAC-SHA256 under the key pepper (a high-entropy token
    needs no slow hash; the pepper keeps a leaked table from being checked offline)."""
    return hmac.new(pepper, b"report-link:" + token.encode(), hashlib.sha256).digest()


def _read(row: asyncpg.Record) -> ReportLinkRead:
    return ReportLinkRead(**{k: row[k] for k in ReportLinkRead.model_fields})


async def _create(work: Work, body: ReportLinkIssue) -> ReportLinkCreated:
    """A link to the programme's page, if the caller may read its figures (else 404)."""
    await readable_programme(work.db, work.caller, body.programme_id)
    token = secrets.token_urlsafe(32)
    row = await work.db.fetchrow(
        _INSERT,
        new_id("rpl"),
        body.programme_id,
        work.caller.organisation_id,
        digest(token, work.env.pepper),
        float(body.expires_in),
    )
    link = _read(row)
    work.record("report_link.created", link, resource_id=link.id, audience=(link.organisation_id,))
    url = f"{body.base_url.rstrip('/')}{PATH}{token}"
    return ReportLinkCreated(**link.model_dump(), url=url)


create = Operation("report_links.create", _create, ReportLinkCreated)


async def _revoke(work: Work, body: ReportLinkRevocation) -> None:
    """The page answers 404 from now on. Revoking twice is harmless (one event)."""
    caller = work.caller
    row = await work.db.fetchrow(_REVOKE, body.link_id, caller.organisation_id, caller.is_operator)
    if row is None:
        raise NotFound(f"no report link {body.link_id}")
    if row["newly"]:
        link = _read(row)
        work.record(
            "report_link.revoked", link, resource_id=link.id, audience=(link.organisation_id,)
        )


revoke = Operation("report_links.revoke", _revoke, None, status=204)


@dataclass(frozen=True, slots=True)
class LiveLink:
    """A live link: the programme it shows, who it reads as (its maker, reading reports),
    and until when."""

    programme_id: str
    reader: Caller
    expires_at: datetime


async def live(db: asyncpg.Connection, token: str, pepper: bytes) -> LiveLink | None:
    """The live link a token opens; None for a malformed, unknown, revoked or expired
    token, which all look the same to whoever holds it."""
    if not well_formed(token):
        return None
    row = await db.fetchrow(_LIVE, digest(token, pepper))
    if row is None:
        return None
    roles = frozenset(row["roles"])
    scopes = frozenset({"reports:read", *(("admin",) if "operator" in roles else ())})
    reader = Caller(row["organisation_id"], None, roles, scopes)
    return LiveLink(row["programme_id"], reader, row["expires_at"])
