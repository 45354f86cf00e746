"""Random histories of allocations, earnings, spends, gifts and reversals, valid and not,
against a model of the ledger kept in Python Decimals.

Hypothesis drives the state machine from a worker thread; each rule hands its requests to
the session event loop (where the app, its pool and the HTTP client live) and waits for the
answer. After every step the books must balance, every account must equal the sum of its
transfers, no wallet or organisation may be negative, and the API must report the balances
the model predicts. Every response's status is predicted by the model too."""

import asyncio
from collections import defaultdict
from collections.abc import Coroutine
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from app.services import integrity
from tests.conftest import PEPPER
from tests.network import Network, Org

SETTINGS = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    database=None,  # keep the tree clean; a failure prints its steps
    suppress_health_check=[HealthCheck.too_slow],
)

ALLOCATED = Decimal(1000)  # Network.create allocates this to each earn partner

# (JSON value sent, the exact amount it means or None when the API must refuse it)
INVALID_AMOUNTS = st.sampled_from(
    [0, "0", "0.00", "0.001", "2.505", 1.005, "-1", -3, "NaN", "1e400", "abc"]
).map(lambda v: (v, None))


# Boundaries: exactly what the payer holds, and a hundredth more (resolved at posting time).
class Boundary(str):
    def __repr__(self) -> str:
        return str(self)


ALL, ALL_AND_A_HUNDREDTH = Boundary("ALL"), Boundary("ALL_AND_A_HUNDREDTH")


def amounts(most: int, *big: str) -> st.SearchStrategy[tuple[Any, Decimal | None]]:
    valid = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(most), places=2)
    return st.one_of(
        valid.map(lambda d: (str(d), d)),
        valid.map(lambda d: (float(d), d)),  # a JSON number: exact once read as a decimal
        st.integers(min_value=1, max_value=most).map(lambda n: (n, Decimal(n))),
        st.sampled_from([Decimal(b) for b in big]).map(lambda d: (str(d), d)),
        st.sampled_from([(ALL, None), (ALL_AND_A_HUNDREDTH, None)]),
        INVALID_AMOUNTS,
    )


def resolve(amount: tuple[Any, Decimal | None], held: Decimal) -> tuple[Any, Decimal | None]:
    value, exact = amount
    if value is ALL:
        return (str(held), held) if held > 0 else ("0.00", None)
    if value is ALL_AND_A_HUNDREDTH:
        return str(held + Decimal("0.01")), held + Decimal("0.01")
    return value, exact


# Earnings are big enough to sometimes overrun an allocation; spends and gifts small
# enough that members can usually pay, with the occasional overdraft.
EARN_AMOUNTS = amounts(25, "500", "999.99", "1500")
MOVE_AMOUNTS = amounts(6, "100")
MEMBERS = st.integers(min_value=0, max_value=3)


@dataclass
class Posted:
    id: str
    kind: str
    debit: str  # party ids: member, organisation or programme (issuance)
    credit: str
    amount: Decimal
    poster: Org
    reversed: bool = False


@dataclass(frozen=True)
class Outcome:
    status: int
    code: str | None = None


OK = Outcome(201)
INVALID = Outcome(422, "validation_error")
SHORT = Outcome(409, "insufficient_credits")
CONFLICT = Outcome(409, "conflict")
FORBIDDEN = Outcome(403, "forbidden")
NOT_FOUND = Outcome(404, "not_found")


