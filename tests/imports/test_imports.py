"""Bulk CSV imports on real files (tests/imports/files/): the clean ones, Excel's exports
with their mess, and the mistakes registers carry; all or nothing, partial, dry runs,
replays, and what reaches the ledger and the event feed."""

import asyncio
import json
from decimal import Decimal

import asyncpg
import pytest
from fastapi import FastAPI

from app.services import cards, guesses, integrity
from app.services.events import audience_sql
from tests.api.support import assert_problem
from tests.imports.support import (
    csv_file,
    import_members,
    post_csv,
    row_errors,
    tables,
)
from tests.network import Network


async def _balances(pool: asyncpg.Pool, owner: str) -> dict[str, Decimal]:
    rows = await pool.fetch(
        """SELECT m.external_ref, a.balance FROM members m JOIN accounts a ON a.id = m.account_id
            WHERE m.home_organisation_id = $1 AND m.external_ref IS NOT NULL""",
        owner,
    )
    return {r["external_ref"]: Decimal(r["balance"]) / 100 for r in rows}


async def _events(pool: asyncpg.Pool, type_: str) -> list[tuple[str, list[str]]]:
    """Each event of the type, in order: its resource's id and its audience."""
    rows = await pool.fetch(
        f"""SELECT e.data->>'id' AS id, {audience_sql()} AS audience
             FROM events e WHERE e.type = $1 ORDER BY e.seq""",
        type_,
    )
    return [(r["id"], list(r["audience"])) for r in rows]


async def _ledger_ok(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as db:
        report = await integrity.check(db)
    assert report.ok, report.problems


# ------------------------------------------------------------------------------ members


async def test_members_clean_file_registers_each_row_with_its_event(
    net: Network, pool: asyncpg.Pool
) -> None:
    body = await import_members(net)
    assert (body["rows"], body["accepted"], body["rejected"], body["errors"]) == (3, 3, 0, [])
    assert [c["row"] for c in body["created"]] == [2, 3, 4]
    assert [c["external_ref"] for c in body["created"]] == ["TEN-001", "TEN-002", "TEN-003"]
    for created in body["created"]:
        r = await net.client.get(f"/v1/members/{created['id']}", headers=net.partner.headers)
        assert r.status_code == 200
        assert r.json()["card_number"] == created["card_number"]
        assert r.json()["home_organisation_id"] == net.partner.id
    asha = await net.client.get(
        "/v1/members", params={"external_ref": "TEN-001"}, headers=net.partner.headers
    )
    (member,) = asha.json()["data"]
    assert (member["display_name"], member["year_of_birth"], member["postcode_district"]) == (
        "Asha K.",
        1961,
        "N17",
    )
    # (The table, not GET /v1/events: the feed waits for every older transaction on the
    # server, and the shared test server runs other suites' long ones.)
    assert await _events(pool, "member.created") == [
        (c["id"], [net.partner.id]) for c in body["created"]
    ]


async def test_members_excel_export_with_bom_semicolons_quotes_crlf_and_blank_rows(
    net: Network, pool: asyncpg.Pool
) -> None:
    body = await import_members(net, "members_excel.csv")
    assert (body["rows"], body["accepted"], body["rejected"]) == (3, 3, 0), body
    # Rows as the spreadsheet numbers them: blank rows 4-5 count, but are not records.
    assert [c["row"] for c in body["created"]] == [2, 3, 6]
    rows = await pool.fetch(
        "SELECT display_name, external_ref, year_of_birth, postcode_district FROM members "
        "ORDER BY seq"
    )
    assert [tuple(r) for r in rows] == [
        ("Dorota W.", "TEN-101", 1975, "N17"),
        ("Eddie; the Elder", "TEN-102", None, "N8"),
        ('Fatima "Fats" B.', "TEN-103", 1988, "E8"),
    ]


async def test_members_with_errors_write_nothing_and_list_every_error(
    net: Network, pool: asyncpg.Pool
) -> None:
    await import_members(net)  # TEN-001..003 exist
    before = await tables(pool)
    r = await post_csv(net, "members", csv_file("members_errors.csv", net))
    body = assert_problem(r, 422, "validation_error")
    assert row_errors(body) == {
        (2, "postcode_district"),  # a full postcode
        (3, "year_of_birth"),  # in the future
        (4, "display_name"),  # missing
        (5, "external_ref"),  # the same as row 3's
        (6, "programme_id"),  # not the partner's
    }
    assert "5 of 6 rows have errors" in body["detail"]
    by_row = {e["row"]: e["message"] for e in body["errors"]}
    assert "postcode district only" in by_row[2]
    assert "row 3" in by_row[5]
    assert await tables(pool) == before


async def test_members_partial_registers_the_good_rows_and_reports_the_rest(
    net: Network, pool: asyncpg.Pool
) -> None:
    r = await post_csv(net, "members", csv_file("members_errors.csv", net), partial="true")
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["rows"], body["accepted"], body["rejected"]) == (6, 1, 5)
    assert [(c["row"], c["external_ref"]) for c in body["created"]] == [(7, "TEN-206")]
    assert row_errors(body) == {
        (2, "postcode_district"),
        (3, "year_of_birth"),
        (4, "display_name"),
        (5, "external_ref"),
        (6, "programme_id"),
    }
    refs = [r["external_ref"] for r in await pool.fetch("SELECT external_ref FROM members")]
    assert refs == ["TEN-206"]
    assert await pool.fetchval("SELECT count(*) FROM events WHERE type = 'member.created'") == 1


