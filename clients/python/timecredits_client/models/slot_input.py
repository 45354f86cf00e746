from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.slot_input_day import SlotInputDay

T = TypeVar("T", bound="SlotInput")


@_attrs_define
class SlotInput:
    """Open (or running) on `day` from `opens` to `closes`, local time, in whole minutes.
    `closes` "00:00" is midnight at the end of the day (a cinema's late show); a slot
    past midnight is two slots, one on each day.

        Attributes:
            day (SlotInputDay):
            opens (str): Local time, `HH:MM`.
            closes (str): Local time, `HH:MM`.
    """

    day: SlotInputDay
    opens: str
    closes: str

    def to_dict(self) -> dict[str, Any]:
        day = self.day.value

        opens = self.opens

        closes = self.closes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "day": day,
                "opens": opens,
                "closes": closes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        day = SlotInputDay(d.pop("day"))

        opens = d.pop("opens")

        closes = d.pop("closes")

        slot_input = cls(
            day=day,
            opens=opens,
            closes=closes,
        )

        return slot_input
