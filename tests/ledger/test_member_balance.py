"""`member_balance` in a write response is only ever the balance of a member the caller may
see (DESIGN §3): a reversed gift must not reveal what another organisation's member holds."""

from typing import Any

import httpx

from tests.ledger.support import earn, gift, reverse, spend
from tests.network import Network, Org


async def _visible_balance(net: Network, by: Org, member_id: str) -> str | None:
    r = await net.client.get(f"/v1/members/{member_id}", headers=by.headers)
    return r.json()["balance"] if r.status_code == 200 else None


async def _assert_shows_only_a_visible_member(net: Network, by: Org, r: httpx.Response) -> None:
    """The response's member_balance is the current balance of a member on either side of
    the transfer whom `by` may read; and no invisible member's balance is in it."""
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    members = [p["id"] for p in (body["from"], body["to"]) if p["type"] == "member"]
    visible = {m: await _visible_balance(net, by, m) for m in members}
    if body.get("member_balance") is not None:
        assert body["member_balance"] in {b for b in visible.values() if b is not None}, (
            body,
            visible,
        )


async def test_reversing_a_gift_to_another_organisations_member_shows_the_givers_balance(
    net: Network,
) -> None:
    asha = await net.funded_member(5)  # the partner's
    ben = await net.funded_member(7, home=net.other)  # the other organisation's
    g = await gift(net, asha["id"], 1, to_member_id=ben["id"])
    assert g.status_code == 201, g.text
    assert g.json()["member_balance"] == "4.00"  # Asha's, the giver
    r = await reverse(net, g.json()["id"])
    assert r.status_code == 201, r.text
    assert r.json()["member_balance"] == "5.00"  # Asha's again, not Ben's 7.00
    assert await _visible_balance(net, net.partner, ben["id"]) is None  # Ben stays unseen


async def test_every_write_response_shows_only_a_balance_the_caller_may_see(
    net: Network,
) -> None:
    asha = await net.funded_member(20)
    ben = await net.funded_member(7, home=net.other)
    cara = await net.member(display_name="Cara")
    writes = [
        lambda: earn(net, asha["id"], 2),
        lambda: spend(net, asha["id"], 1),
        lambda: gift(net, asha["id"], 1, to_member_id=ben["id"]),  # another org's member
        lambda: gift(net, asha["id"], 1, to_member_id=cara["id"]),  # one's own member
        lambda: gift(net, asha["id"], 1, to_organisation_id=net.venue.id),
    ]
    for write in writes:
        r = await write()
        await _assert_shows_only_a_visible_member(net, net.partner, r)
        undone = await reverse(net, r.json()["id"])
        await _assert_shows_only_a_visible_member(net, net.partner, undone)
    # Another organisation's earning by card for the partner's member: it sees the member
    # it has just credited (the earning makes them visible to it).
    r = await net.client.post(
        "/v1/earnings",
        headers=net.other.headers,
        json={"card_number": asha["card_number"], "hours": 1},
    )
    await _assert_shows_only_a_visible_member(net, net.other, r)
    undone = await reverse(net, r.json()["id"], by=net.other)
    await _assert_shows_only_a_visible_member(net, net.other, undone)


async def test_a_replayed_reversal_shows_the_same_visible_balance(net: Network) -> None:
    asha = await net.funded_member(5)
    ben = await net.funded_member(7, home=net.other)
    g = await gift(net, asha["id"], 1, to_member_id=ben["id"])
    headers = {**net.partner.headers, "Idempotency-Key": "undo-gift-1"}
    path = f"/v1/transactions/{g.json()['id']}/reversal"
    first = await net.client.post(path, headers=headers)
    again = await net.client.post(path, headers=headers)
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert first.content == again.content
    assert again.json()["member_balance"] == "5.00"
