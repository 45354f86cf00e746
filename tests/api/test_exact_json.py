"""JSON numbers reach the validators as the client wrote them (app/api/routing.py), so an
over-precise amount is a 422 however it is spelled, never rounded into a valid one
(DESIGN §2), while every other number in a body still validates as before."""

import asyncio
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts

from app.api.routing import ExactJsonRoute, loads
from app.models.directory import OfferCreate, ProfileUpdate
from tests.api.support import assert_problem, assert_unchanged, error_fields, snapshot
from tests.network import Network

JSON = {"Content-Type": "application/json"}


async def _post_raw(net: Network, path: str, headers: dict[str, str], body: str) -> httpx.Response:
    return await net.client.post(path, headers={**headers, **JSON}, content=body.encode())


@pytest.mark.parametrize(
    "amount",
    [
        "2.0000000000000000001",  # a float would read 2.0
        "1.000000000000000001",
        "1.000",
        "1.0000000000",
        "100e-4",  # 0.0100: four places as written
        "1.005",
        '"1.000"',
        '"1.0000000000"',
    ],
)
async def test_an_over_precise_amount_is_refused_on_every_money_endpoint_however_it_is_written(
    net: Network, pool: asyncpg.Pool, amount: str
) -> None:
    asha = await net.funded_member(5)
    ben = await net.member(display_name="Ben T.")
    before = await snapshot(pool)
    calls = [
        (
            "/v1/earnings",
            net.partner.headers,
            f'{{"member_id": "{asha["id"]}", "hours": {amount}}}',
        ),
        (
            "/v1/spends",
            net.partner.headers,
            f'{{"member_id": "{asha["id"]}", "organisation_id": "{net.venue.id}", '
            f'"credits": {amount}}}',
        ),
        (
            "/v1/gifts",
            net.partner.headers,
            f'{{"from_member_id": "{asha["id"]}", "to_member_id": "{ben["id"]}", '
            f'"credits": {amount}}}',
        ),
        (
            "/v1/allocations",
            net.operator.headers,
            f'{{"organisation_id": "{net.partner.id}", "credits": {amount}}}',
        ),
    ]
    for path, headers, body in calls:
        r = await _post_raw(net, path, headers, body)
        problem = assert_problem(r, 422, "validation_error")
        field = "hours" if path == "/v1/earnings" else "credits"
        assert field in error_fields(problem), problem
        assert "two decimal places" in r.text, r.text
    assert_unchanged(before, await snapshot(pool))


@pytest.mark.parametrize(
    ("amount", "credits"),
    [("1", "1.00"), ("1.5", "1.50"), ("0.25", "0.25"), ("1.50", "1.50"), ("1e1", "10.00")],
)
async def test_exact_amounts_as_json_numbers_are_accepted_and_kept_exactly(
    net: Network, amount: str, credits: str
) -> None:
    asha = await net.member()
    body = f'{{"member_id": "{asha["id"]}", "hours": {amount}}}'
    r = await _post_raw(net, "/v1/earnings", net.partner.headers, body)
    assert r.status_code == 201, r.text
    assert r.json()["credits"] == credits
    assert await net.balance(asha["id"]) == Decimal(credits)


async def test_malformed_json_is_still_a_400_problem(net: Network) -> None:
    r = await _post_raw(net, "/v1/spends", net.partner.headers, '{"credits": 1.5.5}')
    assert_problem(r, 400, "malformed_json")


async def test_a_number_with_an_absurd_exponent_is_a_quick_422_not_a_billion_digit_integer(
    net: Network, pool: asyncpg.Pool
) -> None:
    before = await snapshot(pool)
    body = f'{{"display_name": "Asha K.", "programme_id": "{net.programme_id}", '
    # (Found by review: 1e-10000000 took 11 s, blocking every other request meanwhile.)
    for number in ("1e999999999", "-1e999999999", "1e400", "1e-10000000", "-1e-999999999"):
        r = await asyncio.wait_for(
            _post_raw(
                net, "/v1/members", net.partner.headers, body + f'"year_of_birth": {number}}}'
            ),
            timeout=5,
        )
        problem = assert_problem(r, 422, "validation_error")
        assert "year_of_birth" in error_fields(problem), problem
    assert_unchanged(before, await snapshot(pool))


async def test_a_whole_number_written_with_a_fraction_still_fills_an_integer_field(
    net: Network,
) -> None:
    body = f'{{"display_name": "Asha K.", "programme_id": "{net.programme_id}", '
    r = await _post_raw(net, "/v1/members", net.partner.headers, body + '"year_of_birth": 1961.0}')
    assert r.status_code == 201, r.text
    assert r.json()["year_of_birth"] == 1961


@pytest.mark.parametrize("model", [ProfileUpdate, OfferCreate], ids=lambda m: m.__name__)
def test_the_directorys_float_fields_accept_the_exact_parsers_numbers(model: Any) -> None:
    """The directory's strict-float coordinates take a Decimal from the exact parser."""
    body: dict[str, Any] = {"location": loads(b'{"lat": 51.5883, "lon": -0.0716}')}
    assert isinstance(body["location"]["lat"], Decimal)
    if model is OfferCreate:
        body.update(title="Swim", category="swimming", credits=loads(b"1.5"))
    parsed = model.model_validate(body)
    assert (parsed.location.lat, parsed.location.lon) == (51.5883, -0.0716)
    assert isinstance(parsed.location.lat, float)
    for bad in (b'{"lat": 90.5, "lon": 0}', b'{"lat": "51.5", "lon": 0}'):
        with pytest.raises(ValueError):
            ProfileUpdate.model_validate({"location": loads(bad)})


def test_every_route_that_takes_a_json_body_parses_its_numbers_exactly(app: FastAPI) -> None:
    inexact = {
        (method, route.path)
        for route in iter_route_contexts(app.routes)
        if getattr(route, "body_field", None) is not None
        and not isinstance(getattr(route, "original_route", route), ExactJsonRoute)
        for method in route.methods
    }
    assert inexact == set(), sorted(inexact)
