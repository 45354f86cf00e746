"""Bad input on every write endpoint: each is a 4xx problem+json with a stable code (and,
for a 422, which field and why), never a 500, and nothing is written: no transfer, member,
account, key or idempotency key, and no balance moves. Every bad request carries an
Idempotency-Key, so "nothing written" covers the key too."""

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest

from app.ids import new_id
from app.services import cards
from tests.api.support import assert_problem, assert_unchanged, error_fields, snapshot
from tests.network import Network


@dataclass
class Ctx:
    net: Network
    member: dict[str, Any]  # the partner's, holding 10 credits
    friend: dict[str, Any]  # another of the partner's members
    earning_id: str  # the partner's earning for member


@pytest.fixture
async def ctx(net: Network) -> Ctx:
    member = await net.member(external_ref="TEN-00412")
    r = await net.earn(member["id"], 10)
    assert r.status_code == 201, r.text
    friend = await net.member(display_name="Ben T.")
    return Ctx(net, member, friend, r.json()["id"])


TEXT = [123, 1.5, True, [], {}]  # anything but a string
DATE = ["not a date", "2020-02-30", "01/02/2020", True, [], {}]
BOOL = ["maybe", 2, None, [], {}]
INT = ["abc", 1961.5, "19 61", [], {}]
AMOUNT_TYPES = ["one", True, None, [], {}]
STR_LIST = ["members:read", 1, {}, [1], [None], [[]]]


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


@dataclass(frozen=True)
class Target:
    owner: str  # "operator", "partner" or "venue"
    path: Callable[[Ctx], str]
    body: Callable[[Ctx], dict[str, Any]]
    required: tuple[str, ...]
    wrong: dict[str, list[Any]]  # field -> values of the wrong type
    strings: tuple[str, ...]  # fields holding free text or an id
    amount: str | None = None
    # Fields that replace another ("exactly one of"): setting the first drops the second.
    instead_of: dict[str, str] = field(default_factory=dict)


