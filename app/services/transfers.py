"""Reading the ledger: one transfer, an organisation's transfers, a member's transfers.

Who may read a transfer (`visible`): its poster, an organisation on either side, the home
organisation of a member on either side, and the operator. Lists are keyset pages, newest
first, and each is a union of index ranges (transfers_organisation, transfers_debit,
transfers_credit: (who, seq)), each cut at the page size before they are merged: a page
costs the same whether the ledger holds a thousand transfers or a million
(bench/pages.py; tests/ledger/test_transaction_pages.py checks the plans)."""

import json
from datetime import date, datetime

import asyncpg

from app.auth.caller import Caller
from app.models.dates import bound
from app.models.ledger import Party, TransferRead
from app.models.money import from_hundredths
from app.services import members, pagination
from app.services.directory_search import Sql
from app.services.errors import NotFound

PARTY = {
    "member": "member",
    "organisation": "organisation",
    "issuance": "programme",
    "notes": "programme",
}

_SELECT = """
SELECT t.id, t.seq, t.kind, t.amount, t.programme_id, t.organisation_id, t.created_at,
       t.reverses_id, t.metadata, r.id AS reversed_by,
       da.kind AS debit_kind, da.owner_id AS debit_owner,
       ca.kind AS credit_kind, ca.owner_id AS credit_owner
  FROM transfers t
  JOIN accounts da ON da.id = t.debit_account_id
  JOIN accounts ca ON ca.id = t.credit_account_id
  LEFT JOIN transfers r ON r.reverses_id = t.id
"""


def visible(me: str, operator: str) -> str:
    """The one rule of who may read a transfer `t` (`me`: the caller's organisation,
    `operator`: whether it is the operator; SQL parameters), on the transfer's own
    columns, so that it can filter an index range."""
    return f"""({operator} OR t.organisation_id = {me}
 OR EXISTS (SELECT 1 FROM accounts oa
             WHERE oa.id IN (t.debit_account_id, t.credit_account_id)
               AND oa.kind = 'organisation' AND oa.owner_id = {me})
 OR EXISTS (SELECT 1 FROM members hm
             WHERE hm.account_id IN (t.debit_account_id, t.credit_account_id)
               AND hm.home_organisation_id = {me}))"""


# Later than any transfer: the first page's cursor.
_TOP = (1 << 63) - 1


def read(row: asyncpg.Record) -> TransferRead:
    return TransferRead(
        id=row["id"],
        kind=row["kind"],
        credits=from_hundredths(row["amount"]),
        from_=Party(type=PARTY[row["debit_kind"]], id=row["debit_owner"]),
        to=Party(type=PARTY[row["credit_kind"]], id=row["credit_owner"]),
        programme_id=row["programme_id"],
        organisation_id=row["organisation_id"],
        created_at=row["created_at"],
        reverses=row["reverses_id"],
        reversed_by=row["reversed_by"],
        metadata=row["metadata"]
        if isinstance(row["metadata"], dict)
        else json.loads(row["metadata"]),
    )


async def get(db: asyncpg.Connection, caller: Caller, transfer_id: str) -> TransferRead:
    """NotFound when it does not exist or the caller may not read it (never says which)."""
    row = await db.fetchrow(
        _SELECT + f" WHERE t.id = $3 AND {visible('$1', '$2')}",
        caller.organisation_id,
        caller.is_operator,
        transfer_id,
    )
    if row is None:
        raise NotFound(f"no transaction {transfer_id}")
    return read(row)


async def list_for(
    db: asyncpg.Connection,
    caller: Caller,
    *,
    kind: str | None = None,
    member_id: str | None = None,
    member_scope: bool = False,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    limit: int,
    after: str | None,
) -> pagination.Page[TransferRead]:
    """Newest first. Without member_scope: the caller's own transfers (posted by it or
    moving its credits), of one member of theirs if member_id is given. With member_scope:
    every transfer of that member the caller may read."""
    cursor = pagination.decode(after)
    sql = Sql()
    me = sql.param(caller.organisation_id)
    before, size = sql.param(cursor if cursor is not None else _TOP), sql.param(limit + 1)
    filters = [f"t.seq < {before}"]
    if kind is not None:
        filters.append(f"t.kind = {sql.param(kind)}")
    if since is not None:
        filters.append(f"t.created_at >= {sql.param(bound(since))}")
    if until is not None:
        filters.append(f"t.created_at < {sql.param(bound(until, end=True))}")
    mine = f"(SELECT id FROM accounts WHERE kind = 'organisation' AND owner_id = {me})"
    if member_id is not None:
        account = sql.param((await members.get_row(db, caller, member_id))["account_id"])
        # The member's two ranges; of them, what the caller may read (all of it for their
        # home organisation), or with member_scope off only what moved the caller's credits.
        check = (
            visible(me, sql.param(caller.is_operator))
            if member_scope
            else f"(t.organisation_id = {me} OR t.debit_account_id = {mine} "
            f"OR t.credit_account_id = {mine})"
        )
        ranges = [f"t.debit_account_id = {account}", f"t.credit_account_id = {account}"]
        filters.append(check)
    else:
        ranges = [
            f"t.organisation_id = {me}",
            f"t.debit_account_id = {mine}",
            f"t.credit_account_id = {mine}",
        ]
    where = " AND ".join(filters)
    union = " UNION ".join(
        f"""(SELECT t.seq, t.id FROM transfers t WHERE {r} AND {where}
              ORDER BY t.seq DESC LIMIT {size})"""
        for r in ranges
    )
    rows = await db.fetch(
        f"""WITH picked AS (SELECT * FROM ({union}) r ORDER BY seq DESC LIMIT {size})
            {_SELECT} JOIN picked p ON p.id = t.id
             ORDER BY t.seq DESC""",
        *sql.params,
    )
    return pagination.page(rows, limit, lambda r: r["seq"], read)
