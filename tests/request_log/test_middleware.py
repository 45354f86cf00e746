"""The request log in process: one line per request, whoever answered it (a route, the earn's
fast path, a dependency's 401, the router's 404, the body limit's 413, an exception's 500),
with who called as authentication resolved it, and nothing a request carried in secret.
tests/request_log/test_serve.py reads the lines a real `timecredits serve` writes."""

import io
import json
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
import structlog
from fastapi import FastAPI

from app import logs
from app.api import problems
from app.api.middleware import BodyLimit, RequestId
from app.api.request_log import RequestLog, request_log_enabled
from app.auth import keys as key_secrets
from app.main import create_app
from app.metrics import Metrics
from app.settings import Settings
from tests.conftest import PEPPER
from tests.network import Network, Org
from tests.request_log.support import check_line, line_for, request_lines


@dataclass
class Logged:
    net: Network
    app: FastAPI
    out: io.StringIO

    def lines(self) -> list[dict]:
        return request_lines(self.out.getvalue())

    async def key_id(self, org: Org) -> str:
        return await self.net.pool.fetchval(
            "SELECT id FROM api_keys WHERE organisation_id = $1 AND revoked_at IS NULL", org.id
        )


@pytest.fixture
async def logged(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Logged]:
    """The real app with its request log on, writing to a buffer: the request logger writes
    to whatever standard output is when the app is made."""
    out = io.StringIO()
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stdout", out)
        app = create_app(
            settings.model_copy(
                update={"request_log": True, "log_format": "json", "max_body_bytes": 10_000}
            )
        )
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                net = await Network.create(client, app.state.pool, PEPPER.encode())
                out.seek(0)
                out.truncate()
                yield Logged(net, app, out)
    finally:  # making the app configured structlog for the whole process: as it was
        logs.configure(settings.log_level, settings.log_format)


async def test_a_line_per_request_with_the_caller_auth_resolved_and_the_route_template(
    logged: Logged,
) -> None:
    net = logged.net
    partner, key_id = net.partner, await logged.key_id(net.partner)
    client = net.client

    r = await client.post(
        "/v1/members",
        headers={**partner.headers, "X-Request-Id": "t-register"},
        json={"display_name": "Asha K.", "programme_id": net.programme_id},
    )
    assert r.status_code == 201, r.text
    member_id = r.json()["id"]
    r = await client.get(f"/v1/members/{member_id}", headers=partner.headers)
    assert r.status_code == 200
    got_member = r.headers["x-request-id"]  # one the service made up
    # The first earn resolves the key through the route's dependency (and caches it); the
    # second takes the fast path (app/api/hot.py), which never runs that dependency.
    digest = key_secrets.digest(partner.key, PEPPER.encode())
    for n in (1, 2):
        r = await client.post(
            "/v1/earnings",
            headers={**partner.headers, "Idempotency-Key": f"earn-{n}", "X-Request-Id": f"t-{n}"},
            json={"member_id": member_id, "hours": 1},
        )
        assert r.status_code == 201, r.text
        assert logged.app.state.key_cache.get(digest) is not None
    r = await client.get("/v1/me", headers={**net.venue.headers, "X-Request-Id": "t-me"})
    assert r.status_code == 200

    lines = logged.lines()
    assert len(lines) == 5, lines
    ours = {"organisation_id": partner.id, "key_id": key_id}
    check_line(
        line_for(lines, "t-register"),
        request_id="t-register",
        method="POST",
        route="/v1/members",
        status=201,
        **ours,
    )
    check_line(
        line_for(lines, got_member),
        request_id=got_member,
        method="GET",
        route="/v1/members/{member_id}",
        status=200,
        **ours,
    )
    for n in (1, 2):
        check_line(
            line_for(lines, f"t-{n}"),
            request_id=f"t-{n}",
            method="POST",
            route="/v1/earnings",
            status=201,
            **ours,
        )
    check_line(
        line_for(lines, "t-me"),
        request_id="t-me",
        method="GET",
        route="/v1/me",
        status=200,
        organisation_id=net.venue.id,
        key_id=await logged.key_id(net.venue),
    )


