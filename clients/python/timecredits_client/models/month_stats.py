from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MonthStats")


@_attrs_define
class MonthStats:
    """
    Attributes:
        month (str): YYYY-MM (UTC).
        people_earned (int | None): Members credited this month. Null when suppressed (fewer than TIMECREDITS_MIN_CELL
            people).
        people_spent (int | None): Members who spent this month. Null when suppressed (fewer than TIMECREDITS_MIN_CELL
            people).
        people_gifted (int | None): Members who gifted this month. Null when suppressed (fewer than TIMECREDITS_MIN_CELL
            people).
        credits_earned (None | str): From people_earned. Null when suppressed (fewer than TIMECREDITS_MIN_CELL people).
        credits_spent (None | str): From people_spent. Null when suppressed (fewer than TIMECREDITS_MIN_CELL people).
        credits_gifted (None | str): From people_gifted. Null when suppressed (fewer than TIMECREDITS_MIN_CELL people).
        suppressed (list[str]): This month's fields withheld as too small.
    """

    month: str
    people_earned: int | None
    people_spent: int | None
    people_gifted: int | None
    credits_earned: None | str
    credits_spent: None | str
    credits_gifted: None | str
    suppressed: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        month = self.month

        people_earned: int | None
        people_earned = self.people_earned

        people_spent: int | None
        people_spent = self.people_spent

        people_gifted: int | None
        people_gifted = self.people_gifted

        credits_earned: None | str
        credits_earned = self.credits_earned

        credits_spent: None | str
        credits_spent = self.credits_spent

        credits_gifted: None | str
        credits_gifted = self.credits_gifted

        suppressed = self.suppressed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "month": month,
                "people_earned": people_earned,
                "people_spent": people_spent,
                "people_gifted": people_gifted,
                "credits_earned": credits_earned,
                "credits_spent": credits_spent,
                "credits_gifted": credits_gifted,
                "suppressed": suppressed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        month = d.pop("month")

        def _parse_people_earned(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        people_earned = _parse_people_earned(d.pop("people_earned"))

        def _parse_people_spent(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        people_spent = _parse_people_spent(d.pop("people_spent"))

        def _parse_people_gifted(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        people_gifted = _parse_people_gifted(d.pop("people_gifted"))

        def _parse_credits_earned(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        credits_earned = _parse_credits_earned(d.pop("credits_earned"))

        def _parse_credits_spent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        credits_spent = _parse_credits_spent(d.pop("credits_spent"))

        def _parse_credits_gifted(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        credits_gifted = _parse_credits_gifted(d.pop("credits_gifted"))

        suppressed = cast(list[str], d.pop("suppressed"))

        month_stats = cls(
            month=month,
            people_earned=people_earned,
            people_spent=people_spent,
            people_gifted=people_gifted,
            credits_earned=credits_earned,
            credits_spent=credits_spent,
            credits_gifted=credits_gifted,
            suppressed=suppressed,
        )

        month_stats.additional_properties = d
        return month_stats

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
