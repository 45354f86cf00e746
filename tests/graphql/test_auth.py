"""/graphql is authenticated by REST's own dependency and checks REST's scopes per field."""

import httpx

from app.auth import keys as key_secrets
from app.main import create_app
from app.settings import Settings
from tests.graphql.support import codes, gql, post
from tests.network import Network

ME = "{ me { organisation { id } } }"


def _assert_401(r: httpx.Response) -> None:
    assert r.status_code == 401, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "unauthenticated"
    assert r.headers["www-authenticate"] == "Bearer"


async def test_no_key_malformed_or_unknown_key_is_rests_401(client: httpx.AsyncClient) -> None:
    _assert_401(await post(client, ME))
    _assert_401(await post(client, ME, key="nope"))
    _assert_401(await post(client, ME, key=key_secrets.generate()))


async def test_a_revoked_key_is_a_401(net: Network) -> None:
    r = await net.client.post(
        "/v1/api-keys", headers=net.partner.headers, json={"name": "x", "scopes": ["members:read"]}
    )
    key = r.json()
    assert (await gql(net, key["secret"], ME))["data"]["me"]["organisation"]["id"]
    r = await net.client.delete(f"/v1/api-keys/{key['id']}", headers=net.partner.headers)
    assert r.status_code == 204
    _assert_401(await post(net.client, ME, key=key["secret"]))


async def test_a_field_needs_its_rest_scope(net: Network) -> None:
    """A key with directory:read reads programmes but not their stats (reports:read), nor
    members (members:read): those fields are null with code forbidden, the rest answers."""
    key = await net.key(net.partner, ["directory:read"])
    answer = await gql(net, key, "{ programmes { edges { node { id stats { peopleEarned } } } } }")
    assert codes(answer) == ["forbidden"]
    assert answer["errors"][0]["path"] == ["programmes", "edges", 0, "node", "stats"]
    assert answer["errors"][0]["message"] == "this API key lacks the reports:read scope"
    assert answer["data"]["programmes"]["edges"] == [
        {"node": {"id": net.programme_id, "stats": None}}
    ]

    answer = await gql(
        net, key, "{ members { edges { node { id } } } programmes { pageInfo { hasNextPage } } }"
    )
    assert codes(answer) == ["forbidden"]
    assert answer["data"] == {"members": None, "programmes": {"pageInfo": {"hasNextPage": False}}}

    reports = await net.key(net.partner, ["reports:read"])
    answer = await gql(net, reports, "{ programmes { edges { node { id } } } }")
    assert codes(answer) == ["forbidden"] and answer["data"] == {"programmes": None}
    for field in ("transactions", "referrals", "organisations", "offers", "opportunities"):
        answer = await gql(net, reports, f"{{ {field} {{ edges {{ node {{ id }} }} }} }}")
        assert codes(answer) == ["forbidden"], field


async def test_mutations_need_their_rest_scope_and_change_nothing_without_it(
    net: Network,
) -> None:
    m = await net.member()
    key = await net.key(net.partner, ["members:read"])
    answer = await gql(
        net,
        key,
        'mutation($m: String!) { recordEarning(input: {memberId: $m, hours: "2"}) { id } }',
        {"m": m["id"]},
    )
    assert codes(answer) == ["forbidden"]
    assert await net.balance(m["id"]) == 0


async def test_graphiql_is_served_only_in_development(client: httpx.AsyncClient) -> None:
    r = await client.get("/graphql")
    assert r.status_code == 405  # the test app is not development: POST only


async def test_graphiql_is_served_in_development_without_a_key() -> None:
    """The IDE is a static page (the key goes in its headers pane); only in development."""
    dev = create_app(Settings(database_url=None, env="development"))
    transport = httpx.ASGITransport(app=dev)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        r = await c.get("/graphql")
    assert r.status_code == 200
    assert "graphiql" in r.text.lower()


async def test_an_unreadable_request_is_a_problem(net: Network) -> None:
    for body, code in ((b"{not json", "malformed_json"), (b'{"variables": {}}', "bad_request")):
        r = await net.client.post(
            "/graphql",
            content=body,
            headers={**net.partner.headers, "Content-Type": "application/json"},
        )
        assert r.status_code == 400, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["code"] == code
