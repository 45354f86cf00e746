"""The usual redemption in two statements (redemptions._redeem_fast): it answers exactly as
the general path does, byte for byte, records the same event, replays the same way, and
whatever changes between its look-up and its write sends the request to the general path,
which says why (or pays, when nothing forbids it)."""

import asyncio
import dataclasses
import json
from decimal import Decimal
from typing import Any

import asyncpg
import pytest

from app.models.redemptions import RedemptionRead, RedemptionRequest
from app.services import integrity, redemptions, unit_of_work
from app.services.unit_of_work import Env
from tests.api.support import assert_problem, assert_unchanged, snapshot
from tests.conftest import PEPPER
from tests.events.support import caller_for, page
from tests.network import Network
from tests.venues.test_offer_redemptions import _adult, _offer

# The general path alone: the same operation without its fast attempt.
GENERAL = dataclasses.replace(redemptions.redeem, fast=None)
# Fields that differ between any two redemptions, whichever path made them.
_OWN = {"id", "transaction_id", "code_id", "created_at"}


async def _code(net: Network, member_id: str, **body: Any) -> str:
    r = await net.client.post(
        f"/v1/members/{member_id}/redemption-codes", headers=net.partner.headers, json=body
    )
    assert r.status_code == 201, r.text
    return r.json()["code"]


def _general_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the general path's redemption record fail, so a 201 proves the fast path."""
    monkeypatch.setattr(redemptions, "_RECORD", "SELECT 1 / 0")


@pytest.fixture
def fast_only(monkeypatch: pytest.MonkeyPatch) -> None:
    _general_only(monkeypatch)


async def test_the_fast_path_answers_records_and_replays_as_the_general_path(
    net: Network, pool: asyncpg.Pool, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["Asha Kaur", "Ōmar de la Cruz", "bob", "Zoë  Ünal-Smith", "李 小龍"]
    env = Env(pepper=PEPPER.encode())
    for name in names:
        member = await net.member(display_name=name)
        await net.earn(member["id"], 10)
        # The general path, run by the unit of work without the fast attempt.
        body = RedemptionRequest(code=await _code(net, member["id"]), credits=Decimal("1.25"))
        async with pool.acquire() as db:
            general = await unit_of_work.write(db, env, caller_for(net.venue), GENERAL, body)
        # The fast path, through the REST route, with the general path made to fail.
        with monkeypatch.context() as m:
            _general_only(m)
            sent = {"code": await _code(net, member["id"]), "credits": "1.25"}
            headers = {**net.venue.headers, "Idempotency-Key": f"fast-{member['id']}"}
            r = await net.client.post("/v1/redemptions", headers=headers, json=sent)
            assert r.status_code == 201, r.text
            # Its body is the model's own serialisation, and the general path's but for
            # what is each redemption's own.
            assert (
                r.content
                == RedemptionRead.model_validate_json(r.content)
                .model_dump_json(by_alias=True)
                .encode()
            )
            fast, slow = r.json(), json.loads(general.body)
            assert {k: v for k, v in fast.items() if k not in _OWN} == {
                k: v for k, v in slow.items() if k not in _OWN
            }
            assert list(fast) == list(slow)
            # A till's retry replays it, byte for byte, and changes nothing.
            before = await snapshot(pool)
            again = await net.client.post("/v1/redemptions", headers=headers, json=sent)
            assert again.status_code == 201 and again.content == r.content
            assert again.headers["Idempotent-Replayed"] == "true"
            assert_unchanged(before, await snapshot(pool))
            # The same key for another request is a 422, as on the general path.
            other = {**sent, "credits": "1"}
            reused = await net.client.post("/v1/redemptions", headers=headers, json=other)
            assert (reused.status_code, reused.json()["code"]) == (422, "idempotency_key_reused")
        assert await net.balance(member["id"]) == Decimal("7.5")
        transfers = []
        for made in (fast, slow):  # the same transfer, kind, parties and metadata
            r = await net.client.get(
                f"/v1/transactions/{made['transaction_id']}", headers=net.venue.headers
            )
            assert r.status_code == 200, r.text
            t = r.json()
            assert t["metadata"] == {"redemption_code_id": made["code_id"], "by": "code"}
            transfers.append(
                {k: v for k, v in t.items() if k not in {"id", "created_at", "metadata"}}
            )
        assert transfers[0] == transfers[1]
        for org in (net.venue, net.partner):  # its event is the response, for both sides
            events, _, _ = await page(net.client, org, type="redemption.completed")
            by_id = {e["data"]["id"]: e["data"] for e in events}
            assert by_id[fast["id"]] == fast and by_id[slow["id"]] == slow
        events, _, _ = await page(net.client, net.other, type="redemption.completed")
        assert events == []
    async with pool.acquire() as db:
        assert (await integrity.check(db)).ok


async def test_an_offer_for_a_party_takes_the_fast_path(net: Network, fast_only: None) -> None:
    offer = await _offer(net, child_credits="0.5", restrictions={"min_age": 18})
    asha = await _adult(net, 10)
    body = {"code": await _code(net, asha["id"]), "offer_id": offer["id"], "children": 2}
    r = await net.client.post("/v1/redemptions", headers=net.venue.headers, json=body)
    assert r.status_code == 201, r.text
    done = r.json()
    assert (done["offer_id"], done["adults"], done["children"], done["credits"]) == (
        offer["id"],
        1,
        2,
        "3.00",
    )
    assert await net.balance(asha["id"]) == Decimal(7)


async def _between_look_up_and_write(monkeypatch: pytest.MonkeyPatch, change: Any) -> list[Any]:
    """Run `change()` once, right after the fast path's look-up judged the code (the
    general path's judgement comes later and sees the change)."""
    judged: list[Any] = []
    refusal = redemptions._refusal

    async def then_change(*args: Any) -> Any:
        reason = await refusal(*args)
        if not judged:
            judged.append(reason)
            await change()
        return reason

    monkeypatch.setattr(redemptions, "_refusal", then_change)
    return judged


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("UPDATE redemption_codes SET used_at = now() WHERE member_id = $1", "already_used"),
        (
            "UPDATE redemption_codes SET expires_at = now() - interval '1 second'"
            " WHERE member_id = $1",
            "expired",
        ),
    ],
)
async def test_a_code_used_or_expired_after_the_look_up_is_refused_and_nothing_moves(
    net: Network, pool: asyncpg.Pool, monkeypatch: pytest.MonkeyPatch, change: str, reason: str
) -> None:
    asha = await net.funded_member(10)
    body = {"code": await _code(net, asha["id"]), "credits": 2}

    async def meanwhile() -> None:
        await pool.execute(change, asha["id"])

    judged = await _between_look_up_and_write(monkeypatch, meanwhile)
    before = await snapshot(pool)
    r = await net.client.post("/v1/redemptions", headers=net.venue.headers, json=body)
    assert judged == [None]  # the fast path's look-up found nothing to refuse
    assert_problem(r, 409, reason)
    assert await net.balance(asha["id"]) == Decimal(10)
    after = await snapshot(pool)
    assert after.get("transfers") == before.get("transfers")
    assert after.get("events") == before.get("events")


