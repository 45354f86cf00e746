"""The report rollups are kept from a queue, in batches, instead of once per transfer.

Migration 0016's report_rollup trigger kept the stats rollups in every posting's own
transaction: three or four upserts per transfer, two of them on rows every earning of an
organisation shares (its month's and its day's sums), which concurrent earnings of that
organisation updated one after the other. Measured on the earn benchmark it cost PostgreSQL
about 0.27 ms of the earning's 0.8 (docs/performance.md), the largest single part.

Now a transfer only queues its effect: a statement-level trigger inserts each counted
transfer's (earn, spend, redemption, gift; for a reversal, the transfer it reverses, taken
back) into `report_pending`, in the posting's transaction, so the queue row exists exactly
when the transfer does (a rolled back posting leaves neither), and rolling it never reads
the transfers. `app/services/rollups.py` rolls the queue into the same tables in
set-based batches (one statement per batch, one upsert per rollup row rather than per
transfer): each worker every second, and every stats read first, so a read counts every
transfer committed before it began. A batch takes the oldest queued transfers (by seq), so a
reversal is never rolled before the transfer it reverses. The figures are 0016's, rule for
rule; `timecredits check-ledger` compares the rollups with the transfers not still queued.

The import's own rollup upserts (0020's `timecredits.rollup = deferred`) are gone with the
per-transfer trigger: an import's transfers queue like any others.

Revision ID: 0022_rollups_queued
Revises: 0021_report_members_plain
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import earlier, run

revision: str = "0022_rollups_queued"
down_revision: str | None = "0021_report_members_plain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
CREATE TABLE report_pending (
    seq        bigint   PRIMARY KEY,  -- the queued transfer's
    programme_id text   NOT NULL,
    at         timestamptz NOT NULL,  -- when the counted transfer was made
    kind       text     NOT NULL,     -- earn | spend | gift
    member     bigint   NOT NULL,     -- the person's account
    side       bigint   NOT NULL,     -- the organisation side's account
    amount     bigint   NOT NULL,
    sign       smallint NOT NULL      -- +1, or -1 for a reversal taking one back
);
-- Each counted transfer's effect, as the rollups' rules read it (stats.py _RAW): for a
-- reversal, the transfer it reverses, taken back (-1), in that transfer's own month and day.
CREATE FUNCTION report_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH effect AS (
        SELECT t.seq, t.programme_id, t.created_at, t.kind, t.debit_account_id,
               t.credit_account_id, t.amount, t.organisation_id, 1 AS sign
          FROM inserted t WHERE t.kind IN ('earn', 'spend', 'redemption', 'gift')
        UNION ALL
        SELECT t.seq, o.programme_id, o.created_at, o.kind, o.debit_account_id,
               o.credit_account_id, o.amount, o.organisation_id, -1
          FROM inserted t JOIN transfers o ON o.id = t.reverses_id
         WHERE t.kind = 'reversal' AND o.kind IN ('earn', 'spend', 'redemption', 'gift')
    )
    INSERT INTO report_pending (seq, programme_id, at, kind, member, side, amount, sign)
    SELECT seq, programme_id, created_at,
           CASE kind WHEN 'redemption' THEN 'spend' ELSE kind END,
           CASE kind WHEN 'earn' THEN credit_account_id ELSE debit_account_id END,
           CASE kind WHEN 'earn' THEN debit_account_id
                     WHEN 'gift' THEN (SELECT coalesce(max(a.id), 0) FROM accounts a
                                        WHERE a.kind = 'organisation'
                                          AND a.owner_id = effect.organisation_id)
                     ELSE credit_account_id END,
           amount, sign
      FROM effect;
    RETURN NULL;
END $$;
DROP TRIGGER report_rollup ON transfers;
DROP FUNCTION report_rollup();
CREATE TRIGGER report_pending AFTER INSERT ON transfers
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION report_enqueue();

-- A month's 31 day counts and their mask (bit d-1: day d has any) with `ns[k]` added to
-- day `ds[k]` (a batch's changes to one member's month of one kind: usually one day).
CREATE FUNCTION report_days_apply(days int[], mask int, ds int[], ns int[],
                                  OUT new_days int[], OUT new_mask int)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    d int;
BEGIN
    new_days := days;
    new_mask := mask;
    FOR k IN 1 .. coalesce(cardinality(ds), 0) LOOP
        d := ds[k];
        new_days[d] := new_days[d] + ns[k];
        IF new_days[d] > 0 THEN
            new_mask := new_mask | (1 << (d - 1));
        ELSE
            new_mask := new_mask & ~(1 << (d - 1));
        END IF;
    END LOOP;
END $$;
"""


def _downgrade() -> str:
    # 0016's per-transfer function, as 0016 created it; 0020's trigger on it.
    first = earlier("0016_report_rollups").UPGRADE
    start = first.index("CREATE FUNCTION report_rollup()")
    function = first[start : first.index("END $$;", start) + len("END $$;")]
    trigger = earlier("0020_bulk_rollups").UPGRADE
    create = trigger[trigger.index("CREATE TRIGGER") :]
    return f"""
{function}
DROP TRIGGER report_pending ON transfers;
DROP FUNCTION report_enqueue();
{create}
DROP FUNCTION report_days_apply(int[], int, int[], int[]);
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    # What is still queued is rolled first (the per-transfer trigger only sees new ones).
    from app.services.rollups import ROLL_ALL

    run(ROLL_ALL.rstrip() + ";")
    run(_downgrade() + "DROP TABLE report_pending;")
