"""Printed Time Credit notes (issue 14): bearer notes an earn partner prints from its credits.

- `accounts.kind` gains `notes`: one per programme (owner_id the programme's id), made on
  first use; its balance is the value of the programme's notes in circulation, never below
  zero (`accounts_balance_sign` already says so of every kind but `issuance`).
- `note_batches`: one issue, one `note_issue` transfer (organisation → notes account).
- `notes`: each note of a batch: its serial (11 digits, the last a Luhn check digit), its
  signed token (kept for the printable sheet), and how it left circulation, once: redeemed
  (`note_redeem`, notes account → venue or member) or voided (`note_void`, back to the
  issuer), never both; each transfer names one note at most (UNIQUE).
- `transfers.kind` gains `note_issue`, `note_redeem`, `note_void`.

The downgrade refuses (a CHECK violation) once notes transfers or accounts exist.

Revision ID: 0013_notes
Revises: 0012_offer_restrictions
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0013_notes"
down_revision: str | None = "0012_offer_restrictions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
ALTER TABLE accounts DROP CONSTRAINT accounts_kind_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_kind_check
    CHECK (kind IN ('member','organisation','issuance','notes'));
ALTER TABLE transfers DROP CONSTRAINT transfers_kind_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_kind_check
    CHECK (kind IN ('allocation','earn','spend','gift','reversal','redemption',
                    'note_issue','note_redeem','note_void'));
CREATE TABLE note_batches (
    id text PRIMARY KEY,
    organisation_id text NOT NULL REFERENCES organisations (id),
    programme_id text NOT NULL REFERENCES programmes (id),
    count integer NOT NULL CHECK (count BETWEEN 1 AND 500),
    denomination bigint NOT NULL CHECK (denomination > 0),
    expires_on date,
    transfer_id text NOT NULL UNIQUE REFERENCES transfers (id),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX note_batches_programme ON note_batches (programme_id);
CREATE TABLE notes (
    id text PRIMARY KEY,
    batch_id text NOT NULL REFERENCES note_batches (id),
    serial text NOT NULL UNIQUE CHECK (serial ~ '^[0-9]{11}$'),
    token text NOT NULL,
    denomination bigint NOT NULL CHECK (denomination > 0),
    expires_on date,
    redeemed_at timestamptz,
    redeemed_by text,
    redeemed_transfer_id text UNIQUE REFERENCES transfers (id),
    voided_at timestamptz,
    voided_transfer_id text UNIQUE REFERENCES transfers (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notes_redeemed CHECK (
        (redeemed_at IS NULL) = (redeemed_transfer_id IS NULL)
        AND (redeemed_at IS NULL) = (redeemed_by IS NULL)
    ),
    CONSTRAINT notes_voided CHECK ((voided_at IS NULL) = (voided_transfer_id IS NULL)),
    CONSTRAINT notes_redeemed_or_voided CHECK (redeemed_at IS NULL OR voided_at IS NULL)
);
CREATE INDEX notes_batch ON notes (batch_id);
"""

DOWNGRADE = """
DROP TABLE notes;
DROP TABLE note_batches;
ALTER TABLE transfers DROP CONSTRAINT transfers_kind_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_kind_check
    CHECK (kind IN ('allocation','earn','spend','gift','reversal','redemption'));
ALTER TABLE accounts DROP CONSTRAINT accounts_kind_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_kind_check
    CHECK (kind IN ('member','organisation','issuance'));
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
