from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PinChange")


@_attrs_define
class PinChange:
    """`PUT /v1/members/{id}/pin`: the PIN the member chose, 4 to 6 digits.

    Attributes:
        pin (str): 4 to 6 digits. Never returned or logged.
    """

    pin: str

    def to_dict(self) -> dict[str, Any]:
        pin = self.pin

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "pin": pin,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pin = d.pop("pin")

        pin_change = cls(
            pin=pin,
        )

        return pin_change
