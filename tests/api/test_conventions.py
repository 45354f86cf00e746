"""HTTP conventions every endpoint follows (DESIGN §4): request ids, problems for unknown
routes and methods, cursor pagination, amounts as two-decimal strings, RFC 3339 times."""

import re
import secrets
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from app.services.pagination import encode
from tests.api.support import assert_problem, error_fields
from tests.network import Network

GENERATED_ID = re.compile(r"req_[0-9a-f]{16}")
AMOUNT = re.compile(r"-?\d+\.\d{2}")
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


# --- X-Request-Id -----------------------------------------------------------------------


async def test_every_kind_of_response_carries_a_generated_request_id(net: Network) -> None:
    client, h = net.client, net.partner.headers
    responses = {
        "200": await client.get("/v1/me", headers=h),
        "201": await client.post(
            "/v1/members", headers=h, json={"display_name": "A.", "programme_id": net.programme_id}
        ),
        "401": await client.get("/v1/me"),
        "403": await client.post("/v1/programmes", headers=h, json={}),
        "404 route": await client.get("/v1/nowhere", headers=h),
        "405": await client.put("/v1/me", headers=h),
        "413": await client.post("/v1/members", headers=h, content=b"x" * 2_000_000),
        "422": await client.post("/v1/members", headers=h, json={}),
        "probe": await client.get("/healthz"),
    }
    seen = set()
    for label, r in responses.items():
        rid = r.headers.get("x-request-id", "")
        assert GENERATED_ID.fullmatch(rid), f"{label}: {rid!r}"
        assert len(r.headers.get_list("x-request-id")) == 1, label
        if r.headers["content-type"].startswith("application/problem+json"):
            assert r.json()["request_id"] == rid, label
        seen.add(rid)
    assert len(seen) == len(responses), "request ids repeat"


@pytest.mark.parametrize("rid", ["client-123", "3f2b9c1e-7d4a-4b8e-9a63-2f1d0c9e8b7a", "a.b_c:d"])
async def test_a_sane_client_request_id_is_echoed(net: Network, rid: str) -> None:
    for r in (
        await net.client.get("/v1/me", headers={**net.partner.headers, "X-Request-Id": rid}),
        await net.client.get("/v1/me", headers={"X-Request-Id": rid}),
    ):
        assert r.headers["x-request-id"] == rid


HOSTILE = {
    "newline": b"abc\n",
    "header injection": b"abc\r\nSet-Cookie: x=1",
    "markup": b"<script>alert(1)</script>",
    "too long": b"x" * 129,
    "spaces": b"a b",
    "empty": b"",
    "non-ASCII": "café".encode(),
    "path": b"../../etc/passwd",
}


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
async def test_a_hostile_client_request_id_is_replaced(net: Network, value: bytes) -> None:
    r = await net.client.get("/v1/me", headers={**net.partner.headers, "X-Request-Id": value})
    assert r.status_code == 200
    assert GENERATED_ID.fullmatch(r.headers["x-request-id"]), r.headers["x-request-id"]


# --- unknown routes and methods -----------------------------------------------------------


@pytest.mark.parametrize("path", ["/v1/nowhere", "/v2/members", "/", "/v1/members/x/y/z"])
async def test_an_unknown_route_is_a_404_problem_with_or_without_a_key(
    net: Network, path: str
) -> None:
    for headers in ({}, net.partner.headers):
        body = assert_problem(await net.client.get(path, headers=headers), 404, "not_found")
        assert path in body["detail"]


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PUT", "/v1/me", {"GET"}),
        ("DELETE", "/v1/members", {"GET", "POST"}),
        ("PATCH", "/v1/earnings", {"POST"}),
        ("GET", "/v1/spends", {"POST"}),
        ("POST", "/v1/transactions/txn_x", {"GET"}),
    ],
)
async def test_a_wrong_method_is_a_405_problem_naming_the_allowed_ones(
    net: Network, method: str, path: str, allowed: set[str]
) -> None:
    r = await net.client.request(method, path, headers=net.partner.headers)
    assert_problem(r, 405, "method_not_allowed")
    # Starlette names the methods of the first route matching the path, not of all of them.
    named = {m.strip() for m in r.headers["allow"].split(",")}
    assert named and named <= allowed, named


# --- pagination ---------------------------------------------------------------------------


async def _members(net: Network, n: int) -> list[str]:
    return [(await net.member(display_name=f"Member {i}"))["id"] for i in range(n)]


async def _earnings(net: Network, member_id: str, n: int) -> list[str]:
    ids = []
    for _ in range(n):
        r = await net.earn(member_id, 1)
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    return ids


async def _page(
    net: Network, path: str, limit: int | None = None, after: str | None = None
) -> dict[str, Any]:
    params = {k: str(v) for k, v in (("limit", limit), ("after", after)) if v is not None}
    r = await net.client.get(path, headers=net.partner.headers, params=params)
    assert r.status_code == 200, r.text
    page = r.json()
    assert set(page) == {"data", "next_cursor", "has_more"}
    assert page["has_more"] == (page["next_cursor"] is not None)
    return page


