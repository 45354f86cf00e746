"""The request log of a real `timecredits serve --workers 2`, read from its standard output:
one JSON line per request answered (the refused ones too), exactly the request log's fields
with the right values, and no key, PIN, token, query string or body anywhere in what the
service printed, on standard output or standard error."""

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from app.main import create_app
from app.settings import Settings
from tests.conftest import PEPPER
from tests.e2e.support import START_TIMEOUT, STOP_TIMEOUT, cli, free_port
from tests.network import bootstrap_operator
from tests.request_log.support import check_line, line_for, request_lines

pytestmark = pytest.mark.slow

PIN = "804173"
TOKEN = "rpt_Zk9QmV2xTqW8yL3nB7cD5fG1hJ4"  # a report link's capability, say
QUERY_SECRET = "querysecret-4412"
NAME = "Philippa Quenby-Secret"  # in a request body
BODY_SECRET = "bodysecret-9931"
BAD_KEY = "tc_live_" + "S" * 43


class Served:
    """`timecredits serve` with standard output and standard error in two files, and every
    answer it gave: what its request log must account for."""

    def __init__(self, database_url: str, cwd: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.stdout, self.stderr = cwd / "stdout.log", cwd / "stderr.log"
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("TIMECREDITS_") and k != "TEST_DATABASE_URL"
        }
        env.update(
            DATABASE_URL=database_url,
            TIMECREDITS_ENV="development",
            TIMECREDITS_KEY_PEPPER=PEPPER,
            TIMECREDITS_MIGRATE_ON_START="false",
            TIMECREDITS_MAX_BODY_BYTES="10000",
            TIMECREDITS_OPENREFERRAL_RATE_LIMIT="1",
            TIMECREDITS_WEBHOOKS_DISPATCH="false",
            PYTHONUNBUFFERED="1",
        )  # no TIMECREDITS_LOG_FORMAT: serve's default is what is tested
        with self.stdout.open("w") as out, self.stderr.open("w") as err:
            self.proc = subprocess.Popen(
                [*cli(), "serve", "--port", str(self.port), "--workers", "2"],
                env=env,
                cwd=cwd,
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
            )
        self.answers: list[httpx.Response] = []

    def output(self) -> tuple[str, str]:
        return self.stdout.read_text(), self.stderr.read_text()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        ready = 0
        while ready < 6:  # a few times: each of the two workers, most likely
            if self.proc.poll() is not None:
                raise AssertionError(f"serve exited {self.proc.returncode}\n{self.output()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"serve not ready in {START_TIMEOUT}s\n{self.output()}")
            with contextlib.suppress(httpx.TransportError):
                r = self.send(httpx, "GET", "/readyz")
                ready += r.status_code == 200
                continue
            time.sleep(0.2)

    def send(self, http: Any, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """A request through `http` (httpx itself: a new connection; or a Client), kept."""
        url = path if isinstance(http, httpx.Client) else self.base + path
        r = http.request(method, url, timeout=10, **kwargs)
        self.answers.append(r)
        return r

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=STOP_TIMEOUT)
            raise AssertionError(f"serve ignored SIGTERM\n{self.output()}") from None


@pytest.fixture
def served(database_url: str, tmp_path: Path) -> Iterator[Served]:
    s = Served(database_url, tmp_path)
    try:
        yield s
    finally:
        if s.proc.poll() is None:
            s.proc.kill()
            s.proc.wait(timeout=STOP_TIMEOUT)


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def test_a_served_request_log_names_each_request_once_and_keeps_its_secrets(
    served: Served, database_url: str, pool: asyncpg.Pool
) -> None:
    async with pool.acquire() as conn:
        operator = await bootstrap_operator(conn, PEPPER.encode())
    admin = operator.api_key.secret
    served.wait_ready()
    send = served.send
    expected: dict[str, dict[str, Any]] = {}  # request id -> what its line must say

    def expect(r: httpx.Response, status: int, route: str | None, who: tuple | None) -> None:
        assert r.status_code == status, (r.request.url, r.status_code, r.text)
        org, key = who or (None, None)
        expected[r.headers["x-request-id"]] = {
            "method": r.request.method,
            "route": route,
            "status": status,
            "organisation_id": org,
            "key_id": key,
        }

    r = send(
        httpx,
        "POST",
        "/v1/programmes",
        headers=_bearer(admin),
        json={
            "name": "Haringey",
            "place": "Haringey",
            "focus": "Health",
            "starts_on": "2015-01-01",
        },
    )
    as_admin = (operator.id, operator.api_key.id)
    expect(r, 201, "/v1/programmes", as_admin)
    programme_id = r.json()["id"]
    r = send(
        httpx,
        "POST",
        "/v1/organisations",
        headers=_bearer(admin),
        json={"name": "Café", "roles": ["earn_partner"], "programme_ids": [programme_id]},
    )
    expect(r, 201, "/v1/organisations", as_admin)
    partner = r.json()
    key = partner["api_key"]["secret"]
    as_partner = (partner["id"], partner["api_key"]["id"])
    r = send(
        httpx,
        "POST",
        "/v1/allocations",
        headers=_bearer(admin),
        json={"organisation_id": partner["id"], "credits": 100},
    )
    expect(r, 201, "/v1/allocations", as_admin)

    with httpx.Client(base_url=served.base, headers=_bearer(key)) as till:  # one worker
        r = send(
            till, "POST", "/v1/members", json={"display_name": NAME, "programme_id": programme_id}
        )
        expect(r, 201, "/v1/members", as_partner)
        member_id = r.json()["id"]
        # The first earn on this connection's worker resolves the key through the route's
        # dependency; the second takes the fast path (app/api/hot.py).
        for n in (1, 2):
            r = send(
                till,
                "POST",
                "/v1/earnings",
                headers={"Idempotency-Key": f"till-{n}", "X-Request-Id": f"earn-{n}"},
                json={"member_id": member_id, "hours": 1},
            )
            expect(r, 201, "/v1/earnings", as_partner)
            assert r.headers["x-request-id"] == f"earn-{n}"
        r = send(till, "PUT", f"/v1/members/{member_id}/pin", json={"pin": PIN})
        expect(r, 204, "/v1/members/{member_id}/pin", as_partner)
        r = send(till, "GET", "/v1/members", params={"q": QUERY_SECRET, "limit": 5})
        expect(r, r.status_code, "/v1/members", as_partner)
        assert r.status_code in (200, 422)
        r = send(till, "GET", f"/v1/members/{member_id}")
        expect(r, 200, "/v1/members/{member_id}", as_partner)
        r = send(
            till,
            "POST",
            "/v1/earnings",
            content=b'{"member_id": "%s", "hours": 1, "note": "%s"}'
            % (member_id.encode(), (BODY_SECRET * 1000).encode()),
            headers={"Content-Type": "application/json"},
        )
        expect(r, 413, None, None)  # refused by the body limit, before any route

    r = send(httpx, "GET", "/v1/me", headers=_bearer(BAD_KEY))
    expect(r, 401, "/v1/me", None)
    r = send(httpx, "GET", "/v1/nowhere")
    expect(r, 404, None, None)
    r = send(httpx, "GET", f"/reports/{TOKEN}")
    # The report page's route (issue 17's first part) if this tree has it yet.
    paths = create_app(Settings(database_url=None, env="development")).openapi()["paths"]
    report_page = "/reports/{token}" if "/reports/{token}" in paths else None
    expect(r, 404, report_page, None)
    with httpx.Client(base_url=served.base) as feed:  # one worker: its own per-IP bucket
        r = send(feed, "GET", "/v1/openreferral/services")
        expect(r, 200, "/v1/openreferral/services", None)
        r = send(feed, "GET", "/v1/openreferral/services")
        expect(r, 429, "/v1/openreferral/services", None)

    assert served.stop() == 0, served.output()
    stdout, stderr = served.output()
    lines = request_lines(stdout)  # also: every line of standard output is JSON

    # One line per answer, and none for anything else (no access log repeating them).
    answered = [r.headers["x-request-id"] for r in served.answers]
    assert len(answered) == len(set(answered))
    assert sorted(line["request_id"] for line in lines) == sorted(answered)
    for r in served.answers:
        rid = r.headers["x-request-id"]
        line = line_for(lines, rid)
        if rid in expected:
            check_line(line, request_id=rid, **expected[rid])
        else:  # a readiness check
            check_line(
                line,
                request_id=rid,
                method="GET",
                route="/readyz",
                status=r.status_code,
                organisation_id=None,
                key_id=None,
            )
    assert len(expected) == 15

    for secret in (admin, key, BAD_KEY, PIN, TOKEN, QUERY_SECRET, "Quenby", BODY_SECRET):
        assert secret not in stdout, secret
        assert secret not in stderr, secret
    assert '"GET /' not in stdout + stderr  # uvicorn's access log format
