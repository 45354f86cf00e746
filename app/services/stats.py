"""Programme and network statistics from the ledger, net of corrections: a reversed transfer
and its reversal are both left out. Earns, spends (a venue's redemption is a spend) and
gifts count; allocations and printed notes do not (a note is a bearer's: no person).

The figures are the same whichever way they are read. They come from the rollups (migration
0016), kept from the queue every counted transfer joins (0022, app/services/rollups.py),
which a read first rolls in (`catch_up`): whole UTC months
from the monthly rows, the days of a month that `from`/`to` cuts from the daily sums and
each member's day masks, merged per person, so a person active on both sides of a cut
counts once. `rollups=False` reads every transfer instead (the plain aggregation the
rollups are tested against, tests/reports/test_rollups.py).

Who reads what and small-number suppression are app/services/reporting.py's rules."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import asyncpg

from app.auth.caller import Caller
from app.models.dates import bound
from app.models.money import from_hundredths
from app.models.reports import MonthStats, NetworkStats, ProgrammeStats, Share
from app.services.errors import Forbidden, InvalidInput
from app.services.reporting import Suppression, readable_programme
from app.services.rollups import catch_up

NEVER_OR_RARELY = ("never", "rarely")

# The transfers that count in [$2, $3) and [$4, $5), each with its person (member account)
# and its organisation side (the crediting organisation's account for an earn, the venue's
# for a spend, the giver's home organisation's for a gift): the rollups' rules (0016).
_RAW = """
SELECT t.amount, date_trunc('month', t.created_at AT TIME ZONE 'UTC')::date AS month,
       (t.created_at AT TIME ZONE 'UTC')::date AS day,
       CASE t.kind WHEN 'redemption' THEN 'spend' ELSE t.kind END AS kind,
       CASE t.kind WHEN 'earn' THEN t.credit_account_id ELSE t.debit_account_id END AS member,
       CASE t.kind WHEN 'earn' THEN t.debit_account_id
                   WHEN 'gift' THEN (SELECT coalesce(max(a.id), 0) FROM accounts a
                                      WHERE a.kind = 'organisation'
                                        AND a.owner_id = t.organisation_id)
                   ELSE t.credit_account_id END AS side
  FROM transfers t
 WHERE {scope} AND t.kind IN ('earn', 'spend', 'redemption', 'gift')
   AND ((t.created_at >= $2 AND t.created_at < $3) OR (t.created_at >= $4 AND t.created_at < $5))
   AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.reverses_id = t.id)
"""
# $6: the whole months read from the rollups.
# In a member's months of each kind, any of the whole months {months} (consecutive)? One
# range test on each of their multiranges.
_ROLLED_PEOPLE = """
SELECT account_id AS member, earn_months && w.span AS e, spend_months && w.span AS s,
       gift_months && w.span AS g
  FROM report_members,
       (SELECT CASE WHEN cardinality({months}::date[]) > 0
                    THEN daterange({months}[1],
                                   ({months}[cardinality({months})] + interval '1 month')::date)
                    ELSE 'empty' END AS span) w
 WHERE {scope} AND cardinality({months}::date[]) > 0
OFFSET 0
"""
_COUNT_PEOPLE = """
SELECT count(*) FILTER (WHERE e) AS earn, count(*) FILTER (WHERE s) AS spend,
       count(*) FILTER (WHERE g) AS gift, count(*) FILTER (WHERE e OR s OR g) AS active
"""
# One programme's whole months: one row per person already.
_PEOPLE_ROLLED = f"""
{_COUNT_PEOPLE} FROM ({_ROLLED_PEOPLE.format(scope="{scope}", months="$2")}) p
 WHERE e OR s OR g
