"""Referral statistics (issue 15): per programme and per prescriber, over the referrals
sent in a window (UTC days, by `sent_at`).

- counts by status now; the acceptance rate: accepted (or later) over decided (accepted or
  declined; a referral withdrawn before either is not decided); the median days from sent
  to first attended, over those who attended; the share of people accepted who went on to
  earn credits: an `earn` transfer to the referral's member after `accepted_at`, not
  reversed, over the distinct members of accepted referrals.
- Each figure names the people behind it (a count: that many referrals; a rate: its
  denominator); from fewer than `Env.min_cell` it is null and listed in `suppressed`
  (reporting.shown). Who reads a programme's figures: reporting.readable_programme."""

from datetime import UTC, date, datetime, time, timedelta

import asyncpg

from app.auth.caller import Caller
from app.models.referrals import ReferralStats, StatusCounts
from app.services import reporting
from app.services.errors import Forbidden, InvalidInput, NotFound
from app.services.unit_of_work import Env

_STATS = """
WITH r AS (
    SELECT * FROM referrals
     WHERE ($1::text IS NULL OR programme_id = $1)
       AND ($2::text IS NULL OR from_organisation_id = $2)
       AND ($3::timestamptz IS NULL OR sent_at >= $3)
       AND ($4::timestamptz IS NULL OR sent_at < $4)
)
SELECT count(*) AS total,
       count(*) FILTER (WHERE status = 'sent') AS sent,
       count(*) FILTER (WHERE status = 'accepted') AS accepted,
       count(*) FILTER (WHERE status = 'declined') AS declined,
       count(*) FILTER (WHERE status = 'first_attended') AS first_attended,
       count(*) FILTER (WHERE status = 'closed') AS closed,
       count(*) FILTER (WHERE accepted_at IS NOT NULL) AS taken_up,
       count(*) FILTER (WHERE accepted_at IS NOT NULL OR declined_at IS NOT NULL) AS decided,
       count(*) FILTER (WHERE first_attended_at IS NOT NULL) AS attended,
       percentile_cont(0.5) WITHIN GROUP (
           ORDER BY extract(epoch FROM first_attended_at - sent_at) / 86400
       ) AS median_days,
       count(DISTINCT member_id) FILTER (WHERE accepted_at IS NOT NULL) AS people,
       count(DISTINCT member_id) FILTER (WHERE accepted_at IS NOT NULL AND EXISTS (
           SELECT 1 FROM members m
             JOIN transfers t ON t.credit_account_id = m.account_id AND t.kind = 'earn'
            WHERE m.id = r.member_id AND t.created_at >= r.accepted_at
              AND NOT EXISTS (SELECT 1 FROM transfers v WHERE v.reverses_id = t.id)
       )) AS earners
  FROM r
"""


def _window(since: date | None, until: date | None) -> tuple[datetime | None, datetime | None]:
    """UTC days, both inclusive, as [start, end) instants."""
    if since is not None and until is not None and until < since:
        raise InvalidInput.field("to", "is before from")
    start = None if since is None else datetime.combine(since, time(), UTC)
    end = None if until is None else datetime.combine(until + timedelta(days=1), time(), UTC)
    return start, end


async def _stats(
    db: asyncpg.Connection,
    env: Env,
    *,
    programme_id: str | None,
    prescriber_id: str | None,
    since: date | None,
    until: date | None,
) -> ReferralStats:
    start, end = _window(since, until)
    row = await db.fetchrow(_STATS, programme_id, prescriber_id, start, end)
    shown = reporting.Suppression(env.min_cell)

    counts = {
        s: shown(f"by_status.{s}", row[s], row[s])
        for s in ("sent", "accepted", "declined", "first_attended", "closed")
    }
    rate = round(row["taken_up"] / row["decided"], 4) if row["decided"] else None
    median = None if row["median_days"] is None else round(float(row["median_days"]), 1)
    share = round(row["earners"] / row["people"], 4) if row["people"] else None
    return ReferralStats(
        programme_id=programme_id,
        prescriber_id=prescriber_id,
        from_=since,
        to=until,
        referrals=shown("referrals", row["total"], row["total"]),
        by_status=StatusCounts(**counts),
        acceptance_rate=shown("acceptance_rate", rate, row["decided"]),
        median_days_to_first_attended=shown(
            "median_days_to_first_attended", median, row["attended"]
        ),
        share_earning=shown("share_earning", share, row["people"]),
        min_cell=shown.min_cell,
        suppressed=shown.suppressed,
    )


async def programme_stats(
    db: asyncpg.Connection,
    env: Env,
    caller: Caller,
    programme_id: str,
    *,
    since: date | None,
    until: date | None,
) -> ReferralStats:
    """The programme's referral figures, for its own organisations and the operator
    (reporting.readable_programme: others get a 404), small numbers suppressed."""
    await reporting.readable_programme(db, caller, programme_id)
    return await _stats(
        db, env, programme_id=programme_id, prescriber_id=None, since=since, until=until
    )


async def prescriber_stats(
    db: asyncpg.Connection,
    env: Env,
    caller: Caller,
    *,
    prescriber_id: str | None,
    since: date | None,
    until: date | None,
) -> ReferralStats:
    """The figures of the referrals a prescriber sent: the caller's own; the operator may
    name any prescriber (Forbidden for anyone else naming another; NotFound for an unknown
    one), small numbers suppressed."""
    if prescriber_id is None or prescriber_id == caller.organisation_id:
        prescriber_id = caller.organisation_id
    elif not caller.is_operator:
        raise Forbidden("only the operator reads another prescriber's referral figures")
    elif not await db.fetchval(
        "SELECT EXISTS (SELECT 1 FROM organisations WHERE id = $1)", prescriber_id
    ):
        raise NotFound(f"no organisation {prescriber_id}")
    return await _stats(
        db, env, programme_id=None, prescriber_id=prescriber_id, since=since, until=until
    )