async def test_refusals_are_logged_once_each_and_a_401_names_nobody(logged: Logged) -> None:
    net, client = logged.net, logged.net.client
    member = await net.member()
    spare = await net.key(net.partner, ["earn:write", "keys:manage"])
    spare_id = await net.pool.fetchval(
        "SELECT id FROM api_keys WHERE secret_hash = $1",
        key_secrets.digest(spare, PEPPER.encode()),
    )
    earn = {"member_id": member["id"], "hours": 1}
    bearer = {"Authorization": f"Bearer {spare}"}
    assert (await client.post("/v1/earnings", headers=bearer, json=earn)).status_code == 201
    r = await client.delete(f"/v1/api-keys/{spare_id}", headers=net.partner.headers)
    assert r.status_code in (200, 204), r.text
    logged.out.seek(0)
    logged.out.truncate()

    sent = {
        # request id: method, path, headers, body; then the line's status, route, caller
        "no-key": ("GET", "/v1/me", {}, None, 401, "/v1/me", None),
        "bad-key": (
            "GET",
            "/v1/me",
            {"Authorization": "Bearer tc_live_" + "x" * 43},
            None,
            401,
            "/v1/me",
            None,
        ),
        # Revoked after the key cache learnt it: the fast path knew who it was, the earn's
        # statement found the key dead. Still a 401, so nobody.
        "revoked": ("POST", "/v1/earnings", bearer, earn, 401, "/v1/earnings", None),
        "no-scope": ("POST", "/v1/earnings", net.venue.headers, earn, 403, "/v1/earnings", "v"),
        "unmatched": ("GET", "/v1/nothing-here", net.partner.headers, None, 404, None, None),
        "not-theirs": (
            "GET",
            "/v1/members/mem_doesnotexist0000",
            net.partner.headers,
            None,
            404,
            "/v1/members/{member_id}",
            "p",
        ),
        # The path matched, not the method: its template; no caller, as no route ran.
        "wrong-method": (
            "DELETE",
            "/v1/earnings",
            net.partner.headers,
            None,
            405,
            "/v1/earnings",
            None,
        ),
        # Refused by the body limit before any route is matched (app/api/middleware.py).
        "too-large": (
            "POST",
            "/v1/earnings",
            net.partner.headers,
            {"member_id": member["id"], "hours": 1, "pad": "x" * 20_000},
            413,
            None,
            None,
        ),
    }
    callers = {
        "p": (net.partner.id, await logged.key_id(net.partner)),
        "v": (net.venue.id, await logged.key_id(net.venue)),
        None: (None, None),
    }
    answered = {}
    for rid, (method, path, headers, body, status, _, _) in sent.items():
        r = await client.request(method, path, headers={**headers, "X-Request-Id": rid}, json=body)
        assert r.status_code == status, (rid, r.status_code, r.text)
        assert r.headers["x-request-id"] == rid
        answered[rid] = r

    lines = logged.lines()
    assert len(lines) == len(sent), lines
    for rid, (method, _, _, _, status, route, who) in sent.items():
        organisation_id, key_id = callers[who]
        check_line(
            line_for(lines, rid),
            request_id=rid,
            method=method,
            route=route,
            status=status,
            organisation_id=organisation_id,
            key_id=key_id,
        )


async def test_no_secret_reaches_the_log(logged: Logged) -> None:
    """The key, the PIN, a token in a path, a query string, a body: none is logged."""
    net, client = logged.net, logged.net.client
    member = await net.member(display_name="Philippa Quenby-Secret")
    pin = "804173"
    r = await client.put(
        f"/v1/members/{member['id']}/pin", headers=net.partner.headers, json={"pin": pin}
    )
    assert r.status_code == 204, r.text
    token = "rpt_Zk9QmV2xTqW8yL3nB7cD5fG1hJ4"
    assert (await client.get(f"/reports/{token}")).status_code == 404
    r = await client.get(f"/v1/members/{token}", headers=net.partner.headers)
    assert r.status_code == 404
    r = await client.get(
        "/v1/members", params={"q": "querysecret-4412", "limit": 5}, headers=net.partner.headers
    )
    assert r.status_code in (200, 422), r.text
    wrong = "tc_live_" + "S" * 43
    r = await client.get("/v1/me", headers={"Authorization": f"Bearer {wrong}"})
    assert r.status_code == 401

    output = logged.out.getvalue()
    lines = request_lines(output)
    assert len(lines) == 6, lines  # the member's registration too
    assert {line["route"] for line in lines} >= {
        "/v1/members/{member_id}/pin",
        "/v1/members/{member_id}",
        "/v1/members",
        "/v1/me",
    }
    for secret in (
        net.partner.key,
        net.operator.key,
        wrong,
        pin,
        token,
        "querysecret",
        "Philippa",
        member["id"],
    ):
        assert secret not in output, secret


