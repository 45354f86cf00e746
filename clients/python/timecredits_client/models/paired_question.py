from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PairedQuestion")


@_attrs_define
class PairedQuestion:
    """Members who answered the question at baseline and at follow-up.

    Attributes:
        id (str):
        pairs (int | None):
        suppressed (bool):
        mean_baseline (float | None | Unset):
        mean_follow_up (float | None | Unset):
        mean_change (float | None | Unset): Follow-up minus baseline.
        percent_positive_baseline (int | None | Unset): Agreement: positive answers; yes/no: `yes`.
        percent_positive_follow_up (int | None | Unset):
    """

    id: str
    pairs: int | None
    suppressed: bool
    mean_baseline: float | None | Unset = UNSET
    mean_follow_up: float | None | Unset = UNSET
    mean_change: float | None | Unset = UNSET
    percent_positive_baseline: int | None | Unset = UNSET
    percent_positive_follow_up: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        pairs: int | None
        pairs = self.pairs

        suppressed = self.suppressed

        mean_baseline: float | None | Unset
        if isinstance(self.mean_baseline, Unset):
            mean_baseline = UNSET
        else:
            mean_baseline = self.mean_baseline

        mean_follow_up: float | None | Unset
        if isinstance(self.mean_follow_up, Unset):
            mean_follow_up = UNSET
        else:
            mean_follow_up = self.mean_follow_up

        mean_change: float | None | Unset
        if isinstance(self.mean_change, Unset):
            mean_change = UNSET
        else:
            mean_change = self.mean_change

        percent_positive_baseline: int | None | Unset
        if isinstance(self.percent_positive_baseline, Unset):
            percent_positive_baseline = UNSET
        else:
            percent_positive_baseline = self.percent_positive_baseline

        percent_positive_follow_up: int | None | Unset
        if isinstance(self.percent_positive_follow_up, Unset):
            percent_positive_follow_up = UNSET
        else:
            percent_positive_follow_up = self.percent_positive_follow_up

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "pairs": pairs,
                "suppressed": suppressed,
            }
        )
        if mean_baseline is not UNSET:
            field_dict["mean_baseline"] = mean_baseline
        if mean_follow_up is not UNSET:
            field_dict["mean_follow_up"] = mean_follow_up
        if mean_change is not UNSET:
            field_dict["mean_change"] = mean_change
        if percent_positive_baseline is not UNSET:
            field_dict["percent_positive_baseline"] = percent_positive_baseline
        if percent_positive_follow_up is not UNSET:
            field_dict["percent_positive_follow_up"] = percent_positive_follow_up

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        def _parse_pairs(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        pairs = _parse_pairs(d.pop("pairs"))

        suppressed = d.pop("suppressed")

        def _parse_mean_baseline(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        mean_baseline = _parse_mean_baseline(d.pop("mean_baseline", UNSET))

        def _parse_mean_follow_up(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        mean_follow_up = _parse_mean_follow_up(d.pop("mean_follow_up", UNSET))

        def _parse_mean_change(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        mean_change = _parse_mean_change(d.pop("mean_change", UNSET))

        def _parse_percent_positive_baseline(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        percent_positive_baseline = _parse_percent_positive_baseline(d.pop("percent_positive_baseline", UNSET))

        def _parse_percent_positive_follow_up(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        percent_positive_follow_up = _parse_percent_positive_follow_up(d.pop("percent_positive_follow_up", UNSET))

        paired_question = cls(
            id=id,
            pairs=pairs,
            suppressed=suppressed,
            mean_baseline=mean_baseline,
            mean_follow_up=mean_follow_up,
            mean_change=mean_change,
            percent_positive_baseline=percent_positive_baseline,
            percent_positive_follow_up=percent_positive_follow_up,
        )

        paired_question.additional_properties = d
        return paired_question

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