async def test_an_external_ref_already_registered_is_a_row_error(net: Network) -> None:
    await import_members(net)
    r = await post_csv(net, "members", csv_file("members_clean.csv", net))
    body = assert_problem(r, 422, "validation_error")
    assert row_errors(body) == {(2, "external_ref"), (3, "external_ref"), (4, "external_ref")}
    assert "already registered" in body["errors"][0]["message"]


# ----------------------------------------------------------------------------- earnings


async def test_earnings_excel_uk_export_credits_each_row(net: Network, pool: asyncpg.Pool) -> None:
    await import_members(net)
    r = await post_csv(net, "earnings", csv_file("earnings_excel_uk.csv"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["rows"], body["accepted"], body["rejected"], body["errors"]) == (4, 4, 0, [])
    assert body["skipped"] == [{"row": 8, "reason": "a total row, not a record"}]
    assert [c["row"] for c in body["created"]] == [2, 3, 5, 6]
    assert await _balances(pool, net.partner.id) == {
        "TEN-001": Decimal("3.5"),
        "TEN-002": Decimal("3"),
        "TEN-003": Decimal("0.25"),
    }
    txn = await net.client.get(
        f"/v1/transactions/{body['created'][0]['id']}", headers=net.partner.headers
    )
    assert txn.status_code == 200
    assert txn.json()["metadata"] == {
        "hours": "1.50",
        "activity": "Cuppas café shift",
        "given_on": "2018-10-01",
    }
    given = await pool.fetch("SELECT metadata->>'given_on' AS d FROM transfers WHERE kind = 'earn'")
    assert sorted(g["d"] for g in given) == ["2018-10-01", "2018-10-02", "2018-11-05", "2018-11-05"]
    assert (await net.client.get("/v1/me", headers=net.partner.headers)).status_code == 200
    assert await _events(pool, "earning.created") == [
        (c["id"], [net.partner.id]) for c in body["created"]
    ]
    data = await pool.fetchval(
        "SELECT data::text FROM events WHERE resource_id = $1", txn.json()["id"]
    )
    assert json.loads(data) == {**txn.json(), "member_balance": None}
    await _ledger_ok(pool)


async def test_earnings_comma_file_with_quotes_spaces_and_a_total_row(
    net: Network, pool: asyncpg.Pool
) -> None:
    await import_members(net)
    r = await post_csv(net, "earnings", csv_file("earnings_comma.csv"))
    assert r.status_code == 200, r.text
    assert r.json()["skipped"] == [{"row": 4, "reason": "a total row, not a record"}]
    activities = await pool.fetch(
        "SELECT metadata->>'activity' AS a, metadata->>'given_on' AS d FROM transfers "
        "WHERE kind = 'earn' ORDER BY seq"
    )
    assert [(a["a"], a["d"]) for a in activities] == [
        ("Gardening, weeding", "2019-03-01"),
        ("Reading group", "2019-03-14"),
    ]


async def test_earnings_with_a_spreadsheets_mistakes_write_nothing_and_say_why(
    net: Network, pool: asyncpg.Pool
) -> None:
    await import_members(net)
    before = await tables(pool)
    r = await post_csv(net, "earnings", csv_file("earnings_errors.csv"))
    body = assert_problem(r, 422, "validation_error")
    by_row = {(e["row"], e["field"]): e["message"] for e in body["errors"]}
    assert set(by_row) == {
        (2, "given_on"),  # 31/02/2018
        (3, "hours"),  # "1,5" in a comma file
        (4, "given_on"),  # two-digit year
        (5, "given_on"),  # a spreadsheet day number
        (6, "external_ref"),  # nobody
        (7, "hours"),  # "lots"
        (8, "given_on"),  # the future
        (9, "hours"),  # three decimals
        (11, "external_ref"),  # empty
        (12, "given_on"),  # empty
    }
    assert "not a real day" in by_row[(2, "given_on")]
    assert "decimal comma" in by_row[(3, "hours")] and "1.5" in by_row[(3, "hours")]
    assert "year in full" in by_row[(4, "given_on")]
    assert "day number" in by_row[(5, "given_on")]
    assert "TEN-999" in by_row[(6, "external_ref")]
    assert "future" in by_row[(8, "given_on")]
    assert "two decimal places" in by_row[(9, "hours")]
    assert "10 of 11 rows" in body["detail"]
    assert await tables(pool) == before


async def test_earnings_partial_credits_the_good_row_only(net: Network, pool: asyncpg.Pool) -> None:
    await import_members(net)
    r = await post_csv(net, "earnings", csv_file("earnings_errors.csv"), partial="true")
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["rows"], body["accepted"], body["rejected"]) == (11, 1, 10)
    assert [c["row"] for c in body["created"]] == [10]
    assert (await _balances(pool, net.partner.id))["TEN-002"] == Decimal(2)
    assert await pool.fetchval("SELECT count(*) FROM events WHERE type = 'earning.created'") == 1
    await _ledger_ok(pool)


