"""The newcomer's path, for real: `timecredits bootstrap` and `timecredits serve` as
subprocesses with no DATABASE_URL (so they start the embedded PostgreSQL in their data
directory), driven over HTTP; then SIGTERM, a clean exit, and no PostgreSQL left running."""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.slow

START_TIMEOUT = 90  # seconds: a first initdb, migrations and uvicorn's start
STOP_TIMEOUT = 30


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("timecredits")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from app.cli import main; main()"]


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DATABASE_URL", "TIMECREDITS_DATABASE_URL", "TEST_DATABASE_URL"):
        env.pop(name, None)
    env.update(
        TIMECREDITS_DATA_DIR=str(data_dir),
        TIMECREDITS_ENV="development",
        TIMECREDITS_MIGRATE_ON_START="true",
        PYTHONUNBUFFERED="1",
    )
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_pids(data_dir: Path) -> list[int]:
    """Processes whose command line names this data directory (the postmaster: `postgres -D
    <dir>`; its backends rename themselves and exit with it)."""
    needle = str(data_dir).encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if needle in cmdline and b"postgres" in cmdline.split(b"\0")[0]:
            pids.append(int(entry.name))
    return pids


def _postgres_running(data_dir: Path) -> bool:
    return (data_dir / "postmaster.pid").exists() or bool(_postgres_pids(data_dir))


def _wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.2)


def _run(cmd: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _cli() + cmd,
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """Outside pytest's temp root on purpose: any pytest run resets /tmp/pytest-of-<user> to
    mode 0700, which locks out the system user the embedded PostgreSQL runs as under root."""
    parent = Path(tempfile.mkdtemp(prefix="timecredits-e2e-"))
    path = (parent / "pgdata").resolve()
    yield path
    # Whatever happened, leave no PostgreSQL and no data behind.
    for pid in _postgres_pids(path):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGQUIT)
    shutil.rmtree(parent, ignore_errors=True)


