from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReferralAccept")


@_attrs_define
class ReferralAccept:
    """`POST /v1/referrals/{id}/accept` (the body is optional).

    Attributes:
        member_id (None | str | Unset): For a referral of someone new who is already one of your members: link them
            instead of registering a new member.
    """

    member_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        member_id: None | str | Unset
        if isinstance(self.member_id, Unset):
            member_id = UNSET
        else:
            member_id = self.member_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if member_id is not UNSET:
            field_dict["member_id"] = member_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_member_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        member_id = _parse_member_id(d.pop("member_id", UNSET))

        referral_accept = cls(
            member_id=member_id,
        )

        return referral_accept
