"""Foundation: programmes, organisations, API keys, members, the ledger, idempotency keys.

Revision ID: 0001_foundation
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0001_foundation"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES = "'operator','commissioner','earn_partner','spend_partner','prescriber'"
KINDS = "'allocation','earn','spend','gift','reversal'"

UPGRADE = f"""
CREATE TABLE programmes (
    id          text PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    place       text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
    focus       text NOT NULL CHECK (length(focus) BETWEEN 1 AND 200),
    starts_on   date NOT NULL,
    ends_on     date CHECK (ends_on IS NULL OR ends_on >= starts_on),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisations (
    id          text PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    roles       text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[{ROLES}]),
    created_at  timestamptz NOT NULL DEFAULT now()
);
-- At most one operator: the network has one minting authority.
CREATE UNIQUE INDEX organisations_one_operator ON organisations ((true))
    WHERE 'operator' = ANY (roles);

CREATE TABLE organisation_programmes (
    organisation_id text NOT NULL REFERENCES organisations (id),
    programme_id    text NOT NULL REFERENCES programmes (id),
    PRIMARY KEY (organisation_id, programme_id)
);
CREATE INDEX organisation_programmes_programme ON organisation_programmes (programme_id);

CREATE TABLE api_keys (
    id              text PRIMARY KEY,
    organisation_id text NOT NULL REFERENCES organisations (id),
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    secret_prefix   text NOT NULL,
    secret_hash     bytea NOT NULL UNIQUE,
    scopes          text[] NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_used_at    timestamptz,
    revoked_at      timestamptz
);
CREATE INDEX api_keys_organisation ON api_keys (organisation_id, created_at);

-- Accounts: one per member, one per organisation, one issuance account per programme.
-- Balances are integer hundredths of a credit.
CREATE TABLE accounts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('member','organisation','issuance')),
    owner_id        text NOT NULL,
    balance         bigint NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, owner_id),
    -- The database, not only Python, refuses a wallet or organisation below zero;
    -- an issuance account only ever goes negative (minus the credits in circulation).
    CONSTRAINT accounts_balance_sign CHECK (
        (kind = 'issuance' AND balance <= 0) OR (kind <> 'issuance' AND balance >= 0)
    )
);

CREATE TABLE members (
    id                   text PRIMARY KEY,
    card_number          text NOT NULL UNIQUE CHECK (card_number ~ '^[0-9]{{12}}$'),
    home_organisation_id text NOT NULL REFERENCES organisations (id),
    programme_id         text NOT NULL REFERENCES programmes (id),
    account_id           bigint NOT NULL UNIQUE REFERENCES accounts (id),
    display_name         text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    external_ref         text CHECK (length(external_ref) BETWEEN 1 AND 100),
    year_of_birth        integer CHECK (year_of_birth BETWEEN 1900 AND 2100),
    postcode_district    text CHECK (postcode_district ~ '^[A-Z]{{1,2}}[0-9][0-9A-Z]?$'),
    consent_contact      boolean NOT NULL DEFAULT false,
    consent_research     boolean NOT NULL DEFAULT false,
    seq                  bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    created_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (home_organisation_id, external_ref)
);
CREATE INDEX members_home ON members (home_organisation_id, seq);

-- Transfers are append-only: corrections are reversals, never edits.
CREATE TABLE transfers (
    id                text PRIMARY KEY,
    seq               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    kind              text NOT NULL CHECK (kind IN ({KINDS})),
    debit_account_id  bigint NOT NULL REFERENCES accounts (id),
    credit_account_id bigint NOT NULL REFERENCES accounts (id),
    amount            bigint NOT NULL CHECK (amount > 0),
    programme_id      text NOT NULL REFERENCES programmes (id),
    organisation_id   text NOT NULL REFERENCES organisations (id),
    api_key_id        text REFERENCES api_keys (id),
    reverses_id       text UNIQUE REFERENCES transfers (id),
    metadata          jsonb NOT NULL DEFAULT '{{}}'::jsonb,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (debit_account_id <> credit_account_id),
    CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
);
CREATE INDEX transfers_organisation ON transfers (organisation_id, seq);
CREATE INDEX transfers_debit ON transfers (debit_account_id, seq);
CREATE INDEX transfers_credit ON transfers (credit_account_id, seq);
CREATE INDEX transfers_programme ON transfers (programme_id, created_at);

CREATE FUNCTION transfers_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'transfers are append-only; post a reversal instead'
        USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER transfers_append_only BEFORE UPDATE OR DELETE ON transfers
    FOR EACH ROW EXECUTE FUNCTION transfers_append_only();

-- The one piece of ledger arithmetic. Locks both accounts in id order (so concurrent
-- moves never deadlock), debits only if the balance covers the amount (issuance accounts
-- may go negative), credits, and records the transfer, in the caller's transaction.
-- Returns no row when the debit account cannot cover the amount. p_created_at exists for
-- loading history (the demo network); the API always posts at now().
CREATE FUNCTION ledger_move(
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

-- Idempotency keys, scoped per organisation. Only completed requests are stored (the row
-- is written in the operation's own transaction), so a failed request may be retried.
CREATE TABLE idempotency_keys (
    organisation_id text NOT NULL REFERENCES organisations (id),
    key             text NOT NULL,
    fingerprint     bytea NOT NULL,
    status_code     integer,
    response_body   bytea,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
"""

DOWNGRADE = """
DROP TABLE idempotency_keys;
DROP FUNCTION ledger_move(text, text, bigint, bigint, bigint, text, text, text, text, jsonb,
    timestamptz);
DROP TABLE transfers;
DROP FUNCTION transfers_append_only;
DROP TABLE members;
DROP TABLE accounts;
DROP TABLE api_keys;
DROP TABLE organisation_programmes;
DROP TABLE organisations;
DROP TABLE programmes;
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
