"""Reading the events feed the way a partner does, and the assertions the events tests share."""

from typing import Any

import asyncpg
import httpx

from app.auth.caller import Caller
from app.auth.scopes import allowed_for
from app.services.events import seen
from tests.api.support import assert_problem
from tests.network import Network, Org


def caller_for(org: Org) -> Caller:
    """The organisation acting with a key holding every scope its roles allow (no key id:
    as the CLI and the demo loader act)."""
    return Caller(org.id, None, frozenset(org.roles), allowed_for(org.roles))


def organisations(net: Network) -> dict[str, Org]:
    """Every organisation of the network, by id (the operator, the two earn partners, the
    venue, and any the test added to net.extra["orgs"])."""
    orgs = [net.operator, net.partner, net.venue, net.other, *net.extra.get("orgs", [])]
    return {o.id: o for o in orgs}


async def page(
    client: httpx.AsyncClient, org: Org, **params: Any
) -> tuple[list[dict[str, Any]], str, bool]:
    """One page of org's feed: (events, next_cursor, has_more)."""
    r = await client.get("/v1/events", headers=org.headers, params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"data", "next_cursor", "has_more"}, body
    assert isinstance(body["next_cursor"], str) and body["next_cursor"], body
    return body["data"], body["next_cursor"], body["has_more"]


async def feed(
    client: httpx.AsyncClient,
    org: Org,
    *,
    after: str | None = None,
    limit: int = 200,
    **params: Any,
) -> tuple[list[dict[str, Any]], str]:
    """org's whole feed after `after`, walked page by page: (events, the cursor to poll
    with next)."""
    seen: list[dict[str, Any]] = []
    while True:
        query = {"limit": limit, **params, **({"after": after} if after else {})}
        data, after, more = await page(client, org, **query)
        seen += data
        if not more:
            return seen, after


async def events_about(client: httpx.AsyncClient, org: Org, resource_id: str) -> list[dict]:
    """The events in org's feed about one resource (a member or a transfer)."""
    events, _ = await feed(client, org)
    return [e for e in events if e["data"]["id"] == resource_id]


async def assert_seen_by_exactly(
    net: Network, resource_id: str, type_: str, audience: set[str]
) -> dict[str, Any]:
    """The one event about `resource_id` is in the feed of every organisation in `audience`
    (and readable by its id), and in no other organisation's feed (its id a 404 for them).
    Returns the event."""
    orgs = organisations(net)
    assert audience <= set(orgs), (audience, set(orgs))
    seen: dict[str, dict[str, Any]] = {}
    for org_id, org in orgs.items():
        found = await events_about(net.client, org, resource_id)
        if org_id in audience:
            assert len(found) == 1, f"{org_id} sees {len(found)} events about {resource_id}"
            seen[org_id] = found[0]
        else:
            assert found == [], f"{org_id} is not a party yet sees {found}"
    (event,) = {repr(e): e for e in seen.values()}.values()  # the same for every viewer
    assert event["type"] == type_, event
    assert set(event) == {"id", "type", "created_at", "data"}, event
    assert event["id"].startswith("evt_"), event
    for org_id, org in orgs.items():
        r = await net.client.get(f"/v1/events/{event['id']}", headers=org.headers)
        if org_id in audience:
            assert r.status_code == 200, r.text
            assert r.json() == event
        else:
            assert_problem(r, 404, "not_found")
            assert resource_id not in r.text, r.text
    return event


def without_balance(transfer: dict[str, Any]) -> dict[str, Any]:
    """A transfer as its event carries it: the same for every viewer, so no member_balance."""
    return {**transfer, "member_balance": None}


def assert_same_json(a: Any, b: Any) -> None:
    """Equal, and every object's keys in the same order (the resource exactly as REST
    wrote it)."""
    assert a == b, (a, b)
    if isinstance(a, dict):
        assert list(a) == list(b), (list(a), list(b))
        for k in a:
            assert_same_json(a[k], b[k])
    elif isinstance(a, list):
        for x, y in zip(a, b, strict=True):
            assert_same_json(x, y)


async def event_rows(pool: asyncpg.Pool, organisation_id: str | None = None) -> list[int]:
    """Sequence numbers of the recorded events (those one organisation may see)."""
    rows = await pool.fetch(
        f"""SELECT e.seq FROM events e
            WHERE $1::text IS NULL OR {seen("$1")}
            ORDER BY e.xid, e.seq""",
        organisation_id,
    )
    return [r["seq"] for r in rows]


async def events_of(pool: asyncpg.Pool, resource_id: str) -> list[asyncpg.Record]:
    return await pool.fetch(
        "SELECT seq, type, data::text AS data FROM events WHERE resource_id = $1 ORDER BY seq",
        resource_id,
    )
