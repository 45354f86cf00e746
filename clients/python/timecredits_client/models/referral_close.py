from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.referral_close_outcome import ReferralCloseOutcome

T = TypeVar("T", bound="ReferralClose")


@_attrs_define
class ReferralClose:
    """
    Attributes:
        outcome (ReferralCloseOutcome):
    """

    outcome: ReferralCloseOutcome

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "outcome": outcome,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outcome = ReferralCloseOutcome(d.pop("outcome"))

        referral_close = cls(
            outcome=outcome,
        )

        return referral_close
