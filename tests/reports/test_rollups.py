"""The rollups (migration 0016) give exactly the figures the transfers themselves give: for
random ledgers (earns, spends, redemptions, gifts and reversals over 18 months, in two
programmes) and random periods, cut months included, one programme's and the network's."""

import random
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta

import asyncpg
import pytest

from app.auth.caller import Caller
from app.services import integrity, rollups, stats
from tests.network import Network

START = datetime(2025, 1, 1, tzinfo=UTC)
DAYS = 540
MOVE = "SELECT * FROM ledger_move($1, $2, $3, $4, $5, $6, $7, NULL, $8, '{}'::jsonb, $9)"


async def _account(pool: asyncpg.Pool, kind: str, owner: str) -> int:
    return await pool.fetchval(
        "SELECT id FROM accounts WHERE kind = $1 AND owner_id = $2", kind, owner
    )


async def _random_ledger(
    net: Network, rng: random.Random, after_each: Callable[[], Awaitable[None]] | None = None
) -> str:
    """About 400 postings straight through ledger_move (the API posts at now(); history
    needs its own times), `after_each` awaited after each. Returns the second programme's
    id."""
    r = await net.client.post(
        "/v1/programmes",
        headers=net.operator.headers,
        json={"name": "Cardiff & Vale Recovery", "place": "Cardiff", "focus": "Substance use",
              "starts_on": "2016-04-01"},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    second = r.json()["id"]
    members = [await net.member(display_name=f"M{i}") for i in range(12)]
    accounts = [await _account(net.pool, "member", m["id"]) for m in members]
    earners = [
        (net.partner.id, await _account(net.pool, "organisation", net.partner.id)),
        (net.other.id, await _account(net.pool, "organisation", net.other.id)),
    ]
    venue = await _account(net.pool, "organisation", net.venue.id)
    posted: list[tuple] = []
    for i in range(400):
        at = START + timedelta(seconds=rng.randrange(DAYS * 86400))
        programme = net.programme_id if rng.random() < 0.8 else second
        roll = rng.random()
        if roll < 0.4:
            org, debit = rng.choice(earners)
            move = ("earn", debit, rng.choice(accounts), rng.choice([100, 150, 300]), org)
        elif roll < 0.6:
            kind = rng.choice(["spend", "redemption"])
            move = (kind, rng.choice(accounts), venue, rng.choice([50, 100]), net.venue.id)
        elif roll < 0.75:
            giver, taker = rng.sample(accounts, 2)
            move = ("gift", giver, taker, 25, rng.choice(earners)[0])
        elif posted:
            kind, debit, credit, amount, org, tid, prog = rng.choice(posted)
            move = ("reversal", credit, debit, amount, org)
            programme = prog
        else:
            continue
        reverses = tid if move[0] == "reversal" else None
        tid_new = f"txn_r{i}"
        row = await net.pool.fetchrow(
            MOVE, tid_new, move[0], move[1], move[2], move[3], programme, move[4], reverses, at
        )
        if row is not None:
            if move[0] == "reversal":
                posted = [p for p in posted if p[5] != reverses]
            else:
                posted.append((*move, tid_new, programme))
        if after_each is not None:
            await after_each()
    # Programme evaluation answers in both waves, recorded in random order (a baseline may
    # come after the follow-up and takes its place).
    responses = []
    for i, m in enumerate(members):
        for wave in ("baseline", "follow_up"):
            if rng.random() < 0.7:
                day = (START + timedelta(days=rng.randrange(DAYS))).date()
                answer = rng.choice(["never", "rarely", "sometimes", "often"])
                programme = rng.choice([net.programme_id, second])
                responses.append((f"srv_{wave}_{i}", m["id"], wave, day, answer, programme))
    rng.shuffle(responses)
    for response in responses:
        await net.pool.execute(
            """INSERT INTO survey_responses (id, template_id, programme_id, member_id,
                                             organisation_id, wave, answered_on, answers)
               VALUES ($1, 'programme-evaluation', $6, $2, $7, $3, $4,
                       jsonb_build_object('gave_time_before', $5::text))""",
            *response,
            net.partner.id,
        )
    return second


def _day(rng: random.Random) -> date | None:
    if rng.random() < 0.15:
        return None
    return (START - timedelta(days=40) + timedelta(days=rng.randrange(DAYS + 80))).date()


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_rollups_equal_the_plain_aggregation_for_random_periods(
    net: Network, seed: int
) -> None:
    rng = random.Random(seed)
    second = await _random_ledger(net, rng)
    operator = Caller(
        net.operator.id, None, frozenset({"operator"}), frozenset({"reports:read", "admin"})
    )
    async with net.pool.acquire() as db:
        assert await stats.rollup_problems(db) == []
        periods = [(None, None), (date(2025, 3, 1), date(2025, 3, 31))]
        periods += [(date(2025, 3, 2), date(2025, 3, 30)), (date(2025, 2, 15), date(2026, 2, 14))]
        for _ in range(25):
            a, b = _day(rng), _day(rng)
            periods.append((min(a, b), max(a, b)) if a and b else (a, b))
        for since, until in periods:
            for programme in (net.programme_id, second):
                fast, plain = [
                    await stats.programme_stats(
                        db, operator, programme, since=since, until=until, min_cell=1,
                        rollups=rollups,
                    )
                    for rollups in (True, False)
                ]  # fmt: skip
                assert fast == plain, (programme, since, until)
            fast, plain = [
                await stats.network_stats(
                    db, operator, since=since, until=until, min_cell=1, rollups=rollups
                )
                for rollups in (True, False)
            ]
            assert fast == plain, ("network", since, until)
        whole = await stats.programme_stats(
            db, operator, net.programme_id, since=None, until=None, min_cell=1
        )
        assert whole.people_earned and whole.credits_spent != "0.00"  # the ledger is not empty
        assert whole.people_never_or_rarely_gave_before.n > 0


async def test_check_ledger_notices_a_rollup_that_disagrees(net: Network) -> None:
    m = await net.member()
    assert (await net.earn(m["id"], 2)).status_code == 201
    async with net.pool.acquire() as db:
        assert await stats.rollup_problems(db) == []  # the earning still queued: left out
        await rollups.catch_up(db)
        assert await stats.rollup_problems(db) == []
        await db.execute("UPDATE report_sums SET amount = amount + 1")
        report = await integrity.check(db)
    assert any("report_sums" in p for p in report.problems), report.problems


def _cut_period(rng: random.Random) -> tuple[date, date]:
    """A period that starts and ends mid-month: within one month, across two, or longer."""
    first = START.date() - timedelta(days=20)
    since = first + timedelta(days=rng.randrange(DAYS))
    while since.day == 1:
        since += timedelta(days=1)
    until = since + timedelta(days=rng.choice([3, 20, 45, 75, 200, 364, 500]))
    while (until + timedelta(days=1)).day == 1:
        until -= timedelta(days=1)
    return since, until


@pytest.mark.parametrize(("seed", "probed"), [(4, None), (5, None), (6, 0)])
async def test_periods_cutting_months_at_both_ends_equal_the_ledger(
    net: Network, seed: int, probed: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A programme's figures for periods cut mid-month at both ends, from the rollups (the
    members a cut month adds looked up one by one, or with `probed` 0 found by joining the
    cut months' rows), are exactly those the transfers give."""
    if probed is not None:
        monkeypatch.setattr(stats, "_PROBED", probed)
    rng = random.Random(seed)
    second = await _random_ledger(net, rng)
    operator = Caller(
        net.operator.id, None, frozenset({"operator"}), frozenset({"reports:read", "admin"})
    )
    periods = [(date(2025, 2, 15), date(2026, 2, 14)), (date(2025, 3, 2), date(2025, 3, 30))]
    periods += [(date(2025, 3, 20), date(2025, 4, 10)), (date(2025, 3, 20), date(2025, 5, 10))]
    periods += [_cut_period(rng) for _ in range(30)]
    added = 0  # periods where a cut month's days add members the whole months lack
    async with net.pool.acquire() as db:
        for since, until in periods:
            assert since.day != 1 and (until + timedelta(days=1)).day != 1
            for programme in (net.programme_id, second):
                fast, plain = [
                    await stats.programme_stats(
                        db, operator, programme, since=since, until=until, min_cell=1,
                        rollups=rollups,
                    )
                    for rollups in (True, False)
                ]  # fmt: skip
                assert fast == plain, (programme, since, until)
                rolled = await db.fetchrow(
                    stats._ROLLED_MONTHS.format(scope="programme_id = $1"), programme
                )
                plan = stats._plan(since, until, (rolled["first"], rolled["last"]), True)
                if plan.months and plan.days:
                    rows = await db.fetch(
                        stats._PEOPLE_CUT, programme, plan.months, *plan.masks(), stats._PROBED
                    )
                    added += any(
                        r["part"] == "extra" and (r["earn"] or r["spend"] or r["gift"])
                        for r in rows
                    )
    assert added, "no period had members only its cut days add"
