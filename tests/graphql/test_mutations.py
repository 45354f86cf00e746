"""Mutations are REST's writes: the same unit of work and Operations, Idempotency-Keys,
and failures whose extensions.code is REST's problem code."""

from decimal import Decimal

from tests.graphql.support import codes, gql
from tests.network import Network
from tests.referrals.support import prescriber

EARN = """mutation($m: String, $h: String!, $k: String) {
  recordEarning(input: {memberId: $m, hours: $h, idempotencyKey: $k}) {
    id kind credits memberBalance from { type id } to { type id } organisationId
  }
}"""
SPEND = """mutation($m: String!, $v: String!, $c: String!, $k: String) {
  recordSpend(input: {memberId: $m, organisationId: $v, credits: $c, idempotencyKey: $k}) {
    id kind credits
  }
}"""


async def test_record_earning_credits_the_member(net: Network) -> None:
    m = await net.member()
    answer = await gql(net, net.partner, EARN, {"m": m["id"], "h": "2.50"})
    assert "errors" not in answer, answer
    t = answer["data"]["recordEarning"]
    assert t["kind"] == "earn" and t["credits"] == "2.50" and t["memberBalance"] == "2.50"
    assert t["to"] == {"type": "member", "id": m["id"]}
    assert t["organisationId"] == net.partner.id
    assert await net.balance(m["id"]) == Decimal("2.50")
    rest = await net.client.get(f"/v1/transactions/{t['id']}", headers=net.partner.headers)
    assert rest.status_code == 200 and rest.json()["credits"] == "2.50"


async def test_a_replayed_idempotency_key_answers_the_first_transfer_once(net: Network) -> None:
    m = await net.member()
    variables = {"m": m["id"], "h": "3", "k": "gql-earn-1"}
    first = await gql(net, net.partner, EARN, variables)
    again = await gql(net, net.partner, EARN, variables)
    assert first["data"]["recordEarning"]["id"] == again["data"]["recordEarning"]["id"]
    assert await net.balance(m["id"]) == 3
    # Another input under the same key: REST's idempotency_key_reused.
    reused = await gql(net, net.partner, EARN, {**variables, "h": "4"})
    assert codes(reused) == ["idempotency_key_reused"]
    assert await net.balance(m["id"]) == 3


async def test_insufficient_credits_has_rests_code(net: Network) -> None:
    m = await net.funded_member(credits=1)
    variables = {"m": m["id"], "v": net.venue.id, "c": "5"}
    answer = await gql(net, net.partner, SPEND, variables)
    body = {"member_id": m["id"], "organisation_id": net.venue.id, "credits": "5"}
    rest = await net.client.post("/v1/spends", headers=net.partner.headers, json=body)
    assert rest.status_code == 409
    assert codes(answer) == [rest.json()["code"]] == ["insufficient_credits"]
    assert answer["errors"][0]["extensions"]["status"] == 409
    assert await net.balance(m["id"]) == 1


async def test_a_spend_works(net: Network) -> None:
    m = await net.funded_member(credits=4)
    answer = await gql(net, net.partner, SPEND, {"m": m["id"], "v": net.venue.id, "c": "1.50"})
    assert answer["data"]["recordSpend"]["kind"] == "spend", answer
    assert await net.balance(m["id"]) == Decimal("2.50")


async def test_not_found_has_rests_code(net: Network) -> None:
    theirs = await net.member(home=net.other)
    answer = await gql(net, net.partner, SPEND, {"m": theirs["id"], "v": net.venue.id, "c": "1"})
    body = {"member_id": theirs["id"], "organisation_id": net.venue.id, "credits": "1"}
    rest = await net.client.post("/v1/spends", headers=net.partner.headers, json=body)
    assert rest.status_code == 404
    assert codes(answer) == [rest.json()["code"]] == ["not_found"]


async def test_validation_errors_have_rests_code_and_fields(net: Network) -> None:
    m = await net.member()
    answer = await gql(net, net.partner, EARN, {"m": m["id"], "h": "1.234"})
    rest = await net.client.post(
        "/v1/earnings", headers=net.partner.headers, json={"member_id": m["id"], "hours": "1.234"}
    )
    assert rest.status_code == 422
    assert codes(answer) == [rest.json()["code"]] == ["validation_error"]
    ext = answer["errors"][0]["extensions"]
    assert [e["field"] for e in ext["errors"]] == ["hours"]
    assert ext["errors"][0]["message"] == rest.json()["errors"][0]["message"]
    # An unknown kind filter, a page over 200: validation errors too, nothing runs.
    answer = await gql(
        net, net.partner, '{ transactions(kind: "loan") { pageInfo { hasNextPage } } }'
    )
    assert codes(answer) == ["validation_error"]
    answer = await gql(net, net.partner, "{ members(first: 201) { pageInfo { hasNextPage } } }")
    assert codes(answer) == ["validation_error"]
    assert answer["errors"][0]["extensions"]["errors"] == [
        {"field": "first", "message": "must be between 1 and 200"}
    ]
    assert await net.balance(m["id"]) == 0


