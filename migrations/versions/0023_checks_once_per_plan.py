"""Cheaper postings, measured in PostgreSQL's instructions per earn (valgrind's callgrind on
the server; docs/performance.md): the kinds' CHECKs become domains, a transfer queues its
report effect in ledger_move's own statement instead of a statement trigger, and ledger_move
updates both accounts in one UPDATE.

- **Kinds as domains.** PostgreSQL parses a table's CHECK constraints again (stringToNode)
  for every statement that writes a row, so the 9-kind list on `transfers.kind` and the
  4-kind list on `accounts.kind` (each constant spelled out byte by byte in the stored
  expression) were parsed on every posting, the accounts' twice. A domain's constraint is
  parsed once per connection (the type cache) and checked only when a value is assigned
  to the column: `transfer_kind` on every insert, `account_kind` never on a balance's
  update. The allowed values are unchanged; the change rewrites both tables once.
- **ledger_move updates both accounts in one UPDATE** (0008's made two: each modifying node
  costs its set-up and a parse of the accounts' CHECK on every posting, about 10 % of
  PostgreSQL's instructions per earn). It still locks both accounts in id order first and
  moves nothing unless both exist and the debited one covers the amount. The lock and the
  check are a statement of their own, before the move: one UPDATE in the same statement as
  the lock would compute each row's new balance from the version its snapshot saw, before
  waiting for the newest, and the accounts' CHECK judges that first computation, so a move
  a concurrent credit had made affordable could fail the CHECK on the stale balance (a 500,
  nothing moved: measured with 8 writers between three accounts, 250 of 2,400 moves). A
  statement of its own gets a snapshot taken with both rows locked, so it only ever sees
  their newest versions. (0008's two UPDATEs never had this: its debit's condition skipped
  the stale row, and the re-check on the newest version decided.)
- **The report queue is filled by ledger_move** (and by the earnings import's one
  statement, app/services/imports.py) through `report_effects`, a SQL function PostgreSQL
  inlines into the plan: the statement trigger of 0022 with its transition table, its
  plpgsql call and its own executor cost about 15 % of a posting. The rule is 0022's, rule
  for rule: earn, spend, redemption (as a spend) and gift queue their effect, a reversal
  the transfer it reverses, taken back; every other kind nothing.

Revision ID: 0023_checks_once_per_plan
Revises: 0022_rollups_queued
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import earlier, run

revision: str = "0023_checks_once_per_plan"
down_revision: str | None = "0022_rollups_queued"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACCOUNT_KINDS = "'member','organisation','issuance','notes'"
TRANSFER_KINDS = (
    "'allocation','earn','spend','gift','reversal','redemption',"
    "'note_issue','note_redeem','note_void'"
)

# A counted transfer's effect on the rollups (rollups.py, stats.py _RAW): the queue row of
# the transfer `p_seq`. For a reversal, the transfer it reverses, taken back (-1), in that
# transfer's own month and day. LANGUAGE sql and one SELECT: inlined into the caller's plan.
REPORT_EFFECTS = """
CREATE FUNCTION report_effects(
    p_seq bigint, p_kind text, p_debit bigint, p_credit bigint, p_amount bigint,
    p_programme text, p_organisation text, p_reverses text, p_at timestamptz
) RETURNS TABLE (seq bigint, programme_id text, at timestamptz, kind text, member bigint,
                 side bigint, amount bigint, sign smallint)
LANGUAGE sql STABLE AS $$
    SELECT p_seq, e.programme_id, e.at,
           CASE e.kind WHEN 'redemption' THEN 'spend' ELSE e.kind END,
           CASE e.kind WHEN 'earn' THEN e.credit ELSE e.debit END,
           CASE e.kind WHEN 'earn' THEN e.debit
                       WHEN 'gift' THEN (SELECT coalesce(max(a.id), 0) FROM accounts a
                                          WHERE a.kind = 'organisation'
                                            AND a.owner_id = e.organisation)
                       ELSE e.credit END,
           e.amount, e.sign
      FROM (SELECT p_programme, p_at, p_kind, p_debit, p_credit, p_amount, p_organisation,
                   1::smallint
             WHERE p_kind IN ('earn', 'spend', 'redemption', 'gift')
            UNION ALL
            SELECT o.programme_id, o.created_at, o.kind, o.debit_account_id,
                   o.credit_account_id, o.amount, o.organisation_id, -1::smallint
              FROM transfers o
             WHERE p_kind = 'reversal' AND o.id = p_reverses
               AND o.kind IN ('earn', 'spend', 'redemption', 'gift')
           ) e (programme_id, at, kind, debit, credit, amount, organisation, sign)
