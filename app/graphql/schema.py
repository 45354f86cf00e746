"""The schema, its protections (settings with safe defaults), and its SDL as committed
at openapi/schema.graphql (`timecredits openapi` writes both)."""

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from app.graphql.errors import ProblemCodes, expected
from app.graphql.limits import PageSizeLimiter
from app.graphql.mutations import Mutation
from app.graphql.queries import Query
from app.settings import Settings


class Schema(strawberry.Schema):
    """Logs only what went wrong on our side: a client's error (a refused query, a domain
    error, invalid input) is its answer, not an incident."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        unexpected = [e for e in errors if not expected(e)]
        if unexpected:
            super().process_errors(unexpected, execution_context)


def build(settings: Settings) -> strawberry.Schema:
    """A query deeper than graphql_max_depth, with more aliases than graphql_max_aliases
    (counted through fragments) or more tokens than graphql_max_tokens is refused while
    parsed and validated, before any resolver runs. Page sizes: `first` at most 200, as
    REST's `limit`."""
    extensions: list = [
        ProblemCodes,
        MaxTokensLimiter(max_token_count=settings.graphql_max_tokens),
        QueryDepthLimiter(max_depth=settings.graphql_max_depth),
        MaxAliasesLimiter(max_alias_count=settings.graphql_max_aliases),
        PageSizeLimiter,
    ]
    if not settings.graphql_introspection:
        extensions.append(DisableIntrospection())
    return Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True),
    )


def sdl() -> str:
    """The SDL as committed at openapi/schema.graphql."""
    return build(Settings(database_url=None, env="development")).as_str() + "\n"