TARGETS: dict[str, Target] = {
    "POST /v1/programmes": Target(
        "operator",
        lambda c: "/v1/programmes",
        lambda c: {
            "name": "Cardiff & Vale Recovery",
            "place": "Cardiff and the Vale of Glamorgan",
            "focus": "Substance use",
            "starts_on": "2016-04-01",
            "ends_on": "2030-03-31",
        },
        ("name", "place", "focus", "starts_on"),
        {"name": TEXT, "place": TEXT, "focus": TEXT, "starts_on": DATE, "ends_on": DATE},
        ("name", "place", "focus"),
    ),
    "POST /v1/organisations": Target(
        "operator",
        lambda c: "/v1/organisations",
        lambda c: {
            "name": "Splott Volunteers",
            "roles": ["earn_partner"],
            "programme_ids": [c.net.programme_id],
        },
        ("name", "roles", "programme_ids"),
        {
            "name": TEXT,
            "roles": ["earn_partner", ["wizard"], 1, {}, [1], [None]],
            "programme_ids": [c for c in STR_LIST if c != "members:read"] + ["prg_x"],
        },
        ("name",),
    ),
    "POST /v1/allocations": Target(
        "operator",
        lambda c: "/v1/allocations",
        lambda c: {
            "organisation_id": c.net.partner.id,
            "credits": 5,
            "programme_id": c.net.programme_id,
            "note": "Quarterly top-up",
        },
        ("organisation_id", "credits"),
        {"organisation_id": TEXT, "credits": AMOUNT_TYPES, "programme_id": TEXT, "note": TEXT},
        ("organisation_id", "programme_id", "note"),
        amount="credits",
    ),
    "POST /v1/api-keys": Target(
        "partner",
        lambda c: "/v1/api-keys",
        lambda c: {"name": "Housing CRM", "scopes": ["members:read"]},
        ("name", "scopes"),
        {"name": TEXT, "scopes": STR_LIST},
        ("name",),
    ),
    "POST /v1/members": Target(
        "partner",
        lambda c: "/v1/members",
        lambda c: {
            "display_name": "Chloe W.",
            "programme_id": c.net.programme_id,
            "external_ref": "TEN-00999",
            "year_of_birth": 1961,
            "postcode_district": "N17",
            "consent_contact": True,
            "consent_research": False,
        },
        ("display_name", "programme_id"),
        {
            "display_name": TEXT,
            "programme_id": TEXT,
            "external_ref": TEXT,
            "year_of_birth": INT,
            "postcode_district": TEXT,
            "consent_contact": BOOL,
            "consent_research": BOOL,
        },
        ("display_name", "programme_id", "external_ref", "postcode_district"),
    ),
    "POST /v1/earnings": Target(
        "partner",
        lambda c: "/v1/earnings",
        lambda c: {
            "member_id": c.member["id"],
            "hours": 2,
            "activity": "Cuppas café shift",
            "given_on": _today(),
            "note": "Saturday",
        },
        ("member_id", "hours"),
        {
            "member_id": TEXT,
            "card_number": TEXT,
            "hours": AMOUNT_TYPES,
            "activity": TEXT,
            "given_on": DATE,
            "note": TEXT,
        },
        ("member_id", "card_number", "activity", "note"),
        amount="hours",
        instead_of={"card_number": "member_id"},
    ),
    "POST /v1/spends": Target(
        "partner",
        lambda c: "/v1/spends",
        lambda c: {
            "member_id": c.member["id"],
            "organisation_id": c.net.venue.id,
            "credits": 1,
            "description": "Swim session",
        },
        ("member_id", "organisation_id", "credits"),
        {
            "member_id": TEXT,
            "organisation_id": TEXT,
            "credits": AMOUNT_TYPES,
            "description": TEXT,
        },
        ("member_id", "organisation_id", "description"),
        amount="credits",
    ),
    "POST /v1/gifts": Target(
        "partner",
        lambda c: "/v1/gifts",
        lambda c: {
            "from_member_id": c.member["id"],
            "to_member_id": c.friend["id"],
            "credits": 1,
            "message": "Thanks for the lift",
        },
        ("from_member_id", "to_member_id", "credits"),
        {
            "from_member_id": TEXT,
            "to_member_id": TEXT,
            "to_organisation_id": TEXT,
            "credits": AMOUNT_TYPES,
            "message": TEXT,
        },
        ("from_member_id", "to_member_id", "to_organisation_id", "message"),
        amount="credits",
        instead_of={"to_organisation_id": "to_member_id"},
    ),
    "POST /v1/transactions/{id}/reversal": Target(
        "partner",
        lambda c: f"/v1/transactions/{c.earning_id}/reversal",
        lambda c: {"reason": "Hours recorded against the wrong person"},
        (),
        {"reason": TEXT},
        ("reason",),
    ),
    "POST /v1/offers": Target(
        "venue",
        lambda c: "/v1/offers",
        lambda c: {
            "title": "Swim session",
            "description": "Any public swim session",
            "category": "swimming",
            "categories": ["fitness"],
            "credits": "1.5",
            "schedule": [{"day": "monday", "opens": "07:00", "closes": "09:00"}],
            "capacity": 20,
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
            "accessibility": ["step_free"],
            "address": {"line1": "Tottenham Green", "town": "London", "postcode": "N15 4JA"},
            "location": {"lat": 51.5883, "lon": -0.0716},
        },
        ("title", "category", "credits"),
        {
            "title": TEXT,
            "description": TEXT,
            "category": ["knitting", ["swimming"], 1, {}, None],
            "categories": ["swimming", ["knitting"], 1, {}, [1], [None]],
            "credits": AMOUNT_TYPES,
            "schedule": [
                "monday",
                [{"day": "someday", "opens": "07:00", "closes": "09:00"}],
                [{"day": "mon", "opens": "07:00", "closes": "09:00"}],
                [{"day": "monday", "opens": "09:00", "closes": "07:00"}],
                [{"day": "monday", "opens": "25:00", "closes": "26:00"}],
                {},
            ],
            "capacity": [*INT, 0, -1, True],
            # (Found by review: numbers were read as Unix times.)
            "valid_from": [*DATE, 1763856000, "1763856000", 1e-300],
            "valid_until": [*DATE, "2025-12-31"],
            "accessibility": [["lots"], "step_free", 1, {}],
            "address": [
                "1 High Street",
                1,
                [],
                {"line1": 1},
                {"town": "x" * 101},
                *({"postcode": p} for p in [*TEXT, "N17", "ABC 123", "SW1A 1AAA"]),
                {"street": "1 High Street"},
            ],
            "location": [
                "51.5,-0.07",
                [51.5, -0.07],
                {"lat": 51.5},
                {"lon": -0.07},
                {"lat": None, "lon": 0},
                *({"lat": lat, "lon": 0} for lat in ["north", 90.5, -91, True, [], {}]),
                *({"lat": 0, "lon": lon} for lon in ["west", 181, -180.01, True, None, [], {}]),
                {"lat": 0, "lon": 0, "alt": 10},
            ],
        },
        ("title", "description"),
        amount="credits",
    ),
    "POST /v1/opportunities": Target(
        "partner",
        lambda c: "/v1/opportunities",
        lambda c: {
            "title": "Run the Cuppas café on Mondays",
            "category": "food",
            "categories": ["community"],
            "commitment": "3 hours a week",
            "schedule": [{"day": "monday", "opens": "10:00", "closes": "13:00"}],
        },
        ("title", "category"),
        {
            "title": TEXT,
            "category": ["knitting", [], 1, {}],
            "categories": ["food", ["knitting"], 1, {}, [1]],
            "commitment": TEXT,
            "credits": [1, "1.00", None],
            "capacity": INT,
        },
        ("title", "commitment"),
    ),
}
NAMES = list(TARGETS)
AMOUNT_TARGETS = [n for n in NAMES if TARGETS[n].amount]


