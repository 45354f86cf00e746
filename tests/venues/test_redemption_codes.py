"""Redemption codes at a venue's desk (DESIGN §3): the member's home organisation issues a
single-use code; the venue validates it (changing nothing) and redeems it exactly once,
however the till retries or races; every refusal says why."""

import asyncio
import time
from decimal import Decimal
from typing import Any

import asyncpg
import pytest

from app.services import guesses, integrity, redemptions, signing
from app.services.unit_of_work import Env
from tests.api.support import assert_problem, assert_unchanged, error_fields, snapshot
from tests.conftest import PEPPER
from tests.events.support import page
from tests.ledger.test_transaction_pages import _plans
from tests.network import Network, Org


async def _issue(net: Network, member_id: str, by: Org | None = None, **body: Any) -> dict:
    r = await net.client.post(
        f"/v1/members/{member_id}/redemption-codes",
        headers=(by or net.partner).headers,
        json=body,
    )
    assert r.status_code == 201, r.text
    return r.json()


async def _post(net: Network, path: str, body: dict, by: Org | None = None, **headers: str):
    return await net.client.post(path, headers={**(by or net.venue).headers, **headers}, json=body)


async def _validate(net: Network, body: dict) -> dict:
    r = await _post(net, "/v1/redemptions/validate", body)
    assert r.status_code == 200, r.text
    return r.json()


async def test_a_code_pays_once_and_both_sides_see_the_redemption(net: Network) -> None:
    asha = await net.funded_member(10)
    issued = await _issue(net, asha["id"])
    assert redemptions.normalise(issued["code"]) is not None
    assert len(issued["code"].replace("-", "")) == 9 and issued["code"][4] == "-"
    assert issued["token"].count(".") == 2 and issued["max_credits"] is None
    assert 14 * 60 < _seconds_from_now(issued["expires_at"]) <= 15 * 60

    body = {"code": issued["code"].lower().replace("-", " "), "credits": "2.5"}
    check = await _validate(net, body)
    assert check == {"valid": True, "reason": None, "credits": "2.50", "member_initials": "A. K."}
    assert await net.balance(asha["id"]) == Decimal(10)  # validating changes nothing

    r = await _post(net, "/v1/redemptions", body)
    assert r.status_code == 201, r.text
    done = r.json()
    assert done["credits"] == "2.50" and done["organisation_id"] == net.venue.id
    assert done["member_id"] == asha["id"] and done["code_id"] == issued["id"]
    assert await net.balance(asha["id"]) == Decimal("7.5")

    # The transfer is a `redemption`, member → venue, in both parties' lists.
    for org in (net.venue, net.partner):
        r = await net.client.get(f"/v1/transactions/{done['transaction_id']}", headers=org.headers)
        assert r.status_code == 200, r.text
        t = r.json()
        assert (t["kind"], t["credits"]) == ("redemption", "2.50")
        assert t["from"] == {"type": "member", "id": asha["id"]}
        assert t["to"] == {"type": "organisation", "id": net.venue.id}
    r = await net.client.get(
        f"/v1/members/{asha['id']}/transactions",
        headers=net.partner.headers,
        params={"kind": "redemption"},
    )
    assert [t["id"] for t in r.json()["data"]] == [done["transaction_id"]]
    # Its event, to the venue and the member's home organisation, not to anyone else.
    for org, sees in ((net.venue, True), (net.partner, True), (net.other, False)):
        events, _, _ = await page(net.client, org, type="redemption.completed")
        assert [e["data"] for e in events] == ([done] if sees else []), org.name

    # Once only.
    r = await _post(net, "/v1/redemptions", body)
    assert_problem(r, 409, "already_used")
    assert (await _validate(net, body))["reason"] == "already_used"


