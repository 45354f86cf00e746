"""The unit of work from callers that are not REST routers (DESIGN §7: "whoever asks for
it"): a service calling `unit_of_work.write` itself, the demo loader, and the CLI's
`bootstrap` and `issue-key` run as an operator runs them. Each write is idempotent on its
key, records its event in its own transaction, and only one."""

import asyncio
import json
import os
import subprocess
from typing import Any

import asyncpg
import pytest
from fastapi import FastAPI

from app.models.ledger import EarningCreate, GiftCreate, SpendCreate, TransferRead
from app.models.members import MemberCreate
from app.services import demo, integrity, ledger, members, unit_of_work
from app.services.errors import IdempotencyKeyReused
from app.services.events import seen
from tests.api.support import assert_unchanged, snapshot
from tests.conftest import PEPPER
from tests.events.support import caller_for, events_of, feed, without_balance
from tests.ledger.support import CLI, transfer_count
from tests.network import Network


def _operation(net: Network, asha: dict[str, Any], what: str, **change: Any) -> tuple[Any, Any]:
    """(operation, input) for one write the partner makes for its member asha."""
    if what == "spend":
        body = {"member_id": asha["id"], "organisation_id": net.venue.id, "credits": 2}
        return ledger.spend, SpendCreate(**{**body, **change})
    if what == "earning":
        return ledger.earn, EarningCreate(**{"member_id": asha["id"], "hours": 2, **change})
    if what == "earning by card":
        body = {"card_number": asha["card_number"], "hours": 2}
        return ledger.earn, EarningCreate(**{**body, **change})
    if what == "gift":
        body = {"from_member_id": asha["id"], "to_organisation_id": net.venue.id, "credits": 2}
        return ledger.gift, GiftCreate(**{**body, **change})
    assert what == "member"
    body = {"display_name": "Ben A.", "programme_id": net.programme_id}
    return members.register, MemberCreate(**{**body, **change})


# The second input differs from the first in one field: the key is bound to the input.
CHANGED = {
    "spend": {"credits": 3},
    "earning": {"hours": 3},
    "earning by card": {"activity": "another shift"},
    "gift": {"message": "thanks"},
    "member": {"display_name": "Ben B."},
}


@pytest.mark.parametrize("in_transaction", [False, True], ids=["own", "callers transaction"])
@pytest.mark.parametrize("what", list(CHANGED))
async def test_a_service_writing_twice_with_one_key_makes_one_change_and_one_event(
    net: Network, app: FastAPI, pool: asyncpg.Pool, what: str, in_transaction: bool
) -> None:
    asha = await net.funded_member(10)
    caller = caller_for(net.partner)
    operation, body = _operation(net, asha, what)
    changes_before = await transfer_count(pool) + await pool.fetchval(
        "SELECT count(*) FROM members"
    )

    async with pool.acquire() as conn:
        tx = conn.transaction() if in_transaction else None
        if tx:
            await tx.start()
        first = await unit_of_work.write(conn, app.state.env, caller, operation, body, key="k1")
        again = await unit_of_work.write(conn, app.state.env, caller, operation, body, key="k1")
        other, changed = _operation(net, asha, what, **CHANGED[what])
        with pytest.raises(IdempotencyKeyReused):
            await unit_of_work.write(conn, app.state.env, caller, other, changed, key="k1")
        if tx:
            await tx.commit()

    assert (first.status, first.replayed) == (201, False)
    assert (again.status, again.replayed) == (201, True)
    assert again.body == first.body
    assert again.model == first.model
    changes_after = await transfer_count(pool) + await pool.fetchval("SELECT count(*) FROM members")
    assert changes_after == changes_before + 1
    made = json.loads(first.body)
    (event,) = await events_of(pool, made["id"])
    data = json.loads(event["data"])
    assert data == (without_balance(made) if isinstance(first.model, TransferRead) else made)
    # Partners polling the feed see it like any other.
    seen, _ = await feed(net.client, net.partner)
    assert [e["data"] for e in seen if e["data"]["id"] == made["id"]] == [data]


