from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SpendCreate")


@_attrs_define
class SpendCreate:
    """
    Attributes:
        member_id (str):
        organisation_id (str): The spend partner (venue).
        credits_ (float | str): Exact amount, > 0, at most two decimal places, as a JSON number or string.
        description (None | str | Unset):
    """

    member_id: str
    organisation_id: str
    credits_: float | str
    description: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        member_id = self.member_id

        organisation_id = self.organisation_id

        credits_: float | str
        credits_ = self.credits_

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "member_id": member_id,
                "organisation_id": organisation_id,
                "credits": credits_,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_id = d.pop("member_id")

        organisation_id = d.pop("organisation_id")

        def _parse_credits_(data: object) -> float | str:
            return cast(float | str, data)

        credits_ = _parse_credits_(d.pop("credits"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        spend_create = cls(
            member_id=member_id,
            organisation_id=organisation_id,
            credits_=credits_,
            description=description,
        )

        return spend_create
