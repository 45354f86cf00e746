"""Report links: who may make and revoke them, what is stored of their token, expiry, and
the page's 404 for every link that does not work (DESIGN §5, issue 17)."""

import json
import re
from datetime import datetime, timedelta
from typing import Any

import pytest

from app.services.events import audience_sql
from tests.api.support import assert_problem, error_fields
from tests.network import Network
from tests.report_page.support import link_rows, make_link, new_link, open_page, stranger

TOKEN_URL = re.compile(r"^http://testserver/reports/([A-Za-z0-9_-]{43})$")
NOT_FOUND_TEXT = "This report link does not work"


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def _assert_dead(net: Network, url: str) -> None:
    r = await open_page(net, url)
    assert r.status_code == 404, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert NOT_FOUND_TEXT in r.text
    assert r.headers["x-robots-tag"].startswith("noindex")
    assert r.headers["referrer-policy"] == "no-referrer"


async def test_a_link_is_made_with_an_unguessable_token_of_which_only_a_hash_is_kept(
    net: Network,
) -> None:
    link = await new_link(net)
    token = TOKEN_URL.match(link["url"]).group(1)  # type: ignore[union-attr]
    assert link["id"].startswith("rpl_")
    assert link["programme_id"] == net.programme_id
    assert link["organisation_id"] == net.partner.id
    assert link["revoked_at"] is None
    lifetime = _at(link["expires_at"]) - _at(link["created_at"])
    assert lifetime == timedelta(days=30)
    # The token is in no column of any table: only its HMAC.
    dump = await net.pool.fetchval(
        """SELECT string_agg(t::text, ' ') FROM (
               SELECT to_jsonb(l)::text AS t FROM report_links l
               UNION ALL SELECT to_jsonb(e)::text FROM events e
               UNION ALL SELECT to_jsonb(i)::text FROM idempotency_keys i) x"""
    )
    assert token not in (dump or "")
    stored = await net.pool.fetchval("SELECT token_hash FROM report_links")
    assert len(stored) == 32 and token.encode() not in stored
    # Two links, two different tokens.
    other = await new_link(net)
    assert other["url"] != link["url"] and other["id"] != link["id"]
    r = await open_page(net, link["url"])
    assert r.status_code == 200, r.text[:300]


async def test_expires_in_sets_the_expiry(net: Network) -> None:
    link = await new_link(net, expires_in=3600)
    assert _at(link["expires_at"]) - _at(link["created_at"]) == timedelta(hours=1)


async def test_the_programmes_organisations_its_commissioner_and_the_operator_make_links(
    net: Network,
) -> None:
    commissioner = await net.organisation("Haringey Council", ["commissioner"])
    for org in (net.partner, net.venue, commissioner, net.operator):
        link = await new_link(net, org)
        assert link["organisation_id"] == org.id
        assert (await open_page(net, link["url"])).status_code == 200


async def test_another_programmes_organisation_gets_404_and_nothing_is_written(
    net: Network,
) -> None:
    outsider = await stranger(net)
    before = await link_rows(net)
    r = await make_link(net, outsider)
    assert_problem(r, 404, "not_found")
    unknown = await net.client.post(
        "/v1/programmes/prg_nope/report-links", headers=outsider.headers, json={}
    )
    assert_problem(unknown, 404, "not_found")
    assert await link_rows(net) == before


@pytest.mark.parametrize(
    "body",
    [
        {"expires_in": 0},
        {"expires_in": 59},
        {"expires_in": -3600},
        {"expires_in": 366 * 24 * 3600 + 1},
        {"expires_in": 3600.5},
        {"expires_in": "soon"},
        {"expires_in": 10**30},
        {"expires_at": "2027-01-01T00:00:00Z"},
        [],
    ],
    ids=repr,
)
async def test_bad_input_is_a_422_problem_and_writes_nothing(net: Network, body: Any) -> None:
    before = await link_rows(net)
    r = await net.client.post(
        f"/v1/programmes/{net.programme_id}/report-links", headers=net.partner.headers, json=body
    )
    problem = assert_problem(r, 422, "validation_error")
    assert error_fields(problem), problem
    assert await link_rows(net) == before


async def test_malformed_json_is_a_400_problem_and_writes_nothing(net: Network) -> None:
    before = await link_rows(net)
    r = await net.client.post(
        f"/v1/programmes/{net.programme_id}/report-links",
        headers={**net.partner.headers, "content-type": "application/json"},
        content=b'{"expires_in": ',
    )
    assert r.status_code == 400 and r.headers["content-type"].startswith(
        "application/problem+json"
    ), r.text
    assert await link_rows(net) == before


