"""A member's card can pay at a venue's desk only with the member's PIN; failed card
look-ups are counted per API key.

- `members.pin_hash`: the PIN as an scrypt hash (app/services/pins.py), set by the home
  organisation; NULL until set. `pin_failures` counts wrong PINs since the last right one
  or unlock; `pin_locked_at` is set when they reach the limit, until the home organisation
  unlocks the card.
- `lookup_misses`: per API key and window, how many card numbers it asked for that belong
  to nobody. A key that guesses card numbers is refused once it passes the limit
  (app/services/guesses.py), whichever worker or instance it asks. Rows are small and
  old windows are pruned with idempotency keys.

Revision ID: 0009_card_pins
Revises: 0008_parents_never_deleted
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0009_card_pins"
down_revision: str | None = "0008_parents_never_deleted"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
ALTER TABLE members
    ADD COLUMN pin_hash text,
    ADD COLUMN pin_failures integer NOT NULL DEFAULT 0 CHECK (pin_failures >= 0),
    ADD COLUMN pin_locked_at timestamptz;
CREATE TABLE lookup_misses (
    api_key_id text NOT NULL,
    window_start timestamptz NOT NULL,
    misses integer NOT NULL,
    PRIMARY KEY (api_key_id, window_start)
);
"""

DOWNGRADE = """
DROP TABLE lookup_misses;
ALTER TABLE members DROP COLUMN pin_locked_at, DROP COLUMN pin_failures, DROP COLUMN pin_hash;
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
