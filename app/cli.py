"""`timecredits`: what an operator does from a terminal."""

import asyncio
import json
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, TypeVar

import asyncpg
import typer

from app import db as dbmod
from app.settings import Settings, get_settings

cli = typer.Typer(help="The Time Credits partner API.", no_args_is_help=True, add_completion=False)
T = TypeVar("T")
DEMO_KEYS_FILE = Path(".demo-keys.json")


def _database_url(settings: Settings) -> str:
    """DATABASE_URL, or the embedded PostgreSQL (started now, stopped when we exit)."""
    if settings.database_url_str:
        return settings.database_url_str
    try:
        url = dbmod.start_embedded(settings.data_dir)
    except dbmod.EmbeddedPostgresError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    # Child processes (uvicorn workers, migrations) use this server rather than start another.
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    return url


def _run(url: str, fn: Callable[[asyncpg.Connection], Awaitable[T]]) -> T:
    async def go() -> T:
        conn = await asyncpg.connect(dbmod.plain_url(url))
        await dbmod._init_connection(conn)
        try:
            return await fn(conn)
        finally:
            await conn.close()

    return asyncio.run(go())


async def _write(conn: asyncpg.Connection, settings: Settings, operation, input_):
    """A write from the terminal: through the unit of work, as the operator's own tool
    (no API key), so it records its events like any other."""
    from app.auth.caller import Caller
    from app.services import unit_of_work

    terminal = Caller("", None, frozenset(), frozenset())
    outcome = await unit_of_work.write(conn, settings.service_env, terminal, operation, input_)
    return outcome.model


@cli.command()
def migrate(revision: str = "head") -> None:
    """Bring the database schema up to date (Alembic)."""
    settings = get_settings()
    dbmod.migrate(_database_url(settings), revision)
    typer.echo(f"database migrated to {revision}")


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (one per core).")] = 1,
) -> None:
    """Serve the API with uvicorn. Migrates first when TIMECREDITS_MIGRATE_ON_START is true.

    Standard output carries JSON lines, one per request among them (app/api/request_log.py),
    unless TIMECREDITS_LOG_FORMAT says otherwise; this line goes to standard error then."""
    # Set before the settings are first read: the workers read the same environment.
    os.environ.setdefault("TIMECREDITS_LOG_FORMAT", "json")
    get_settings.cache_clear()
    settings = get_settings()
    url = _database_url(settings)
    if settings.migrate_on_start:
        dbmod.migrate(url)
    typer.echo(
        f"Time Credits API on http://{host}:{port}  (docs: http://{host}:{port}/docs)",
        err=settings.log_format == "json",
    )
    from app import server

    try:
        status = server.run(host, port, workers)
    except Terminated:
        # uvicorn drained and stopped on SIGTERM, then re-raised the signal: a clean stop.
        return
    except OSError as exc:  # the port is taken, or the host is not ours
        typer.echo(f"error: cannot listen on {host}:{port}: {exc.strerror}", err=True)
        raise typer.Exit(2) from None
    if status:
        raise typer.Exit(status)


@cli.command("prune-idempotency-keys")
def prune_idempotency_keys(
    older_than_hours: Annotated[
        int | None,
        typer.Option(
            min=24,
            help="Forget keys older than this (at least 24; default "
            "TIMECREDITS_IDEMPOTENCY_RETENTION_HOURS).",
        ),
    ] = None,
) -> None:
    """Delete idempotency keys past their retention now (the service also does it hourly)."""
    from app.services import retention

    settings = get_settings()
    hours = older_than_hours or settings.idempotency_retention_hours

    async def go(conn: asyncpg.Connection) -> int:
        return await retention.prune(conn, older_than_hours=hours)

    deleted = _run(_database_url(settings), go)
    typer.echo(f"deleted {deleted} idempotency keys older than {hours} hours")


