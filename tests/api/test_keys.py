"""API keys: created with a secret shown once, listed without it, revoked for good
(DESIGN §3, §5)."""

import asyncio
import json
import os
import re
import subprocess
from typing import Any

import asyncpg
import pytest

from app.auth.scopes import allowed_for
from tests.api.support import assert_problem, assert_unchanged, error_fields, snapshot
from tests.conftest import PEPPER
from tests.ledger.support import CLI, CliResult
from tests.network import Network, Org

SECRET = re.compile(r"tc_live_[A-Za-z0-9_-]{43}")


async def _create(net: Network, org: Org, scopes: list[str], name: str = "CRM") -> dict[str, Any]:
    r = await net.client.post(
        "/v1/api-keys", headers=org.headers, json={"name": name, "scopes": scopes}
    )
    assert r.status_code == 201, r.text
    return r.json()


def _as(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


async def test_a_new_key_shows_its_secret_once_and_works(net: Network) -> None:
    key = await _create(net, net.partner, ["members:write", "members:read"], "Housing CRM")
    assert SECRET.fullmatch(key["secret"])
    assert key["secret"].startswith(key["prefix"])
    assert key["id"].startswith("key_")
    assert key["name"] == "Housing CRM"
    assert key["scopes"] == ["members:read", "members:write"]
    assert key["revoked_at"] is None and key["last_used_at"] is None
    r = await net.client.get("/v1/me", headers=_as(key["secret"]))
    assert r.status_code == 200, r.text
    assert r.json()["api_key_id"] == key["id"]
    assert r.json()["organisation"]["id"] == net.partner.id
    assert r.json()["scopes"] == ["members:read", "members:write"]


async def test_the_list_never_shows_a_secret(net: Network, pool: asyncpg.Pool) -> None:
    key = await _create(net, net.partner, ["members:read"])
    r = await net.client.get("/v1/api-keys", headers=net.partner.headers)
    assert r.status_code == 200, r.text
    assert key["secret"] not in r.text and net.partner.key not in r.text
    listed = {k["id"]: k for k in r.json()["data"]}
    assert all("secret" not in k for k in listed.values())
    assert listed[key["id"]] == {k: v for k, v in key.items() if k != "secret"}
    stored = await pool.fetchval("SELECT secret_hash FROM api_keys WHERE id = $1", key["id"])
    assert key["secret"].encode() not in bytes(stored)


async def test_an_organisation_lists_only_its_own_keys(net: Network) -> None:
    ours = await _create(net, net.partner, ["members:read"])
    theirs = await _create(net, net.other, ["members:read"])
    r = await net.client.get("/v1/api-keys", headers=net.partner.headers)
    ids = {k["id"] for k in r.json()["data"]}
    assert ours["id"] in ids and theirs["id"] not in ids


async def test_revocation_takes_effect_on_the_next_request(net: Network) -> None:
    key = await _create(net, net.partner, ["members:read"])
    assert (await net.client.get("/v1/me", headers=_as(key["secret"]))).status_code == 200
    r = await net.client.delete(f"/v1/api-keys/{key['id']}", headers=net.partner.headers)
    assert r.status_code == 204 and r.content == b""
    assert_problem(
        await net.client.get("/v1/me", headers=_as(key["secret"])), 401, "unauthenticated"
    )
    # the key that revoked it is unaffected
    assert (await net.client.get("/v1/me", headers=net.partner.headers)).status_code == 200


async def test_a_key_the_earning_path_remembers_still_gets_401_once_revoked(
    net: Network, pool: asyncpg.Pool
) -> None:
    """Earnings find the caller in a per-process cache (app/auth/cache.py) and check in
    their own statement that the key is live: revocation still bites on the next request,
    which writes nothing, and last_used_at is kept by that statement."""
    key = await _create(net, net.partner, ["earn:write", "members:write"])
    member = await net.member()
    body = {"member_id": member["id"], "hours": 1}
    for _ in range(2):  # the second is served from the cache
        r = await net.client.post("/v1/earnings", headers=_as(key["secret"]), json=body)
        assert r.status_code == 201, r.text
    await pool.execute(
        "UPDATE api_keys SET last_used_at = now() - interval '1 hour' WHERE id = $1", key["id"]
    )
    r = await net.client.post("/v1/earnings", headers=_as(key["secret"]), json=body)
    assert r.status_code == 201, r.text
    touched = await pool.fetchval("SELECT last_used_at FROM api_keys WHERE id = $1", key["id"])
    assert touched > await pool.fetchval("SELECT now() - interval '1 minute'")

    r = await net.client.delete(f"/v1/api-keys/{key['id']}", headers=net.partner.headers)
    assert r.status_code == 204
    before = await snapshot(pool)
    headers = {**_as(key["secret"]), "Idempotency-Key": "after-revocation"}
    assert_problem(
        await net.client.post("/v1/earnings", headers=headers, json=body), 401, "unauthenticated"
    )
    assert_unchanged(before, await snapshot(pool))
    # Forgotten by the cache: the next request is looked up, and refused there too.
    assert_problem(
        await net.client.post("/v1/earnings", headers=_as(key["secret"]), json=body),
        401,
        "unauthenticated",
    )


async def test_a_key_may_revoke_itself(net: Network) -> None:
    key = await _create(net, net.partner, ["keys:manage"])
    r = await net.client.delete(f"/v1/api-keys/{key['id']}", headers=_as(key["secret"]))
    assert r.status_code == 204, r.text
    r = await net.client.get("/v1/api-keys", headers=_as(key["secret"]))
    assert_problem(r, 401, "unauthenticated")


async def test_revoking_twice_is_harmless_and_keeps_the_first_revoked_at(net: Network) -> None:
    key = await _create(net, net.partner, ["members:read"])
    path = f"/v1/api-keys/{key['id']}"
    assert (await net.client.delete(path, headers=net.partner.headers)).status_code == 204
    first = {
        k["id"]: k
        for k in (await net.client.get("/v1/api-keys", headers=net.partner.headers)).json()["data"]
    }
    assert (await net.client.delete(path, headers=net.partner.headers)).status_code == 204
    again = {
        k["id"]: k
        for k in (await net.client.get("/v1/api-keys", headers=net.partner.headers)).json()["data"]
    }
    assert again[key["id"]]["revoked_at"] == first[key["id"]]["revoked_at"] is not None


async def test_rotation_keeps_the_old_key_working_until_it_is_revoked(net: Network) -> None:
    old = await _create(net, net.partner, ["members:read", "keys:manage"], "old")
    new = await _create(net, net.partner, ["members:read", "keys:manage"], "new")
    for secret in (old["secret"], new["secret"]):
        assert (await net.client.get("/v1/members", headers=_as(secret))).status_code == 200
    r = await net.client.delete(f"/v1/api-keys/{old['id']}", headers=_as(new["secret"]))
    assert r.status_code == 204
    assert (await net.client.get("/v1/members", headers=_as(old["secret"]))).status_code == 401
    assert (await net.client.get("/v1/members", headers=_as(new["secret"]))).status_code == 200


async def test_revoking_a_key_that_does_not_exist_is_a_404(
    net: Network, pool: asyncpg.Pool
) -> None:
    before = await snapshot(pool)
    for key_id in ("key_0000000000000000", "nope"):
        r = await net.client.delete(f"/v1/api-keys/{key_id}", headers=net.partner.headers)
        body = assert_problem(r, 404, "not_found")
        assert key_id in body["detail"]
    r = await net.client.delete(f"/v1/api-keys/{'k' * 101}", headers=net.partner.headers)
    assert_problem(r, 422, "validation_error")
    assert_unchanged(before, await snapshot(pool))


async def test_an_unknown_scope_or_an_empty_list_is_a_422(net: Network, pool: asyncpg.Pool) -> None:
    before = await snapshot(pool)
    for scopes in (["members:read", "members:delete"], [], ["MEMBERS:READ"]):
        r = await net.client.post(
            "/v1/api-keys", headers=net.partner.headers, json={"name": "x", "scopes": scopes}
        )
        assert error_fields(assert_problem(r, 422, "validation_error")) == {"scopes"}, scopes
    assert_unchanged(before, await snapshot(pool))


async def test_duplicate_scopes_are_stored_once(net: Network) -> None:
    key = await _create(net, net.partner, ["members:read", "members:read"])
    assert key["scopes"] == ["members:read"]


async def _secrets_in_idempotency_store(pool: asyncpg.Pool, secret: str) -> int:
    return await pool.fetchval(
        "SELECT count(*) FROM idempotency_keys WHERE position($1::bytea IN response_body) > 0",
        secret.encode(),
    )


async def test_a_replayed_key_creation_never_shows_the_secret_again_even_after_revocation(
    net: Network, pool: asyncpg.Pool
) -> None:
    headers = {**net.partner.headers, "Idempotency-Key": "crm-key-1"}
    body = {"name": "CRM", "scopes": ["members:read"]}
    r = await net.client.post("/v1/api-keys", headers=headers, json=body)
    assert r.status_code == 201, r.text
    created = r.json()
    assert SECRET.fullmatch(created["secret"])
    assert await _secrets_in_idempotency_store(pool, created["secret"]) == 0

    again = await net.client.post("/v1/api-keys", headers=headers, json=body)
    assert again.status_code == 201, again.text
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == {**created, "secret": None}
    assert created["secret"] not in again.text

    r = await net.client.delete(f"/v1/api-keys/{created['id']}", headers=net.partner.headers)
    assert r.status_code == 204
    after = await net.client.post("/v1/api-keys", headers=headers, json=body)
    assert after.json()["secret"] is None and created["secret"] not in after.text
    assert (await net.client.get("/v1/me", headers=_as(created["secret"]))).status_code == 401


async def test_a_replayed_onboarding_never_shows_the_first_keys_secret_again(
    net: Network, pool: asyncpg.Pool
) -> None:
    headers = {**net.operator.headers, "Idempotency-Key": "onboard-splott"}
    body = {
        "name": "Splott Volunteers",
        "roles": ["earn_partner"],
        "programme_ids": [net.programme_id],
    }
    r = await net.client.post("/v1/organisations", headers=headers, json=body)
    assert r.status_code == 201, r.text
    secret = r.json()["api_key"]["secret"]
    assert SECRET.fullmatch(secret)
    assert await _secrets_in_idempotency_store(pool, secret) == 0
    again = await net.client.post("/v1/organisations", headers=headers, json=body)
    assert again.headers.get("Idempotent-Replayed") == "true"
    expected = r.json()
    expected["api_key"]["secret"] = None
    assert again.json() == expected
    assert secret not in again.text


async def _key_page(net: Network, limit: int | None = None, after: str | None = None):
    params = {k: str(v) for k, v in (("limit", limit), ("after", after)) if v is not None}
    r = await net.client.get("/v1/api-keys", headers=net.partner.headers, params=params)
    assert r.status_code == 200, r.text
    page = r.json()
    assert set(page) == {"data", "next_cursor", "has_more"}
    assert page["has_more"] == (page["next_cursor"] is not None)
    return page


async def _walk_keys(net: Network, limit: int, between=None) -> list[str]:
    walked, after = [], None
    while True:
        page = await _key_page(net, limit, after)
        walked += [k["id"] for k in page["data"]]
        if between is not None:
            await between()
        if not page["has_more"]:
            return walked
        assert len(page["data"]) == limit
        after = page["next_cursor"]


async def test_keys_are_listed_newest_first_a_page_at_a_time(net: Network) -> None:
    made = [(await _create(net, net.partner, ["members:read"], f"CRM {n}"))["id"] for n in range(6)]
    everything = (await _key_page(net))["data"]  # default limit 50: one page
    ids = [k["id"] for k in everything]
    assert ids[:6] == made[::-1] and len(ids) == 7  # and the first key, made at onboarding
    for limit in (1, 2, 4, 7, 50):
        assert await _walk_keys(net, limit) == ids, limit


async def test_keys_made_while_paging_cause_no_duplicates_or_gaps(net: Network) -> None:
    for n in range(5):
        await _create(net, net.partner, ["members:read"], f"CRM {n}")
    existing = [k["id"] for k in (await _key_page(net))["data"]]

    async def another() -> None:
        await _create(net, net.partner, ["members:read"], "meanwhile")

    walked = await _walk_keys(net, 2, between=another)
    assert len(walked) == len(set(walked))
    assert [i for i in walked if i in set(existing)] == existing


# `timecredits issue-key`: the operator's way back in for an organisation (its own included)
# whose only key was lost, or leaked and revoked.


async def _issue_key(database_url: str, *args: str) -> CliResult:
    def run() -> CliResult:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TIMECREDITS_")}
        env.update(DATABASE_URL=database_url, TIMECREDITS_KEY_PEPPER=PEPPER)
        done = subprocess.run(
            [CLI, "issue-key", *args], env=env, capture_output=True, text=True, timeout=60
        )
        return CliResult(done.returncode, done.stdout, done.stderr)

    return await asyncio.to_thread(run)


async def test_issue_key_gives_an_organisation_a_working_key_to_revoke_the_lost_one(
    net: Network, database_url: str
) -> None:
    lost = net.partner
    done = await _issue_key(database_url, lost.id, "--name", "Replacement", "--json")
    assert done.returncode == 0, done.stderr
    issued = json.loads(done.stdout)
    assert issued["organisation_id"] == lost.id and SECRET.fullmatch(issued["secret"])
    assert set(issued["scopes"]) == allowed_for(lost.roles)
    assert "admin" not in issued["scopes"]

    me = await net.client.get("/v1/me", headers=_as(issued["secret"]))
    assert me.status_code == 200 and me.json()["organisation"]["id"] == lost.id
    listed = await net.client.get("/v1/api-keys", headers=_as(issued["secret"]))
    old = [k["id"] for k in listed.json()["data"] if k["id"] != issued["id"]]
    assert old, listed.text
    for key_id in old:
        gone = await net.client.delete(f"/v1/api-keys/{key_id}", headers=_as(issued["secret"]))
        assert gone.status_code == 204
    assert (await net.client.get("/v1/me", headers=lost.headers)).status_code == 401


async def test_issue_key_for_the_operator_restores_admin(net: Network, database_url: str) -> None:
    done = await _issue_key(database_url, net.operator.id, "--json")
    assert done.returncode == 0, done.stderr
    secret = json.loads(done.stdout)["secret"]
    r = await net.client.post(
        "/v1/programmes",
        headers=_as(secret),
        json={
            "name": "Recovered Programme",
            "place": "Leeds",
            "focus": "Community",
            "starts_on": "2026-01-01",
        },
    )
    assert r.status_code == 201, r.text


async def test_issue_key_grants_only_the_scopes_asked_for(net: Network, database_url: str) -> None:
    done = await _issue_key(database_url, net.venue.id, "--scope", "members:read")
    assert done.returncode == 0, done.stderr
    assert "shown once" in done.stdout and "scopes: members:read" in done.stdout
    secret = SECRET.search(done.stdout).group(0)
    r = await net.client.post(
        "/v1/members", headers=_as(secret), json={"display_name": "Not Allowed"}
    )
    assert_problem(r, 403, "forbidden")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["org_doesnotexist0000"], "no organisation org_doesnotexist0000"),
        (["{venue}", "--scope", "admin"], "do not allow: admin"),
        (["{venue}", "--scope", "earn:write"], "do not allow: earn:write"),
        (["{venue}", "--scope", "members:read", "--scope", "ledger:everything"], "unknown scope"),
    ],
)
async def test_issue_key_refuses_what_the_roles_do_not_allow_and_writes_nothing(
    net: Network, pool: asyncpg.Pool, database_url: str, args: list[str], message: str
) -> None:
    before = await snapshot(pool)
    done = await _issue_key(database_url, *(a.format(venue=net.venue.id) for a in args))
    assert done.returncode == 1 and message in done.stderr, done
    assert "tc_live_" not in done.stdout
    assert_unchanged(before, await snapshot(pool))
