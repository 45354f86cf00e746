from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.referral_decline_reason import ReferralDeclineReason

T = TypeVar("T", bound="ReferralDecline")


@_attrs_define
class ReferralDecline:
    """
    Attributes:
        reason (ReferralDeclineReason):
    """

    reason: ReferralDeclineReason

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = ReferralDeclineReason(d.pop("reason"))

        referral_decline = cls(
            reason=reason,
        )

        return referral_decline
