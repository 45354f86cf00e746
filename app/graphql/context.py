"""What every resolver gets: the request's connection, the caller REST's dependency
authenticated, the services' Env, and the request's DataLoaders."""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import asyncpg
from strawberry.fastapi import BaseContext
from strawberry.types import Info as StrawberryInfo

from app.auth.caller import Caller, ensure_scope
from app.services.errors import InvalidInput
from app.services.pagination import MAX_LIMIT
from app.services.unit_of_work import Env

T = TypeVar("T")


@dataclass
class Context(BaseContext):
    db: asyncpg.Connection
    caller: Caller
    env: Env
    # One asyncpg connection runs one statement at a time, and GraphQL resolves sibling
    # fields concurrently: every use of `db` takes this lock.
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    loaders: dict[str, Any] = field(default_factory=dict)

    def need(self, scope: str) -> Caller:
        """The field's scope, named as the REST route's (403 forbidden there)."""
        ensure_scope(self.caller, scope)
        return self.caller

    async def call(self, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        """A service call on the request's connection, one at a time."""
        async with self.lock:
            return await fn(self.db, *args, **kwargs)

    def loader(self, name: str, make: Callable[["Context"], Any]) -> Any:
        """The request's DataLoader `name`, made on first use."""
        if name not in self.loaders:
            self.loaders[name] = make(self)
        return self.loaders[name]


Info = StrawberryInfo[Context, None]


def page_size(first: int | None, default: int) -> int:
    """`first`, as REST's `limit`: 1 to MAX_LIMIT (200)."""
    size = default if first is None else first
    if not 1 <= size <= MAX_LIMIT:
        raise InvalidInput.field("first", f"must be between 1 and {MAX_LIMIT}")
    return size
