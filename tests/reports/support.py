"""Helpers for the reports' tests: the suppression threshold, members in bulk."""

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI


@contextmanager
def min_cell(app: FastAPI, value: int) -> Iterator[None]:
    """TIMECREDITS_MIN_CELL for the duration (the app's Env, as a router reads it)."""
    before = app.state.env
    app.state.env = dataclasses.replace(before, min_cell=value)
    try:
        yield
    finally:
        app.state.env = before
