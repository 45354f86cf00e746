"""The report rollups are kept from a queue, in batches, instead of once per transfer.

Migration 0016's report_rollup trigger kept the stats rollups in every posting's own
transaction: three or four upserts per transfer, two of them on rows every earning of an
organisation shares (its month's and its day's sums), which concurrent earnings of that
organisation updated one after the other. Measured on the earn benchmark it cost PostgreSQL
about 0.27 ms of the earning's 0.8 (docs/performance.md), the largest single part.

Now a transfer only queues itself: a statement-level trigger inserts the seq and id of each
counted transfer (earn, spend, redemption, gift, reversal) into `report_pending`, in the
posting's transaction, so the queue row exists exactly when the transfer does (a rolled back
posting leaves neither). `app/services/rollups.py` rolls the queue into the same tables in
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

import importlib.util
from collections.abc import Sequence
from pathlib import Path

from app.migration_sql import run

revision: str = "0022_rollups_queued"
down_revision: str | None = "0021_report_members_plain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
CREATE TABLE report_pending (
    seq bigint PRIMARY KEY,
    id  text   NOT NULL
);
CREATE FUNCTION report_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_pending (seq, id)
    SELECT seq, id FROM inserted
     WHERE kind IN ('earn', 'spend', 'redemption', 'gift', 'reversal');
    RETURN NULL;
END $$;
DROP TRIGGER report_rollup ON transfers;
DROP FUNCTION report_rollup();
CREATE TRIGGER report_pending AFTER INSERT ON transfers
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION report_enqueue();

-- A month's 31 day counts plus another's, and the days with any as bits (bit d-1: day d).
CREATE FUNCTION report_days_add(a int[], b int[]) RETURNS int[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_agg(x + y ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS u(x, y, i)
$$;
CREATE FUNCTION report_days_mask(days int[]) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(bit_or(1 << (i::int - 1)), 0)
      FROM unnest(days) WITH ORDINALITY AS u(n, i) WHERE n > 0
$$;
"""


def _upgrade_of(name: str) -> str:
    """An earlier migration's UPGRADE script (module names here start with a digit)."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.UPGRADE


def _downgrade() -> str:
    # 0016's per-transfer function, as 0016 created it; 0020's trigger on it.
    first = _upgrade_of("0016_report_rollups")
    start = first.index("CREATE FUNCTION report_rollup()")
    function = first[start : first.index("END $$;", start) + len("END $$;")]
    trigger = _upgrade_of("0020_bulk_rollups")
    create = trigger[trigger.index("CREATE TRIGGER") :]
    return f"""
{function}
DROP TRIGGER report_pending ON transfers;
DROP FUNCTION report_enqueue();
{create}
DROP FUNCTION report_days_add(int[], int[]);
DROP FUNCTION report_days_mask(int[]);
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    # What is still queued is rolled first (the per-transfer trigger only sees new ones).
    from app.services.rollups import ROLL_ALL

    run(ROLL_ALL.rstrip() + ";")
    run(_downgrade() + "DROP TABLE report_pending;")
