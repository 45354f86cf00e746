"""The demo network's survey responses reproduce the seeds' health & social care figures."""

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.services import demo
from app.services.demo_surveys import DEMO_PROGRAMME


@pytest.mark.slow  # the whole demo network, in one transaction
async def test_the_demo_programme_shows_the_seeds_health_and_social_care_figures(
    app: FastAPI, pool: asyncpg.Pool, client: httpx.AsyncClient
) -> None:
    async with pool.acquire() as conn, conn.transaction():
        summary = await demo.load(conn, env=app.state.env)
    programme = await pool.fetchval("SELECT id FROM programmes WHERE name = $1", DEMO_PROGRAMME)
    operator = {"Authorization": f"Bearer {summary.keys[0].secret}"}
    r = await client.get(
        f"/v1/programmes/{programme}/outcomes",
        params={"template_id": "programme-evaluation"},
        headers=operator,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["respondents"] == 20
    shares = {q["id"]: q["percent_positive"] for q in body["questions"] if q["n"]}
    # seeds/000, 001: the 2018 Evaluation Survey filtered for health and social care.
    assert shares == {
        "quality_of_life": 61,
        "mental_health": 44,
        "physical_health": 37,
        "manage_health": 40,
        "know_services": 31,
        "less_need_gp": 19,
        "less_need_social_care": 16,
        "gave_time_before": None,  # a single choice: counts, no share positive
    }
    before = next(q for q in body["questions"] if q["id"] == "gave_time_before")["counts"]
    assert before["never"] + before["rarely"] == 12  # 60% of 20 never or rarely gave time
    r = await client.get(
        f"/v1/programmes/{programme}/outcomes", params={"template_id": "ons4"}, headers=operator
    )
    paired = {p["id"]: p for p in r.json()["paired"]["questions"]}
    assert paired["life_satisfaction"]["pairs"] == 20
    assert paired["life_satisfaction"]["mean_change"] > 0 > paired["anxiety"]["mean_change"]
