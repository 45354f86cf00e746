"""Dependency floors and the hashed locks.

pyproject.toml states the floors. requirements.lock (the runtime packages: what the Docker image
installs) and requirements-dev.lock (runtime + the dev extra: what scripts/test and scripts/demo
install) pin every package with PyPI's sha256 hashes. `lock_problems()` lists where pyproject.toml
and the locks disagree; scripts/test and scripts/demo run this file as a script before they
install anything, so a stale lock stops them at once with the command that updates it:

    .venv/bin/python tests/test_dependencies.py      # exit 1 and the problems, if any

So at import time this module needs only the standard library, and `packaging` may come from the
venv's own pip (nothing else is installed yet when the scripts run it).
"""

import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
    from packaging.version import Version
except ImportError:  # a fresh venv: only pip is there, and it carries packaging
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name
    from pip._vendor.packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_LOCK = "requirements.lock"
DEV_LOCK = "requirements-dev.lock"
# The two commands that wrote the locks (uv from PyPI; the locks' headers repeat them). The
# second takes the first as constraints, so the tests run the versions the image ships.
COMPILE_RUNTIME = (
    "uv pip compile --universal --generate-hashes --no-strip-extras pyproject.toml"
    f" -o {RUNTIME_LOCK}"
)
COMPILE_DEV = (
    "uv pip compile --universal --generate-hashes --no-strip-extras pyproject.toml"
    f" --extra dev -c {RUNTIME_LOCK} -o {DEV_LOCK}"
)
UPDATE_COMMAND = f"{COMPILE_RUNTIME} && {COMPILE_DEV}"
# Annotation uv writes under a package that pyproject.toml itself asks for.
DIRECT = "timecredits (pyproject.toml)"


class Pin:
    """One package in a lock: name==version, its extras, marker, hashes and `# via` sources."""

    def __init__(self, line: str) -> None:
        req = Requirement(line)
        self.name = canonicalize_name(req.name)
        self.extras = {canonicalize_name(e) for e in req.extras}
        self.marker = req.marker
        specs = list(req.specifier)
        if len(specs) != 1 or specs[0].operator != "==":
            raise ValueError(f"not a pin: {line!r}")
        self.version = Version(specs[0].version)
        self.hashes: list[str] = []
        self.via: list[str] = []

    def applies(self) -> bool:
        return self.marker is None or self.marker.evaluate()


def read_lock(path: Path) -> dict[str, Pin]:
    pins: dict[str, Pin] = {}
    pin: Pin | None = None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line:
            continue
        if not raw[0].isspace() and not line.startswith(("#", "-")):
            pin = Pin(line.removesuffix("\\").strip())
            pins[pin.name] = pin
        elif pin is not None and line.startswith("--hash="):
            pin.hashes.append(line.removeprefix("--hash=").removesuffix("\\").strip())
        elif pin is not None and line.startswith("#"):
            text = line.lstrip("#").strip()
            if text.startswith("via"):
                text = text.removeprefix("via").strip()
            if text:
                pin.via.append(text)
    return pins


def project_requirements(pyproject: Path, *, dev: bool) -> list[Requirement]:
    project = tomllib.loads(pyproject.read_text())["project"]
    lines = list(project.get("dependencies", []))
    if dev:
        lines += project.get("optional-dependencies", {}).get("dev", [])
    return [Requirement(line) for line in lines]


def _compare(lock_name: str, pins: dict[str, Pin], wanted: list[Requirement]) -> list[str]:
    problems = []
    names = set()
    for req in wanted:
        name = canonicalize_name(req.name)
        names.add(name)
        pin = pins.get(name)
        if pin is None:
            problems.append(f"{lock_name} has no {req.name} (pyproject.toml asks for {req})")
            continue
        if not req.specifier.contains(pin.version, prereleases=True):
            problems.append(
                f"{lock_name} pins {req.name}=={pin.version}, outside pyproject.toml's {req}"
            )
        missing = {canonicalize_name(e) for e in req.extras} - pin.extras
        if missing:
            problems.append(
                f"{lock_name} has {req.name} without the extras {sorted(missing)} that"
                f" pyproject.toml asks for ({req})"
            )
        if DIRECT not in pin.via:
            problems.append(f"{lock_name} does not list {req.name} as asked for by pyproject.toml")
    for name, pin in sorted(pins.items()):
        if DIRECT in pin.via and name not in names:
            problems.append(
                f"{lock_name} has {name} as asked for by pyproject.toml, which no longer does"
            )
        if not pin.hashes:
            problems.append(f"{lock_name} has no hash for {name}")
    return problems


