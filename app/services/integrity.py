"""Ledger invariants (DESIGN §2), checked by `timecredits check-ledger` and by the tests."""

from dataclasses import dataclass, field

import asyncpg


@dataclass
class LedgerReport:
    accounts: int = 0
    transfers: int = 0
    total_balance: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


async def check(db: asyncpg.Connection) -> LedgerReport:
    """Run in one REPEATABLE READ snapshot so concurrent postings can't fake a mismatch."""
    report = LedgerReport()
    async with db.transaction(isolation="repeatable_read", readonly=True):
        totals = await db.fetchrow(
            "SELECT count(*) AS n, coalesce(sum(balance), 0) AS total FROM accounts"
        )
        report.accounts, report.total_balance = totals["n"], int(totals["total"])
        report.transfers = await db.fetchval("SELECT count(*) FROM transfers")
        if report.total_balance != 0:
            report.problems.append(f"balances sum to {report.total_balance} hundredths, not 0")
        mismatched = await db.fetch(
            """WITH flows AS (
                   SELECT debit_account_id AS account_id, -amount AS delta FROM transfers
                   UNION ALL
                   SELECT credit_account_id, amount FROM transfers)
               SELECT a.id, a.kind, a.owner_id, a.balance, coalesce(sum(f.delta), 0) AS expected
                 FROM accounts a LEFT JOIN flows f ON f.account_id = a.id
                GROUP BY a.id
               HAVING a.balance <> coalesce(sum(f.delta), 0)
                ORDER BY a.id LIMIT 100"""
        )
        for r in mismatched:
            report.problems.append(
                f"{r['kind']} account {r['owner_id']} holds {r['balance']} hundredths "
                f"but its transfers sum to {r['expected']}"
            )
        negative = await db.fetch(
            """SELECT kind, owner_id, balance FROM accounts
                WHERE (kind <> 'issuance' AND balance < 0) OR (kind = 'issuance' AND balance > 0)
                LIMIT 100"""
        )
        for r in negative:
            report.problems.append(
                f"{r['kind']} account {r['owner_id']} has balance {r['balance']}"
            )
        double = await db.fetchval(
            """SELECT count(*) FROM transfers r JOIN transfers o ON o.id = r.reverses_id
                WHERE r.amount <> o.amount OR r.debit_account_id <> o.credit_account_id
                   OR r.credit_account_id <> o.debit_account_id"""
        )
        if double:
            report.problems.append(f"{double} reversal(s) do not mirror their original transfer")
    return report
