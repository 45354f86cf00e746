from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ConversionRowOutput")


@_attrs_define
class ConversionRowOutput:
    """
    Attributes:
        raw (int):
        score (str):
    """

    raw: int
    score: str

    def to_dict(self) -> dict[str, Any]:
        raw = self.raw

        score = self.score

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "raw": raw,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        raw = d.pop("raw")

        score = d.pop("score")

        conversion_row_output = cls(
            raw=raw,
            score=score,
        )

        return conversion_row_output
