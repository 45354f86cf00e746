"""The issue's tour, end to end in-process: register, earn, spend, gift, reverse, list."""

from tests.network import Network


async def test_a_member_earns_spends_gifts_and_a_mistake_is_reversed(net: Network) -> None:
    asha = await net.member()
    ben = await net.member(display_name="Ben T.")
    r = await net.earn(asha["id"], 3)
    assert r.status_code == 201, r.text
    earning = r.json()
    assert earning["kind"] == "earn" and earning["credits"] == "3.00"
    assert earning["member_balance"] == "3.00"
    r = await net.client.post(
        "/v1/spends",
        headers=net.partner.headers,
        json={"member_id": asha["id"], "organisation_id": net.venue.id, "credits": 1},
    )
    assert r.status_code == 201, r.text
    assert r.json()["member_balance"] == "2.00"
    r = await net.client.post(
        "/v1/gifts",
        headers=net.partner.headers,
        json={"from_member_id": asha["id"], "to_member_id": ben["id"], "credits": "1"},
    )
    assert r.status_code == 201, r.text
    r = await net.client.post(
        f"/v1/transactions/{earning['id']}/reversal",
        headers=net.partner.headers,
        json={"reason": "wrong person"},
    )
    assert r.status_code == 409, r.text  # Asha holds 1.00 of the 3.00 now
    assert r.json()["code"] == "insufficient_credits"
    assert await net.balance(asha["id"]) == 1
    assert await net.balance(ben["id"]) == 1