"""
# Otherwise (cut months, several programmes): per person, whole months, the days of cut
# months ($7: months, $8: their days as bit masks) and (plain aggregation) the transfers.
_PEOPLE = f"""
WITH raw AS ({{raw}}), p AS (
    SELECT member, e, s, g
      FROM ({_ROLLED_PEOPLE.format(scope="{scope}", months="$6")}) whole
     WHERE e OR s OR g
    UNION ALL
    SELECT r.account_id, (r.earn_mask & w.mask) <> 0, (r.spend_mask & w.mask) <> 0,
           (r.gift_mask & w.mask) <> 0
      FROM unnest($7::date[], $8::int[]) w(month, mask)
      JOIN report_member_months r ON r.month = w.month AND {{rscope}}
    UNION ALL
    SELECT member, bool_or(kind = 'earn'), bool_or(kind = 'spend'), bool_or(kind = 'gift')
      FROM raw GROUP BY member
), u AS (
    SELECT member, bool_or(e) AS e, bool_or(s) AS s, bool_or(g) AS g FROM p GROUP BY member
)
{_COUNT_PEOPLE} FROM u
"""
_SUMS = """
WITH raw AS ({raw}), s AS (
    SELECT kind, account_id AS side, transfers, amount
      FROM report_sums WHERE {scope} AND month = ANY($6::date[])
    UNION ALL
    SELECT kind, account_id, transfers, amount
      FROM report_day_sums
     WHERE {scope} AND day = ANY($9::date[]) AND cardinality($7::date[]) = cardinality($8::int[])
    UNION ALL
    SELECT kind, side, count(*), sum(amount) FROM raw GROUP BY kind, side
)
SELECT kind, sum(amount)::bigint AS amount,
       count(DISTINCT side) FILTER (WHERE transfers > 0) AS organisations
  FROM s GROUP BY kind
"""
# A month's people: summed from report_sums within one programme (each person counted on
# exactly one of the month's rows); across programmes one person may be in several, so
# the network's are counted from report_member_months.
# The cut months: credits from their days' sums ($9), people from the day masks ($7, $8).
_PARTIAL_MONTHS = """
UNION ALL
SELECT d.month, d.kind, d.transfers, d.amount, coalesce(p.people, 0) FROM (
    SELECT date_trunc('month', day)::date AS month, kind, sum(transfers)::bigint AS transfers,
           sum(amount)::bigint AS amount
      FROM report_day_sums WHERE {scope} AND day = ANY($9::date[]) GROUP BY 1, 2
) d LEFT JOIN (
    SELECT w.month, k.kind, k.people
      FROM (SELECT w.month,
                   {count} FILTER (WHERE (r.earn_mask & w.mask) <> 0) AS earn,
                   {count} FILTER (WHERE (r.spend_mask & w.mask) <> 0) AS spend,
                   {count} FILTER (WHERE (r.gift_mask & w.mask) <> 0) AS gift
              FROM unnest($7::date[], $8::int[]) w(month, mask)
              JOIN report_member_months r ON r.month = w.month AND {rscope}
             GROUP BY w.month) w
     CROSS JOIN LATERAL (VALUES ('earn', w.earn), ('spend', w.spend), ('gift', w.gift))
           k(kind, people)
) p USING (month, kind)
"""
_MONTHS_PROGRAMME = (
    """
WITH raw AS ({raw})
SELECT month, kind, sum(transfers)::bigint AS transfers, sum(amount)::bigint AS amount,
       sum(people)::bigint AS people
  FROM report_sums WHERE {scope} AND month = ANY($6::date[]) GROUP BY month, kind
UNION ALL
SELECT month, kind, count(*), sum(amount)::bigint, count(DISTINCT member) FROM raw
 GROUP BY month, kind
"""
    + _PARTIAL_MONTHS
)
_MONTHS_NETWORK = (
    """
WITH raw AS ({raw}), people AS (
    SELECT month, count(DISTINCT account_id) FILTER (WHERE earns > 0) AS earn,
           count(DISTINCT account_id) FILTER (WHERE spends > 0) AS spend,
           count(DISTINCT account_id) FILTER (WHERE gifts > 0) AS gift
      FROM report_member_months WHERE month = ANY($6::date[]) GROUP BY month
)
SELECT s.month, s.kind, sum(s.transfers)::bigint AS transfers, sum(s.amount)::bigint AS amount,
       max(CASE s.kind WHEN 'earn' THEN p.earn WHEN 'spend' THEN p.spend ELSE p.gift END)
           AS people
  FROM report_sums s JOIN people p USING (month)
 WHERE s.month = ANY($6::date[]) AND $1::text IS NULL GROUP BY s.month, s.kind
UNION ALL
SELECT month, kind, count(*), sum(amount)::bigint, count(DISTINCT member) FROM raw
 GROUP BY month, kind
