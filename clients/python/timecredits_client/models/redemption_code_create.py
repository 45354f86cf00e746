from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RedemptionCodeCreate")


@_attrs_define
class RedemptionCodeCreate:
    """
    Attributes:
        expires_in (int | Unset): Seconds until the code expires: 60 to 86,400 (24 hours); 15 minutes by default.
            Default: 900.
        max_credits (float | None | str | Unset): The most the code may pay; any amount the member holds if unset.
    """

    expires_in: int | Unset = 900
    max_credits: float | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        expires_in = self.expires_in

        max_credits: float | None | str | Unset
        if isinstance(self.max_credits, Unset):
            max_credits = UNSET
        else:
            max_credits = self.max_credits

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if expires_in is not UNSET:
            field_dict["expires_in"] = expires_in
        if max_credits is not UNSET:
            field_dict["max_credits"] = max_credits

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expires_in = d.pop("expires_in", UNSET)

        def _parse_max_credits(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        max_credits = _parse_max_credits(d.pop("max_credits", UNSET))

        redemption_code_create = cls(
            expires_in=expires_in,
            max_credits=max_credits,
        )

        return redemption_code_create
