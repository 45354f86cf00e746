"""Builds test networks through the public API, the way a partner would."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import asyncpg
import httpx

from app.auth.caller import Caller
from app.models.organisations import OrganisationCreated
from app.services import bootstrap, unit_of_work
from app.services.unit_of_work import Env


@dataclass
class Org:
    id: str
    key: str
    roles: list[str]

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


@dataclass
class Network:
    client: httpx.AsyncClient
    pool: asyncpg.Pool
    operator: Org
    programme_id: str
    partner: Org  # earn partner: registers members, credits hours, spends/gifts for them
    venue: Org  # spend partner
    other: Org  # another earn partner, unrelated to partner's members
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    async def create(
        cls, client: httpx.AsyncClient, pool: asyncpg.Pool, pepper: bytes
    ) -> "Network":
        async with pool.acquire() as conn:
            org = await bootstrap_operator(conn, pepper)
        operator = Org(org.id, org.api_key.secret, ["operator"])
        r = await client.post(
            "/v1/programmes",
            headers=operator.headers,
            json={
                "name": "Haringey Mental Health",
                "place": "London Borough of Haringey",
                "focus": "Mental Health",
                "starts_on": "2015-01-01",
            },
        )
        assert r.status_code == 201, r.text
        programme_id = r.json()["id"]
        net = cls(client, pool, operator, programme_id, operator, operator, operator)
        net.partner = await net.organisation("Tottenham Community Café", ["earn_partner"])
        net.venue = await net.organisation("Tottenham Lido", ["spend_partner"])
        net.other = await net.organisation("Wood Green Allotments", ["earn_partner"])
        await net.allocate(net.partner, 1000)
        await net.allocate(net.other, 1000)
        return net

    async def organisation(self, name: str, roles: list[str]) -> Org:
        r = await self.client.post(
            "/v1/organisations",
            headers=self.operator.headers,
            json={"name": name, "roles": roles, "programme_ids": [self.programme_id]},
        )
        assert r.status_code == 201, r.text
        body = r.json()
        return Org(body["id"], body["api_key"]["secret"], roles)

    async def allocate(self, org: Org, credits: int | str) -> dict[str, Any]:
        r = await self.client.post(
            "/v1/allocations",
            headers=self.operator.headers,
            json={"organisation_id": org.id, "credits": credits},
        )
        assert r.status_code == 201, r.text
        return r.json()

    async def member(self, home: Org | None = None, **fields: Any) -> dict[str, Any]:
        home = home or self.partner
        body = {"display_name": "Asha K.", "programme_id": self.programme_id, **fields}
        r = await self.client.post("/v1/members", headers=home.headers, json=body)
        assert r.status_code == 201, r.text
        return r.json()

    async def earn(self, member_id: str, hours: int | str, by: Org | None = None) -> httpx.Response:
        by = by or self.partner
        return await self.client.post(
            "/v1/earnings", headers=by.headers, json={"member_id": member_id, "hours": hours}
        )

    async def funded_member(self, credits: int = 10, home: Org | None = None) -> dict[str, Any]:
        m = await self.member(home)
        r = await self.earn(m["id"], credits, by=home)
        assert r.status_code == 201, r.text
        return m

    async def key(self, org: Org, scopes: list[str]) -> str:
        r = await self.client.post(
            "/v1/api-keys", headers=org.headers, json={"name": "scoped", "scopes": scopes}
        )
        assert r.status_code == 201, r.text
        return r.json()["secret"]

    async def balance(self, member_id: str) -> Decimal:
        cents = await self.pool.fetchval(
            "SELECT a.balance FROM members m JOIN accounts a ON a.id = m.account_id "
            "WHERE m.id = $1",
            member_id,
        )
        return Decimal(cents) / 100


async def bootstrap_operator(
    conn: asyncpg.Connection, pepper: bytes, name: str = "Operator"
) -> OrganisationCreated:
    """`timecredits bootstrap`, as the CLI runs it: through the unit of work."""
    nobody = Caller("", None, frozenset(), frozenset())
    outcome = await unit_of_work.write(
        conn,
        Env(pepper=pepper),
        nobody,
        bootstrap.create_operator,
        bootstrap.OperatorBootstrap(name=name),
    )
    return outcome.model
