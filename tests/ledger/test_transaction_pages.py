"""Lists of transactions and the events feed are index-bounded (app/services/transfers.py,
app/services/events.py): a page costs the same whatever the size of the ledger.

The statements are the ones the service really runs: every request below goes through the
app with a connection that records its queries (the `get_db` dependency, overridden), and
each recorded statement touching the ledger or the outbox is planned again with its own
arguments, with sequential scans disabled: a Seq Scan left in such a plan means no index
path exists at all. Both plans PostgreSQL may use for a prepared statement are checked: the
custom plan (built for the arguments) and the generic one (reused for any arguments, which
asyncpg's prepared statements get after a few runs).

Then, behaviourally: walking the pages with `after` returns every transfer exactly once,
newest first, for an organisation whose transfers fall in several of the ranges at once."""

import json
from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime
from typing import Any

import asyncpg
import pytest
from fastapi import FastAPI, Request

from app.api.deps import get_db
from tests.ledger.support import earn, gift, reverse, spend
from tests.network import Network, Org

WATCHED = {"transfers", "events", "event_audience"}


class Recorder:
    def __init__(self) -> None:
        self.queries: list[tuple[str, tuple[Any, ...]]] = []

    def __call__(self, logged: Any) -> None:
        if logged.exception is None:
            self.queries.append((logged.query, tuple(logged.args or ())))


@pytest.fixture
def recorder(app: FastAPI) -> Iterator[Recorder]:
    """Every query requests run from here on, with its arguments."""
    recorder = Recorder()

    async def recording_db(request: Request) -> AsyncIterator[asyncpg.Connection]:
        state = request.app.state
        async with state.db_gate, state.pool.acquire() as conn:
            conn.add_query_logger(recorder)
            try:
                yield conn
            finally:
                conn.remove_query_logger(recorder)

    app.dependency_overrides[get_db] = recording_db
    yield recorder
    del app.dependency_overrides[get_db]


def _literal(value: Any) -> str:
    """An argument as an SQL literal for EXECUTE (the prepared statement's parameter type
    gives it its type)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime | date):
        value = value.isoformat()
    if isinstance(value, list | tuple):
        value = "{" + ",".join(json.dumps(str(v)) for v in value) + "}"
    assert isinstance(value, str), type(value)
    return "'" + value.replace("'", "''") + "'"


def _seq_scans(plan: Any) -> list[str]:
    """Relation names under Seq Scan nodes of an EXPLAIN (FORMAT JSON) plan."""
    found: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        if node.get("Node Type") == "Seq Scan":
            found.append(node.get("Relation Name", "?"))
        for child in node.get("Plans", []):
            walk(child)

    for entry in json.loads(plan) if isinstance(plan, str) else plan:
        walk(entry["Plan"])
    return found


async def _plans(pool: asyncpg.Pool, query: str, args: tuple[Any, ...]) -> dict[str, list[str]]:
    """The Seq Scans of the statement's custom and generic plans, sequential scans off."""
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute("SET LOCAL enable_seqscan = off")
        custom = await conn.fetchval(f"EXPLAIN (FORMAT JSON) {query}", *args)
        await conn.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        await conn.execute(f"PREPARE paged AS {query}")
        try:
            values = ", ".join(_literal(a) for a in args)
            generic = await conn.fetchval(
                f"EXPLAIN (FORMAT JSON) EXECUTE paged{f'({values})' if args else ''}"
            )
        finally:
            await conn.execute("DEALLOCATE paged")
    return {"custom": _seq_scans(custom), "generic": _seq_scans(generic)}


def _reads_watched(query: str) -> bool:
    head = query.lstrip().split(None, 1)[0].upper()
    return head in {"SELECT", "WITH"} and any(t in query for t in WATCHED)


async def _history(net: Network) -> dict[str, Any]:
    """The partner posts (earnings), is debited (earnings), credited (allocations, a gift
    to it, reversals of its own earnings: posted by and credited to it), and its member
    also moves credits with the venue and another partner's member."""
    asha = await net.member(display_name="Asha")
    ben = await net.member(net.other, display_name="Ben")
    out: dict[str, Any] = {"asha": asha["id"], "ben": ben["id"]}
    earned = []
    for hours in (5, 4, 3, 2):
        r = await earn(net, asha["id"], hours)
        assert r.status_code == 201, r.text
        earned.append(r.json()["id"])
    for txn in earned[:2]:
        assert (await reverse(net, txn)).status_code == 201  # posted by and credited to it
    for _ in range(2):
        assert (await spend(net, asha["id"], 1)).status_code == 201
    assert (await gift(net, asha["id"], 1, to_member_id=ben["id"])).status_code == 201
    r = await earn(net, ben["id"], 3, by=net.other)
    assert r.status_code == 201, r.text
    r = await gift(net, ben["id"], "0.5", to_organisation_id=net.partner.id, by=net.other)
    assert r.status_code == 201, r.text
    await net.allocate(net.partner, 10)
    return out


async def _get(net: Network, org: Org, path: str, **params: Any) -> dict[str, Any]:
    assert None not in params.values(), params
    r = await net.client.get(path, headers=org.headers, params=params)
    assert r.status_code == 200, r.text
    return r.json()


