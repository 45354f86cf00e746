"""Bulk CSV imports: what an import is asked to do, and the report it answers."""

import hashlib

from pydantic import BaseModel, ConfigDict, Field


class ImportRequest(BaseModel):
    """An import's input to the unit of work. What an Idempotency-Key is bound to is the
    CSV's bytes (their digest) and the query (`partial`); the bytes themselves and the row
    cap are not part of the fingerprint."""

    digest: str
    partial: bool = False
    csv: bytes = Field(exclude=True, repr=False)
    max_rows: int = Field(exclude=True, default=20_000)

    @classmethod
    def of(cls, body: bytes, *, partial: bool, max_rows: int) -> "ImportRequest":
        return cls(
            digest=hashlib.sha256(body).hexdigest(), partial=partial, csv=body, max_rows=max_rows
        )


class RowError(BaseModel):
    row: int = Field(description="The row as the spreadsheet numbers it: the header is row 1.")
    field: str = Field(description="The column (or `row` for the row as a whole).")
    message: str


class SkippedRow(BaseModel):
    row: int
    reason: str


class ImportedRow(BaseModel):
    row: int
    id: str = Field(description="The new member's or earning's id.")
    card_number: str | None = Field(
        default=None, description="Members: the card number to print for them."
    )
    external_ref: str | None = Field(default=None, description="Members: your reference.")


_EXAMPLE = {
    "rows": 3,
    "accepted": 2,
    "rejected": 1,
    "dry_run": False,
    "errors": [{"row": 4, "field": "given_on", "message": "'31/02/2018' is not a real day"}],
    "skipped": [{"row": 5, "reason": "a total row ('Total'), not a record"}],
    "created": [
        {"row": 2, "id": "txn_7q6w5e4r3t2y1u0i", "card_number": None, "external_ref": None},
        {"row": 3, "id": "txn_8r7t6y5u4i3o2p1a", "card_number": None, "external_ref": None},
    ],
}


class ImportResult(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})
    rows: int = Field(description="Data rows read (blank lines and a total row not counted).")
    accepted: int = Field(description="Rows imported (or, in a dry run, that would be).")
    rejected: int
    dry_run: bool = False
    errors: list[RowError] = Field(default_factory=list)
    skipped: list[SkippedRow] = Field(default_factory=list)
    created: list[ImportedRow] = Field(
        default_factory=list, description="What each accepted row created, in row order."
    )
