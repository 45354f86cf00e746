"""Assertions shared by the API and auth tests: problem bodies, "nothing was written", and
"the error told the caller nothing it did not already know"."""

from collections.abc import Iterable
from typing import Any

import asyncpg
import httpx

PROBLEM = "application/problem+json"
PROBLEM_FIELDS = ("type", "title", "status", "detail", "code")
# Every machine code a 4xx may carry today; a new one is a deliberate contract change.
KNOWN_CODES = {
    "validation_error",
    "malformed_json",
    "payload_too_large",
    "unauthenticated",
    "forbidden",
    "reversal_window_passed",
    "not_found",
    "method_not_allowed",
    "conflict",
    "insufficient_credits",
    "idempotency_key_reused",
    "unsupported_media_type",
    "rate_limited",
    "service_unavailable",
    # A refused redemption's code is the reason validate gives (app/services/redemptions.py).
    "unknown",
    "expired",
    "already_used",
    "over_cap",
    "no_pin",
    "card_locked",
    "wrong_pin",
    "offer_unavailable",
    "not_today",
    "under_age",
    "weekly_limit",
    # A referral moved from a status its step does not leave (app/services/referrals.py).
    "illegal_transition",
    # A refused note (app/services/notes.py).
    "note_already_redeemed",
    "note_voided",
    "note_expired",
}


def assert_problem(r: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    """r is an RFC 9457 problem with this status (and code); returns its body."""
    where = f"{r.request.method} {r.request.url.path}"
    assert r.status_code == status, f"{where}: {r.status_code} {r.text[:500]}"
    assert r.headers["content-type"].startswith(PROBLEM), f"{where}: {r.headers['content-type']}"
    body = r.json()
    missing = [f for f in PROBLEM_FIELDS if not isinstance(body.get(f), str | int)]
    assert not missing, f"{where}: problem lacks {missing}: {body}"
    assert body["status"] == status, body
    assert body["code"] in KNOWN_CODES, f"{where}: unexpected code {body['code']!r}"
    assert body["type"].endswith("/" + body["code"]), body
    if code is not None:
        assert body["code"] == code, f"{where}: code {body['code']!r}, wanted {code!r}: {body}"
    if status == 422:
        errors = body.get("errors")
        assert isinstance(errors, list) and errors, f"{where}: a 422 without errors: {body}"
        for error in errors:
            # `row` only on a bulk import's errors: the CSV row (app/services/imports.py).
            assert set(error) - {"row"} == {"field", "message"}, error
            assert isinstance(error.get("row", 0), int), error
            assert isinstance(error["field"], str) and error["field"], error
            assert isinstance(error["message"], str) and error["message"], error
    assert "Traceback" not in r.text and "asyncpg" not in r.text, r.text
    return body


def error_fields(body: dict[str, Any]) -> set[str]:
    return {e["field"] for e in body.get("errors") or []}


def assert_no_leak(r: httpx.Response, secrets: Iterable[str], sent: Iterable[str] = ()) -> None:
    """Nothing of the network's data is in the response except what the caller sent."""
    sent = set(sent)
    leaked = sorted(s for s in set(secrets) - sent if s and s in r.text)
    assert not leaked, f"{r.request.method} {r.request.url.path} leaked {leaked}: {r.text}"


_SNAPSHOT = """
SELECT (SELECT count(*) FROM transfers) AS transfers,
       (SELECT count(*) FROM members) AS members,
       (SELECT count(*) FROM accounts) AS accounts,
       (SELECT count(*) FROM api_keys) AS api_keys,
       (SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL) AS revoked_keys,
       (SELECT count(*) FROM idempotency_keys) AS idempotency_keys,
       (SELECT count(*) FROM organisations) AS organisations,
       (SELECT count(*) FROM organisation_programmes) AS organisation_programmes,
       (SELECT count(*) FROM programmes) AS programmes,
       (SELECT count(*) FROM listings) AS listings,
       (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM event_audience) AS event_audience,
       (SELECT coalesce(max(updated_at)::text, '') FROM listings) AS listings_updated,
       (SELECT coalesce(max(updated_at)::text, '') FROM organisations) AS profiles_updated,
       (SELECT coalesce(sum(balance), 0) FROM accounts) AS balance_sum,
       (SELECT coalesce(array_agg(balance ORDER BY id), '{}') FROM accounts) AS balances
"""


async def snapshot(pool: asyncpg.Pool) -> dict[str, Any]:
    """Row counts of everything a write could touch, the sum of balances, and each
    account's balance (a move between two accounts keeps the sum)."""
    row = await pool.fetchrow(_SNAPSHOT)
    return {k: (list(v) if k == "balances" else v) for k, v in row.items()}


def assert_unchanged(before: dict[str, Any], after: dict[str, Any]) -> None:
    changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    assert not changed, f"a refused request wrote something: {changed}"
