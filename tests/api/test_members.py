"""Registering and finding members: who may look up whom, and by what (DESIGN §1, §3)."""

import re

import asyncpg

from tests.api.support import assert_problem, assert_unchanged, error_fields, snapshot
from tests.network import Network

CARD = re.compile(r"\d{4} \d{4} \d{4}")


async def _find(net: Network, headers: dict[str, str], **params: str) -> list[dict]:
    r = await net.client.get("/v1/members", headers=headers, params=params)
    assert r.status_code == 200, r.text
    return r.json()["data"]


async def test_a_registered_member_gets_a_card_a_zero_balance_and_the_caller_as_home(
    net: Network,
) -> None:
    asha = await net.member(
        external_ref="TEN-00412", year_of_birth=1961, postcode_district="n17", consent_research=True
    )
    assert CARD.fullmatch(asha["card_number"]), asha["card_number"]
    assert asha["id"].startswith("mem_")
    assert asha["balance"] == "0.00"
    assert asha["home_organisation_id"] == net.partner.id
    assert asha["programme_id"] == net.programme_id
    assert asha["postcode_district"] == "N17"
    assert (asha["consent_contact"], asha["consent_research"]) == (False, True)
    r = await net.client.get(f"/v1/members/{asha['id']}", headers=net.partner.headers)
    assert r.json() == asha


async def test_an_external_ref_finds_only_the_callers_own_member(net: Network) -> None:
    ours = await net.member(external_ref="TEN-00412")
    theirs = await net.member(net.other, external_ref="TEN-00412")  # refs are per organisation
    assert [m["id"] for m in await _find(net, net.partner.headers, external_ref="TEN-00412")] == [
        ours["id"]
    ]
    assert [m["id"] for m in await _find(net, net.other.headers, external_ref="TEN-00412")] == [
        theirs["id"]
    ]
    assert await _find(net, net.venue.headers, external_ref="TEN-00412") == []
    assert await _find(net, net.partner.headers, external_ref="TEN-99999") == []


async def test_listing_members_shows_only_the_callers_own(net: Network) -> None:
    ours = [(await net.member(display_name=f"Ours {i}"))["id"] for i in range(3)]
    await net.member(net.other, display_name="Theirs")
    assert [m["id"] for m in await _find(net, net.partner.headers)] == ours[::-1]
    assert await _find(net, net.venue.headers) == []


async def test_a_card_number_is_found_with_spaces_hyphens_or_neither(net: Network) -> None:
    asha = await net.member(external_ref="TEN-00412")
    digits = asha["card_number"].replace(" ", "")
    forms = [
        asha["card_number"],
        digits,
        f"{digits[:4]}-{digits[4:8]}-{digits[8:]}",
        f" {digits[:4]}  {digits[4:8]} {digits[8:]} ",
    ]
    for form in forms:
        found = await _find(net, net.partner.headers, card_number=form)
        assert [m["id"] for m in found] == [asha["id"]], form


async def test_any_partner_finds_a_presented_card_but_sees_only_what_a_desk_needs(
    net: Network,
) -> None:
    asha = await net.member(display_name="Asha K.", external_ref="TEN-00412")
    for stranger in (net.venue, net.other):
        [seen] = await _find(net, stranger.headers, card_number=asha["card_number"])
        assert seen == {"id": asha["id"], "initials": "A. K.", "can_pay": False}
    [own] = await _find(net, net.partner.headers, card_number=asha["card_number"])
    assert own == asha


async def test_a_card_number_nobody_holds_is_a_404_and_a_malformed_one_a_422(
    net: Network,
) -> None:
    asha = await net.member()
    digits = asha["card_number"].replace(" ", "")
    last = str((int(digits[-1]) + 1) % 10)
    r = await net.client.get(
        "/v1/members", headers=net.partner.headers, params={"card_number": digits[:-1] + last}
    )
    assert error_fields(assert_problem(r, 422, "validation_error")) == {"card_number"}
    for bad in ("1234", "abcd efgh ijkl", digits + "0", "x" * 21):
        r = await net.client.get(
            "/v1/members", headers=net.partner.headers, params={"card_number": bad}
        )
        assert_problem(r, 422, "validation_error")


