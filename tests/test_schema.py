"""The SQLModel tables (app/models/tables.py) and the migrations describe the same schema,
and the migrations run down to nothing and back up again."""

import asyncio
import json
import secrets
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from app.db import migrate, migrate_down, sqlalchemy_url
from app.models.tables import metadata

# What the migrations hold and SQLModel cannot say. CHECK constraints, functions and
# triggers are not compared by Alembic at all; these reflected objects are, so they are
# named here one by one (anything else missing from the models still fails the test).
MIGRATION_ONLY_INDEXES = {
    # A partial expression index: at most one organisation holds the operator role.
    "organisations_one_operator",
    # An expression index: listings A-Z, case-insensitive.
    "listings_title",
}

# Objects the migrations create besides tables: they must all go on downgrade.
FUNCTIONS = {
    "ledger_move",
    "transfers_append_only",
    "directory_derive",
    "directory_uuid",
    "directory_learn",
    "directory_correct",
    "organisations_directory",
    "listings_directory",
    "events_append_only",
}


def _include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    return not (
        type_ == "index" and reflected and compare_to is None and name in MIGRATION_ONLY_INDEXES
    )


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection,
        opts={"compare_type": True, "compare_server_default": True, "include_object": _include},
    )
    return compare_metadata(context, metadata)


async def _schema_differences(database_url: str) -> list[Any]:
    engine = create_async_engine(sqlalchemy_url(database_url))
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(_differences)
    finally:
        await engine.dispose()


async def test_the_sqlmodel_tables_match_the_migrated_database(database_url: str) -> None:
    differences = await _schema_differences(database_url)
    assert differences == [], "\n".join(map(str, differences))


async def test_the_schema_comparison_notices_a_table_the_models_do_not_declare(
    database_url: str, pool: asyncpg.Pool
) -> None:
    """Guards the filter above: it must not hide real drift."""
    await pool.execute("CREATE TABLE drift_probe (id int PRIMARY KEY)")
    await pool.execute("CREATE INDEX drift_probe_idx ON transfers (amount)")
    try:
        differences = await _schema_differences(database_url)
    finally:
        await pool.execute("DROP INDEX drift_probe_idx")
        await pool.execute("DROP TABLE drift_probe")
    kinds = {(d[0], d[1].name) for d in differences if isinstance(d, tuple)}
    assert ("remove_table", "drift_probe") in kinds
    assert ("remove_index", "drift_probe_idx") in kinds


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


@pytest.fixture
async def scratch_url(server_url: str) -> AsyncIterator[str]:
    """An empty database of our own, dropped afterwards."""
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


def _head() -> str:
    from alembic.script import ScriptDirectory

    from app.db import alembic_config

    return ScriptDirectory.from_config(alembic_config("postgresql://unused")).get_current_head()


async def _inventory(url: str) -> dict[str, set[str]]:
    conn = await asyncpg.connect(url)
    try:
        tables = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        functions = await conn.fetch(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d "
            "WHERE d.objid = p.oid AND d.deptype = 'e')"  # extensions' own functions
        )
        version: set[str] = set()
        if any(r["tablename"] == "alembic_version" for r in tables):
            version = {r["version_num"] for r in await conn.fetch("SELECT * FROM alembic_version")}
        return {
            "tables": {r["tablename"] for r in tables} - {"alembic_version"},
            "functions": {r["proname"] for r in functions},
            "version": version,
        }
    finally:
        await conn.close()


@pytest.mark.slow  # a scratch database, migrated three times
async def test_migrations_go_down_to_nothing_and_back_up_to_the_same_schema(
    scratch_url: str,
) -> None:
    # Alembic's env runs its own event loop: give it a thread of its own.
    await asyncio.to_thread(migrate, scratch_url)
    up = await _inventory(scratch_url)
    assert up["tables"] == set(metadata.tables)
    assert up["functions"] == FUNCTIONS
    assert up["version"] == {_head()}
    assert await _schema_differences(scratch_url) == []

    await asyncio.to_thread(migrate_down, scratch_url, "base")
    down = await _inventory(scratch_url)
    assert down == {"tables": set(), "functions": set(), "version": set()}

    await asyncio.to_thread(migrate, scratch_url)
    assert await _inventory(scratch_url) == up
    assert await _schema_differences(scratch_url) == []


