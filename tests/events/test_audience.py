"""Every write records its event, and exactly the organisations with a relationship to the
change see it (DESIGN §5: "an organisation sees the events of members it registered and of
transfers ... it is a party to; others are a 404"), in the auth matrix's spirit: for each
write, every organisation of the network is asked for the event, in its feed and by id.

A transfer's event is seen by its poster, the organisations on either side and the home
organisations of the members on either side; a member's by their home organisation. The
event's `data` is the resource exactly as REST returned it, but without `member_balance`
(an event is the same for every viewer, and a balance is not everyone's to see)."""

from typing import Any

import httpx

from tests.events.support import assert_same_json, assert_seen_by_exactly, without_balance
from tests.ledger.support import earn, gift, reverse, spend
from tests.network import Network, Org


async def _created(r: httpx.Response) -> dict[str, Any]:
    assert r.status_code == 201, r.text
    return r.json()


async def _as_read(net: Network, org: Org, transfer_id: str) -> dict[str, Any]:
    r = await net.client.get(f"/v1/transactions/{transfer_id}", headers=org.headers)
    assert r.status_code == 200, r.text
    return r.json()


async def _assert_transfer_event(
    net: Network, made: dict[str, Any], type_: str, audience: set[str]
) -> dict[str, Any]:
    """The write's event: seen by exactly `audience`, its data the write's response minus
    the balance, and the transfer as GET /v1/transactions/{id} shows it to the poster."""
    event = await assert_seen_by_exactly(net, made["id"], type_, audience)
    assert_same_json(event["data"], without_balance(made))
    poster = next(
        o
        for o in (net.operator, net.partner, net.venue, net.other)
        if o.id == made["organisation_id"]
    )
    read = await _as_read(net, poster, made["id"])
    assert read["reversed_by"] is None
    assert_same_json(event["data"], read)
    assert event["created_at"] == made["created_at"]
    return event


async def test_only_the_home_organisation_sees_a_member_registered(net: Network) -> None:
    r = await net.client.post(
        "/v1/members",
        headers=net.partner.headers,
        json={
            "display_name": "Zainab O.",
            "programme_id": net.programme_id,
            "external_ref": "TEN-0042",
            "year_of_birth": 1961,
            "postcode_district": "N17",
            "consent_research": True,
        },
    )
    member = await _created(r)

    event = await assert_seen_by_exactly(net, member["id"], "member.created", {net.partner.id})

    assert_same_json(event["data"], member)
    assert event["created_at"] == member["created_at"]


async def test_an_earning_by_member_id_is_seen_by_the_partner_crediting_its_own_member(
    net: Network,
) -> None:
    asha = await net.member()
    made = await _created(
        await earn(net, asha["id"], "2.5", activity="Café shift", given_on="2026-11-20")
    )
    assert made["member_balance"] == "2.50"

    await _assert_transfer_event(net, made, "earning.created", {net.partner.id})


async def test_an_earning_by_card_is_seen_by_the_partner_giving_it_and_the_members_home(
    net: Network,
) -> None:
    asha = await net.member()  # the partner's member, credited by another earn partner
    r = await net.client.post(
        "/v1/earnings",
        headers=net.other.headers,
        json={"card_number": asha["card_number"], "hours": 3, "activity": "Allotment day"},
    )
    made = await _created(r)

    await _assert_transfer_event(net, made, "earning.created", {net.other.id, net.partner.id})


async def test_an_earning_by_id_for_another_partners_member_is_seen_by_both_partners(
    net: Network,
) -> None:
    """Once the other partner has credited the member (by card), it may find them by id."""
    asha = await net.member()
    r = await net.client.post(
        "/v1/earnings",
        headers=net.other.headers,
        json={"card_number": asha["card_number"], "hours": 1},
    )
    await _created(r)
    made = await _created(await earn(net, asha["id"], "0.75", by=net.other))

    await _assert_transfer_event(net, made, "earning.created", {net.other.id, net.partner.id})


