"""Report links: a programme's impact report page shared by an unguessable, expiring URL."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.models.common import Input, ShownOnce

# How long a link lives unless asked otherwise, and the bounds of `expires_in`.
DEFAULT_EXPIRES_IN = 30 * 24 * 3600  # 30 days
MIN_EXPIRES_IN = 60
MAX_EXPIRES_IN = 366 * 24 * 3600  # a year (and a leap day): a report's usual life

_LINK_EXAMPLE = {
    "id": "rpl_3k8d2m7q1w9x4c6v",
    "programme_id": "prg_1x2y3z4w5v6u7t8s",
    "organisation_id": "org_5n4b3v2c1x0z9l8k",
    "created_at": "2026-12-06T09:00:00Z",
    "expires_at": "2027-01-05T09:00:00Z",
    "revoked_at": None,
}


class ReportLinkCreate(Input):
    model_config = ConfigDict(json_schema_extra={"examples": [{"expires_in": 604800}]})
    expires_in: int | None = Field(
        default=None,
        ge=MIN_EXPIRES_IN,
        le=MAX_EXPIRES_IN,
        description=f"Seconds the link works for (default {DEFAULT_EXPIRES_IN}: 30 days; "
        f"at least {MIN_EXPIRES_IN}, at most {MAX_EXPIRES_IN}: a year).",
    )


class ReportLinkIssue(BaseModel):
    """The create operation's input: which programme (the path's id), for how long, and the
    base URL the page is served under (the service's public URL)."""

    programme_id: str
    expires_in: int = DEFAULT_EXPIRES_IN
    base_url: str


class ReportLinkRevocation(BaseModel):
    link_id: str


class ReportLinkRead(BaseModel):
    """A link as its events carry it: never its token."""

    model_config = ConfigDict(json_schema_extra={"examples": [_LINK_EXAMPLE]})
    id: str
    programme_id: str
    organisation_id: str = Field(description="The organisation that made the link.")
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


class ReportLinkCreated(ReportLinkRead):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {**_LINK_EXAMPLE, "url": "https://api.timecredits.example/reports/" + "q" * 43}
            ]
        }
    )
    url: ShownOnce = Field(
        description="The page's address, its token the only credential: shown once, now "
        "(only a hash of the token is stored). `null` in an Idempotency-Key replay: if it was "
        "lost, revoke the link and make another."
    )
