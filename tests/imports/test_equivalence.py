"""The earnings import writes set-based (app/services/imports.py); this checks it leaves
exactly what the same rows sent one by one to POST /v1/earnings leave: the same rows
accepted and refused, transfers, balances, events with their data and audiences, and the
report rollups kept by the transfers trigger.

Each example builds the same network twice on an empty database (so account ids match),
once earning row by row and once importing the rows as one CSV with ?partial=true, and
compares the two ledgers with every random id replaced by what it names. The network
has the programme rule's cases: members of the importer's two programmes, one of a
programme it is not in (found by card), dates before, inside, between and after the
programmes, and an allocation the rows overspend."""

import json
import random
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.services import cards, integrity, signing
from app.services.events import audience_sql
from tests.conftest import PEPPER
from tests.imports.support import CSV
from tests.network import Network, Org

HOURS = ["0.25", "0.5", "1", "1.5", "2", "3", "7.25"]
DAYS = ["2017-06-01", "2018-03-15", "2018-12-31", "2019-07-01", "2020-02-02", "2024-05-05"]
NAMES = ["Asha K.", "Ben T.", "Carmen R.", "Dev P."]


async def _programme(net: Network, name: str, starts_on: str, ends_on: str | None) -> str:
    body = {"name": name, "place": "Haringey", "focus": "Mental Health", "starts_on": starts_on}
    if ends_on:
        body["ends_on"] = ends_on
    r = await net.client.post("/v1/programmes", headers=net.operator.headers, json=body)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def _org(net: Network, name: str, programmes: list[str]) -> Org:
    r = await net.client.post(
        "/v1/organisations",
        headers=net.operator.headers,
        json={"name": name, "roles": ["earn_partner"], "programme_ids": programmes},
    )
    assert r.status_code == 201, r.text
    return Org(r.json()["id"], r.json()["api_key"]["secret"], ["earn_partner"])


async def _build(client: httpx.AsyncClient, pool: asyncpg.Pool) -> tuple[Network, Org, list[str]]:
    """The network, the importing partner and its members' card numbers (in NAMES order)."""
    net = await Network.create(client, pool, PEPPER.encode())
    p2 = await _programme(net, "Tottenham Time", "2018-01-01", "2019-12-31")
    p3 = await _programme(net, "Far Away", "2015-01-01", None)
    p4 = await _programme(net, "Wood Green Ageing", "2019-06-01", None)
    importer = await _org(net, "Importer", [p2, p4])
    far = await _org(net, "Far Partner", [p3])
    for programme, credits in ((p2, 12), (p4, 8)):
        r = await client.post(
            "/v1/allocations",
            headers=net.operator.headers,
            json={"organisation_id": importer.id, "credits": credits, "programme_id": programme},
        )
        assert r.status_code == 201, r.text
    cards = []
    for name, home, programme in zip(
        NAMES, (importer, importer, importer, far), (p2, p4, p2, p3), strict=True
    ):
        member = await net.member(home, display_name=name, programme_id=programme)
        cards.append(member["card_number"])
    # Ben has earned this month already: he is in its figures before the rows come.
    r = await client.post(
        "/v1/earnings", headers=importer.headers, json={"card_number": cards[1], "hours": "0.25"}
    )
    assert r.status_code == 201, r.text
    return net, importer, cards


def _rows(seed: int) -> list[tuple[int, str, str]]:
    """(member index, hours, given_on) per row: every member on every day (small hours, in
    a shuffled order), then larger rows until the allocation runs out."""
    rng = random.Random(seed)
    every = [(m, rng.choice(HOURS[:3]), day) for m in range(len(NAMES)) for day in DAYS]
    rng.shuffle(every)
    more = [(rng.randrange(len(NAMES)), rng.choice(HOURS), rng.choice(DAYS)) for _ in range(15)]
    return every + more


async def _reset(app: FastAPI, tables: list[str]) -> None:
    await app.state.pool.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    signing.forget()


async def _names(pool: asyncpg.Pool) -> dict[str, str]:
    """Every random value in the database → what it names, the same in both runs."""
    out: dict[str, str] = {}
    for r in await pool.fetch("SELECT id, name FROM programmes"):
        out[r["id"]] = "programme " + r["name"]
    for r in await pool.fetch("SELECT id, name FROM organisations"):
        out[r["id"]] = "organisation " + r["name"]
    for r in await pool.fetch("SELECT id, display_name, card_number FROM members"):
        out[r["id"]] = "member " + r["display_name"]
        out[r["card_number"]] = "card of " + r["display_name"]
        out[cards.display(r["card_number"])] = "card of " + r["display_name"]
    for r in await pool.fetch("SELECT id, seq FROM transfers"):
        out[r["id"]] = f"transfer {r['seq']}"
    keys = await pool.fetch(
        "SELECT k.id, o.name, row_number() OVER (PARTITION BY o.id ORDER BY k.created_at) AS n "
        "FROM api_keys k JOIN organisations o ON o.id = k.organisation_id"
    )
    for r in keys:
        out[r["id"]] = f"key {r['n']} of {r['name']}"
    return out


def _named(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, dict):
        return {k: _named(v, names) for k, v in value.items() if k != "created_at"}
    if isinstance(value, list | tuple):
        return [_named(v, names) for v in value]
    return value


