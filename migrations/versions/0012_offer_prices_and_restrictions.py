"""An offer's price per child and its restrictions, and what a redemption bought.

- `listings.child_price` (hundredths; NULL: children pay the adult price `price`) and
  `listings.restrictions` (jsonb: days, min_age, max_per_member_per_week; NULL: none), for
  offers only.
- `redemptions.offer_id`, `adults`, `children`: the offer and party a redemption paid for
  (NULL for an amount), and an index to count a member's redemptions of an offer in a week.

Revision ID: 0012_offer_restrictions
Revises: 0011_redemption_codes
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0012_offer_restrictions"
down_revision: str | None = "0011_redemption_codes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
ALTER TABLE listings
    ADD COLUMN child_price bigint CHECK (child_price > 0),
    ADD COLUMN restrictions jsonb;
ALTER TABLE redemptions
    ADD COLUMN offer_id text REFERENCES listings (id),
    ADD COLUMN adults integer CHECK (adults >= 0),
    ADD COLUMN children integer CHECK (children >= 0);
CREATE INDEX redemptions_member_offer ON redemptions (member_id, offer_id, created_at)
    WHERE offer_id IS NOT NULL;
"""

DOWNGRADE = """
DROP INDEX redemptions_member_offer;
ALTER TABLE redemptions DROP COLUMN children, DROP COLUMN adults, DROP COLUMN offer_id;
ALTER TABLE listings DROP COLUMN restrictions, DROP COLUMN child_price;
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