async def test_a_duplicate_external_ref_is_a_409_and_writes_nothing(
    net: Network, pool: asyncpg.Pool
) -> None:
    await net.member(external_ref="TEN-00412")
    before = await snapshot(pool)
    r = await net.client.post(
        "/v1/members",
        headers=net.partner.headers,
        json={
            "display_name": "Asha again",
            "programme_id": net.programme_id,
            "external_ref": "TEN-00412",
        },
    )
    assert_problem(r, 409, "conflict")
    assert_unchanged(before, await snapshot(pool))


async def test_a_member_cannot_be_registered_in_a_programme_not_the_callers(
    net: Network, pool: asyncpg.Pool
) -> None:
    r = await net.client.post(
        "/v1/programmes",
        headers=net.operator.headers,
        json={
            "name": "Westminster Positive Ageing",
            "place": "Westminster",
            "focus": "Older people",
            "starts_on": "2017-01-01",
        },
    )
    elsewhere = r.json()["id"]
    before = await snapshot(pool)
    r = await net.client.post(
        "/v1/members",
        headers=net.partner.headers,
        json={"display_name": "Asha K.", "programme_id": elsewhere},
    )
    assert error_fields(assert_problem(r, 422, "validation_error")) == {"programme_id"}
    assert_unchanged(before, await snapshot(pool))


async def test_another_organisation_sees_a_member_only_once_they_have_exchanged_credits(
    net: Network,
) -> None:
    asha = await net.member(external_ref="TEN-00412")
    assert (await net.earn(asha["id"], 2)).status_code == 201
    path = f"/v1/members/{asha['id']}"
    for stranger in (net.other, net.venue):
        assert_problem(await net.client.get(path, headers=stranger.headers), 404, "not_found")
        r = await net.client.get(f"{path}/transactions", headers=stranger.headers)
        assert_problem(r, 404, "not_found")
    # The allotment group thanks Asha for an afternoon: she shows them her card.
    r = await net.client.post(
        "/v1/earnings",
        headers=net.other.headers,
        json={"card_number": asha["card_number"], "hours": 3},
    )
    assert r.status_code == 201, r.text
    r = await net.client.get(path, headers=net.other.headers)
    assert r.status_code == 200, r.text
    assert r.json()["balance"] == "5.00"
    assert r.json()["external_ref"] is None  # the home organisation's reference stays home
    r = await net.client.get(f"{path}/transactions", headers=net.other.headers)
    assert [t["organisation_id"] for t in r.json()["data"]] == [net.other.id]  # its own only
    assert_problem(await net.client.get(path, headers=net.venue.headers), 404, "not_found")
    r = await net.client.get(path, headers=net.partner.headers)
    assert r.json()["external_ref"] == "TEN-00412"
    r = await net.client.get(f"{path}/transactions", headers=net.partner.headers)
    assert len(r.json()["data"]) == 2  # home sees every transaction


async def test_a_venue_sees_a_member_after_they_spend_there(net: Network) -> None:
    asha = await net.funded_member(5)
    r = await net.client.post(
        "/v1/spends",
        headers=net.partner.headers,
        json={"member_id": asha["id"], "organisation_id": net.venue.id, "credits": 1},
    )
    assert r.status_code == 201, r.text
    r = await net.client.get(f"/v1/members/{asha['id']}", headers=net.venue.headers)
    assert r.status_code == 200, r.text
    assert r.json()["external_ref"] is None


async def test_a_member_id_longer_than_any_id_is_a_422(net: Network) -> None:
    r = await net.client.get(f"/v1/members/{'m' * 101}", headers=net.partner.headers)
    assert error_fields(assert_problem(r, 422, "validation_error")) == {"member_id"}
    r = await net.client.get("/v1/members/mem_%00", headers=net.partner.headers)
    assert error_fields(assert_problem(r, 422, "validation_error")) == {"member_id"}
    r = await net.client.get(
        "/v1/members", headers=net.partner.headers, params={"external_ref": "TEN\x00"}
    )
    assert error_fields(assert_problem(r, 422, "validation_error")) == {"external_ref"}
