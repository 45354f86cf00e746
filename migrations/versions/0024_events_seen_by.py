"""An event's first two organisations on its own row: `events.seen_by` and
`events.also_seen_by`; `event_audience` keeps only a third and later ones (a gift between
members of two other organisations, say).

Nearly every event is seen by one or two organisations (the poster, and the member's home
when another), and the row of event_audience each cost the write a modifying node, a heap
tuple and an index entry: for the earning, 8 % of PostgreSQL's instructions (valgrind's
callgrind on the server, docs/performance.md). Each column has its index (organisation,
type, xid, seq), as event_audience's key is, so a feed page is still a few index ranges
merged (app/services/events.py), whatever the number of events. The existing audiences
move: each event's two first organisations in id order to its row, the rest stay.

Revision ID: 0024_events_seen_by
Revises: 0023_checks_once_per_plan
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0024_events_seen_by"
down_revision: str | None = "0023_checks_once_per_plan"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
ALTER TABLE events ADD COLUMN seen_by text, ADD COLUMN also_seen_by text;
ALTER TABLE events DISABLE TRIGGER events_append_only;
WITH firsts AS (
    SELECT seq, (array_agg(organisation_id ORDER BY organisation_id))[1:2] AS orgs
      FROM event_audience GROUP BY seq
)
UPDATE events e SET seen_by = f.orgs[1], also_seen_by = f.orgs[2]
  FROM firsts f WHERE f.seq = e.seq;
ALTER TABLE events ENABLE TRIGGER events_append_only;
DELETE FROM event_audience a USING events e
 WHERE a.seq = e.seq AND a.organisation_id IN (e.seen_by, e.also_seen_by);
CREATE INDEX events_seen_by ON events (seen_by, type, xid, seq);
CREATE INDEX events_also_seen_by ON events (also_seen_by, type, xid, seq)
    WHERE also_seen_by IS NOT NULL;
"""

DOWNGRADE = """
INSERT INTO event_audience (organisation_id, type, xid, seq)
SELECT seen_by, type, xid, seq FROM events WHERE seen_by IS NOT NULL
UNION ALL
SELECT also_seen_by, type, xid, seq FROM events WHERE also_seen_by IS NOT NULL;
ALTER TABLE events DROP COLUMN seen_by, DROP COLUMN also_seen_by;
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
