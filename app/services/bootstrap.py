"""The network's first organisation: the operator, which alone can mint credits."""

import sqlalchemy as sa
from pydantic import BaseModel

from app.models.organisations import OrganisationCreated
from app.models.tables import Organisation
from app.services import organisations
from app.services.errors import Conflict
from app.services.sql import Statement, table
from app.services.unit_of_work import Operation, Work

_roles = table(Organisation).c.roles
_HAS_OPERATOR = Statement(sa.select(sa.exists().where(sa.literal("operator") == sa.any_(_roles))))


class OperatorBootstrap(BaseModel):
    name: str


async def _create_operator(work: Work, body: OperatorBootstrap) -> OrganisationCreated:
    """Once per network: a second call raises Conflict (a unique index backs this up)."""
    if await _HAS_OPERATOR.fetchval(work.db):
        raise Conflict("this network already has an operator; bootstrap runs once")
    return await organisations.onboard(
        work,
        name=body.name,
        roles=["operator"],
        programme_ids=[],
        key_name="bootstrap admin key",
    )


create_operator = Operation("operator.bootstrap", _create_operator, OrganisationCreated)
