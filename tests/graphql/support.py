"""Posting GraphQL the way a partner does: POST /graphql with an API key."""

from typing import Any

import httpx

from tests.network import Network, Org


async def post(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    key: str | None = None,
) -> httpx.Response:
    headers = {} if key is None else {"Authorization": f"Bearer {key}"}
    return await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )


async def gql(
    net: Network, org: Org | str, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The answer's JSON (200: GraphQL reports its errors in the body)."""
    key = org if isinstance(org, str) else org.key
    r = await post(net.client, query, variables, key=key)
    assert r.status_code == 200, r.text
    return r.json()


def codes(answer: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in answer.get("errors") or []]
