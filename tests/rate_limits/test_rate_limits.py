"""Per-key rate limits (issue 17, item 3), through the real app and PostgreSQL: the
RateLimit headers, the 429 past a budget, separate read and write budgets per key, a
revoked key not counted, windows that reset, GraphQL counted by what it does, and the
budget shared by two processes through PostgreSQL."""

import asyncio

import httpx
import pytest
from fastapi import FastAPI

from app.services import rate_limits
from app.services.rate_limits import RateLimiter
from tests.api.support import assert_problem, assert_unchanged, snapshot
from tests.network import Network
from tests.rate_limits.support import Clock, budgets, limit_of, no_limit_headers


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def _earn(net: Network, member_id: str, headers: dict[str, str]) -> httpx.Response:
    return await net.client.post(
        "/v1/earnings", headers=headers, json={"member_id": member_id, "hours": 1}
    )


async def test_every_answer_carries_the_headers_and_remaining_goes_down(
    app: FastAPI, net: Network, clock: Clock
) -> None:
    with budgets(app, reads=5, writes=3, clock=clock):
        seen = []
        for _ in range(3):
            r = await net.client.get("/v1/me", headers=net.partner.headers)
            assert r.status_code == 200, r.text
            seen.append(limit_of(r))
    assert seen == [("reads", 5, 4, 40), ("reads", 5, 3, 40), ("reads", 5, 2, 40)]


async def test_past_the_budget_a_429_problem_with_retry_after_and_nothing_written(
    app: FastAPI, net: Network, clock: Clock
) -> None:
    member = await net.member()
    with budgets(app, reads=100, writes=3, clock=clock):
        # Both paths of the earning spend the one budget: the fast path (a body it
        # accepts) and the declared route (a body the model refuses: a 422, counted).
        first = await _earn(net, member["id"], net.partner.headers)
        refused_body = await net.client.post(
            "/v1/earnings", headers=net.partner.headers, json={"member_id": member["id"]}
        )
        second = await _earn(net, member["id"], net.partner.headers)
        assert [first.status_code, refused_body.status_code, second.status_code] == [201, 422, 201]
        assert [limit_of(r)[2] for r in (first, refused_body, second)] == [2, 1, 0]

        before = await snapshot(net.pool)
        clock.now += 7  # 33 s left in the window
        for attempt in (
            _earn(net, member["id"], net.partner.headers),  # the fast path's
            net.client.post("/v1/members", headers=net.partner.headers, json={}),  # declared
        ):
            r = await attempt
            body = assert_problem(r, 429, "rate_limited")
            assert r.headers["retry-after"] == "33"
            assert limit_of(r) == ("writes", 3, 0, 33)
            assert "3 writes a minute" in body["detail"]
        assert_unchanged(before, await snapshot(net.pool))
        # Reads have their own budget.
        r = await net.client.get("/v1/me", headers=net.partner.headers)
        assert r.status_code == 200 and limit_of(r) == ("reads", 100, 99, 33)


async def test_the_budget_is_per_key(app: FastAPI, net: Network, clock: Clock) -> None:
    member = await net.member()
    second_key = await net.key(net.partner, ["earn:write", "members:read"])
    with budgets(app, reads=100, writes=2, clock=clock):
        for _ in range(2):
            assert (await _earn(net, member["id"], net.partner.headers)).status_code == 201
        assert (await _earn(net, member["id"], net.partner.headers)).status_code == 429
        # Another key of the same organisation, and another organisation, are unaffected.
        same_org = await _earn(net, member["id"], {"Authorization": f"Bearer {second_key}"})
        assert same_org.status_code == 201 and limit_of(same_org) == ("writes", 2, 1, 40)
        other = await net.client.post(
            "/v1/members",
            headers=net.other.headers,
            json={"display_name": "B. Lee", "programme_id": net.programme_id},
        )
        assert other.status_code == 201 and limit_of(other) == ("writes", 2, 1, 40)