async def test_no_body_an_empty_body_and_a_null_expiry_are_one_request(net: Network) -> None:
    """One Idempotency-Key across them replays the link, without its URL."""
    headers = {**net.partner.headers, "Idempotency-Key": "share-q3-report"}
    path = f"/v1/programmes/{net.programme_id}/report-links"
    first = await net.client.post(path, headers=headers)
    assert first.status_code == 201, first.text
    for body in ({}, {"expires_in": None}):
        again = await net.client.post(path, headers=headers, json=body)
        assert again.status_code == 201, again.text
        assert again.headers["idempotent-replayed"] == "true"
        assert again.json()["id"] == first.json()["id"]
        assert again.json()["url"] is None  # the token is never stored to replay
    assert await link_rows(net) == (1, 1)
    other = await net.client.post(path, headers=headers, json={"expires_in": 3600})
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    assert await link_rows(net) == (1, 1)


async def test_the_maker_gets_the_created_and_revoked_events_without_the_url(
    net: Network,
) -> None:
    link = await new_link(net)
    r = await net.client.delete(f"/v1/report-links/{link['id']}", headers=net.partner.headers)
    assert r.status_code == 204, r.text
    # Read from the outbox itself: the feed hides events until every older transaction
    # on the (shared) server has ended, which other test runs may hold open.
    rows = await net.pool.fetch(
        f"""SELECT e.type, e.data::text AS data, {audience_sql()} AS audience
             FROM events e WHERE e.type LIKE 'report_link.%' ORDER BY e.seq"""
    )
    assert [r["type"] for r in rows] == ["report_link.created", "report_link.revoked"]
    events = [json.loads(r["data"]) for r in rows]
    assert all(e["id"] == link["id"] for e in events)
    assert all("url" not in e for e in events)
    assert events[0]["revoked_at"] is None and events[1]["revoked_at"] is not None
    assert all(r["audience"] == [net.partner.id] for r in rows)  # the maker's alone
    token = link["url"].rsplit("/", 1)[1]
    assert all(token not in r["data"] for r in rows)


async def test_a_revoked_link_is_a_404_page_and_revoking_again_is_harmless(
    net: Network,
) -> None:
    link = await new_link(net)
    keep = await new_link(net)
    path = f"/v1/report-links/{link['id']}"
    assert (await net.client.delete(path, headers=net.partner.headers)).status_code == 204
    await _assert_dead(net, link["url"])
    assert (await net.client.delete(path, headers=net.partner.headers)).status_code == 204
    assert await link_rows(net) == (2, 3)  # two made, one revoked: one revocation event
    assert (await open_page(net, keep["url"])).status_code == 200  # the other still works


async def test_only_the_maker_and_the_operator_revoke_a_link(net: Network) -> None:
    link = await new_link(net)
    path = f"/v1/report-links/{link['id']}"
    commissioner = await net.organisation("Haringey Council", ["commissioner"])
    outsider = await stranger(net)
    before = await link_rows(net)
    for org in (net.venue, net.other, commissioner, outsider):  # same programme or not
        r = await net.client.delete(path, headers=org.headers)
        assert_problem(r, 404, "not_found")
    assert await link_rows(net) == before
    assert (await open_page(net, link["url"])).status_code == 200
    r = await net.client.delete(path, headers=net.operator.headers)
    assert r.status_code == 204, r.text
    await _assert_dead(net, link["url"])
    unknown = await net.client.delete("/v1/report-links/rpl_nope", headers=net.operator.headers)
    assert_problem(unknown, 404, "not_found")


async def test_an_expired_link_is_a_404_page(net: Network) -> None:
    link = await new_link(net, expires_in=60)
    assert (await open_page(net, link["url"])).status_code == 200
    await net.pool.execute(
        "UPDATE report_links SET created_at = now() - interval '2 hours', "
        "expires_at = now() - interval '1 second' WHERE id = $1",
        link["id"],
    )
    await _assert_dead(net, link["url"])


@pytest.mark.parametrize(
    "token",
    [
        "A" * 43,  # well-formed, unknown
        "short",
        "A" * 44,
        "A" * 42 + "!",
        "%00" + "A" * 40,
    ],
)
async def test_an_unknown_or_malformed_token_is_the_same_404_page(net: Network, token: str) -> None:
    await new_link(net)
    await _assert_dead(net, f"http://testserver/reports/{token}")


async def test_a_link_stops_working_when_its_maker_leaves_the_programme(net: Network) -> None:
    link = await new_link(net, net.venue)
    await net.pool.execute(
        "DELETE FROM organisation_programmes WHERE organisation_id = $1", net.venue.id
    )
    await _assert_dead(net, link["url"])


async def test_the_url_uses_the_configured_public_base_url(net: Network, app: Any) -> None:
    settings = app.state.settings
    app.state.settings = settings.model_copy(
        update={"public_base_url": "https://reports.timecredits.example/api"}
    )
    try:
        link = await new_link(net)
    finally:
        app.state.settings = settings
    assert link["url"].startswith("https://reports.timecredits.example/api/reports/")
