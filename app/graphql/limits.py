"""Page sizes checked before anything runs: a `first` outside 1-200 (REST's `limit`),
written in the query or passed as a variable, refuses the whole document with REST's
validation_error, as the depth, alias and token limiters refuse theirs."""

from collections.abc import Iterator

from graphql import ArgumentNode, GraphQLError, IntValueNode, VariableNode, visit
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.language import Visitor
from strawberry.extensions import SchemaExtension

from app.graphql.context import page_size
from app.services.errors import InvalidInput

PAGE_ARGUMENT = "first"


class _Firsts(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[ArgumentNode, object]] = []

    def enter_argument(self, node: ArgumentNode, *_: object) -> None:
        if node.name.value == PAGE_ARGUMENT:
            self.found.append((node, node.value))


class PageSizeLimiter(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is not None and ctx.result is None:
            firsts = _Firsts()
            visit(document, firsts)
            variables = ctx.variables or {}
            for node, value in firsts.found:
                if isinstance(value, IntValueNode):
                    size: object = int(value.value)
                elif isinstance(value, VariableNode):
                    size = variables.get(value.name.value)
                else:
                    continue
                if not isinstance(size, int):
                    continue  # null: the default page; anything else the type check refuses
                try:
                    page_size(size, 1)
                except InvalidInput as exc:
                    error = GraphQLError(exc.detail, nodes=[node], original_error=exc)
                    ctx.result = GraphQLExecutionResult(data=None, errors=[error])
                    break
        yield
