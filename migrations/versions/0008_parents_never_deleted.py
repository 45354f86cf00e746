"""Transfers and idempotency keys name their programme, organisation and API key without
foreign keys; those rows are never deleted instead.

A foreign key checks every insert by locking the row it points at FOR KEY SHARE. Every
earning of a programme points at the same programme row, every earning of a partner at the
same organisation and key rows, so concurrent earnings kept locking the same few rows:
PostgreSQL records each such lock in the row (a WAL record and, with two or more holders, a
MultiXact), 0.08 ms of its CPU per transfer measured alone, more under concurrency
(docs/performance.md). The references stay sound by other means: programmes, organisations
and API keys cannot be deleted (a trigger refuses it; keys are revoked, never deleted), the
writers take these ids from rows they have just read, and `timecredits check-ledger` finds
any transfer naming a programme, organisation or key that does not exist. The accounts a
transfer moves credits between keep their foreign keys (each is locked FOR UPDATE by the
transfer anyway), and so does `reverses_id`.

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

PARENTS = ("programmes", "organisations", "api_keys")

UPGRADE = """
ALTER TABLE transfers DROP CONSTRAINT transfers_programme_id_fkey;
ALTER TABLE transfers DROP CONSTRAINT transfers_organisation_id_fkey;
ALTER TABLE transfers DROP CONSTRAINT transfers_api_key_id_fkey;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_organisation_id_fkey;
CREATE FUNCTION never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never deleted (transfers name them)', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END $$;
""" + "".join(
    f"""CREATE TRIGGER {table}_never_deleted BEFORE DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION never_deleted();
"""
    for table in PARENTS
)

DOWNGRADE = "".join(f"DROP TRIGGER {table}_never_deleted ON {table};\n" for table in PARENTS) + """
DROP FUNCTION never_deleted;
ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_organisation_id_fkey
    FOREIGN KEY (organisation_id) REFERENCES organisations (id);
ALTER TABLE transfers ADD CONSTRAINT transfers_api_key_id_fkey
    FOREIGN KEY (api_key_id) REFERENCES api_keys (id);
ALTER TABLE transfers ADD CONSTRAINT transfers_organisation_id_fkey
    FOREIGN KEY (organisation_id) REFERENCES organisations (id);
ALTER TABLE transfers ADD CONSTRAINT transfers_programme_id_fkey
    FOREIGN KEY (programme_id) REFERENCES programmes (id);
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
