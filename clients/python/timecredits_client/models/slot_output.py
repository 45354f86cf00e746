from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.slot_output_day import SlotOutputDay

T = TypeVar("T", bound="SlotOutput")


@_attrs_define
class SlotOutput:
    """Open (or running) on `day` from `opens` to `closes`, local time, in whole minutes.
    `closes` "00:00" is midnight at the end of the day (a cinema's late show); a slot
    past midnight is two slots, one on each day.

        Attributes:
            day (SlotOutputDay):
            opens (str): Local time, `HH:MM`.
            closes (str): Local time, `HH:MM`.
    """

    day: SlotOutputDay
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
        day = SlotOutputDay(d.pop("day"))

        opens = d.pop("opens")

        closes = d.pop("closes")

        slot_output = cls(
            day=day,
            opens=opens,
            closes=closes,
        )

        return slot_output
