"""Fewer index writes per transfer and per idempotency key (the earning's hot path).

- `transfers.reverses_id` stays unique (a transfer is reversed at most once) through a
  partial index: only reversals have one, so other transfers no longer add a NULL entry.
- `transfers.seq` loses its unique index: an identity column is unique by construction, and
  pages (app/services/transfers.py) join back on the primary key instead.
- `idempotency_keys.created_at` is read only by pruning, which needs no order: a BRIN
  index (rows arrive in time order) costs next to nothing to keep, where a b-tree took an
  entry per key.

Revision ID: 0007_leaner_writes
Revises: 0006_events
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0007_leaner_writes"
down_revision: str | None = "0006_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
CREATE UNIQUE INDEX transfers_reverses ON transfers (reverses_id) WHERE reverses_id IS NOT NULL;
ALTER TABLE transfers DROP CONSTRAINT transfers_reverses_id_key;
ALTER TABLE transfers DROP CONSTRAINT transfers_seq_key;
DROP INDEX idempotency_keys_created;
CREATE INDEX idempotency_keys_created ON idempotency_keys USING brin (created_at);
"""

DOWNGRADE = """
DROP INDEX idempotency_keys_created;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
ALTER TABLE transfers ADD CONSTRAINT transfers_seq_key UNIQUE (seq);
ALTER TABLE transfers ADD CONSTRAINT transfers_reverses_id_key UNIQUE (reverses_id);
DROP INDEX transfers_reverses;
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