async def _requests(net: Network, w: dict[str, Any]) -> None:
    """The list requests whose statements are checked: first pages and pages after a
    cursor, with and without filters."""
    for org, kind in ((net.partner, "earn"), (net.operator, "allocation")):
        for params in ({}, {"kind": kind}):
            first = await _get(net, org, "/v1/transactions", limit=2, **params)
            assert first["next_cursor"], first
            await _get(net, org, "/v1/transactions", limit=2, after=first["next_cursor"], **params)
    # Filtered to its member: only the home organisation moved the member's credits.
    first = await _get(net, net.partner, "/v1/transactions", member_id=w["asha"], limit=2)
    after = first["next_cursor"]
    await _get(net, net.partner, "/v1/transactions", member_id=w["asha"], limit=2, after=after)
    for org in (net.partner, net.venue, net.operator):
        path = f"/v1/members/{w['asha']}/transactions"
        first = await _get(net, org, path, limit=1)
        await _get(net, org, path, limit=1, after=first["next_cursor"])
        await _get(net, org, path, kind="spend")
    for params in ({}, {"type": "earning.created"}, {"type": ["gift.created", "spend.created"]}):
        first = await _get(net, net.partner, "/v1/events", limit=2, **params)
        await _get(net, net.partner, "/v1/events", limit=2, after=first["next_cursor"], **params)
    one = (await _get(net, net.partner, "/v1/events", limit=1))["data"][0]
    await _get(net, net.partner, f"/v1/events/{one['id']}")
    await _get(net, net.partner, f"/v1/transactions/{one['data']['id']}")


async def test_transaction_lists_and_the_feed_read_only_index_ranges(
    net: Network, pool: asyncpg.Pool, recorder: Recorder
) -> None:
    w = await _history(net)
    await pool.execute("ANALYZE")
    recorder.queries.clear()

    await _requests(net, w)

    statements = {(q, a) for q, a in recorder.queries if _reads_watched(q)}
    assert any("event_audience" in q for q, _ in statements)
    assert any("transfers_credit" in q or "credit_account_id" in q for q, _ in statements)
    scans = []
    for query, args in sorted(statements, key=repr):
        plans = await _plans(pool, query, args)
        for mode, relations in plans.items():
            bad = sorted(set(relations) & WATCHED)
            if bad:
                scans.append(f"{mode} plan scans {bad} sequentially:\n{query}\nargs {args}")
    assert not scans, "\n\n".join(scans)


async def test_the_plan_check_notices_a_statement_without_an_index(pool: asyncpg.Pool) -> None:
    """Guards the check above: a filter no index serves is reported."""
    plans = await _plans(pool, "SELECT id FROM transfers WHERE amount = $1", (100,))
    assert plans == {"custom": ["transfers"], "generic": ["transfers"]}


# Behaviour: pages walked with `after` give every transfer once, newest first.


async def _walk(net: Network, org: Org, path: str, limit: int, **params: Any) -> list[str]:
    ids: list[str] = []
    after = None
    while True:
        query = {"limit": limit, **params, **({"after": after} if after else {})}
        body = await _get(net, org, path, **query)
        ids += [t["id"] for t in body["data"]]
        assert body["has_more"] == (body["next_cursor"] is not None), body
        after = body["next_cursor"]
        if after is None:
            return ids


async def _expected(pool: asyncpg.Pool, where: str, *args: Any) -> list[str]:
    rows = await pool.fetch(
        f"""SELECT t.id FROM transfers t
             WHERE {where} ORDER BY t.seq DESC""",
        *args,
    )
    return [r["id"] for r in rows]


@pytest.mark.parametrize("limit", [1, 2, 3, 50])
async def test_an_organisations_pages_give_each_of_its_transfers_once_newest_first(
    net: Network, pool: asyncpg.Pool, limit: int
) -> None:
    await _history(net)
    mine = """t.organisation_id = $1 OR EXISTS (
                  SELECT FROM accounts a WHERE a.kind = 'organisation' AND a.owner_id = $1
                     AND a.id IN (t.debit_account_id, t.credit_account_id))"""
    expected = await _expected(pool, mine, net.partner.id)
    both = await _expected(
        pool,
        """t.organisation_id = $1 AND t.credit_account_id = (
               SELECT id FROM accounts WHERE kind = 'organisation' AND owner_id = $1)""",
        net.partner.id,
    )
    assert len(both) == 2  # the reversals it posted of its own earnings

    walked = await _walk(net, net.partner, "/v1/transactions", limit)

    assert walked == expected
    for kind in ("earn", "reversal", "allocation", "gift"):
        by_kind = await _walk(net, net.partner, "/v1/transactions", limit, kind=kind)
        kinds = dict(await pool.fetch("SELECT id, kind FROM transfers"))
        assert by_kind == [t for t in expected if kinds[t] == kind]


@pytest.mark.parametrize("limit", [1, 2, 50])
async def test_a_members_pages_give_each_of_their_transfers_once_newest_first(
    net: Network, pool: asyncpg.Pool, limit: int
) -> None:
    w = await _history(net)
    account = await pool.fetchval("SELECT account_id FROM members WHERE id = $1", w["asha"])
    everything = await _expected(
        pool, "t.debit_account_id = $1 OR t.credit_account_id = $1", account
    )
    assert len(everything) >= 8

    # The home organisation sees all of them; the venue the ones it took part in.
    path = f"/v1/members/{w['asha']}/transactions"
    assert await _walk(net, net.partner, path, limit) == everything
    venue_sees = await _walk(net, net.venue, path, limit)
    spends = await _expected(pool, "t.debit_account_id = $1 AND t.kind = 'spend'", account)
    assert venue_sees == spends and len(spends) == 2
    # Filtered to the member, the home organisation's own list gives the same.
    filtered = await _walk(net, net.partner, "/v1/transactions", limit, member_id=w["asha"])
    assert filtered == everything
