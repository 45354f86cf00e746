"""The SQLModel tables (app/models/tables.py) and the migrations describe the same schema,
and the migrations run down to nothing and back up again."""

import asyncio
import json
import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime
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
from app.services.events import audience_sql

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
    "never_deleted",
    "report_gave_before",
    # A counted transfer's queued effect for the report rollups (migrations 0022, 0023).
    "report_effects",
    "report_days_apply",
    # Counts survey responses into the outcomes' rollups (migration 0015).
    "survey_rollup",
    # Stores report_members' new month sets unpacked (migration 0021).
    "report_members_unpacked",
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


# Migration 0006 gives existing members and transfers their events, as of their creation,
# seen by the organisations the service would show them to, and keys:manage keys events:read.

_ORGS = {
    "org_op": "operator",
    "org_p": "earn_partner",
    "org_o": "earn_partner",
    "org_v": "spend_partner",
}
# (id, kind, debit, credit, hundredths, poster, reverses, metadata, created_at)
_TRANSFERS = [
    ("txn_alloc", "allocation", "prg_a", "org_p", 100_000, "org_op", None, {"note": "Q1"}),
    ("txn_alloc_o", "allocation", "prg_a", "org_o", 1_000, "org_op", None, {}),
    ("txn_alloc2", "allocation", "prg_a", "org_o", 50_000, "org_op", None, {}),
    (
        "txn_earn",
        "earn",
        "org_p",
        "mem_1",
        500,
        "org_p",
        None,
        {"hours": "5.00", "activity": 'Café "Cuppas"\n', "given_on": "2026-11-20"},
    ),
    ("txn_earn_o", "earn", "org_o", "mem_1", 250, "org_o", None, {"hours": "2.50"}),
    ("txn_spend", "spend", "mem_1", "org_v", 100, "org_p", None, {"description": "Swim"}),
    ("txn_gift", "gift", "mem_1", "mem_2", 150, "org_p", None, {"message": "Thanks"}),
    ("txn_gift_org", "gift", "mem_1", "org_v", 25, "org_p", None, {}),
    ("txn_back", "reversal", "mem_2", "mem_1", 150, "org_o", "txn_gift", {"reason": "no"}),
    ("txn_refund", "reversal", "org_v", "mem_1", 100, "org_v", "txn_spend", {}),
    ("txn_unalloc", "reversal", "org_o", "prg_a", 50_000, "org_op", "txn_alloc2", {}),
]
_TYPES = {
    "allocation": "allocation.created",
    "earn": "earning.created",
    "spend": "spend.created",
    "gift": "gift.created",
    "reversal": "transaction.reversed",
}


async def _seed_0005(conn: asyncpg.Connection) -> dict[str, int]:
    """A small network made by SQL, as a database at 0005 holds one: returns the account
    of each owner."""
    await conn.execute(
        """INSERT INTO programmes (id, name, place, focus, starts_on)
           VALUES ('prg_a', 'Haringey Mental Health', 'Haringey', 'Mental health', '2015-01-01')"""
    )
    accounts = {
        "prg_a": await conn.fetchval(
            "INSERT INTO accounts (kind, owner_id) VALUES ('issuance', 'prg_a') RETURNING id"
        )
    }
    for org, role in _ORGS.items():
        await conn.execute(
            "INSERT INTO organisations (id, name, roles) VALUES ($1, $1, ARRAY[$2])", org, role
        )
        await conn.execute("INSERT INTO organisation_programmes VALUES ($1, 'prg_a')", org)
        accounts[org] = await conn.fetchval(
            "INSERT INTO accounts (kind, owner_id) VALUES ('organisation', $1) RETURNING id", org
        )
    for n, (member, home) in enumerate([("mem_1", "org_p"), ("mem_2", "org_o")], start=1):
        accounts[member] = await conn.fetchval(
            "INSERT INTO accounts (kind, owner_id) VALUES ('member', $1) RETURNING id", member
        )
        await conn.execute(
            """INSERT INTO members (id, card_number, home_organisation_id, programme_id,
                                    account_id, display_name, external_ref, year_of_birth,
                                    postcode_district, consent_research, created_at)
               VALUES ($1, $2, $3, 'prg_a', $4, $5, $6, 1961, 'N17', true, $7)""",
            member,
            f"49217730551{n}",
            home,
            accounts[member],
            f'Member "{n}"',
            f"REF-{n}" if n == 1 else None,
            datetime(2026, 11, 1, 9, 0, n, tzinfo=UTC),
        )
    for n, (tid, kind, debit, credit, amount, poster, reverses, meta) in enumerate(_TRANSFERS):
        at = datetime(2026, 11, 2, 9, 0, n, 0 if n % 2 else 123450, tzinfo=UTC)
        moved = await conn.fetchrow(
            "SELECT * FROM ledger_move($1, $2, $3, $4, $5, 'prg_a', $6, NULL, $7, $8, $9)",
            tid,
            kind,
            accounts[debit],
            accounts[credit],
            amount,
            poster,
            reverses,
            json.dumps(meta),
            at,
        )
        assert moved is not None, tid
    keys = {
        "key_manager": ["keys:manage", "members:read"],
        "key_reader": ["members:read"],
        "key_already": ["events:read", "keys:manage"],
    }
    for key, scopes in keys.items():
        await conn.execute(
            """INSERT INTO api_keys (id, organisation_id, name, secret_prefix, secret_hash,
                                     scopes) VALUES ($1, 'org_p', $1, 'tc_live_', $2, $3)""",
            key,
            key.encode(),
            scopes,
        )
    return accounts


