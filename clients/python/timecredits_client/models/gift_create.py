from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="GiftCreate")


@_attrs_define
class GiftCreate:
    """
    Attributes:
        from_member_id (str):
        credits_ (float | str): Exact amount, > 0, at most two decimal places, as a JSON number or string.
        to_member_id (None | str | Unset):
        to_organisation_id (None | str | Unset):
        message (None | str | Unset):
    """

    from_member_id: str
    credits_: float | str
    to_member_id: None | str | Unset = UNSET
    to_organisation_id: None | str | Unset = UNSET
    message: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from_member_id = self.from_member_id

        credits_: float | str
        credits_ = self.credits_

        to_member_id: None | str | Unset
        if isinstance(self.to_member_id, Unset):
            to_member_id = UNSET
        else:
            to_member_id = self.to_member_id

        to_organisation_id: None | str | Unset
        if isinstance(self.to_organisation_id, Unset):
            to_organisation_id = UNSET
        else:
            to_organisation_id = self.to_organisation_id

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from_member_id": from_member_id,
                "credits": credits_,
            }
        )
        if to_member_id is not UNSET:
            field_dict["to_member_id"] = to_member_id
        if to_organisation_id is not UNSET:
            field_dict["to_organisation_id"] = to_organisation_id
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_member_id = d.pop("from_member_id")

        def _parse_credits_(data: object) -> float | str:
            return cast(float | str, data)

        credits_ = _parse_credits_(d.pop("credits"))

        def _parse_to_member_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_member_id = _parse_to_member_id(d.pop("to_member_id", UNSET))

        def _parse_to_organisation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_organisation_id = _parse_to_organisation_id(d.pop("to_organisation_id", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        gift_create = cls(
            from_member_id=from_member_id,
            credits_=credits_,
            to_member_id=to_member_id,
            to_organisation_id=to_organisation_id,
            message=message,
        )

        return gift_create
