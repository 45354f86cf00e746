"""A dashboard's query costs a fixed number of SQL statements, whatever its size: each
level of children (programmes → organisations → offers, and the organisations'
programmes) is one batched statement (app/graphql/loaders.py)."""

from typing import Any

import asyncpg
from fastapi import FastAPI

from app.auth.caller import Caller
from app.graphql.context import Context
from app.graphql.schema import build
from app.settings import Settings
from tests.network import Network

DASHBOARD = """{
  programmes(first: 200) {
    edges { node {
      id name
      organisations {
        id name
        offers { id title credits organisationName }
        programmes { id name }
      }
    } }
  }
}"""


async def _organisations_with_offers(net: Network, programme_ids: list[str], count: int) -> None:
    start = len(net.extra.setdefault("dashboard", []))
    for i in range(start, start + count):
        r = await net.client.post(
            "/v1/organisations",
            headers=net.operator.headers,
            json={
                "name": f"Venue {i:03d}",
                "roles": ["spend_partner"],
                "programme_ids": programme_ids,
            },
        )
        assert r.status_code == 201, r.text
        headers = {"Authorization": f"Bearer {r.json()['api_key']['secret']}"}
        for j in range(10):
            body = {"title": f"Swim {i}-{j}", "category": "swimming", "credits": "1"}
            r = await net.client.post("/v1/offers", headers=headers, json=body)
            assert r.status_code == 201, r.text
        net.extra["dashboard"].append(i)


async def _statements(pool: asyncpg.Pool, settings: Settings, caller: Caller) -> tuple[int, Any]:
    """Run the dashboard on one connection, counting the statements it sends."""
    schema = build(settings)
    seen: list[str] = []
    async with pool.acquire() as db:

        def log(record: Any) -> None:
            seen.append(record.query)

        db.add_query_logger(log)
        try:
            ctx = Context(db=db, caller=caller, env=settings.service_env)
            result = await schema.execute(DASHBOARD, context_value=ctx)
        finally:
            db.remove_query_logger(log)
    assert result.errors is None, result.errors
    return len(seen), result.data


async def test_a_dashboards_statements_do_not_grow_with_its_size(
    net: Network, app: FastAPI, settings: Settings
) -> None:
    r = await net.client.post(
        "/v1/programmes",
        headers=net.operator.headers,
        json={"name": "Second", "place": "Leeds", "focus": "Arts", "starts_on": "2020-01-01"},
    )
    assert r.status_code == 201, r.text
    programmes = [net.programme_id, r.json()["id"]]
    caller = Caller(
        net.partner.id, None, frozenset(["earn_partner"]), frozenset(["directory:read"])
    )

    await _organisations_with_offers(net, programmes, 5)
    small, data = await _statements(app.state.pool, settings, caller)
    await _organisations_with_offers(net, programmes, 45)
    large, data = await _statements(app.state.pool, settings, caller)

    nodes = [e["node"] for e in data["programmes"]["edges"]]
    assert len(nodes) == 2
    for programme in nodes:
        venues = [o for o in programme["organisations"] if o["name"].startswith("Venue")]
        assert len(venues) == 50
        assert all(len(o["offers"]) == 10 for o in venues)
        assert all({p["id"] for p in o["programmes"]} == set(programmes) for o in venues)
    # programmes; organisations of both; offers of all; programmes of all: 4 statements.
    assert 4 <= small == large <= 6, (small, large)
