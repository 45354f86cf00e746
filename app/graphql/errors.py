"""GraphQL errors with REST's problem codes: `extensions.code` is the `code` the same
failure has as a problem+json (app/api/problems.py), so a client handles both alike."""

import re
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from pydantic import ValidationError
from strawberry.extensions import SchemaExtension

from app.api.problems import STATUS
from app.services.errors import DomainError, RateLimited

# The limiters' refusals (app/graphql/limits.py): refused before the query runs.
_LIMITS = re.compile(r"exceeds maximum operation depth|aliases found|more than \d+ tokens")
INTERNAL = "internal error: the request id in the logs names it"


def field_errors(exc: ValidationError) -> list[dict[str, str]]:
    """Pydantic's errors as REST's `errors`: a field (camelCase, as the input names it) and
    a message."""
    out = []
    for err in exc.errors():
        parts = [_camel(str(p)) for p in err.get("loc", ())]
        message = str(err.get("msg", "is invalid")).removeprefix("Value error, ")
        out.append({"field": ".".join(parts) or "input", "message": message[:300]})
    return out


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def expected(error: GraphQLError) -> bool:
    """A client's error: a domain error, invalid input, or a refused document."""
    original = error.original_error
    return original is None or isinstance(original, DomainError | ValidationError)


def _extensions(error: GraphQLError) -> dict[str, Any]:
    original = error.original_error
    if isinstance(original, DomainError):
        ext: dict[str, Any] = {"code": original.code, "status": STATUS.get(type(original))}
        if original.errors:
            ext["errors"] = original.errors
        if isinstance(original, RateLimited):
            ext["retryAfter"] = original.retry_after
        return ext
    if isinstance(original, ValidationError):
        return {"code": "validation_error", "status": 422, "errors": field_errors(original)}
    if original is None:
        code = "query_too_complex" if _LIMITS.search(error.message) else "invalid_query"
        return {"code": code}
    return {"code": "internal_error", "status": 500}


def _mapped(error: GraphQLError) -> GraphQLError:
    ext = {**(error.extensions or {}), **_extensions(error)}
    message = error.message
    if isinstance(error.original_error, ValidationError):
        message = "; ".join(f"{e['field']}: {e['message']}" for e in ext["errors"][:5])
    elif ext["code"] == "internal_error":
        message = INTERNAL  # logged with its traceback by schema.Schema.process_errors
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error if ext["code"] != "internal_error" else None,
        extensions=ext,
    )


class ProblemCodes(SchemaExtension):
    """Every error gets an `extensions.code`; an unexpected one says nothing of itself."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and getattr(result, "errors", None):
            result.errors = [_mapped(e) for e in result.errors]
