"""Printed Time Credit notes (issue 14): an earn partner issues bearer notes from its own
credits; a venue redeems one exactly once, a member's home organisation deposits one, the
issuer voids one; the printable sheet's QR codes read back as the notes' tokens; and
check-ledger holds the notes account to the notes in circulation."""

import asyncio
import re
import time
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import asyncpg
import numpy as np
import pytest
import segno
import zxingcpp

from app.services import integrity, notes, signing
from app.services.unit_of_work import Env
from tests.api.support import assert_problem, assert_unchanged, error_fields, snapshot
from tests.conftest import PEPPER
from tests.events.support import page
from tests.network import Network, Org


async def _issue(net: Network, by: Org | None = None, **body: Any) -> dict:
    r = await net.client.post(
        "/v1/notes",
        headers=(by or net.partner).headers,
        json={"count": 2, "denomination": 1, **body},
    )
    assert r.status_code == 201, r.text
    return r.json()


async def _post(net: Network, path: str, body: dict, by: Org | None = None, **headers: str):
    return await net.client.post(path, headers={**(by or net.venue).headers, **headers}, json=body)


async def _org_balance(pool: asyncpg.Pool, org: Org) -> int:
    return await pool.fetchval(
        "SELECT balance FROM accounts WHERE kind = 'organisation' AND owner_id = $1", org.id
    )


async def _notes_balance(net: Network) -> int:
    return await net.pool.fetchval(
        "SELECT balance FROM accounts WHERE kind = 'notes' AND owner_id = $1", net.programme_id
    )


async def _ledger_ok(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as db:
        report = await integrity.check(db)
    assert report.ok, report


async def test_issuing_moves_the_batch_into_the_notes_account(
    net: Network, pool: asyncpg.Pool
) -> None:
    before = await _org_balance(pool, net.partner)
    batch = await _issue(net, count=3, denomination="2.5", expires_on="2099-12-31")
    assert batch["sheet_url"] == f"/v1/notes/sheets/{batch['id']}"
    assert len(batch["data"]) == 3 and len({n["id"] for n in batch["data"]}) == 3
    for n in batch["data"]:
        assert re.fullmatch(r"[0-9]{4} [0-9]{4} [0-9]{3}", n["serial"]), n
        assert notes.normalise(n["serial"]) is not None
        assert (n["denomination"], n["expires_on"]) == ("2.50", "2099-12-31")
        async with pool.acquire() as db:
            claims = await signing.verify(db, n["token"])
        assert (claims["typ"], claims["sub"]) == ("note", n["id"])
        assert claims["exp"] == notes.token_expiry(date(2099, 12, 31), None)  # type: ignore[arg-type]
    assert await _org_balance(pool, net.partner) == before - 750
    assert await _notes_balance(net) == 750
    # One `note_issue` transfer, organisation → the programme's notes account.
    r = await net.client.get(
        "/v1/transactions", headers=net.partner.headers, params={"kind": "note_issue"}
    )
    [t] = r.json()["data"]
    assert (t["credits"], t["from"], t["to"]) == (
        "7.50",
        {"type": "organisation", "id": net.partner.id},
        {"type": "programme", "id": net.programme_id},
    )
    assert t["metadata"]["note_batch_id"] == batch["id"]
    await _ledger_ok(pool)


async def test_a_note_without_expiry_has_a_ten_year_token(net: Network, pool: asyncpg.Pool) -> None:
    [note, _] = (await _issue(net))["data"]
    assert note["expires_on"] is None
    async with pool.acquire() as db:
        claims = await signing.verify(db, note["token"])
    assert 3650 * 86400 < claims["exp"] - time.time() < 3654 * 86400


async def test_only_an_earn_partner_issues_and_only_what_it_holds(
    net: Network, pool: asyncpg.Pool
) -> None:
    before = await snapshot(pool)
    r = await _post(net, "/v1/notes", {"count": 1, "denomination": 1}, by=net.venue)
    assert_problem(r, 403, "forbidden")
    r = await _post(net, "/v1/notes", {"count": 500, "denomination": 3}, by=net.partner)
    assert_problem(r, 409, "insufficient_credits")  # 1,500 from 1,000
    assert_unchanged(before, await snapshot(pool))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"count": 0, "denomination": 1}, "count"),
        ({"count": 501, "denomination": 1}, "count"),
        ({"count": 1, "denomination": 0}, "denomination"),
        ({"count": 1, "denomination": "1.001"}, "denomination"),
        ({"count": 1, "denomination": 1, "expires_on": "2020-01-01"}, "expires_on"),
        ({"count": 1, "denomination": 1, "colour": "red"}, "colour"),
    ],
)
async def test_an_issue_out_of_bounds_is_a_422(
    net: Network, pool: asyncpg.Pool, body: dict, field: str
) -> None:
    before = await snapshot(pool)
    r = await _post(net, "/v1/notes", body, by=net.partner)
    assert field in error_fields(assert_problem(r, 422, "validation_error"))
    assert_unchanged(before, await snapshot(pool))


