"""The report rollups' queue, rolled in batches (migration 0022; the tables: 0016).

Every counted transfer (earn, spend, redemption, gift, reversal) queues its effect in
`report_pending` in its posting's transaction (a reversal's: the transfer it reverses, taken
back). Rolling takes the oldest queued effects, never reading the transfers, and adds them
to the rollups in one statement: one upsert per rollup row the batch touches, not per
transfer, and none inside a posting (the per-transfer trigger this replaces cost an
earning about a third of its PostgreSQL time: docs/performance.md). Each worker rolls every
second (`roll_queued`); every stats read rolls first (`catch_up`), so it counts every
transfer committed before it began. One roller at a time (an advisory lock): each batch
reads a rollup row, adds to it and writes it back.

The rules are the stats' (stats.py `_RAW`): redemptions count as spends; a gift counts for
the giver's home organisation; a reversal takes back the transfer it reverses, in that
transfer's own month and day. A member entering a month's figures of a kind (their count
there going from 0) or leaving them (back to 0) moves their `report_members` month sets and
that month's `people` (counted on one `report_sums` row of the month and kind: only the
sum means anything, as in 0016's backfill)."""

import asyncpg
import structlog

from app.services import unit_of_work

log = structlog.get_logger("timecredits.rollups")

ROLL_LOCK = 0x7463_726F_6C6C  # "tcroll"
BATCH = 5_000
ROLL_EVERY_SECONDS = 1.0

_ZEROS = "array_fill(0, ARRAY[31])"
_EMPTY = "'{}'::datemultirange"
_MONTH = "daterange(month, (month + interval '1 month')::date)"


def _months(kind: str, move: int) -> str:
    return (
        f"coalesce(range_agg({_MONTH}) FILTER (WHERE kind = '{kind}' AND move = {move}), {_EMPTY})"
    )


def _apply(kind: str) -> str:
    """A touched member-month's days and mask of one kind, as they become."""
    return (
        f"report_days_apply(coalesce(r.{kind}_days, {_ZEROS}), coalesce(r.{kind}_mask, 0), "
        f"c.{kind}_ds, c.{kind}_ns) {kind}"
    )


