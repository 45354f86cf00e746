from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.redemption_check_reason_type_0 import RedemptionCheckReasonType0

T = TypeVar("T", bound="RedemptionCheck")


@_attrs_define
class RedemptionCheck:
    """
    Attributes:
        valid (bool):
        reason (None | RedemptionCheckReasonType0): Why the code cannot pay; null when it can.
        credits_ (str): What the redemption would take.
        member_initials (None | str): For a visual check at the desk; null when the code is unknown.
    """

    valid: bool
    reason: None | RedemptionCheckReasonType0
    credits_: str
    member_initials: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        valid = self.valid

        reason: None | str
        if isinstance(self.reason, RedemptionCheckReasonType0):
            reason = self.reason.value
        else:
            reason = self.reason

        credits_ = self.credits_

        member_initials: None | str
        member_initials = self.member_initials

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "valid": valid,
                "reason": reason,
                "credits": credits_,
                "member_initials": member_initials,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        valid = d.pop("valid")

        def _parse_reason(data: object) -> None | RedemptionCheckReasonType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_type_0 = RedemptionCheckReasonType0(data)

                return reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RedemptionCheckReasonType0, data)

        reason = _parse_reason(d.pop("reason"))

        credits_ = d.pop("credits")

        def _parse_member_initials(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        member_initials = _parse_member_initials(d.pop("member_initials"))

        redemption_check = cls(
            valid=valid,
            reason=reason,
            credits_=credits_,
            member_initials=member_initials,
        )

        redemption_check.additional_properties = d
        return redemption_check

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
