"""Many partners post at once: real concurrent requests against real PostgreSQL row locks.

Requests are issued with asyncio.gather through the ASGI transport; each takes its own pooled
connection, so they genuinely race in the database."""

import asyncio
import random
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from decimal import Decimal

import asyncpg
import httpx
import pytest

from app.services import unit_of_work
from app.services.errors import Conflict
from tests.ledger.support import (
    account_id_of_member,
    account_locked,
    assert_ledger_consistent,
    check_ledger_cli,
    earn,
    gift,
    ledger_report,
    org_balance,
    reverse,
    spend,
    transfer_count,
    wait_for_lock_waiters,
)
from tests.network import Network


def _codes(responses: list[httpx.Response]) -> Counter[tuple[int, str | None]]:
    return Counter(
        (r.status_code, None if r.status_code < 400 else r.json().get("code")) for r in responses
    )


@pytest.mark.slow  # runs the CLI
async def test_fifty_concurrent_spends_against_ten_credits_give_ten_successes_and_forty_insufficient_credits(  # noqa: E501
    net: Network, pool: asyncpg.Pool, database_url: str
) -> None:
    asha = await net.funded_member(10)
    venue_before = await org_balance(pool, net.venue.id)

    responses = await asyncio.gather(*(spend(net, asha["id"], 1) for _ in range(50)))

    assert _codes(responses) == {(201, None): 10, (409, "insufficient_credits"): 40}
    for r in responses:
        if r.status_code == 409:
            assert r.headers["content-type"].startswith("application/problem+json")
    balances_seen = sorted(r.json()["member_balance"] for r in responses if r.status_code == 201)
    assert balances_seen == [f"{n}.00" for n in range(10)]  # each success saw its own balance
    assert await net.balance(asha["id"]) == 0
    assert await org_balance(pool, net.venue.id) - venue_before == 10
    assert await transfer_count(pool, "spend") == 10
    await assert_ledger_consistent(pool)
    cli = await check_ledger_cli(database_url)
    assert cli.returncode == 0, cli.stderr
    assert "ledger OK" in cli.stdout


async def test_mixed_concurrent_earn_spend_gift_and_reversal_traffic_never_leaks_a_deadlock_and_keeps_the_books(  # noqa: E501
    net: Network, pool: asyncpg.Pool
) -> None:
    """Earns by two organisations, spends, member-to-member and member-to-organisation gifts
    and reversals, all racing over a handful of wallets. Every answer is a success or a
    clean 409; the balances are exactly what the successful responses say moved."""
    rng = random.Random(20261123)
    partners = [net.partner, net.other]
    members = [await net.member(net.partner, display_name=f"P{i}") for i in range(3)]
    members += [await net.member(net.other, display_name=f"O{i}") for i in range(2)]
    home = {
        m["id"]: (net.partner if m["home_organisation_id"] == net.partner.id else net.other)
        for m in members
    }
    seeded = []
    for m in members:
        r = await earn(net, m["id"], 5, by=home[m["id"]])
        assert r.status_code == 201, r.text
        seeded.append((home[m["id"]], r.json()["id"]))
    before = {m["id"]: await net.balance(m["id"]) for m in members}
    orgs = [net.partner, net.other, net.venue]
    org_before = {o.id: await org_balance(pool, o.id) for o in orgs}

    def one() -> Callable[[], Awaitable[httpx.Response]]:
        m = rng.choice(members)
        amount = rng.choice([1, 2, "0.5", "1.25", 3])
        op = rng.choice(["earn", "earn_by_card", "spend", "gift", "gift_org", "reverse"])
        if op == "earn":
            return lambda: earn(net, m["id"], amount, by=home[m["id"]])
        if op == "earn_by_card":
            by = rng.choice(partners)
            return lambda: net.client.post(
                "/v1/earnings",
                headers=by.headers,
                json={"card_number": m["card_number"], "hours": amount},
            )
        if op == "spend":
            return lambda: spend(net, m["id"], amount, by=home[m["id"]])
        if op == "gift":
            to = rng.choice([x for x in members if x is not m])
            return lambda: gift(net, m["id"], amount, to_member_id=to["id"], by=home[m["id"]])
        if op == "gift_org":
            to_org = rng.choice(orgs)
            return lambda: gift(
                net, m["id"], amount, to_organisation_id=to_org.id, by=home[m["id"]]
            )
        poster, transfer_id = rng.choice(seeded)
        return lambda: reverse(net, transfer_id, by=poster)

    calls = [one() for _ in range(120)]
    responses = await asyncio.gather(*(call() for call in calls))

    for r in responses:
        assert r.status_code in (201, 409), r.text
        if r.status_code == 409:
            assert r.json()["code"] in ("insufficient_credits", "conflict"), r.text
    assert sum(r.status_code == 201 for r in responses) > 20
    reversals = [r for r in responses if r.status_code == 201 and r.json()["kind"] == "reversal"]
    assert len({r.json()["reverses"] for r in reversals}) == len(reversals)

    moved: defaultdict[str, Decimal] = defaultdict(Decimal)
    for r in responses:
        if r.status_code == 201:
            body = r.json()
            moved[body["from"]["id"]] -= Decimal(body["credits"])
            moved[body["to"]["id"]] += Decimal(body["credits"])
    for m in members:
        assert await net.balance(m["id"]) == before[m["id"]] + moved[m["id"]]
        assert await net.balance(m["id"]) >= 0
    for o in orgs:
        assert await org_balance(pool, o.id) == org_before[o.id] + moved[o.id]
    await assert_ledger_consistent(pool)