async def test_a_total_row_that_disagrees_with_the_rows_is_an_error(net: Network) -> None:
    await import_members(net)
    r = await post_csv(net, "earnings", csv_file("earnings_total_wrong.csv"))
    body = assert_problem(r, 422, "validation_error")
    (error,) = body["errors"]
    assert (error["row"], error["field"]) == (4, "hours")
    assert "4.5" in error["message"] and "3.5" in error["message"]


async def test_a_total_row_whose_hours_are_not_a_number_is_skipped_not_a_500(
    net: Network,
) -> None:
    """`sNaN` reads as a Decimal that raises when compared (a 500 before)."""
    await import_members(net)
    for dry_run in ("true", "false"):
        data = b"external_ref,hours,given_on\nTEN-001,1,2018-10-01\nTotal,sNaN,\n"
        r = await post_csv(net, "earnings", data, dry_run=dry_run)
        assert r.status_code == 200, r.text
        assert (r.json()["accepted"], r.json()["skipped"]) == (
            1,
            [{"row": 3, "reason": "a total row, not a record"}],
        )


async def test_rows_beyond_the_allocation_are_refused_in_file_order(
    net: Network, pool: asyncpg.Pool
) -> None:
    await import_members(net)
    # The partner holds 1000 credits: 600 + 300 fit, 200 does not, 100 still does.
    rows = ["external_ref,hours,given_on"] + [
        f"TEN-00{i},{h},01/10/2018" for i, h in ((1, 600), (2, 300), (3, 200), (1, 100))
    ]
    data = "\n".join(rows).encode()
    r = await post_csv(net, "earnings", data)
    body = assert_problem(r, 422, "validation_error")
    assert row_errors(body) == {(4, "hours")}
    assert "insufficient credits" in body["errors"][0]["message"]
    r = await post_csv(net, "earnings", data, partial="true")
    assert r.status_code == 200 and r.json()["accepted"] == 3, r.text
    org_balance = await pool.fetchval(
        "SELECT balance FROM accounts WHERE kind = 'organisation' AND owner_id = $1",
        net.partner.id,
    )
    assert org_balance == 0
    await _ledger_ok(pool)