def _headers(ctx: Ctx, target: Target) -> dict[str, str]:
    owner = getattr(ctx.net, target.owner)
    return {
        **owner.headers,
        "Content-Type": "application/json",
        "Idempotency-Key": new_id("idem"),
    }


async def post(
    ctx: Ctx,
    name: str,
    body: Any = None,
    *,
    content: bytes | AsyncIterator[bytes] | None = None,
    path: str | None = None,
) -> httpx.Response:
    """POST body (as JSON text: NaN and Infinity go out as the bare tokens) or content."""
    target = TARGETS[name]
    if content is None:
        content = json.dumps(body).encode()
    return await ctx.net.client.post(
        path or target.path(ctx), content=content, headers=_headers(ctx, target)
    )


def with_field(ctx: Ctx, name: str, field_name: str, value: Any) -> dict[str, Any]:
    target = TARGETS[name]
    body = target.body(ctx)
    if field_name in target.instead_of:
        body.pop(target.instead_of[field_name], None)
    body[field_name] = value
    return body


@pytest.mark.parametrize("name", NAMES)
async def test_the_valid_bodies_these_tests_start_from_are_accepted(ctx: Ctx, name: str) -> None:
    r = await post(ctx, name, TARGETS[name].body(ctx))
    assert r.status_code == 201, r.text


BAD_AMOUNTS: dict[str, Any] = {
    "zero": 0,
    "minus one": -1,
    "string minus a half": "-0.50",
    "three places as a string": "1.005",
    "three places as a number": 1.005,
    "a thousandth": "0.001",
    "three places, trailing zeros": "1.000",
    "ten places, trailing zeros": "1.0000000000",
    "the string NaN": "NaN",
    "a bare NaN token": float("nan"),
    "the string Infinity": "Infinity",
    "a bare Infinity token": float("inf"),
    "1e30": 1e30,
    "10**30": 10**30,
    "true": True,
    "null": None,
    "an empty list": [],
    "an empty object": {},
    "an empty string": "",
    "abc": "abc",
    "exponent in a string": "1e2",
    "underscores in a string": "1_000",
    "non-ASCII digits": "١٢",
    "a comma decimal": "1,5",
}


@pytest.mark.parametrize("name", AMOUNT_TARGETS)
async def test_an_amount_that_is_not_a_positive_two_place_decimal_is_refused(
    ctx: Ctx, pool: asyncpg.Pool, subtests: pytest.Subtests, name: str
) -> None:
    amount_field = TARGETS[name].amount
    assert amount_field is not None
    before = await snapshot(pool)
    for label, amount in BAD_AMOUNTS.items():
        with subtests.test(msg=label):
            r = await post(ctx, name, with_field(ctx, name, amount_field, amount))
            body = assert_problem(r, 422, "validation_error")
            assert amount_field in error_fields(body), body
    assert_unchanged(before, await snapshot(pool))


