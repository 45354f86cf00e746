"""The layers keep their places (docs/architecture.md): checked on the source, so that a
rule broken by a new module fails here rather than in review."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def _modules(folder: str) -> list[Path]:
    return sorted((APP / folder).rglob("*.py"))


def _calls(path: Path, attribute: str) -> list[int]:
    tree = ast.parse(path.read_text())
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == attribute
    ]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return out


def test_only_the_unit_of_work_opens_transactions() -> None:
    """DESIGN §7: services never open a transaction nor commit; the unit of work does."""
    allowed = APP / "services" / "unit_of_work.py"
    found = {
        str(path.relative_to(APP)): lines
        for path in APP.rglob("*.py")
        if path != allowed and (lines := _calls(path, "transaction") + _calls(path, "commit"))
    }
    assert not found, f"transactions opened outside app/services/unit_of_work.py: {found}"


def test_services_and_models_know_nothing_of_http() -> None:
    """Services and models are called by REST, GraphQL, the CLI and the demo loader alike."""
    web = ("fastapi", "starlette", "app.api")
    found = {
        str(path.relative_to(APP)): sorted(m for m in _imports(path) if m.startswith(web))
        for folder in ("services", "models", "auth")
        for path in _modules(folder)
    }
    found = {k: v for k, v in found.items() if v}
    assert not found, f"HTTP imports below the routers: {found}"


def test_routers_write_only_through_the_unit_of_work() -> None:
    """A router parses, calls and shapes: it never runs SQL of its own."""
    sql = ("execute", "executemany", "fetch", "fetchrow", "fetchval", "copy_records_to_table")
    found = {
        str(path.relative_to(APP)): lines
        for path in _modules("api")
        if (lines := [n for name in sql for n in _calls(path, name)])
    }
    # The readiness probe asks the database itself: it is about the database, not a domain.
    found.pop("api/ops.py", None)
    assert not found, f"SQL in routers: {found}"
