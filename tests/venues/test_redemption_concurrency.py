"""Many tills at once, as bench/redeem.py drives them: each validates then redeems codes of
its own, while the members' home credits them. Every valid redemption must be taken (no 409
from contention alone: the bench's 409s were its own tills re-sending used codes), once,
and the credits must add up to the cent."""

import asyncio
from decimal import Decimal

import asyncpg

from app.services import integrity
from tests.network import Network, Org

VENUES = 4
TILLS = 16  # four per venue, as the bench's connections
MEMBERS = 4
CODES_PER_TILL = 4
EARNS_PER_MEMBER = 6


async def _code(net: Network, member_id: str) -> str:
    r = await net.client.post(
        f"/v1/members/{member_id}/redemption-codes", headers=net.partner.headers, json={}
    )
    assert r.status_code == 201, r.text
    return r.json()["code"]


async def test_sixteen_tills_redeeming_fresh_codes_of_shared_members_all_pay_once(
    net: Network, pool: asyncpg.Pool
) -> None:
    venues = [net.venue] + [
        await net.organisation(f"Leisure centre {i}", ["spend_partner"]) for i in range(1, VENUES)
    ]
    codes_each = TILLS * CODES_PER_TILL // MEMBERS
    members = [(await net.funded_member(codes_each))["id"] for _ in range(MEMBERS)]
    # Code k of till t belongs to member (t + k) mod M: every till takes from every member,
    # so tills at different venues contend for the same member's wallet at once.
    plan = [
        [(members[(t + k) % MEMBERS], await _code(net, members[(t + k) % MEMBERS]))
         for k in range(CODES_PER_TILL)]
        for t in range(TILLS)
    ]  # fmt: skip

    async def till(t: int, venue: Org) -> list[tuple[int, int, str]]:
        answers = []
        for k, (_, code) in enumerate(plan[t]):
            body = {"code": code, "credits": 1}
            check = await net.client.post(
                "/v1/redemptions/validate", headers=venue.headers, json=body
            )
            r = await net.client.post(
                "/v1/redemptions",
                headers={**venue.headers, "Idempotency-Key": f"till-{t}-{k}"},
                json=body,
            )
            answers.append((check.status_code, r.status_code, check.text + r.text))
        return answers

    async def home_credits(member_id: str) -> list[int]:
        return [(await net.earn(member_id, 1)).status_code for _ in range(EARNS_PER_MEMBER)]

    results = await asyncio.gather(
        *(till(t, venues[t % VENUES]) for t in range(TILLS)),
        *(home_credits(m) for m in members),
    )
    desks, earns = results[:TILLS], results[TILLS:]
    refused = [a for answers in desks for a in answers if a[:2] != (200, 201)]
    assert not refused, refused
    assert '"valid":false' not in "".join(a[2] for answers in desks for a in answers)
    assert all(s == 201 for statuses in earns for s in statuses), earns

    for m in members:  # funded for its codes, credited by its home, each code took 1
        assert await net.balance(m) == Decimal(codes_each + EARNS_PER_MEMBER - codes_each)
    async with pool.acquire() as db:
        per_venue = dict(
            await db.fetch(
                "SELECT organisation_id, count(*) FROM redemptions GROUP BY organisation_id"
            )
        )
        used = await db.fetchval("SELECT count(*) FROM redemption_codes WHERE used_at IS NOT NULL")
        report = await integrity.check(db)
    assert per_venue == {v.id: TILLS // VENUES * CODES_PER_TILL for v in venues}
    assert used == TILLS * CODES_PER_TILL
    assert report.ok, report
