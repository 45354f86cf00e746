from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.restrictions_read_days_type_0_item import RestrictionsReadDaysType0Item

T = TypeVar("T", bound="RestrictionsRead")


@_attrs_define
class RestrictionsRead:
    """
    Attributes:
        days (list[RestrictionsReadDaysType0Item] | None):
        min_age (int | None):
        max_per_member_per_week (int | None):
    """

    days: list[RestrictionsReadDaysType0Item] | None
    min_age: int | None
    max_per_member_per_week: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        days: list[str] | None
        if isinstance(self.days, list):
            days = []
            for days_type_0_item_data in self.days:
                days_type_0_item = days_type_0_item_data.value
                days.append(days_type_0_item)

        else:
            days = self.days

        min_age: int | None
        min_age = self.min_age

        max_per_member_per_week: int | None
        max_per_member_per_week = self.max_per_member_per_week

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "days": days,
                "min_age": min_age,
                "max_per_member_per_week": max_per_member_per_week,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_days(data: object) -> list[RestrictionsReadDaysType0Item] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                days_type_0 = []
                _days_type_0 = data
                for days_type_0_item_data in _days_type_0:
                    days_type_0_item = RestrictionsReadDaysType0Item(days_type_0_item_data)

                    days_type_0.append(days_type_0_item)

                return days_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RestrictionsReadDaysType0Item] | None, data)

        days = _parse_days(d.pop("days"))

        def _parse_min_age(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        min_age = _parse_min_age(d.pop("min_age"))

        def _parse_max_per_member_per_week(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_per_member_per_week = _parse_max_per_member_per_week(d.pop("max_per_member_per_week"))

        restrictions_read = cls(
            days=days,
            min_age=min_age,
            max_per_member_per_week=max_per_member_per_week,
        )

        restrictions_read.additional_properties = d
        return restrictions_read

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
