"""The schema as SQLModel tables: the map a reader navigates by, and the one place a column
is named for the plain create/read/update/list queries, which services build from these
tables with SQLAlchemy Core and run on asyncpg (app/services/sql.py). The earning's one
statement and the directory search stay hand-written SQL (measured hot paths).

Migrations (migrations/versions) create the schema, including what SQLModel cannot express
(CHECK constraints, the append-only trigger, the ledger_move function); a test compares
these tables with the migrated database so the two never drift. Defaults are the
database's (server_default): statements run on asyncpg never compute Python-side ones."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    JSON,
    BigInteger,
    Boolean,
    Column,
    Computed,
    Date,
    Double,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    SmallInteger,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import DATEMULTIRANGE, DOMAIN, JSONB, TIMESTAMP, TSVECTOR
from sqlalchemy.dialects.postgresql.base import ischema_names
from sqlalchemy.types import UserDefinedType
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


class Cube(UserDefinedType):
    """earthdistance's point on the earth (the `cube` extension type)."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "cube"


# Reflection (the schema drift test) then knows the type too.
ischema_names["cube"] = Cube


class _TextDomain(DOMAIN):
    """A domain over text, written into a statement as its text would be."""

    cache_ok = True

    def literal_processor(self, dialect: Any) -> Any:
        return self.data_type.literal_processor(dialect)


# The kinds of account and transfer: domains (migration 0023), checked once per connection
# rather than parsed again by every statement that writes a row, as a table CHECK is.
ACCOUNT_KIND = _TextDomain(
    "account_kind",
    Text(),
    check="VALUE IN ('member','organisation','issuance','notes')",
    create_type=False,
)
TRANSFER_KIND = _TextDomain(
    "transfer_kind",
    Text(),
    check="VALUE IN ('allocation','earn','spend','gift','reversal','redemption',"
    "'note_issue','note_redeem','note_void')",
    create_type=False,
)


def _place_indexes(table: str) -> tuple[Index, ...]:
    """The directory's search indexes, the same on organisations and listings."""
    return (
        Index(f"{table}_earth", "earth", postgresql_using="gist"),
        Index(f"{table}_search", "search", postgresql_using="gin"),
        Index(f"{table}_categories", "categories", postgresql_using="gin"),
        Index(f"{table}_updated", "updated_at", "id"),
    )


def _texts() -> Any:
    # The database's default is the one: no Python-side column default (default_factory
    # would make one), which statements run on asyncpg (app/services/sql.py) never compute.
    return Field(
        default_factory=list,
        sa_type=ARRAY(Text),
        nullable=False,
        sa_column_kwargs={"server_default": text("'{}'::text[]"), "default": None},
    )