@pytest.mark.parametrize("name", NAMES)
async def test_a_field_of_the_wrong_type_is_a_422_naming_it(
    ctx: Ctx, pool: asyncpg.Pool, subtests: pytest.Subtests, name: str
) -> None:
    before = await snapshot(pool)
    for field_name, values in TARGETS[name].wrong.items():
        for value in values:
            with subtests.test(msg=f"{field_name}={value!r}"):
                r = await post(ctx, name, with_field(ctx, name, field_name, value))
                body = assert_problem(r, 422, "validation_error")
                fields = error_fields(body)
                assert any(f.split(".")[0] == field_name for f in fields), body
    assert_unchanged(before, await snapshot(pool))


@pytest.mark.parametrize("name", [n for n in NAMES if TARGETS[n].required])
async def test_a_missing_required_field_is_a_422_naming_it(
    ctx: Ctx, pool: asyncpg.Pool, subtests: pytest.Subtests, name: str
) -> None:
    before = await snapshot(pool)
    for field_name in TARGETS[name].required:
        with subtests.test(msg=field_name):
            body = TARGETS[name].body(ctx)
            del body[field_name]
            problem = assert_problem(await post(ctx, name, body), 422, "validation_error")
            # "give exactly one of a and b" is about the body, not one field
            assert error_fields(problem) & {field_name, "body"}, problem
    assert_unchanged(before, await snapshot(pool))


@pytest.mark.parametrize("name", NAMES)
async def test_an_unknown_extra_field_is_a_422_naming_it(
    ctx: Ctx, pool: asyncpg.Pool, subtests: pytest.Subtests, name: str
) -> None:
    before = await snapshot(pool)
    for extra in ("colour", "organisation_id_", "api_key", "balance"):
        with subtests.test(msg=extra):
            body = {**TARGETS[name].body(ctx), extra: "x"}
            problem = assert_problem(await post(ctx, name, body), 422, "validation_error")
            assert extra in error_fields(problem), problem
    assert_unchanged(before, await snapshot(pool))


@pytest.mark.parametrize("name", NAMES)
async def test_a_string_of_100_kb_is_a_422(
    ctx: Ctx, pool: asyncpg.Pool, subtests: pytest.Subtests, name: str
) -> None:
    before = await snapshot(pool)
    huge = "x" * 100_000
    target = TARGETS[name]
    cases = [(f, huge) for f in target.strings]
    cases += [(f, [huge]) for f in ("programme_ids", "scopes") if f in target.wrong]
    for field_name, value in cases:
        with subtests.test(msg=field_name):
            r = await post(ctx, name, with_field(ctx, name, field_name, value))
            body = assert_problem(r, 422, "validation_error")
            assert any(f.split(".")[0] == field_name for f in error_fields(body)), body
            assert len(r.content) < 20_000, "the refusal echoes the oversized input"
    assert_unchanged(before, await snapshot(pool))


@pytest.mark.parametrize("name", NAMES)
async def test_a_nul_character_in_a_string_is_a_422_not_a_database_error(
    ctx: Ctx, pool: asyncpg.Pool, subtests: pytest.Subtests, name: str
) -> None:
    before = await snapshot(pool)
    target = TARGETS[name]
    cases = [(f, "TEN\x0001") for f in target.strings]
    cases += [(f, ["prg\x00"]) for f in ("programme_ids",) if f in target.wrong]
    for field_name, value in cases:
        with subtests.test(msg=field_name):
            r = await post(ctx, name, with_field(ctx, name, field_name, value))
            body = assert_problem(r, 422, "validation_error")
            assert any(f.split(".")[0] == field_name for f in error_fields(body)), body
    assert_unchanged(before, await snapshot(pool))


