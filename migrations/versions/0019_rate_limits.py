"""Per-key rate limits: the budget each API key has leased in each minute, per kind.

`rate_limit_leases` holds one row per API key, kind (`reads` or `writes`) and fixed
one-minute window: `used` counts the requests every worker and instance has leased from that
window's budget (app/services/rate_limits.py). A process leases a slice of the budget at a
time (`INSERT … ON CONFLICT DO UPDATE SET used = used + slice RETURNING used`) and spends it
in memory, so a request costs no statement of its own.

UNLOGGED: these counters are worth nothing after a crash (the window they count ends within
a minute), so they are not written to the WAL; a crash or a failover empties the table,
which at worst gives every key a fresh budget once. No foreign key: an earn must never lock
its key's row for a counter, and rows are pruned a few minutes after their window ends
(app/services/retention.py).

Revision ID: 0019_rate_limits
Revises: 0018_report_links
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0019_rate_limits"
down_revision: str | None = "0018_report_links"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
CREATE UNLOGGED TABLE rate_limit_leases (
    api_key_id text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('reads', 'writes')),
    window_start timestamptz NOT NULL,
    used integer NOT NULL CHECK (used >= 0),
    PRIMARY KEY (api_key_id, kind, window_start)
);
"""

DOWNGRADE = """
DROP TABLE rate_limit_leases;
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
