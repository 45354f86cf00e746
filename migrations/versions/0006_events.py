"""Events: the transactional outbox every write records its change in (DESIGN.md §7).

`events` holds one row per change, written in the change's own transaction by the unit of
work (app/services/unit_of_work.py): its type, the id of the resource it is about, and `data`,
the resource exactly as REST returned it (`json`, not `jsonb`: the text is kept as written,
keys in the model's order). `xid` is the writing transaction's id: a feed reader shows only
events of transactions older than every one still running (pg_snapshot_xmin), in (xid, seq)
order, so an event that commits late is never passed over (app/services/events.py).

`event_audience` says who may see an event, one row per organisation, keyed so that one
organisation's page of one type is a single index range; pages over several types merge
those ranges.

Existing members and transfers get their events here, as of their creation (a transfer's
`reversed_by` null, `member_balance` null; a member's balance 0.00), so that every transfer
has exactly one event from now on (`timecredits check-ledger` checks it). Existing keys that
hold `keys:manage` get the new `events:read` scope, so each organisation can mint keys with it.

Revision ID: 0006_events
Revises: 0005_scrub_key_secrets
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0006_events"
down_revision: str | None = "0005_scrub_key_secrets"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = (
    """replace(to_char({0} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), """
    "'.000000Z', 'Z')"
)
_CREDITS = "to_char(({0}) / 100.0, 'FM999999999990.00')"

UPGRADE = f"""
CREATE TABLE events (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
    type        text NOT NULL CHECK (type ~ '^[a-z_]+\\.[a-z_]+$'),
    resource_id text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    data        json NOT NULL
);

CREATE TABLE event_audience (
    organisation_id text NOT NULL,
    type            text NOT NULL,
    xid             xid8 NOT NULL,
    seq             bigint NOT NULL,
    PRIMARY KEY (organisation_id, type, xid, seq)
);

CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only'
        USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_append_only();

-- Backfill: members, then transfers, in the order they were made.
INSERT INTO events (type, resource_id, created_at, data)
SELECT 'member.created', m.id, m.created_at, json_build_object(
           'id', m.id,
           'card_number', substr(m.card_number, 1, 4) || ' ' || substr(m.card_number, 5, 4)
                          || ' ' || substr(m.card_number, 9, 4),
           'display_name', m.display_name, 'external_ref', m.external_ref,
           'year_of_birth', m.year_of_birth, 'postcode_district', m.postcode_district,
           'consent_contact', m.consent_contact, 'consent_research', m.consent_research,
           'programme_id', m.programme_id, 'home_organisation_id', m.home_organisation_id,
           'balance', '0.00', 'created_at', {_TS.format("m.created_at")})
  FROM members m ORDER BY m.seq;

INSERT INTO events (type, resource_id, created_at, data)
SELECT CASE t.kind WHEN 'allocation' THEN 'allocation.created' WHEN 'earn' THEN 'earning.created'
                   WHEN 'spend' THEN 'spend.created' WHEN 'gift' THEN 'gift.created'
                   ELSE 'transaction.reversed' END,
       t.id, t.created_at, json_build_object(
           'id', t.id, 'kind', t.kind, 'credits', {_CREDITS.format("t.amount")},
           'from', json_build_object('type', CASE da.kind WHEN 'issuance' THEN 'programme'
                                                  ELSE da.kind END, 'id', da.owner_id),
           'to', json_build_object('type', CASE ca.kind WHEN 'issuance' THEN 'programme'
                                                ELSE ca.kind END, 'id', ca.owner_id),
           'member_balance', NULL, 'programme_id', t.programme_id,
           'organisation_id', t.organisation_id, 'created_at', {_TS.format("t.created_at")},
           'reverses', t.reverses_id, 'reversed_by', NULL, 'metadata', t.metadata)
  FROM transfers t
  JOIN accounts da ON da.id = t.debit_account_id
  JOIN accounts ca ON ca.id = t.credit_account_id
 ORDER BY t.seq;

-- Who sees them: a member's home organisation; a transfer's poster, the organisations on
-- either side, and the home organisations of the members on either side (for a reversal,
-- those of the transfer it reverses too, which are the same accounts).
INSERT INTO event_audience (organisation_id, type, xid, seq)
SELECT DISTINCT a.organisation_id, e.type, e.xid, e.seq
  FROM events e
  JOIN LATERAL (
       SELECT m.home_organisation_id AS organisation_id FROM members m
        WHERE e.type = 'member.created' AND m.id = e.resource_id
       UNION ALL
       SELECT unnest(ARRAY[t.organisation_id,
                           CASE da.kind WHEN 'organisation' THEN da.owner_id END,
                           CASE ca.kind WHEN 'organisation' THEN ca.owner_id END,
                           dm.home_organisation_id, cm.home_organisation_id])
         FROM transfers t
         JOIN accounts da ON da.id = t.debit_account_id
         JOIN accounts ca ON ca.id = t.credit_account_id
         LEFT JOIN members dm ON dm.account_id = t.debit_account_id
         LEFT JOIN members cm ON cm.account_id = t.credit_account_id
        WHERE e.type <> 'member.created' AND t.id = e.resource_id
  ) a ON a.organisation_id IS NOT NULL;

UPDATE api_keys SET scopes = array(SELECT s FROM unnest(scopes || 'events:read'::text) s
                                    ORDER BY s COLLATE "C")
 WHERE 'keys:manage' = ANY (scopes) AND NOT 'events:read' = ANY (scopes);
"""

DOWNGRADE = """
UPDATE api_keys SET scopes = array_remove(scopes, 'events:read');
DROP TABLE event_audience;
DROP TABLE events;
DROP FUNCTION events_append_only;
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