async def test_members_are_found_by_card_number_and_by_id(net: Network, pool: asyncpg.Pool) -> None:
    created = (await import_members(net))["created"]
    by_card = "card_number,hours,given_on\n" + "\n".join(
        f"{c['card_number']},1,2018-10-01" for c in created
    )
    r = await post_csv(net, "earnings", by_card.encode())
    assert r.status_code == 200 and r.json()["accepted"] == 3, r.text
    by_id = "Member ID,Hours,Given On\n" + "\n".join(f"{c['id']},2,2018-10-01" for c in created)
    r = await post_csv(net, "earnings", by_id.encode())
    assert r.status_code == 200 and r.json()["accepted"] == 3, r.text
    assert set((await _balances(pool, net.partner.id)).values()) == {Decimal(3)}
    typo = created[0]["card_number"][:-1] + str((int(created[0]["card_number"][-1]) + 1) % 10)
    r = await post_csv(net, "earnings", f"card_number,hours,given_on\n{typo},1,2018-10-01".encode())
    body = assert_problem(r, 422, "validation_error")
    assert row_errors(body) == {(2, "card_number")}


async def test_card_numbers_of_nobody_count_as_guesses_even_in_a_dry_run(
    net: Network, pool: asyncpg.Pool
) -> None:
    """A file is no faster way to find members' cards than asking one by one (guesses.py,
    DESIGN §3): its unknown card numbers count against the key, a dry run's too (before,
    20,000 numbers a request could be tried, free); past the limit the key is refused."""
    created = (await import_members(net))["created"]
    nobody = [cards.generate() for _ in range(guesses.MAX_MISSES - 1)]
    data = "card_number,hours,given_on\n" + "".join(f"{c},1,2018-10-01\n" for c in nobody)
    r = await post_csv(net, "earnings", data.encode(), dry_run="true")
    assert r.status_code == 200 and r.json()["rejected"] == len(nobody), r.text
    one = f"card_number,hours,given_on\n{cards.generate()},1,2018-10-01\n".encode()
    r = await post_csv(net, "earnings", one, partial="true")  # a real import's miss counts
    assert r.status_code == 200 and r.json()["rejected"] == 1, r.text
    known = f"card_number,hours,given_on\n{created[0]['card_number']},1,2018-10-01\n".encode()
    for sent in ({"dry_run": "true"}, {}):
        r = await post_csv(net, "earnings", known, **sent)
        assert_problem(r, 429, "rate_limited")
    r = await net.client.get(
        "/v1/members",
        params={"card_number": created[0]["card_number"]},
        headers=net.partner.headers,
    )
    assert r.status_code == 429, r.text
    # By id or external_ref nothing is guessed.
    by_ref = b"external_ref,hours,given_on\nTEN-001,1,2018-10-01\nNOBODY,1,2018-10-01\n"
    r = await post_csv(net, "earnings", by_ref, partial="true")
    assert r.status_code == 200 and r.json()["accepted"] == 1, r.text


async def test_another_organisations_member_is_not_found_by_id(net: Network) -> None:
    stranger = await net.member(net.other, display_name="Stranger")
    data = f"member_id,hours,given_on\n{stranger['id']},1,2018-10-01\n".encode()
    r = await post_csv(net, "earnings", data)
    body = assert_problem(r, 422, "validation_error")
    assert body["errors"] == [
        {"row": 2, "field": "member_id", "message": f"no member {stranger['id']}"}
    ]


async def test_a_venue_cannot_import_earnings(net: Network, pool: asyncpg.Pool) -> None:
    """The same scope as a single earning (a venue's keys cannot hold earn:write)."""
    before = await tables(pool)
    data = b"member_id,hours,given_on\nmem_x,1,2018-10-01\n"
    r = await post_csv(net, "earnings", data, by=net.venue)
    assert_problem(r, 403, "forbidden")
    assert await tables(pool) == before


# ------------------------------------------------------------------------------ dry runs


async def test_dry_runs_answer_the_report_and_write_nothing(
    net: Network, pool: asyncpg.Pool
) -> None:
    await import_members(net)
    before = await tables(pool)
    r = await post_csv(net, "members", csv_file("members_errors.csv", net), dry_run="true")
    assert r.status_code == 200, r.text
    assert (r.json()["rows"], r.json()["accepted"], r.json()["rejected"]) == (6, 1, 5)
    assert r.json()["dry_run"] is True and r.json()["created"] == []
    r = await post_csv(net, "earnings", csv_file("earnings_excel_uk.csv"), dry_run="true", key="k")
    assert r.status_code == 200, r.text
    assert (r.json()["accepted"], r.json()["rejected"]) == (4, 0)
    r = await post_csv(net, "earnings", csv_file("earnings_errors.csv"), dry_run="true")
    assert (r.json()["accepted"], r.json()["rejected"]) == (1, 10)
    assert await tables(pool) == before


