"""Run multi-statement SQL scripts through Alembic (asyncpg prepares one statement at a time)."""

import importlib.util
from types import ModuleType

from alembic import op


def statements(script: str) -> list[str]:
    """Split on `;` at line ends, except inside $$-quoted function bodies."""
    out: list[str] = []
    current: list[str] = []
    in_body = False
    for line in script.splitlines():
        current.append(line)
        if line.count("$$") % 2 == 1:
            in_body = not in_body
        if not in_body and line.split("--")[0].rstrip().endswith(";"):
            stmt = "\n".join(current).strip()
            if stmt and not all(ln.strip().startswith("--") or not ln.strip() for ln in current):
                out.append(stmt)
            current = []
    return out


def run(script: str) -> None:
    for stmt in statements(script):
        op.execute(stmt)


def earlier(name: str) -> ModuleType:
    """An earlier migration's module, by file name (they start with a digit, so no import
    statement can name them): for a downgrade that restores what it replaced."""
    from app.db import migrations_dir

    path = migrations_dir() / "versions" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
