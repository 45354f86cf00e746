"""Delivery: a real receiver on loopback, dispatchers stepped by hand.

Signatures verify with an independent implementation; retries keep the webhook-id; a
crash between send and mark loses nothing; two dispatchers never send one delivery at
once; a rolled-back transfer emits nothing; a 410 disables the endpoint."""

import asyncio
import json
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI

from app.auth.caller import Caller
from app.auth.scopes import ALL_SCOPES
from app.dispatcher import Dispatcher
from app.models.ledger import EarningCreate
from app.services import ledger, unit_of_work, webhooks
from app.services.unit_of_work import Env
from tests.network import Network
from tests.webhooks.conftest import NO_WAIT, Receiver
from tests.webhooks.support import deliveries, endpoint, verify


async def settle(dispatcher: Dispatcher, receiver: Receiver, count: int, steps: int = 50) -> None:
    """Step until the receiver has `count` requests. (The feed's horizon is cluster-wide:
    a transaction left open elsewhere on a shared server holds events back a moment.)"""
    for _ in range(steps):
        await dispatcher.step()
        if len(receiver.received) >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{len(receiver.received)} requests received, {count} expected")


async def test_the_event_arrives_signed_as_the_feed_shows_it(
    net: Network, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    hook = await endpoint(net, receiver.url, ["earning.created"])
    member = await net.member()
    earned = await net.earn(member["id"], 2)
    assert earned.status_code == 201
    await settle(dispatcher, receiver, 1)
    await dispatcher.step()
    (got,) = receiver.received  # the earning only: member.created was not asked for

    assert verify(hook["secret"], got.headers, got.body)
    assert not verify(hook["secret"], {**got.headers, "webhook-id": "msg_other"}, got.body)
    assert got.headers["webhook-id"].startswith("msg_")
    sent_at = int(got.headers["webhook-timestamp"])
    assert abs(sent_at - datetime.now(UTC).timestamp()) < 60
    assert got.headers["content-type"] == "application/json"

    event = json.loads(got.body)
    assert set(event) == {"id", "type", "created_at", "data"}
    assert event["type"] == "earning.created" and event["data"]["id"] == earned.json()["id"]
    feed = await net.client.get(f"/v1/events/{event['id']}", headers=net.partner.headers)
    assert json.loads(got.body) == feed.json()
    assert len(got.body) < 20 * 1024

    (logged,) = await deliveries(net, hook["id"])
    assert logged["webhook_id"] == got.headers["webhook-id"]
    assert logged["status"] == "succeeded" and logged["status_code"] == 204
    assert logged["attempts"] == 1 and logged["event_id"] == event["id"]


async def test_only_the_audience_hears_of_an_event(
    net: Network, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    mine = await endpoint(net, receiver.url, ["earning.created"])
    theirs = await endpoint(net, receiver.url, ["earning.created"], org=net.other)
    member = await net.member()
    assert (await net.earn(member["id"], 1)).status_code == 201
    await settle(dispatcher, receiver, 1)
    await dispatcher.step()
    assert len(receiver.received) == 1
    assert len(await deliveries(net, mine["id"])) == 1
    assert await deliveries(net, theirs["id"], org=net.other) == []


async def test_an_endpoint_hears_only_of_events_after_it_was_made(
    net: Network, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    member = await net.member()
    assert (await net.earn(member["id"], 1)).status_code == 201
    await endpoint(net, receiver.url, ["earning.created"])
    assert (await net.earn(member["id"], 2)).status_code == 201
    await settle(dispatcher, receiver, 1)
    await dispatcher.step()
    (got,) = receiver.received
    assert json.loads(got.body)["data"]["credits"] == "2.00"


async def test_failing_twice_then_succeeding_delivers_three_times_with_one_id(
    net: Network, receiver: Receiver, app: FastAPI, private_env: Env
) -> None:
    """On the real schedule: the first retry about 5 s later (within 90 s), the second about
    5 minutes later; the test moves the clock instead of waiting."""
    dispatcher = Dispatcher(app.state.pool, private_env)  # the Standard Webhooks schedule
    try:
        hook = await endpoint(net, receiver.url, ["member.created"])
        receiver.plan = [500, 503, 200]
        await net.member()
        await settle(dispatcher, receiver, 1)
        (pending,) = await deliveries(net, hook["id"])
        assert pending["status"] == "pending" and pending["status_code"] == 500
        waits = []
        for _ in range(2):
            due = await net.pool.fetchval(
                "SELECT extract(epoch FROM next_attempt_at - now()) FROM webhook_deliveries"
            )
            waits.append(float(due))
            assert await dispatcher.step() == 0  # not due yet
            await net.pool.execute("UPDATE webhook_deliveries SET next_attempt_at = now()")
            await dispatcher.step()
        assert 4.5 <= waits[0] <= 5.5 < 90
        assert 270 <= waits[1] <= 330
        assert len(receiver.received) == 3
        assert len(set(receiver.ids())) == 1
        for got in receiver.received:
            assert verify(hook["secret"], got.headers, got.body)
        (done,) = await deliveries(net, hook["id"])
        assert done["status"] == "succeeded" and done["attempts"] == 3
        assert done["status_code"] == 200 and done["webhook_id"] == receiver.ids()[0]
        got = await net.client.get(
            f"/v1/webhook-endpoints/{hook['id']}", headers=net.partner.headers
        )
        assert got.json()["failing_since"] is None
    finally:
        await dispatcher.stop()


def test_the_schedule_is_the_standard_one() -> None:
    minutes, hours = 60, 3600
    assert (
        0, 5, 5 * minutes, 30 * minutes, 2 * hours, 5 * hours, 10 * hours, 14 * hours,
        20 * hours, 24 * hours,
    ) == webhooks.SCHEDULE  # fmt: skip
    for attempts, delay in enumerate(webhooks.SCHEDULE):
        got = webhooks.next_delay(attempts)
        assert got is not None and 0.9 * delay <= got <= 1.1 * delay
    assert webhooks.next_delay(len(webhooks.SCHEDULE)) is None


async def test_a_delivery_fails_when_the_schedule_is_spent(
    net: Network, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    hook = await endpoint(net, receiver.url, ["member.created"])
    receiver.plan = [500] * 10
    await net.member()
    await settle(dispatcher, receiver, 10)
    await dispatcher.step()
    assert len(receiver.received) == 10
    (failed,) = await deliveries(net, hook["id"])
    assert failed["status"] == "failed" and failed["attempts"] == 10
    assert failed["next_attempt_at"] is None and failed["status_code"] == 500

    # Manual redelivery: at once, same webhook-id, on a fresh schedule.
    path = f"/v1/webhook-endpoints/{hook['id']}/deliveries/{failed['id']}/retry"
    r = await net.client.post(path, headers=net.partner.headers)
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "pending" and r.json()["attempts"] == 0
    await settle(dispatcher, receiver, 11)
    assert receiver.ids()[-1] == failed["webhook_id"]
    (done,) = await deliveries(net, hook["id"])
    assert done["status"] == "succeeded"
    r = await net.client.post(path, headers=net.other.headers)
    assert r.status_code == 404


async def test_a_crash_between_send_and_mark_sends_again_with_the_same_id(
    net: Network, receiver: Receiver, app: FastAPI, private_env: Env
) -> None:
    crashed = Dispatcher(app.state.pool, private_env, schedule=NO_WAIT, lease_seconds=0.2)
    survivor = Dispatcher(app.state.pool, private_env, schedule=NO_WAIT)
    try:
        hook = await endpoint(net, receiver.url, ["member.created"])
        await net.member()
        for _ in range(50):
            await crashed.fan_out()
            claimed = await crashed.claim()
            if claimed:
                break
            await asyncio.sleep(0.05)
        (delivery,) = claimed
        assert (await crashed.send(delivery))[0] == 204  # sent ... and the process dies
        assert len(receiver.received) == 1

        assert await survivor.step() == 0  # leased: nobody sends it meanwhile
        await asyncio.sleep(0.3)  # the lease runs out
        assert await survivor.step() == 1
        assert receiver.ids() == [delivery.webhook_id] * 2
        (done,) = await deliveries(net, hook["id"])
        assert done["status"] == "succeeded" and done["attempts"] == 2

        # The dead dispatcher's mark, were it to come now, is dropped: not its attempt.
        await crashed.mark(delivery, 500, "late")
        (still,) = await deliveries(net, hook["id"])
        assert still["status"] == "succeeded" and still["status_code"] == 204
    finally:
        await crashed.stop()
        await survivor.stop()


async def test_two_dispatchers_never_send_one_delivery_at_once(
    net: Network, receiver: Receiver, app: FastAPI, private_env: Env
) -> None:
    receiver.delay = 0.02
    hook = await endpoint(net, receiver.url, ["member.created"])
    for i in range(30):
        await net.member(display_name=f"Racer {i}")
    pair = [Dispatcher(app.state.pool, private_env, schedule=NO_WAIT, batch=7) for _ in range(2)]
    try:
        for _ in range(100):
            await asyncio.gather(*(d.step() for d in pair))
            if len(receiver.received) >= 30:
                break
        await asyncio.gather(*(d.step() for d in pair))
    finally:
        for d in pair:
            await d.stop()
    assert len(receiver.received) == 30
    assert len(set(receiver.ids())) == 30  # each once
    assert receiver.most_at_once == 1
    assert {d["status"] for d in await deliveries(net, hook["id"])} == {"succeeded"}


async def test_a_rolled_back_transfer_emits_nothing(
    net: Network, receiver: Receiver, dispatcher: Dispatcher, app: FastAPI
) -> None:
    member = await net.member()
    await endpoint(net, receiver.url, ["earning.created", "spend.created"])
    caller = Caller(net.partner.id, None, frozenset(["earn_partner"]), frozenset(ALL_SCOPES))
    async with app.state.pool.acquire() as db:
        outer = db.transaction()
        await outer.start()
        done = await unit_of_work.write(
            db, app.state.env, caller, ledger.earn, EarningCreate(member_id=member["id"], hours=3)
        )
        assert done.status == 201
        await outer.rollback()
    # A spend refused (more than the member holds) is rolled back too.
    r = await net.client.post(
        "/v1/spends",
        headers=net.partner.headers,
        json={"member_id": member["id"], "organisation_id": net.venue.id, "credits": 50},
    )
    assert r.status_code in (409, 422), r.text
    assert (await net.earn(member["id"], 1)).status_code == 201  # and then one that commits
    await settle(dispatcher, receiver, 1)
    for _ in range(3):
        await dispatcher.step()
    (got,) = receiver.received
    assert json.loads(got.body)["data"]["credits"] == "1.00"


async def test_an_event_committed_late_is_not_passed_over(
    net: Network, receiver: Receiver, dispatcher: Dispatcher, app: FastAPI
) -> None:
    """An earning whose transaction began first but commits after a later one's: the
    dispatcher waits for it (the horizon), so both arrive. (Two organisations, so that the
    two earnings share no account lock.)"""
    slow_member = await net.member(home=net.other)
    fast_member = await net.member()
    await endpoint(net, receiver.url, ["earning.created"], org=net.other)
    await endpoint(net, receiver.url, ["earning.created"])
    caller = Caller(net.other.id, None, frozenset(["earn_partner"]), frozenset(ALL_SCOPES))
    async with app.state.pool.acquire() as db:
        slow = db.transaction()
        await slow.start()
        earning = EarningCreate(member_id=slow_member["id"], hours=4)
        await unit_of_work.write(db, app.state.env, caller, ledger.earn, earning)
        assert (await net.earn(fast_member["id"], 1)).status_code == 201  # commits first
        for _ in range(3):
            await dispatcher.step()
        assert receiver.received == []  # held back behind the open transaction
        await slow.commit()
    await settle(dispatcher, receiver, 2)
    credits = sorted(json.loads(r.body)["data"]["credits"] for r in receiver.received)
    assert credits == ["1.00", "4.00"]


async def test_a_410_disables_the_endpoint_at_once(
    net: Network, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    hook = await endpoint(net, receiver.url, ["member.created"])
    receiver.plan = [410]
    await net.member()
    await settle(dispatcher, receiver, 1)
    await net.member()
    for _ in range(5):
        await dispatcher.step()
    assert len(receiver.received) == 1
    got = await net.client.get(f"/v1/webhook-endpoints/{hook['id']}", headers=net.partner.headers)
    assert got.json()["enabled"] is False and "410" in got.json()["disabled_reason"]
    (gone,) = await deliveries(net, hook["id"])
    assert gone["status"] == "failed" and gone["status_code"] == 410

    # Enabled again, it resumes where it stopped: the second member's event arrives.
    r = await net.client.patch(
        f"/v1/webhook-endpoints/{hook['id']}", headers=net.partner.headers, json={"enabled": True}
    )
    assert r.json()["disabled_reason"] is None
    await settle(dispatcher, receiver, 2)


async def test_an_endpoint_failing_for_days_is_disabled_with_a_notice(
    net: Network, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    hook = await endpoint(net, receiver.url, ["member.created"])
    await net.pool.execute("UPDATE webhook_endpoints SET failing_since = now() - interval '6 days'")
    receiver.plan = [500]
    await net.member()
    await settle(dispatcher, receiver, 1)
    got = await net.client.get(f"/v1/webhook-endpoints/{hook['id']}", headers=net.partner.headers)
    assert got.json()["enabled"] is False
    assert "failed for more than 5 days" in got.json()["disabled_reason"]


async def test_during_a_rotation_both_secrets_sign(
    net: Network, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    hook = await endpoint(net, receiver.url, ["member.created"])
    r = await net.client.post(
        f"/v1/webhook-endpoints/{hook['id']}/secret", headers=net.partner.headers, json={}
    )
    new = r.json()["secret"]
    await net.member()
    await settle(dispatcher, receiver, 1)
    (got,) = receiver.received
    assert len(got.headers["webhook-signature"].split(" ")) == 2
    assert verify(hook["secret"], got.headers, got.body) and verify(new, got.headers, got.body)

    await net.client.post(
        f"/v1/webhook-endpoints/{hook['id']}/secret",
        headers=net.partner.headers,
        json={"overlap_seconds": 0},
    )
    await net.member()
    await settle(dispatcher, receiver, 2)
    last = receiver.received[-1]
    assert len(last.headers["webhook-signature"].split(" ")) == 1
    assert not verify(new, last.headers, last.body)


async def test_a_target_resolving_to_a_private_address_is_not_called(
    net: Network, receiver: Receiver, app: FastAPI, private_env: Env
) -> None:
    """Checked again before each send: an endpoint made while allowed, sent to without."""
    hook = await endpoint(net, receiver.url, ["member.created"])
    strict = Dispatcher(app.state.pool, app.state.env.__class__(pepper=private_env.pepper))
    try:
        await net.member()
        for _ in range(20):
            await strict.step()
            if await deliveries(net, hook["id"]):
                break
            await asyncio.sleep(0.05)
        await strict.step()
    finally:
        await strict.stop()
    assert receiver.received == []
    (refused,) = await deliveries(net, hook["id"])
    assert refused["status"] == "pending" and "refused" in refused["error"]


@pytest.mark.parametrize("size", [100, 30_000])
def test_payloads_stay_under_20_kb(size: int) -> None:
    row = {
        "event_seq": 7,
        "type": "member.created",
        "resource_id": "mem_x",
        "created_at": datetime(2026, 12, 6, tzinfo=UTC),
        "data": json.dumps({"id": "mem_x", "display_name": "x" * size}),
    }
    body = webhooks.payload(row)  # type: ignore[arg-type]
    assert len(body) < 20 * 1024
    assert json.loads(body)["data"]["id"] == "mem_x"
