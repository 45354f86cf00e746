from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ConversionRowInput")


@_attrs_define
class ConversionRowInput:
    """
    Attributes:
        raw (int):
        score (float | str):
    """

    raw: int
    score: float | str

    def to_dict(self) -> dict[str, Any]:
        raw = self.raw

        score: float | str
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

        def _parse_score(data: object) -> float | str:
            return cast(float | str, data)

        score = _parse_score(d.pop("score"))

        conversion_row_input = cls(
            raw=raw,
            score=score,
        )

        return conversion_row_input