async def test_register_gift_and_reverse(net: Network) -> None:
    answer = await gql(
        net,
        net.partner,
        """mutation($p: String!) {
          registerMember(input: {displayName: "Ola", programmeId: $p, externalRef: "R-1",
                                 idempotencyKey: "reg-1"}) { id displayName balance externalRef }
        }""",
        {"p": net.programme_id},
    )
    assert "errors" not in answer, answer
    new = answer["data"]["registerMember"]
    assert new["displayName"] == "Ola" and new["balance"] == "0.00" and new["externalRef"] == "R-1"

    giver = await net.funded_member(credits=5)
    answer = await gql(
        net,
        net.partner,
        """mutation($f: String!, $t: String!) {
          giveGift(input: {fromMemberId: $f, toMemberId: $t, credits: "2"}) { id kind credits }
        }""",
        {"f": giver["id"], "t": new["id"]},
    )
    assert "errors" not in answer, answer
    gift = answer["data"]["giveGift"]
    assert gift["kind"] == "gift" and await net.balance(new["id"]) == 2

    answer = await gql(
        net,
        net.partner,
        """mutation($t: String!) {
          reverseTransaction(input: {transactionId: $t, reason: "wrong person"}) {
            id reverses kind
          }
        }""",
        {"t": gift["id"]},
    )
    assert "errors" not in answer, answer
    assert answer["data"]["reverseTransaction"]["reverses"] == gift["id"]
    assert await net.balance(new["id"]) == 0 and await net.balance(giver["id"]) == 5


async def test_referrals_created_and_moved(net: Network) -> None:
    gp = await prescriber(net)
    answer = await gql(
        net,
        gp,
        """mutation($to: String!) {
          createReferral(input: {toOrganisationId: $to, reasonCodes: ["loneliness_isolation"],
            person: {displayName: "Megan J.", externalRef: "GP-1"}, idempotencyKey: "ref-1"}) {
            id status fromOrganisationId person { displayName }
          }
        }""",
        {"to": net.partner.id},
    )
    assert "errors" not in answer, answer
    referral = answer["data"]["createReferral"]
    assert referral["status"] == "sent" and referral["fromOrganisationId"] == gp.id

    move = """mutation($r: String!) { %s(input: {referralId: $r %s}) { id status memberId } }"""
    accepted = await gql(net, net.partner, move % ("acceptReferral", ""), {"r": referral["id"]})
    assert accepted["data"]["acceptReferral"]["status"] == "accepted", accepted
    assert accepted["data"]["acceptReferral"]["memberId"]
    again = await gql(net, net.partner, move % ("acceptReferral", ""), {"r": referral["id"]})
    assert codes(again) == ["illegal_transition"]
    attended = await gql(net, net.partner, move % ("referralAttended", ""), {"r": referral["id"]})
    assert attended["data"]["referralAttended"]["status"] == "first_attended", attended
    closed = await gql(
        net, net.partner, move % ("closeReferral", ', outcome: "completed"'), {"r": referral["id"]}
    )
    assert closed["data"]["closeReferral"]["status"] == "closed", closed

    listed = await gql(
        net, net.partner, '{ referrals(direction: "inbound") { edges { node { id status } } } }'
    )
    assert [e["node"]["id"] for e in listed["data"]["referrals"]["edges"]] == [referral["id"]]
    # The other partner is not a party: it sees none.
    theirs = await gql(net, net.other, "{ referrals { edges { node { id } } } }")
    assert theirs["data"]["referrals"]["edges"] == []


async def test_submit_a_survey_response(net: Network) -> None:
    m = await net.member()
    answer = await gql(
        net,
        net.partner,
        """mutation($m: String!) {
          submitSurveyResponse(input: {templateId: "ons4", memberId: $m, wave: "baseline",
            answeredOn: "2026-11-20", answers: {life_satisfaction: 7},
            idempotencyKey: "svy-1"}) { id templateId wave answers answeredOn }
        }""",
        {"m": m["id"]},
    )
    assert "errors" not in answer, answer
    response = answer["data"]["submitSurveyResponse"]
    assert response["answers"] == {"life_satisfaction": 7}
    assert response["answeredOn"] == "2026-11-20"
    twice = await gql(
        net,
        net.partner,
        """mutation($m: String!) {
          submitSurveyResponse(input: {templateId: "ons4", memberId: $m, wave: "baseline",
            answeredOn: "2026-11-21", answers: {life_satisfaction: 6}}) { id }
        }""",
        {"m": m["id"]},
    )
    assert codes(twice) == ["conflict"]


async def test_one_idempotency_key_replays_across_rest_and_graphql(net: Network) -> None:
    m = await net.member()
    r = await net.client.post(
        "/v1/earnings",
        headers={**net.partner.headers, "Idempotency-Key": "both-apis"},
        json={"member_id": m["id"], "hours": "2"},
    )
    assert r.status_code == 201, r.text
    answer = await gql(net, net.partner, EARN, {"m": m["id"], "h": "2", "k": "both-apis"})
    assert answer["data"]["recordEarning"]["id"] == r.json()["id"], answer
    assert await net.balance(m["id"]) == 2