async def test_the_budget_comes_back_when_the_window_ends(
    app: FastAPI, net: Network, clock: Clock
) -> None:
    with budgets(app, reads=2, writes=100, clock=clock):
        for _ in range(2):
            assert (await net.client.get("/v1/me", headers=net.partner.headers)).status_code == 200
        refused = await net.client.get("/v1/me", headers=net.partner.headers)
        assert refused.status_code == 429 and refused.headers["retry-after"] == "40"
        clock.now += 39.5  # still the same window: still refused, half a second to go
        refused = await net.client.get("/v1/me", headers=net.partner.headers)
        assert refused.status_code == 429 and refused.headers["retry-after"] == "1"
        clock.now += 0.5  # the next window
        r = await net.client.get("/v1/me", headers=net.partner.headers)
        assert r.status_code == 200 and limit_of(r) == ("reads", 2, 1, 60)


async def test_a_revoked_key_gets_401_without_headers_and_is_not_counted(
    app: FastAPI, net: Network, clock: Clock
) -> None:
    member = await net.member()
    made = await net.client.post(
        "/v1/api-keys",
        headers=net.partner.headers,
        json={"name": "till", "scopes": ["earn:write", "members:read"]},
    )
    assert made.status_code == 201, made.text
    key_id, headers = made.json()["id"], {"Authorization": f"Bearer {made.json()['secret']}"}
    with budgets(app, reads=10, writes=10, clock=clock) as limiter:
        # The earn caches the key in this process; after the revocation the fast path still
        # finds it there, and the earn's own statement answers 401.
        ok = await _earn(net, member["id"], headers)
        assert ok.status_code == 201 and limit_of(ok) == ("writes", 10, 9, 40)
        revoked = await net.client.delete(f"/v1/api-keys/{key_id}", headers=net.partner.headers)
        assert revoked.status_code == 204
        for _ in range(3):
            earn = await _earn(net, member["id"], headers)  # cached: counted, then given back
            me = await net.client.get("/v1/me", headers=headers)  # looked up: never counted
            for r in (earn, me):
                assert_problem(r, 401, "unauthenticated")
                assert no_limit_headers(r), dict(r.headers)
        for kind, left in (("writes", 8), ("reads", 9)):
            probe = limiter.try_take(key_id, kind, None)
            if probe is None:  # reads: no token leased yet in this process
                async with net.pool.acquire() as db:
                    probe = await limiter.take(key_id, kind, db)
            assert probe.allowed and probe.remaining == left, (kind, probe)


async def test_refusals_of_an_identified_key_carry_the_headers_others_do_not(
    app: FastAPI, net: Network, clock: Clock
) -> None:
    reader = await net.key(net.partner, ["members:read"])
    with budgets(app, reads=10, writes=10, clock=clock):
        forbidden = await net.client.post(
            "/v1/members", headers={"Authorization": f"Bearer {reader}"}, json={}
        )
        assert_problem(forbidden, 403, "forbidden")
        assert limit_of(forbidden) == ("writes", 10, 9, 40)
        missing = await net.client.get("/v1/members/mem_doesnotexist", headers=net.partner.headers)
        assert_problem(missing, missing.status_code)
        assert missing.status_code in (404, 422)
        assert limit_of(missing) == ("reads", 10, 9, 40)
        for r in (
            await net.client.get("/v1/me"),
            await net.client.get("/v1/me", headers={"Authorization": "Bearer tc_live_" + "x" * 43}),
            await net.client.get("/healthz"),
            await net.client.get("/v1/openreferral/services"),  # its own per-client limit
        ):
            assert no_limit_headers(r), (r.request.url.path, dict(r.headers))


