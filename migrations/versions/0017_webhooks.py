"""Webhooks: endpoints partners register, and the deliveries of events to them (issue 16).

`webhook_endpoints` holds an organisation's receivers: the URL, the event types wanted,
whether enabled (and why not, when the dispatcher disabled it), and the signing secrets,
encrypted with a key derived from the key pepper (app/services/webhooks.py): the current
one, and during a rotation's overlap the previous one and when it stops signing. A
secret is shown once, when made, and never returned again.

`cursor_xid`/`cursor_seq` is the endpoint's place in the outbox, in the feed's order
(xid, seq) (app/services/events.py): the dispatcher's fan-out step turns the endpoint's
organisation's events after it and before the horizon (pg_snapshot_xmin) into
deliveries and moves it on, in one statement, so an event whose transaction commits late
is never passed over. A new endpoint starts at its creating transaction's id: events of
transactions that begin after it (not the horizon: a transaction left open elsewhere would
make it deliver events committed long before the endpoint was made).

`webhook_deliveries` is one event to one endpoint: its `webhook_id` (the Standard Webhooks
`webhook-id`, the same on every attempt), status, attempts, when next due (also the lease
a dispatcher holds while sending: FOR UPDATE SKIP LOCKED claims, app/services/dispatcher.py)
and the last answer. Deleting an endpoint deletes its deliveries.

Revision ID: 0017_webhooks
Revises: 0016_report_rollups
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0017_webhooks"
down_revision: str | None = "0016_report_rollups"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
CREATE TABLE webhook_endpoints (
    id                         text PRIMARY KEY,
    seq                        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    organisation_id            text NOT NULL REFERENCES organisations (id),
    url                        text NOT NULL,
    event_types                text[] NOT NULL,
    enabled                    boolean NOT NULL DEFAULT true,
    secret                     bytea NOT NULL,
    previous_secret            bytea,
    previous_secret_expires_at timestamptz,
    disabled_reason            text,
    failing_since              timestamptz,
    cursor_xid                 xid8 NOT NULL DEFAULT pg_current_xact_id(),
    cursor_seq                 bigint NOT NULL DEFAULT 0,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_organisation ON webhook_endpoints (organisation_id, seq);

CREATE TABLE webhook_deliveries (
    id               text PRIMARY KEY,
    seq              bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    endpoint_id      text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_seq        bigint NOT NULL,
    event_xid        xid8 NOT NULL,
    event_type       text NOT NULL,
    webhook_id       text NOT NULL UNIQUE,
    status           text NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (endpoint_id, event_seq)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, seq);
"""

DOWNGRADE = """
DROP TABLE webhook_deliveries;
DROP TABLE webhook_endpoints;
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
