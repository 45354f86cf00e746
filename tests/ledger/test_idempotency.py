"""Idempotency-Key (DESIGN §4): a retry replays, a reused key is refused, a duplicate racing
the original has exactly one effect, and only completed requests are remembered."""

import asyncio
from decimal import Decimal

import asyncpg
import httpx
import pytest

from tests.ledger.support import (
    account_id_of_member,
    account_locked,
    assert_ledger_consistent,
    earn,
    gift,
    org_balance,
    reverse,
    spend,
    transfer_count,
    wait_for_lock_waiters,
)
from tests.network import Network


def _key(value: str) -> dict[str, str]:
    return {"Idempotency-Key": value}


async def _stored_keys(pool: asyncpg.Pool) -> int:
    return await pool.fetchval("SELECT count(*) FROM idempotency_keys")


# The earning makes its claim, its move and its stored response in one statement
# (ledger.EARN_BY_ID); the other writes do the same in one transaction (responses.write).
# Both paths face the same races. (kind, how the member's balance moves.)
PATHS = pytest.mark.parametrize(("kind", "sign"), [("spend", -1), ("earn", 1)])


async def _move(net: Network, kind: str, member_id: str, amount: int, key: str) -> httpx.Response:
    post = spend if kind == "spend" else earn
    return await post(net, member_id, amount, headers=_key(key))


@PATHS
async def test_twenty_concurrent_posts_with_one_idempotency_key_make_one_transfer_and_twenty_identical_responses(  # noqa: E501
    net: Network, pool: asyncpg.Pool, kind: str, sign: int
) -> None:
    asha = await net.funded_member(10)
    before = await transfer_count(pool, kind)

    responses = await asyncio.gather(
        *(_move(net, kind, asha["id"], 3, "swim-2026-11-23-asha") for _ in range(20))
    )

    assert {r.status_code for r in responses} == {201}
    assert len({r.content for r in responses}) == 1  # byte-identical
    replayed = [r for r in responses if r.headers.get("Idempotent-Replayed") == "true"]
    assert len(replayed) == 19
    assert await transfer_count(pool, kind) == before + 1
    assert await net.balance(asha["id"]) == 10 + sign * 3
    transfer_id = responses[0].json()["id"]
    assert await pool.fetchval("SELECT count(*) FROM transfers WHERE id = $1", transfer_id) == 1


