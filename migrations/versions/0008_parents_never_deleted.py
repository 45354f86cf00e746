"""Cheaper writes for the earning's hot path, measured with `perf` on the PostgreSQL side
(docs/performance.md): fewer foreign-key checks, one statement in ledger_move, one check
fewer on events.

Transfers and idempotency keys name their programme, organisation, API key and accounts
without foreign keys; those rows are never deleted instead.

A foreign key checks every insert by locking the row it points at FOR KEY SHARE. Every
earning of a programme points at the same programme row, every earning of a partner at the
same organisation and key rows, so concurrent earnings kept locking the same few rows:
PostgreSQL records each such lock in the row (a WAL record and, with two or more holders, a
MultiXact), 0.08 ms of its CPU per transfer measured alone, more under concurrency
(docs/performance.md). The references stay sound by other means: programmes, organisations
and API keys cannot be deleted (a trigger refuses it; keys are revoked, never deleted), the
writers take these ids from rows they have just read, and `timecredits check-ledger` finds
any transfer naming a programme, organisation or key that does not exist. The accounts a
transfer moves credits between lose theirs too: ledger_move locks both rows FOR UPDATE
before it inserts the transfer, so they exist when it does, and accounts are never deleted
either (check-ledger already matches every account with its transfers). `reverses_id` keeps
its foreign key (reversals are rare).

ledger_move did its work in four statements (lock both accounts in id order, debit, credit,
insert), each started and finished by the executor on its own; it is now one statement
doing the same in the same order. It also says it returns at most one row (ROWS 1): the
default estimate of 1,000 made the earning's plan look costly enough for PostgreSQL to
JIT-compile it on every call (70 ms).

events.type loses its pattern check: types come from the code (app/models/events.py), and
the check's regular expression was evaluated on every insert.

Revision ID: 0008_parents_never_deleted
Revises: 0007_leaner_writes
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0008_parents_never_deleted"
down_revision: str | None = "0007_leaner_writes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PARENTS = ("programmes", "organisations", "api_keys", "accounts")
FOREIGN_KEYS = {
    "transfers_programme_id_fkey": ("transfers", "programme_id", "programmes"),
    "transfers_organisation_id_fkey": ("transfers", "organisation_id", "organisations"),
    "transfers_api_key_id_fkey": ("transfers", "api_key_id", "api_keys"),
    "transfers_debit_account_id_fkey": ("transfers", "debit_account_id", "accounts"),
    "transfers_credit_account_id_fkey": ("transfers", "credit_account_id", "accounts"),
    "idempotency_keys_organisation_id_fkey": (
        "idempotency_keys",
        "organisation_id",
        "organisations",
    ),
}

# The same arithmetic as 0001's, in one statement: `locked` takes both rows in id order (so
# concurrent moves never deadlock) before `debited` runs (its condition reads `locked`),
# `credited` only once the debit succeeded, the insert only once both did.
LEDGER_MOVE = """
CREATE OR REPLACE FUNCTION ledger_move(
    p_id text, p_kind text, p_debit bigint, p_credit bigint, p_amount bigint,
    p_programme text, p_organisation text, p_api_key text, p_reverses text, p_metadata jsonb,
    p_created_at timestamptz DEFAULT now()
) RETURNS TABLE (created_at timestamptz, debit_balance bigint, credit_balance bigint)
LANGUAGE plpgsql ROWS 1 AS $$
BEGIN
    RETURN QUERY
    WITH locked AS (
        SELECT a.id FROM accounts a WHERE a.id IN (p_debit, p_credit) ORDER BY a.id FOR UPDATE
    ), debited AS (
        UPDATE accounts a SET balance = a.balance - p_amount
         WHERE a.id = p_debit AND (a.kind = 'issuance' OR a.balance >= p_amount)
           AND (SELECT count(*) FROM locked) = 2
        RETURNING a.balance
    ), credited AS (
        UPDATE accounts a SET balance = a.balance + p_amount
         WHERE a.id = p_credit AND EXISTS (SELECT FROM debited)
        RETURNING a.balance
    ), inserted AS (
        INSERT INTO transfers AS t (id, kind, debit_account_id, credit_account_id, amount,
                                    programme_id, organisation_id, api_key_id, reverses_id,
                                    metadata, created_at)
        SELECT p_id, p_kind, p_debit, p_credit, p_amount, p_programme, p_organisation,
               p_api_key, p_reverses, p_metadata, p_created_at
          FROM credited
        RETURNING t.created_at
    )
    SELECT inserted.created_at, debited.balance, credited.balance
      FROM inserted, debited, credited;
END $$;
"""

# 0001's, for the downgrade.
ORIGINAL_LEDGER_MOVE = """
CREATE OR REPLACE FUNCTION ledger_move(
    p_id text, p_kind text, p_debit bigint, p_credit bigint, p_amount bigint,
    p_programme text, p_organisation text, p_api_key text, p_reverses text, p_metadata jsonb,
    p_created_at timestamptz DEFAULT now()
) RETURNS TABLE (created_at timestamptz, debit_balance bigint, credit_balance bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_debit bigint;
    v_credit bigint;
    v_created timestamptz;
BEGIN
    PERFORM 1 FROM accounts a WHERE a.id IN (p_debit, p_credit) ORDER BY a.id FOR UPDATE;
    UPDATE accounts a SET balance = a.balance - p_amount
     WHERE a.id = p_debit AND (a.kind = 'issuance' OR a.balance >= p_amount)
    RETURNING a.balance INTO v_debit;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    UPDATE accounts a SET balance = a.balance + p_amount WHERE a.id = p_credit
    RETURNING a.balance INTO v_credit;
    INSERT INTO transfers AS t (id, kind, debit_account_id, credit_account_id, amount,
                                programme_id, organisation_id, api_key_id, reverses_id, metadata,
                                created_at)
    VALUES (p_id, p_kind, p_debit, p_credit, p_amount,
            p_programme, p_organisation, p_api_key, p_reverses, p_metadata, p_created_at)
    RETURNING t.created_at INTO v_created;
    RETURN QUERY SELECT v_created, v_debit, v_credit;
END $$;
"""

UPGRADE = (
    """
ALTER TABLE events DROP CONSTRAINT events_type_check;
"""
    + "".join(
        f"ALTER TABLE {table} DROP CONSTRAINT {name};\n"
        for name, (table, _, _) in FOREIGN_KEYS.items()
    )
    + LEDGER_MOVE
    + """
CREATE FUNCTION never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never deleted (transfers name them)', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END $$;
"""
    + "".join(
        f"""CREATE TRIGGER {table}_never_deleted BEFORE DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION never_deleted();
"""
        for table in PARENTS
    )
)

DOWNGRADE = (
    "".join(f"DROP TRIGGER {table}_never_deleted ON {table};\n" for table in PARENTS)
    + "DROP FUNCTION never_deleted;\n"
    + "".join(
        f"ALTER TABLE {table} ADD CONSTRAINT {name} "
        f"FOREIGN KEY ({column}) REFERENCES {parent} (id);\n"
        for name, (table, column, parent) in FOREIGN_KEYS.items()
    )
    + "ALTER TABLE events ADD CONSTRAINT events_type_check "
    + "CHECK (type ~ '^[a-z_]+\\.[a-z_]+$');\n"
    + ORIGINAL_LEDGER_MOVE
)


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
