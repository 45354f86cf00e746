"""The OpenAPI document (committed at openapi/openapi.json by `timecredits openapi`):
FastAPI's, with every error declared as problem+json and the examples FastAPI cannot derive
on its own filled in (see `add_examples`)."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.api import problems, rate_limit_headers
from app.models.common import Problem
from app.services.pagination import encode

_MISSING = object()

# The probes answer plain dicts; their shapes are documented here.
_PROBE_EXAMPLES: dict[str, dict[str, Any]] = {
    "/healthz": {"200": {"status": "ok"}},
    "/readyz": {
        "200": {"status": "ok", "schema": "0001_foundation"},
    },
}


def schema(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, with every error declared as problem+json (its default 422 says
    application/json, and it knows nothing of the 413 BodyLimit answers for any body), and
    an example on every success response."""
    if app.openapi_schema:
        return app.openapi_schema
    doc = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    components = doc.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = Problem.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    for name in ("HTTPValidationError", "ValidationError"):
        components["schemas"].pop(name, None)
    defs = components["schemas"]["Problem"].pop("$defs", {})
    components["schemas"].update(defs)
    name_split_schemas(components["schemas"])
    for path, item in doc["paths"].items():
        for op in item.values():
            responses = op.setdefault("responses", {})
            if "422" in responses:
                responses["422"] = problems.problems(422)[422]
            raw_bodies_are_files(op)
            if path.startswith("/v1"):
                for status, spec in problems.problems().items():
                    responses.setdefault(str(status), spec)
                # Any body may be too large: BodyLimit answers 413 before the route runs.
                if "requestBody" in op:
                    responses.setdefault("413", problems.problems(413)[413])
                if op.get("security") == [{}]:  # anonymous (the Open Referral feed)
                    responses.pop("401", None)
                else:  # a key's budget: the 429 and the RateLimit headers
                    rate_limit_headers.document(op, problems.problems(429)[429], components)
    add_examples(doc)
    app.openapi_schema = doc
    return doc


def name_split_schemas(schemas: dict[str, Any]) -> None:
    """A model read and written differently is two schemas, `Slot-Input` and `Slot-Output`,
    both titled `Slot`; generators name classes by title, so the two collided and
    openapi-python-client dropped every model using them. Each gets its own title."""
    for name, sch in schemas.items():
        base, _, side = name.rpartition("-")
        if side in ("Input", "Output") and sch.get("title") == base:
            sch["title"] = f"{base}{side}"


def raw_bodies_are_files(op: dict[str, Any]) -> None:
    """A body that is neither JSON nor a form (the CSV imports' `text/csv`) is a file sent as
    it is, bytes the service decodes itself: `format: binary` says so, and is what client
    generators need to take it as a file (openapi-python-client skips the operation, or
    types the body as a bare string it then cannot send)."""
    for media_type, media in op.get("requestBody", {}).get("content", {}).items():
        if media_type.endswith("json") or media_type.startswith(("multipart/", "application/x-")):
            continue
        sch = media.get("schema")
        if sch == {"type": "string"}:
            sch["format"] = "binary"


def add_examples(schema: dict[str, Any]) -> None:
    """Give every JSON success response an example when its schema has none of its own:
    a list of a model gets `[model example]`, a page `{"data": [model example], ...}`.
    Models carry their examples in `json_schema_extra`; FastAPI puts those on the component
    schema, which is where request bodies find theirs."""
    components = schema.get("components", {}).get("schemas", {})
    for path, item in schema.get("paths", {}).items():
        for op in item.values():
            for status, response in op.get("responses", {}).items():
                media = response.get("content", {}).get("application/json")
                probe = _PROBE_EXAMPLES.get(path, {}).get(status)
                if probe is not None:
                    media = response.setdefault("content", {}).setdefault(
                        "application/json", {"schema": {"type": "object"}}
                    )
                    media.setdefault("example", probe)
                    continue
                if media is None or not status.startswith("2"):
                    continue
                if "example" in media or "examples" in media:
                    continue
                sch = media.get("schema", {})
                if _own_examples(sch, components):
                    continue
                example = _example(sch, components)
                if example is not _MISSING:
                    media["example"] = example


def _resolve(sch: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    ref = sch.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        return components.get(ref.rsplit("/", 1)[1], {})
    return sch


def _own_examples(sch: dict[str, Any], components: dict[str, Any]) -> bool:
    sch = _resolve(sch, components)
    return bool(sch.get("examples")) or "example" in sch


def _example(sch: dict[str, Any], components: dict[str, Any]) -> Any:
    sch = _resolve(sch, components)
    if sch.get("examples"):
        return sch["examples"][0]
    if "example" in sch:
        return sch["example"]
    if sch.get("anyOf"):  # one of several shapes (a card's holder as its home or a desk sees it)
        for branch in sch["anyOf"]:
            example = _example(branch, components)
            if example is not _MISSING:
                return example
        return _MISSING
    if sch.get("type") == "array":
        item = _example(sch.get("items", {}), components)
        return _MISSING if item is _MISSING else [item]
    props = sch.get("properties", {})
    if set(props) == {"data", "next_cursor", "has_more"}:
        item = _example(props["data"].get("items", {}), components)
        if item is not _MISSING:
            return {"data": [item], "next_cursor": encode(4217), "has_more": True}
    return _MISSING