def _seconds_from_now(stamp: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp() - time.time()


async def test_the_token_pays_like_the_code_and_a_forged_one_is_unknown(net: Network) -> None:
    asha = await net.funded_member(5)
    issued = await _issue(net, asha["id"], max_credits=3)
    header, payload, sig = issued["token"].split(".")
    forged = f"{header}.{payload}.{sig[:-4]}AAAA"
    assert (await _validate(net, {"token": forged, "credits": 1}))["reason"] == "unknown"
    assert (await _validate(net, {"token": "not-a-token", "credits": 1}))["reason"] == "unknown"
    r = await _post(net, "/v1/redemptions", {"token": issued["token"], "credits": 3})
    assert r.status_code == 201, r.text
    assert await net.balance(asha["id"]) == Decimal(2)


async def test_every_refusal_says_why_and_changes_nothing(net: Network, pool: asyncpg.Pool) -> None:
    asha = await net.funded_member(5)
    capped = await _issue(net, asha["id"], max_credits="2.00")
    cases = {
        "over_cap": {"code": capped["code"], "credits": "2.01"},
        "insufficient_credits": {"code": (await _issue(net, asha["id"]))["code"], "credits": 6},
        "unknown": {"code": _another_code(capped["code"]), "credits": 1},
    }
    expired = await _issue(net, asha["id"], expires_in=60)
    await pool.execute(
        "UPDATE redemption_codes SET expires_at = now() - interval '1 second' WHERE id = $1",
        expired["id"],
    )
    cases["expired"] = {"code": expired["code"], "credits": 1}
    # A token whose own expiry passed (signed as the service signs, an hour ago).
    async with pool.acquire() as db:
        old = await signing.sign(
            db,
            Env(pepper=PEPPER.encode()),
            {"typ": "redemption_code", "sub": capped["id"], "exp": int(time.time()) - 3600},
        )
    cases["expired token"] = {"token": old, "credits": 1}
    before = await snapshot(pool)
    for reason, body in cases.items():
        code = reason.split()[0]
        check = await _validate(net, body)
        assert (check["valid"], check["reason"]) == (False, code), reason
        r = await _post(net, "/v1/redemptions", body)
        assert_problem(r, 409, code)
    assert_unchanged(before, await snapshot(pool))


def _another_code(code: str) -> str:
    """A well-formed code (right check symbol) that nobody was given."""
    while (other := redemptions.new_code()) == redemptions.normalise(code):
        pass
    return other


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"expires_in": 59}, "expires_in"),
        ({"expires_in": 25 * 3600}, "expires_in"),
        ({"max_credits": 0}, "max_credits"),
        ({"max_credits": "1.001"}, "max_credits"),
        ({"colour": "red"}, "colour"),
    ],
)
async def test_a_code_request_out_of_bounds_is_a_422(
    net: Network, pool: asyncpg.Pool, body: dict, field: str
) -> None:
    asha = await net.member()
    before = await snapshot(pool)
    r = await net.client.post(
        f"/v1/members/{asha['id']}/redemption-codes", headers=net.partner.headers, json=body
    )
    assert field in error_fields(assert_problem(r, 422, "validation_error"))
    assert_unchanged(before, await snapshot(pool))


async def test_a_desk_sends_a_code_or_a_token_not_both_nor_neither(net: Network) -> None:
    for body in ({"credits": 1}, {"code": "K7QM-3XD9P", "token": "x.y.z", "credits": 1}):
        for path in ("/v1/redemptions/validate", "/v1/redemptions"):
            assert_problem(await _post(net, path, body), 422, "validation_error")


