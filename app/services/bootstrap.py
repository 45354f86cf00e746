"""The network's first organisation: the operator, which alone can mint credits."""

from pydantic import BaseModel

from app.models.organisations import OrganisationCreated
from app.services import organisations
from app.services.errors import Conflict
from app.services.unit_of_work import Operation, Work


class OperatorBootstrap(BaseModel):
    name: str


async def _create_operator(work: Work, body: OperatorBootstrap) -> OrganisationCreated:
    """Once per network: a second call raises Conflict (a unique index backs this up)."""
    if await work.db.fetchval(
        "SELECT EXISTS (SELECT 1 FROM organisations WHERE 'operator' = ANY (roles))"
    ):
        raise Conflict("this network already has an operator; bootstrap runs once")
    return await organisations.onboard(
        work,
        name=body.name,
        roles=["operator"],
        programme_ids=[],
        key_name="bootstrap admin key",
    )


create_operator = Operation("operator.bootstrap", _create_operator, OrganisationCreated)
