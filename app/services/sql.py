"""SQLAlchemy Core statements run on the unit of work's asyncpg connection.

The plain create/read/update/list queries are built from the tables in app/models/tables.py,
so a column is named there and in its request or response model, not again in SQL text.
SQLAlchemy only writes the SQL: a `Statement` compiles once, for PostgreSQL's asyncpg dialect,
into the `$n` text asyncpg prepares (and caches per connection, by text), and remembers its
parameters' order. No Session, no ORM objects, no SQLAlchemy bind or result processing:
values go to asyncpg as they are and rows come back as asyncpg Records, so the pool's codecs
(app/db.py: jsonb as Python data) and asyncpg's own (arrays as lists, timestamps as aware
datetimes, bytea as bytes) apply exactly as to hand-written SQL.

- A value written into a statement (`accounts.c.kind == "member"`, `.limit(1)`) is SQL text,
  as it would be by hand (a partial index can match it); a value given per call is a
  `bindparam` without a value, passed by name: `await GET.fetchrow(db, id=programme_id)`.
- Build statements once, at import, as module constants. A statement whose shape depends
  on the request (the columns a PATCH sets) is built by a function under `functools.lru_cache`,
  so each shape is compiled once too.
- Parameters carry their column's type as a cast (`$1::VARCHAR`, the dialect's way), so
  `$2 IS NULL OR …` needs no cast by hand; to the planner a varchar is a text, and indexes
  apply as they do to hand-written SQL.
- Columns a database trigger keeps (`earth`, `search`: `Cube`, `tsvector`) are never
  selected: select what a model reads (`model_columns`), not whole tables.

Cost (bench/sql_statements.py, on this project's shared 2-core machine, loopback PostgreSQL):
compile once, 0.35 ms for a one-table select, 1.2 ms for keys.LOOKUP (26 statements, 18 ms
of CPU at import); then a call costs 0.4-0.8 µs of CPU more than `db.fetchrow(text, *args)`
(the keyword arguments, put in `$n` order), against a round trip of 33-65 µs for the
cheapest reads (a programme by id, the key lookup; best rounds). In the round trip the
difference is lost in the noise: median 62 vs 65 µs and 105 vs 111 µs in one run, the
Statement ahead in others. So the key lookup, run on every request, is a Statement too.
"""

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import asyncpg
from pydantic import BaseModel
from sqlalchemy import ColumnElement, FromClause, Table, select
from sqlalchemy.dialects.postgresql.asyncpg import PGCompiler_asyncpg, PGDialect_asyncpg
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import Insert
from sqlalchemy.sql.elements import BindParameter, ClauseElement
from sqlmodel import SQLModel


class _Compiler(PGCompiler_asyncpg):
    """Renders a value fixed in a statement as a literal, as hand-written SQL would: only
    what changes per call is a `$n` parameter."""

    def visit_bindparam(self, bindparam: BindParameter[Any], **kw: Any) -> str:
        if not bindparam.required and bindparam.callable is None:
            kw["literal_binds"] = True
        return super().visit_bindparam(bindparam, **kw)


class _Dialect(PGDialect_asyncpg):
    statement_compiler = _Compiler


DIALECT = _Dialect()


