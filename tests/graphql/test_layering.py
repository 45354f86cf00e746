"""GraphQL resolvers only call app/services: no SQL of their own, no connection calls, no
second auth path (checked on the source, as tests/test_layers.py checks the routers)."""

import ast
from pathlib import Path

GRAPHQL = Path(__file__).resolve().parents[2] / "app" / "graphql"
SQL_CALLS = {"execute", "executemany", "fetch", "fetchrow", "fetchval", "copy_records_to_table"}
SQL_WORDS = ("SELECT ", "INSERT ", "UPDATE ", "DELETE ", "FROM ")


def _modules() -> list[Path]:
    return sorted(GRAPHQL.rglob("*.py"))


def test_there_are_graphql_modules() -> None:
    assert len(_modules()) >= 5


def test_no_sql_calls_in_app_graphql() -> None:
    found = {}
    for path in _modules():
        tree = ast.parse(path.read_text())
        lines = [
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr in SQL_CALLS | {"transaction"}
        ]
        if lines:
            found[path.name] = lines
    assert not found, f"SQL or transactions in app/graphql (call app/services): {found}"


def test_no_sql_text_nor_database_imports_in_app_graphql() -> None:
    found = {}
    for path in _modules():
        tree = ast.parse(path.read_text())
        imports = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        } | {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
        bad = sorted(
            m
            for m in imports
            if m.startswith(("sqlalchemy", "app.models.tables", "app.services.sql"))
        )
        strings = [
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and any(w in node.value.upper() for w in SQL_WORDS)
            and node.value.strip()
            .upper()
            .startswith(("SELECT", "INSERT", "UPDATE", "DELETE", "WITH"))
        ]
        if bad or strings:
            found[path.name] = (bad, strings)
    assert not found, f"SQL in app/graphql: {found}"


def test_the_connection_is_used_only_through_the_services() -> None:
    """`ctx.db` is passed to a service (Context.call) or to the unit of work, nothing else."""
    allowed = {"context.py": 1, "mutations.py": 1}
    counts = {}
    for path in _modules():
        text = path.read_text()
        n = text.count(".db")
        if n:
            counts[path.name] = n
    assert counts == allowed, counts


def test_authentication_is_rests_dependency() -> None:
    router = (GRAPHQL / "router.py").read_text()
    assert "from app.api.auth import CurrentCaller" in router
    for path in _modules():
        text = path.read_text()
        assert "keys.authenticate" not in text and "Unauthenticated(" not in text, path.name