@cli.command()
def bootstrap(
    name: Annotated[str, typer.Option(help="The operator organisation's name.")] = (
        "Tempo Time Credits"
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON object.")] = False,
) -> None:
    """Create the operator organisation and print its first admin key (once)."""
    from app.services import bootstrap as boot
    from app.services.errors import Conflict

    settings = get_settings()
    url = _database_url(settings)
    dbmod.migrate(url)

    async def go(conn: asyncpg.Connection):
        return await _write(conn, settings, boot.create_operator, boot.OperatorBootstrap(name=name))

    try:
        org = _run(url, go)
    except Conflict as exc:
        typer.echo(f"error: {exc.detail}", err=True)
        raise typer.Exit(1) from None
    key = org.api_key
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "organisation_id": org.id,
                    "name": org.name,
                    "api_key": {"id": key.id, "secret": key.secret, "scopes": key.scopes},
                }
            )
        )
    else:
        typer.echo(f"Operator {org.name} ({org.id}) created.")
        typer.echo(f"Admin API key (shown once, store it now):\n  {key.secret}")


@cli.command("issue-key")
def issue_key(
    organisation_id: Annotated[str, typer.Argument(help="The organisation's id (org_...).")],
    name: Annotated[str, typer.Option(help="A label for the key.")] = "Issued by the operator",
    scope: Annotated[
        list[str] | None,
        typer.Option(help="A scope to grant (repeatable); default: all its roles allow."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON object.")] = False,
) -> None:
    """Mint an API key for an organisation that has lost its own (the operator's included)
    and print it once. The lost key keeps working until revoked: DELETE /v1/api-keys/{id}
    with the new one."""
    from app.models.keys import ApiKeyIssue
    from app.services import keys
    from app.services.errors import DomainError

    settings = get_settings()
    body = ApiKeyIssue(organisation_id=organisation_id, name=name, scopes=scope)

    async def go(conn: asyncpg.Connection):
        return await _write(conn, settings, keys.issue, body)

    try:
        key = _run(_database_url(settings), go)
    except DomainError as exc:
        typer.echo(f"error: {exc.detail}", err=True)
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps({"organisation_id": organisation_id, **key.model_dump(mode="json")}))
    else:
        typer.echo(f"API key {key.id} for {organisation_id} (shown once, store it now):")
        typer.echo(f"  {key.secret}")
        typer.echo(f"scopes: {' '.join(key.scopes)}")


@cli.command()
def demo(
    reset: Annotated[
        bool, typer.Option(help="Wipe the database first (development only).")
    ] = False,
    keys_file: Annotated[Path, typer.Option(help="Where to write the demo keys.")] = DEMO_KEYS_FILE,
) -> None:
    """Load the demo network (13 programmes from the seeds) and print a key per organisation."""
    from app.services import demo as demo_service
    from app.services import unit_of_work
    from app.services.errors import Conflict

    settings = get_settings()
    url = _database_url(settings)
    if reset:
        if settings.env == "production":
            typer.echo("error: --reset is refused in production", err=True)
            raise typer.Exit(1)
        dbmod.migrate_down(url)
    dbmod.migrate(url)

    async def go(conn: asyncpg.Connection) -> demo_service.DemoSummary:
        async with unit_of_work.all_or_nothing(conn):
            return await demo_service.load(conn, env=settings.service_env)

    try:
        summary = _run(url, go)
    except Conflict:
        saved = _saved_keys(keys_file)
        pepper = settings.service_env.pepper
        if saved and _run(url, lambda conn: _all_live(conn, saved, pepper)):
            typer.echo(f"The demo network is already loaded; its keys are in {keys_file}.")
            _print_keys(saved)
            return
        why = f" (the keys in {keys_file} are not this database's)" if saved else ""
        typer.echo(
            f"error: this database already has a network{why}. "
            "Run `timecredits demo --reset` to start over.",
            err=True,
        )
        raise typer.Exit(1) from None
    rows = [
        {
            "organisation_id": k.organisation_id,
            "name": k.name,
            "roles": k.roles,
            "programmes": k.programmes,
            "api_key": k.secret,
        }
        for k in summary.keys
    ]
    typer.echo(
        f"Demo network loaded: {summary.programmes} programmes, {len(rows)} organisations, "
        f"{summary.members} members, {summary.transfers} transfers."
    )
    typer.echo(
        f"Directory: {len(rows)} public profiles, {summary.offers} offers, "
        f"{summary.opportunities} opportunities."
    )
    # Printed before the file is written: the secrets exist nowhere else (only their hashes
    # are stored), so a file that cannot be written must not lose them.
    _print_keys(rows)
    try:
        keys_file.write_text(json.dumps(rows, indent=2))
        keys_file.chmod(0o600)
    except OSError as exc:
        typer.echo(f"error: keys not saved to {keys_file}: {exc.strerror}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Keys saved to {keys_file}.")


def _saved_keys(keys_file: Path) -> list[dict] | None:
    try:
        rows = json.loads(keys_file.read_text())
    except (OSError, ValueError):
        return None
    ok = isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows)
    return rows if ok else None


