"""Idempotency records no longer keep API key secrets.

Until now, the stored response of `POST /v1/api-keys` and `POST /v1/organisations` (sent with an
Idempotency-Key) held the new key's secret, and a replay showed it again: DESIGN.md §3 says a
secret is shown once and stored only as a hash. The service now stores those responses with
the secret null (app/models/common.py, ShownOnce); this clears it in records written before.
The records are JSON the service wrote; rewritten through jsonb, their keys may come back in
another order (a replay is the same JSON, not the same bytes).

Revision ID: 0005_scrub_key_secrets
Revises: 0004_weekday_names
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0005_scrub_key_secrets"
down_revision: str | None = "0004_weekday_names"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
UPDATE idempotency_keys k
   SET response_body = convert_to(
           CASE WHEN s.body ? 'secret' THEN jsonb_set(s.body, '{secret}', 'null')
                ELSE jsonb_set(s.body, '{api_key,secret}', 'null') END::text, 'UTF8')
  FROM (SELECT organisation_id, key, convert_from(response_body, 'UTF8')::jsonb AS body
          FROM idempotency_keys
         WHERE position('"secret"' IN convert_from(response_body, 'UTF8')) > 0) s
 WHERE k.organisation_id = s.organisation_id AND k.key = s.key
   AND (s.body ? 'secret' OR s.body -> 'api_key' ? 'secret');
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    """Nothing to undo: the secrets are gone, as they should be."""
