"""The schema as SQLModel tables: the map a reader navigates by.

Migrations (migrations/versions) create the schema, including what SQLModel cannot express
(CHECK constraints, the append-only trigger, the ledger_move function); a test compares
these tables with the migrated database so the two never drift."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, TIMESTAMP
from sqlmodel import Field, SQLModel

metadata = SQLModel.metadata


def _ts(nullable: bool = False, default: bool = True) -> Any:
    return Field(
        sa_column=Column(
            TIMESTAMP(timezone=True),
            nullable=nullable,
            server_default=text("now()") if default else None,
        )
    )


class Programme(SQLModel, table=True):
    __tablename__ = "programmes"
    id: str = Field(sa_column=Column(Text, primary_key=True))
    name: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    place: str = Field(sa_column=Column(Text, nullable=False))
    focus: str = Field(sa_column=Column(Text, nullable=False))
    starts_on: date = Field(sa_column=Column(Date, nullable=False))
    ends_on: date | None = Field(sa_column=Column(Date, nullable=True))
    created_at: datetime = _ts()


class Organisation(SQLModel, table=True):
    __tablename__ = "organisations"
    id: str = Field(sa_column=Column(Text, primary_key=True))
    name: str = Field(sa_column=Column(Text, nullable=False))
    roles: list[str] = Field(sa_column=Column(ARRAY(Text), nullable=False))
    created_at: datetime = _ts()


class OrganisationProgramme(SQLModel, table=True):
    __tablename__ = "organisation_programmes"
    __table_args__ = (Index("organisation_programmes_programme", "programme_id"),)
    organisation_id: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), primary_key=True)
    )
    programme_id: str = Field(sa_column=Column(Text, ForeignKey("programmes.id"), primary_key=True))


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_keys"
    __table_args__ = (Index("api_keys_organisation", "organisation_id", "created_at"),)
    id: str = Field(sa_column=Column(Text, primary_key=True))
    organisation_id: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), nullable=False)
    )
    name: str = Field(sa_column=Column(Text, nullable=False))
    secret_prefix: str = Field(sa_column=Column(Text, nullable=False))
    secret_hash: bytes = Field(sa_column=Column(LargeBinary, nullable=False, unique=True))
    scopes: list[str] = Field(sa_column=Column(ARRAY(Text), nullable=False))
    created_at: datetime = _ts()
    last_used_at: datetime | None = _ts(nullable=True, default=False)
    revoked_at: datetime | None = _ts(nullable=True, default=False)


class Account(SQLModel, table=True):
    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("kind", "owner_id"),)
    id: int = Field(sa_column=Column(BigInteger, Identity(always=True), primary_key=True))
    kind: str = Field(sa_column=Column(Text, nullable=False))
    owner_id: str = Field(sa_column=Column(Text, nullable=False))
    balance: int = Field(sa_column=Column(BigInteger, nullable=False, server_default="0"))
    created_at: datetime = _ts()


class Member(SQLModel, table=True):
    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("home_organisation_id", "external_ref"),
        Index("members_home", "home_organisation_id", "seq"),
    )
    id: str = Field(sa_column=Column(Text, primary_key=True))
    card_number: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    home_organisation_id: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), nullable=False)
    )
    programme_id: str = Field(sa_column=Column(Text, ForeignKey("programmes.id"), nullable=False))
    account_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("accounts.id"), nullable=False, unique=True)
    )
    display_name: str = Field(sa_column=Column(Text, nullable=False))
    external_ref: str | None = Field(sa_column=Column(Text, nullable=True))
    year_of_birth: int | None = Field(sa_column=Column(Integer, nullable=True))
    postcode_district: str | None = Field(sa_column=Column(Text, nullable=True))
    consent_contact: bool = Field(
        sa_column=Column(Boolean, nullable=False, server_default=text("false"))
    )
    consent_research: bool = Field(
        sa_column=Column(Boolean, nullable=False, server_default=text("false"))
    )
    seq: int = Field(sa_column=Column(BigInteger, Identity(always=True), unique=True))
    created_at: datetime = _ts()


class Transfer(SQLModel, table=True):
    __tablename__ = "transfers"
    __table_args__ = (
        Index("transfers_organisation", "organisation_id", "seq"),
        Index("transfers_debit", "debit_account_id", "seq"),
        Index("transfers_credit", "credit_account_id", "seq"),
        Index("transfers_programme", "programme_id", "created_at"),
    )
    id: str = Field(sa_column=Column(Text, primary_key=True))
    seq: int = Field(sa_column=Column(BigInteger, Identity(always=True), unique=True))
    kind: str = Field(sa_column=Column(Text, nullable=False))
    debit_account_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("accounts.id"), nullable=False)
    )
    credit_account_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("accounts.id"), nullable=False)
    )
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    programme_id: str = Field(sa_column=Column(Text, ForeignKey("programmes.id"), nullable=False))
    organisation_id: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), nullable=False)
    )
    api_key_id: str | None = Field(sa_column=Column(Text, ForeignKey("api_keys.id")))
    reverses_id: str | None = Field(sa_column=Column(Text, ForeignKey("transfers.id"), unique=True))
    metadata_: dict[str, Any] = Field(
        sa_column=Column("metadata", JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    )
    created_at: datetime = _ts()


class IdempotencyKey(SQLModel, table=True):
    __tablename__ = "idempotency_keys"
    __table_args__ = (Index("idempotency_keys_created", "created_at"),)
    organisation_id: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), primary_key=True)
    )
    key: str = Field(sa_column=Column(Text, primary_key=True))
    fingerprint: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    status_code: int | None = Field(sa_column=Column(Integer))
    response_body: bytes | None = Field(sa_column=Column(LargeBinary))
    created_at: datetime = _ts()