$$;
"""

# Both accounts locked in id order (concurrent moves never deadlock) with the check that both
# exist and the debited one covers the amount (an issuance account always does); then, in a
# statement of its own, both balances moved in one UPDATE, the transfer inserted and its
# report effect queued.
LEDGER_MOVE = """
CREATE OR REPLACE FUNCTION ledger_move(
    p_id text, p_kind text, p_debit bigint, p_credit bigint, p_amount bigint,
    p_programme text, p_organisation text, p_api_key text, p_reverses text, p_metadata jsonb,
    p_created_at timestamptz DEFAULT now()
) RETURNS TABLE (created_at timestamptz, debit_balance bigint, credit_balance bigint)
LANGUAGE plpgsql ROWS 1 AS $$
DECLARE
    v_ok boolean;
BEGIN
    -- Both accounts locked in id order: whether both exist and the debited one covers the
    -- amount, read from the rows as locked (their newest versions).
    SELECT count(*) = 2 AND bool_or(l.id = p_debit AND l.covers) INTO v_ok
      FROM (SELECT a.id, a.kind = 'issuance' OR a.balance >= p_amount AS covers
              FROM accounts a WHERE a.id IN (p_debit, p_credit) ORDER BY a.id FOR UPDATE) l;
    IF NOT v_ok THEN
        RETURN;
    END IF;
    -- A statement of its own, so its snapshot is taken with both rows locked: it sees their
    -- newest versions, which nothing else can change now.
    RETURN QUERY
    WITH moved AS (
        UPDATE accounts a
           SET balance = a.balance + CASE WHEN a.id = p_debit THEN -p_amount ELSE p_amount END
         WHERE a.id IN (p_debit, p_credit)
        RETURNING a.id, a.balance
    ), inserted AS (
        INSERT INTO transfers AS t (id, kind, debit_account_id, credit_account_id, amount,
                                    programme_id, organisation_id, api_key_id, reverses_id,
                                    metadata, created_at)
        SELECT p_id, p_kind, p_debit, p_credit, p_amount, p_programme, p_organisation,
               p_api_key, p_reverses, p_metadata, p_created_at
         WHERE EXISTS (SELECT FROM moved)
        RETURNING t.created_at, t.seq
    ), queued AS (
        INSERT INTO report_pending (seq, programme_id, at, kind, member, side, amount, sign)
        SELECT e.* FROM inserted,
               report_effects(inserted.seq, p_kind, p_debit, p_credit, p_amount, p_programme,
                              p_organisation, p_reverses, inserted.created_at) e
    )
    SELECT inserted.created_at, d.balance, c.balance
      FROM inserted, moved d, moved c
     WHERE d.id = p_debit AND c.id = p_credit;
END $$;
"""

UPGRADE = f"""
CREATE DOMAIN account_kind AS text
    CONSTRAINT account_kind_check CHECK (VALUE IN ({ACCOUNT_KINDS}));
CREATE DOMAIN transfer_kind AS text
    CONSTRAINT transfer_kind_check CHECK (VALUE IN ({TRANSFER_KINDS}));
ALTER TABLE accounts DROP CONSTRAINT accounts_kind_check,
    ALTER COLUMN kind TYPE account_kind;
ALTER TABLE transfers DROP CONSTRAINT transfers_kind_check,
    ALTER COLUMN kind TYPE transfer_kind;
{REPORT_EFFECTS}
{LEDGER_MOVE}
DROP TRIGGER report_pending ON transfers;
DROP FUNCTION report_enqueue();
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    # 0022's trigger and function, as 0022 created them; 0008's ledger_move.
    queued = earlier("0022_rollups_queued").UPGRADE
    enqueue = queued[queued.index("CREATE FUNCTION report_enqueue()") :]
    enqueue = enqueue[: enqueue.index("END $$;") + len("END $$;")]
    trigger = queued[queued.index("CREATE TRIGGER report_pending") :]
    trigger = trigger[: trigger.index(";") + 1]
    run(
        f"""
{earlier("0008_parents_never_deleted").LEDGER_MOVE}
DROP FUNCTION report_effects(bigint, text, bigint, bigint, bigint, text, text, text,
                             timestamptz);
{enqueue}
{trigger}
ALTER TABLE transfers ALTER COLUMN kind TYPE text,
    ADD CONSTRAINT transfers_kind_check CHECK (kind IN ({TRANSFER_KINDS}));
ALTER TABLE accounts ALTER COLUMN kind TYPE text,
    ADD CONSTRAINT accounts_kind_check CHECK (kind IN ({ACCOUNT_KINDS}));
DROP DOMAIN transfer_kind;
DROP DOMAIN account_kind;
"""
    )