class _Place(SQLModel):
    """Public place and search columns shared by organisations and listings; `earth`,
    `open_days` and `search` are kept by a trigger (migration 0002)."""

    address_line: str | None = Field(default=None, sa_type=Text)
    town: str | None = Field(default=None, sa_type=Text)
    postcode: str | None = Field(default=None, sa_type=Text)
    latitude: float | None = Field(default=None, sa_type=Double)
    longitude: float | None = Field(default=None, sa_type=Double)
    earth: Any = Field(default=None, sa_type=Cube, nullable=True)
    accessibility: list[str] = _texts()
    categories: list[str] = _texts()
    open_days: list[str] = _texts()
    search: Any = Field(
        default=None,
        sa_type=TSVECTOR,
        nullable=False,
        sa_column_kwargs={"server_default": text("''::tsvector")},
    )
    updated_at: datetime | None = Field(
        default=None,
        sa_type=TIMESTAMP(timezone=True),
        nullable=False,
        sa_column_kwargs={"server_default": text("now()")},
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


class Organisation(_Place, table=True):
    __tablename__ = "organisations"
    __table_args__ = _place_indexes("organisations")
    id: str = Field(sa_column=Column(Text, primary_key=True))
    name: str = Field(sa_column=Column(Text, nullable=False))
    roles: list[str] = Field(sa_column=Column(ARRAY(Text), nullable=False))
    created_at: datetime = _ts()
    description: str | None = Field(default=None, sa_type=Text)
    website: str | None = Field(default=None, sa_type=Text)
    public_email: str | None = Field(default=None, sa_type=Text)
    public_phone: str | None = Field(default=None, sa_type=Text)
    logo_url: str | None = Field(default=None, sa_type=Text)
    opening_hours: list[Any] = Field(
        sa_column=Column(JSONB, nullable=False, server_default=text("'[]'::jsonb"))
    )


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
    kind: str = Field(sa_column=Column(ACCOUNT_KIND, nullable=False))
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
    # The desk's PIN (migration 0009; app/services/pins.py): an scrypt hash, never the PIN.
    pin_hash: str | None = Field(sa_column=Column(Text, nullable=True))
    pin_failures: int = Field(sa_column=Column(Integer, nullable=False, server_default=text("0")))
    pin_locked_at: datetime | None = _ts(nullable=True, default=False)


class LookupMiss(SQLModel, table=True):
    """Card numbers an API key asked for that belong to nobody, per window (guesses.py)."""

    __tablename__ = "lookup_misses"
    api_key_id: str = Field(sa_column=Column(Text, primary_key=True))
    window_start: datetime = Field(sa_column=Column(TIMESTAMP(timezone=True), primary_key=True))
    misses: int = Field(sa_column=Column(Integer, nullable=False))


class RateLimitLease(SQLModel, table=True):
    """What API keys leased of their per-minute budgets, per kind and window
    (rate_limits.py; migration 0019: UNLOGGED)."""

    __tablename__ = "rate_limit_leases"
    api_key_id: str = Field(sa_column=Column(Text, primary_key=True))
    kind: str = Field(sa_column=Column(Text, primary_key=True))
    window_start: datetime = Field(sa_column=Column(TIMESTAMP(timezone=True), primary_key=True))
    used: int = Field(sa_column=Column(Integer, nullable=False))


class Transfer(SQLModel, table=True):
    __tablename__ = "transfers"
    __table_args__ = (
        Index("transfers_organisation", "organisation_id", "seq"),
        Index("transfers_debit", "debit_account_id", "seq"),
        Index("transfers_credit", "credit_account_id", "seq"),
        Index("transfers_programme", "programme_id", "created_at"),
        # A transfer is reversed at most once; only reversals have a reverses_id.
        Index(
            "transfers_reverses",
            "reverses_id",
            unique=True,
            postgresql_where=text("reverses_id IS NOT NULL"),
        ),
    )
    id: str = Field(sa_column=Column(Text, primary_key=True))
    seq: int = Field(sa_column=Column(BigInteger, Identity(always=True), nullable=False))
    kind: str = Field(sa_column=Column(TRANSFER_KIND, nullable=False))
    # No foreign keys (migration 0008): ledger_move locks both accounts before it inserts.
    debit_account_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    credit_account_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    # No foreign keys for these three: their rows are never deleted (migration 0008).
    programme_id: str = Field(sa_column=Column(Text, nullable=False))
    organisation_id: str = Field(sa_column=Column(Text, nullable=False))
    api_key_id: str | None = Field(sa_column=Column(Text))
    reverses_id: str | None = Field(sa_column=Column(Text, ForeignKey("transfers.id")))
    metadata_: dict[str, Any] = Field(
        sa_column=Column("metadata", JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    )
    created_at: datetime = _ts()


class IdempotencyKey(SQLModel, table=True):
    __tablename__ = "idempotency_keys"
    __table_args__ = (Index("idempotency_keys_created", "created_at", postgresql_using="brin"),)
    organisation_id: str = Field(sa_column=Column(Text, primary_key=True))
    key: str = Field(sa_column=Column(Text, primary_key=True))
    fingerprint: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    status_code: int | None = Field(sa_column=Column(Integer))
    response_body: bytes | None = Field(sa_column=Column(LargeBinary))
    created_at: datetime = _ts()


class Listing(_Place, table=True):
    """Offers (`kind = 'offer'`, a spend partner's, with a price) and opportunities
    (`kind = 'opportunity'`, an earn partner's volunteering roles): one table, one search."""

    __tablename__ = "listings"
    __table_args__ = (
        Index("listings_organisation", "organisation_id", "created_at"),
        # Per kind, live listings only: near searches (words checked in the index too) and
        # text searches (migration 0003).
        *(
            Index(
                f"listings_{kind}_{name}",
                *columns,
                postgresql_using=using,
                postgresql_where=text(f"kind = '{kind}' AND archived_at IS NULL"),
            )
            for kind in ("offer", "opportunity")
            for name, using, columns in (
                ("near", "gist", ("earth", "search", text("array_to_tsvector(categories)"))),
                ("search", "gin", ("search",)),
            )
        ),
        *_place_indexes("listings"),
    )
    id: str = Field(sa_column=Column(Text, primary_key=True))
    kind: str = Field(sa_column=Column(Text, nullable=False))
    organisation_id: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), nullable=False)
    )
    title: str = Field(sa_column=Column(Text, nullable=False))
    description: str | None = Field(default=None, sa_type=Text)
    schedule: list[Any] = Field(
        sa_column=Column(JSONB, nullable=False, server_default=text("'[]'::jsonb"))
    )
    valid_from: date | None = Field(default=None, sa_type=Date)
    valid_until: date | None = Field(default=None, sa_type=Date)
    capacity: int | None = Field(default=None, sa_type=Integer)
    price: int | None = Field(default=None, sa_type=BigInteger)
    # An offer's price per child (NULL: the adult price) and restrictions (migration 0012).
    child_price: int | None = Field(default=None, sa_type=BigInteger)
    restrictions: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONB))
    commitment: str | None = Field(default=None, sa_type=Text)
    own_location: bool = Field(
        sa_column=Column(Boolean, nullable=False, server_default=text("false"))
    )
    created_at: datetime = _ts()
    archived_at: datetime | None = _ts(nullable=True, default=False)
    service_uuid: uuid.UUID | None = Field(
        sa_column=Column(
            Uuid,
            Computed("directory_uuid('service'::text, id)"),
            nullable=False,
            unique=True,
        )
    )


