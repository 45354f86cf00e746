"""Webhook endpoints: register, read, change, delete, rotate; the secret shown once; URL
checks against SSRF."""

import pytest

from tests.network import Network
from tests.webhooks.support import endpoint

PUBLIC = "https://1.1.1.1/hooks/timecredits"  # an address literal: no DNS needed


async def test_an_endpoint_shows_its_secret_once(net: Network) -> None:
    headers = {**net.partner.headers, "Idempotency-Key": "hook-1"}
    body = {"url": PUBLIC, "event_types": ["earning.created"]}
    r = await net.client.post("/v1/webhook-endpoints", headers=headers, json=body)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["secret"].startswith("whsec_") and created["id"].startswith("whe_")
    assert created["enabled"] is True and created["event_types"] == ["earning.created"]

    replay = await net.client.post("/v1/webhook-endpoints", headers=headers, json=body)
    assert replay.status_code == 201 and replay.headers["idempotent-replayed"] == "true"
    assert replay.json()["secret"] is None and replay.json()["id"] == created["id"]

    got = await net.client.get(
        f"/v1/webhook-endpoints/{created['id']}", headers=net.partner.headers
    )
    assert got.status_code == 200 and "secret" not in got.json()
    listed = await net.client.get("/v1/webhook-endpoints", headers=net.partner.headers)
    assert [e["id"] for e in listed.json()["data"]] == [created["id"]]
    assert "secret" not in listed.json()["data"][0]
    # Stored encrypted: the secret's text is nowhere in the row.
    row = await net.pool.fetchrow("SELECT * FROM webhook_endpoints")
    assert created["secret"].encode() not in bytes(row["secret"])
    assert created["secret"].split("_", 1)[1].encode() not in bytes(row["secret"])


async def test_change_and_delete(net: Network) -> None:
    hook = await endpoint(net, PUBLIC)
    path = f"/v1/webhook-endpoints/{hook['id']}"
    r = await net.client.patch(
        path, headers=net.partner.headers, json={"enabled": False, "event_types": ["gift.created"]}
    )
    assert r.status_code == 200, r.text
    assert r.json()["enabled"] is False and r.json()["event_types"] == ["gift.created"]
    assert r.json()["url"] == PUBLIC

    # Another organisation's endpoint is a 404 for every verb.
    for method in ("GET", "PATCH", "DELETE"):
        r = await net.client.request(method, path, headers=net.other.headers, json={})
        assert r.status_code == 404, (method, r.text)

    assert (await net.client.delete(path, headers=net.partner.headers)).status_code == 204
    assert (await net.client.get(path, headers=net.partner.headers)).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"url": PUBLIC, "event_types": ["earning.made"]},
        {"url": PUBLIC, "event_types": []},
        {"url": PUBLIC},
        {"url": PUBLIC, "event_types": ["earning.created"], "secret": "whsec_mine"},
    ],
)
async def test_bad_input_is_a_422_and_changes_nothing(net: Network, body: dict) -> None:
    r = await net.client.post("/v1/webhook-endpoints", headers=net.partner.headers, json=body)
    assert r.status_code == 422, r.text
    assert await net.pool.fetchval("SELECT count(*) FROM webhook_endpoints") == 0


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://172.16.0.9/hook",
        "https://192.168.1.1/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[fe80::1]/hook",
        "https://localhost/hook",  # a name resolving to loopback
        "https://0.0.0.0/hook",
        "http://1.1.1.1/hook",  # plain http
        "ftp://1.1.1.1/hook",
        "https://user:pw@1.1.1.1/hook",
        "https://no-such-host.invalid/hook",
    ],
)
async def test_private_targets_are_refused_without_the_development_setting(
    net: Network, url: str
) -> None:
    r = await net.client.post(
        "/v1/webhook-endpoints",
        headers=net.partner.headers,
        json={"url": url, "event_types": ["earning.created"]},
    )
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["field"] == "url"
    hook = await endpoint(net, PUBLIC)
    r = await net.client.patch(
        f"/v1/webhook-endpoints/{hook['id']}", headers=net.partner.headers, json={"url": url}
    )
    assert r.status_code == 422, r.text


async def test_the_development_setting_allows_loopback(net: Network, private_env: object) -> None:
    hook = await endpoint(net, "http://127.0.0.1:9/hook")
    assert hook["url"] == "http://127.0.0.1:9/hook"


async def test_rotation_reports_the_overlap(net: Network) -> None:
    hook = await endpoint(net, PUBLIC)
    path = f"/v1/webhook-endpoints/{hook['id']}/secret"
    r = await net.client.post(path, headers=net.partner.headers, json={"overlap_seconds": 3600})
    assert r.status_code == 200, r.text
    assert r.json()["secret"].startswith("whsec_") and r.json()["secret"] != hook["secret"]
    assert r.json()["previous_secret_expires_at"] is not None
    r = await net.client.post(path, headers=net.partner.headers, json={"overlap_seconds": 0})
    assert r.json()["previous_secret_expires_at"] is None
    r = await net.client.post(path, headers=net.other.headers, json={})
    assert r.status_code == 404
