"""Relay connections over the services' cursor pages: the same cursors and page sizes as
REST (`first` is REST's `limit`, at most 200; `after` its `after`).

A service names only the cursor after a page's last row (REST's `next_cursor`), so that
is the last edge's `cursor` and `pageInfo.endCursor`; the other edges' cursors are null."""

from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry

T = TypeVar("T")
M = TypeVar("M")


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None = strawberry.field(
        description="Pass as `after` for the next page (REST's next_cursor); null on the last."
    )


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str | None = strawberry.field(
        description="Set on the page's last edge when more follow (the page's endCursor)."
    )


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo

    @strawberry.field
    def nodes(self) -> list[T]:
        return [e.node for e in self.edges]


def connection(items: list[M], cursor: str | None, node: Callable[[M], T]) -> "Connection[T]":
    """A service's (items, next_cursor) page as a connection."""
    edges = [
        Edge(node=node(item), cursor=cursor if i == len(items) - 1 else None)
        for i, item in enumerate(items)
    ]
    return Connection(
        edges=edges, page_info=PageInfo(has_next_page=cursor is not None, end_cursor=cursor)
    )