class SearchWord(SQLModel, table=True):
    """Every word of the directory: typos in a query are corrected to the nearest one.
    Not unique by design (migration 0002): writers never wait on each other's words."""

    __tablename__ = "search_words"
    __table_args__ = (
        Index("search_words_word", "word"),
        Index(
            "search_words_trgm",
            "word",
            postgresql_using="gist",
            postgresql_ops={"word": "gist_trgm_ops"},
        ),
    )
    id: int = Field(sa_column=Column(BigInteger, Identity(always=True), primary_key=True))
    word: str = Field(sa_column=Column(Text, nullable=False))


class Xid8(UserDefinedType):
    """PostgreSQL's 64-bit transaction id (`pg_current_xact_id()`)."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "xid8"


ischema_names["xid8"] = Xid8


class Event(SQLModel, table=True):
    """The outbox: one row per change, in the change's transaction (migration 0006)."""

    __tablename__ = "events"
    __table_args__ = (
        Index("events_seen_by", "seen_by", "type", "xid", "seq"),
        Index(
            "events_also_seen_by",
            "also_seen_by",
            "type",
            "xid",
            "seq",
            postgresql_where=text("also_seen_by IS NOT NULL"),
        ),
    )
    seq: int = Field(sa_column=Column(BigInteger, Identity(always=True), primary_key=True))
    xid: Any = Field(
        sa_column=Column(Xid8, nullable=False, server_default=text("pg_current_xact_id()"))
    )
    type: str = Field(sa_column=Column(Text, nullable=False))
    resource_id: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = _ts()
    data: Any = Field(sa_column=Column(JSON, nullable=False))
    # Its first two organisations (migration 0024); a third and later: event_audience.
    seen_by: str | None = Field(sa_column=Column(Text))
    also_seen_by: str | None = Field(sa_column=Column(Text))


