"""A card at a venue's desk (DESIGN §3): the desk sees only the member's id, initials and
whether the card can pay; only the member's home organisation sets their PIN or unlocks
their card; wrong PINs lock it; and card numbers cannot be found by trying them."""

import asyncpg
import pytest

from app.services import cards, guesses, members, pins
from tests.api.support import assert_problem, assert_unchanged, error_fields, snapshot
from tests.network import Network


async def _lookup(net: Network, headers: dict[str, str], card: str) -> dict:
    r = await net.client.get("/v1/members", headers=headers, params={"card_number": card})
    assert r.status_code == 200, r.text
    [found] = r.json()["data"]
    return found


async def _set_pin(net: Network, member_id: str, pin: str, headers: dict[str, str] | None = None):
    return await net.client.put(
        f"/v1/members/{member_id}/pin", headers=headers or net.partner.headers, json={"pin": pin}
    )


async def test_a_card_can_pay_once_its_home_sets_a_pin_stored_only_as_a_slow_hash(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member(display_name="Asha  van der Berg")
    assert (await _lookup(net, net.venue.headers, asha["card_number"]))["can_pay"] is False
    r = await _set_pin(net, asha["id"], "407153")
    assert r.status_code == 204, r.text
    assert r.content == b""
    seen = await _lookup(net, net.venue.headers, asha["card_number"])
    assert seen == {"id": asha["id"], "initials": "A. V. D. B.", "can_pay": True}
    stored = await pool.fetchval("SELECT pin_hash FROM members WHERE id = $1", asha["id"])
    assert stored.startswith("scrypt$16384$8$1$") and "407153" not in stored
    assert pins.matches("407153", stored) and not pins.matches("407154", stored)
    # A second member with the same PIN gets another salt, so another hash.
    ben = await net.member()
    assert (await _set_pin(net, ben["id"], "407153")).status_code == 204
    assert await pool.fetchval("SELECT pin_hash FROM members WHERE id = $1", ben["id"]) != stored


@pytest.mark.parametrize("pin", ["123", "1234567", "12a4", "", " 1234 5", "١٢٣٤"])
async def test_a_pin_is_4_to_6_ascii_digits_else_a_422_that_does_not_echo_it(
    net: Network, pool: asyncpg.Pool, pin: str
) -> None:
    asha = await net.member()
    before = await snapshot(pool)
    r = await _set_pin(net, asha["id"], pin)
    body = assert_problem(r, 422, "validation_error")
    assert error_fields(body) == {"pin"}
    if len(pin.strip()) >= 4:
        assert pin.strip() not in r.text
    assert_unchanged(before, await snapshot(pool))


async def test_only_the_home_organisation_sets_or_unlocks_even_one_that_can_see_the_member(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member()
    assert (await net.earn(asha["id"], 3)).status_code == 201
    r = await net.client.post(
        "/v1/spends",
        headers=net.partner.headers,
        json={"member_id": asha["id"], "organisation_id": net.venue.id, "credits": 1},
    )
    assert r.status_code == 201, r.text  # the venue now sees Asha's record by id
    r = await net.client.get(f"/v1/members/{asha['id']}", headers=net.venue.headers)
    assert r.status_code == 200
    before = await snapshot(pool)
    for stranger in (net.venue, net.other):
        assert_problem(await _set_pin(net, asha["id"], "4071", stranger.headers), 404)
        r = await net.client.post(f"/v1/members/{asha['id']}/pin/unlock", headers=stranger.headers)
        assert_problem(r, 404, "not_found")
    assert_unchanged(before, await snapshot(pool))


async def _pay(net: Network, card: str, pin: str, path: str = "/v1/redemptions"):
    body = {"card_number": card, "pin": pin, "credits": 1}
    return await net.client.post(path, headers=net.venue.headers, json=body)


async def test_a_desk_takes_credits_with_card_and_pin_and_wrong_pins_lock_the_card(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.funded_member(10)
    card = asha["card_number"]
    assert_problem(await _pay(net, card, "4071"), 409, "no_pin")
    assert (await _set_pin(net, asha["id"], "4071")).status_code == 204
    r = await _pay(net, card, "4071")
    assert r.status_code == 201, r.text
    assert (r.json()["member_initials"], r.json()["code_id"]) == ("A. K.", None)
    # Wrong PINs are counted even though each redemption is refused (and rolled back).
    for _ in range(pins.MAX_FAILURES):
        assert_problem(await _pay(net, card, "9999"), 409, "wrong_pin")
    # Locked: even the right PIN is refused, and the desk sees the card cannot pay.
    assert_problem(await _pay(net, card, "4071"), 409, "card_locked")
    assert (await _lookup(net, net.venue.headers, card))["can_pay"] is False
    r = await net.client.post(f"/v1/members/{asha['id']}/pin/unlock", headers=net.partner.headers)
    assert r.status_code == 204, r.text
    assert (await _lookup(net, net.venue.headers, card))["can_pay"] is True
    # A right PIN clears earlier wrong ones: four wrong, one right, four wrong: no lock.
    for pin in ["0001", "0002", "0003", "0004", "4071", "0001", "0002", "0003", "0004"]:
        r = await _pay(net, card, pin)
        assert r.status_code == (201 if pin == "4071" else 409), r.text
    assert (await _pay(net, card, "4071")).status_code == 201
    assert await net.balance(asha["id"]) == 7


async def test_checking_a_pin_at_validate_counts_as_at_the_till(net: Network) -> None:
    asha = await net.funded_member(3)
    assert (await _set_pin(net, asha["id"], "4071")).status_code == 204
    path = "/v1/redemptions/validate"
    r = await _pay(net, asha["card_number"], "4071", path)
    assert r.json() == {
        "valid": True,
        "reason": None,
        "credits": "1.00",
        "member_initials": "A. K.",
    }
    for _ in range(pins.MAX_FAILURES):
        assert (await _pay(net, asha["card_number"], "9999", path)).json()["reason"] == "wrong_pin"
    assert (await _pay(net, asha["card_number"], "4071", path)).json()["reason"] == "card_locked"


@pytest.mark.parametrize(
    "body",
    [
        {"member_id": "mem_x", "credits": 1},  # a member id alone never pays
        {"card_number": "x", "credits": 1},  # a card number alone never pays
        {"pin": "4071", "credits": 1},
        {"card_number": "4921 7730 5518", "pin": "4071", "code": "K7QM-3XD9P", "credits": 1},
    ],
)
async def test_a_desk_cannot_pay_with_a_member_id_or_a_card_number_alone(
    net: Network, pool: asyncpg.Pool, body: dict
) -> None:
    before = await snapshot(pool)
    r = await net.client.post("/v1/redemptions", headers=net.venue.headers, json=body)
    assert_problem(r, 422, "validation_error")
    assert_unchanged(before, await snapshot(pool))


async def test_guessing_card_numbers_is_refused_after_100_misses_per_key(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member()
    misses = 0
    for n in range(10**10, 10**10 + guesses.MAX_MISSES * 3):
        card = cards.with_check_digit(str(n))
        if card == asha["card_number"].replace(" ", ""):
            continue
        r = await net.client.get(
            "/v1/members", headers=net.venue.headers, params={"card_number": card}
        )
        if r.status_code == 429:
            break
        assert_problem(r, 404, "not_found")
        misses += 1
    assert misses == guesses.MAX_MISSES
    body = assert_problem(r, 429, "rate_limited")
    assert 1 <= int(r.headers["retry-after"]) <= guesses.WINDOW.total_seconds()
    assert "card numbers" in body["detail"]
    # Refused even for a card that exists: the limit is on the key, not on the answer.
    r = await net.client.get(
        "/v1/members", headers=net.venue.headers, params={"card_number": asha["card_number"]}
    )
    assert_problem(r, 429, "rate_limited")
    # Other keys are not affected, and a mistyped number (a 422) never counted.
    assert (await _lookup(net, net.other.headers, asha["card_number"]))["id"] == asha["id"]
    assert await pool.fetchval("SELECT sum(misses) FROM lookup_misses") == guesses.MAX_MISSES
    async with pool.acquire() as db:  # windows that ended are pruned; this one has not
        assert await guesses.prune(db) == 0


def test_initials_are_the_first_letters_of_the_display_names_words() -> None:
    assert members.initials("Asha K.") == "A. K."
    assert members.initials("ben") == "B."
    assert members.initials("Zoë  O'Neill (volunteer)") == "Z. O."


async def test_earning_by_card_counts_unknown_cards_as_guesses(
    net: Network, pool: asyncpg.Pool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Crediting by card answers 201 for a member's card and 404 for nobody's: the same
    oracle as the look-up, under the same limit (DESIGN §3), and with the same count."""
    monkeypatch.setattr(guesses, "MAX_MISSES", 5)
    asha = await net.member()
    nobody = [cards.generate() for _ in range(5)]
    assert asha["card_number"].replace(" ", "") not in nobody
    earns: dict[str, str] = {}  # Idempotency-Key -> card

    async def earn(card: str, key: str) -> object:
        earns[key] = card
        return await net.client.post(
            "/v1/earnings",
            headers={**net.partner.headers, "Idempotency-Key": key},
            json={"card_number": card, "hours": 1},
        )

    for i, card in enumerate(nobody):
        assert_problem(await earn(card, f"guess-{i}"), 404, "not_found")
    assert await pool.fetchval("SELECT sum(misses) FROM lookup_misses") == 5
    # Past the limit, refused before the look-up, a member's card as much as nobody's,
    # and nothing written.
    before = await snapshot(pool)
    refused = await earn(asha["card_number"], "guess-member")
    body = assert_problem(refused, 429, "rate_limited")
    assert "card numbers" in body["detail"] and int(refused.headers["retry-after"]) >= 1
    assert_problem(await earn(cards.generate(), "guess-more"), 429, "rate_limited")
    assert_unchanged(before, await snapshot(pool))
    # By id nothing is guessed; another key may still credit by card.
    by_id = await net.client.post(
        "/v1/earnings", headers=net.partner.headers, json={"member_id": asha["id"], "hours": 1}
    )
    assert by_id.status_code == 201, by_id.text
    other = await net.client.post(
        "/v1/earnings",
        headers=net.other.headers,
        json={"card_number": asha["card_number"], "hours": 1},
    )
    assert other.status_code == 201, other.text  # its own count: none missed
