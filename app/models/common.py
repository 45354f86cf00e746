"""Shapes shared by every endpoint: problems and pages."""

from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

T = TypeVar("T")


class Input(BaseModel):
    """Request bodies: unknown fields are an error, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def text(max_length: int, *, min_length: int = 1) -> type[str]:
    return Annotated[  # type: ignore[return-value]
        str, StringConstraints(min_length=min_length, max_length=max_length, strip_whitespace=True)
    ]


Name = text(200)
ShortText = text(100)
Note = text(500)


class FieldError(BaseModel):
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
