"""API keys: request and response schemas."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.auth.scopes import ALL_SCOPES
from app.models.common import Input, Name, ShownOnce

_KEY_EXAMPLE = {
    "id": "key_0a1b2c3d4e5f6g7h",
    "name": "Housing CRM integration",
    "prefix": "tc_live_Xr4k",
    "scopes": ["members:read", "members:write", "earn:write"],
    "created_at": "2026-11-23T09:00:00Z",
    "last_used_at": None,
    "revoked_at": None,
}


class ApiKeyCreate(Input):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"name": "Housing CRM integration", "scopes": ["members:read", "earn:write"]}
            ]
        }
    )
    name: Name
    scopes: list[str] = Field(
        min_length=1, max_length=len(ALL_SCOPES), description=f"Any of: {', '.join(ALL_SCOPES)}"
    )


class ApiKeyRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_KEY_EXAMPLE]})
    id: str
    name: str
    prefix: str = Field(description="The secret's first characters, to tell keys apart.")
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime | None = Field(description="Accurate to about a minute.")
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyRead):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{**_KEY_EXAMPLE, "secret": "tc_live_Xr4k" + "q" * 39}]}
    )
    secret: ShownOnce = Field(
        description="Shown once, now: store it like a password. `null` when this response is "
        "an Idempotency-Key replay: a replay never shows the secret again (if it was lost, "
        "revoke the key and create a new one)."
    )


class ApiKeyIssue(BaseModel):
    """`timecredits issue-key`: a key for an organisation, minted by the operator."""

    organisation_id: str
    name: str
    scopes: list[str] | None = None


class ApiKeyRevocation(BaseModel):
    key_id: str
