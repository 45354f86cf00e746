"""The demo network's figures clear the small-number threshold where a reader looks for them:
every programme's headline and some of its months, so the impact report page's monthly chart
drawn from the demo has bars, not only "fewer than 10"."""

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.services import demo


@pytest.mark.slow  # the whole demo network, in one transaction
async def test_every_demo_programme_has_months_whose_figures_can_be_shown(
    app: FastAPI, pool: asyncpg.Pool, client: httpx.AsyncClient
) -> None:
    async with pool.acquire() as conn, conn.transaction():
        summary = await demo.load(conn, env=app.state.env)
    operator = {"Authorization": f"Bearer {summary.keys[0].secret}"}
    programmes = await pool.fetch("SELECT id, name FROM programmes ORDER BY name")
    assert len(programmes) == 13
    for p in programmes:
        r = await client.get(f"/v1/programmes/{p['id']}/stats", headers=operator)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["people_earned"] is not None and body["people_spent"] is not None, p["name"]
        shown = [
            m["month"]
            for m in body["monthly"]
            if m["people_earned"] is not None
            and m["people_spent"] is not None
            and m["people_earned"] > 0
            and m["people_spent"] > 0
        ]
        assert len(shown) >= demo.GROUP_MONTHS, (p["name"], shown)
