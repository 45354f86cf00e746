"""The committed client, clients/python/timecredits_client, is what scripts/client generates
from the committed OpenAPI document: regenerated into a temporary directory, it must match
byte for byte (as tests/test_openapi.py holds the document to the app)."""

import difflib
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "timecredits_client"
COMMITTED = ROOT / "clients" / "python" / PACKAGE
GENERATOR = ROOT / ".venv-codegen" / "bin" / "openapi-python-client"
DOCUMENT = ROOT / "openapi" / "openapi.json"
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def _files(top: Path) -> dict[str, bytes]:
    """Every file under `top` but Python's bytecode caches (importing the client makes them)."""
    return {
        str(path.relative_to(top)): path.read_bytes()
        for path in sorted(top.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_committed_client_is_what_the_document_generates(tmp_path: Path) -> None:
    if not GENERATOR.exists():
        if not os.environ.get("CI"):
            pytest.skip("no .venv-codegen: `scripts/client --setup-only` creates it")
        pytest.fail("no .venv-codegen in CI: scripts/test should have created it", pytrace=False)
    done = subprocess.run(
        [str(ROOT / "scripts" / "client"), "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"scripts/client failed:\n{done.stdout}\n{done.stderr}"
    generated = _files(tmp_path / PACKAGE)
    committed = _files(COMMITTED)
    assert len(generated) > 50, sorted(generated)
    if generated == committed:
        return
    missing = sorted(set(generated) - set(committed))
    extra = sorted(set(committed) - set(generated))
    changed = sorted(n for n in set(generated) & set(committed) if generated[n] != committed[n])
    diff = []
    for name in changed[:3]:
        diff += difflib.unified_diff(
            committed[name].decode().splitlines(True),
            generated[name].decode().splitlines(True),
            f"committed/{name}",
            f"generated/{name}",
        )
    pytest.fail(
        "clients/python/timecredits_client is out of date with openapi/openapi.json: run "
        "`scripts/client` and commit the result.\n"
        f"not committed: {missing}\nno longer generated: {extra}\nchanged: {changed}\n"
        + "".join(diff[:80]),
        pytrace=False,
    )


def test_every_operation_of_the_document_is_in_the_client() -> None:
    """The generator drops what it cannot read (scripts/client refuses its warnings): here,
    without the generator, every operation has its module, named by its operationId."""
    doc = json.loads(DOCUMENT.read_text())
    missing = [
        f"{method.upper()} {path}: api/{op['tags'][0]}/{op['operationId']}.py"
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in METHODS
        and not (COMMITTED / "api" / op["tags"][0] / f"{op['operationId']}.py").is_file()
    ]
    assert not missing, "operations missing from the client:\n" + "\n".join(missing)