class EventAudience(SQLModel, table=True):
    """Who else may see an event, after the two on its row (migration 0024): one row per
    organisation, one index range per (organisation, type)."""

    __tablename__ = "event_audience"
    organisation_id: str = Field(sa_column=Column(Text, primary_key=True))
    type: str = Field(sa_column=Column(Text, primary_key=True))
    xid: Any = Field(sa_column=Column(Xid8, primary_key=True))
    seq: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))


class SigningKey(SQLModel, table=True):
    """The keys that sign the tokens venues verify offline (migration 0010, signing.py):
    the newest signs, all stay published; the private key is encrypted with the pepper."""

    __tablename__ = "signing_keys"
    kid: str = Field(sa_column=Column(Text, primary_key=True))
    private_key: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    public_jwk: Any = Field(sa_column=Column(JSONB, nullable=False))
    created_at: datetime = _ts()


class RedemptionCode(SQLModel, table=True):
    """A member's single-use authorisation for a venue (migration 0011, redemptions.py):
    the code only as an HMAC; used once."""

    __tablename__ = "redemption_codes"
    id: str = Field(sa_column=Column(Text, primary_key=True))
    member_id: str = Field(sa_column=Column(Text, ForeignKey("members.id"), nullable=False))
    organisation_id: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), nullable=False)
    )
    code_hash: bytes = Field(sa_column=Column(LargeBinary, nullable=False, unique=True))
    max_credits: int | None = Field(sa_column=Column(BigInteger, nullable=True))
    expires_at: datetime = _ts(default=False)
    used_at: datetime | None = _ts(nullable=True, default=False)
    created_at: datetime = _ts()


class Redemption(SQLModel, table=True):
    """A venue's use of a member's authorisation: one per code, one transfer each."""

    __tablename__ = "redemptions"
    __table_args__ = (
        Index("redemptions_organisation", "organisation_id", "seq"),
        Index(
            "redemptions_member_offer",
            "member_id",
            "offer_id",
            "created_at",
            postgresql_where=text("offer_id IS NOT NULL"),
        ),
    )
    id: str = Field(sa_column=Column(Text, primary_key=True))
    seq: int = Field(sa_column=Column(BigInteger, Identity(always=True), nullable=False))
    organisation_id: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), nullable=False)
    )
    member_id: str = Field(sa_column=Column(Text, ForeignKey("members.id"), nullable=False))
    code_id: str | None = Field(
        sa_column=Column(Text, ForeignKey("redemption_codes.id"), nullable=True, unique=True)
    )
    transfer_id: str = Field(
        sa_column=Column(Text, ForeignKey("transfers.id"), nullable=False, unique=True)
    )
    credits: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = _ts()
    offer_id: str | None = Field(sa_column=Column(Text, ForeignKey("listings.id"), nullable=True))
    adults: int | None = Field(sa_column=Column(Integer, nullable=True))
    children: int | None = Field(sa_column=Column(Integer, nullable=True))


class NoteBatch(SQLModel, table=True):
    """A batch of printed notes an organisation issued from its credits (migration 0013,
    notes.py): one `note_issue` transfer for the whole batch."""

    __tablename__ = "note_batches"
    __table_args__ = (Index("note_batches_programme", "programme_id"),)
    id: str = Field(sa_column=Column(Text, primary_key=True))
    organisation_id: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), nullable=False)
    )
    programme_id: str = Field(sa_column=Column(Text, ForeignKey("programmes.id"), nullable=False))
    count: int = Field(sa_column=Column(Integer, nullable=False))
    denomination: int = Field(sa_column=Column(BigInteger, nullable=False))
    expires_on: date | None = Field(sa_column=Column(Date, nullable=True))
    transfer_id: str = Field(
        sa_column=Column(Text, ForeignKey("transfers.id"), nullable=False, unique=True)
    )
    created_at: datetime = _ts()