"""
    + _PARTIAL_MONTHS
)
# The whole months $2 (consecutive) as one range.
_SPAN = """CASE WHEN cardinality($2::date[]) > 0
            THEN daterange($2[1], ($2[cardinality($2)] + interval '1 month')::date)
            ELSE 'empty' END"""
# One programme, a period with whole months ($2) and cut months ($3, their days' masks $4),
# in one statement. 'period': the people of the whole months, one row of report_members
# each and a range test on each kind's months; with them, as 8 * account + the kinds they
# have in the whole months (bit 0 earn, 1 spend, 2 gift), the members who lack a kind there
# but have it in a cut month. 'month': each cut month's people, from its day masks. 'extra':
# those of the lacking members a cut month's days add, per kind, and to the active members
# (those with no kind in the whole months). They are usually a few hundred, each looked up
# by its key (LATERAL: the planner would rather read the cut months through); past $5 of
# them (short periods: with no whole month they are everyone) the cut months' rows are read
# once for both parts, joined with them by hash.
_PROBED = 1000
_EXTRA = """SELECT 'extra', NULL, count(*) FILTER (WHERE code & 9 = 8),
       count(*) FILTER (WHERE code & 18 = 16), count(*) FILTER (WHERE code & 36 = 32),
       count(*) FILTER (WHERE code & 7 = 0 AND code > 7)"""
_CUT_BITS = """(((r.earn_mask & w.mask) <> 0)::int << 3)
               | (((r.spend_mask & w.mask) <> 0)::int << 4)
               | (((r.gift_mask & w.mask) <> 0)::int << 5)"""
_CUT_ROWS = """unnest($3::date[], $4::int[]) w(month, mask)
      JOIN report_member_months r ON r.programme_id = $1 AND r.month = w.month"""
_PEOPLE_CUT = f"""
WITH whole AS (
    SELECT count(*) FILTER (WHERE e) AS earn, count(*) FILTER (WHERE s) AS spend,
           count(*) FILTER (WHERE g) AS gift, count(*) FILTER (WHERE e OR s OR g) AS active,
           coalesce(array_agg(member * 8 + (e::int | (s::int << 1) | (g::int << 2)))
                        FILTER (WHERE lacking), '{{}}') AS lacking
      FROM (SELECT member, e, s, g,
                   NOT (e AND s AND g)
                   AND ((NOT e AND em && cut) OR (NOT s AND sm && cut) OR (NOT g AND gm && cut))
                       AS lacking
              FROM (SELECT account_id AS member, earn_months AS em, spend_months AS sm,
                           gift_months AS gm, w.cut, earn_months && w.span AS e,
                           spend_months && w.span AS s, gift_months && w.span AS g
                      FROM report_members,
                           (SELECT {_SPAN} AS span,
                                   (SELECT range_agg(daterange(m, (m + interval '1 month')::date))
                                      FROM unnest($3::date[]) m) AS cut) w
                     WHERE programme_id = $1 OFFSET 0) p) q
), probed AS (
    SELECT cardinality(lacking) <= $5 AS yes FROM whole
), joined AS (
    SELECT w.month, count(*) FILTER (WHERE (r.earn_mask & w.mask) <> 0) AS earn,
           count(*) FILTER (WHERE (r.spend_mask & w.mask) <> 0) AS spend,
           count(*) FILTER (WHERE (r.gift_mask & w.mask) <> 0) AS gift,
           array_agg((y.code >> 3) * 64 + ((y.code & 7) | {_CUT_BITS}))
               FILTER (WHERE y.code IS NOT NULL) AS codes
      FROM unnest(CASE WHEN NOT (SELECT yes FROM probed) THEN $3::date[] END,
                  CASE WHEN NOT (SELECT yes FROM probed) THEN $4::int[] END) w(month, mask)
      JOIN report_member_months r ON r.programme_id = $1 AND r.month = w.month
      LEFT JOIN (SELECT unnest(lacking) AS code FROM whole) y ON y.code >> 3 = r.account_id
     GROUP BY w.month
)
SELECT 'period' AS part, NULL::date AS month, earn, spend, gift, active FROM whole
UNION ALL
SELECT 'month', w.month, c.earn, c.spend, c.gift, NULL
  FROM unnest(CASE WHEN (SELECT yes FROM probed) THEN $3::date[] END,
              CASE WHEN (SELECT yes FROM probed) THEN $4::int[] END) w(month, mask)
 CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE (r.earn_mask & w.mask) <> 0) AS earn,
              count(*) FILTER (WHERE (r.spend_mask & w.mask) <> 0) AS spend,
              count(*) FILTER (WHERE (r.gift_mask & w.mask) <> 0) AS gift
         FROM report_member_months r WHERE r.programme_id = $1 AND r.month = w.month) c
