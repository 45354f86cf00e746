from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EarningCreate")


@_attrs_define
class EarningCreate:
    """
    Attributes:
        hours (float | str): Hours given; one hour earns one credit.
        member_id (None | str | Unset):
        card_number (None | str | Unset): Instead of member_id: the number on the card the person shows you.
        activity (None | str | Unset):
        given_on (datetime.date | None | Unset): The day the hours were given, in the network's time zone (UK time);
            defaults to today there. Not in the future, nor outside the programme's dates.
        note (None | str | Unset):
    """

    hours: float | str
    member_id: None | str | Unset = UNSET
    card_number: None | str | Unset = UNSET
    activity: None | str | Unset = UNSET
    given_on: datetime.date | None | Unset = UNSET
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        hours: float | str
        hours = self.hours

        member_id: None | str | Unset
        if isinstance(self.member_id, Unset):
            member_id = UNSET
        else:
            member_id = self.member_id

        card_number: None | str | Unset
        if isinstance(self.card_number, Unset):
            card_number = UNSET
        else:
            card_number = self.card_number

        activity: None | str | Unset
        if isinstance(self.activity, Unset):
            activity = UNSET
        else:
            activity = self.activity

        given_on: None | str | Unset
        if isinstance(self.given_on, Unset):
            given_on = UNSET
        elif isinstance(self.given_on, datetime.date):
            given_on = self.given_on.isoformat()
        else:
            given_on = self.given_on

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "hours": hours,
            }
        )
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if card_number is not UNSET:
            field_dict["card_number"] = card_number
        if activity is not UNSET:
            field_dict["activity"] = activity
        if given_on is not UNSET:
            field_dict["given_on"] = given_on
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_hours(data: object) -> float | str:
            return cast(float | str, data)

        hours = _parse_hours(d.pop("hours"))

        def _parse_member_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        member_id = _parse_member_id(d.pop("member_id", UNSET))

        def _parse_card_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        card_number = _parse_card_number(d.pop("card_number", UNSET))

        def _parse_activity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        activity = _parse_activity(d.pop("activity", UNSET))

        def _parse_given_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                given_on_type_0 = datetime.date.fromisoformat(data)

                return given_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        given_on = _parse_given_on(d.pop("given_on", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        earning_create = cls(
            hours=hours,
            member_id=member_id,
            card_number=card_number,
            activity=activity,
            given_on=given_on,
            note=note,
        )

        return earning_create