class Note(SQLModel, table=True):
    """A bearer note: leaves circulation once, redeemed (by a venue, or deposited into a
    member's wallet) or voided (back to its issuer)."""

    __tablename__ = "notes"
    __table_args__ = (Index("notes_batch", "batch_id"),)
    id: str = Field(sa_column=Column(Text, primary_key=True))
    batch_id: str = Field(sa_column=Column(Text, ForeignKey("note_batches.id"), nullable=False))
    serial: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    token: str = Field(sa_column=Column(Text, nullable=False))
    denomination: int = Field(sa_column=Column(BigInteger, nullable=False))
    expires_on: date | None = Field(sa_column=Column(Date, nullable=True))
    redeemed_at: datetime | None = _ts(nullable=True, default=False)
    redeemed_by: str | None = Field(sa_column=Column(Text, nullable=True))
    redeemed_transfer_id: str | None = Field(
        sa_column=Column(Text, ForeignKey("transfers.id"), nullable=True, unique=True)
    )
    voided_at: datetime | None = _ts(nullable=True, default=False)
    voided_transfer_id: str | None = Field(
        sa_column=Column(Text, ForeignKey("transfers.id"), nullable=True, unique=True)
    )
    created_at: datetime = _ts()


class Referral(SQLModel, table=True):
    """A social-prescribing referral (migration 0014, referrals.py): a prescriber sends a
    person to an organisation; only the two parties see it. Vocabularies, the lifecycle and
    the timestamps' agreement with the status are CHECKs in the migration."""

    __tablename__ = "referrals"
    __table_args__ = (
        Index("referrals_inbound", "to_organisation_id", "seq"),
        Index("referrals_inbound_status", "to_organisation_id", "status", "seq"),
        Index("referrals_outbound", "from_organisation_id", "seq"),
        Index("referrals_outbound_status", "from_organisation_id", "status", "seq"),
        Index("referrals_programme_sent", "programme_id", "sent_at"),
        Index("referrals_prescriber_sent", "from_organisation_id", "sent_at"),
        Index(
            "referrals_accepted_member",
            "member_id",
            "to_organisation_id",
            postgresql_where=text("accepted_at IS NOT NULL"),
        ),
    )
    id: str = Field(sa_column=Column(Text, primary_key=True))
    seq: int = Field(sa_column=Column(BigInteger, Identity(always=True), unique=True))
    from_organisation_id: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), nullable=False)
    )
    to_organisation_id: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), nullable=False)
    )
    opportunity_id: str | None = Field(
        sa_column=Column(Text, ForeignKey("listings.id"), nullable=True)
    )
    programme_id: str = Field(sa_column=Column(Text, ForeignKey("programmes.id"), nullable=False))
    member_id: str | None = Field(sa_column=Column(Text, ForeignKey("members.id"), nullable=True))
    display_name: str | None = Field(sa_column=Column(Text, nullable=True))
    external_ref: str | None = Field(sa_column=Column(Text, nullable=True))
    year_of_birth: int | None = Field(sa_column=Column(Integer, nullable=True))
    postcode_district: str | None = Field(sa_column=Column(Text, nullable=True))
    consent_contact: bool = Field(
        sa_column=Column(Boolean, nullable=False, server_default=text("false"))
    )
    reason_codes: list[str] = Field(sa_column=Column(ARRAY(Text), nullable=False))
    urgency: str = Field(
        sa_column=Column(Text, nullable=False, server_default=text("'routine'::text"))
    )
    # AES-GCM ciphertext (referrals.py), only when TIMECREDITS_REFERRAL_NOTES allowed notes.
    notes: bytes | None = Field(sa_column=Column(LargeBinary, nullable=True))
    status: str = Field(sa_column=Column(Text, nullable=False, server_default=text("'sent'::text")))
    sent_at: datetime = _ts()
    accepted_at: datetime | None = _ts(nullable=True, default=False)
    declined_at: datetime | None = _ts(nullable=True, default=False)
    decline_reason: str | None = Field(sa_column=Column(Text, nullable=True))
    first_attended_at: datetime | None = _ts(nullable=True, default=False)
    closed_at: datetime | None = _ts(nullable=True, default=False)
    outcome: str | None = Field(sa_column=Column(Text, nullable=True))


