from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AllocationCreate")


@_attrs_define
class AllocationCreate:
    """
    Attributes:
        organisation_id (str):
        credits_ (float | str): Exact amount, > 0, at most two decimal places, as a JSON number or string.
        programme_id (None | str | Unset): Which programme issues the credits; needed when the organisation belongs to
            several.
        note (None | str | Unset):
    """

    organisation_id: str
    credits_: float | str
    programme_id: None | str | Unset = UNSET
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        organisation_id = self.organisation_id

        credits_: float | str
        credits_ = self.credits_

        programme_id: None | str | Unset
        if isinstance(self.programme_id, Unset):
            programme_id = UNSET
        else:
            programme_id = self.programme_id

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "organisation_id": organisation_id,
                "credits": credits_,
            }
        )
        if programme_id is not UNSET:
            field_dict["programme_id"] = programme_id
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        organisation_id = d.pop("organisation_id")

        def _parse_credits_(data: object) -> float | str:
            return cast(float | str, data)

        credits_ = _parse_credits_(d.pop("credits"))

        def _parse_programme_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        programme_id = _parse_programme_id(d.pop("programme_id", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        allocation_create = cls(
            organisation_id=organisation_id,
            credits_=credits_,
            programme_id=programme_id,
            note=note,
        )

        return allocation_create