async def test_a_venue_redeems_by_token_or_serial_once(net: Network, pool: asyncpg.Pool) -> None:
    a, b = (await _issue(net, denomination=2))["data"]
    venue_before = await _org_balance(pool, net.venue)
    r = await _post(net, "/v1/notes/redeem", {"token": a["token"]})
    assert r.status_code == 201, r.text
    taken = r.json()
    assert (taken["id"], taken["serial"], taken["denomination"]) == (a["id"], a["serial"], "2.00")
    assert taken["organisation_id"] == net.venue.id and taken["member_id"] is None
    r = await _post(net, "/v1/notes/redeem", {"serial": b["serial"].replace(" ", "-")})
    assert r.status_code == 201, r.text
    assert await _org_balance(pool, net.venue) == venue_before + 400
    assert await _notes_balance(net) == 0
    r = await net.client.get(
        f"/v1/transactions/{taken['transaction_id']}", headers=net.venue.headers
    )
    t = r.json()
    assert (t["kind"], t["credits"], t["to"]) == (
        "note_redeem",
        "2.00",
        {"type": "organisation", "id": net.venue.id},
    )
    # A second time: when and by whom.
    for body in ({"token": a["token"]}, {"serial": a["serial"]}):
        problem = assert_problem(
            await _post(net, "/v1/notes/redeem", body), 409, "note_already_redeemed"
        )
        assert taken["redeemed_at"][:10] in problem["detail"], problem
        assert "Tottenham Lido" in problem["detail"] and net.venue.id in problem["detail"]
    await _ledger_ok(pool)