@pytest.mark.parametrize("name", NAMES)
async def test_a_body_of_2_mb_is_a_413_whether_announced_or_streamed(
    ctx: Ctx, pool: asyncpg.Pool, subtests: pytest.Subtests, name: str
) -> None:
    before = await snapshot(pool)
    body = json.dumps({**TARGETS[name].body(ctx), "padding": "x" * 2_000_000}).encode()

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: chunked
        for i in range(0, len(body), 64_000):
            yield body[i : i + 64_000]

    with subtests.test(msg="with Content-Length"):
        assert_problem(await post(ctx, name, content=body), 413, "payload_too_large")
    with subtests.test(msg="streamed"):
        assert_problem(await post(ctx, name, content=chunks()), 413, "payload_too_large")
    assert_unchanged(before, await snapshot(pool))


NOT_A_JSON_OBJECT: dict[str, tuple[bytes, int, str]] = {
    "invalid UTF-8": (b'{"name": "\xff\xfe caf\xe9"}', 400, "malformed_json"),
    "truncated": (b'{"name": "x"', 400, "malformed_json"),
    "trailing comma": (b'{"name": "x",}', 400, "malformed_json"),
    "single quotes": (b"{'name': 'x'}", 400, "malformed_json"),
    "not JSON at all": (b"name=x&credits=1", 400, "malformed_json"),
    "a list": (b"[]", 422, "validation_error"),
    "a string": (b'"x"', 422, "validation_error"),
    "a number": (b"1", 422, "validation_error"),
}
# The reversal's body is optional: an empty body or JSON null is a reversal without reason.
NO_BODY: dict[str, tuple[bytes, int, str]] = {
    "null": (b"null", 422, "validation_error"),
    "empty": (b"", 422, "validation_error"),
}


@pytest.mark.parametrize("name", NAMES)
async def test_a_body_that_is_not_a_json_object_is_refused(
    ctx: Ctx, pool: asyncpg.Pool, subtests: pytest.Subtests, name: str
) -> None:
    before = await snapshot(pool)
    cases = dict(NOT_A_JSON_OBJECT)
    if TARGETS[name].required:
        cases |= NO_BODY
    for label, (content, status, code) in cases.items():
        with subtests.test(msg=label):
            assert_problem(await post(ctx, name, content=content), status, code)
    assert_unchanged(before, await snapshot(pool))


def _unknown_card() -> str:
    return cards.display(cards.generate())


# (target, field, value, status, code): ids that name nothing, or the wrong kind of thing.
UNKNOWN_IDS: list[tuple[str, str, Callable[[Ctx], Any], int, str]] = [
    ("POST /v1/members", "programme_id", lambda c: new_id("prg"), 422, "validation_error"),
    (
        "POST /v1/organisations",
        "programme_ids",
        lambda c: [c.net.programme_id, new_id("prg")],
        422,
        "validation_error",
    ),
    ("POST /v1/allocations", "organisation_id", lambda c: new_id("org"), 404, "not_found"),
    ("POST /v1/allocations", "programme_id", lambda c: new_id("prg"), 422, "validation_error"),
    ("POST /v1/earnings", "member_id", lambda c: new_id("mem"), 404, "not_found"),
    ("POST /v1/earnings", "member_id", lambda c: c.net.partner.id, 404, "not_found"),
    ("POST /v1/earnings", "card_number", lambda c: _unknown_card(), 404, "not_found"),
    ("POST /v1/spends", "member_id", lambda c: new_id("mem"), 404, "not_found"),
    ("POST /v1/spends", "organisation_id", lambda c: new_id("org"), 404, "not_found"),
    ("POST /v1/spends", "organisation_id", lambda c: c.friend["id"], 404, "not_found"),
    ("POST /v1/gifts", "from_member_id", lambda c: new_id("mem"), 404, "not_found"),
    ("POST /v1/gifts", "to_member_id", lambda c: new_id("mem"), 404, "not_found"),
    ("POST /v1/gifts", "to_organisation_id", lambda c: new_id("org"), 404, "not_found"),
    ("POST /v1/api-keys", "scopes", lambda c: ["members:read", "members:delete"], 422, "?"),
]