def machine_for(
    loop: asyncio.AbstractEventLoop,
    client: httpx.AsyncClient,
    pool: asyncpg.Pool,
    tables: list[str],
) -> type[RuleBasedStateMachine]:
    def run(coro: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=60)

    class LedgerMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.net: Network = run(self._fresh_network())
            net = self.net
            self.earners = {"partner": net.partner, "other": net.other}
            self.members: list[dict[str, Any]] = [
                run(net.member(net.partner, display_name="P0")),
                run(net.member(net.partner, display_name="P1")),
                run(net.member(net.other, display_name="O0")),
                run(net.member(net.other, display_name="O1")),
            ]
            self.home = {
                m["id"]: net.partner if m["home_organisation_id"] == net.partner.id else net.other
                for m in self.members
            }
            self.balance: defaultdict[str, Decimal] = defaultdict(Decimal)
            self.balance[net.partner.id] = ALLOCATED
            self.balance[net.other.id] = ALLOCATED
            self.balance[net.programme_id] = -2 * ALLOCATED
            # (organisation, member) pairs that exchanged credits: who may see whom.
            self.exchanged: set[tuple[str, str]] = set()
            self.posted: list[Posted] = []
            for t in run(self._allocations()):  # Network.create's, reversible like any other
                amount = Decimal(t["amount"]) / 100
                self.posted.append(
                    Posted(
                        t["id"], "allocation", net.programme_id, t["owner_id"], amount, net.operator
                    )
                )
            for m in self.members:  # start with credits, so spends and gifts get somewhere
                home = self.home[m["id"]]
                r = self._post("/v1/earnings", home, {"member_id": m["id"], "hours": 20})
                self._record(self._expect(r, OK), "earn", home, Decimal(20))

        async def _fresh_network(self) -> Network:
            await pool.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
            return await Network.create(client, pool, PEPPER.encode())

        async def _allocations(self) -> list[asyncpg.Record]:
            return await pool.fetch(
                """SELECT t.id, a.owner_id, t.amount FROM transfers t
                     JOIN accounts a ON a.id = t.credit_account_id ORDER BY t.seq"""
            )

        # -- posting and predicting ----------------------------------------------------

        def _post(self, path: str, by: Org, body: dict[str, Any] | None) -> httpx.Response:
            return run(client.post(path, headers=by.headers, json=body))

        def _expect(self, r: httpx.Response, outcome: Outcome) -> dict[str, Any]:
            got = Outcome(r.status_code, None if r.status_code < 300 else r.json().get("code"))
            assert got == outcome, r.text
            return r.json()

        def _record(self, body: dict[str, Any], kind: str, poster: Org, amount: Decimal) -> None:
            debit, credit = body["from"]["id"], body["to"]["id"]
            assert body["kind"] == kind
            assert Decimal(body["credits"]) == amount
            assert body["credits"] == f"{amount:.2f}"
            self.balance[debit] -= amount
            self.balance[credit] += amount
            for org, member in ((debit, credit), (credit, debit)):
                if member in self.home and org not in self.home:  # an organisation and a member
                    self.exchanged.add((org, member))
            if body.get("member_balance") is not None:
                # The member moved for (a spend's or gift's giver, an earning's recipient);
                # for a reversal, the one its original showed: its credited side now.
                first, second = (credit, debit) if kind == "reversal" else (debit, credit)
                member = first if first in self.home else second
                assert Decimal(body["member_balance"]) == self.balance[member]
                assert poster is self.net.operator or self._visible(poster, member), body
            self.posted.append(Posted(body["id"], kind, debit, credit, amount, poster))

        def _visible(self, org: Org, member_id: str) -> bool:
            return self.home[member_id] is org or (org.id, member_id) in self.exchanged

        # -- rules -----------------------------------------------------------------------

        @rule(to=st.sampled_from(["partner", "other"]), amount=EARN_AMOUNTS)
        def allocate(self, to: str, amount: tuple[Any, Decimal | None]) -> None:
            org = self.earners[to]
            value, exact = resolve(amount, self.balance[org.id])
            r = self._post(
                "/v1/allocations", self.net.operator, {"organisation_id": org.id, "credits": value}
            )
            if exact is None:
                self._expect(r, INVALID)
                return
            self._record(self._expect(r, OK), "allocation", self.net.operator, exact)

        @rule(
            by=st.sampled_from(["home", "home", "partner", "other"]),
            who=MEMBERS,
            amount=EARN_AMOUNTS,
            by_card=st.booleans(),
        )
        def earn(self, by: str, who: int, amount: tuple[Any, Decimal | None], by_card: bool):
            member = self.members[who]
            org = self.home[member["id"]] if by == "home" else self.earners[by]
            value, exact = resolve(amount, self.balance[org.id])
            find = (
                {"card_number": member["card_number"]} if by_card else {"member_id": member["id"]}
            )
            r = self._post("/v1/earnings", org, {**find, "hours": value})
            if exact is None:
                self._expect(r, INVALID)
            elif not by_card and not self._visible(org, member["id"]):
                self._expect(r, NOT_FOUND)
            elif self.balance[org.id] < exact:
                self._expect(r, SHORT)
            else:
                self._record(self._expect(r, OK), "earn", org, exact)

        @rule(who=MEMBERS, amount=MOVE_AMOUNTS)
        def spend(self, who: int, amount: tuple[Any, Decimal | None]) -> None:
            member = self.members[who]
            by = self.home[member["id"]]
            value, exact = resolve(amount, self.balance[member["id"]])
            r = self._post(
                "/v1/spends",
                by,
                {"member_id": member["id"], "organisation_id": self.net.venue.id, "credits": value},
            )
            if exact is None:
                self._expect(r, INVALID)
            elif self.balance[member["id"]] < exact:
                self._expect(r, SHORT)
            else:
                self._record(self._expect(r, OK), "spend", by, exact)

        @rule(
            who=MEMBERS,
            to=st.one_of(MEMBERS, st.sampled_from(["venue", "partner", "other"])),
            amount=MOVE_AMOUNTS,
        )
        def gift(self, who: int, to: int | str, amount: tuple[Any, Decimal | None]) -> None:
            member = self.members[who]
            by = self.home[member["id"]]
            value, exact = resolve(amount, self.balance[member["id"]])
            body: dict[str, Any] = {"from_member_id": member["id"], "credits": value}
            if isinstance(to, int):
                body["to_member_id"] = self.members[to]["id"]
            else:
                body["to_organisation_id"] = getattr(self.net, to).id
            r = self._post("/v1/gifts", by, body)
            if exact is None or body.get("to_member_id") == member["id"]:
                self._expect(r, INVALID)
            elif self.balance[member["id"]] < exact:
                self._expect(r, SHORT)
            else:
                self._record(self._expect(r, OK), "gift", by, exact)

        @precondition(lambda self: self.posted)
        @rule(
            pick=st.integers(min_value=0),
            by=st.sampled_from(["poster", "poster", "receiver", "operator", "venue", "other"]),
        )
        def reverse(self, pick: int, by: str) -> None:
            """DESIGN §3: the side that received a transfer may always give it back, its
            poster within the correction window (a day: always, here), the operator
            always; anyone else may not, and one that cannot see it gets a 404."""
            original = self.posted[pick % len(self.posted)]
            receiver = self._organisation_of(original.credit)
            org = {
                "poster": original.poster,
                "receiver": self._org(receiver) or original.poster,
                "operator": self.net.operator,
                "venue": self.net.venue,
                "other": self.net.other,
            }[by]
            r = self._post(f"/v1/transactions/{original.id}/reversal", org, {"reason": "test"})
            is_operator = org is self.net.operator
            sides = {self._organisation_of(original.debit), receiver}
            if not (is_operator or org is original.poster or org.id in sides):
                self._expect(r, NOT_FOUND)
            elif not self._holds_scope(org, original.kind) or not (
                is_operator or org is original.poster or org.id == receiver
            ):
                self._expect(r, FORBIDDEN)
            elif original.kind == "reversal" or original.reversed:
                self._expect(r, CONFLICT)
            elif self.balance[original.credit] < original.amount and not self._issuance(
                original.credit
            ):
                self._expect(r, SHORT)
            else:
                body = self._expect(r, OK)
                assert body["reverses"] == original.id
                assert (body["from"]["id"], body["to"]["id"]) == (original.credit, original.debit)
                self._record(body, "reversal", org, original.amount)
                original.reversed = True

        def _organisation_of(self, party: str) -> str | None:
            """The organisation a side of a transfer stands for: itself, a member's home
            organisation, or none (a programme's issuance account)."""
            if party in self.home:
                return self.home[party].id
            return None if self._issuance(party) else party

        def _org(self, organisation_id: str | None) -> Org | None:
            net = self.net
            orgs = (net.partner, net.other, net.venue, net.operator)
            return next((o for o in orgs if o.id == organisation_id), None)

        def _holds_scope(self, org: Org, kind: str) -> bool:
            """Reversing needs the scope posting needed: admin (allocations) is the
            operator's only, earn:write an earn partner's (not the venue's)."""
            if org is self.net.operator:
                return True
            if kind == "allocation":
                return False
            return not (kind == "earn" and org is self.net.venue)

        def _issuance(self, party: str) -> bool:
            return party == self.net.programme_id

        # -- invariants ------------------------------------------------------------------

        async def _observe(self) -> tuple[list[asyncpg.Record], list[httpx.Response], Any]:
            async def check() -> integrity.LedgerReport:
                async with pool.acquire() as conn:
                    return await integrity.check(conn)

            flows = pool.fetch(
                """SELECT a.kind, a.owner_id, a.balance,
                          coalesce((SELECT sum(amount) FROM transfers
                                     WHERE credit_account_id = a.id), 0)
                        - coalesce((SELECT sum(amount) FROM transfers
                                     WHERE debit_account_id = a.id), 0) AS flows
                     FROM accounts a"""
            )
            members = asyncio.gather(
                *(
                    client.get(f"/v1/members/{m['id']}", headers=self.home[m["id"]].headers)
                    for m in self.members
                )
            )
            return await asyncio.gather(flows, members, check())

        @invariant()
        def the_ledger_is_exact_and_balanced(self) -> None:
            accounts, members, report = run(self._observe())
            # The books balance, and every account is the sum of its transfers.
            assert sum(r["balance"] for r in accounts) == 0
            for r in accounts:
                assert r["balance"] == r["flows"], dict(r)
                if r["kind"] != "issuance":
                    assert r["balance"] >= 0, dict(r)
                assert Decimal(r["balance"]) / 100 == self.balance[r["owner_id"]], dict(r)
            assert sum(self.balance.values()) == 0
            # The API reports the balances the model holds.
            for m, r in zip(self.members, members, strict=True):
                assert r.status_code == 200, r.text
                assert r.json()["balance"] == f"{self.balance[m['id']]:.2f}"
            # And the operator's check agrees.
            assert report.ok, report.problems

    return LedgerMachine


@pytest.mark.slow
async def test_random_histories_of_valid_and_invalid_moves_keep_the_ledger_exact_and_balanced(
    client: httpx.AsyncClient, pool: asyncpg.Pool, tables: list[str]
) -> None:
    machine = machine_for(asyncio.get_running_loop(), client, pool, tables)
    # Hypothesis runs synchronously: off the event loop, which keeps serving the requests.
    await asyncio.to_thread(run_state_machine_as_test, machine, settings=SETTINGS)
