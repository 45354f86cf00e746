"""Report rollups, kept transactionally, so a year's stats read fast (issue 15).

Stats (app/services/stats.py) count earns, spends (redemptions are spends) and gifts, net of
reversals: a reversed transfer and its reversal are both left out. Over a year of a busy
programme, summing the transfers and counting distinct people took seconds; these tables
hold the same figures per UTC month, kept by a trigger on transfers in the posting's own
transaction, so they always agree with the ledger (`timecredits check-ledger` checks it):

- `report_sums`: per (programme, month, kind, side account) the count and sum of the
  transfers not reversed. The side account is the one the posting already locks
  (ledger_move), so the rollup adds no lock another posting could wait on: the crediting
  organisation's for an earn, the venue's for a spend, the giver's home organisation's for
  a gift. `people` is the change this row's transfers made to the month's number of
  distinct people of that kind: only its sum over a month means something (that number).
- `report_member_months`: per (programme, member account, month) how many of their earns,
  spends and gifts count, in all and per day of the month (`*_days`, 31 counts), and the
  days with any (`*_mask`, bit d-1 for day d); a count going 0 -> 1 or 1 -> 0 is a person
  entering or leaving a month's (or a day's) figures.
- `report_day_sums`: `report_sums` per day, for the days of a month a period cuts.
- `report_members`: per (programme, member account) the months they earned, spent or gifted
  in (date multiranges, adjacent months merged), so distinct people over any range of months
  is one row per person and one range test.

- `report_gave_before`: each member's one answer to the programme evaluation's
  `gave_time_before` (their baseline's, else their follow-up's; a baseline recorded later
  takes its place), kept by a trigger on survey_responses (which are only ever inserted).

A reversal subtracts what it reverses, from the rows of the reversed transfer's own month
and day. Whole months are read from the monthly rows, the days of a month a `from`/`to`
cuts from the daily ones and the day masks (stats.py): no period reads the transfers.
Existing transfers are backfilled below.

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
CREATE TABLE report_sums (
    programme_id text   NOT NULL,
    month        date   NOT NULL,
    kind         text   NOT NULL CHECK (kind IN ('earn', 'spend', 'gift')),
    account_id   bigint NOT NULL,
    transfers    bigint NOT NULL CHECK (transfers >= 0),
    amount       bigint NOT NULL CHECK (amount >= 0),
    people       bigint NOT NULL,
    PRIMARY KEY (programme_id, month, kind, account_id)
);
CREATE TABLE report_member_months (
    programme_id text   NOT NULL,
    account_id   bigint NOT NULL,
    month        date   NOT NULL,
    earns        int    NOT NULL CHECK (earns >= 0),
    spends       int    NOT NULL CHECK (spends >= 0),
    gifts        int    NOT NULL CHECK (gifts >= 0),
    earn_days    int[]  NOT NULL,
    spend_days   int[]  NOT NULL,
    gift_days    int[]  NOT NULL,
    earn_mask    int    NOT NULL,
    spend_mask   int    NOT NULL,
    gift_mask    int    NOT NULL,
    PRIMARY KEY (programme_id, account_id, month)
);
-- A month's people and their day masks, read without the (wide) rows.
CREATE INDEX report_member_months_month
    ON report_member_months (programme_id, month, account_id, earn_mask, spend_mask, gift_mask);
CREATE TABLE report_day_sums (
    programme_id text   NOT NULL,
    day          date   NOT NULL,
    kind         text   NOT NULL CHECK (kind IN ('earn', 'spend', 'gift')),
    account_id   bigint NOT NULL,
    transfers    bigint NOT NULL CHECK (transfers >= 0),
    amount       bigint NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (programme_id, day, kind, account_id)
);
CREATE TABLE report_members (
    programme_id text   NOT NULL,
    account_id   bigint NOT NULL,
    earn_months  datemultirange NOT NULL,
    spend_months datemultirange NOT NULL,
    gift_months  datemultirange NOT NULL,
    PRIMARY KEY (programme_id, account_id)
);

-- One counted transfer (sign +1) or the reversal of one (sign -1) into the rollups.
CREATE FUNCTION report_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    t transfers;
    sign int := 1;
    k text;
    member bigint;
    side bigint;
    m date;
    d int;
    bit int;
    one int[];
    zeros int[] := array_fill(0, ARRAY[31]);
    n int;
    span datemultirange;
    delta int := 0;
BEGIN
    IF NEW.kind = 'reversal' THEN
        SELECT * INTO t FROM transfers WHERE id = NEW.reverses_id;
        sign := -1;
    ELSE
        t := NEW;
    END IF;
    k := CASE t.kind WHEN 'earn' THEN 'earn' WHEN 'spend' THEN 'spend'
                     WHEN 'redemption' THEN 'spend' WHEN 'gift' THEN 'gift' END;
    IF k IS NULL THEN
        RETURN NULL;
    END IF;
    m := date_trunc('month', t.created_at AT TIME ZONE 'UTC')::date;
    d := extract(day FROM t.created_at AT TIME ZONE 'UTC')::int;
    bit := 1 << (d - 1);
    one := zeros;
    one[d] := 1;
    IF k = 'earn' THEN
        member := t.credit_account_id;
        side := t.debit_account_id;
    ELSIF k = 'spend' THEN
        member := t.debit_account_id;
        side := t.credit_account_id;
    ELSE
        member := t.debit_account_id;
        SELECT coalesce(max(id), 0) INTO side FROM accounts
         WHERE kind = 'organisation' AND owner_id = t.organisation_id;
    END IF;

    -- (A reversal updates: its row exists, and a CHECK would refuse a negative insert
    -- even where ON CONFLICT turns it into an update.)
    IF sign = 1 THEN
        INSERT INTO report_member_months AS r (programme_id, account_id, month, earns, spends,
                                               gifts, earn_days, spend_days, gift_days,
                                               earn_mask, spend_mask, gift_mask)
        VALUES (t.programme_id, member, m, (k = 'earn')::int, (k = 'spend')::int,
                (k = 'gift')::int, CASE WHEN k = 'earn' THEN one ELSE zeros END,
                CASE WHEN k = 'spend' THEN one ELSE zeros END,
                CASE WHEN k = 'gift' THEN one ELSE zeros END,
                CASE WHEN k = 'earn' THEN bit ELSE 0 END,
                CASE WHEN k = 'spend' THEN bit ELSE 0 END,
                CASE WHEN k = 'gift' THEN bit ELSE 0 END)
        ON CONFLICT (programme_id, account_id, month) DO UPDATE
           SET earns = r.earns + excluded.earns, spends = r.spends + excluded.spends,
               gifts = r.gifts + excluded.gifts,
               earn_days[d] = r.earn_days[d] + excluded.earns,
               spend_days[d] = r.spend_days[d] + excluded.spends,
               gift_days[d] = r.gift_days[d] + excluded.gifts,
               earn_mask = r.earn_mask | excluded.earn_mask,
               spend_mask = r.spend_mask | excluded.spend_mask,
               gift_mask = r.gift_mask | excluded.gift_mask
        RETURNING CASE k WHEN 'earn' THEN r.earns WHEN 'spend' THEN r.spends ELSE r.gifts END
             INTO n;
    ELSE
        -- (SET sees the row as it was: a day's last transfer reversed clears its bit.)
        UPDATE report_member_months AS r
           SET earns = r.earns - (k = 'earn')::int, spends = r.spends - (k = 'spend')::int,
               gifts = r.gifts - (k = 'gift')::int,
               earn_days[d] = r.earn_days[d] - (k = 'earn')::int,
               spend_days[d] = r.spend_days[d] - (k = 'spend')::int,
               gift_days[d] = r.gift_days[d] - (k = 'gift')::int,
               earn_mask = CASE WHEN k = 'earn' AND r.earn_days[d] = 1
                                THEN r.earn_mask & ~bit ELSE r.earn_mask END,
               spend_mask = CASE WHEN k = 'spend' AND r.spend_days[d] = 1
                                 THEN r.spend_mask & ~bit ELSE r.spend_mask END,
               gift_mask = CASE WHEN k = 'gift' AND r.gift_days[d] = 1
                                THEN r.gift_mask & ~bit ELSE r.gift_mask END
         WHERE r.programme_id = t.programme_id AND r.account_id = member AND r.month = m
        RETURNING CASE k WHEN 'earn' THEN r.earns WHEN 'spend' THEN r.spends ELSE r.gifts END
             INTO n;
    END IF;
    IF (sign = 1 AND n = 1) OR (sign = -1 AND n = 0) THEN
        delta := sign;
        span := datemultirange(daterange(m, (m + interval '1 month')::date));
        INSERT INTO report_members AS p (programme_id, account_id, earn_months, spend_months,
                                         gift_months)
        VALUES (t.programme_id, member, CASE WHEN k = 'earn' THEN span ELSE '{}' END,
                CASE WHEN k = 'spend' THEN span ELSE '{}' END,
                CASE WHEN k = 'gift' THEN span ELSE '{}' END)
        ON CONFLICT (programme_id, account_id) DO UPDATE
           SET earn_months = CASE WHEN k <> 'earn' THEN p.earn_months
                                  WHEN sign = 1 THEN p.earn_months + span
                                  ELSE p.earn_months - span END,
               spend_months = CASE WHEN k <> 'spend' THEN p.spend_months
                                   WHEN sign = 1 THEN p.spend_months + span
                                   ELSE p.spend_months - span END,
               gift_months = CASE WHEN k <> 'gift' THEN p.gift_months
                                  WHEN sign = 1 THEN p.gift_months + span
                                  ELSE p.gift_months - span END;
    END IF;

    IF sign = 1 THEN
        INSERT INTO report_sums AS s (programme_id, month, kind, account_id, transfers, amount,
                                      people)
        VALUES (t.programme_id, m, k, side, 1, t.amount, delta)
        ON CONFLICT (programme_id, month, kind, account_id) DO UPDATE
           SET transfers = s.transfers + 1, amount = s.amount + excluded.amount,
               people = s.people + excluded.people;
    ELSE
        UPDATE report_sums AS s
           SET transfers = s.transfers - 1, amount = s.amount - t.amount,
               people = s.people + delta
         WHERE s.programme_id = t.programme_id AND s.month = m AND s.kind = k
           AND s.account_id = side;
    END IF;
    IF sign = 1 THEN
        INSERT INTO report_day_sums AS s (programme_id, day, kind, account_id, transfers, amount)
        VALUES (t.programme_id, m + d - 1, k, side, 1, t.amount)
        ON CONFLICT (programme_id, day, kind, account_id) DO UPDATE
           SET transfers = s.transfers + 1, amount = s.amount + excluded.amount;
    ELSE
        UPDATE report_day_sums AS s
           SET transfers = s.transfers - 1, amount = s.amount - t.amount
         WHERE s.programme_id = t.programme_id AND s.day = m + d - 1 AND s.kind = k
           AND s.account_id = side;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER report_rollup AFTER INSERT ON transfers
    FOR EACH ROW WHEN (NEW.kind IN ('earn', 'spend', 'redemption', 'gift', 'reversal'))
    EXECUTE FUNCTION report_rollup();

CREATE TABLE report_gave_before (
    member_id    text PRIMARY KEY,
    programme_id text NOT NULL,
    answered_on  date NOT NULL,
    wave         text NOT NULL,
    answer       text NOT NULL
);
CREATE INDEX report_gave_before_programme
    ON report_gave_before (programme_id, answered_on, answer);
CREATE FUNCTION report_gave_before() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_gave_before AS g (member_id, programme_id, answered_on, wave, answer)
    VALUES (NEW.member_id, NEW.programme_id, NEW.answered_on, NEW.wave,
            NEW.answers ->> 'gave_time_before')
    ON CONFLICT (member_id) DO UPDATE
       SET programme_id = excluded.programme_id, answered_on = excluded.answered_on,
           wave = excluded.wave, answer = excluded.answer
     WHERE g.wave <> 'baseline' AND excluded.wave = 'baseline';
    RETURN NULL;
END $$;
CREATE TRIGGER report_gave_before AFTER INSERT ON survey_responses
    FOR EACH ROW WHEN (NEW.template_id = 'programme-evaluation' AND NEW.member_id IS NOT NULL
                       AND NEW.answers ? 'gave_time_before')
    EXECUTE FUNCTION report_gave_before();
"""
# The transfers already posted (the same rules, in bulk). bench/reports.py runs it too, after
# loading a ledger with the trigger off.
BACKFILL = """
CREATE TEMP TABLE report_backfill AS
SELECT t.programme_id, date_trunc('month', t.created_at AT TIME ZONE 'UTC')::date AS month,
       (t.created_at AT TIME ZONE 'UTC')::date AS day,
       CASE t.kind WHEN 'redemption' THEN 'spend' ELSE t.kind END AS kind,
       CASE t.kind WHEN 'earn' THEN t.credit_account_id ELSE t.debit_account_id END AS member,
       CASE t.kind WHEN 'earn' THEN t.debit_account_id
                   WHEN 'gift' THEN (SELECT coalesce(max(a.id), 0) FROM accounts a
                                      WHERE a.kind = 'organisation'
                                        AND a.owner_id = t.organisation_id)
                   ELSE t.credit_account_id END AS side,
       t.amount
  FROM transfers t
 WHERE t.kind IN ('earn', 'spend', 'redemption', 'gift')
   AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.reverses_id = t.id);
WITH per_day AS (
    SELECT programme_id, member, month, kind, (day - month) + 1 AS d, count(*)::int AS n
      FROM report_backfill GROUP BY 1, 2, 3, 4, 5
), per_kind AS (
    SELECT programme_id, member, month, kind, sum(n)::int AS n,
           array_agg(coalesce(x.n, 0) ORDER BY g.d) AS days,
           bit_or(CASE WHEN x.n > 0 THEN 1 << (g.d - 1) ELSE 0 END) AS mask
      FROM (SELECT DISTINCT programme_id, member, month, kind FROM per_day) k
     CROSS JOIN generate_series(1, 31) g(d)
      LEFT JOIN per_day x USING (programme_id, member, month, kind, d)
     GROUP BY 1, 2, 3, 4
)
INSERT INTO report_member_months (programme_id, account_id, month, earns, spends, gifts,
                                  earn_days, spend_days, gift_days,
                                  earn_mask, spend_mask, gift_mask)
SELECT programme_id, member, month,
       coalesce(max(n) FILTER (WHERE kind = 'earn'), 0),
       coalesce(max(n) FILTER (WHERE kind = 'spend'), 0),
       coalesce(max(n) FILTER (WHERE kind = 'gift'), 0),
       coalesce(max(days) FILTER (WHERE kind = 'earn'), array_fill(0, ARRAY[31])),
       coalesce(max(days) FILTER (WHERE kind = 'spend'), array_fill(0, ARRAY[31])),
       coalesce(max(days) FILTER (WHERE kind = 'gift'), array_fill(0, ARRAY[31])),
       coalesce(max(mask) FILTER (WHERE kind = 'earn'), 0),
       coalesce(max(mask) FILTER (WHERE kind = 'spend'), 0),
       coalesce(max(mask) FILTER (WHERE kind = 'gift'), 0)
  FROM per_kind GROUP BY programme_id, member, month;
INSERT INTO report_day_sums (programme_id, day, kind, account_id, transfers, amount)
SELECT programme_id, day, kind, side, count(*), sum(amount)
  FROM report_backfill GROUP BY programme_id, day, kind, side;
INSERT INTO report_members (programme_id, account_id, earn_months, spend_months, gift_months)
SELECT programme_id, account_id,
       coalesce(range_agg(daterange(month, (month + interval '1 month')::date))
                    FILTER (WHERE earns > 0), '{}'),
       coalesce(range_agg(daterange(month, (month + interval '1 month')::date))
                    FILTER (WHERE spends > 0), '{}'),
       coalesce(range_agg(daterange(month, (month + interval '1 month')::date))
                    FILTER (WHERE gifts > 0), '{}')
  FROM report_member_months GROUP BY programme_id, account_id;
-- A month's people of a kind, all counted on one of its rows (only the sum means anything).
INSERT INTO report_sums (programme_id, month, kind, account_id, transfers, amount, people)
SELECT s.programme_id, s.month, s.kind, s.side, s.transfers, s.amount,
       CASE WHEN s.first THEN p.people ELSE 0 END
  FROM (SELECT programme_id, month, kind, side, count(*) AS transfers, sum(amount) AS amount,
               row_number() OVER (PARTITION BY programme_id, month, kind ORDER BY side) = 1
                   AS first
          FROM report_backfill GROUP BY programme_id, month, kind, side) s
  JOIN (SELECT programme_id, month, kind, count(DISTINCT member) AS people
          FROM report_backfill GROUP BY programme_id, month, kind) p
 USING (programme_id, month, kind);
DROP TABLE report_backfill;
INSERT INTO report_gave_before (member_id, programme_id, answered_on, wave, answer)
SELECT DISTINCT ON (member_id) member_id, programme_id, answered_on, wave,
       answers ->> 'gave_time_before'
  FROM survey_responses
 WHERE template_id = 'programme-evaluation' AND member_id IS NOT NULL
   AND answers ? 'gave_time_before'
 ORDER BY member_id, wave <> 'baseline', answered_on;
"""

DOWNGRADE = """
DROP TRIGGER report_gave_before ON survey_responses;
DROP FUNCTION report_gave_before();
DROP TABLE report_gave_before;
DROP TRIGGER report_rollup ON transfers;
DROP FUNCTION report_rollup();
DROP TABLE report_members;
DROP TABLE report_day_sums;
DROP TABLE report_member_months;
DROP TABLE report_sums;
"""


def upgrade() -> None:
    run(UPGRADE + BACKFILL)


def downgrade() -> None:
    run(DOWNGRADE)