@pytest.mark.parametrize(
    ("name", "field_name", "value", "status", "code"),
    UNKNOWN_IDS,
    ids=[f"{n} {f}" for n, f, *_ in UNKNOWN_IDS],
)
async def test_an_id_that_names_nothing_is_refused_without_a_trace(
    ctx: Ctx,
    pool: asyncpg.Pool,
    name: str,
    field_name: str,
    value: Callable[[Ctx], Any],
    status: int,
    code: str,
) -> None:
    before = await snapshot(pool)
    r = await post(ctx, name, with_field(ctx, name, field_name, value(ctx)))
    body = assert_problem(r, status, "validation_error" if code == "?" else code)
    if status == 422:
        assert field_name in error_fields(body), body
    assert_unchanged(before, await snapshot(pool))


async def test_reversing_a_transaction_that_does_not_exist_is_a_404(
    ctx: Ctx, pool: asyncpg.Pool
) -> None:
    before = await snapshot(pool)
    for txn in (new_id("txn"), ctx.member["id"], "x" * 100):
        path = f"/v1/transactions/{txn}/reversal"
        r = await post(ctx, "POST /v1/transactions/{id}/reversal", {}, path=path)
        assert_problem(r, 404, "not_found")
    r = await post(
        ctx, "POST /v1/transactions/{id}/reversal", {}, path="/v1/transactions/%00/reversal"
    )
    assert_problem(r, 422, "validation_error")
    r = await post(
        ctx,
        "POST /v1/transactions/{id}/reversal",
        {},
        path=f"/v1/transactions/{'x' * 101}/reversal",
    )
    assert_problem(r, 422, "validation_error")
    assert_unchanged(before, await snapshot(pool))


@pytest.mark.parametrize(
    ("given_on", "why"),
    [
        (lambda: (datetime.now(UTC).date() + timedelta(days=2)).isoformat(), "in the future"),
        (lambda: "2014-12-31", "before the programme started"),
    ],
    ids=["in the future", "before the programme started"],
)
async def test_hours_given_on_a_day_outside_the_programme_are_refused(
    ctx: Ctx, pool: asyncpg.Pool, given_on: Callable[[], str], why: str
) -> None:
    before = await snapshot(pool)
    body = with_field(ctx, "POST /v1/earnings", "given_on", given_on())
    problem = assert_problem(await post(ctx, "POST /v1/earnings", body), 422, "validation_error")
    assert error_fields(problem) == {"given_on"}, problem
    assert_unchanged(before, await snapshot(pool))


async def test_a_programme_cannot_end_before_it_starts(ctx: Ctx, pool: asyncpg.Pool) -> None:
    before = await snapshot(pool)
    body = with_field(ctx, "POST /v1/programmes", "ends_on", "2016-03-31")
    assert_problem(await post(ctx, "POST /v1/programmes", body), 422, "validation_error")
    assert_unchanged(before, await snapshot(pool))


@pytest.mark.parametrize("postcode", ["N17 6AB", "N176AB", "CF10 1EP", "not a postcode", "17N"])
async def test_a_full_postcode_or_a_non_district_is_refused(
    ctx: Ctx, pool: asyncpg.Pool, postcode: str
) -> None:
    before = await snapshot(pool)
    body = with_field(ctx, "POST /v1/members", "postcode_district", postcode)
    problem = assert_problem(await post(ctx, "POST /v1/members", body), 422, "validation_error")
    assert error_fields(problem) == {"postcode_district"}, problem
    assert_unchanged(before, await snapshot(pool))


def _mistype(card: str) -> str:
    """The card number with one digit changed: Luhn catches every single-digit typo."""
    digits = card.replace(" ", "")
    i = 5
    typo = digits[:i] + str((int(digits[i]) + 3) % 10) + digits[i + 1 :]
    return cards.display(typo)


async def test_a_mistyped_card_number_is_a_422_not_a_404(ctx: Ctx, pool: asyncpg.Pool) -> None:
    typo = _mistype(ctx.member["card_number"])
    before = await snapshot(pool)
    body = with_field(ctx, "POST /v1/earnings", "card_number", typo)
    problem = assert_problem(await post(ctx, "POST /v1/earnings", body), 422, "validation_error")
    assert error_fields(problem) == {"card_number"}, problem
    r = await ctx.net.client.get(
        "/v1/members", headers=ctx.net.partner.headers, params={"card_number": typo}
    )
    assert error_fields(assert_problem(r, 422, "validation_error")) == {"card_number"}
    assert_unchanged(before, await snapshot(pool))
