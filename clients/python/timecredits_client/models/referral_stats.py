from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.status_counts import StatusCounts


T = TypeVar("T", bound="ReferralStats")


@_attrs_define
class ReferralStats:
    """Referral figures over the referrals sent in a window (by `sent_at`, UTC days).

    Attributes:
        programme_id (None | str):
        prescriber_id (None | str):
        from_ (datetime.date | None):
        to (datetime.date | None):
        referrals (int | None): Referrals sent in the window.
        by_status (StatusCounts):
        acceptance_rate (float | None): Accepted (or later) over decided (accepted or declined), 0 to 1; null when
            nothing was decided.
        median_days_to_first_attended (float | None): Days from sent to first attended, over those who attended.
        share_earning (float | None): Of the people accepted, the share who went on to earn credits (an earning after
            acceptance, not reversed), 0 to 1.
        min_cell (int): Figures from fewer people than this are suppressed.
        suppressed (list[str]): The figures withheld (null) because fewer than `min_cell` people are behind them.
    """

    programme_id: None | str
    prescriber_id: None | str
    from_: datetime.date | None
    to: datetime.date | None
    referrals: int | None
    by_status: StatusCounts
    acceptance_rate: float | None
    median_days_to_first_attended: float | None
    share_earning: float | None
    min_cell: int
    suppressed: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        programme_id: None | str
        programme_id = self.programme_id

        prescriber_id: None | str
        prescriber_id = self.prescriber_id

        from_: None | str
        if isinstance(self.from_, datetime.date):
            from_ = self.from_.isoformat()
        else:
            from_ = self.from_

        to: None | str
        if isinstance(self.to, datetime.date):
            to = self.to.isoformat()
        else:
            to = self.to

        referrals: int | None
        referrals = self.referrals

        by_status = self.by_status.to_dict()

        acceptance_rate: float | None
        acceptance_rate = self.acceptance_rate

        median_days_to_first_attended: float | None
        median_days_to_first_attended = self.median_days_to_first_attended

        share_earning: float | None
        share_earning = self.share_earning

        min_cell = self.min_cell

        suppressed = self.suppressed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "programme_id": programme_id,
                "prescriber_id": prescriber_id,
                "from": from_,
                "to": to,
                "referrals": referrals,
                "by_status": by_status,
                "acceptance_rate": acceptance_rate,
                "median_days_to_first_attended": median_days_to_first_attended,
                "share_earning": share_earning,
                "min_cell": min_cell,
                "suppressed": suppressed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.status_counts import StatusCounts  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_programme_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        programme_id = _parse_programme_id(d.pop("programme_id"))

        def _parse_prescriber_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        prescriber_id = _parse_prescriber_id(d.pop("prescriber_id"))

        def _parse_from_(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_type_0 = datetime.date.fromisoformat(data)

                return from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        from_ = _parse_from_(d.pop("from"))

        def _parse_to(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                to_type_0 = datetime.date.fromisoformat(data)

                return to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        to = _parse_to(d.pop("to"))

        def _parse_referrals(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        referrals = _parse_referrals(d.pop("referrals"))

        by_status = StatusCounts.from_dict(d.pop("by_status"))

        def _parse_acceptance_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        acceptance_rate = _parse_acceptance_rate(d.pop("acceptance_rate"))

        def _parse_median_days_to_first_attended(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_days_to_first_attended = _parse_median_days_to_first_attended(d.pop("median_days_to_first_attended"))

        def _parse_share_earning(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        share_earning = _parse_share_earning(d.pop("share_earning"))

        min_cell = d.pop("min_cell")

        suppressed = cast(list[str], d.pop("suppressed"))

        referral_stats = cls(
            programme_id=programme_id,
            prescriber_id=prescriber_id,
            from_=from_,
            to=to,
            referrals=referrals,
            by_status=by_status,
            acceptance_rate=acceptance_rate,
            median_days_to_first_attended=median_days_to_first_attended,
            share_earning=share_earning,
            min_cell=min_cell,
            suppressed=suppressed,
        )

        referral_stats.additional_properties = d
        return referral_stats

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
