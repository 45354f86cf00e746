"""Request bodies whose JSON numbers arrive exact: a route class for every router that takes
amounts.

The standard library's JSON parser turns `2.0000000000000000001` into the float 2.0 before any
validator sees it, so an over-precise amount would pass as a round one (DESIGN §2: no floats
on the money path, over-precise amounts are a 422). Parsing non-integer numbers as `Decimal`
keeps what the client wrote; integers stay `int`. Fields that want a float still get one:
pydantic converts a `Decimal` to `float`, strict float fields included (tests/api/
test_exact_json.py checks the directory's coordinates). The pattern is FastAPI's "Custom
Request and APIRoute class"."""

import json
from collections.abc import Callable, Coroutine
from decimal import Decimal
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

# Beyond a float's range (about 1.8e308) a number is infinite to the float parser: keep it so.
# Otherwise `1e999999999` would be an exact Decimal that pydantic turns, for an int field,
# into a billion-digit integer (seconds of CPU per request). Every bound this API checks is
# far inside the range, so no valid value is affected.
_MAX_EXPONENT = 308
_INFINITY = Decimal("Infinity")
_ZERO = Decimal(0)


def exact_number(text: str) -> Decimal:
    """A JSON number with a fraction or an exponent, as the exact Decimal it spells. Beyond
    a float's range either way it is what the float parser makes of it: infinite, or zero
    (`1e-10000000` as an exact Decimal took pydantic 11 s to refuse for an int field, with
    the event loop blocked)."""
    number = Decimal(text)
    if number and number.adjusted() > _MAX_EXPONENT:
        return _INFINITY.copy_sign(number)
    if number and number.adjusted() < -_MAX_EXPONENT:
        return _ZERO.copy_sign(number)
    return number


# One decoder for every request: json.loads(parse_float=...) would build one per call.
_DECODER = json.JSONDecoder(parse_float=exact_number)


def loads(body: bytes | str) -> Any:
    """json.loads with exact numbers; malformed JSON still raises JSONDecodeError (a 400)."""
    if isinstance(body, bytes | bytearray):  # as json.loads does
        body = body.decode(json.detect_encoding(body), "surrogatepass")
    if body.startswith("\ufeff"):
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", body, 0)
    return _DECODER.decode(body)


class ExactJsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = loads(await self.body())
        return self._json


class ExactJsonRoute(APIRoute):
    """Use as `APIRouter(route_class=ExactJsonRoute)` on every router whose bodies carry
    amounts (or any number that must not be rounded on the way in)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def exact_json_handler(request: Request) -> Response:
            return await handler(ExactJsonRequest(request.scope, request.receive))

        return exact_json_handler


def operation_id(route: APIRoute) -> str:
    """Every operation is named by its route function (`create_earning`, `reverse_transaction`):
    FastAPI's default appends the path and method (`create_earning_v1_earnings_post`), which
    is what a generated client's methods would be called. tests/client/test_operation_ids.py
    holds the names to one verb_noun convention."""
    return route.name
