"""Social-prescribing referrals (issue 15).

Revision ID: 0014_referrals
Revises: 0013_notes
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0014_referrals"
down_revision: str | None = "0013_notes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
"""

DOWNGRADE = """
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