async def _ledger(pool: asyncpg.Pool, events: str = "earning.%") -> dict[str, Any]:
    """Everything an earning writes, ids replaced by names, timestamps left out."""
    async with pool.acquire() as db:
        report = await integrity.check(db)
    assert report.ok, report.problems
    names = await _names(pool)
    queries = {
        "transfers": """SELECT seq, kind, debit_account_id, credit_account_id, amount,
                               programme_id, organisation_id, api_key_id, reverses_id,
                               metadata::text AS metadata FROM transfers ORDER BY seq""",
        "accounts": "SELECT id, kind, owner_id, balance FROM accounts ORDER BY id",
        "events": f"""SELECT e.seq, e.type, e.resource_id, e.data::text AS data,
                             {audience_sql()} AS audience
                        FROM events e WHERE e.type LIKE $1 ORDER BY e.seq""",
        "members": """SELECT seq, id, card_number, home_organisation_id, programme_id, account_id,
                             display_name, external_ref, year_of_birth, postcode_district,
                             consent_contact, consent_research, pin_hash, pin_failures
                        FROM members ORDER BY seq""",
        "report_sums": "SELECT * FROM report_sums ORDER BY 1, 2, 3, 4",
        "report_day_sums": "SELECT * FROM report_day_sums ORDER BY 1, 2, 3, 4",
        "report_member_months": "SELECT * FROM report_member_months ORDER BY 1, 2, 3",
        "report_members": """SELECT programme_id, account_id, earn_months::text,
                                    spend_months::text, gift_months::text
                               FROM report_members ORDER BY 1, 2""",
    }
    out: dict[str, Any] = {}
    for name, sql in queries.items():
        rows = []
        for r in await pool.fetch(sql, *([events] if name == "events" else [])):
            row = dict(r)
            for column in ("metadata", "data"):
                if column in row:
                    row[column] = json.loads(row[column])
            if "seq" in row and name == "events":
                row.pop("seq")  # events of setup writes differ in number: order is kept
            row = _named(row, names)
            if "audience" in row:
                row["audience"] = sorted(row["audience"])
            rows.append(row)
        # Ordered by what the ids name (ORDER BY sorted the random ids themselves).
        out[name] = rows if name in ("transfers", "accounts", "events") else sorted(rows, key=repr)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_an_import_leaves_what_the_same_earnings_one_by_one_leave(
    app: FastAPI, client: httpx.AsyncClient, pool: asyncpg.Pool, tables: list[str], seed: int
) -> None:
    rows = _rows(seed)

    _, importer, cards = await _build(client, pool)
    refused_one_by_one = set()
    for i, (member, hours, day) in enumerate(rows):
        r = await client.post(
            "/v1/earnings",
            headers=importer.headers,
            json={
                "card_number": cards[member],
                "hours": hours,
                "given_on": day,
                "activity": "Café",
            },
        )
        assert r.status_code in (201, 409, 422), r.text
        if r.status_code != 201:
            refused_one_by_one.add(i + 2)
    one_by_one = await _ledger(pool)

    await _reset(app, tables)
    _, importer, cards = await _build(client, pool)
    data = "card_number,hours,given_on,activity\r\n" + "".join(
        f"{cards[m]},{h},{d},Café\r\n" for m, h, d in rows
    )
    r = await client.post(
        "/v1/imports/earnings",
        headers={**importer.headers, **CSV},
        content=data.encode(),
        params={"partial": "true"},
    )
    assert r.status_code == 200, r.text
    assert {e["row"] for e in r.json()["errors"]} == refused_one_by_one
    assert r.json()["accepted"] == len(rows) - len(refused_one_by_one)
    imported = await _ledger(pool)

    assert 0 < len(refused_one_by_one) < len(rows), "the example should mix both"
    for table in one_by_one:
        assert imported[table] == one_by_one[table], table


async def test_a_members_import_leaves_what_the_same_registrations_one_by_one_leave(
    app: FastAPI, client: httpx.AsyncClient, pool: asyncpg.Pool, tables: list[str]
) -> None:
    """The members import registers set-based too: the same members, wallets and
    member.created events (data and audience) as POST /v1/members row by row."""
    rows = [
        {"display_name": f"Member {i}", "external_ref": f"REF-{i}", "year_of_birth": 1950 + i,
         "postcode_district": "N17"}
        for i in range(12)
    ]  # fmt: skip
    for row in rows[::3]:
        del row["year_of_birth"]

    net = await Network.create(client, pool, PEPPER.encode())
    for row in rows:
        await net.member(**row)
    one_by_one = await _ledger(pool, "member.%")

    await _reset(app, tables)
    net = await Network.create(client, pool, PEPPER.encode())
    data = "display_name,external_ref,year_of_birth,postcode_district,programme_id\r\n" + "".join(
        f"{r['display_name']},{r['external_ref']},{r.get('year_of_birth', '')},"
        f"{r['postcode_district']},{net.programme_id}\r\n"
        for r in rows
    )
    r = await client.post(
        "/v1/imports/members", headers={**net.partner.headers, **CSV}, content=data.encode()
    )
    assert r.status_code == 200 and r.json()["accepted"] == len(rows), r.text
    imported = await _ledger(pool, "member.%")

    assert len(one_by_one["members"]) == len(rows)
    for table in one_by_one:
        assert imported[table] == one_by_one[table], table
