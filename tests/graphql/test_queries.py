"""Each query answers what its REST route answers, under the same rules."""

from tests.graphql.support import codes, gql
from tests.network import Network


async def test_me_is_the_keys_organisation(net: Network) -> None:
    r = await net.client.get("/v1/me", headers=net.partner.headers)
    answer = await gql(
        net, net.partner, "{ me { organisation { id balance roles } scopes apiKeyId } }"
    )
    assert "errors" not in answer, answer
    me = answer["data"]["me"]
    rest = r.json()
    assert me["organisation"]["id"] == rest["organisation"]["id"]
    assert me["organisation"]["balance"] == rest["organisation"]["balance"]
    assert me["scopes"] == rest["scopes"]
    assert me["apiKeyId"] == rest["api_key_id"]


async def test_member_of_another_organisation_is_null_and_not_found(net: Network) -> None:
    m = await net.member()
    query = "query($id: ID!) { member(id: $id) { id displayName balance } }"
    mine = await gql(net, net.partner, query, {"id": m["id"]})
    assert mine["data"]["member"]["id"] == m["id"]
    theirs = await gql(net, net.other, query, {"id": m["id"]})
    assert theirs["data"] == {"member": None}
    assert codes(theirs) == ["not_found"]
    rest = await net.client.get(f"/v1/members/{m['id']}", headers=net.other.headers)
    assert rest.status_code == 404 and rest.json()["code"] == "not_found"
