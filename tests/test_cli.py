"""The `timecredits` CLI as an operator meets it: one clear line and exit 2 when the database
cannot be used, flags checked, and the demo's keys never lost or confused with another
database's (all found by review)."""

import asyncio
import json
import os
import secrets
import subprocess
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from tests.conftest import PEPPER, _with_database, server_admin
from tests.ledger.support import CLI

pytestmark = pytest.mark.slow


async def cli(
    *args: str, database_url: str, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMECREDITS_")}
    env.update(DATABASE_URL=database_url, TIMECREDITS_KEY_PEPPER=PEPPER)
    return await asyncio.to_thread(
        subprocess.run,
        [CLI, *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture
async def new_database(server_url: str) -> AsyncIterator[Callable[[], Awaitable[str]]]:
    """Empty databases (not migrated) on the test server, dropped afterwards."""
    names: list[str] = []

    async def make() -> str:
        name = f"tc_cli_{secrets.token_hex(4)}"
        await server_admin(server_url, f'CREATE DATABASE "{name}"')
        names.append(name)
        return _with_database(server_url, name)

    yield make
    for name in names:
        await server_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _one_line_error(done: subprocess.CompletedProcess, words: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], lines


async def test_check_ledger_on_a_database_that_does_not_answer(database_url: str) -> None:
    unreachable = "postgresql://postgres@127.0.0.1:1/nothing"
    _one_line_error(await cli("check-ledger", database_url=unreachable), "the database")


async def test_check_ledger_on_a_database_never_migrated(
    new_database: Callable[[], Awaitable[str]],
) -> None:
    url = await new_database()
    _one_line_error(await cli("check-ledger", database_url=url), "timecredits migrate")


async def test_migrate_to_an_unknown_revision(database_url: str) -> None:
    done = await cli("migrate", "--revision", "nonsense", database_url=database_url)
    _one_line_error(done, "migrations")


@pytest.mark.parametrize(
    "flags", [["--port", "99999"], ["--port", "0"], ["--workers", "0"], ["--workers", "-1"]]
)
async def test_serve_refuses_a_port_or_worker_count_it_cannot_honour(
    database_url: str, flags: list[str]
) -> None:
    """`--port 99999` used to listen on 34463 (the socket wraps it) while saying 99999."""
    done = await cli("serve", *flags, database_url=database_url)
    assert done.returncode == 2 and "Invalid value" in done.stderr, done.stderr
    assert "Time Credits API on" not in done.stdout


async def test_demo_reprints_only_its_own_databases_keys(
    new_database: Callable[[], Awaitable[str]], tmp_path: Path
) -> None:
    first, other = await new_database(), await new_database()
    loaded = await cli("demo", database_url=first, cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    keys = json.loads((tmp_path / ".demo-keys.json").read_text())
    assert keys and all(k["api_key"] in loaded.stdout for k in keys)

    again = await cli("demo", database_url=first, cwd=tmp_path)
    assert again.returncode == 0 and "already loaded" in again.stdout, again.stderr
    assert keys[0]["api_key"] in again.stdout

    assert (await cli("bootstrap", database_url=other, cwd=tmp_path)).returncode == 0
    elsewhere = await cli("demo", database_url=other, cwd=tmp_path)
    assert elsewhere.returncode == 1, elsewhere.stdout
    assert "not this database's" in elsewhere.stderr
    assert "tc_live_" not in elsewhere.stdout


async def test_demo_prints_its_keys_even_when_the_keys_file_cannot_be_written(
    new_database: Callable[[], Awaitable[str]], tmp_path: Path
) -> None:
    url = await new_database()
    nowhere = tmp_path / "missing-dir" / "keys.json"
    done = await cli("demo", "--keys-file", str(nowhere), database_url=url, cwd=tmp_path)
    assert done.returncode == 1 and f"keys not saved to {nowhere}" in done.stderr, done.stderr
    assert done.stdout.count("tc_live_") > 50  # every organisation's key, on the screen