# The oldest `limit` queued effects (the queue rows, 0022: a transfer's, or for a reversal
# the one it reverses, taken back), rolled; returns how many. Taken by a range of the
# queue's key (its index), up to the limit-th oldest. `after` is each touched member-month
# as it becomes (the stored row, if any, plus the batch's changes, day by day); `moves` the
# members entering (+1) or leaving (-1) a month of a kind. Every upsert writes whole values
# computed from the stored row, never a negative change (a CHECK refuses the row an INSERT
# proposes even when ON CONFLICT makes it an update).
_ROLL = f"""
WITH gone AS (
    DELETE FROM report_pending
     WHERE seq <= (SELECT max(seq) FROM (SELECT seq FROM report_pending
                                           ORDER BY seq LIMIT :limit) oldest)
    RETURNING programme_id, date_trunc('month', at AT TIME ZONE 'UTC')::date AS month,
              extract(day FROM at AT TIME ZONE 'UTC')::int AS d, kind, member, side, amount,
              sign
), net AS (
    SELECT programme_id, member, month, kind, d, sum(sign)::int AS n
      FROM gone GROUP BY 1, 2, 3, 4, 5
), per_kind AS (
    SELECT programme_id, member, month, kind, sum(n)::int AS n, array_agg(d) AS ds,
           array_agg(n) AS ns
      FROM net GROUP BY 1, 2, 3, 4
), change AS (
    SELECT programme_id, member, month,
           coalesce(sum(n) FILTER (WHERE kind = 'earn'), 0) AS earns,
           coalesce(sum(n) FILTER (WHERE kind = 'spend'), 0) AS spends,
           coalesce(sum(n) FILTER (WHERE kind = 'gift'), 0) AS gifts,
           max(ds) FILTER (WHERE kind = 'earn') AS earn_ds,
           max(ns) FILTER (WHERE kind = 'earn') AS earn_ns,
           max(ds) FILTER (WHERE kind = 'spend') AS spend_ds,
           max(ns) FILTER (WHERE kind = 'spend') AS spend_ns,
           max(ds) FILTER (WHERE kind = 'gift') AS gift_ds,
           max(ns) FILTER (WHERE kind = 'gift') AS gift_ns
      FROM per_kind GROUP BY 1, 2, 3
), after AS (
    SELECT c.programme_id, c.member, c.month,
           coalesce(r.earns, 0) AS earns_before, coalesce(r.spends, 0) AS spends_before,
           coalesce(r.gifts, 0) AS gifts_before,
           coalesce(r.earns, 0) + c.earns AS earns, coalesce(r.spends, 0) + c.spends AS spends,
           coalesce(r.gifts, 0) + c.gifts AS gifts,
           earn.new_days AS earn_days, spend.new_days AS spend_days,
           gift.new_days AS gift_days, earn.new_mask AS earn_mask,
           spend.new_mask AS spend_mask, gift.new_mask AS gift_mask
      FROM change c
      LEFT JOIN report_member_months r
        ON r.programme_id = c.programme_id AND r.account_id = c.member AND r.month = c.month
     CROSS JOIN LATERAL {_apply("earn")}
     CROSS JOIN LATERAL {_apply("spend")}
     CROSS JOIN LATERAL {_apply("gift")}
), member_months AS (
    INSERT INTO report_member_months AS r (programme_id, account_id, month, earns, spends,
                                           gifts, earn_days, spend_days, gift_days,
                                           earn_mask, spend_mask, gift_mask)
    SELECT programme_id, member, month, earns, spends, gifts, earn_days, spend_days,
           gift_days, earn_mask, spend_mask, gift_mask
      FROM after
    ON CONFLICT (programme_id, account_id, month) DO UPDATE
       SET earns = excluded.earns, spends = excluded.spends, gifts = excluded.gifts,
           earn_days = excluded.earn_days, spend_days = excluded.spend_days,
           gift_days = excluded.gift_days, earn_mask = excluded.earn_mask,
           spend_mask = excluded.spend_mask, gift_mask = excluded.gift_mask
), moves AS (
    SELECT a.programme_id, a.member, a.month, k.kind, k.move
      FROM after a
     CROSS JOIN LATERAL (VALUES
           ('earn', (a.earns > 0)::int - (a.earns_before > 0)::int),
           ('spend', (a.spends > 0)::int - (a.spends_before > 0)::int),
           ('gift', (a.gifts > 0)::int - (a.gifts_before > 0)::int)) k(kind, move)
     WHERE k.move <> 0
), spans AS (
    SELECT programme_id, member,
           {_months("earn", 1)} AS earn_in, {_months("earn", -1)} AS earn_out,
           {_months("spend", 1)} AS spend_in, {_months("spend", -1)} AS spend_out,
           {_months("gift", 1)} AS gift_in, {_months("gift", -1)} AS gift_out
      FROM moves GROUP BY 1, 2
), members AS (
    INSERT INTO report_members AS p (programme_id, account_id, earn_months, spend_months,
                                     gift_months)
    SELECT s.programme_id, s.member,
           coalesce(had.earn_months, {_EMPTY}) + s.earn_in - s.earn_out,
           coalesce(had.spend_months, {_EMPTY}) + s.spend_in - s.spend_out,
           coalesce(had.gift_months, {_EMPTY}) + s.gift_in - s.gift_out
      FROM spans s
      LEFT JOIN report_members had
        ON had.programme_id = s.programme_id AND had.account_id = s.member
    ON CONFLICT (programme_id, account_id) DO UPDATE
       SET earn_months = excluded.earn_months, spend_months = excluded.spend_months,
           gift_months = excluded.gift_months
), people AS (
    SELECT programme_id, month, kind, sum(move)::bigint AS people FROM moves GROUP BY 1, 2, 3
), sums AS (
    SELECT programme_id, month, kind, side, sum(sign)::bigint AS transfers,
           sum(sign * amount)::bigint AS amount,
           row_number() OVER (PARTITION BY programme_id, month, kind ORDER BY side) = 1
               AS first
      FROM gone GROUP BY 1, 2, 3, 4
), month_sums AS (
    INSERT INTO report_sums AS s (programme_id, month, kind, account_id, transfers, amount,
                                  people)
    SELECT x.programme_id, x.month, x.kind, x.side, coalesce(had.transfers, 0) + x.transfers,
           coalesce(had.amount, 0) + x.amount,
           coalesce(had.people, 0) + CASE WHEN x.first THEN coalesce(p.people, 0) ELSE 0 END
      FROM sums x
      LEFT JOIN report_sums had
        ON had.programme_id = x.programme_id AND had.month = x.month AND had.kind = x.kind
       AND had.account_id = x.side
      LEFT JOIN people p
        ON p.programme_id = x.programme_id AND p.month = x.month AND p.kind = x.kind
    ON CONFLICT (programme_id, month, kind, account_id) DO UPDATE
       SET transfers = excluded.transfers, amount = excluded.amount, people = excluded.people
), day_sums AS (
    INSERT INTO report_day_sums AS s (programme_id, day, kind, account_id, transfers, amount)
    SELECT x.programme_id, x.day, x.kind, x.side, coalesce(had.transfers, 0) + x.transfers,
           coalesce(had.amount, 0) + x.amount
      FROM (SELECT programme_id, month + d - 1 AS day, kind, side, sum(sign)::bigint AS transfers,
                   sum(sign * amount)::bigint AS amount
              FROM gone GROUP BY 1, 2, 3, 4) x
      LEFT JOIN report_day_sums had
        ON had.programme_id = x.programme_id AND had.day = x.day AND had.kind = x.kind
       AND had.account_id = x.side
    ON CONFLICT (programme_id, day, kind, account_id) DO UPDATE
       SET transfers = excluded.transfers, amount = excluded.amount
)
SELECT count(*) FROM gone
"""
ROLL = _ROLL.replace(":limit", "$1")
# Everything queued, in one statement (migration 0022's downgrade).
ROLL_ALL = _ROLL.replace(":limit", "ALL")