def lock_problems(root: Path = ROOT) -> list[str]:
    """Every way pyproject.toml and the two locks disagree (empty: they agree)."""
    problems = []
    pyproject = root / "pyproject.toml"
    locks = {}
    for lock_name, dev, command in (
        (RUNTIME_LOCK, False, COMPILE_RUNTIME),
        (DEV_LOCK, True, COMPILE_DEV),
    ):
        path = root / lock_name
        if not path.is_file():
            problems.append(f"{lock_name} is missing")
            continue
        if f"#    {command}\n" not in path.read_text():
            problems.append(f"{lock_name} was not written by `{command}`")
        locks[lock_name] = pins = read_lock(path)
        problems += _compare(lock_name, pins, project_requirements(pyproject, dev=dev))
    if len(locks) == 2:
        runtime, dev_pins = locks[RUNTIME_LOCK], locks[DEV_LOCK]
        for name, pin in sorted(runtime.items()):
            other = dev_pins.get(name)
            if other is None or other.version != pin.version:
                found = f"=={other.version}" if other else "nothing"
                problems.append(
                    f"{RUNTIME_LOCK} pins {name}=={pin.version}, {DEV_LOCK} has {found}"
                )
    return problems


def main() -> int:
    problems = lock_problems()
    if not problems:
        return 0
    print("error: pyproject.toml and the lock files disagree:", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    print(
        f"Update the locks (uv is on PyPI: pip install uv), then run again:\n  {UPDATE_COMMAND}",
        file=sys.stderr,
    )
    return 1


# ---- the tests --------------------------------------------------------------------------------


def _installed(name: str) -> Version:
    return Version(importlib.metadata.version(name))


def test_python_jose_is_at_least_3_5_0() -> None:
    # Before 3.4.0: CVE-2024-33663 (algorithm confusion with OpenSSH ECDSA keys) and
    # CVE-2024-33664 (JWE decompression bomb).
    assert _installed("python-jose") >= Version("3.5.0")


def test_jose_signs_and_verifies_through_cryptography_not_ecdsa() -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from jose import jwk, jwt
    from jose.backends.cryptography_backend import CryptographyECKey, CryptographyRSAKey
    from jose.exceptions import JWTError

    # jose picks its backend at import: the pure-Python ecdsa one only without cryptography.
    assert jwk.get_key("ES256") is CryptographyECKey
    assert jwk.get_key("RS256") is CryptographyRSAKey

    private = ec.generate_private_key(ec.SECP256R1())
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert isinstance(jwk.construct(private_pem, "ES256"), CryptographyECKey)

    token = jwt.encode({"sub": "org_test", "scope": "earn:write"}, private_pem, algorithm="ES256")
    assert jwt.decode(token, public_pem, algorithms=["ES256"]) == {
        "sub": "org_test",
        "scope": "earn:write",
    }
    header, payload, signature = token.split(".")
    flipped = "A" if signature[20] != "A" else "B"  # a character that carries 6 bits
    forged = f"{header}.{payload}.{signature[:20]}{flipped}{signature[21:]}"
    try:
        jwt.decode(forged, public_pem, algorithms=["ES256"])
    except JWTError:
        pass
    else:
        raise AssertionError("a token with a changed signature verified")
    other = ec.generate_private_key(ec.SECP256R1()).public_key()
    other_pem = other.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    try:
        jwt.decode(token, other_pem, algorithms=["ES256"])
    except JWTError:
        pass
    else:
        raise AssertionError("a token verified with another key")


def test_strawberry_graphql_is_at_least_0_315_7() -> None:
    # Before 0.315.7 fragments got past the alias limit.
    assert _installed("strawberry-graphql") >= Version("0.315.7")


def test_pyproject_and_the_locks_agree() -> None:
    assert lock_problems() == []


def test_the_installed_packages_are_the_dev_locks() -> None:
    """The venv was installed from requirements-dev.lock (and not since upgraded by hand)."""
    wrong = {}
    for name, pin in read_lock(ROOT / DEV_LOCK).items():
        if pin.applies():
            try:
                installed = _installed(name)
            except importlib.metadata.PackageNotFoundError:
                installed = None
            if installed != pin.version:
                wrong[name] = (str(pin.version), str(installed))
    assert wrong == {}


def test_pyproject_states_floors_only() -> None:
    """Lower bounds that exist, no upper bounds: the locks do the pinning."""
    for dev in (False, True):
        for req in project_requirements(ROOT / "pyproject.toml", dev=dev):
            assert [s.operator for s in req.specifier] == [">="], str(req)


def test_the_readme_says_how_to_update_the_locks() -> None:
    assert UPDATE_COMMAND in (ROOT / "README.md").read_text()


def _tree(tmp_path: Path) -> Path:
    for name in ("pyproject.toml", RUNTIME_LOCK, DEV_LOCK):
        (tmp_path / name).write_text((ROOT / name).read_text())
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_the_check_passes_on_a_copy(tmp_path: Path) -> None:
    assert lock_problems(_tree(tmp_path)) == []


def test_the_check_notices_a_floor_above_the_pin(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    _edit(
        root / "pyproject.toml", "python-jose[cryptography]>=3.5.0", "python-jose[cryptography]>=99"
    )
    problems = lock_problems(root)
    assert any("python-jose==" in p and ">=99" in p for p in problems), problems
    assert len(problems) == 2  # both locks


def test_the_check_notices_a_new_dependency(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    _edit(root / "pyproject.toml", '"tzdata>=2024.1",', '"tzdata>=2024.1",\n    "orjson>=3.10",')
    problems = lock_problems(root)
    assert problems == [
        f"{RUNTIME_LOCK} has no orjson (pyproject.toml asks for orjson>=3.10)",
        f"{DEV_LOCK} has no orjson (pyproject.toml asks for orjson>=3.10)",
    ]


def test_the_check_notices_a_new_dev_dependency(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    _edit(root / "pyproject.toml", '"ruff>=0.6",', '"ruff>=0.6",\n    "mypy>=1.10",')
    assert lock_problems(root) == [f"{DEV_LOCK} has no mypy (pyproject.toml asks for mypy>=1.10)"]


def test_the_check_notices_a_dropped_dependency(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    _edit(root / "pyproject.toml", '    "prometheus-client>=0.20",\n', "")
    problems = lock_problems(root)
    assert len(problems) == 2 and all("prometheus-client" in p for p in problems), problems


def test_the_check_notices_a_new_extra(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    _edit(root / "pyproject.toml", '"httpx>=0.27"', '"httpx[http2]>=0.27"')
    problems = lock_problems(root)
    assert len(problems) == 2 and all("['http2']" in p for p in problems), problems


def test_the_check_notices_a_missing_hash_and_locks_that_differ(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    lock = root / RUNTIME_LOCK
    unhashed = re.sub(r"(?m)^(tzdata==\S+) \\\n(\s+--hash=\S+( \\)?\n)+", r"\1\n", lock.read_text())
    lock.write_text(unhashed)
    dev = root / DEV_LOCK
    pin = re.search(r"(?m)^alembic==(\S+)", dev.read_text())
    assert pin is not None
    _edit(dev, f"alembic=={pin[1]}", "alembic==1.13.0")
    assert lock_problems(root) == [
        f"{RUNTIME_LOCK} has no hash for tzdata",
        f"{RUNTIME_LOCK} pins alembic=={pin[1]}, {DEV_LOCK} has ==1.13.0",
    ]


def test_the_check_notices_a_lock_written_another_way(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    _edit(root / DEV_LOCK, " --generate-hashes", "")
    assert lock_problems(root) == [f"{DEV_LOCK} was not written by `{COMPILE_DEV}`"]


if __name__ == "__main__":
    sys.exit(main())