class ReportPending(SQLModel, table=True):
    """A counted transfer's effect not yet in the stats rollups (migration 0022): queued by a
    trigger in the posting's transaction (for a reversal, the transfer it reverses, sign -1),
    rolled in batches (app/services/rollups.py)."""

    __tablename__ = "report_pending"
    seq: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    programme_id: str = Field(sa_column=Column(Text, nullable=False))
    at: datetime = Field(sa_column=Column(TIMESTAMP(timezone=True), nullable=False))
    kind: str = Field(sa_column=Column(Text, nullable=False))
    member: int = Field(sa_column=Column(BigInteger, nullable=False))
    side: int = Field(sa_column=Column(BigInteger, nullable=False))
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    sign: int = Field(sa_column=Column(SmallInteger, nullable=False))


class ReportSum(SQLModel, table=True):
    """Stats rollup (migration 0016, kept from the report_pending queue: 0022): per
    programme, UTC month, kind (earn, spend, gift) and the organisation side's account, the
    count and sum of the transfers not reversed; `people` summed over a month is that
    month's distinct people of the kind (app/services/stats.py)."""

    __tablename__ = "report_sums"
    programme_id: str = Field(sa_column=Column(Text, primary_key=True))
    month: date = Field(sa_column=Column(Date, primary_key=True))
    kind: str = Field(sa_column=Column(Text, primary_key=True))
    account_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    transfers: int = Field(sa_column=Column(BigInteger, nullable=False))
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    people: int = Field(sa_column=Column(BigInteger, nullable=False))


class ReportMemberMonth(SQLModel, table=True):
    """Stats rollup: a member's earns, spends and gifts that count, per programme and month,
    in all and per day (31 counts), and the days with any as a bit mask."""

    __tablename__ = "report_member_months"
    __table_args__ = (
        Index(
            "report_member_months_month",
            "programme_id",
            "month",
            "account_id",
            "earn_mask",
            "spend_mask",
            "gift_mask",
        ),
    )
    programme_id: str = Field(sa_column=Column(Text, primary_key=True))
    account_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    month: date = Field(sa_column=Column(Date, primary_key=True))
    earns: int = Field(sa_column=Column(Integer, nullable=False))
    spends: int = Field(sa_column=Column(Integer, nullable=False))
    gifts: int = Field(sa_column=Column(Integer, nullable=False))
    earn_days: list[int] = Field(sa_column=Column(ARRAY(Integer), nullable=False))
    spend_days: list[int] = Field(sa_column=Column(ARRAY(Integer), nullable=False))
    gift_days: list[int] = Field(sa_column=Column(ARRAY(Integer), nullable=False))
    earn_mask: int = Field(sa_column=Column(Integer, nullable=False))
    spend_mask: int = Field(sa_column=Column(Integer, nullable=False))
    gift_mask: int = Field(sa_column=Column(Integer, nullable=False))


class ReportMember(SQLModel, table=True):
    """Stats rollup: the months a member earned, spent or gifted in, per programme (date
    multiranges: one range test says whether they did in any span of months)."""

    __tablename__ = "report_members"
    programme_id: str = Field(sa_column=Column(Text, primary_key=True))
    account_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    earn_months: Any = Field(sa_column=Column(DATEMULTIRANGE, nullable=False))
    spend_months: Any = Field(sa_column=Column(DATEMULTIRANGE, nullable=False))
    gift_months: Any = Field(sa_column=Column(DATEMULTIRANGE, nullable=False))


class SurveyTemplate(SQLModel, table=True):
    """An operator-added survey template (migration 0015, surveys.py); the built-in ones
    are code constants, listed with these."""

    __tablename__ = "survey_templates"
    id: str = Field(sa_column=Column(Text, primary_key=True))
    name: str = Field(sa_column=Column(Text, nullable=False))
    subject: str = Field(sa_column=Column(Text, nullable=False))
    questions: Any = Field(sa_column=Column(JSONB, nullable=False))
    scoring: Any = Field(sa_column=Column(JSONB, nullable=True))
    created_at: datetime = _ts()


