"""Report rollups, kept transactionally, so a year's stats read fast (issue 15).

Revision ID: 0016_report_rollups
Revises: 0015_surveys
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0016_report_rollups"
down_revision: str | None = "0015_surveys"
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