UNION ALL
{_EXTRA}
  FROM (SELECT (y.code & 7)::int | bit_or(c.code) AS code
          FROM whole, unnest(CASE WHEN (SELECT yes FROM probed) THEN whole.lacking END) y(code)
         CROSS JOIN LATERAL (
               SELECT {_CUT_BITS} AS code
                 FROM {_CUT_ROWS} AND r.account_id = y.code >> 3
               OFFSET 0) c
         GROUP BY y.code) x
UNION ALL
SELECT 'month', month, earn, spend, gift, NULL FROM joined
UNION ALL
{_EXTRA}
  FROM (SELECT bit_or(code & 63)::int AS code
          FROM joined, unnest(joined.codes) code
         GROUP BY code >> 6) x
"""
# One programme, a period of days in at most two months and no whole month ($2: those
# months, $3: their days' masks). 'month': each month's people, from its day masks, and the
# active ones; 'period': with two months, each person once (the two months' rows joined by
# member). With one month the period's people are that month's.
_PEOPLE_DAYS = """
SELECT 'month' AS part, w.month, c.earn, c.spend, c.gift, c.active
  FROM unnest($2::date[], $3::int[]) w(month, mask)
 CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE (r.earn_mask & w.mask) <> 0) AS earn,
              count(*) FILTER (WHERE (r.spend_mask & w.mask) <> 0) AS spend,
              count(*) FILTER (WHERE (r.gift_mask & w.mask) <> 0) AS gift,
              count(*) FILTER (WHERE ((r.earn_mask | r.spend_mask | r.gift_mask) & w.mask) <> 0)
                  AS active
         FROM report_member_months r WHERE r.programme_id = $1 AND r.month = w.month) c
UNION ALL
SELECT 'period', NULL, count(*) FILTER (WHERE a.e OR b.e), count(*) FILTER (WHERE a.s OR b.s),
       count(*) FILTER (WHERE a.g OR b.g),
       count(*) FILTER (WHERE a.e OR b.e OR a.s OR b.s OR a.g OR b.g)
  FROM (SELECT account_id, (earn_mask & $3[1]) <> 0 AS e, (spend_mask & $3[1]) <> 0 AS s,
               (gift_mask & $3[1]) <> 0 AS g
          FROM report_member_months WHERE programme_id = $1 AND month = $2[1]) a
  FULL JOIN (SELECT account_id, (earn_mask & $3[2]) <> 0 AS e, (spend_mask & $3[2]) <> 0 AS s,
                    (gift_mask & $3[2]) <> 0 AS g
               FROM report_member_months WHERE programme_id = $1 AND month = $2[2]) b
       USING (account_id)
 WHERE cardinality($2::date[]) = 2
"""
# One programme's sums by month and kind and by kind (with the organisations on their side),
# from the whole months' rows ($2) and the cut days' ($3) in one pass; a month's people come
# from report_sums (each person counted on exactly one of its rows), a cut month's are
# added from _PEOPLE_CUT's. And on a row of its own (kind 'gave_before': n, k as transfers,
# amount) _GAVE_BEFORE's share for [$4, $5], $6 the answers counted.
_SUMS_ROLLED = """
WITH s AS (
    SELECT month, kind, account_id AS side, transfers, amount, people
      FROM report_sums WHERE programme_id = $1 AND month = ANY($2::date[])
    UNION ALL
    SELECT date_trunc('month', day)::date, kind, account_id, sum(transfers)::bigint,
           sum(amount)::bigint, 0
      FROM report_day_sums WHERE programme_id = $1 AND day = ANY($3::date[])
     GROUP BY 1, 2, 3
)
SELECT month, kind, sum(transfers)::bigint AS transfers, sum(amount)::bigint AS amount,
       sum(people)::bigint AS people,
       count(DISTINCT side) FILTER (WHERE transfers > 0) AS organisations
  FROM s GROUP BY GROUPING SETS ((month, kind), (kind))
UNION ALL
SELECT NULL, 'gave_before', count(*), count(*) FILTER (WHERE answer = ANY($6::text[])), NULL,
       NULL
  FROM report_gave_before WHERE programme_id = $1 AND answered_on BETWEEN $4 AND $5