async def _race_two_reversals(
    net: Network, pool: asyncpg.Pool, member_id: str, transfer_id: str
) -> list[httpx.Response]:
    """Both reversals read the transfer (not yet reversed) before either posts: we hold the
    member's account lock until both are queued on it, then let them go."""
    account_id = await account_id_of_member(pool, member_id)
    async with account_locked(pool, account_id):
        racers = [asyncio.create_task(reverse(net, transfer_id)) for _ in range(2)]
        await wait_for_lock_waiters(pool, 2)
    return list(await asyncio.gather(*racers))


async def test_two_concurrent_reversals_of_one_earning_give_one_reversal_and_one_conflict(
    net: Network, pool: asyncpg.Pool
) -> None:
    """The member holds more than the earning, so both reversals could be paid: only the
    at-most-once rule stops the second."""
    asha = await net.funded_member(20)
    for _ in range(3):
        r = await earn(net, asha["id"], 2)
        assert r.status_code == 201, r.text
        responses = await _race_two_reversals(net, pool, asha["id"], r.json()["id"])
        assert _codes(responses) == {(201, None): 1, (409, "conflict"): 1}, [
            x.text for x in responses
        ]
    assert await net.balance(asha["id"]) == 20
    assert await transfer_count(pool, "reversal") == 3
    await assert_ledger_consistent(pool)


async def test_two_concurrent_reversals_of_a_members_whole_balance_give_one_reversal_and_one_conflict(  # noqa: E501
    net: Network, pool: asyncpg.Pool
) -> None:
    """The member holds exactly the earning: the loser of the race must still be told the
    transfer was already reversed (409 conflict), not that the member is short of credits
    (which invites a retry after funding that can only fail again)."""
    asha = await net.member()
    r = await earn(net, asha["id"], 2)
    assert r.status_code == 201, r.text
    responses = await _race_two_reversals(net, pool, asha["id"], r.json()["id"])
    assert await net.balance(asha["id"]) == 0
    await assert_ledger_consistent(pool)
    assert _codes(responses) == {(201, None): 1, (409, "conflict"): 1}, [x.text for x in responses]