class SurveyResponse(SQLModel, table=True):
    """One subject's answers to a template in a wave: a member's, or for a partner survey
    the organisation's own (`subject_organisation_id`). A trigger keeps the outcomes'
    rollups (survey_answer_counts, survey_pair_sums) in the same transaction."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        Index(
            "survey_responses_member_wave",
            "template_id",
            "member_id",
            "wave",
            unique=True,
            postgresql_where=text("member_id IS NOT NULL"),
        ),
        Index(
            "survey_responses_organisation_wave",
            "template_id",
            "programme_id",
            "subject_organisation_id",
            "wave",
            unique=True,
            postgresql_where=text("member_id IS NULL"),
        ),
        Index("survey_responses_programme", "programme_id", "template_id", "wave", "answered_on"),
    )
    id: str = Field(sa_column=Column(Text, primary_key=True))
    template_id: str = Field(sa_column=Column(Text, nullable=False))
    programme_id: str = Field(sa_column=Column(Text, ForeignKey("programmes.id"), nullable=False))
    member_id: str | None = Field(sa_column=Column(Text, ForeignKey("members.id"), nullable=True))
    subject_organisation_id: str | None = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), nullable=True)
    )
    organisation_id: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), nullable=False)
    )
    wave: str = Field(sa_column=Column(Text, nullable=False))
    answered_on: date = Field(sa_column=Column(Date, nullable=False))
    answers: Any = Field(sa_column=Column(JSONB, nullable=False))
    score: Any = Field(sa_column=Column(Numeric, nullable=True))
    created_at: datetime = _ts()


class SurveyAnswerCount(SQLModel, table=True):
    """Outcomes rollup: answers per programme, template, wave, day, question and answer
    (`#respondents`, `#score` pseudo-questions included); kept by the survey_rollup trigger."""

    __tablename__ = "survey_answer_counts"
    programme_id: str = Field(sa_column=Column(Text, primary_key=True))
    template_id: str = Field(sa_column=Column(Text, primary_key=True))
    wave: str = Field(sa_column=Column(Text, primary_key=True))
    answered_on: date = Field(sa_column=Column(Date, primary_key=True))
    question_id: str = Field(sa_column=Column(Text, primary_key=True))
    answer: str = Field(sa_column=Column(Text, primary_key=True))
    n: int = Field(sa_column=Column(Integer, nullable=False))


class SurveyPairSum(SQLModel, table=True):
    """Outcomes rollup: members who answered a question in both waves, by the follow-up's
    day: how many, their answers' sums and positive answers in each wave."""

    __tablename__ = "survey_pair_sums"
    programme_id: str = Field(sa_column=Column(Text, primary_key=True))
    template_id: str = Field(sa_column=Column(Text, primary_key=True))
    answered_on: date = Field(sa_column=Column(Date, primary_key=True))
    question_id: str = Field(sa_column=Column(Text, primary_key=True))
    pairs: int = Field(sa_column=Column(Integer, nullable=False))
    baseline_sum: Any = Field(sa_column=Column(Numeric, nullable=False))
    follow_up_sum: Any = Field(sa_column=Column(Numeric, nullable=False))
    baseline_positive: int = Field(sa_column=Column(Integer, nullable=False))
    follow_up_positive: int = Field(sa_column=Column(Integer, nullable=False))


class ReportGaveBefore(SQLModel, table=True):
    """Stats rollup: each member's one answer to the programme evaluation's
    gave_time_before (baseline, else follow-up), kept by a trigger on survey_responses."""

    __tablename__ = "report_gave_before"
    __table_args__ = (
        Index("report_gave_before_programme", "programme_id", "answered_on", "answer"),
    )
    member_id: str = Field(sa_column=Column(Text, primary_key=True))
    programme_id: str = Field(sa_column=Column(Text, nullable=False))
    answered_on: date = Field(sa_column=Column(Date, nullable=False))
    wave: str = Field(sa_column=Column(Text, nullable=False))
    answer: str = Field(sa_column=Column(Text, nullable=False))


