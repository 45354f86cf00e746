"""Weekdays by their full names (`monday` … `sunday`), as DESIGN.md's `open_on` has them,
in stored schedules and opening hours; and a listing always has a category (its main
one is the first of `categories`; listings made before this had theirs stored A-Z, so their
first, alphabetically, becomes the main one).

The `open_days` search column follows by itself: the directory trigger derives it from
the schedule on the UPDATE. `updated_at` moves, so partners syncing with `updated_since`
fetch the new spelling.

Revision ID: 0004_weekday_names
Revises: 0003_search_indexes
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0004_weekday_names"
down_revision: str | None = "0003_search_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _rename(table: str, column: str, pairs: list[tuple[str, str]]) -> str:
    """Rewrite each slot's `day` through `pairs` (old, new), keeping the slots' order and
    any day already written the new way."""
    values = ", ".join(f"('{old}', '{new}')" for old, new in pairs)
    return f"""
UPDATE {table} t
   SET {column} = (SELECT jsonb_agg(jsonb_set(e.slot, '{{day}}',
                                              to_jsonb(coalesce(m.new, e.slot->>'day')))
                                    ORDER BY e.n)
                     FROM jsonb_array_elements(t.{column}) WITH ORDINALITY e(slot, n)
                     LEFT JOIN (VALUES {values}) m(old, new) ON m.old = e.slot->>'day'),
       updated_at = now()
 WHERE t.{column} <> '[]';"""


def _all(pairs: list[tuple[str, str]]) -> str:
    return _rename("organisations", "opening_hours", pairs) + _rename("listings", "schedule", pairs)


SHORT_TO_FULL = [(day[:3], day) for day in DAYS]


def upgrade() -> None:
    run(
        _all(SHORT_TO_FULL)
        + """
ALTER TABLE listings ADD CONSTRAINT listings_category CHECK (cardinality(categories) > 0);"""
    )


def downgrade() -> None:
    run(
        "ALTER TABLE listings DROP CONSTRAINT listings_category;"
        + _all([(new, old) for old, new in SHORT_TO_FULL])
    )