async def test_graphql_queries_are_reads_and_mutations_writes(
    app: FastAPI, net: Network, clock: Clock
) -> None:
    member = await net.member()
    query = {"query": "{ me { apiKeyId } }"}
    mutation = {
        "query": "mutation Earn($m: String!) { recordEarning(input: {memberId: $m, hours: "
        '"1"}) { id } }',
        "variables": {"m": member["id"]},
    }
    # Two operations in one document: the one named runs, and counts.
    both = {
        "query": "query Who { me { apiKeyId } } mutation Earn { recordEarning(input: "
        f'{{memberId: "{member["id"]}", hours: "1"}}) {{ id }} }}',
        "operationName": "Earn",
    }
    with budgets(app, reads=5, writes=5, clock=clock):
        answers = []
        for body in (query, mutation, both, {"query": "{ me { apiKeyId "}):
            r = await net.client.post("/graphql", headers=net.partner.headers, json=body)
            answers.append(limit_of(r)[:3])
            if body is not both:
                continue
            assert r.status_code == 200 and r.json()["data"]["recordEarning"]["id"], r.text
    assert answers == [
        ("reads", 5, 4),
        ("writes", 5, 4),
        ("writes", 5, 3),
        ("reads", 5, 3),  # a document that cannot be parsed runs nothing: a read
    ]


async def test_a_graphql_body_nested_too_deep_for_json_is_a_400_counted_as_a_read(
    app: FastAPI, net: Network, clock: Clock
) -> None:
    """Python's JSON decoder gives up on deep nesting with a RecursionError, not a
    ValueError: reading the body for its kind must not turn that into a 500."""
    headers = {**net.partner.headers, "Content-Type": "application/json"}
    with budgets(app, reads=5, writes=5, clock=clock):
        for content in (b"[" * 100_000, b'{"query": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"):
            r = await net.client.post("/graphql", headers=headers, content=content)
            assert_problem(r, 400, "malformed_json")
            assert limit_of(r)[:2] == ("reads", 5)


async def test_two_processes_share_a_budget_through_postgresql(net: Network) -> None:
    """Two limiters (as two workers would have) spending one key's budget alternately
    accept between 90 % and 100 % of it, whatever the slices they hold."""
    limit = 1000
    clock = Clock()
    workers = [RateLimiter(limit, limit, clock=clock) for _ in range(2)]
    accepted = 0
    async with net.pool.acquire() as db:
        for i in range(2 * limit):
            worker = workers[i % 2]
            verdict = worker.try_take("key_shared", "writes", None) or await worker.take(
                "key_shared", "writes", db
            )
            accepted += verdict.allowed
        used = await db.fetchval(
            "SELECT used FROM rate_limit_leases WHERE api_key_id = 'key_shared'"
        )
    assert 0.9 * limit <= accepted <= limit
    assert used <= limit + 2 * workers[0].slice("writes")
    # Each leased a slice at a time, not a statement per request.
    assert workers[0].slice("writes") == 5


async def test_leases_run_ahead_in_the_background(net: Network) -> None:
    """With a pool, a process leases its next slice when half of the current one is left,
    off the requests' path: a client whose requests leave the background lease its round
    trip never waits for PostgreSQL after its first request."""
    clock = Clock()
    limiter = RateLimiter(10_000, 10_000, clock=clock)  # slices of 50
    async with net.pool.acquire() as db:
        first = await limiter.take("key_ahead", "reads", db)
    assert first.allowed
    leased_ahead = 0
    for _ in range(500):
        verdict = limiter.try_take("key_ahead", "reads", net.pool)
        assert verdict is not None and verdict.allowed  # never "lease first"
        if limiter._background:
            leased_ahead += 1
            await asyncio.wait_for(asyncio.gather(*limiter._background), timeout=10)
    await limiter.close()
    assert leased_ahead == 10  # 500 requests, one lease every 50
    leased = await net.pool.fetchval(
        "SELECT used FROM rate_limit_leases WHERE api_key_id = 'key_ahead'"
    )
    assert leased == 11 * 50


async def test_ended_windows_are_pruned(net: Network) -> None:
    async with net.pool.acquire() as db:
        await db.execute(
            "INSERT INTO rate_limit_leases VALUES "
            "('key_old', 'reads', date_trunc('minute', now()) - interval '1 hour', 5), "
            "('key_now', 'reads', date_trunc('minute', now()), 5)"
        )
        assert await rate_limits.prune(db) == 1
        left = await db.fetch(
            "SELECT api_key_id FROM rate_limit_leases WHERE api_key_id IN ('key_old', 'key_now')"
        )
    assert [r["api_key_id"] for r in left] == ["key_now"]
