"""Configuration from environment variables (documented in README.md, "Settings")."""

from datetime import timedelta
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.services.clock import DEFAULT_TIME_ZONE, Clock
from app.services.unit_of_work import Env

DEV_PEPPER = "dev-only-pepper-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TIMECREDITS_", extra="ignore")

    env: Literal["development", "production", "test"] = "development"
    # None means: start an embedded PostgreSQL in data_dir.
    # A plain string: unix-socket URLs (postgresql://u@/db?host=/run/pg) have no host part,
    # which pydantic's PostgresDsn refuses.
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "TIMECREDITS_DATABASE_URL")
    )
    data_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_data_dir("timecredits")) / "postgres"
    )
    # HMAC key for API-key hashes: a leaked database alone cannot be used to forge keys.
    key_pepper: SecretStr = SecretStr(DEV_PEPPER)
    migrate_on_start: bool = True
    db_pool_min: int = Field(default=2, ge=1)
    db_pool_max: int = Field(default=4, ge=1)
    # Idempotency keys are kept at least 24 h (DESIGN §4), then forgotten in the background.
    idempotency_retention_hours: int = Field(default=48, ge=24)
    # Finished webhook deliveries (succeeded or failed) are kept this long, then forgotten.
    webhook_delivery_retention_days: int = Field(default=30, ge=1)
    log_level: str = "INFO"
    log_format: Literal["console", "json"] = "console"
    # One line per request on standard output (app/api/request_log.py); unset: on, except
    # when env is test.
    request_log: bool | None = None
    max_body_bytes: int = 1_000_000
    # Absolute URLs in the public Open Referral feed start with this (scheme, host, any path
    # prefix the proxy adds); unset: the URL the request arrived on.
    public_base_url: str | None = Field(
        default=None, pattern=r"^https?://[^\s/?#]+(/[^\s?#]*)?$", max_length=200
    )
    # Open Referral feed requests a minute per client IP (and the burst allowed); 0: no limit.
    openreferral_rate_limit: int = Field(default=300, ge=0)
    # Per API key, requests a minute (fixed windows, shared by every worker and instance
    # through PostgreSQL: app/services/rate_limits.py): reads are GET/HEAD and GraphQL
    # queries, writes everything else. A till earns a few times a minute and a nightly sync
    # job pages through members at a few hundred requests a minute: 1,200 and 600 leave
    # either room for bursts and stop only a runaway loop. 0: no limit of that kind.
    rate_limit_reads_per_minute: int = Field(default=1200, ge=0, le=1_000_000_000)
    rate_limit_writes_per_minute: int = Field(default=600, ge=0, le=1_000_000_000)
    # The network's IANA time zone: "today" for given_on (its default, and "not in the
    # future") is the date there, not in UTC (app/services/clock.py).
    time_zone: str = Field(default=DEFAULT_TIME_ZONE, max_length=100)
    # How long the organisation that posted a transfer may reverse it on its own; after
    # that only the side that received it (or the operator) may (DESIGN §3).
    reversal_window_seconds: int = Field(default=86400, ge=0)
    # Reports (stats, outcomes, referral statistics) suppress any figure computed from
    # fewer people than this: null and named as suppressed, never a number.
    min_cell: int = Field(default=10, ge=1)
    # Free-text notes on referrals: special-category health data, so off by default; when
    # on, stored encrypted with a key derived from the key pepper (app/services/referrals.py).
    referral_notes: bool = False
    # Data rows one CSV import (POST /v1/imports/*) may hold; the body is capped by
    # max_body_bytes too (1 MB: about 20,000 earnings rows).
    import_max_rows: int = Field(default=20_000, ge=1)
    # GraphQL at /graphql (app/graphql/): introspection stays on (dashboards rely on it);
    # a query deeper, with more aliases (fragments included) or more tokens than these is
    # refused before it runs. GraphiQL is served only when env is development.
    graphql_introspection: bool = True
    graphql_max_depth: int = Field(default=15, ge=1)
    graphql_max_aliases: int = Field(default=50, ge=0)
    graphql_max_tokens: int = Field(default=10_000, ge=1)
    # Webhooks (app/services/webhooks.py, dispatcher.py): a development setting letting
    # endpoints target loopback, private and link-local addresses, and plain http (SSRF:
    # off by default); and whether this process runs the dispatcher (several processes
    # may: deliveries are claimed with FOR UPDATE SKIP LOCKED). The test environment
    # steps the dispatcher by hand, never in the background.
    webhooks_allow_private: bool = False
    webhooks_dispatch: bool = True

    @field_validator("database_url")
    @classmethod
    def _postgres_only(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith(("postgresql://", "postgres://", "postgresql+")):
            raise ValueError("DATABASE_URL must be a postgresql:// URL")
        return v or None

    @field_validator("time_zone")
    @classmethod
    def _known_time_zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is a directory
            raise ValueError(
                "TIMECREDITS_TIME_ZONE must be an IANA time zone name, such as Europe/London"
            ) from None
        return v

    @model_validator(mode="after")
    def _no_placeholder_secrets_in_production(self) -> "Settings":
        if self.env == "production" and self.key_pepper.get_secret_value() == DEV_PEPPER:
            raise ValueError("TIMECREDITS_KEY_PEPPER must be set to a secret value in production")
        return self

    @property
    def database_url_str(self) -> str | None:
        return self.database_url

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @cached_property
    def service_env(self) -> Env:
        """What the services need of these settings (app/services/unit_of_work.py)."""
        return Env(
            clock=Clock(self.zone),
            pepper=self.key_pepper.get_secret_value().encode(),
            reversal_window=timedelta(seconds=self.reversal_window_seconds),
            min_cell=self.min_cell,
            referral_notes=self.referral_notes,
            webhooks_allow_private=self.webhooks_allow_private,
        )


@lru_cache
def get_settings() -> Settings:
    return Settings()
