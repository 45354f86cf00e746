from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ScoreOutcome")


@_attrs_define
class ScoreOutcome:
    """
    Attributes:
        label (str):
        n (int | None):
        mean (float | None):
        suppressed (bool):
    """

    label: str
    n: int | None
    mean: float | None
    suppressed: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        n: int | None
        n = self.n

        mean: float | None
        mean = self.mean

        suppressed = self.suppressed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "label": label,
                "n": n,
                "mean": mean,
                "suppressed": suppressed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        label = d.pop("label")

        def _parse_n(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        n = _parse_n(d.pop("n"))

        def _parse_mean(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean = _parse_mean(d.pop("mean"))

        suppressed = d.pop("suppressed")

        score_outcome = cls(
            label=label,
            n=n,
            mean=mean,
            suppressed=suppressed,
        )

        score_outcome.additional_properties = d
        return score_outcome

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
