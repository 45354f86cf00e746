"""Setting up a benchmark's network through the service layer: the unit of work, as the CLI
and the demo loader do (app/services/unit_of_work.py), so a bench sees the rules and events
a partner's writes would leave."""

from typing import Any

import asyncpg

from app.auth.caller import Caller
from app.auth.scopes import ALL_SCOPES
from app.models.organisations import OrganisationCreated
from app.services import bootstrap, unit_of_work
from app.services.unit_of_work import Env

TERMINAL = Caller("", None, frozenset(), frozenset())


class Writer:
    """`await w.write(operation, input)` as the operator (once `operator()` made one)."""

    def __init__(self, conn: asyncpg.Connection, pepper: bytes) -> None:
        self.conn, self.env, self.caller = conn, Env(pepper=pepper), TERMINAL

    async def operator(self, name: str) -> OrganisationCreated:
        org = await self.write(bootstrap.create_operator, bootstrap.OperatorBootstrap(name=name))
        self.caller = Caller(org.id, None, frozenset({"operator"}), frozenset(ALL_SCOPES))
        return org

    async def write(self, operation: Any, input_: Any, caller: Caller | None = None) -> Any:
        outcome = await unit_of_work.write(
            self.conn, self.env, caller or self.caller, operation, input_
        )
        return outcome.model