async def test_a_service_write_without_a_key_is_not_remembered_and_records_each_event(
    net: Network, app: FastAPI, pool: asyncpg.Pool
) -> None:
    asha = await net.funded_member(10)
    operation, body = _operation(net, asha, "spend")
    async with pool.acquire() as conn:
        outcomes = [
            await unit_of_work.write(conn, app.state.env, caller_for(net.partner), operation, body)
            for _ in range(2)
        ]
    ids = [json.loads(o.body)["id"] for o in outcomes]
    assert len(set(ids)) == 2 and not any(o.replayed for o in outcomes)
    assert [len(await events_of(pool, i)) for i in ids] == [1, 1]
    assert await pool.fetchval("SELECT count(*) FROM idempotency_keys") == 0


@pytest.mark.slow  # the whole demo network, in one transaction
async def test_the_demo_loader_records_one_event_for_each_member_and_transfer(
    app: FastAPI, pool: asyncpg.Pool
) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await demo.load(conn, env=app.state.env)

    report = await _integrity(pool)
    assert report.ok, report.problems  # every transfer has exactly one event of its type
    missing = await pool.fetchval(
        """SELECT count(*) FROM members m
            WHERE (SELECT count(*) FROM events e
                    WHERE e.resource_id = m.id AND e.type = 'member.created') <> 1"""
    )
    assert missing == 0
    assert await pool.fetchval(
        "SELECT count(*) FROM events WHERE type NOT LIKE 'referral.%' "
        "AND type <> 'survey_response.created'"
    ) == await pool.fetchval(
        "SELECT (SELECT count(*) FROM members) + (SELECT count(*) FROM transfers)"
    )
    # A survey response's event: one each (demo_surveys.py).
    assert (
        await pool.fetchval(
            """SELECT count(*) FROM survey_responses r
                WHERE (SELECT count(*) FROM events e WHERE e.resource_id = r.id
                          AND e.type = 'survey_response.created') <> 1"""
        )
        == 0
    )
    # A referral's events: created once, updated once for each step it took.
    assert (
        await pool.fetchval(
            """SELECT count(*) FROM referrals r
                WHERE (SELECT count(*) FROM events e WHERE e.resource_id = r.id)
                   <> 1 + (accepted_at IS NOT NULL)::int + (declined_at IS NOT NULL)::int
                      + (first_attended_at IS NOT NULL)::int + (closed_at IS NOT NULL)::int"""
        )
        == 0
    )
    # Each as of its (backdated) change, seen by its parties.
    assert (
        await pool.fetchval(
            f"""SELECT count(*) FROM events e JOIN transfers t ON t.id = e.resource_id
            WHERE e.created_at <> t.created_at OR NOT {seen("t.organisation_id")}"""
        )
        == 0
    )


async def _integrity(pool: asyncpg.Pool) -> integrity.LedgerReport:
    async with pool.acquire() as conn:
        return await integrity.check(conn)


async def _cli(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMECREDITS_")}
    env.update(DATABASE_URL=database_url, TIMECREDITS_KEY_PEPPER=PEPPER)
    return await asyncio.to_thread(
        subprocess.run, [CLI, *args], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow  # subprocesses
async def test_the_cli_writes_through_the_unit_of_work_once_and_leaves_the_feed_alone(
    database_url: str, pool: asyncpg.Pool, client: Any
) -> None:
    """`bootstrap` and `issue-key` are writes from the terminal: `bootstrap` makes the
    operator once (a second run is refused and writes nothing), `issue-key` one key per
    run. Organisations and keys have no event type (DESIGN §5), so neither records an
    event: the outbox holds changes partners can be told about, nothing else."""
    done = await _cli(database_url, "bootstrap", "--json")
    assert done.returncode == 0, done.stderr
    operator = json.loads(done.stdout)
    after_bootstrap = await snapshot(pool)
    assert (after_bootstrap["organisations"], after_bootstrap["api_keys"]) == (1, 1)
    assert (after_bootstrap["events"], after_bootstrap["event_audience"]) == (0, 0)

    again = await _cli(database_url, "bootstrap", "--json")
    assert again.returncode == 1 and "already" in again.stderr, (again.stdout, again.stderr)
    assert_unchanged(after_bootstrap, await snapshot(pool))

    issued = await _cli(database_url, "issue-key", operator["organisation_id"], "--json")
    assert issued.returncode == 0, issued.stderr
    after_issue = await snapshot(pool)
    assert after_issue["api_keys"] == 2
    assert (after_issue["events"], after_issue["event_audience"]) == (0, 0)
    headers = {"Authorization": f"Bearer {json.loads(issued.stdout)['secret']}"}
    r = await client.get("/v1/events", headers=headers)
    assert r.status_code == 200 and r.json()["data"] == [], r.text
