"""Each query answers what its REST route answers, under the same rules."""

from typing import Any

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


def _camel(value: Any) -> Any:
    """REST's JSON with camelCase keys (values, such as `suppressed`'s names, unchanged)."""
    if isinstance(value, dict):
        return {
            k.split("_")[0] + "".join(p.title() for p in k.split("_")[1:]): _camel(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_camel(v) for v in value]
    return value


STATS = """query($id: ID!, $from: Date, $to: Date) { programme(id: $id) {
  id name stats(from: $from, to: $to) {
  programmeId from to peopleEarned peopleSpent peopleGifted creditsEarned creditsSpent
  creditsGifted hoursGiven activeMembers organisationsEarning organisationsSpending
  peopleNeverOrRarelyGaveBefore { percent n } suppressed
  monthly { month peopleEarned peopleSpent peopleGifted creditsEarned creditsSpent
            creditsGifted suppressed }
} } }"""


async def test_programme_stats_are_rests_in_camel_case(net: Network) -> None:
    for _ in range(3):
        m = await net.member()
        assert (await net.earn(m["id"], 2)).status_code == 201
    period = {"from": "2026-01-01", "to": "2026-12-31"}
    rest = await net.client.get(
        f"/v1/programmes/{net.programme_id}/stats", params=period, headers=net.partner.headers
    )
    assert rest.status_code == 200, rest.text
    answer = await gql(net, net.partner, STATS, {"id": net.programme_id, **period})
    assert "errors" not in answer, answer
    assert answer["data"]["programme"]["stats"] == _camel(rest.json())
    # Figures from fewer than min_cell people are suppressed, as REST's.
    assert "people_earned" in answer["data"]["programme"]["stats"]["suppressed"]


async def test_programme_outcomes_and_unknown_programme(net: Network) -> None:
    rest = await net.client.get(
        f"/v1/programmes/{net.programme_id}/outcomes",
        params={"template_id": "ons4", "wave": "baseline"},
        headers=net.partner.headers,
    )
    query = """query($id: ID!) { programme(id: $id) {
        outcomes(templateId: "ons4", wave: "baseline") } }"""
    answer = await gql(net, net.partner, query, {"id": net.programme_id})
    assert answer["data"]["programme"]["outcomes"] == rest.json()
    answer = await gql(net, net.partner, query, {"id": "prg_nothing"})
    assert answer["data"] == {"programme": None} and codes(answer) == ["not_found"]
    # The other partner's not in… every partner is in this programme; an unknown wave:
    bad = await gql(
        net,
        net.partner,
        'query($id: ID!) { programme(id: $id) { outcomes(templateId: "ons4", wave: "later") } }',
        {"id": net.programme_id},
    )
    assert codes(bad) == ["validation_error"]


async def _offers(net: Network, count: int) -> list[str]:
    ids = []
    for i in range(count):
        body = {"title": f"Swim {i:02d}", "category": "swimming", "credits": "1.5"}
        r = await net.client.post("/v1/offers", headers=net.venue.headers, json=body)
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    return ids


OFFERS = """query($first: Int, $after: String, $q: String, $category: [String!]) {
  offers(first: $first, after: $after, q: $q, category: $category) {
    edges { cursor node { id title credits organisationId } }
    pageInfo { hasNextPage endCursor }
  }
}"""


async def test_offers_page_with_rests_cursors(net: Network) -> None:
    ids = await _offers(net, 5)
    rest = await net.client.get("/v1/offers", params={"limit": 2}, headers=net.partner.headers)
    first = await gql(net, net.partner, OFFERS, {"first": 2})
    page = first["data"]["offers"]
    assert [e["node"]["id"] for e in page["edges"]] == [o["id"] for o in rest.json()["data"]]
    assert page["pageInfo"] == {"hasNextPage": True, "endCursor": rest.json()["next_cursor"]}
    assert page["edges"][-1]["cursor"] == page["pageInfo"]["endCursor"]
    seen = [e["node"]["id"] for e in page["edges"]]
    while page["pageInfo"]["hasNextPage"]:
        after = page["pageInfo"]["endCursor"]
        page = (await gql(net, net.partner, OFFERS, {"first": 2, "after": after}))["data"]["offers"]
        seen += [e["node"]["id"] for e in page["edges"]]
    assert sorted(seen) == sorted(ids) and len(seen) == 5
    assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
    # Every edge's cursor resumes right after that edge, in GraphQL as in REST.
    whole = (await gql(net, net.partner, OFFERS, {"first": 5}))["data"]["offers"]["edges"]
    assert [e["node"]["id"] for e in whole] == seen
    for i, edge in enumerate(whole):
        rest_after = await net.client.get(
            "/v1/offers", params={"after": edge["cursor"]}, headers=net.partner.headers
        )
        assert [o["id"] for o in rest_after.json()["data"]] == seen[i + 1 :]
    # REST's cursor works in GraphQL and the other way round.
    rest2 = await net.client.get(
        "/v1/offers",
        params={"limit": 2, "after": first["data"]["offers"]["pageInfo"]["endCursor"]},
        headers=net.partner.headers,
    )
    assert [o["id"] for o in rest2.json()["data"]] == seen[2:4]
    # The directory's filters.
    none = await gql(net, net.partner, OFFERS, {"category": ["theatre"]})
    assert none["data"]["offers"]["edges"] == []
    bad = await gql(net, net.partner, OFFERS, {"category": ["knitting"]})
    assert codes(bad) == ["validation_error"]
    assert bad["errors"][0]["extensions"]["errors"][0]["field"].startswith("category")
    found = await gql(net, net.partner, OFFERS, {"q": "swim"})
    assert len(found["data"]["offers"]["edges"]) == 5


async def test_offers_near_a_place(net: Network) -> None:
    r = await net.client.patch(
        "/v1/organisations/me",
        headers=net.venue.headers,
        json={"location": {"lat": 51.5901, "lon": -0.0702}},
    )
    assert r.status_code == 200, r.text
    await _offers(net, 2)
    query = """query($near: String, $r: Float) { offers(near: $near, radiusKm: $r) {
        edges { node { id distanceKm location { lat lon } } } } }"""
    near = await gql(net, net.partner, query, {"near": "51.59,-0.07", "r": 1})
    assert len(near["data"]["offers"]["edges"]) == 2, near
    assert all(e["node"]["distanceKm"] < 1 for e in near["data"]["offers"]["edges"])
    far = await gql(net, net.partner, query, {"near": "53.48,-2.24", "r": 5})
    assert far["data"]["offers"]["edges"] == []
    bad = await gql(net, net.partner, query, {"near": "north", "r": 5})
    assert codes(bad) == ["validation_error"]


async def test_dashboard_programmes_organisations_offers(net: Network) -> None:
    await _offers(net, 2)
    answer = await gql(
        net,
        net.partner,
        """{ programmes { edges { node { id organisations { id name roles
              offers { title credits } opportunities { id } programmes { id } } } } } }""",
    )
    assert "errors" not in answer, answer
    (programme,) = [e["node"] for e in answer["data"]["programmes"]["edges"]]
    orgs = {o["id"]: o for o in programme["organisations"]}
    assert {net.partner.id, net.venue.id, net.other.id} <= set(orgs)
    assert [o["title"] for o in orgs[net.venue.id]["offers"]] == ["Swim 00", "Swim 01"]
    assert orgs[net.partner.id]["offers"] == []
    assert orgs[net.venue.id]["programmes"] == [{"id": net.programme_id}]


async def test_members_and_transactions_follow_rests_visibility(net: Network) -> None:
    m = await net.funded_member(credits=3)
    answer = await gql(
        net,
        net.partner,
        """query($id: ID!) {
          members { edges { node { id } } }
          member(id: $id) { balance transactions { edges { node { kind credits } } } }
          transactions(kind: "earn") {
            edges { node { id kind to { id } } } pageInfo { hasNextPage }
          }
        }""",
        {"id": m["id"]},
    )
    assert "errors" not in answer, answer
    data = answer["data"]
    assert [e["node"]["id"] for e in data["members"]["edges"]] == [m["id"]]
    assert data["member"]["balance"] == "3.00"
    assert data["member"]["transactions"]["edges"] == [
        {"node": {"kind": "earn", "credits": "3.00"}}
    ]
    earned = [e["node"] for e in data["transactions"]["edges"] if e["node"]["kind"] == "earn"]
    assert [t["to"]["id"] for t in earned] == [m["id"]]
    theirs = await gql(
        net,
        net.other,
        """{ members { edges { node { id } } }
            transactions(kind: "earn") { edges { node { id } } } }""",
    )
    assert theirs["data"] == {"members": {"edges": []}, "transactions": {"edges": []}}


async def test_every_member_edge_has_the_cursor_that_resumes_after_it(net: Network) -> None:
    made = [await net.member() for _ in range(4)]
    query = """query($after: String) { members(first: 3, after: $after) {
        edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    } }"""
    page = (await gql(net, net.partner, query))["data"]["members"]
    newest_first = [m["id"] for m in reversed(made)]
    assert [e["node"]["id"] for e in page["edges"]] == newest_first[:3]
    info = page["pageInfo"]
    assert info["hasNextPage"] is True and info["hasPreviousPage"] is False
    assert info["startCursor"] == page["edges"][0]["cursor"]
    assert info["endCursor"] == page["edges"][-1]["cursor"]
    for i, edge in enumerate(page["edges"]):
        after = (await gql(net, net.partner, query, {"after": edge["cursor"]}))["data"]["members"]
        assert [e["node"]["id"] for e in after["edges"]] == newest_first[i + 1 : i + 4]
    last = (await gql(net, net.partner, query, {"after": info["endCursor"]}))["data"]["members"]
    assert last["pageInfo"]["hasNextPage"] is False
    assert last["pageInfo"]["endCursor"] == last["edges"][-1]["cursor"]


async def test_organisations_directory(net: Network) -> None:
    answer = await gql(
        net,
        net.partner,
        '{ organisations(role: "spend_partner") { edges { node { id name } } } }',
    )
    assert [e["node"]["id"] for e in answer["data"]["organisations"]["edges"]] == [net.venue.id]
    bad = await gql(net, net.partner, '{ organisations(role: "king") { edges { node { id } } } }')
    assert codes(bad) == ["validation_error"]
