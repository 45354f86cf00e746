"""The committed OpenAPI document is the app's, and it is complete enough for clients and
contract fuzzers to trust: summaries, descriptions, problem+json errors, examples."""

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from app.main import render

COMMITTED = Path(__file__).resolve().parent.parent / "openapi" / "openapi.json"
PROBLEM = "application/problem+json"
PROBLEM_REF = "#/components/schemas/Problem"
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


@pytest.fixture(scope="module")
def rendered() -> str:
    return render()


@pytest.fixture(scope="module")
def doc(rendered: str) -> dict[str, Any]:
    return json.loads(rendered)


def _operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, op)
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    assert ref.startswith("#/components/schemas/"), ref
    return doc["components"]["schemas"][ref.rsplit("/", 1)[1]]


def _has_example(doc: dict[str, Any], media: dict[str, Any]) -> bool:
    """An example on the media type, or on the schema it names (FastAPI puts a model's
    `json_schema_extra` examples on its component schema); `Model | None` bodies count
    their model's."""
    if "example" in media or media.get("examples"):
        return True
    schema = _resolve(doc, media.get("schema", {}))
    branches = [schema, *(_resolve(doc, s) for s in schema.get("anyOf", []))]
    return any("example" in s or s.get("examples") for s in branches)


def test_committed_document_matches_the_app(rendered: str) -> None:
    committed = COMMITTED.read_text() if COMMITTED.exists() else ""
    if committed != rendered:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(True),
                    rendered.splitlines(True),
                    "openapi/openapi.json (committed)",
                    "app.openapi.render()",
                )
            )[:60]
        )
        pytest.fail(
            "openapi/openapi.json is out of date with the app: run `timecredits openapi` "
            f"(.venv/bin/timecredits openapi) and commit the result.\n{diff}",
            pytrace=False,
        )


def test_there_are_operations(doc: dict[str, Any]) -> None:
    assert len(_operations(doc)) >= 20
    assert doc["openapi"].startswith("3.")


def test_every_operation_has_a_summary_and_a_description(doc: dict[str, Any]) -> None:
    missing = [
        f"{m} {p}"
        for m, p, op in _operations(doc)
        if not op.get("summary", "").strip() or not op.get("description", "").strip()
    ]
    assert not missing, f"operations without a summary or description: {missing}"


def test_v1_operations_declare_their_errors_as_problems(doc: dict[str, Any]) -> None:
    wrong = []
    for m, p, op in _operations(doc):
        responses = op["responses"]
        if p.startswith("/v1"):
            anonymous = op.get("security") == [{}]  # the Open Referral feed: no 401
            for status in ("422",) if anonymous else ("401", "422"):
                if status not in responses:
                    wrong.append(f"{m} {p}: no {status}")
        for status, response in responses.items():
            if not p.startswith("/v1") or int(status) < 400:
                continue
            content = response.get("content", {})
            if list(content) != [PROBLEM]:
                wrong.append(f"{m} {p} {status}: content is {list(content)}, not {PROBLEM}")
                continue
            media = content[PROBLEM]
            if media.get("schema", {}).get("$ref") != PROBLEM_REF:
                wrong.append(f"{m} {p} {status}: schema is not the Problem schema")
            if "example" not in media and not media.get("examples"):
                wrong.append(f"{m} {p} {status}: no example")
    assert not wrong, "\n".join(wrong)


def test_no_422_anywhere_says_application_json(doc: dict[str, Any]) -> None:
    for m, p, op in _operations(doc):
        if (response := op["responses"].get("422")) is not None:
            assert "application/json" not in response.get("content", {}), f"{m} {p}"


def test_fastapi_validation_schemas_are_gone(rendered: str, doc: dict[str, Any]) -> None:
    assert "HTTPValidationError" not in rendered
    assert "ValidationError" not in doc["components"]["schemas"]
    problem = doc["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "code"} <= set(problem["required"])


def test_request_bodies_have_examples(doc: dict[str, Any]) -> None:
    missing = []
    for m, p, op in _operations(doc):
        body = op.get("requestBody")
        if body is None:
            continue
        for media_type, media in body.get("content", {}).items():
            if not _has_example(doc, media):
                missing.append(f"{m} {p} ({media_type})")
    assert not missing, f"request bodies without an example: {missing}"


def test_success_responses_have_examples(doc: dict[str, Any]) -> None:
    missing = []
    for m, p, op in _operations(doc):
        successes = {s: r for s, r in op["responses"].items() if s.startswith("2")}
        assert successes, f"{m} {p} declares no success response"
        for status, response in successes.items():
            for media_type, media in response.get("content", {}).items():
                if not _has_example(doc, media):
                    missing.append(f"{m} {p} {status} ({media_type})")
    assert not missing, f"success responses without an example: {missing}"


def test_v1_operations_require_the_bearer_key(doc: dict[str, Any]) -> None:
    schemes = doc["components"].get("securitySchemes", {})
    assert any(s.get("scheme") == "bearer" for s in schemes.values()), schemes
    open_ = [
        f"{m} {p}"
        for m, p, op in _operations(doc)
        if p.startswith("/v1") and not op.get("security")
    ]
    assert not open_, f"/v1 operations without a security requirement: {open_}"


def test_a_new_keys_secret_is_declared_nullable_as_replays_never_show_it(
    doc: dict[str, Any],
) -> None:
    created = doc["components"]["schemas"]["ApiKeyCreated"]
    assert "secret" in created["required"]
    secret = created["properties"]["secret"]
    assert {"type": "null"} in secret["anyOf"], secret
    assert "replay never shows the secret" in secret["description"]
    for path in ("/v1/api-keys", "/v1/organisations"):
        description = " ".join(doc["paths"][path]["post"]["description"].split())
        assert "a replay never shows the secret again" in description, path


def test_every_operation_that_takes_a_body_declares_its_413(doc: dict[str, Any]) -> None:
    """BodyLimit refuses any body over TIMECREDITS_MAX_BODY_BYTES with a 413 problem."""
    missing = [
        f"{m} {p}"
        for m, p, op in _operations(doc)
        if "requestBody" in op and "413" not in op["responses"]
    ]
    assert not missing, f"operations with a body but no 413: {missing}"
    bodies = [op for _, p, op in _operations(doc) if "requestBody" in op and p.startswith("/v1")]
    assert len(bodies) >= 10
    example = bodies[0]["responses"]["413"]["content"][PROBLEM]["example"]
    assert example["code"] == "payload_too_large" and example["status"] == 413


def test_finding_a_member_by_card_declares_its_404(doc: dict[str, Any]) -> None:
    """Found by review: a card number nobody holds is a 404 the document did not list."""
    assert "404" in doc["paths"]["/v1/members"]["get"]["responses"]