def _pairs(raw: str) -> Any:
    return json.loads(raw, object_pairs_hook=list)


@pytest.mark.slow  # a scratch database, migrated twice
async def test_migration_0006_gives_existing_members_and_transfers_their_events(
    scratch_url: str,
) -> None:
    from app.auth.caller import Caller
    from app.db import _init_connection
    from app.services import integrity, members, transfers

    await asyncio.to_thread(migrate, scratch_url, "0005_scrub_key_secrets")
    conn = await asyncpg.connect(scratch_url)
    try:
        await _seed_0005(conn)
        await asyncio.to_thread(migrate, scratch_url)
        await _init_connection(conn)

        events = await conn.fetch(
            f"""SELECT e.seq, e.type, e.resource_id, e.created_at, e.data::text AS data,
                       {audience_sql()} AS audience
                  FROM events e ORDER BY e.seq"""
        )
        by_resource = {e["resource_id"]: e for e in events}
        assert len(by_resource) == len(events) == 2 + len(_TRANSFERS)

        homes = {"mem_1": "org_p", "mem_2": "org_o"}
        operator = Caller("org_op", None, frozenset({"operator"}), frozenset({"admin"}))
        for member, home in homes.items():
            event = by_resource[member]
            assert event["type"] == "member.created"
            assert event["audience"] == [home]
            row = await conn.fetchrow("SELECT created_at FROM members WHERE id = $1", member)
            assert event["created_at"] == row["created_at"]
            # As GET /v1/members/{id} showed the member to its home when it was made.
            caller = Caller(home, None, frozenset({"earn_partner"}), frozenset())
            shown = (await members.get(conn, caller, member)).model_copy(update={"balance": "0.00"})
            assert _pairs(event["data"]) == _pairs(shown.model_dump_json(by_alias=True))

        posters = {t[0]: t[5] for t in _TRANSFERS}
        for tid, kind, debit, credit, _, poster, reverses, _ in _TRANSFERS:
            event = by_resource[tid]
            assert event["type"] == _TYPES[kind]
            # Its poster, the organisations on either side, the members' homes (and for a
            # reversal, the original's poster), as the service records them today.
            expected = {poster, *(homes.get(p, p) for p in (debit, credit))} - {"prg_a"}
            if reverses:
                expected.add(posters[reverses])
            assert event["audience"] == sorted(expected), tid
            read = await transfers.get(conn, operator, tid)
            assert event["created_at"] == read.created_at
            as_made = read.model_copy(update={"reversed_by": None, "member_balance": None})
            assert _pairs(event["data"]) == _pairs(as_made.model_dump_json(by_alias=True)), tid

        report = await integrity.check(conn)
        assert report.ok, report.problems

        scopes = dict(await conn.fetch("SELECT id, scopes FROM api_keys"))
        assert scopes == {
            "key_manager": ["events:read", "keys:manage", "members:read"],
            "key_reader": ["members:read"],
            "key_already": ["events:read", "keys:manage"],
        }
    finally:
        await conn.close()
