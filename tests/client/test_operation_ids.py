"""Every operation in the committed OpenAPI document is named for what it does, one way:
verb_noun snake_case from a short list of verbs (`create_earning`, `reverse_transaction`).
The generated client's functions carry these names, so a FastAPI default such as
`create_earning_v1_earnings_post` would show up in every integrator's code."""

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")

# What an operation may do. Reading: get (one thing), list (a collection as it is), search
# (a collection filtered by a query). Writing: the plain CRUD verbs, then the domain's own,
# each where no CRUD verb says what happens (a reversal is not an update).
VERBS = {
    "get",
    "list",
    "search",
    "create",
    "register",
    "update",
    "set",
    "delete",
    "archive",
    "revoke",
    "import",
    "reverse",
    "refund",
    "redeem",
    "validate",
    "issue",
    "deposit",
    "void",
    "unlock",
    "rotate",
    "retry",
    "accept",
    "decline",
    "record",
    "close",
}


@pytest.fixture(scope="module")
def operation_ids() -> list[tuple[str, str]]:
    doc: dict[str, Any] = json.loads(COMMITTED.read_text())
    return [
        (f"{method.upper()} {path}", op.get("operationId", ""))
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def test_every_operation_has_a_unique_id(operation_ids: list[tuple[str, str]]) -> None:
    assert len(operation_ids) >= 20
    missing = [where for where, name in operation_ids if not name]
    assert not missing, f"operations without an operationId: {missing}"
    twice = {name: n for name, n in Counter(n for _, n in operation_ids).items() if n > 1}
    assert not twice, f"operationIds used more than once: {twice}"


def _fault(name: str) -> str | None:
    """What is wrong with an operationId, or None."""
    words = name.split("_")
    if not SNAKE.match(name):
        return "is not snake_case"
    if len(words) < 2:
        return "names no noun after its verb"
    if words[0] not in VERBS:
        return f"starts with {words[0]!r}, not one of the verbs {sorted(VERBS)}"
    if "v1" in words or words[-1] in METHODS:
        # FastAPI's default (`create_earning_v1_earnings_post`), or a hand-made echo of it.
        return "carries its path or method"
    return None


def test_every_operation_id_is_verb_noun_snake_case(operation_ids: list[tuple[str, str]]) -> None:
    wrong = [
        f"{where}: {name!r} {fault}"
        for where, name in operation_ids
        if (fault := _fault(name)) is not None
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "name",
    [
        "create_earning_v1_earnings_post",  # FastAPI's default, before this test
        "healthz_healthz_get",
        "note_sheet",  # no verb
        "refund",  # no noun
        "createEarning",
        "create__earning",
        "get_member_get",
    ],
)
def test_the_rule_refuses_names_that_read_badly(name: str) -> None:
    assert _fault(name) is not None


def test_the_issues_examples_read_as_asked(operation_ids: list[tuple[str, str]]) -> None:
    names = dict(operation_ids)
    assert names["POST /v1/earnings"] == "create_earning"
    assert names["POST /v1/transactions/{transfer_id}/reversal"] == "reverse_transaction"
    assert names["GET /v1/transactions"] == "list_transactions"
    assert names["GET /v1/offers"] == "search_offers"  # the directory router's, same convention