async def roll(db: asyncpg.Connection, *, wait: bool) -> int | None:
    """Roll the whole queue, a batch per transaction; how many transfers, or None when
    another roller holds the lock and `wait` is false (it is rolling them)."""
    rolled = 0
    while True:
        async with unit_of_work.housekeeping(db):
            if wait:
                await db.execute("SELECT pg_advisory_xact_lock($1)", ROLL_LOCK)
            elif not await db.fetchval("SELECT pg_try_advisory_xact_lock($1)", ROLL_LOCK):
                return None
            n = await db.fetchval(ROLL, BATCH)
        rolled += n
        if n < BATCH:
            return rolled


async def catch_up(db: asyncpg.Connection) -> None:
    """Before a read of the rollups: everything committed so far rolled in. Inside a
    transaction (a read-only snapshot, a caller's own writes) this reads what is rolled.

    An empty queue is the usual case (the workers roll it every second), and seeing it
    empty is enough: a transfer commits with its queued row, and a batch's rows leave the
    queue in the transaction that rolls them in. So only a queue with rows takes the lock,
    and stats reads do not queue behind one another on it."""
    if not db.is_in_transaction() and await db.fetchval(_ANY_QUEUED):
        await roll(db, wait=True)


_ANY_QUEUED = "SELECT EXISTS (SELECT FROM report_pending ORDER BY seq LIMIT 1)"


async def roll_queued(pool: asyncpg.Pool) -> None:
    """One turn of the background job each worker runs (background.every, every
    ROLL_EVERY_SECONDS), so the queue stays short whether or not anyone reads the stats."""
    async with pool.acquire() as db:
        await roll(db, wait=False)
