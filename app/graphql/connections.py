"""Relay connections over the services' cursor pages: the same cursors and page sizes as
REST (`first` is REST's `limit`, at most 200; `after` its `after`).

Every edge carries its row's cursor (`pagination.Page.cursors`): `after` it resumes with
the rows after that edge, as REST's `next_cursor` does after a page's last row. Paging is
forwards only, as in REST, so `hasPreviousPage` is always false."""

from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry

from app.services.pagination import Page

T = TypeVar("T")
M = TypeVar("M")


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool = strawberry.field(
        description="Always false: pages are walked forwards only, with `after`."
    )
    start_cursor: str | None = strawberry.field(description="The first edge's cursor.")
    end_cursor: str | None = strawberry.field(
        description="The last edge's cursor: pass as `after` for the next page."
    )


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str = strawberry.field(description="Pass as `after` for the rows after this one.")


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo

    @strawberry.field
    def nodes(self) -> list[T]:
        return [e.node for e in self.edges]


def connection(page: Page[M], node: Callable[[M], T]) -> "Connection[T]":
    """A service's page as a connection."""
    edges = [
        Edge(node=node(item), cursor=cursor)
        for item, cursor in zip(page.items, page.cursors, strict=True)
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.next_cursor is not None,
            has_previous_page=False,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )
