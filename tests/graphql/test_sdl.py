"""The committed SDL is the app's (like tests/test_openapi.py for the OpenAPI document)."""

import difflib
from pathlib import Path

import pytest

from app.graphql.schema import sdl

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "schema.graphql"


def test_committed_sdl_matches_the_schema() -> None:
    committed = COMMITTED.read_text() if COMMITTED.exists() else ""
    rendered = sdl()
    if committed != rendered:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(True),
                    rendered.splitlines(True),
                    "openapi/schema.graphql (committed)",
                    "app.graphql.schema.sdl()",
                )
            )[:60]
        )
        pytest.fail(
            "openapi/schema.graphql is out of date: run `timecredits openapi` and commit it.\n"
            + diff,
            pytrace=False,
        )


def test_the_contracts_names_are_in_the_sdl() -> None:
    text = sdl()
    for name in (
        "me: Me!",
        "programmes(",
        "programme(id: ID!)",
        "stats(from: Date",
        "offers(first: Int",
        "member(id: ID!)",
        "recordEarning(input: RecordEarningInput!)",
        "recordSpend(input: RecordSpendInput!)",
        "idempotencyKey: String",
        "pageInfo: PageInfo!",
        "endCursor: String",
        "hasNextPage: Boolean!",
    ):
        assert name in text, name