"""
_ROLLED_MONTHS = "SELECT min(month) AS first, max(month) AS last FROM report_sums WHERE {scope}"
# Each member's one answer to `gave_time_before`: their baseline's, else their follow-up's
# (one response per member, template and wave: 0015), counted when its day is in [$2, $3].
_GAVE_BEFORE_PLAIN = """
SELECT DISTINCT ON (member_id) member_id, programme_id, answered_on,
       answers ->> 'gave_time_before' AS answer
  FROM survey_responses
 WHERE template_id = 'programme-evaluation' AND member_id IS NOT NULL
   AND answers ? 'gave_time_before'
 ORDER BY member_id, wave <> 'baseline', answered_on
"""
_GAVE_BEFORE = """
SELECT count(*) AS n, count(*) FILTER (WHERE answer = ANY($4::text[])) AS k
  FROM {source} g WHERE {scope} AND g.answered_on BETWEEN $2 AND $3
"""

_EARLIEST = datetime.min.replace(tzinfo=UTC)
_LATEST = datetime.max.replace(tzinfo=UTC)
_NO_WINDOW = (_EARLIEST, _EARLIEST)


@dataclass(frozen=True)
class _Plan:
    """Which months come whole from the rollups, which days of cut months from their daily
    rollups, and (the plain aggregation only) which spans of time from the transfers."""

    months: list[date]
    days: list[date] = field(default_factory=list)
    windows: list[tuple[datetime, datetime]] = field(default_factory=list)

    def masks(self) -> tuple[list[date], list[int]]:
        """The cut months and their days, as bit masks (bit d-1 for day d)."""
        out: dict[date, int] = {}
        for d in self.days:
            month = d.replace(day=1)
            out[month] = out.get(month, 0) | 1 << (d.day - 1)
        return list(out), list(out.values())


def _next_month(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def _plan(
    since: date | None, until: date | None, rolled: tuple[date | None, date | None], rollups: bool
) -> _Plan:
    """The whole months of [since, until] and the days of the months it cuts. Every counted
    transfer's month has a rollup row, so nothing counted lies outside the rolled months:
    the period is clamped to them."""
    lo, hi = bound(since) or _EARLIEST, bound(until, end=True) or _LATEST  # hi exclusive
    if not rollups:
        return _Plan([], windows=[(lo, hi)])
    first, last = rolled
    if first is None or last is None:
        return _Plan([])  # nothing counted, ever
    lo, hi = max(lo, _instant(first)), min(hi, _instant(_next_month(last)))
    if lo >= hi:
        return _Plan([])
    start = lo.date() if lo.day == 1 else _next_month(lo.date())
    stop = hi.date().replace(day=1)
    if start >= stop:
        return _Plan([], days=_days(lo.date(), hi.date()))
    months, m = [], start
    while m < stop:
        months.append(m)
        m = _next_month(m)
    return _Plan(months, days=_days(lo.date(), start) + _days(stop, hi.date()))


def _days(first: date, end: date) -> list[date]:
    """The days from `first` up to, not including, `end`."""
    return [first + timedelta(days=i) for i in range((end - first).days)]


def _instant(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


async def _programme_rolled(
    db: asyncpg.Connection, programme_id: str, plan: _Plan, since: date, until: date
) -> tuple[dict[str, int], dict[str, dict], list[dict], dict[str, int]]:
    """One programme's people, sums by kind, months and share who gave time before, from
    the rollups alone, in two statements that each read their rows once."""
    cut, masks = plan.masks()
    people = dict.fromkeys(("earn", "spend", "gift", "active"), 0)
    if plan.days and plan.months:
        rows = await db.fetch(_PEOPLE_CUT, programme_id, plan.months, cut, masks, _PROBED)
    elif plan.days:
        rows = await db.fetch(_PEOPLE_DAYS, programme_id, cut, masks)
        if len(cut) == 1:  # the month's people are the period's
            rows = [*rows, {**rows[0], "part": "period"}]
    elif plan.months:
        sql = _PEOPLE_ROLLED.format(scope="programme_id = $1")
        rows = [{**await db.fetchrow(sql, programme_id, plan.months), "part": "period"}]
    else:
        rows = []
    month_people: dict[date, dict[str, int]] = {}
    for r in rows:
        if r["part"] == "month":
            month_people[r["month"]] = {k: r[k] for k in ("earn", "spend", "gift")}
        else:  # the whole months' people, and those the cut months' days add
            for k in people:
                people[k] += r[k]
    sums: dict[str, dict] = {}
    month_rows: list[dict] = []
    gave = {"n": 0, "k": 0}
    rows = await db.fetch(
        _SUMS_ROLLED, programme_id, plan.months, plan.days, since, until, list(NEVER_OR_RARELY)
    )
    for r in rows:
        if r["kind"] == "gave_before":
            gave = {"n": r["transfers"], "k": r["amount"]}
        elif r["month"] is None:
            sums[r["kind"]] = dict(r)
        else:
            row = dict(r)
            row["people"] += month_people.get(r["month"], {}).get(r["kind"], 0)
            month_rows.append(row)
    return people, sums, month_rows, gave


async def _figures(
    db: asyncpg.Connection,
    programme_id: str | None,
    since: date | None,
    until: date | None,
    min_cell: int,
    rollups: bool,
) -> dict:
    """The figures and what is suppressed, for one programme or (None) the network."""
    if since and until and until < since:
        raise InvalidInput.field("to", "must not be before from")
    network = programme_id is None
    scope = "$1::text IS NULL" if network else "programme_id = $1"
    if rollups:
        await catch_up(db)
    rolled = await db.fetchrow(_ROLLED_MONTHS.format(scope=scope), programme_id)
    plan = _plan(since, until, (rolled["first"], rolled["last"]), rollups)
    windows = [*plan.windows, _NO_WINDOW, _NO_WINDOW][:2]
    args = (programme_id, *windows[0], *windows[1], plan.months, *plan.masks(), plan.days)
    raw = _RAW.format(scope=scope.replace("programme_id", "t.programme_id"))
    rscope = scope.replace("programme_id", "r.programme_id")
    if not network and not plan.windows:
        people, sums, month_rows, gave = await _programme_rolled(
            db, programme_id, plan, since or date.min, until or date.max
        )
    else:
        people = await db.fetchrow(_PEOPLE.format(raw=raw, scope=scope, rscope=rscope), *args[:8])
        sums = {r["kind"]: r for r in await db.fetch(_SUMS.format(raw=raw, scope=scope), *args)}
        monthly_sql = _MONTHS_NETWORK if network else _MONTHS_PROGRAMME
        # One row per person and month within a programme; across programmes, count them once.
        count = "count(DISTINCT r.account_id)" if network else "count(*)"
        month_rows = await db.fetch(
            monthly_sql.format(raw=raw, scope=scope, rscope=rscope, count=count), *args
        )
        source = "report_gave_before" if rollups else f"({_GAVE_BEFORE_PLAIN})"
        gave = await db.fetchrow(
            _GAVE_BEFORE.format(
                source=source, scope=scope.replace("programme_id", "g.programme_id")
            ),
            programme_id,
            since or date.min,
            until or date.max,
            list(NEVER_OR_RARELY),
        )

    def amount(kind: str) -> int:
        row = sums.get(kind)
        return int(row["amount"] or 0) if row else 0

    def organisations(kind: str) -> int:
        row = sums.get(kind)
        return row["organisations"] if row else 0

    figures = Figures(min_cell)
    out = {
        "from_": since,
        "to": until,
        "people_earned": figures.people("people_earned", people["earn"]),
        "people_spent": figures.people("people_spent", people["spend"]),
        "people_gifted": figures.people("people_gifted", people["gift"]),
        "credits_earned": figures.of("credits_earned", amount("earn"), people["earn"]),
        "credits_spent": figures.of("credits_spent", amount("spend"), people["spend"]),
        "credits_gifted": figures.of("credits_gifted", amount("gift"), people["gift"]),
        "hours_given": figures.of("hours_given", amount("earn"), people["earn"]),
        "active_members": figures.people("active_members", people["active"]),
        "organisations_earning": organisations("earn"),
        "organisations_spending": organisations("spend"),
        "people_never_or_rarely_gave_before": figures.share(
            "people_never_or_rarely_gave_before", gave["k"], gave["n"]
        ),
    }
    out["suppressed"] = figures.suppressed
    out["monthly"] = _months(month_rows, min_cell)
    return out


class Figures(Suppression):
    """A report's figures by what they are counted from."""

    def of(self, name: str, hundredths: int, people: int) -> str | None:
        return self(name, from_hundredths(hundredths), people)

    def people(self, name: str, count: int) -> int | None:
        return self(name, count, count)

    def share(self, name: str, part: int, n: int) -> Share | None:
        percent = (200 * part + n) // (2 * n) if n else None  # whole percent, half up
        return self(name, Share(percent=percent, n=n), n)


