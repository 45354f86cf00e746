"""Bulk imports keep the report rollups set-based (issue 17, CSV imports).

The report_rollup trigger (0016) runs once per transfer and upserts the rows of the
transfer's programme, month, day and side account. An import of 10,000 earnings inserts
them in one statement, all of one month, one day and one side (the importer's account), so
the trigger updated the same two rows 10,000 times in one transaction: each update leaves
a row version the next one walks past, and those two upserts took most of the import's
time (docs/performance.md, "Bulk CSV imports"). So the trigger is skipped while a
transaction has set `timecredits.rollup` to `deferred` (a transaction-local setting only
the import sets, around its own INSERT), and the import adds the same figures itself, once
per row of each rollup (app/services/imports.py; tests/imports/test_equivalence.py checks
the tables equal what the trigger writes for the same earnings one by one). Every other
insert runs the trigger as before; the setting is read in the trigger's WHEN, so the
function itself is unchanged.

Revision ID: 0020_bulk_rollups
Revises: 0019_rate_limits
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0020_bulk_rollups"
down_revision: str | None = "0019_rate_limits"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "ARRAY['earn', 'spend', 'redemption', 'gift', 'reversal']"

UPGRADE = f"""
DROP TRIGGER report_rollup ON transfers;
CREATE TRIGGER report_rollup AFTER INSERT ON transfers
    FOR EACH ROW WHEN (NEW.kind = ANY ({KINDS})
                       AND coalesce(current_setting('timecredits.rollup', true), '')
                           <> 'deferred')
    EXECUTE FUNCTION report_rollup();
"""

DOWNGRADE = f"""
DROP TRIGGER report_rollup ON transfers;
CREATE TRIGGER report_rollup AFTER INSERT ON transfers
    FOR EACH ROW WHEN (NEW.kind = ANY ({KINDS}))
    EXECUTE FUNCTION report_rollup();
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