class ReportDaySum(SQLModel, table=True):
    """Stats rollup: report_sums per day, for the days of a month a period cuts."""

    __tablename__ = "report_day_sums"
    programme_id: str = Field(sa_column=Column(Text, primary_key=True))
    day: date = Field(sa_column=Column(Date, primary_key=True))
    kind: str = Field(sa_column=Column(Text, primary_key=True))
    account_id: int = Field(sa_column=Column(BigInteger, primary_key=True))
    transfers: int = Field(sa_column=Column(BigInteger, nullable=False))
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))


class WebhookEndpoint(SQLModel, table=True):
    """A partner's receiver of events (migration 0017): secrets encrypted, shown once;
    (cursor_xid, cursor_seq) its place in the outbox (app/services/dispatcher.py)."""

    __tablename__ = "webhook_endpoints"
    __table_args__ = (Index("webhook_endpoints_organisation", "organisation_id", "seq"),)
    id: str = Field(sa_column=Column(Text, primary_key=True))
    seq: int = Field(sa_column=Column(BigInteger, Identity(always=True), unique=True))
    organisation_id: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), nullable=False)
    )
    url: str = Field(sa_column=Column(Text, nullable=False))
    event_types: list[str] = Field(sa_column=Column(ARRAY(Text), nullable=False))
    enabled: bool = Field(sa_column=Column(Boolean, nullable=False, server_default=text("true")))
    secret: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    previous_secret: bytes | None = Field(sa_column=Column(LargeBinary, nullable=True))
    previous_secret_expires_at: datetime | None = _ts(nullable=True, default=False)
    disabled_reason: str | None = Field(sa_column=Column(Text, nullable=True))
    failing_since: datetime | None = _ts(nullable=True, default=False)
    cursor_xid: Any = Field(
        sa_column=Column(
            Xid8,
            nullable=False,
            server_default=text("pg_current_xact_id()"),
        )
    )
    cursor_seq: int = Field(sa_column=Column(BigInteger, nullable=False, server_default=text("0")))
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class WebhookDelivery(SQLModel, table=True):
    """One event to one endpoint, retried on the Standard Webhooks schedule; webhook_id is
    the `webhook-id` every attempt carries (migration 0017)."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("endpoint_id", "event_seq"),
        Index(
            "webhook_deliveries_due", "next_attempt_at", postgresql_where=text("status = 'pending'")
        ),
        Index("webhook_deliveries_endpoint", "endpoint_id", "seq"),
    )
    id: str = Field(sa_column=Column(Text, primary_key=True))
    seq: int = Field(sa_column=Column(BigInteger, Identity(always=True), unique=True))
    endpoint_id: str = Field(
        sa_column=Column(
            Text, ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), nullable=False
        )
    )
    event_seq: int = Field(sa_column=Column(BigInteger, nullable=False))
    event_xid: Any = Field(sa_column=Column(Xid8, nullable=False))
    event_type: str = Field(sa_column=Column(Text, nullable=False))
    webhook_id: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    status: str = Field(
        sa_column=Column(Text, nullable=False, server_default=text("'pending'::text"))
    )
    attempts: int = Field(sa_column=Column(Integer, nullable=False, server_default=text("0")))
    next_attempt_at: datetime = _ts()
    last_attempt_at: datetime | None = _ts(nullable=True, default=False)
    last_status_code: int | None = Field(sa_column=Column(Integer, nullable=True))
    last_error: str | None = Field(sa_column=Column(Text, nullable=True))
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class ReportLink(SQLModel, table=True):
    """A shared link to a programme's impact report page (migration 0018): only the token's
    HMAC is stored; the creating organisation and the operator may revoke it."""

    __tablename__ = "report_links"
    __table_args__ = (Index("report_links_programme", "programme_id"),)
    id: str = Field(sa_column=Column(Text, primary_key=True))
    programme_id: str = Field(sa_column=Column(Text, ForeignKey("programmes.id"), nullable=False))
    organisation_id: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.id"), nullable=False)
    )
    token_hash: bytes = Field(sa_column=Column(LargeBinary, nullable=False, unique=True))
    created_at: datetime = _ts()
    expires_at: datetime = _ts(default=False)
    revoked_at: datetime | None = _ts(nullable=True, default=False)