def _months(rows: list[asyncpg.Record], min_cell: int) -> list[MonthStats]:
    """One entry per month with a counted transfer, oldest first."""
    by_month: dict[date, dict[str, tuple[int, int]]] = {}
    for r in rows:
        kinds = by_month.setdefault(r["month"], {})
        n, amount, people = kinds.get(r["kind"], (0, 0, 0))
        kinds[r["kind"]] = (n + r["transfers"], amount + r["amount"], people + r["people"])
    out = []
    for month in sorted(by_month):
        kinds = by_month[month]
        if not any(n for n, _, _ in kinds.values()):
            continue  # every transfer of the month reversed
        figures = Figures(min_cell)
        row: dict = {"month": month.strftime("%Y-%m")}
        for kind, name in (("earn", "earned"), ("spend", "spent"), ("gift", "gifted")):
            _, amount, people = kinds.get(kind, (0, 0, 0))
            row[f"people_{name}"] = figures.people(f"people_{name}", people)
            row[f"credits_{name}"] = figures.of(f"credits_{name}", amount, people)
        out.append(MonthStats(**row, suppressed=figures.suppressed))
    return out


async def programme_stats(
    db: asyncpg.Connection,
    caller: Caller,
    programme_id: str,
    *,
    since: date | None,
    until: date | None,
    min_cell: int,
    rollups: bool = True,
) -> ProgrammeStats:
    """A programme's totals and month-by-month series for [from, to] (whole UTC days), for
    its own organisations (its commissioner included) and the operator; others get 404."""
    await readable_programme(db, caller, programme_id)
    figures = await _figures(db, programme_id, since, until, min_cell, rollups)
    return ProgrammeStats(programme_id=programme_id, **figures)


