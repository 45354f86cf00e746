"""Shapes shared by every endpoint: problems and pages."""

from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    StringConstraints,
    WrapSerializer,
)

T = TypeVar("T")


class Input(BaseModel):
    """Request bodies: unknown fields are an error, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL: refuse it here as a 422, not as a 500 from the driver.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def text(max_length: int, *, min_length: int = 1) -> type[str]:
    return Annotated[  # type: ignore[return-value]
        str,
        StringConstraints(min_length=min_length, max_length=max_length, strip_whitespace=True),
        AfterValidator(_no_nul),
    ]


Name = text(200)
ShortText = text(100)
Note = text(500)
# An identifier in a request body (`mem_…`, `org_…`, `prg_…`): any text the database can
# hold; an unknown one is the service's NotFound or InvalidInput, not a format error.
Ref = Annotated[str, AfterValidator(_no_nul)]


# The serialisation context of the copy of a response stored for Idempotency-Key replays
# (app/api/responses.py): fields marked ShownOnce are null in it.
STORED_FOR_REPLAY = {"stored_for_replay": True}


def _shown_once(value: Any, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
    if info.context and info.context.get("stored_for_replay"):
        return None
    return handler(value)


# A secret shown in the one response that created it: never stored, so never replayed
# (DESIGN §3: shown once, stored only as a hash).
ShownOnce = Annotated[str | None, WrapSerializer(_shown_once, return_type=str | None)]


class FieldError(BaseModel):
    row: int | None = Field(
        default=None,
        description="Bulk imports only: the CSV row, counting the header as row 1.",
        examples=[4],
    )
    field: str = Field(examples=["credits"])
    message: str = Field(examples=["must have at most two decimal places"])


class Problem(BaseModel):
    """RFC 9457 problem details, with a stable machine `code`."""

    type: str = Field(examples=["https://docs.timecredits.example/problems/insufficient_credits"])
    title: str = Field(examples=["Insufficient credits"])
    status: int = Field(examples=[409])
    detail: str = Field(examples=["the member's balance does not cover 2.00 credits"])
    code: str = Field(examples=["insufficient_credits"])
    request_id: str | None = Field(default=None, examples=["req_5x2kq8w3m1c7b9d0"])
    errors: list[FieldError] | None = None


class Page(BaseModel, Generic[T]):
    data: list[T]
    next_cursor: str | None = Field(
        description="Pass as `after` to get the next page; null on the last page."
    )
    has_more: bool
