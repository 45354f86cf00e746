"""Every authenticated endpoint of the app (the auth matrix's rows, tests/auth/test_matrix.py)
spends its key's budget and says so: the RateLimit headers on its success and on its 403,
of the kind its method names (GET: reads, the rest: writes), and none on its 401."""

import pytest
from fastapi import FastAPI

from tests.auth.test_matrix import (
    ENDPOINTS,
    MATRIX,
    SCOPED,
    World,
    _bearer,
    _name,
    _owner,
    _unrelated_scope,
    mint,
)
from tests.network import Network
from tests.rate_limits.support import Clock, budgets, limit_of, no_limit_headers


def _kind(endpoint: tuple[str, str]) -> str:
    """GET reads, the rest writes; the matrix's GraphQL request is a query: a read."""
    return "reads" if endpoint[0] == "GET" or endpoint[1] == "/graphql" else "writes"


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=_name)
async def test_an_answer_to_a_key_carries_its_budget(
    app: FastAPI, net: Network, endpoint: tuple[str, str]
) -> None:
    spec = MATRIX[endpoint]
    call = await spec.build(World(net))
    scopes = [spec.scope] if spec.scope else [_unrelated_scope(None)]
    key = await mint(net, _owner(net, endpoint), scopes)
    with budgets(app, reads=500, writes=400, clock=Clock()):
        r = await call.send(net.client, _bearer(key["secret"]))
        # A 404 is an answer to the key too: the rows whose resource comes from the event
        # feed (an event, a webhook delivery) find none while another database on a shared
        # server holds a long transaction (the feed's horizon is cluster-wide).
        assert r.is_success or r.status_code == 404, f"{_name(endpoint)}: {r.status_code} {r.text}"
        quota = 500 if _kind(endpoint) == "reads" else 400
        assert limit_of(r) == (_kind(endpoint), quota, quota - 1, 40), _name(endpoint)
        unknown = await call.send(net.client, _bearer("tc_live_" + "x" * 43))
        assert unknown.status_code == 401 and no_limit_headers(unknown), dict(unknown.headers)


@pytest.mark.parametrize("endpoint", SCOPED, ids=_name)
async def test_a_403_carries_the_budget_it_spent(
    app: FastAPI, net: Network, endpoint: tuple[str, str]
) -> None:
    call = await MATRIX[endpoint].build(World(net))
    key = await mint(net, _owner(net, endpoint), [_unrelated_scope(MATRIX[endpoint].scope)])
    with budgets(app, reads=500, writes=400, clock=Clock()):
        r = await call.send(net.client, _bearer(key["secret"]))
        assert r.status_code == 403, f"{_name(endpoint)}: {r.status_code} {r.text}"
        assert limit_of(r)[:3] == (
            _kind(endpoint),
            *((500, 499) if _kind(endpoint) == "reads" else (400, 399)),
        )