async def network_stats(
    db: asyncpg.Connection,
    caller: Caller,
    *,
    since: date | None,
    until: date | None,
    min_cell: int,
    rollups: bool = True,
) -> NetworkStats:
    """Every programme's figures together: the operator organisation's alone (403 for any
    other, as for the operator's other routes: it names no organisation's resource)."""
    if "operator" not in caller.roles:
        raise Forbidden("the network's figures are the operator's")
    return NetworkStats(**await _figures(db, None, since, until, min_cell, rollups))


# Each rollup against the transfers themselves (the same rules: _RAW over all time).
_CHECKS = {
    "report_sums": """
        WITH raw AS ({raw}), want AS (
            SELECT programme_id, month, kind, side AS account_id, count(*) AS transfers,
                   sum(amount)::bigint AS amount
              FROM raw GROUP BY 1, 2, 3, 4
        )
        SELECT count(*) FROM want w FULL JOIN report_sums s
            USING (programme_id, month, kind, account_id)
         WHERE coalesce(w.transfers, 0) <> coalesce(s.transfers, 0)
            OR coalesce(w.amount, 0) <> coalesce(s.amount, 0)""",
    "report_day_sums": """
        WITH raw AS ({raw}), want AS (
            SELECT programme_id, day, kind, side AS account_id, count(*) AS transfers,
                   sum(amount)::bigint AS amount
              FROM raw GROUP BY 1, 2, 3, 4
        )
        SELECT count(*) FROM want w FULL JOIN report_day_sums s
            USING (programme_id, day, kind, account_id)
         WHERE coalesce(w.transfers, 0) <> coalesce(s.transfers, 0)
            OR coalesce(w.amount, 0) <> coalesce(s.amount, 0)""",
    "report_member_months (days)": """
        WITH raw AS ({raw}), want AS (
            SELECT programme_id, member AS account_id, month, kind, day - month + 1 AS d,
                   count(*) AS n
              FROM raw GROUP BY 1, 2, 3, 4, 5
        ), have AS (
            SELECT r.programme_id, r.account_id, r.month, k.kind, g.d, k.days[g.d] AS n
              FROM report_member_months r
             CROSS JOIN LATERAL (VALUES ('earn', r.earn_days), ('spend', r.spend_days),
                                        ('gift', r.gift_days)) k(kind, days)
             CROSS JOIN generate_series(1, 31) g(d)
             WHERE k.days[g.d] <> 0
        )
        SELECT count(*) FROM want w FULL JOIN have h
            USING (programme_id, account_id, month, kind, d)
         WHERE coalesce(w.n, 0) <> coalesce(h.n, 0)""",
    "report_member_months (masks)": """
        SELECT count(*) FROM report_member_months r
         CROSS JOIN LATERAL (VALUES (r.earn_days, r.earn_mask), (r.spend_days, r.spend_mask),
                                    (r.gift_days, r.gift_mask)) k(days, mask)
         WHERE k.mask <> (SELECT coalesce(bit_or(1 << (d - 1)), 0)
                            FROM generate_series(1, 31) d WHERE k.days[d] > 0)""",
    "report_sums.people": """
        WITH raw AS ({raw}), want AS (
            SELECT programme_id, month, kind, count(DISTINCT member) AS people
              FROM raw GROUP BY 1, 2, 3
        ), have AS (
            SELECT programme_id, month, kind, sum(people) AS people
              FROM report_sums GROUP BY 1, 2, 3
        )
        SELECT count(*) FROM want w FULL JOIN have h USING (programme_id, month, kind)
         WHERE coalesce(w.people, 0) <> coalesce(h.people, 0)""",
    "report_member_months": """
        WITH raw AS ({raw}), want AS (
            SELECT programme_id, member AS account_id, month,
                   count(*) FILTER (WHERE kind = 'earn') AS earns,
                   count(*) FILTER (WHERE kind = 'spend') AS spends,
                   count(*) FILTER (WHERE kind = 'gift') AS gifts
              FROM raw GROUP BY 1, 2, 3
        )
        SELECT count(*) FROM want w FULL JOIN report_member_months r
            USING (programme_id, account_id, month)
         WHERE coalesce(w.earns, 0) <> coalesce(r.earns, 0)
            OR coalesce(w.spends, 0) <> coalesce(r.spends, 0)
            OR coalesce(w.gifts, 0) <> coalesce(r.gifts, 0)""",
    "report_members": """
        WITH want AS (
            SELECT programme_id, account_id,
                   coalesce(range_agg(daterange(month, (month + interval '1 month')::date))
                                FILTER (WHERE earns > 0), '{{}}') AS e,
                   coalesce(range_agg(daterange(month, (month + interval '1 month')::date))
                                FILTER (WHERE spends > 0), '{{}}') AS s,
                   coalesce(range_agg(daterange(month, (month + interval '1 month')::date))
                                FILTER (WHERE gifts > 0), '{{}}') AS g
              FROM report_member_months GROUP BY 1, 2
        )
        SELECT count(*) FROM want w FULL JOIN report_members h USING (programme_id, account_id)
         WHERE coalesce(w.e, '{{}}') <> coalesce(h.earn_months, '{{}}')
            OR coalesce(w.s, '{{}}') <> coalesce(h.spend_months, '{{}}')
            OR coalesce(w.g, '{{}}') <> coalesce(h.gift_months, '{{}}')""",
    "report_gave_before": f"""
        SELECT count(*) FROM ({_GAVE_BEFORE_PLAIN}) w FULL JOIN report_gave_before g
            USING (member_id)
         WHERE w.programme_id IS DISTINCT FROM g.programme_id
            OR w.answered_on IS DISTINCT FROM g.answered_on
            OR w.answer IS DISTINCT FROM g.answer""",
}