async def test_only_the_home_issues_and_only_a_venue_redeems(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.funded_member(5)
    before = await snapshot(pool)
    for stranger in (net.venue, net.other):
        r = await net.client.post(
            f"/v1/members/{asha['id']}/redemption-codes", headers=stranger.headers, json={}
        )
        assert_problem(r, 404, "not_found")
    assert_unchanged(before, await snapshot(pool))
    issued = await _issue(net, asha["id"])
    body = {"code": issued["code"], "credits": 1}
    for path in ("/v1/redemptions/validate", "/v1/redemptions"):  # an earn partner's till
        assert_problem(await _post(net, path, body, by=net.other), 403, "forbidden")


async def test_the_code_is_stored_only_as_a_hash_and_never_replayed(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.funded_member(5)
    headers = {**net.partner.headers, "Idempotency-Key": "code-1"}
    path = f"/v1/members/{asha['id']}/redemption-codes"
    first = await net.client.post(path, headers=headers, json={})
    again = await net.client.post(path, headers=headers, json={})
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == {**first.json(), "code": None, "token": None}
    code = first.json()["code"]
    dump = str(await pool.fetch("SELECT * FROM redemption_codes")) + str(
        await pool.fetch("SELECT response_body FROM idempotency_keys")
    )
    for form in (code, code.replace("-", "")):
        assert form not in dump and form.encode().hex() not in dump


async def test_a_retried_redemption_replays_and_takes_once(net: Network) -> None:
    asha = await net.funded_member(5)
    body = {"code": (await _issue(net, asha["id"]))["code"], "credits": 1}
    answers = [
        await _post(net, "/v1/redemptions", body, **{"Idempotency-Key": "till-7"}) for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert len({a.json()["id"] for a in answers}) == 1
    assert await net.balance(asha["id"]) == Decimal(4)


async def test_thirty_desks_racing_for_one_code_make_one_redemption(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.funded_member(5)
    body = {"code": (await _issue(net, asha["id"]))["code"], "credits": 1}
    answers = await asyncio.gather(*(_post(net, "/v1/redemptions", body) for _ in range(30)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [201] + [409] * 29, statuses
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"already_used"}
    assert await net.balance(asha["id"]) == Decimal(4)
    async with pool.acquire() as db:
        report = await integrity.check(db)
    assert report.ok, report


async def test_the_venue_refunds_a_redemption_by_reversing_it(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.funded_member(5)
    body = {"code": (await _issue(net, asha["id"]))["code"], "credits": 2}
    done = (await _post(net, "/v1/redemptions", body)).json()
    r = await net.client.post(
        f"/v1/transactions/{done['transaction_id']}/reversal",
        headers=net.venue.headers,
        json={"reason": "session cancelled"},
    )
    assert r.status_code == 201, r.text
    assert await net.balance(asha["id"]) == Decimal(5)
    async with pool.acquire() as db:
        assert (await integrity.check(db)).ok


async def test_guessing_codes_counts_like_card_numbers_but_typos_do_not(
    net: Network, pool: asyncpg.Pool
) -> None:
    issued = await _issue(net, (await net.funded_member(5))["id"])
    typo = issued["code"][:-1] + ("0" if issued["code"][-1] != "0" else "1")
    assert (await _validate(net, {"code": typo, "credits": 1}))["reason"] == "unknown"
    assert await pool.fetchval("SELECT coalesce(sum(misses), 0) FROM lookup_misses") == 0
    for _ in range(guesses.MAX_MISSES):
        check = await _validate(net, {"code": _another_code(issued["code"]), "credits": 1})
        assert check["reason"] == "unknown"
    r = await _post(net, "/v1/redemptions/validate", {"code": issued["code"], "credits": 1})
    assert_problem(r, 429, "rate_limited")
    assert int(r.headers["retry-after"]) >= 1


async def test_guessing_through_redeem_counts_too_though_each_refusal_rolls_back(
    net: Network, pool: asyncpg.Pool
) -> None:
    issued = await _issue(net, (await net.funded_member(5))["id"])
    for _ in range(guesses.MAX_MISSES):
        body = {"code": _another_code(issued["code"]), "credits": 1}
        assert_problem(await _post(net, "/v1/redemptions", body), 409, "unknown")
    assert await pool.fetchval("SELECT sum(misses) FROM lookup_misses") == guesses.MAX_MISSES
    r = await _post(net, "/v1/redemptions", {"code": issued["code"], "credits": 1})
    assert_problem(r, 429, "rate_limited")


def test_codes_read_back_whatever_the_desk_types() -> None:
    for _ in range(200):
        code = redemptions.new_code()
        shown = redemptions.display(code)
        assert redemptions.normalise(shown) == code
        assert redemptions.normalise(shown.lower().replace("0", "o").replace("1", "l")) == code
        # One wrong symbol, or two neighbours swapped, is caught by the check symbol.
        i = 3
        wrong = code[:i] + ("X" if code[i] != "X" else "Y") + code[i + 1 :]
        assert redemptions.normalise(wrong) is None
    assert set(redemptions.ALPHABET).isdisjoint("ILOU")


async def _redeemed(net: Network, member_id: str, credits: int | str) -> dict:
    body = {"code": (await _issue(net, member_id))["code"], "credits": credits}
    r = await _post(net, "/v1/redemptions", body)
    assert r.status_code == 201, r.text
    return r.json()


async def test_the_venue_refunds_once_with_the_refund_endpoint(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.funded_member(5)
    done = await _redeemed(net, asha["id"], 2)
    path = f"/v1/redemptions/{done['id']}/refund"
    for stranger in (net.partner, net.other):  # only the venue that redeemed
        assert_problem(await _post(net, path, {}, by=stranger), 404, "not_found")
    r = await _post(net, path, {"reason": "Session cancelled"})
    assert r.status_code == 201, r.text
    refunded = r.json()
    assert refunded == {**done, "refund_transaction_id": refunded["refund_transaction_id"]}
    assert await net.balance(asha["id"]) == Decimal(5)
    r = await net.client.get(
        f"/v1/transactions/{refunded['refund_transaction_id']}", headers=net.venue.headers
    )
    assert (r.json()["kind"], r.json()["reverses"]) == ("reversal", done["transaction_id"])
    assert_problem(await _post(net, path, {}), 409, "conflict")
    for org in (net.venue, net.partner):
        events, _, _ = await page(net.client, org, type="redemption.refunded")
        assert [e["data"] for e in events] == [refunded]
    async with pool.acquire() as db:
        assert (await integrity.check(db)).ok


async def test_the_venue_lists_its_redemptions_and_sums_them_per_day(net: Network) -> None:
    asha = await net.funded_member(20)
    made = [await _redeemed(net, asha["id"], n) for n in (1, 2, 3)]
    refunded = await _post(net, f"/v1/redemptions/{made[1]['id']}/refund", {})
    assert refunded.status_code == 201, refunded.text
    r = await net.client.get("/v1/redemptions", headers=net.venue.headers, params={"limit": 2})
    first = r.json()
    assert [x["id"] for x in first["data"]] == [made[2]["id"], made[1]["id"]]
    assert first["data"][1]["refund_transaction_id"] is not None and first["has_more"]
    r = await net.client.get(
        "/v1/redemptions", headers=net.venue.headers, params={"after": first["next_cursor"]}
    )
    assert [x["id"] for x in r.json()["data"]] == [made[0]["id"]]
    # Another organisation sees none of them.
    r = await net.client.get("/v1/redemptions", headers=net.other.headers)
    assert r.json()["data"] == []
    r = await net.client.get("/v1/redemptions/summary", headers=net.venue.headers)
    [day] = r.json()["data"]
    assert (day["count"], day["credits"]) == (2, "4.00")  # the refunded one left out
    r = await net.client.get(
        "/v1/redemptions/summary", headers=net.venue.headers, params={"to": "2020-01-01"}
    )
    assert r.json() == {"data": []}


async def test_a_page_of_redemptions_is_read_through_the_venues_index(
    pool: asyncpg.Pool,
) -> None:
    """Both plans PostgreSQL may use for the page's statement (custom and generic), with
    sequential scans off: a Seq Scan left means no index path exists."""
    for after in (None, 42):
        plans = await _plans(pool, redemptions._PAGE, ("org_x", after, None, None, 21))
        assert plans == {"custom": [], "generic": []}, plans
