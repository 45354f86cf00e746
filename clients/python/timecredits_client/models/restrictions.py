from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.restrictions_days_type_0_item import RestrictionsDaysType0Item
from ..types import UNSET, Unset

T = TypeVar("T", bound="Restrictions")


@_attrs_define
class Restrictions:
    """What an offer may be redeemed for; absent parts restrict nothing.

    Attributes:
        days (list[RestrictionsDaysType0Item] | None | Unset): The days of the week (in the network's time zone) it may
            be redeemed on.
        min_age (int | None | Unset): The member's least age in years, from their year of birth (a member without one is
            refused).
        max_per_member_per_week (int | None | Unset): Redemptions per member in any 7 days.
    """

    days: list[RestrictionsDaysType0Item] | None | Unset = UNSET
    min_age: int | None | Unset = UNSET
    max_per_member_per_week: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        days: list[str] | None | Unset
        if isinstance(self.days, Unset):
            days = UNSET
        elif isinstance(self.days, list):
            days = []
            for days_type_0_item_data in self.days:
                days_type_0_item = days_type_0_item_data.value
                days.append(days_type_0_item)

        else:
            days = self.days

        min_age: int | None | Unset
        if isinstance(self.min_age, Unset):
            min_age = UNSET
        else:
            min_age = self.min_age

        max_per_member_per_week: int | None | Unset
        if isinstance(self.max_per_member_per_week, Unset):
            max_per_member_per_week = UNSET
        else:
            max_per_member_per_week = self.max_per_member_per_week

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if days is not UNSET:
            field_dict["days"] = days
        if min_age is not UNSET:
            field_dict["min_age"] = min_age
        if max_per_member_per_week is not UNSET:
            field_dict["max_per_member_per_week"] = max_per_member_per_week

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_days(data: object) -> list[RestrictionsDaysType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                days_type_0 = []
                _days_type_0 = data
                for days_type_0_item_data in _days_type_0:
                    days_type_0_item = RestrictionsDaysType0Item(days_type_0_item_data)

                    days_type_0.append(days_type_0_item)

                return days_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RestrictionsDaysType0Item] | None | Unset, data)

        days = _parse_days(d.pop("days", UNSET))

        def _parse_min_age(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_age = _parse_min_age(d.pop("min_age", UNSET))

        def _parse_max_per_member_per_week(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_per_member_per_week = _parse_max_per_member_per_week(d.pop("max_per_member_per_week", UNSET))

        restrictions = cls(
            days=days,
            min_age=min_age,
            max_per_member_per_week=max_per_member_per_week,
        )

        return restrictions