async def _walk(net: Network, path: str, limit: int) -> list[list[str]]:
    pages, after = [], None
    while True:
        page = await _page(net, path, limit, after)
        pages.append([row["id"] for row in page["data"]])
        if not page["has_more"]:
            return pages
        assert len(page["data"]) == limit
        after = page["next_cursor"]


async def test_member_pages_default_to_50(net: Network) -> None:
    ids = await _members(net, 51)
    first = await _page(net, "/v1/members")
    assert len(first["data"]) == 50 and first["has_more"]
    assert [m["id"] for m in first["data"]] == ids[::-1][:50]  # newest first
    rest = await _page(net, "/v1/members", after=first["next_cursor"])
    assert [m["id"] for m in rest["data"]] == [ids[0]]
    assert rest["has_more"] is False and rest["next_cursor"] is None


async def test_transaction_pages_default_to_50(net: Network) -> None:
    asha = await net.member()
    ids = await _earnings(net, asha["id"], 50)  # and the partner's allocation: 51
    first = await _page(net, "/v1/transactions")
    assert len(first["data"]) == 50 and first["has_more"]
    assert [t["id"] for t in first["data"]] == ids[::-1]
    rest = await _page(net, "/v1/transactions", after=first["next_cursor"])
    assert [t["kind"] for t in rest["data"]] == ["allocation"]
    assert rest["has_more"] is False


# Every list endpoint of DESIGN §4 paging (the directory's searches: tests/directory).
LISTS = ["/v1/members", "/v1/transactions", "/v1/api-keys", "/v1/programmes"]


@pytest.mark.parametrize("path", LISTS)
async def test_a_page_holds_at_most_200_and_201_is_a_422(net: Network, path: str) -> None:
    await _page(net, path, limit=200)
    await _page(net, path, limit=1)
    for limit in ("201", "0", "-1", "abc", "1.5", "1e2"):
        r = await net.client.get(path, headers=net.partner.headers, params={"limit": limit})
        assert error_fields(assert_problem(r, 422, "validation_error")) == {"limit"}, limit


GARBAGE_CURSORS = [
    "garbage",
    "!!!",
    "%%%",
    "djI6NQ",  # "v2:5"
    "djE6NSA",  # "v1:5 "
    "djE6LTE",  # "v1:-1"
    "djE6YWJj",  # "v1:abc"
    "djE6",  # "v1:"
    "x" * 200,
    "/w==",  # not UTF-8
    "ZDE6MjAyNi0xMy0wMTpwcmdfYQ",  # "d1:2026-13-01:prg_a", a programmes cursor of no day
]


@pytest.mark.parametrize("path", LISTS)
async def test_a_cursor_the_api_did_not_return_is_a_422(net: Network, path: str) -> None:
    for cursor in GARBAGE_CURSORS:
        r = await net.client.get(path, headers=net.partner.headers, params={"after": cursor})
        assert error_fields(assert_problem(r, 422, "validation_error")) == {"after"}, cursor
    r = await net.client.get(path, headers=net.partner.headers, params={"after": "x" * 201})
    assert_problem(r, 422, "validation_error")


@pytest.mark.parametrize("path", LISTS)
async def test_a_cursor_beyond_any_possible_row_is_a_422_not_a_500(net: Network, path: str) -> None:
    cursor = encode(10**27)
    r = await net.client.get(path, headers=net.partner.headers, params={"after": cursor})
    assert_problem(r, 422, "validation_error")