# ------------------------------------------------------------------ idempotency, racing


async def test_the_same_key_and_file_replay_the_answer_once(
    net: Network, pool: asyncpg.Pool
) -> None:
    await import_members(net)
    data = csv_file("earnings_excel_uk.csv")
    first = await post_csv(net, "earnings", data, key="import-2018")
    again = await post_csv(net, "earnings", data, key="import-2018")
    assert first.status_code == again.status_code == 200
    assert again.headers.get("idempotent-replayed") == "true"
    assert again.json() == first.json()
    assert await pool.fetchval("SELECT count(*) FROM transfers WHERE kind = 'earn'") == 4
    other = await post_csv(net, "earnings", data + b"TEN-002;1;;01/10/2018\r\n", key="import-2018")
    assert (other.status_code, other.json()["code"]) == (422, "idempotency_key_reused")
    query = await post_csv(net, "earnings", data, key="import-2018", partial="true")
    assert (query.status_code, query.json()["code"]) == (422, "idempotency_key_reused")
    assert await pool.fetchval("SELECT count(*) FROM transfers WHERE kind = 'earn'") == 4


async def test_a_refused_import_leaves_its_key_free_for_the_fixed_file(net: Network) -> None:
    """A refused write keeps nothing, its Idempotency-Key included (only completed
    requests are remembered): the corrected file may be sent with the same key."""
    await import_members(net)
    r = await post_csv(net, "earnings", csv_file("earnings_errors.csv"), key="k1")
    assert r.status_code == 422
    r = await post_csv(net, "earnings", csv_file("earnings_comma.csv"), key="k1")
    assert r.status_code == 200, r.text
    assert r.json()["accepted"] == 2


async def test_two_racing_imports_with_one_key_credit_once(
    net: Network, pool: asyncpg.Pool
) -> None:
    await import_members(net)
    data = csv_file("earnings_excel_uk.csv")
    a, b = await asyncio.gather(
        post_csv(net, "earnings", data, key="race"), post_csv(net, "earnings", data, key="race")
    )
    assert a.status_code == b.status_code == 200, (a.text, b.text)
    assert a.json() == b.json()
    assert await pool.fetchval("SELECT count(*) FROM transfers WHERE kind = 'earn'") == 4
    assert await pool.fetchval("SELECT count(*) FROM events WHERE type = 'earning.created'") == 4
    await _ledger_ok(pool)


async def test_racing_imports_and_earnings_never_overspend_the_allocation(
    net: Network, pool: asyncpg.Pool
) -> None:
    created = (await import_members(net))["created"]
    data = ("external_ref,hours,given_on\n" + "TEN-001,100,01/10/2018\n" * 6).encode()
    singles = [net.earn(created[1]["id"], 100) for _ in range(4)]
    results = await asyncio.gather(
        post_csv(net, "earnings", data), post_csv(net, "earnings", data), *singles
    )
    imports_ok = sum(r.status_code == 200 for r in results[:2])
    singles_ok = sum(r.status_code == 201 for r in results[2:])
    # 1000 credits: at most one import of 600, plus singles of 100 while they last.
    assert imports_ok * 600 + singles_ok * 100 <= 1000
    assert imports_ok <= 1 and imports_ok + singles_ok >= 1
    for r in results[:2]:
        assert r.status_code in (200, 422), r.text
    org = await pool.fetchval(
        "SELECT balance FROM accounts WHERE kind = 'organisation' AND owner_id = $1",
        net.partner.id,
    )
    assert org == 100_000 - (imports_ok * 600 + singles_ok * 100) * 100
    await _ledger_ok(pool)


