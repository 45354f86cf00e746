"""Core statements on asyncpg (app/services/sql.py): the columns a response reads come from
its table and its model, and a statement runs as the text asyncpg prepares."""

from datetime import datetime
from typing import Any

import asyncpg
import pytest
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

import app.main  # noqa: F401  (every service: each derives its statements at import)
from app.models.directory import DirectoryOrganisation, OfferRead, OpportunityRead
from app.models.keys import ApiKeyRead
from app.models.members import MemberCreate, MemberRead
from app.models.organisations import OrganisationRead, ProgrammeCreate, ProgrammeRead
from app.models.tables import Organisation, Programme, metadata
from app.services import sql
from app.services.sql import Statement, model_columns, select_list, table

programmes = table(Programme)
organisations = table(Organisation)


def test_every_field_of_a_model_read_from_a_table_is_its_column_or_made_explicitly() -> None:
    """A field added to a response model without its column (or a column renamed in
    tables.py) fails here, not in a partner's integration."""
    assert {d.model for d in sql.DERIVED} >= {
        ProgrammeRead,
        ProgrammeCreate,
        OrganisationRead,
        ApiKeyRead,
        MemberRead,
        MemberCreate,
        DirectoryOrganisation,
        OfferRead,
        OpportunityRead,
    }
    for derived in sql.DERIVED:
        fields = derived.model.model_fields
        assert derived.made.keys() <= fields.keys(), derived  # no stale entries
        for name in fields:
            assert name in derived.made or name in derived.source.c, (derived.model, name)


def test_the_tables_read_are_the_migrated_ones() -> None:
    tables = {getattr(d.source, "element", d.source) for d in sql.DERIVED}
    assert tables <= set(metadata.tables.values())


def test_a_field_without_a_column_is_refused_when_the_statement_is_built() -> None:
    class WithBudget(ProgrammeRead):
        budget: int

    with pytest.raises(LookupError, match="budget"):
        model_columns(WithBudget, programmes)
    with pytest.raises(LookupError, match="nonsense"):
        model_columns(ProgrammeRead, programmes, nonsense=None)


def test_a_statement_names_its_parameters_once_and_writes_its_constants_as_sql() -> None:
    statement = Statement(
        sa.select(programmes.c.id)
        .where(
            programmes.c.name == sa.bindparam("name"),
            programmes.c.place == "Haringey",
            programmes.c.focus == sa.bindparam("name"),
        )
        .limit(1)
    )
    assert statement.sql.count("$1") == 2 and "$2" not in statement.sql
    assert "'Haringey'" in statement.sql and "LIMIT 1" in statement.sql
    assert statement.args({"name": "x"}) == ("x",)
    with pytest.raises(TypeError, match=r"missing: \['name'\]; unknown: \['nme'\]"):
        statement.args({"nme": "x"})
    with pytest.raises(TypeError, match=r"unknown: \['limit'\]"):
        statement.args({"name": "x", "limit": 2})


def test_what_asyncpg_cannot_run_as_compiled_text_is_refused() -> None:
    with pytest.raises(ValueError, match="changes per call"):
        Statement(sa.select(programmes.c.id).where(programmes.c.id.in_(sa.bindparam("ids"))))
    python_default = sa.Table(
        "probe", sa.MetaData(), sa.Column("id", sa.Text), sa.Column("n", sa.Integer, default=1)
    )
    with pytest.raises(ValueError, match=r"Python-side column defaults would be lost: \['n'\]"):
        Statement(sa.insert(python_default).values(id=sa.bindparam("id")))
    with pytest.raises(ValueError, match="not a plain select list"):
        select_list([programmes.c.id], programmes.select().where(programmes.c.id == "x").subquery())


async def test_values_go_to_asyncpg_and_rows_come_back_as_asyncpg_types(
    pool: asyncpg.Pool,
) -> None:
    """No SQLAlchemy processing either way: JSONB as Python data (the pool's codec), arrays
    as lists, timestamps as aware datetimes."""
    create = Statement(
        sa.insert(organisations).values(
            {
                name: sa.bindparam(name)
                for name in ("id", "name", "roles", "opening_hours", "categories")
            }
        )
    )
    hours: list[dict[str, Any]] = [{"day": "monday", "opens": "09:00", "closes": "17:00"}]
    read = Statement(
        sa.select(
            organisations.c.roles,
            organisations.c.opening_hours,
            organisations.c.categories,
            organisations.c.accessibility,
            organisations.c.updated_at,
        ).where(organisations.c.id == sa.any_(sa.bindparam("ids", type_=ARRAY(sa.Text))))
    )
    async with pool.acquire() as db:
        status = await create.execute(
            db,
            id="org_sql",
            name="Core",
            roles=["spend_partner"],
            opening_hours=hours,
            categories=["swimming"],
        )
        row = await read.fetchrow(db, ids=["org_sql"])
    assert status == "INSERT 0 1"
    assert row is not None
    assert row["roles"] == ["spend_partner"] and row["categories"] == ["swimming"]
    assert row["opening_hours"] == hours
    assert row["accessibility"] == []  # the database's default, not a Python one
    assert isinstance(row["updated_at"], datetime) and row["updated_at"].tzinfo is not None