def _boom_app(stream: io.StringIO) -> FastAPI:
    app = FastAPI()
    problems.install(app)

    @app.get("/boom/{thing}")
    async def boom(thing: str) -> None:
        raise RuntimeError(f"something broke with {thing}")

    @app.get("/gone/{thing}")
    async def gone(thing: str) -> None:
        raise ConnectionRefusedError("the database is down")  # a 503 (app/api/problems.py)

    app.add_middleware(BodyLimit, max_bytes=100)
    app.add_middleware(RequestId)
    app.add_middleware(Metrics, after=RequestLog(logs.request_logger("json", stream)))
    return app


async def test_an_exception_is_logged_as_the_500_the_client_gets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out, errors = io.StringIO(), io.StringIO()
    # The unhandled error's own record (app/api/problems.py), rendered as serve renders it.
    monkeypatch.setattr(
        problems,
        "log",
        structlog.wrap_logger(
            structlog.WriteLogger(errors),
            processors=[structlog.processors.format_exc_info, structlog.processors.JSONRenderer()],
        ),
    )
    transport = httpx.ASGITransport(app=_boom_app(out), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        r = await http.get("/boom/tok_abc123", params={"secret": "hush"})
    assert r.status_code == 500
    (record,) = [json.loads(text) for text in errors.getvalue().splitlines()]
    assert record["event"] == "unhandled error" and record["route"] == "/boom/{thing}", record
    assert "/boom/tok_abc123" not in errors.getvalue() and "hush" not in errors.getvalue()
    (line,) = request_lines(out.getvalue())
    check_line(
        line,
        request_id=r.headers["x-request-id"],
        method="GET",
        route="/boom/{thing}",
        status=500,
        organisation_id=None,
        key_id=None,
    )
    assert "tok_abc123" not in out.getvalue() and "hush" not in out.getvalue()


async def test_the_database_away_is_logged_with_the_route_not_the_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The 503's warning names the route's template: a path can carry a token (a report
    link's, GET /reports/{token}), and the database being away must not write it out."""
    out, errors = io.StringIO(), io.StringIO()
    monkeypatch.setattr(
        problems,
        "log",
        structlog.wrap_logger(
            structlog.WriteLogger(errors), processors=[structlog.processors.JSONRenderer()]
        ),
    )
    transport = httpx.ASGITransport(app=_boom_app(out), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        r = await http.get("/gone/tok_abc123", params={"secret": "hush"})
    assert r.status_code == 503
    (record,) = [json.loads(text) for text in errors.getvalue().splitlines()]
    assert record["event"] == "database unavailable" and record["route"] == "/gone/{thing}", record
    (line,) = request_lines(out.getvalue())
    assert line["status"] == 503 and line["route"] == "/gone/{thing}", line
    for secret in ("tok_abc123", "hush"):
        assert secret not in errors.getvalue() + out.getvalue(), secret


async def test_a_lifespan_is_not_a_request() -> None:
    out = io.StringIO()
    app = _boom_app(out)
    async with app.router.lifespan_context(app):
        pass
    seen = []

    async def inner(scope: dict, receive: object, send: object) -> None:
        seen.append(scope["type"])

    logged = Metrics(inner, after=RequestLog(logs.request_logger("json", out)))
    await logged({"type": "lifespan"}, None, None)
    assert seen == ["lifespan"] and out.getvalue() == ""


def test_console_format_writes_the_same_fields_for_a_terminal() -> None:
    out = io.StringIO()
    logs.request_logger("console", out)(
        request_id="req_1",
        organisation_id=None,
        key_id=None,
        method="GET",
        route="/v1/me",
        status=401,
        duration_ms=0.5,
    )
    text = out.getvalue()
    assert text.count("\n") == 1
    for part in ("request_id", "req_1", "route", "/v1/me", "status", "401", "duration_ms"):
        assert part in text
    with pytest.raises(ValueError):
        json.loads(text)


@pytest.mark.parametrize(
    ("env", "setting", "on"),
    [
        ("development", None, True),
        ("production", None, True),
        ("test", None, False),  # the tests' thousands of in-process requests stay quiet
        ("test", True, True),
        ("development", False, False),
    ],
)
def test_on_unless_told_otherwise_or_under_test(env: str, setting: bool | None, on: bool) -> None:
    settings = Settings(database_url=None, env=env, key_pepper="p" * 32, request_log=setting)
    assert request_log_enabled(settings) is on
    app = create_app(settings)
    (metrics,) = [m for m in app.user_middleware if m.cls is Metrics]
    assert isinstance(metrics.kwargs["after"], RequestLog) is on
