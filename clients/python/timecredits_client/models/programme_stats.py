from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.month_stats import MonthStats
    from ..models.share import Share


T = TypeVar("T", bound="ProgrammeStats")


@_attrs_define
class ProgrammeStats:
    """
    Attributes:
        from_ (datetime.date | None):
        to (datetime.date | None):
        people_earned (int | None): Members credited for time given. Null when suppressed (fewer than
            TIMECREDITS_MIN_CELL people).
        people_spent (int | None): Members who spent credits. Null when suppressed (fewer than TIMECREDITS_MIN_CELL
            people).
        people_gifted (int | None): Members who gifted credits. Null when suppressed (fewer than TIMECREDITS_MIN_CELL
            people).
        credits_earned (None | str): From people_earned. Null when suppressed (fewer than TIMECREDITS_MIN_CELL people).
        credits_spent (None | str): Spends and redemptions, from people_spent. Null when suppressed (fewer than
            TIMECREDITS_MIN_CELL people).
        credits_gifted (None | str): From people_gifted. Null when suppressed (fewer than TIMECREDITS_MIN_CELL people).
        hours_given (None | str): An hour given is a credit earned: from people_earned. Null when suppressed (fewer than
            TIMECREDITS_MIN_CELL people).
        active_members (int | None): Members who earned, spent or gifted. Null when suppressed (fewer than
            TIMECREDITS_MIN_CELL people).
        organisations_earning (int): Organisations that credited members.
        organisations_spending (int): Venues offering spend that received a spend or redemption in the period.
        people_never_or_rarely_gave_before (None | Share): Of the members whose answer to the programme evaluation
            survey's `gave_time_before` (their baseline's, else their follow-up's) was given in the period, those who
            answered never or rarely. Null when suppressed (fewer than TIMECREDITS_MIN_CELL people).
        suppressed (list[str]): Fields withheld as computed from too few people.
        monthly (list[MonthStats]):
        programme_id (str):
    """

    from_: datetime.date | None
    to: datetime.date | None
    people_earned: int | None
    people_spent: int | None
    people_gifted: int | None
    credits_earned: None | str
    credits_spent: None | str
    credits_gifted: None | str
    hours_given: None | str
    active_members: int | None
    organisations_earning: int
    organisations_spending: int
    people_never_or_rarely_gave_before: None | Share
    suppressed: list[str]
    monthly: list[MonthStats]
    programme_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.share import Share  # noqa: PLC0415

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

        people_earned: int | None
        people_earned = self.people_earned

        people_spent: int | None
        people_spent = self.people_spent

        people_gifted: int | None
        people_gifted = self.people_gifted

        credits_earned: None | str
        credits_earned = self.credits_earned

        credits_spent: None | str
        credits_spent = self.credits_spent

        credits_gifted: None | str
        credits_gifted = self.credits_gifted

        hours_given: None | str
        hours_given = self.hours_given

        active_members: int | None
        active_members = self.active_members

        organisations_earning = self.organisations_earning

        organisations_spending = self.organisations_spending

        people_never_or_rarely_gave_before: dict[str, Any] | None
        if isinstance(self.people_never_or_rarely_gave_before, Share):
            people_never_or_rarely_gave_before = self.people_never_or_rarely_gave_before.to_dict()
        else:
            people_never_or_rarely_gave_before = self.people_never_or_rarely_gave_before

        suppressed = self.suppressed

        monthly = []
        for monthly_item_data in self.monthly:
            monthly_item = monthly_item_data.to_dict()
            monthly.append(monthly_item)

        programme_id = self.programme_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "people_earned": people_earned,
                "people_spent": people_spent,
                "people_gifted": people_gifted,
                "credits_earned": credits_earned,
                "credits_spent": credits_spent,
                "credits_gifted": credits_gifted,
                "hours_given": hours_given,
                "active_members": active_members,
                "organisations_earning": organisations_earning,
                "organisations_spending": organisations_spending,
                "people_never_or_rarely_gave_before": people_never_or_rarely_gave_before,
                "suppressed": suppressed,
                "monthly": monthly,
                "programme_id": programme_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.month_stats import MonthStats  # noqa: PLC0415
        from ..models.share import Share  # noqa: PLC0415

        d = dict(src_dict)

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

        def _parse_people_earned(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        people_earned = _parse_people_earned(d.pop("people_earned"))

        def _parse_people_spent(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        people_spent = _parse_people_spent(d.pop("people_spent"))

        def _parse_people_gifted(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        people_gifted = _parse_people_gifted(d.pop("people_gifted"))

        def _parse_credits_earned(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        credits_earned = _parse_credits_earned(d.pop("credits_earned"))

        def _parse_credits_spent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        credits_spent = _parse_credits_spent(d.pop("credits_spent"))

        def _parse_credits_gifted(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        credits_gifted = _parse_credits_gifted(d.pop("credits_gifted"))

        def _parse_hours_given(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        hours_given = _parse_hours_given(d.pop("hours_given"))

        def _parse_active_members(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        active_members = _parse_active_members(d.pop("active_members"))

        organisations_earning = d.pop("organisations_earning")

        organisations_spending = d.pop("organisations_spending")

        def _parse_people_never_or_rarely_gave_before(data: object) -> None | Share:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                people_never_or_rarely_gave_before_type_0 = Share.from_dict(data)

                return people_never_or_rarely_gave_before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Share, data)

        people_never_or_rarely_gave_before = _parse_people_never_or_rarely_gave_before(
            d.pop("people_never_or_rarely_gave_before")
        )

        suppressed = cast(list[str], d.pop("suppressed"))

        monthly = []
        _monthly = d.pop("monthly")
        for monthly_item_data in _monthly:
            monthly_item = MonthStats.from_dict(monthly_item_data)

            monthly.append(monthly_item)

        programme_id = d.pop("programme_id")

        programme_stats = cls(
            from_=from_,
            to=to,
            people_earned=people_earned,
            people_spent=people_spent,
            people_gifted=people_gifted,
            credits_earned=credits_earned,
            credits_spent=credits_spent,
            credits_gifted=credits_gifted,
            hours_given=hours_given,
            active_members=active_members,
            organisations_earning=organisations_earning,
            organisations_spending=organisations_spending,
            people_never_or_rarely_gave_before=people_never_or_rarely_gave_before,
            suppressed=suppressed,
            monthly=monthly,
            programme_id=programme_id,
        )

        programme_stats.additional_properties = d
        return programme_stats

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