class Statement:
    """A Core statement compiled once: the SQL text and its parameters' names in `$n`
    order. A parameter used twice is one `$n`."""

    __slots__ = ("_count", "_get", "_names", "sql")

    def __init__(self, statement: ClauseElement) -> None:
        if isinstance(statement, Insert):
            statement = statement.inline()  # no RETURNING of the key unless asked for
        compiled = statement.compile(dialect=DIALECT)
        if "POSTCOMPILE" in compiled.string:
            # in_() with a list parameter expands per call: use `col == any_(bindparam(...))`
            raise ValueError("a statement whose text changes per call cannot be compiled once")
        if isinstance(compiled, SQLCompiler) and (
            compiled.insert_prefetch or compiled.update_prefetch
        ):
            # SQLAlchemy would compute these columns' Python-side defaults when executing;
            # asyncpg runs the text alone. Defaults belong to the database (server_default).
            columns = [c.name for c in (*compiled.insert_prefetch, *compiled.update_prefetch)]
            raise ValueError(f"Python-side column defaults would be lost: {columns}")
        self.sql: str = compiled.string
        self._names: tuple[str, ...] = tuple(compiled.positiontup or ())
        self._count = len(self._names)
        self._get = _getter(self._names)

    def args(self, params: Mapping[str, Any]) -> tuple[Any, ...]:
        """The positional arguments for asyncpg: every parameter, by name, none unknown."""
        if len(params) == self._count:
            try:
                return self._get(params)
            except KeyError:
                pass
        missing = sorted(set(self._names) - params.keys())
        unknown = sorted(params.keys() - set(self._names))
        raise TypeError(f"parameters missing: {missing}; unknown: {unknown}\n{self.sql}")

    # Plain functions returning asyncpg's awaitable: no coroutine of our own per call.
    def fetch(self, db: asyncpg.Connection, **params: Any) -> Awaitable[list[asyncpg.Record]]:
        return db.fetch(self.sql, *self.args(params))

    def fetchrow(self, db: asyncpg.Connection, **params: Any) -> Awaitable[asyncpg.Record | None]:
        return db.fetchrow(self.sql, *self.args(params))

    def fetchval(self, db: asyncpg.Connection, **params: Any) -> Awaitable[Any]:
        return db.fetchval(self.sql, *self.args(params))

    def execute(self, db: asyncpg.Connection, **params: Any) -> Awaitable[str]:
        """The command's status, e.g. "UPDATE 0"."""
        return db.execute(self.sql, *self.args(params))

    def executemany(
        self, db: asyncpg.Connection, rows: Iterable[Mapping[str, Any]]
    ) -> Awaitable[None]:
        return db.executemany(self.sql, [self.args(row) for row in rows])

    def __repr__(self) -> str:
        return f"Statement({self.sql!r})"


def _getter(names: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """The values of `names` as a tuple, in order (itemgetter's, also for 0 or 1 name)."""
    if len(names) > 1:
        return itemgetter(*names)
    if names:
        (name,) = names
        return lambda params: (params[name],)
    return lambda params: ()


def table(model: type[SQLModel]) -> Table:
    """A SQLModel table class's Core table."""
    return model.__table__  # type: ignore[attr-defined,no-any-return]


@dataclass(frozen=True, slots=True)
class Derivation:
    """How a model's fields map to columns: kept for the drift test (tests/test_sql.py)."""

    model: type[BaseModel]
    source: FromClause
    made: Mapping[str, ColumnElement[Any] | None]


# Every model_columns and model_values call, in import order.
DERIVED: list[Derivation] = []


def _fields(
    model: type[BaseModel], source: FromClause, made: Mapping[str, ColumnElement[Any] | None]
) -> list[str]:
    """The model's fields read from (or written to) `source`'s columns of the same name;
    a field that is neither such a column nor in `made` fails at import."""
    stale = sorted(made.keys() - model.model_fields.keys())
    if stale:
        raise LookupError(f"{model.__name__} has no field(s) {stale}")
    plain = [name for name in model.model_fields if name not in made]
    unknown = [name for name in plain if name not in source.c]
    if unknown:
        raise LookupError(
            f"{model.__name__}.{', '.join(unknown)}: no such column in {source}; add it to "
            "app/models/tables.py (and a migration), or say how the field is made"
        )
    DERIVED.append(Derivation(model, source, dict(made)))
    return plain


def model_columns(
    model: type[BaseModel], source: FromClause, **made: ColumnElement[Any] | None
) -> list[ColumnElement[Any]]:
    """What to select to read `model`, in its field order: each field is `source`'s column
    of the same name unless `made` names another expression (selected under the field's
    name) or None (made in Python from columns the caller selects besides). So a field is
    added to a response by adding it to its table and its model."""
    plain = set(_fields(model, source, made))
    columns: list[ColumnElement[Any]] = []
    for name in model.model_fields:
        if name in plain:
            columns.append(source.c[name])
        elif (expr := made[name]) is not None:
            columns.append(expr.label(name))
    return columns


def model_values(model: type[BaseModel], target: Table, *others: str) -> list[str]:
    """The columns an insert of `model` writes: every field of the model (each a column of
    `target`) and `others`, set by the service. Pass `**body.model_dump()` for the fields."""
    return [*_fields(model, target, {}), *others]


def select_list(columns: Iterable[ColumnElement[Any]], source: FromClause) -> str:
    """`columns` as the SQL text of a select list, for a hand-written statement reading the
    same columns from `source` (the directory search)."""
    compiled = select(*columns).select_from(source).compile(dialect=DIALECT).string
    head, sep, tail = compiled.rpartition("\nFROM ")
    if not sep or not head.startswith("SELECT ") or "\n" in tail or "$" in compiled:
        # a WHERE, or a parameter, could not be pasted into another statement
        raise ValueError(f"not a plain select list: {compiled}")
    return head.removeprefix("SELECT ")