async def test_two_racing_members_imports_of_one_file_register_each_member_once(
    net: Network, pool: asyncpg.Pool
) -> None:
    """No key: both are checked, but the second to write finds the external_refs taken
    (a 409 if it checked before the first committed, a 422 listing them if after)."""
    data = csv_file("members_clean.csv", net)
    a, b = await asyncio.gather(post_csv(net, "members", data), post_csv(net, "members", data))
    assert sorted([a.status_code, b.status_code]) in ([200, 409], [200, 422]), (a.text, b.text)
    refused = b if a.status_code == 200 else a
    assert_problem(
        refused,
        refused.status_code,
        "conflict" if refused.status_code == 409 else "validation_error",
    )
    assert await pool.fetchval("SELECT count(*) FROM members") == 3
    assert await pool.fetchval("SELECT count(*) FROM events WHERE type = 'member.created'") == 3
    await _ledger_ok(pool)


# ------------------------------------------------------------------------ refused files


async def test_windows_1252_is_refused_with_how_to_save_as_utf8(
    net: Network, pool: asyncpg.Pool
) -> None:
    await import_members(net)
    before = await tables(pool)
    for kind, name in (("members", "members_cp1252.csv"), ("earnings", "earnings_cp1252.csv")):
        r = await post_csv(net, kind, csv_file(name, net))
        body = assert_problem(r, 422, "validation_error")
        assert "CSV UTF-8" in body["detail"] and "not UTF-8" in body["detail"], body
    r = await post_csv(net, "members", "a,b\n".encode("utf-16"))
    assert "UTF-16" in assert_problem(r, 422, "validation_error")["detail"]
    r = await post_csv(
        net,
        "members",
        csv_file("members_clean.csv", net),
        headers={"Content-Type": "text/csv; charset=windows-1252"},
    )
    assert "CSV UTF-8" in assert_problem(r, 415, "unsupported_media_type")["detail"]
    r = await post_csv(
        net, "members", b'{"display_name": "x"}', headers={"Content-Type": "application/json"}
    )
    assert "text/csv" in assert_problem(r, 415, "unsupported_media_type")["detail"]
    assert await tables(pool) == before


@pytest.mark.parametrize(
    ("content_type", "status"),
    [
        ("text/csv; header=present", 200),  # RFC 4180's own parameter
        ("text/csv; header=present; charset=utf-8", 200),
        ('Text/CSV;charset="UTF-8"', 200),
        ("text/csv; charset = utf-8", 200),
        ("text/csv; header=present; charset=windows-1252", 415),
        ("text/csv; charset=utf-16", 415),
    ],
)
async def test_media_type_parameters_other_than_charset_are_allowed(
    net: Network, content_type: str, status: int
) -> None:
    data = csv_file("members_clean.csv", net)
    r = await post_csv(net, "members", data, headers={"Content-Type": content_type}, dry_run="true")
    assert r.status_code == status, r.text


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("earnings_unknown_columns.csv", ["'member'", "'date'"]),
        (
            "earnings_two_identifiers.csv",
            ["exactly one", "the header has card_number, external_ref"],
        ),
        ("earnings_missing_columns.csv", ["missing required", "hours", "given_on"]),
    ],
)
async def test_header_problems_name_the_columns(net: Network, name: str, words: list[str]) -> None:
    r = await post_csv(net, "earnings", csv_file(name))
    body = assert_problem(r, 422, "validation_error")
    assert body["errors"][0]["field"] == "header"
    for word in words:
        assert word in body["detail"], body["detail"]


async def test_an_empty_file_and_a_header_only_file(net: Network) -> None:
    r = await post_csv(net, "members", b"\r\n\r\n")
    assert "empty" in assert_problem(r, 422, "validation_error")["detail"]
    r = await post_csv(net, "members", b"display_name,programme_id\r\n")
    assert r.status_code == 200 and r.json()["rows"] == 0 and r.json()["accepted"] == 0


async def test_too_many_rows_and_too_large_bodies(
    net: Network, pool: asyncpg.Pool, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    await import_members(net)
    before = await tables(pool)
    monkeypatch.setattr(app.state.settings, "import_max_rows", 2)
    r = await post_csv(net, "earnings", csv_file("earnings_excel_uk.csv"))
    assert "more than 2 rows" in assert_problem(r, 422, "validation_error")["detail"]
    monkeypatch.undo()
    huge = b"external_ref,hours,given_on\n" + b"TEN-001,1,01/10/2018\n" * 60_000
    r = await post_csv(net, "earnings", huge)
    assert_problem(r, 413, "payload_too_large")
    assert await tables(pool) == before
