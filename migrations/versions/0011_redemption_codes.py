"""Single-use redemption codes, and the redemptions a venue makes with them (DESIGN §3: a
venue debits a member only by redeeming an authorisation the member holds).

- `redemption_codes`: what a member's home organisation issues for them; the code itself is
  stored only as an HMAC (`code_hash`, keyed with the service's key pepper), looked up by
  it; `used_at` is set once, by the redemption that used it.
- `redemptions`: the venue's record of each; `code_id` is unique, so a code pays at most
  once whatever races (the redemption also locks the code's row first).
- `transfers.kind` gains `redemption` (member → venue).

Revision ID: 0011_redemption_codes
Revises: 0010_signing_keys
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0011_redemption_codes"
down_revision: str | None = "0010_signing_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
CREATE TABLE redemption_codes (
    id text PRIMARY KEY,
    member_id text NOT NULL REFERENCES members (id),
    organisation_id text NOT NULL REFERENCES organisations (id),
    code_hash bytea NOT NULL UNIQUE,
    max_credits bigint CHECK (max_credits > 0),
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE redemptions (
    id text PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    organisation_id text NOT NULL REFERENCES organisations (id),
    member_id text NOT NULL REFERENCES members (id),
    code_id text UNIQUE REFERENCES redemption_codes (id),
    transfer_id text NOT NULL UNIQUE REFERENCES transfers (id),
    credits bigint NOT NULL CHECK (credits > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX redemptions_organisation ON redemptions (organisation_id, seq);
ALTER TABLE transfers DROP CONSTRAINT transfers_kind_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_kind_check
    CHECK (kind IN ('allocation','earn','spend','gift','reversal','redemption'));
"""

DOWNGRADE = """
DROP TABLE redemptions;
DROP TABLE redemption_codes;
ALTER TABLE transfers DROP CONSTRAINT transfers_kind_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_kind_check
    CHECK (kind IN ('allocation','earn','spend','gift','reversal'));
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