async def test_thirty_desks_racing_for_one_note_take_it_once(
    net: Network, pool: asyncpg.Pool
) -> None:
    [note, _] = (await _issue(net))["data"]
    body = {"serial": note["serial"]}
    answers = await asyncio.gather(*(_post(net, "/v1/notes/redeem", body) for _ in range(30)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [201] + [409] * 29, statuses
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"note_already_redeemed"}
    assert await _notes_balance(net) == 100
    await _ledger_ok(pool)


async def test_voiding_returns_the_credits_and_the_note_cannot_be_taken(
    net: Network, pool: asyncpg.Pool
) -> None:
    a, b = (await _issue(net))["data"]
    before = await _org_balance(pool, net.partner)
    for stranger in (net.other, net.venue):
        r = await _post(net, f"/v1/notes/{a['id']}/void", {}, by=stranger)
        assert_problem(r, 404 if stranger is net.other else 403)
    r = await _post(net, f"/v1/notes/{a['id']}/void", {}, by=net.partner)
    assert r.status_code == 201, r.text
    voided = r.json()
    assert (voided["id"], voided["organisation_id"]) == (a["id"], net.partner.id)
    assert await _org_balance(pool, net.partner) == before + 100
    assert_problem(await _post(net, "/v1/notes/redeem", {"token": a["token"]}), 409, "note_voided")
    r = await _post(net, f"/v1/notes/{a['id']}/void", {}, by=net.partner)
    assert_problem(r, 409, "note_voided")
    # A redeemed note cannot be voided.
    assert (await _post(net, "/v1/notes/redeem", {"serial": b["serial"]})).status_code == 201
    r = await _post(net, f"/v1/notes/{b['id']}/void", {}, by=net.partner)
    assert_problem(r, 409, "note_already_redeemed")
    assert await _notes_balance(net) == 0
    for org, sees in ((net.partner, True), (net.other, False)):
        events, _, _ = await page(net.client, org, type="note.voided")
        assert [e["data"] for e in events] == ([voided] if sees else []), org
    await _ledger_ok(pool)


async def test_an_expired_note_is_refused(net: Network, pool: asyncpg.Pool) -> None:
    a, b = (await _issue(net, expires_on=date.today().isoformat()))["data"]
    await pool.execute(
        "UPDATE notes SET expires_on = $2 WHERE id = $1", a["id"], date.today() - timedelta(days=1)
    )
    r = await _post(net, "/v1/notes/redeem", {"serial": a["serial"]})
    detail = assert_problem(r, 409, "note_expired")["detail"]
    assert (date.today() - timedelta(days=1)).isoformat() in detail
    # A token past its own exp (signed as the service signs, an hour ago).
    async with pool.acquire() as db:
        old = await signing.sign(
            db,
            Env(pepper=PEPPER.encode()),
            {"typ": "note", "sub": b["id"], "exp": int(time.time()) - 3600},
        )
    assert_problem(await _post(net, "/v1/notes/redeem", {"token": old}), 409, "note_expired")
    # The issuer may still void it, and gets the credits back.
    r = await _post(net, f"/v1/notes/{a['id']}/void", {}, by=net.partner)
    assert r.status_code == 201, r.text
    await _ledger_ok(pool)


async def test_unknown_notes_are_a_404_and_count_as_guesses(
    net: Network, pool: asyncpg.Pool
) -> None:
    [note, _] = (await _issue(net))["data"]
    header, payload, sig = note["token"].split(".")
    serial = notes.normalise(note["serial"]) or ""
    typo = serial[:-1] + str((int(serial[-1]) + 1) % 10)
    r = await _post(net, "/v1/notes/redeem", {"serial": typo})
    assert "serial" in error_fields(assert_problem(r, 422, "validation_error"))
    assert await pool.fetchval("SELECT coalesce(sum(misses), 0) FROM lookup_misses") == 0
    while (other := notes.new_serial()) == serial:
        pass
    for body in ({"serial": other}, {"token": f"{header}.{payload}.{sig[:-4]}AAAA"}):
        assert_problem(await _post(net, "/v1/notes/redeem", body), 404, "not_found")
    assert await pool.fetchval("SELECT coalesce(sum(misses), 0) FROM lookup_misses") == 2
    for body in ({}, {"serial": note["serial"], "token": note["token"]}):
        assert_problem(await _post(net, "/v1/notes/redeem", body), 422, "validation_error")
    assert_problem(
        await _post(net, "/v1/notes/redeem", {"serial": note["serial"]}, by=net.other),
        403,
        "forbidden",
    )


async def test_the_home_organisation_deposits_a_note_into_a_member(
    net: Network, pool: asyncpg.Pool
) -> None:
    asha = await net.member()
    [note, _] = (await _issue(net, by=net.other, denomination=3))["data"]
    before = await snapshot(pool)
    for stranger in (net.other, net.venue):  # not the member's home
        r = await _post(
            net,
            "/v1/notes/deposit",
            {"serial": note["serial"], "member_id": asha["id"]},
            by=stranger,
        )
        assert_problem(r, 404, "not_found")
    assert_unchanged(before, await snapshot(pool))
    body = {"token": note["token"], "member_id": asha["id"]}
    r = await _post(net, "/v1/notes/deposit", body, by=net.partner)
    assert r.status_code == 201, r.text
    deposited = r.json()
    assert (deposited["member_id"], deposited["organisation_id"]) == (asha["id"], net.partner.id)
    assert await net.balance(asha["id"]) == Decimal(3)
    r = await _post(net, "/v1/notes/deposit", body, by=net.partner)
    assert_problem(r, 409, "note_already_redeemed")
    # The issuer hears of it; the venue does not.
    for org, sees in ((net.partner, True), (net.other, True), (net.venue, False)):
        events, _, _ = await page(net.client, org, type="note.redeemed")
        assert [e["data"] for e in events] == ([deposited] if sees else []), org
    await _ledger_ok(pool)


async def test_events_carry_no_bearer_values(net: Network, pool: asyncpg.Pool) -> None:
    headers = {"Idempotency-Key": "print-1"}
    body = {"count": 2, "denomination": 1}
    first = await _post(net, "/v1/notes", body, by=net.partner, **headers)
    again = await _post(net, "/v1/notes", body, by=net.partner, **headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    batch = first.json()
    unprinted = {
        **batch,
        "data": [{**n, "serial": None, "token": None} for n in batch["data"]],
    }
    assert again.json() == unprinted
    for org, sees in ((net.partner, True), (net.other, False), (net.venue, False)):
        events, _, _ = await page(net.client, org, type="note.issued")
        assert [e["data"] for e in events] == ([unprinted] if sees else []), org
    dump = str(await pool.fetch("SELECT data::text FROM events")) + str(
        await pool.fetch("SELECT response_body FROM idempotency_keys")
    )
    for n in batch["data"]:
        assert n["token"] not in dump and notes.normalise(n["serial"]) not in dump
        assert n["serial"] not in dump
    # A redemption's event goes to the venue and the issuer.
    r = await _post(net, "/v1/notes/redeem", {"token": batch["data"][0]["token"]})
    taken = r.json()
    for org, sees in ((net.venue, True), (net.partner, True), (net.other, False)):
        events, _, _ = await page(net.client, org, type="note.redeemed")
        assert [e["data"] for e in events] == ([taken] if sees else []), org


async def test_notes_transfers_are_voided_not_reversed(net: Network, pool: asyncpg.Pool) -> None:
    batch = await _issue(net)
    taken = (await _post(net, "/v1/notes/redeem", {"token": batch["data"][0]["token"]})).json()
    r = await net.client.get(
        "/v1/transactions", headers=net.partner.headers, params={"kind": "note_issue"}
    )
    [issue] = r.json()["data"]
    for org, txn in ((net.partner, issue["id"]), (net.venue, taken["transaction_id"])):
        r = await _post(net, f"/v1/transactions/{txn}/reversal", {}, by=org)
        assert "voided, not reversed" in assert_problem(r, 409, "conflict")["detail"]
    await _ledger_ok(pool)


def _svg_matrix(svg: str) -> np.ndarray:
    """The dark modules of segno's SVG path (`M x y`, then `h n` runs and `m dx dy` moves)
    as a matrix, quiet zone included."""
    size = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(1))  # type: ignore[union-attr]
    d = re.search(r' d="([^"]+)"', svg).group(1)  # type: ignore[union-attr]
    grid = np.zeros((size, size), dtype=bool)
    x = y = 0.0
    for op, args in re.findall(r"([MmHh])([-0-9. ]+)", d):
        nums = [float(v) for v in args.split()]
        if op == "M":
            x, y = nums
        elif op == "m":
            x, y = x + nums[0], y + nums[1]
        else:
            grid[int(y), int(x) : int(x + nums[0])] = True
            x += nums[0]
    return grid


def _decode(grid: np.ndarray) -> str:
    """The text of the one QR code in `grid`, read as what it is, a pure QR symbol: with
    every format tried, about 1 random token in 400 also read as a spurious Codabar (4 of
    1,500 tried), which made this test fail once in about 120 runs."""
    image = np.where(np.kron(grid, np.ones((4, 4), dtype=bool)), 0, 255).astype(np.uint8)
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, is_pure=True)
    assert len(found) == 1, [(b.format, b.text) for b in found]
    return found[0].text


