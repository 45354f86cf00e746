"""Migration 0021: report_members' month sets are stored unpacked (4-byte headers): rows
written before it, rows inserted after it (an INSERT would pack them: the BEFORE INSERT
trigger re-forms them) and columns an update copies; the figures do not change
(tests/reports/test_rollups.py)."""

import asyncio
import secrets
from collections.abc import AsyncIterator

import asyncpg
import pytest

from app.db import migrate, migrate_down
from tests.conftest import _with_database

COLUMNS = ("earn_months", "spend_months", "gift_months")
ONE_RUN = "{[2024-01-01,2024-03-01)}"  # 20 bytes of data: a 1-byte header packed, 4 not


@pytest.fixture
async def scratch_url(server_url: str) -> AsyncIterator[str]:
    name = f"tc_scratch_{secrets.token_hex(4)}"
    conn = await asyncpg.connect(server_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    yield _with_database(server_url, name)
    conn = await asyncpg.connect(server_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def _storage(conn: asyncpg.Connection) -> set[str]:
    return {
        r["attstorage"].decode()
        for r in await conn.fetch(
            """SELECT attstorage FROM pg_attribute
                WHERE attrelid = 'report_members'::regclass AND attname = ANY($1::text[])""",
            list(COLUMNS),
        )
    }


async def _sizes(conn: asyncpg.Connection, account: int) -> list[int]:
    row = await conn.fetchrow(
        """SELECT pg_column_size(earn_months) AS e, pg_column_size(spend_months) AS s,
                  pg_column_size(gift_months) AS g
             FROM report_members WHERE account_id = $1""",
        account,
    )
    return [row["e"], row["s"], row["g"]]


@pytest.mark.slow  # a scratch database, migrated up, down and up again
async def test_migration_0021_unpacks_the_month_sets_and_keeps_them_unpacked(
    scratch_url: str,
) -> None:
    await asyncio.to_thread(migrate, scratch_url, "0020_bulk_rollups")
    conn = await asyncpg.connect(scratch_url)
    try:
        await conn.execute(
            f"""INSERT INTO report_members (programme_id, account_id, earn_months, spend_months,
                                           gift_months)
               VALUES ('prg_a', 1, '{ONE_RUN}', '{ONE_RUN}', '{{}}')"""
        )
        assert await _storage(conn) == {"x"}
        assert await _sizes(conn, 1) == [21, 21, 9]  # packed: a 1-byte header

        await asyncio.to_thread(migrate, scratch_url)
        assert await _storage(conn) == {"p"}
        assert await _sizes(conn, 1) == [24, 24, 12]  # rewritten with 4-byte headers
        assert await conn.fetchval(
            f"SELECT earn_months = '{ONE_RUN}' AND gift_months = '{{}}' FROM report_members"
        )
        # What the trigger does: a new row, and an update of one column (the others copied).
        await conn.execute(
            f"""INSERT INTO report_members (programme_id, account_id, earn_months, spend_months,
                                           gift_months)
               VALUES ('prg_a', 2, '{ONE_RUN}', '{{}}', '{{}}')"""
        )
        await conn.execute(
            """UPDATE report_members
                  SET gift_months = gift_months + '{[2024-05-01,2024-06-01)}'"""
        )
        assert await _sizes(conn, 1) == [24, 24, 24]
        assert await _sizes(conn, 2) == [24, 12, 24]

        await asyncio.to_thread(migrate_down, scratch_url, "0020_bulk_rollups")
        assert await _storage(conn) == {"x"}
    finally:
        await conn.close()