def test_serve_on_embedded_postgres_register_earn_spend_gift(
    tmp_path: Path, data_dir: Path
) -> None:
    env = _env(data_dir)

    boot = _run(["bootstrap", "--json"], env, tmp_path)
    assert boot.returncode == 0, boot.stderr
    admin_key = json.loads(boot.stdout.strip().splitlines()[-1])["api_key"]["secret"]
    assert not _postgres_running(data_dir), "bootstrap left its PostgreSQL running"

    again = _run(["bootstrap", "--json"], env, tmp_path)
    assert again.returncode != 0, "bootstrap must refuse to run twice"

    port = _free_port()
    log_path = tmp_path / "serve.log"
    # serve's temporary files (the workers' metrics) go here, to check they are removed.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env["TMPDIR"] = str(scratch)
    with log_path.open("w") as log:
        server = subprocess.Popen(
            # Two workers, each with its own SO_REUSEPORT socket, on one embedded server.
            [*_cli(), "serve", "--port", str(port), "--workers", "2"],
            env=env,
            cwd=tmp_path,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for_ready(base, server, log_path)
        with httpx.Client(base_url=base, timeout=10) as http:
            _tour(http, admin_key)
        _metrics_add_up_over_workers(base)

        # A second process joins the running PostgreSQL rather than starting another,
        # and leaves it running for the server when it exits.
        check = _run(["check-ledger"], env, tmp_path)
        assert check.returncode == 0, check.stdout + check.stderr
        assert "ledger OK" in check.stdout
        assert httpx.get(f"{base}/readyz", timeout=5).status_code == 200

        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"serve did not exit within {STOP_TIMEOUT}s of SIGTERM\n{log_path.read_text()}"
            ) from None
        assert code == 0, f"serve exited {code}\n{log_path.read_text()}"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=STOP_TIMEOUT)

    _wait_until(lambda: not _postgres_running(data_dir), 10, "the embedded PostgreSQL to stop")
    assert "Traceback" not in log_path.read_text(), log_path.read_text()
    assert not list(scratch.glob("timecredits-metrics-*")), "serve left its metrics files"

    # On its own, check-ledger starts the embedded PostgreSQL and stops it again.
    check = _run(["check-ledger"], env, tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    _wait_until(lambda: not _postgres_running(data_dir), 10, "check-ledger's PostgreSQL to stop")


def _metrics_add_up_over_workers(base: str) -> None:
    """Each request on a new connection, so the kernel spreads them over both workers;
    every scrape, whichever worker answers it, counts all of them."""
    probes = 24
    for _ in range(probes):
        assert httpx.get(f"{base}/healthz", timeout=5).status_code == 200
    sample = 'timecredits_http_requests_total{method="GET",route="/healthz",status="200"}'
    for _ in range(6):
        scrape = httpx.get(f"{base}/metrics", timeout=5)
        assert scrape.status_code == 200
        assert scrape.headers["content-type"].startswith("text/plain")
        counts = [line.split()[-1] for line in scrape.text.splitlines() if line.startswith(sample)]
        assert counts == [f"{probes:.1f}"], scrape.text
        assert 'route="/v1/earnings",status="201"' in scrape.text


def _wait_for_ready(base: str, server: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if server.poll() is not None:
            raise AssertionError(f"serve exited {server.returncode}\n{log_path.read_text()}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"serve not ready in {START_TIMEOUT}s\n{log_path.read_text()}")
        time.sleep(0.2)


def _post(http: httpx.Client, path: str, key: str, body: dict[str, Any], **headers: str) -> Any:
    r = http.post(path, json=body, headers={"Authorization": f"Bearer {key}", **headers})
    assert r.status_code == 201, f"POST {path}: {r.status_code} {r.text}"
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers.get("x-request-id")
    return r.json()


def _tour(http: httpx.Client, admin_key: str) -> None:
    programme = _post(
        http,
        "/v1/programmes",
        admin_key,
        {
            "name": "Haringey Mental Health",
            "place": "London Borough of Haringey",
            "focus": "Mental Health",
            "starts_on": "2015-01-01",
        },
    )
    prg = programme["id"]
    partner = _post(
        http,
        "/v1/organisations",
        admin_key,
        {"name": "Tottenham Community Café", "roles": ["earn_partner"], "programme_ids": [prg]},
    )
    venue = _post(
        http,
        "/v1/organisations",
        admin_key,
        {"name": "Tottenham Lido", "roles": ["spend_partner"], "programme_ids": [prg]},
    )
    key = partner["api_key"]["secret"]
    _post(http, "/v1/allocations", admin_key, {"organisation_id": partner["id"], "credits": 100})

    me = http.get("/v1/me", headers={"Authorization": f"Bearer {key}"})
    assert me.status_code == 200, me.text
    assert me.json()["organisation"]["id"] == partner["id"]

    asha = _post(http, "/v1/members", key, {"display_name": "Asha K.", "programme_id": prg})
    ben = _post(http, "/v1/members", key, {"display_name": "Ben T.", "programme_id": prg})

    earning_body = {
        "member_id": asha["id"],
        "hours": 3,
        "activity": "Cuppas café shift",
        "given_on": date.today().isoformat(),
    }
    earning = _post(http, "/v1/earnings", key, earning_body, **{"Idempotency-Key": "e2e-earn-1"})
    assert earning["kind"] == "earn" and earning["credits"] == "3.00"
    replay = http.post(
        "/v1/earnings",
        json=earning_body,
        headers={"Authorization": f"Bearer {key}", "Idempotency-Key": "e2e-earn-1"},
    )
    assert replay.status_code == 201 and replay.json() == earning
    assert replay.headers.get("idempotent-replayed") == "true"

    spend = _post(
        http,
        "/v1/spends",
        key,
        {"member_id": asha["id"], "organisation_id": venue["id"], "credits": 1},
    )
    assert spend["member_balance"] == "2.00"
    gift = _post(
        http,
        "/v1/gifts",
        key,
        {"from_member_id": asha["id"], "to_member_id": ben["id"], "credits": "1"},
    )
    assert gift["kind"] == "gift"

    auth = {"Authorization": f"Bearer {key}"}
    for member, balance in ((asha, "1.00"), (ben, "1.00")):
        r = http.get(f"/v1/members/{member['id']}", headers=auth)
        assert r.status_code == 200, r.text
        assert r.json()["balance"] == balance

    seen: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 2}
    for _ in range(10):
        r = http.get("/v1/transactions", params=params, headers=auth)
        assert r.status_code == 200, r.text
        page = r.json()
        assert len(page["data"]) <= 2
        seen.extend(page["data"])
        if not page["has_more"]:
            assert page["next_cursor"] is None
            break
        params["after"] = page["next_cursor"]
    else:
        raise AssertionError("pagination did not end")
    ids = [t["id"] for t in seen]
    assert len(ids) == len(set(ids)), "a transaction appeared on two pages"
    assert [t["kind"] for t in seen] == ["gift", "spend", "earn", "allocation"]

    # The directory on the embedded server: its contrib extensions (earthdistance, pg_trgm)
    # serve a near + typo search.
    venue_auth = {"Authorization": f"Bearer {venue['api_key']['secret']}"}
    r = http.patch(
        "/v1/organisations/me",
        json={"location": {"lat": 51.5974, "lon": -0.0696}, "address": {"town": "London"}},
        headers=venue_auth,
    )
    assert r.status_code == 200, r.text
    swim = _post(
        http,
        "/v1/offers",
        venue["api_key"]["secret"],
        {"title": "Swim session", "category": "swimming", "credits": 1},
    )
    r = http.get(
        "/v1/offers", params={"q": "swiming", "near": "51.59,-0.07", "radius_km": 3}, headers=auth
    )
    assert r.status_code == 200, r.text
    assert [(o["id"], o["distance_km"]) for o in r.json()["data"]] == [(swim["id"], 0.82)]

    problem = http.get("/v1/no-such-route", headers=auth)
    assert problem.status_code == 404
    assert problem.headers["content-type"].startswith("application/problem+json")