@pytest.mark.parametrize("path", ["/v1/members", "/v1/transactions"])
async def test_walking_every_page_yields_every_row_exactly_once(net: Network, path: str) -> None:
    if path == "/v1/members":
        ids = await _members(net, 17)
    else:
        ids = await _earnings(net, (await net.member())["id"], 16)
        ids.insert(0, (await _page(net, path, limit=200))["data"][-1]["id"])  # the allocation
    for limit in (1, 5, 17, 50):
        pages = await _walk(net, path, limit)
        walked = [i for page in pages for i in page]
        assert walked == ids[::-1], f"limit={limit}"
        assert len(pages) == max(1, -(-len(ids) // limit)), f"limit={limit}"


@pytest.mark.parametrize("path", ["/v1/members", "/v1/transactions"])
async def test_rows_inserted_while_paging_cause_no_duplicates_or_gaps(
    net: Network, path: str
) -> None:
    asha = await net.member()
    if path == "/v1/members":
        await _members(net, 11)
    else:
        await _earnings(net, asha["id"], 12)
    existing = [row["id"] for row in (await _page(net, path, limit=200))["data"]]
    walked: list[str] = []
    after = None
    while True:
        page = await _page(net, path, 4, after)
        walked += [row["id"] for row in page["data"]]
        # Someone else writes between our page fetches.
        if path == "/v1/members":
            await _members(net, 2)
        else:
            await _earnings(net, asha["id"], 2)
        if not page["has_more"]:
            break
        after = page["next_cursor"]
    assert len(walked) == len(set(walked)), "a row came twice"
    assert [i for i in walked if i in set(existing)] == existing, "a pre-existing row was lost"


@pytest.mark.parametrize(
    "params", [{"to": "9999-12-31"}, {"from": "9999-12-31T23:59:59-12:00"}], ids=["to", "from"]
)
async def test_date_filters_at_the_end_of_the_calendar_are_not_a_500(
    net: Network, params: dict[str, str]
) -> None:
    r = await net.client.get("/v1/transactions", headers=net.partner.headers, params=params)
    assert r.status_code < 500, r.text


async def test_programme_stats_to_the_last_day_of_the_calendar(net: Network) -> None:
    """Found by review: `to=9999-12-31` overflowed the day after it (a 500)."""
    path = f"/v1/programmes/{net.programme_id}/stats"
    for params in ({"to": "9999-12-31"}, {"from": "9999-12-31", "to": "9999-12-31"}):
        r = await net.client.get(path, headers=net.partner.headers, params=params)
        assert r.status_code == 200, r.text


# --- amounts and timestamps --------------------------------------------------------------


def _assert_timestamp(value: str) -> None:
    assert RFC3339.fullmatch(value), value
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    assert parsed.utcoffset() == timedelta(0), f"{value} is not UTC"


async def test_amounts_are_strings_with_two_decimals_everywhere(net: Network) -> None:
    client, h = net.client, net.partner.headers
    asha = await net.member()
    assert asha["balance"] == "0.00"
    earning = (await net.earn(asha["id"], "1.5")).json()
    assert (earning["credits"], earning["member_balance"]) == ("1.50", "1.50")
    assert earning["metadata"]["hours"] == "1.50"
    r = await client.post(
        "/v1/spends",
        headers=h,
        json={"member_id": asha["id"], "organisation_id": net.venue.id, "credits": 0.25},
    )
    assert (r.json()["credits"], r.json()["member_balance"]) == ("0.25", "1.25")
    allocation = await net.allocate(net.partner, 3)
    assert allocation["credits"] == "3.00"
    amounts = [
        (await client.get(f"/v1/members/{asha['id']}", headers=h)).json()["balance"],
        (await client.get("/v1/me", headers=h)).json()["organisation"]["balance"],
        *[t["credits"] for t in (await client.get("/v1/transactions", headers=h)).json()["data"]],
    ]
    for amount in amounts:
        assert isinstance(amount, str) and AMOUNT.fullmatch(amount), amount
    assert amounts[:2] == ["1.25", "1001.50"]


async def test_timestamps_are_rfc_3339_in_utc(net: Network) -> None:
    client, h = net.client, net.partner.headers
    asha = await net.member()
    earning = (await net.earn(asha["id"], 1)).json()
    stamps = [
        asha["created_at"],
        earning["created_at"],
        (await client.get(f"/v1/transactions/{earning['id']}", headers=h)).json()["created_at"],
        (await client.get("/v1/me", headers=h)).json()["organisation"]["created_at"],
        (await client.get("/v1/programmes", headers=h)).json()["data"][0]["created_at"],
    ]
    for key in (await client.get("/v1/api-keys", headers=h)).json()["data"]:
        stamps.append(key["created_at"])
        stamps += [key["last_used_at"]] if key["last_used_at"] else []
    assert len(stamps) >= 7
    for stamp in stamps:
        _assert_timestamp(stamp)


async def test_a_problem_never_carries_a_stack_trace_or_sql(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/members/mem_x", headers={"Authorization": "Bearer ' OR 1=1 --"})
    body = assert_problem(r, 401, "unauthenticated")
    assert "SELECT" not in r.text and "Traceback" not in r.text
    assert body["request_id"] == r.headers["x-request-id"]


async def test_programmes_come_a_page_at_a_time_oldest_first(net: Network) -> None:
    for year in (2019, 2017, 2018, 2017):
        r = await net.client.post(
            "/v1/programmes",
            headers=net.operator.headers,
            json={
                "name": f"P{year}-{secrets.token_hex(2)}",
                "place": "x",
                "focus": "y",
                "starts_on": f"{year}-04-01",
            },
        )
        assert r.status_code == 201, r.text
    everything = (await _page(net, "/v1/programmes", limit=200))["data"]
    order = [(p["starts_on"], p["id"]) for p in everything]
    assert order == sorted(order) and len(order) == 5  # and the network's own programme
    seen, after = [], None
    while True:
        page = await _page(net, "/v1/programmes", limit=2, **({"after": after} if after else {}))
        seen += [p["id"] for p in page["data"]]
        after = page["next_cursor"]
        assert page["has_more"] == (after is not None)
        if after is None:
            break
    assert seen == [p["id"] for p in everything]