async def test_concurrent_earnings_draining_an_allocation_never_take_it_below_zero(
    net: Network, pool: asyncpg.Pool
) -> None:
    cafe = await net.organisation("Bruce Castle Café", ["earn_partner"])
    await net.allocate(cafe, 10)
    members = [await net.member(cafe, display_name=f"M{i}") for i in range(4)]
    rng = random.Random(7)
    hours = [rng.choice([1, 2, 3, "0.5"]) for _ in range(30)]
    seen: list[Decimal] = []
    done = asyncio.Event()

    async def watch() -> None:  # sample the allocation while the earnings race
        while not done.is_set():
            seen.append(await org_balance(pool, cafe.id))
            await asyncio.sleep(0)

    watcher = asyncio.create_task(watch())
    responses = await asyncio.gather(
        *(earn(net, members[i % 4]["id"], h, by=cafe) for i, h in enumerate(hours))
    )
    done.set()
    await watcher

    assert set(_codes(responses)) <= {(201, None), (409, "insufficient_credits")}
    given = sum(
        (Decimal(str(h)) for h, r in zip(hours, responses, strict=True) if r.status_code == 201),
        Decimal(0),
    )
    refused = [
        Decimal(str(h)) for h, r in zip(hours, responses, strict=True) if r.status_code == 409
    ]
    left = await org_balance(pool, cafe.id)
    assert left == 10 - given >= 0
    assert refused, "30 earnings against 10 credits must refuse some"
    # A refusal means the allocation was below that amount then, and it only shrinks after.
    assert left < min(refused)
    assert min(seen) >= 0
    assert sum([await net.balance(m["id"]) for m in members], Decimal(0)) == given
    report = await ledger_report(pool)
    assert report.ok, report.problems


async def test_a_transaction_that_keeps_losing_deadlocks_is_retried_then_refused_with_409() -> None:
    """Bounded: a victim runs again up to ATTEMPTS times in all, then the client gets a 409
    to retry, never the database's error."""
    calls = 0

    async def always_a_victim() -> None:
        nonlocal calls
        calls += 1
        raise asyncpg.DeadlockDetectedError("deadlock detected")

    with pytest.raises(Conflict):
        await unit_of_work.retrying(always_a_victim)
    assert calls == unit_of_work.ATTEMPTS

    async def second_time_lucky() -> str:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise asyncpg.SerializationError("could not serialize access")
        return "done"

    calls = 0
    assert await unit_of_work.retrying(second_time_lucky) == "done"
    assert calls == 2


async def test_moves_in_every_direction_at_once_never_fail_and_never_overdraw(
    net: Network, pool: asyncpg.Pool
) -> None:
    """ledger_move itself, from 8 connections moving random amounts between three members'
    accounts in random directions: each move is made or refused (no error: a move made
    affordable by a concurrent credit must not be judged on the balance its snapshot saw,
    migration 0023), no balance goes below zero and the credits are all still there."""
    accounts = []
    for _ in range(3):
        accounts.append(await account_id_of_member(pool, (await net.funded_member(5))["id"]))
    rng = random.Random(25)
    moves = [
        [(*rng.sample(accounts, 2), rng.randint(1, 300)) for _ in range(100)] for _ in range(8)
    ]

    async def mover(i: int, plan: list[tuple[int, int, int]]) -> Counter[str]:
        seen: Counter[str] = Counter()
        async with pool.acquire() as db:
            for k, (debit, credit, amount) in enumerate(plan):
                moved = await db.fetch(
                    "SELECT * FROM ledger_move($1, 'gift', $2, $3, $4, $5, $6, NULL, NULL, "
                    "'{}'::jsonb)",
                    f"txn_move{i:02d}{k:06d}",
                    debit,
                    credit,
                    amount,
                    net.programme_id,
                    net.partner.id,
                )
                seen["made" if moved else "refused"] += 1
        return seen

    outcomes = await asyncio.gather(*(mover(i, plan) for i, plan in enumerate(moves)))
    total = sum(outcomes, Counter())
    assert total["made"] + total["refused"] == 800 and total["made"] > 100, total
    balances = await pool.fetch("SELECT balance FROM accounts WHERE id = ANY($1)", accounts)
    assert sorted(b["balance"] >= 0 for b in balances) == [True] * 3
    assert sum(b["balance"] for b in balances) == 3 * 500
