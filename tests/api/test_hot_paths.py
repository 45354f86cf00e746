"""The hot paths' middleware (app/api/hot.py, HotPaths): an ordinary earn with a cached key
is served before FastAPI's routing; anything else reaches the declared route, body and all,
which answers as it always has; an error on the fast path is the app's own problem+json,
with the headers every answer carries."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from app.api.hot import HotPaths
from tests.api.support import assert_problem
from tests.network import Network


def _hot_paths(app: FastAPI) -> HotPaths:
    layer: Any = app.middleware_stack
    while not isinstance(layer, HotPaths):
        layer = layer.app
    return layer


@contextmanager
def declared_calls(app: FastAPI) -> Iterator[list[str]]:
    """The paths of the requests HotPaths hands on to FastAPI's routing, while in effect."""
    hot = _hot_paths(app)
    inner, seen = hot.app, []

    async def counted(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope["path"])
        await inner(scope, receive, send)

    hot.app = counted
    try:
        yield seen
    finally:
        hot.app = inner


@pytest.fixture
async def warm(app: FastAPI, net: Network) -> dict[str, Any]:
    """A member of the partner's, and the partner's key in the key cache (the declared
    route caches it on its first earn)."""
    member = await net.member()
    assert (await net.earn(member["id"], 1)).status_code == 201
    assert app.middleware_stack is not None
    return member


async def test_an_ordinary_earn_is_served_before_the_router(
    app: FastAPI, net: Network, warm: dict[str, Any]
) -> None:
    with declared_calls(app) as declared:
        r = await net.earn(warm["id"], 2)
    assert r.status_code == 201, r.text
    assert declared == []
    assert r.json()["member_balance"] == "3.00"
    assert r.headers["x-request-id"].startswith("req_")
    assert r.headers["ratelimit"].startswith('"writes";')


@pytest.mark.parametrize(
    ("content", "headers", "status", "code"),
    [
        (b'{"member_id": "M", "hours": "1.001"}', {}, 422, "validation_error"),
        (b'{"member_id": "M", "hours": 1', {}, 400, "malformed_json"),
        (b'{"member_id": "M", "hours": 1}', {"content-type": "text/plain"}, 422, None),
        (b'{"member_id": "M", "hours": 1}', {"idempotency-key": "x" * 300}, 422, None),
    ],
)
async def test_anything_unusual_is_answered_by_the_declared_route(
    app: FastAPI,
    net: Network,
    warm: dict[str, Any],
    content: bytes,
    headers: dict[str, str],
    status: int,
    code: str | None,
) -> None:
    body = content.replace(b'"M"', f'"{warm["id"]}"'.encode())
    with declared_calls(app) as declared:
        r = await net.client.post(
            "/v1/earnings",
            content=body,
            headers={"content-type": "application/json", **net.partner.headers, **headers},
        )
    assert declared == ["/v1/earnings"]
    assert r.status_code == status, r.text
    if code is not None:
        assert_problem(r, status, code)
    assert await net.balance(warm["id"]) == 1


async def test_a_refusal_on_the_fast_path_is_the_apps_problem_with_its_headers(
    app: FastAPI, net: Network, warm: dict[str, Any]
) -> None:
    with declared_calls(app) as declared:
        r = await net.client.post(
            "/v1/earnings",
            headers={**net.partner.headers, "X-Request-Id": "till-7"},
            json={"member_id": "mem_0000000000000000", "hours": 1},
        )
    assert declared == []
    assert_problem(r, 404, "not_found")
    assert r.json()["request_id"] == r.headers["x-request-id"] == "till-7"
    assert r.headers["ratelimit"].startswith('"writes";')