@pytest.mark.slow  # a scratch database, migrated up, down and up again
async def test_migration_0004_writes_weekdays_out_in_full_and_back(scratch_url: str) -> None:
    """Schedules stored before 0004 (`mon`) come out as `monday`, in order, with the search
    column that follows them; a day already in full is kept; downgrading reverses it."""
    await asyncio.to_thread(migrate, scratch_url, "0003_search_indexes")
    conn = await asyncpg.connect(scratch_url)
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
    try:
        await conn.execute(
            """INSERT INTO organisations (id, name, roles, opening_hours)
               VALUES ('org_a', 'A', '{spend_partner}', $1)""",
            [{"day": "sat", "opens": "09:00", "closes": "12:00"}, {"day": "monday"}],
        )
        await conn.execute(
            """INSERT INTO listings (id, kind, organisation_id, title, categories, price, schedule)
               VALUES ('off_a', 'offer', 'org_a', 'Swim', '{swimming}', 100, $1),
                      ('off_b', 'offer', 'org_a', 'Gym', '{fitness}', 100, '[]')""",
            [{"day": "tue", "opens": "07:00", "closes": "09:00"}, {"day": "mon"}],
        )
        await asyncio.to_thread(migrate, scratch_url)
        hours = await conn.fetchval("SELECT opening_hours FROM organisations")
        assert [slot["day"] for slot in hours] == ["saturday", "monday"]
        assert hours[0] == {"day": "saturday", "opens": "09:00", "closes": "12:00"}
        row = await conn.fetchrow("SELECT schedule, open_days FROM listings WHERE id = 'off_a'")
        assert [slot["day"] for slot in row["schedule"]] == ["tuesday", "monday"]
        assert sorted(row["open_days"]) == ["monday", "tuesday"]
        assert await conn.fetchval("SELECT schedule FROM listings WHERE id = 'off_b'") == []
        with pytest.raises(asyncpg.CheckViolationError):
            await conn.execute("UPDATE listings SET categories = '{}' WHERE id = 'off_b'")

        await asyncio.to_thread(migrate_down, scratch_url, "0003_search_indexes")
        row = await conn.fetchrow("SELECT schedule, open_days FROM listings WHERE id = 'off_a'")
        assert [slot["day"] for slot in row["schedule"]] == ["tue", "mon"]
    finally:
        await conn.close()


@pytest.mark.slow  # a scratch database, migrated twice
async def test_migration_0005_clears_key_secrets_from_stored_responses(scratch_url: str) -> None:
    """Responses stored before the fix held new keys' secrets; after 0005 none does, and
    other stored responses are untouched."""
    await asyncio.to_thread(migrate, scratch_url, "0004_weekday_names")
    conn = await asyncpg.connect(scratch_url)
    try:
        await conn.execute(
            "INSERT INTO organisations (id, name, roles) VALUES ('org_a', 'A', '{earn_partner}')"
        )
        bodies = {
            "key": {"id": "key_1", "name": "till", "secret": "tc_live_x", "scopes": []},
            "org": {"id": "org_b", "api_key": {"id": "key_2", "secret": "tc_live_y"}},
            "spend": {"id": "txn_1", "description": "secret"},  # "secret", but not a key
            "empty": None,
        }
        for key, body in bodies.items():
            await conn.execute(
                """INSERT INTO idempotency_keys (organisation_id, key, fingerprint, status_code,
                                                 response_body)
                   VALUES ('org_a', $1, '\\x00', 201, $2)""",
                key,
                None if body is None else json.dumps(body).encode(),
            )
        await asyncio.to_thread(migrate, scratch_url)
        stored = {
            r["key"]: r["response_body"]
            for r in await conn.fetch("SELECT key, response_body FROM idempotency_keys")
        }
        assert json.loads(stored["key"]) == {**bodies["key"], "secret": None}
        assert json.loads(stored["org"])["api_key"] == {"id": "key_2", "secret": None}
        assert stored["spend"] == json.dumps(bodies["spend"]).encode()
        assert stored["empty"] is None
    finally:
        await conn.close()
