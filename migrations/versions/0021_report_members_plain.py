"""report_members' month sets stored unpacked, so a stats request reads them without copying.

A programme's stats over whole months test every member's three month sets
(`report_members`, 0016) against the period: 20,000 members, 60,000 range tests, on every
request. PostgreSQL stores a short varlena (under 127 bytes: these multiranges are 20 to 60
bytes) with a 1-byte header, and every function that reads one (the `&&` operator here)
first copies it into freshly allocated memory with a 4-byte header. With storage PLAIN a
column keeps the 4-byte header on disk and the operator reads it in place: measured on
bench/reports.py's data, the members' scan went from 5.3 to 3.3 ms per request
(docs/performance.md, "Programme statistics and outcomes").

PLAIN also means never compressed or moved out of line: a row must fit in a page (8 KB).
A multirange takes about 17 bytes a run of consecutive months, so a member would need some
150 separate runs of one kind (active every other month for 25 years) to come near it.

SET STORAGE applies to values formed afterwards with the table's own row description, which
an UPDATE does and an INSERT does not: an INSERT stores the row its query made, packed, and a
value copied unchanged into a new row version keeps its header. So existing rows are
rewritten with values computed afresh (`x + '{}'` is a new multirange equal to x), and a
BEFORE INSERT trigger does the same for every new row (the report_rollup trigger's upsert
of a member's first month in a programme, 0016's backfill, the imports' upserts, 0020):
its NEW is formed by PL/pgSQL with the table's description. It runs once per upsert into
report_members, i.e. when a member starts a kind in a month, not per transfer. Nothing
else changes: the figures, the report_rollup trigger and the backfill are 0016's.

Revision ID: 0021_report_members_plain
Revises: 0020_bulk_rollups
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0021_report_members_plain"
down_revision: str | None = "0020_bulk_rollups"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("earn_months", "spend_months", "gift_months")


def _storage(mode: str) -> str:
    return "ALTER TABLE report_members " + ", ".join(
        f"ALTER COLUMN {c} SET STORAGE {mode}" for c in COLUMNS
    )


UPGRADE = f"""
{_storage("PLAIN")};
UPDATE report_members SET {", ".join(f"{c} = {c} + '{{}}'::datemultirange" for c in COLUMNS)};
CREATE FUNCTION report_members_unpacked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.earn_months := NEW.earn_months + '{{}}'::datemultirange;
    NEW.spend_months := NEW.spend_months + '{{}}'::datemultirange;
    NEW.gift_months := NEW.gift_months + '{{}}'::datemultirange;
    RETURN NEW;
END $$;
CREATE TRIGGER report_members_unpacked BEFORE INSERT ON report_members
    FOR EACH ROW EXECUTE FUNCTION report_members_unpacked();
"""

DOWNGRADE = f"""
DROP TRIGGER report_members_unpacked ON report_members;
DROP FUNCTION report_members_unpacked();
{_storage("EXTENDED")};
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
