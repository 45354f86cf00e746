"""Outcome surveys: templates and responses (issue 15).

Revision ID: 0015_surveys
Revises: 0014_referrals
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0015_surveys"
down_revision: str | None = "0014_referrals"
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
