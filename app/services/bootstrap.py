"""The network's first organisation: the operator, which alone can mint credits."""

import asyncpg

from app.auth.scopes import ALL_SCOPES
from app.models.keys import ApiKeyCreated
from app.models.organisations import OrganisationRead
from app.services import keys, organisations
from app.services.errors import Conflict


async def create_operator(
    db: asyncpg.Connection, *, name: str, pepper: bytes
) -> tuple[OrganisationRead, ApiKeyCreated]:
    """Once per network: a second call raises Conflict (a unique index backs this up)."""
    if await db.fetchval(
        "SELECT EXISTS (SELECT 1 FROM organisations WHERE 'operator' = ANY (roles))"
    ):
        raise Conflict("this network already has an operator; bootstrap runs once")
    org = await organisations.create_organisation(
        db, name=name, roles=["operator"], programme_ids=[]
    )
    key = await keys.mint(
        db,
        organisation_id=org.id,
        name="bootstrap admin key",
        scopes=list(ALL_SCOPES),
        pepper=pepper,
    )
    return org, key