async def test_a_venue_sees_the_spend_it_received_but_not_the_members_earnings(
    net: Network,
) -> None:
    asha = await net.member()
    earned = await _created(await earn(net, asha["id"], 5))
    made = await _created(await spend(net, asha["id"], 2))
    assert made["member_balance"] == "3.00"

    await _assert_transfer_event(net, made, "spend.created", {net.partner.id, net.venue.id})
    await assert_seen_by_exactly(net, earned["id"], "earning.created", {net.partner.id})


async def test_a_gift_to_another_organisations_member_is_seen_by_both_homes_only(
    net: Network,
) -> None:
    asha = await net.funded_member(5)
    ben = await net.member(net.other, display_name="Ben A.")
    made = await _created(await gift(net, asha["id"], "1.25", to_member_id=ben["id"]))
    assert made["member_balance"] == "3.75"  # the giver's, never the recipient's

    await _assert_transfer_event(net, made, "gift.created", {net.partner.id, net.other.id})


async def test_a_gift_to_an_organisation_is_seen_by_the_givers_home_and_the_organisation(
    net: Network,
) -> None:
    asha = await net.funded_member(5)
    made = await _created(await gift(net, asha["id"], 1, to_organisation_id=net.venue.id))

    await _assert_transfer_event(net, made, "gift.created", {net.partner.id, net.venue.id})


async def test_an_allocation_is_seen_by_the_operator_and_the_organisation_it_funds(
    net: Network,
) -> None:
    made = await net.allocate(net.venue, "12.50")

    await _assert_transfer_event(net, made, "allocation.created", {net.operator.id, net.venue.id})


async def test_a_refund_is_seen_by_the_venue_giving_it_back_and_the_members_home(
    net: Network,
) -> None:
    asha = await net.funded_member(5)
    the_spend = await _created(await spend(net, asha["id"], 2))
    made = await _created(await reverse(net, the_spend["id"], by=net.venue))

    await _assert_transfer_event(net, made, "transaction.reversed", {net.venue.id, net.partner.id})
    # The spend's own event still shows it as it was made, while GET shows it reversed.
    spent = await assert_seen_by_exactly(
        net, the_spend["id"], "spend.created", {net.partner.id, net.venue.id}
    )
    assert spent["data"]["reversed_by"] is None
    assert (await _as_read(net, net.venue, the_spend["id"]))["reversed_by"] == made["id"]


async def test_reversing_another_partners_earning_is_seen_by_both_partners(
    net: Network,
) -> None:
    asha = await net.member()
    r = await net.client.post(
        "/v1/earnings",
        headers=net.other.headers,
        json={"card_number": asha["card_number"], "hours": 4},
    )
    earned = await _created(r)
    # The member's home organisation gives back what its member received.
    made = await _created(await reverse(net, earned["id"], by=net.partner))
    assert made["reverses"] == earned["id"]

    await _assert_transfer_event(net, made, "transaction.reversed", {net.partner.id, net.other.id})


async def test_reversing_a_gift_between_two_homes_is_seen_by_both_homes_only(
    net: Network,
) -> None:
    asha = await net.funded_member(5)
    ben = await net.member(net.other, display_name="Ben A.")
    the_gift = await _created(await gift(net, asha["id"], 2, to_member_id=ben["id"]))
    made = await _created(await reverse(net, the_gift["id"], by=net.other))

    await _assert_transfer_event(net, made, "transaction.reversed", {net.other.id, net.partner.id})


async def test_reversing_an_allocation_is_seen_by_the_operator_and_the_organisation(
    net: Network,
) -> None:
    allocation = await net.allocate(net.venue, 7)
    made = await _created(await reverse(net, allocation["id"], by=net.operator))

    await _assert_transfer_event(net, made, "transaction.reversed", {net.operator.id, net.venue.id})


async def test_an_organisation_unrelated_to_anything_has_an_empty_feed(net: Network) -> None:
    """A bystander (a spend partner in the same programme) sees none of the network's
    events, however many there are."""
    bystander = await net.organisation("Bruce Castle Museum", ["spend_partner"])
    net.extra["orgs"] = [bystander]
    asha = await net.funded_member(5)
    await _created(await spend(net, asha["id"], 1))
    await _created(await gift(net, asha["id"], 1, to_organisation_id=net.other.id))

    r = await net.client.get("/v1/events", headers=bystander.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["data"] == [] and body["has_more"] is False and body["next_cursor"]
