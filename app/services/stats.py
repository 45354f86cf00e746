"""Programme statistics from the ledger. Reversed transfers (and the reversals) are left out,
so the figures are net of corrections."""

from datetime import date

import asyncpg

from app.models.dates import bound
from app.models.money import from_hundredths
from app.models.reports import MonthStats, ProgrammeStats
from app.services.errors import InvalidInput
from app.services.organisations import get_programme

_COUNTED = """
SELECT t.*, date_trunc('month', t.created_at AT TIME ZONE 'UTC') AS month,
       CASE WHEN t.kind = 'earn' THEN t.credit_account_id END AS earner,
       CASE WHEN t.kind IN ('spend', 'gift') THEN t.debit_account_id
            WHEN t.kind = 'earn' THEN t.credit_account_id END AS active_member
  FROM transfers t
 WHERE t.programme_id = $1 AND t.kind IN ('earn', 'spend', 'gift')
   AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.reverses_id = t.id)
   AND ($2::timestamptz IS NULL OR t.created_at >= $2)
   AND ($3::timestamptz IS NULL OR t.created_at < $3)
"""


async def programme_stats(
    db: asyncpg.Connection, programme_id: str, *, since: date | None, until: date | None
) -> ProgrammeStats:
    """Totals and a month-by-month series for [from, to] (both inclusive days, UTC)."""
    await get_programme(db, programme_id)
    if since and until and until < since:
        raise InvalidInput.field("to", "must not be before from")
    args = (programme_id, bound(since), bound(until, end=True))
    totals = await db.fetchrow(
        f"""WITH c AS ({_COUNTED})
            SELECT count(DISTINCT earner) AS people_earned,
                   coalesce(sum(amount) FILTER (WHERE kind = 'earn'), 0) AS earned,
                   coalesce(sum(amount) FILTER (WHERE kind = 'spend'), 0) AS spent,
                   coalesce(sum(amount) FILTER (WHERE kind = 'gift'), 0) AS gifted,
                   count(DISTINCT active_member) AS active_members,
                   count(DISTINCT organisation_id) FILTER (WHERE kind = 'earn') AS orgs_earning,
                   count(DISTINCT credit_account_id) FILTER (WHERE kind = 'spend')
                       AS orgs_spending
              FROM c""",
        *args,
    )
    months = await db.fetch(
        f"""WITH c AS ({_COUNTED})
            SELECT month,
                   coalesce(sum(amount) FILTER (WHERE kind = 'earn'), 0) AS earned,
                   coalesce(sum(amount) FILTER (WHERE kind = 'spend'), 0) AS spent,
                   coalesce(sum(amount) FILTER (WHERE kind = 'gift'), 0) AS gifted,
                   count(DISTINCT earner) AS people_earned
              FROM c GROUP BY month ORDER BY month""",
        *args,
    )
    return ProgrammeStats(
        programme_id=programme_id,
        from_=since,
        to=until,
        people_earned=totals["people_earned"],
        credits_earned=from_hundredths(totals["earned"]),
        credits_spent=from_hundredths(totals["spent"]),
        credits_gifted=from_hundredths(totals["gifted"]),
        hours_given=from_hundredths(totals["earned"]),
        active_members=totals["active_members"],
        organisations_earning=totals["orgs_earning"],
        organisations_spending=totals["orgs_spending"],
        monthly=[
            MonthStats(
                month=m["month"].strftime("%Y-%m"),
                credits_earned=from_hundredths(m["earned"]),
                credits_spent=from_hundredths(m["spent"]),
                credits_gifted=from_hundredths(m["gifted"]),
                people_earned=m["people_earned"],
            )
            for m in months
        ],
    )
