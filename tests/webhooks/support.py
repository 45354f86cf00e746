"""Helpers for the webhook tests, and a Standard Webhooks verifier written from the
specification (it does not call the service's signing code)."""

import asyncio
import base64
import hashlib
import hmac
from collections.abc import Callable
from typing import Any

from app.dispatcher import Dispatcher
from tests.network import Network, Org


def verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """Standard Webhooks: HMAC-SHA256 with the base64 part of `whsec_…` decoded as the key,
    over `{webhook-id}.{webhook-timestamp}.{body}`; the header lists `v1,<base64>` entries
    separated by spaces, any one of which may match."""
    key = base64.b64decode(secret.split("_", 1)[1])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for entry in headers["webhook-signature"].split(" "):
        version, _, value = entry.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return True
    return False


async def endpoint(
    net: Network, url: str, event_types: list[str] | None = None, org: Org | None = None
) -> dict[str, Any]:
    r = await net.client.post(
        "/v1/webhook-endpoints",
        headers=(org or net.partner).headers,
        json={"url": url, "event_types": event_types or ["earning.created", "member.created"]},
    )
    assert r.status_code == 201, r.text
    return r.json()


async def deliveries(net: Network, endpoint_id: str, org: Org | None = None) -> list[Any]:
    r = await net.client.get(
        f"/v1/webhook-endpoints/{endpoint_id}/deliveries", headers=(org or net.partner).headers
    )
    assert r.status_code == 200, r.text
    return r.json()["data"]


async def step_until(d: Dispatcher, done: Callable[[], bool], *, pause: float = 0.05) -> None:
    """Step the dispatcher until `done()` (at most 100 steps); the caller asserts after."""
    for _ in range(100):
        await d.step()
        if done():
            return
        await asyncio.sleep(pause)


async def attempts(d: Dispatcher, net: Network, hook_id: str, count: int = 1) -> dict[str, Any]:
    """Step until the endpoint's one delivery has `count` attempts recorded, with the time
    of the last; that delivery."""
    for _ in range(100):
        await d.step()
        found = await deliveries(net, hook_id)
        if found and found[0]["attempts"] >= count and found[0]["last_attempt_at"] is not None:
            return found[0]
        await asyncio.sleep(0.05)
    raise AssertionError(f"not {count} attempts")
