from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CardHolder")


@_attrs_define
class CardHolder:
    """What a desk sees of a card it is shown, when the card's member is not one of its own
    (DESIGN §3): enough to check the person and whether the card can pay, nothing more.

        Attributes:
            id (str):
            initials (str): The display name's initials, for a visual check.
            can_pay (bool): Whether the member can pay at a desk with this card and their PIN: false until their home
                organisation sets a PIN, and while the card is locked after wrong PINs.
    """

    id: str
    initials: str
    can_pay: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        initials = self.initials

        can_pay = self.can_pay

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "initials": initials,
                "can_pay": can_pay,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        initials = d.pop("initials")

        can_pay = d.pop("can_pay")

        card_holder = cls(
            id=id,
            initials=initials,
            can_pay=can_pay,
        )

        card_holder.additional_properties = d
        return card_holder

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