async def test_a_sequential_retry_replays_the_original_status_and_body(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member()
    first = await earn(net, asha["id"], 2, headers=_key("shift-1"), activity="Café shift")
    assert first.status_code == 201, first.text
    assert "Idempotent-Replayed" not in first.headers

    again = await earn(net, asha["id"], 2, headers=_key("shift-1"), activity="Café shift")

    assert again.status_code == 201
    assert again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["content-type"].startswith("application/json")
    assert "x-request-id" in again.headers
    assert await net.balance(asha["id"]) == 2
    assert await transfer_count(pool, "earn") == 1


async def test_the_same_request_written_differently_is_still_a_replay(
    net: Network, pool: asyncpg.Pool
) -> None:
    """1, 1.0 and "1.00" are the same amount: a retry need not reproduce the client's bytes."""
    asha = await net.member()
    first = await earn(net, asha["id"], 1, headers=_key("k"))
    again = await earn(net, asha["id"], "1.00", headers=_key("k"))
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert await transfer_count(pool, "earn") == 1


async def test_the_same_key_with_a_different_body_is_refused_and_writes_nothing(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.funded_member(10)
    first = await spend(net, asha["id"], 1, headers=_key("k-1"))
    assert first.status_code == 201, first.text
    transfers_before = await transfer_count(pool)

    r = await spend(net, asha["id"], 2, headers=_key("k-1"))

    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "idempotency_key_reused"
    assert await transfer_count(pool) == transfers_before
    assert await net.balance(asha["id"]) == 9
    # The original is still what the key replays.
    again = await spend(net, asha["id"], 1, headers=_key("k-1"))
    assert again.status_code == 201 and again.content == first.content


async def test_the_same_key_on_a_different_endpoint_is_refused(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.funded_member(10)
    ben = await net.member(display_name="Ben T.")
    r = await spend(net, asha["id"], 1, headers=_key("k-2"))
    assert r.status_code == 201, r.text
    transfers_before = await transfer_count(pool)

    r = await gift(net, asha["id"], 1, to_member_id=ben["id"], headers=_key("k-2"))

    assert r.status_code == 422, r.text
    assert r.json()["code"] == "idempotency_key_reused"
    assert await transfer_count(pool) == transfers_before
    assert await net.balance(ben["id"]) == 0


@PATHS
async def test_a_reused_key_racing_the_original_is_refused_and_writes_nothing(
    net: Network, pool: asyncpg.Pool, kind: str, sign: int
) -> None:
    asha = await net.funded_member(10)
    before = await transfer_count(pool, kind)
    responses = await asyncio.gather(
        *(_move(net, kind, asha["id"], n, "k-race") for n in (1, 2, 1, 2, 1, 2))
    )
    ok = [r for r in responses if r.status_code == 201]
    refused = [r for r in responses if r.status_code == 422]
    assert len(ok) + len(refused) == 6
    assert {r.json()["code"] for r in refused} == {"idempotency_key_reused"}
    assert len({r.content for r in ok}) == 1
    assert await transfer_count(pool, kind) == before + 1
    moved = int(ok[0].json()["credits"].split(".")[0])
    assert await net.balance(asha["id"]) == 10 + sign * moved


async def test_idempotency_keys_are_per_organisation(net: Network, pool: asyncpg.Pool) -> None:
    """Two organisations may use the same key for their own, unrelated requests."""
    asha = await net.member(net.partner)
    ben = await net.member(net.other, display_name="Ben T.")
    a = await earn(net, asha["id"], 1, by=net.partner, headers=_key("2026-11-23-001"))
    b = await earn(net, ben["id"], 2, by=net.other, headers=_key("2026-11-23-001"))
    assert a.status_code == b.status_code == 201, (a.text, b.text)
    assert "Idempotent-Replayed" not in b.headers
    assert a.json()["id"] != b.json()["id"]
    assert await net.balance(asha["id"]) == 1
    assert await net.balance(ben["id"]) == 2
    assert await _stored_keys(pool) == 2


async def test_a_failed_request_is_not_remembered_so_a_retry_after_funding_succeeds(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.funded_member(1)
    r = await spend(net, asha["id"], 3, headers=_key("swim"))
    assert r.status_code == 409 and r.json()["code"] == "insufficient_credits", r.text
    assert await _stored_keys(pool) == 0

    r = await earn(net, asha["id"], 2)
    assert r.status_code == 201, r.text
    retry = await spend(net, asha["id"], 3, headers=_key("swim"))

    assert retry.status_code == 201, retry.text
    assert "Idempotent-Replayed" not in retry.headers
    assert retry.json()["member_balance"] == "0.00"
    again = await spend(net, asha["id"], 3, headers=_key("swim"))
    assert again.status_code == 201 and again.content == retry.content
    assert again.headers["Idempotent-Replayed"] == "true"


async def test_a_refused_request_racing_its_retries_leaves_the_key_free(
    net: Network, pool: asyncpg.Pool
) -> None:
    """Concurrent duplicates of a request that fails each fail on their own; none replays a
    failure and none is stored."""
    asha = await net.funded_member(1)
    responses = await asyncio.gather(
        *(spend(net, asha["id"], 5, headers=_key("too-much")) for _ in range(5))
    )
    assert {(r.status_code, r.json()["code"]) for r in responses} == {(409, "insufficient_credits")}
    assert not any("Idempotent-Replayed" in r.headers for r in responses)
    assert await _stored_keys(pool) == 0


async def test_a_refused_earning_is_not_remembered_and_its_key_stays_free(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member()
    early = {"given_on": "2014-12-31"}  # before the programme started: 422, nothing written
    responses = await asyncio.gather(
        *(earn(net, asha["id"], 1, headers=_key("shift-9"), **early) for _ in range(5))
    )
    assert {(r.status_code, r.json()["code"]) for r in responses} == {(422, "validation_error")}
    assert await _stored_keys(pool) == 0
    assert await transfer_count(pool, "earn") == 0

    fixed = await earn(net, asha["id"], 1, headers=_key("shift-9"), given_on="2015-01-01")

    assert fixed.status_code == 201, fixed.text
    assert "Idempotent-Replayed" not in fixed.headers
    assert await _stored_keys(pool) == 1


async def test_registering_a_member_with_an_idempotency_key_registers_them_once(
    net: Network, pool: asyncpg.Pool
) -> None:
    body = {"display_name": "Asha K.", "programme_id": net.programme_id, "external_ref": "T-1"}
    responses = await asyncio.gather(
        *(
            net.client.post(
                "/v1/members", headers={**net.partner.headers, **_key("m-1")}, json=body
            )
            for _ in range(10)
        )
    )
    assert {r.status_code for r in responses} == {201}
    assert len({r.content for r in responses}) == 1
    assert sum(r.headers.get("Idempotent-Replayed") == "true" for r in responses) == 9
    assert await pool.fetchval("SELECT count(*) FROM members") == 1
    assert await pool.fetchval("SELECT count(*) FROM accounts WHERE kind = 'member'") == 1

    other = await net.client.post(
        "/v1/members",
        headers={**net.partner.headers, **_key("m-1")},
        json={**body, "external_ref": "T-2"},
    )
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    assert await pool.fetchval("SELECT count(*) FROM members") == 1


async def test_an_allocation_with_an_idempotency_key_mints_credits_once(
    net: Network, pool: asyncpg.Pool
) -> None:
    before = await org_balance(pool, net.venue.id)
    body = {"organisation_id": net.venue.id, "credits": "250.50"}

    def post():
        return net.client.post(
            "/v1/allocations", headers={**net.operator.headers, **_key("alloc-7")}, json=body
        )

    responses = await asyncio.gather(*(post() for _ in range(5)))
    later = await post()

    assert {r.status_code for r in [*responses, later]} == {201}
    assert len({r.content for r in [*responses, later]}) == 1
    assert later.headers["Idempotent-Replayed"] == "true"
    assert await org_balance(pool, net.venue.id) == before + Decimal("250.50")
    allocations = await pool.fetchval(
        "SELECT count(*) FROM transfers t JOIN accounts a ON a.id = t.credit_account_id "
        "WHERE t.kind = 'allocation' AND a.owner_id = $1",
        net.venue.id,
    )
    assert allocations == 1


async def test_a_reversal_with_an_idempotency_key_is_posted_once_and_replayed(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.funded_member(10)
    r = await earn(net, asha["id"], 2)
    transfer_id = r.json()["id"]

    def post():
        return net.client.post(
            f"/v1/transactions/{transfer_id}/reversal",
            headers={**net.partner.headers, **_key("undo-1")},
            json={"reason": "typo"},
        )

    responses = await asyncio.gather(*(post() for _ in range(5)))
    assert {r.status_code for r in responses} == {201}
    assert len({r.content for r in responses}) == 1
    assert await transfer_count(pool, "reversal") == 1
    # Without the key, a second reversal is a plain conflict.
    plain = await reverse(net, transfer_id)
    assert plain.status_code == 409 and plain.json()["code"] == "conflict"


async def test_keys_past_their_retention_are_pruned_in_batches_and_recent_ones_replay(
    net: Network, pool: asyncpg.Pool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import retention

    monkeypatch.setattr(retention, "PRUNE_BATCH", 3)  # several batches for 7 old keys
    m = await net.member()
    for i in range(10):
        r = await earn(net, m["id"], 1, headers={"Idempotency-Key": f"prune-{i}"})
        assert r.status_code == 201, r.text
    await pool.execute(
        """UPDATE idempotency_keys SET created_at = now() - interval '49 hours'
            WHERE key = ANY($1)""",
        [f"prune-{i}" for i in range(7)],
    )
    async with pool.acquire() as db:
        assert await retention.prune(db, older_than_hours=48) == 7
        assert await retention.prune(db, older_than_hours=48) == 0
    left = {r["key"] for r in await pool.fetch("SELECT key FROM idempotency_keys")}
    assert {f"prune-{i}" for i in range(7, 10)} <= left
    assert not left & {f"prune-{i}" for i in range(7)}
    replay = await earn(net, m["id"], 1, headers={"Idempotency-Key": "prune-9"})
    assert replay.headers.get("idempotent-replayed") == "true"


async def test_only_one_instance_prunes_at_a_time(pool: asyncpg.Pool) -> None:
    from app.services import retention

    async with pool.acquire() as holder, holder.transaction():
        await holder.execute("SELECT pg_advisory_xact_lock($1)", retention.PRUNE_LOCK)
        async with pool.acquire() as db:
            assert await retention.prune(db, older_than_hours=48) == 0


async def test_an_earning_and_a_spend_racing_with_one_key_on_one_wallet_give_one_move_and_one_refusal(  # noqa: E501
    net: Network, pool: asyncpg.Pool
) -> None:
    """The earning takes the key last, the spend first, and both lock the wallet: held up
    together, they deadlock in PostgreSQL. The victim runs again and gets the answer it
    should have had, never a 500."""
    asha = await net.funded_member(5)
    wallet = await account_id_of_member(pool, asha["id"])
    before = await transfer_count(pool)
    async with account_locked(pool, wallet):
        earning = asyncio.create_task(earn(net, asha["id"], 1, headers=_key("k-both")))
        await wait_for_lock_waiters(pool, 1)  # the earning waits for the wallet
        spending = asyncio.create_task(spend(net, asha["id"], 1, headers=_key("k-both")))
        await wait_for_lock_waiters(pool, 2)  # the spend holds the key, waits for the wallet
    responses = [await earning, await spending]
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201, 422], [r.text for r in responses]
    ok = next(r for r in responses if r.status_code == 201)
    refused = next(r for r in responses if r.status_code == 422)
    assert refused.json()["code"] == "idempotency_key_reused", refused.text
    assert await transfer_count(pool) == before + 1
    stored = await pool.fetchval("SELECT response_body FROM idempotency_keys WHERE key = 'k-both'")
    assert bytes(stored) == ok.content
    await assert_ledger_consistent(pool)


async def test_a_reversal_without_a_body_and_its_retry_with_an_empty_one_are_one_request(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member()
    e = await earn(net, asha["id"], 2)
    path = f"/v1/transactions/{e.json()['id']}/reversal"
    headers = {**net.partner.headers, **_key("undo-1")}
    first = await net.client.post(path, headers=headers)
    assert first.status_code == 201, first.text
    for retry in ({}, {"reason": None}, None):
        again = await net.client.post(path, headers=headers, json=retry)
        assert again.status_code == 201, (retry, again.text)
        assert again.headers.get("Idempotent-Replayed") == "true"
        assert again.content == first.content
    assert await transfer_count(pool, "reversal") == 1
    other = await net.client.post(path, headers=headers, json={"reason": "typo"})
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