async def test_the_sheet_prints_every_note_with_a_qr_of_its_token(
    net: Network, pool: asyncpg.Pool
) -> None:
    batch = await _issue(net, count=3, expires_on="2099-06-30")
    r = await net.client.get(batch["sheet_url"], headers=net.partner.headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    page_ = r.text
    assert "@page { size: A4" in page_ and "<script" not in page_ and "@import" not in page_
    assert "http" not in page_.replace('"http://www.w3.org/2000/svg"', "")
    assert page_.count("Tottenham Community Café") >= 3 and "2099-06-30" in page_
    svgs = re.findall(r"<svg.*?</svg>", page_, flags=re.S)
    assert len(svgs) == 3
    decoded = {_decode(_svg_matrix(svg)) for svg in svgs}
    assert decoded == {n["token"] for n in batch["data"]}
    for n in batch["data"]:
        assert n["serial"] in page_
        # The same QR as segno draws it, decoded from a PNG-like raster.
        qr = segno.make(n["token"], error="m")
        matrix = np.array([[bool(v) for v in row] for row in qr.matrix_iter(border=4)])
        assert _decode(matrix) == n["token"]
    for stranger in (net.other,):
        r = await net.client.get(batch["sheet_url"], headers=stranger.headers)
        assert_problem(r, 404, "not_found")
    r = await net.client.get(batch["sheet_url"], headers=net.venue.headers)
    assert_problem(r, 403, "forbidden")  # no earn:write


async def test_check_ledger_reports_notes_out_of_step_with_their_account(
    net: Network, pool: asyncpg.Pool
) -> None:
    [note, _] = (await _issue(net))["data"]
    await _ledger_ok(pool)
    await pool.execute("UPDATE notes SET denomination = 150 WHERE id = $1", note["id"])
    async with pool.acquire() as db:
        report = await integrity.check(db)
    assert report.problems == [
        f"notes account of programme {net.programme_id} holds 200 hundredths but its notes "
        "in circulation are worth 250"
    ]
    await pool.execute("UPDATE notes SET denomination = 100 WHERE id = $1", note["id"])
    await _ledger_ok(pool)


def test_serials_read_back_and_catch_typos() -> None:
    for _ in range(200):
        serial = notes.new_serial()
        assert len(serial) == 11 and notes.normalise(notes.display(serial)) == serial
        wrong = serial[:3] + str((int(serial[3]) + 1) % 10) + serial[4:]
        assert notes.normalise(wrong) is None
