"""End-to-end tests drive real `timecredits` processes over HTTP; they need none of the
in-process fixtures, so the per-test TRUNCATE of the shared test database is switched off."""

import pytest


@pytest.fixture(autouse=True)
def _clean() -> None:
    """Overrides tests/conftest.py's `_clean`: no in-process app or database here."""