async def _all_live(conn: asyncpg.Connection, rows: list[dict], pepper: bytes) -> bool:
    """Whether every key in the file is a live key of this database: a file left by another
    database's demo (or another pepper) must not be reprinted as this one's."""
    from app.auth import keys as key_secrets

    try:
        digests = [key_secrets.digest(str(r["api_key"]), pepper) for r in rows]
    except KeyError:
        return False
    live = await conn.fetchval(
        "SELECT count(*) FROM api_keys WHERE secret_hash = ANY($1) AND revoked_at IS NULL",
        digests,
    )
    return live == len(rows)


def _print_keys(rows: list[dict]) -> None:
    for r in rows:
        where = "; ".join(r["programmes"]) or "network operator"
        typer.echo(f"  {r['api_key']}  {r['name']} [{', '.join(r['roles'])}] ({where})")


@cli.command("check-ledger")
def check_ledger() -> None:
    """Verify the ledger invariants; exit 1 with a report when one fails."""
    from app.services import integrity

    url = _database_url(get_settings())
    report = _run(url, integrity.check)
    typer.echo(
        f"{report.accounts} accounts, {report.transfers} transfers, "
        f"balances sum to {report.total_balance}"
    )
    for problem in report.problems:
        typer.echo(f"FAIL: {problem}", err=True)
    if not report.ok:
        raise typer.Exit(1)
    typer.echo("ledger OK")


@cli.command("rotate-signing-key")
def rotate_signing_key(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON object.")] = False,
) -> None:
    """Add a new key for signing offline tokens (QR codes) and print its kid. Running
    services sign with it within 30 s; older keys stay in /.well-known/jwks.json, so the
    tokens they signed verify until they expire."""
    from app.services import signing

    settings = get_settings()

    async def go(conn: asyncpg.Connection) -> str:
        return await signing.rotate(conn, settings.service_env)

    kid = _run(_database_url(settings), go)
    if as_json:
        typer.echo(json.dumps({"kid": kid}))
    else:
        typer.echo(f"new signing key {kid}; services sign with it within 30 s")


@cli.command("openapi")
def openapi(
    out: Annotated[Path, typer.Option(help="Where to write it.")] = Path("openapi/openapi.json"),
) -> None:
    """Regenerate the committed OpenAPI document from the app, and beside it the GraphQL
    SDL (schema.graphql)."""
    from app.graphql.schema import sdl
    from app.main import render

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render())
    typer.echo(f"wrote {out}")
    graphql = out.parent / "schema.graphql"
    graphql.write_text(sdl())
    typer.echo(f"wrote {graphql}")


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that atexit handlers run (they stop the embedded
    PostgreSQL this process started); the default action would kill us without them."""


def _terminated(signum: int, frame: object) -> None:
    raise Terminated


def _trouble(exc: BaseException) -> str | None:
    """One line for an operator (and for cron: exit 2, not check-ledger's 1) when the
    database cannot be reached or used; None for anything else (a bug: its traceback)."""
    from alembic.util.exc import CommandError
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, asyncpg.UndefinedTableError):
        return f"the database is not migrated ({exc}): run `timecredits migrate`"
    if isinstance(exc, DBAPIError):
        return f"the database: {exc.orig or exc}".splitlines()[0]
    if isinstance(exc, asyncpg.PostgresError | asyncpg.InterfaceError):
        return f"the database: {exc}".splitlines()[0]
    if isinstance(exc, CommandError):
        return f"migrations: {exc}"
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.strerror or exc}: {exc.filename}"
    if isinstance(exc, OSError):  # a socket's: the server named by DATABASE_URL
        return f"the database did not answer ({exc}); is DATABASE_URL right?"
    return None


def main() -> None:
    signal.signal(signal.SIGTERM, _terminated)
    try:
        cli()
    except KeyboardInterrupt:
        sys.exit(130)
    except Terminated:
        sys.exit(128 + signal.SIGTERM)
    except Exception as exc:
        line = _trouble(exc)
        if line is None:
            raise
        typer.echo(f"error: {line}", err=True)
        sys.exit(2)
