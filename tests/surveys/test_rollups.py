"""The outcomes' rollups (migration 0015's survey_rollup trigger) count every response once,
however it arrives: one by one through the API, racing, or many in one SQL statement (a
bulk load, bench/reports.py), and always agree with the responses themselves."""

import asyncio
from datetime import date, timedelta

import asyncpg

from app.services import integrity
from tests.network import Network
from tests.surveys.support import outcomes, respond

RECOUNT = """
SELECT (SELECT coalesce(sum(n), 0) FROM survey_answer_counts WHERE question_id <> '#respondents')
     = (SELECT count(*) FROM survey_responses r, jsonb_object_keys(r.answers))
   AND (SELECT coalesce(sum(n), 0) FROM survey_answer_counts WHERE question_id = '#respondents')
     = (SELECT count(*) FROM survey_responses)
   AND (SELECT coalesce(sum(pairs), 0) FROM survey_pair_sums)
     = (SELECT count(*) FROM survey_responses b
          JOIN survey_responses f ON f.member_id = b.member_id AND f.template_id = b.template_id
           AND f.wave = 'follow_up', jsonb_object_keys(b.answers) k
         WHERE b.wave = 'baseline' AND f.answers ? k)
"""


async def _agree(pool: asyncpg.Pool) -> bool:
    return await pool.fetchval(RECOUNT)


async def test_a_bulk_insert_counts_each_response_and_pair_once(net: Network) -> None:
    ids = [(await net.member())["id"] for _ in range(12)]
    # Two members answered at baseline before the load, through the API.
    for member_id in ids[:2]:
        r = await respond(
            net,
            {"happiness": 4},
            template_id="ons4",
            member_id=member_id,
            wave="baseline",
            answered_on=(date.today() - timedelta(days=90)).isoformat(),
        )
        assert r.status_code == 201, r.text
    await net.pool.execute(
        """INSERT INTO survey_responses (id, template_id, programme_id, member_id,
                                         organisation_id, wave, answered_on, answers)
           SELECT 'svr_bulk_' || w || i, 'ons4', $1, m, $2, w,
                  CURRENT_DATE - CASE w WHEN 'baseline' THEN 60 ELSE 5 END,
                  jsonb_build_object('happiness', CASE w WHEN 'baseline' THEN 5 ELSE 7 END)
             FROM unnest($3::text[]) WITH ORDINALITY AS u(m, i),
                  (VALUES ('baseline'), ('follow_up')) v(w)
            WHERE NOT (w = 'baseline' AND i <= 2)""",
        net.programme_id,
        net.partner.id,
        ids,
    )
    assert await _agree(net.pool)
    body = (await outcomes(net, template_id="ons4")).json()
    assert body["respondents"] == 12
    happiness = next(p for p in body["paired"]["questions"] if p["id"] == "happiness")
    # Ten pairs 5 → 7 loaded whole, two 4 → 7 completed by the load: 12 pairs, +2.17.
    assert happiness["pairs"] == 12 and happiness["mean_change"] == 2.17
    assert happiness["mean_baseline"] == 4.83 and happiness["mean_follow_up"] == 7.0


async def test_racing_waves_of_one_member_make_one_pair(net: Network) -> None:
    early = (date.today() - timedelta(days=30)).isoformat()
    for _ in range(10):
        member_id = (await net.member())["id"]
        results = await asyncio.gather(
            respond(
                net,
                {"anxiety": 6},
                template_id="ons4",
                member_id=member_id,
                wave="baseline",
                answered_on=early,
            ),
            respond(net, {"anxiety": 3}, template_id="ons4", member_id=member_id),
        )
        assert [r.status_code for r in results] == [201, 201], [r.text for r in results]
    assert await _agree(net.pool)
    body = (await outcomes(net, template_id="ons4")).json()
    anxiety = next(p for p in body["paired"]["questions"] if p["id"] == "anxiety")
    assert anxiety["pairs"] == 10 and anxiety["mean_change"] == -3.0


async def test_check_ledger_compares_the_rollups_with_the_responses(net: Network) -> None:
    baseline_on = (date.today() - timedelta(days=40)).isoformat()
    for _ in range(3):
        member_id = (await net.member())["id"]
        for wave, on in (("baseline", baseline_on), ("follow_up", None)):
            extra = {"answered_on": on} if on else {}
            answers = {"quality_of_life": "a_lot", "gave_time_before": "never"}
            r = await respond(net, answers, member_id=member_id, wave=wave, **extra)
            assert r.status_code == 201, r.text
    async with net.pool.acquire() as conn:
        assert (await integrity.check(conn)).problems == []
        await conn.execute(
            "UPDATE survey_answer_counts SET n = n + 1 WHERE question_id = 'quality_of_life'"
        )
        await conn.execute("DELETE FROM survey_pair_sums WHERE question_id = 'gave_time_before'")
        problems = (await integrity.check(conn)).problems
    assert problems == [
        "4 row(s) of survey_answer_counts disagree with the survey responses",
        "1 row(s) of survey_pair_sums disagree with the survey responses",
    ]