# What the rollups hold at any moment: the transfers rolled in (not still queued, 0022),
# less those a reversal rolled in takes back.
_REVERSED = "NOT EXISTS (SELECT 1 FROM transfers r WHERE r.reverses_id = t.id)"
_ROLLED_AND_NOT_REVERSED = """NOT EXISTS (SELECT FROM report_pending q WHERE q.seq = t.seq)
   AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.reverses_id = t.id
                      AND NOT EXISTS (SELECT FROM report_pending q WHERE q.seq = r.seq))"""
assert _REVERSED in _RAW


async def rollup_problems(db: asyncpg.Connection) -> list[str]:
    """The stats rollups disagreeing with the transfers rolled into them (for `timecredits
    check-ledger`, in its one snapshot: what is still queued is left out of both)."""
    raw = _RAW.replace("SELECT t.amount,", "SELECT t.programme_id, t.amount,")
    raw = raw.replace(_REVERSED, _ROLLED_AND_NOT_REVERSED).format(scope="$1::text IS NULL")
    problems = []
    for table, sql in _CHECKS.items():
        args = (None, _EARLIEST, _LATEST, *_NO_WINDOW) if "{raw}" in sql else ()
        wrong = await db.fetchval(sql.format(raw=raw), *args)
        if wrong:
            problems.append(f"{wrong} row(s) of {table} disagree with the transfers")
    return problems
