"""`timecredits check-ledger`: passes on healthy books, fails loudly on corrupted ones.

Corruption is done with raw SQL the constraints allow (balances edited behind the ledger's
back, a transfer inserted without moving balances), as a bad migration or a hand-run fix
might."""

import asyncpg
import pytest

from tests.ledger.support import (
    check_ledger_cli,
    earn,
    gift,
    ledger_report,
    reverse,
    spend,
)
from tests.network import Network

pytestmark = pytest.mark.slow  # each test runs the CLI in a subprocess


async def _busy_ledger(net: Network) -> tuple[dict, dict]:
    """Every kind of transfer, a reversal and a refused reversal included."""
    asha = await net.funded_member(10)
    ben = await net.funded_member(5)
    assert (await spend(net, asha["id"], "1.25")).status_code == 201
    assert (await gift(net, asha["id"], 2, to_member_id=ben["id"])).status_code == 201
    assert (await gift(net, ben["id"], 1, to_organisation_id=net.venue.id)).status_code == 201
    r = await earn(net, ben["id"], "0.5")
    assert (await reverse(net, r.json()["id"])).status_code == 201
    r = await net.client.post(
        "/v1/earnings",
        headers=net.other.headers,
        json={"card_number": asha["card_number"], "hours": 3},
    )
    assert r.status_code == 201, r.text
    return asha, ben


def _around_ledger_move(problems: list[str]) -> list[str]:
    """The problems of a transfer these tests forge by inserting it directly, less the
    rollups': only ledger_move (and the import) queue a transfer's report effect
    (migration 0023), so the rollups never count a forged one, and the check says so too."""
    rest = [p for p in problems if not p.endswith(" disagree with the transfers")]
    assert any(p.startswith("1 row(s) of report_sums ") for p in problems), problems
    return rest


async def _member_account(pool: asyncpg.Pool, member_id: str) -> int:
    return await pool.fetchval("SELECT account_id FROM members WHERE id = $1", member_id)


async def test_check_ledger_passes_on_a_healthy_ledger(
    net: Network, pool: asyncpg.Pool, database_url: str
) -> None:
    await _busy_ledger(net)
    report = await ledger_report(pool)
    assert report.ok, report.problems
    assert report.total_balance == 0
    assert report.transfers == await pool.fetchval("SELECT count(*) FROM transfers")
    assert report.accounts == await pool.fetchval("SELECT count(*) FROM accounts")

    cli = await check_ledger_cli(database_url)
    assert cli.returncode == 0, cli.stderr
    assert "ledger OK" in cli.stdout
    assert f"{report.accounts} accounts, {report.transfers} transfers" in cli.stdout
    assert "FAIL" not in cli.stderr


async def test_check_ledger_passes_on_an_empty_database(
    pool: asyncpg.Pool, database_url: str
) -> None:
    report = await ledger_report(pool)
    assert report.ok and report.accounts == 0 and report.transfers == 0
    cli = await check_ledger_cli(database_url)
    assert cli.returncode == 0, cli.stderr


async def test_check_ledger_fails_when_balances_are_moved_between_accounts_behind_the_ledgers_back(
    net: Network, pool: asyncpg.Pool, database_url: str
) -> None:
    """The balances still sum to zero, but two accounts disagree with their transfers."""
    asha, ben = await _busy_ledger(net)
    await pool.execute(
        "UPDATE accounts SET balance = balance + 100 WHERE id = $1",
        await _member_account(pool, asha["id"]),
    )
    await pool.execute(
        "UPDATE accounts SET balance = balance - 100 WHERE id = $1",
        await _member_account(pool, ben["id"]),
    )

    report = await ledger_report(pool)
    assert not report.ok
    assert report.total_balance == 0
    assert len(report.problems) == 2
    assert any(asha["id"] in p for p in report.problems)
    assert any(ben["id"] in p for p in report.problems)

    cli = await check_ledger_cli(database_url)
    assert cli.returncode == 1, (cli.stdout, cli.stderr)
    assert "ledger OK" not in cli.stdout
    assert f"member account {asha['id']}" in cli.stderr
    assert f"member account {ben['id']}" in cli.stderr
    assert "FAIL" in cli.stderr


async def test_check_ledger_fails_when_one_balance_is_changed_and_the_books_no_longer_sum_to_zero(
    net: Network, pool: asyncpg.Pool, database_url: str
) -> None:
    await _busy_ledger(net)
    await pool.execute(
        "UPDATE accounts SET balance = balance + 100 WHERE kind = 'organisation' AND owner_id = $1",
        net.venue.id,
    )

    report = await ledger_report(pool)
    assert report.total_balance == 100
    assert any("sum to 100" in p for p in report.problems)
    assert any(net.venue.id in p for p in report.problems)

    cli = await check_ledger_cli(database_url)
    assert cli.returncode == 1, (cli.stdout, cli.stderr)
    assert "balances sum to 100 hundredths, not 0" in cli.stderr
    assert f"organisation account {net.venue.id}" in cli.stderr