async def test_credits_spent_after_the_look_up_are_not_spent_twice(
    net: Network, pool: asyncpg.Pool, monkeypatch: pytest.MonkeyPatch
) -> None:
    asha = await net.funded_member(3)
    first = {"code": await _code(net, asha["id"]), "credits": 2}
    second = {"code": await _code(net, asha["id"]), "credits": 2}

    async def meanwhile() -> None:  # another till redeems the member's other code
        r = await net.client.post("/v1/redemptions", headers=net.venue.headers, json=second)
        assert r.status_code == 201, r.text

    await _between_look_up_and_write(monkeypatch, meanwhile)
    r = await net.client.post("/v1/redemptions", headers=net.venue.headers, json=first)
    assert_problem(r, 409, "insufficient_credits")
    assert await net.balance(asha["id"]) == Decimal(1)
    async with pool.acquire() as db:
        assert (await integrity.check(db)).ok


async def test_a_cached_key_revoked_gets_401_at_the_desk_and_changes_nothing(
    net: Network, pool: asyncpg.Pool
) -> None:
    """Validating and redeeming find the venue's key in the per-process cache; their
    look-up checks it is live, so revoking it bites on the next request."""
    r = await net.client.post(
        "/v1/api-keys", headers=net.venue.headers, json={"name": "till", "scopes": ["spend:write"]}
    )
    assert r.status_code == 201, r.text
    key = r.json()
    till = {"Authorization": f"Bearer {key['secret']}"}
    asha = await net.funded_member(10)
    code = await _code(net, asha["id"])
    for path, status in (("/v1/redemptions/validate", 200), ("/v1/redemptions", 201)):
        r = await net.client.post(path, headers=till, json={"code": code, "credits": 1})
        assert r.status_code == status, r.text  # the key is now in the cache
    r = await net.client.delete(f"/v1/api-keys/{key['id']}", headers=net.venue.headers)
    assert r.status_code == 204
    fresh = await _code(net, asha["id"])
    before = await snapshot(pool)
    for path in ("/v1/redemptions/validate", "/v1/redemptions"):
        for body in ({"code": fresh, "credits": 1}, {"code": "not-a-code", "credits": 1}):
            r = await net.client.post(path, headers=till, json=body)
            assert_problem(r, 401, "unauthenticated")
    assert_unchanged(before, await snapshot(pool))
    assert await net.balance(asha["id"]) == Decimal(9)


async def test_a_till_retrying_one_key_at_once_pays_once_and_every_answer_is_the_same(
    net: Network, pool: asyncpg.Pool
) -> None:
    """Twelve copies of one request (one code, one Idempotency-Key) at the same time: the
    fast attempts that lose to the first (on the key or on the code) end on the general
    path, which waits for the winner and replays its answer."""
    asha = await net.funded_member(10)
    body = {"code": await _code(net, asha["id"]), "credits": 3}
    headers = {**net.venue.headers, "Idempotency-Key": "till-retrying"}
    answers = await asyncio.gather(
        *(net.client.post("/v1/redemptions", headers=headers, json=body) for _ in range(12))
    )
    assert [a.status_code for a in answers] == [201] * 12, [a.text for a in answers]
    assert len({a.content for a in answers}) == 1
    assert sum(a.headers.get("Idempotent-Replayed") != "true" for a in answers) == 1
    assert await net.balance(asha["id"]) == Decimal(7)
    assert (
        await pool.fetchval("SELECT count(*) FROM redemptions WHERE member_id = $1", asha["id"])
        == 1
    )
    async with pool.acquire() as db:
        assert (await integrity.check(db)).ok
