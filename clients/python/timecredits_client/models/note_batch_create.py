from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NoteBatchCreate")


@_attrs_define
class NoteBatchCreate:
    """
    Attributes:
        count (int): How many notes: 1 to 500.
        denomination (float | str): The credits each note is worth.
        expires_on (datetime.date | None | Unset): The last day the notes can be redeemed (they expire at the end of
            that day, UTC); not in the past. Unset: they never expire.
        programme_id (None | str | Unset): Which programme the notes count in; needed when your organisation belongs to
            several.
    """

    count: int
    denomination: float | str
    expires_on: datetime.date | None | Unset = UNSET
    programme_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        denomination: float | str
        denomination = self.denomination

        expires_on: None | str | Unset
        if isinstance(self.expires_on, Unset):
            expires_on = UNSET
        elif isinstance(self.expires_on, datetime.date):
            expires_on = self.expires_on.isoformat()
        else:
            expires_on = self.expires_on

        programme_id: None | str | Unset
        if isinstance(self.programme_id, Unset):
            programme_id = UNSET
        else:
            programme_id = self.programme_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "count": count,
                "denomination": denomination,
            }
        )
        if expires_on is not UNSET:
            field_dict["expires_on"] = expires_on
        if programme_id is not UNSET:
            field_dict["programme_id"] = programme_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        def _parse_denomination(data: object) -> float | str:
            return cast(float | str, data)

        denomination = _parse_denomination(d.pop("denomination"))

        def _parse_expires_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_on_type_0 = datetime.date.fromisoformat(data)

                return expires_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        expires_on = _parse_expires_on(d.pop("expires_on", UNSET))

        def _parse_programme_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        programme_id = _parse_programme_id(d.pop("programme_id", UNSET))

        note_batch_create = cls(
            count=count,
            denomination=denomination,
            expires_on=expires_on,
            programme_id=programme_id,
        )

        return note_batch_create
