"""Helpers the ledger tests share: posting moves through the API and checking the invariants."""

import asyncio
import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from app.services import integrity
from tests.network import Network, Org

CLI = shutil.which("timecredits", path=str(Path(sys.executable).parent)) or "timecredits"


async def spend(
    net: Network,
    member_id: str,
    credits: Any,
    *,
    by: Org | None = None,
    venue: Org | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    by = by or net.partner
    venue = venue or net.venue
    return await net.client.post(
        "/v1/spends",
        headers={**by.headers, **(headers or {})},
        json={"member_id": member_id, "organisation_id": venue.id, "credits": credits},
    )


async def gift(
    net: Network,
    from_member_id: str,
    credits: Any,
    *,
    to_member_id: str | None = None,
    to_organisation_id: str | None = None,
    by: Org | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    by = by or net.partner
    body: dict[str, Any] = {"from_member_id": from_member_id, "credits": credits}
    if to_member_id is not None:
        body["to_member_id"] = to_member_id
    if to_organisation_id is not None:
        body["to_organisation_id"] = to_organisation_id
    return await net.client.post("/v1/gifts", headers={**by.headers, **(headers or {})}, json=body)


async def earn(
    net: Network,
    member_id: str,
    hours: Any,
    *,
    by: Org | None = None,
    headers: dict[str, str] | None = None,
    **fields: Any,
) -> httpx.Response:
    by = by or net.partner
    return await net.client.post(
        "/v1/earnings",
        headers={**by.headers, **(headers or {})},
        json={"member_id": member_id, "hours": hours, **fields},
    )


async def reverse(
    net: Network, transfer_id: str, *, by: Org | None = None, key: str | None = None
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"} if key else (by or net.partner).headers
    return await net.client.post(
        f"/v1/transactions/{transfer_id}/reversal", headers=headers, json={"reason": "mistake"}
    )


async def org_balance(pool: asyncpg.Pool, organisation_id: str) -> Decimal:
    cents = await pool.fetchval(
        "SELECT balance FROM accounts WHERE kind = 'organisation' AND owner_id = $1",
        organisation_id,
    )
    return Decimal(cents) / 100


async def transfer_count(pool: asyncpg.Pool, kind: str | None = None) -> int:
    return await pool.fetchval(
        "SELECT count(*) FROM transfers WHERE $1::text IS NULL OR kind = $1", kind
    )


async def ledger_report(pool: asyncpg.Pool) -> integrity.LedgerReport:
    async with pool.acquire() as conn:
        return await integrity.check(conn)


async def assert_ledger_consistent(pool: asyncpg.Pool) -> None:
    report = await ledger_report(pool)
    assert report.ok, report.problems
    assert report.total_balance == 0


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def _check_ledger_cli(database_url: str) -> CliResult:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMECREDITS_")}
    env["DATABASE_URL"] = database_url
    done = subprocess.run(
        [CLI, "check-ledger"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


async def check_ledger_cli(database_url: str) -> CliResult:
    """`timecredits check-ledger` as an operator runs it, in a subprocess."""
    return await asyncio.to_thread(_check_ledger_cli, database_url)


async def account_id_of_member(pool: asyncpg.Pool, member_id: str) -> int:
    return await pool.fetchval("SELECT account_id FROM members WHERE id = $1", member_id)


@asynccontextmanager
async def account_locked(pool: asyncpg.Pool, account_id: int) -> AsyncIterator[None]:
    """Hold a row lock on an account, so requests touching it queue up behind us."""
    async with pool.acquire() as conn:
        tx = conn.transaction()
        await tx.start()
        try:
            await conn.execute("SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE", account_id)
            yield
        finally:
            await tx.rollback()


async def wait_for_lock_waiters(pool: asyncpg.Pool, n: int, timeout: float = 10) -> None:
    """Until n backends of this database are blocked on a lock."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        waiting = await pool.fetchval(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        if waiting >= n:
            return
        assert loop.time() < deadline, f"only {waiting} of {n} requests reached the lock"
        await asyncio.sleep(0.01)
