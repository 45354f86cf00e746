"""Ledger invariants (DESIGN §2), checked by `timecredits check-ledger` and by the tests."""

from dataclasses import dataclass, field

import asyncpg

from app.services import outcomes, rollups, stats, unit_of_work


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
    """Run in one REPEATABLE READ snapshot so concurrent postings can't fake a mismatch
    (the report rollups' queue rolled first, so they are checked as far as they can be)."""
    report = LedgerReport()
    await rollups.catch_up(db)
    async with unit_of_work.snapshot(db):
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
        report.problems.extend(await _outbox(db))
        report.problems.extend(await _notes(db))
        report.problems.extend(await _references(db))
        report.problems.extend(await stats.rollup_problems(db))
        report.problems.extend(await outcomes.rollup_problems(db))
    return report


# What a transfer names without a foreign key (migration 0008): each must exist.
_DANGLING = """
SELECT count(*) FILTER (WHERE p.id IS NULL) AS programmes,
       count(*) FILTER (WHERE o.id IS NULL) AS organisations,
       count(*) FILTER (WHERE t.api_key_id IS NOT NULL AND k.id IS NULL) AS api_keys
  FROM transfers t
  LEFT JOIN programmes p ON p.id = t.programme_id
  LEFT JOIN organisations o ON o.id = t.organisation_id
  LEFT JOIN api_keys k ON k.id = t.api_key_id
"""


async def _references(db: asyncpg.Connection) -> list[str]:
    row = await db.fetchrow(_DANGLING)
    return [
        f"{n} transfer(s) name a missing {what.removesuffix('s').replace('_', ' ')}"
        for what, n in row.items()
        if n
    ]


# The outbox (DESIGN §7): every transfer has exactly one event, of its kind's type, and no
# transfer event names a transfer that does not exist. A redemption's event is the
# redemption's (redemption.completed, naming the redemption that made the transfer); a
# note batch's issue names the batch (note.issued), a note's redemption or void the note
# (note.redeemed, note.voided).
_EVENT_TYPE = """CASE t.kind WHEN 'allocation' THEN 'allocation.created'
                             WHEN 'earn' THEN 'earning.created'
                             WHEN 'spend' THEN 'spend.created'
                             WHEN 'gift' THEN 'gift.created'
                             WHEN 'redemption' THEN 'redemption.completed'
                             WHEN 'note_issue' THEN 'note.issued'
                             WHEN 'note_redeem' THEN 'note.redeemed'
                             WHEN 'note_void' THEN 'note.voided'
                             ELSE 'transaction.reversed' END"""
_TRANSFER_EVENTS = f"""
SELECT t.id, t.kind, count(e.seq) AS events, bool_and(e.type = {_EVENT_TYPE}) AS typed
  FROM transfers t LEFT JOIN redemptions r ON r.transfer_id = t.id
  LEFT JOIN note_batches nb ON nb.transfer_id = t.id
  LEFT JOIN notes nr ON nr.redeemed_transfer_id = t.id
  LEFT JOIN notes nv ON nv.voided_transfer_id = t.id
  LEFT JOIN events e ON e.resource_id = coalesce(r.id, nb.id, nr.id, nv.id, t.id)
                    AND (coalesce(r.id, nb.id, nr.id, nv.id) IS NULL OR e.type = {_EVENT_TYPE})
 GROUP BY t.id, t.kind
HAVING count(e.seq) <> 1 OR NOT bool_and(e.type = {_EVENT_TYPE})
 LIMIT 100
"""
_ORPHANS = """
SELECT count(*) FROM events e
 WHERE (e.type IN ('allocation.created', 'earning.created', 'spend.created', 'gift.created',
                   'transaction.reversed')
        AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.id = e.resource_id))
    OR (e.type IN ('redemption.completed', 'redemption.refunded')
        AND NOT EXISTS (SELECT 1 FROM redemptions r WHERE r.id = e.resource_id))
    OR (e.type = 'note.issued'
        AND NOT EXISTS (SELECT 1 FROM note_batches b WHERE b.id = e.resource_id))
    OR (e.type IN ('note.redeemed', 'note.voided')
        AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.id = e.resource_id))
"""


async def _outbox(db: asyncpg.Connection) -> list[str]:
    problems = [
        f"{r['kind']} transfer {r['id']} has {r['events']} event(s)"
        + ("" if r["typed"] is not False else " of the wrong type")
        for r in await db.fetch(_TRANSFER_EVENTS)
    ]
    orphans = await db.fetchval(_ORPHANS)
    if orphans:
        problems.append(f"{orphans} transfer event(s) name no transfer")
    return problems


# Notes in circulation: a programme's notes account holds exactly the value of its notes
# neither redeemed nor voided.
_NOTES = """
SELECT a.owner_id, a.balance,
       coalesce(sum(n.denomination)
                FILTER (WHERE n.redeemed_at IS NULL AND n.voided_at IS NULL), 0) AS outstanding
  FROM accounts a
  LEFT JOIN note_batches b ON b.programme_id = a.owner_id
  LEFT JOIN notes n ON n.batch_id = b.id
 WHERE a.kind = 'notes'
 GROUP BY a.id
HAVING a.balance <> coalesce(sum(n.denomination)
                             FILTER (WHERE n.redeemed_at IS NULL AND n.voided_at IS NULL), 0)
 ORDER BY a.owner_id LIMIT 100
"""


async def _notes(db: asyncpg.Connection) -> list[str]:
    return [
        f"notes account of programme {r['owner_id']} holds {r['balance']} hundredths but "
        f"its notes in circulation are worth {r['outstanding']}"
        for r in await db.fetch(_NOTES)
    ]