async def test_check_ledger_fails_when_a_transfer_is_recorded_without_moving_balances(
    net: Network, pool: asyncpg.Pool, database_url: str
) -> None:
    asha, _ = await _busy_ledger(net)
    venue_account = await pool.fetchval(
        "SELECT id FROM accounts WHERE kind = 'organisation' AND owner_id = $1", net.venue.id
    )
    await pool.execute(
        """INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount,
                                  programme_id, organisation_id)
           VALUES ('txn_forged0000000', 'spend', $1, $2, 100, $3, $4)""",
        await _member_account(pool, asha["id"]),
        venue_account,
        net.programme_id,
        net.partner.id,
    )

    report = await ledger_report(pool)
    assert report.total_balance == 0
    # Both accounts disagree with their transfers, and the forged transfer has no event.
    assert len(_around_ledger_move(report.problems)) == 3
    assert "spend transfer txn_forged0000000 has 0 event(s)" in report.problems

    cli = await check_ledger_cli(database_url)
    assert cli.returncode == 1
    assert f"member account {asha['id']}" in cli.stderr
    assert f"organisation account {net.venue.id}" in cli.stderr


async def test_check_ledger_fails_when_a_reversal_does_not_mirror_its_original(
    net: Network, pool: asyncpg.Pool, database_url: str
) -> None:
    """Balances agree with the transfers, but a 'reversal' returned the wrong amount."""
    asha, _ = await _busy_ledger(net)
    r = await earn(net, asha["id"], 2)
    original = r.json()["id"]
    member_account = await _member_account(pool, asha["id"])
    partner_account = await pool.fetchval(
        "SELECT id FROM accounts WHERE kind = 'organisation' AND owner_id = $1", net.partner.id
    )
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(
            """INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount,
                                      programme_id, organisation_id, reverses_id)
               VALUES ('txn_badreversal000', 'reversal', $1, $2, 150, $3, $4, $5)""",
            member_account,
            partner_account,
            net.programme_id,
            net.partner.id,
            original,
        )
        await conn.execute(
            "UPDATE accounts SET balance = balance - 150 WHERE id = $1", member_account
        )
        await conn.execute(
            "UPDATE accounts SET balance = balance + 150 WHERE id = $1", partner_account
        )

    report = await ledger_report(pool)
    assert _around_ledger_move(report.problems) == [
        "1 reversal(s) do not mirror their original transfer",
        "reversal transfer txn_badreversal000 has 0 event(s)",
    ]

    cli = await check_ledger_cli(database_url)
    assert cli.returncode == 1
    assert "do not mirror" in cli.stderr


async def test_check_ledger_fails_when_a_transfer_has_no_event_or_an_event_no_transfer(
    net: Network, pool: asyncpg.Pool, database_url: str
) -> None:
    """The outbox (DESIGN §7): no change without its event, no event without its change."""
    await _busy_ledger(net)
    assert (await ledger_report(pool)).ok
    await pool.execute(
        """INSERT INTO events (type, resource_id, data)
           VALUES ('earning.created', 'txn_nosuchtransfer', '{}')"""
    )
    report = await ledger_report(pool)
    assert report.problems == ["1 transfer event(s) name no transfer"]
    cli = await check_ledger_cli(database_url)
    assert cli.returncode == 1
    assert "name no transfer" in cli.stderr


async def test_check_ledger_fails_when_a_transfer_names_a_programme_or_key_that_does_not_exist(
    net: Network, pool: asyncpg.Pool
) -> None:
    """Transfers name their programme, poster and key without foreign keys (migration 0008):
    the check is what notices one that dangles."""
    asha, _ = await _busy_ledger(net)
    member_account = await _member_account(pool, asha["id"])
    venue_account = await pool.fetchval(
        "SELECT id FROM accounts WHERE kind = 'organisation' AND owner_id = $1", net.venue.id
    )
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(
            """INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount,
                                      programme_id, organisation_id, api_key_id)
               VALUES ('txn_dangling00000', 'spend', $1, $2, 100, 'prg_nosuchprogram',
                       $3, 'key_nosuchkey0000')""",
            member_account,
            venue_account,
            net.partner.id,
        )
        await conn.execute(
            "UPDATE accounts SET balance = balance - 100 WHERE id = $1", member_account
        )
        await conn.execute(
            "UPDATE accounts SET balance = balance + 100 WHERE id = $1", venue_account
        )
        await conn.execute(
            """INSERT INTO events (type, resource_id, data)
               VALUES ('spend.created', 'txn_dangling00000', '{}')"""
        )
    report = await ledger_report(pool)
    assert _around_ledger_move(report.problems) == [
        "1 transfer(s) name a missing programme",
        "1 transfer(s) name a missing api key",
    ]


async def test_programmes_organisations_and_keys_are_never_deleted(
    net: Network, pool: asyncpg.Pool
) -> None:
    for table, id_ in (
        ("programmes", net.programme_id),
        ("organisations", net.venue.id),
        ("api_keys", await pool.fetchval("SELECT id FROM api_keys LIMIT 1")),
    ):
        with pytest.raises(asyncpg.RestrictViolationError, match="never deleted"):
            await pool.execute(f"DELETE FROM {table} WHERE id = $1", id_)
