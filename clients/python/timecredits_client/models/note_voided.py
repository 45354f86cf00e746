from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="NoteVoided")


@_attrs_define
class NoteVoided:
    """
    Attributes:
        id (str): The note.
        denomination (str): Exact amount, two decimals.
        voided_at (datetime.datetime):
        organisation_id (str): The issuer, credited back.
        transaction_id (str): The transfer (kind `note_void`).
    """

    id: str
    denomination: str
    voided_at: datetime.datetime
    organisation_id: str
    transaction_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        denomination = self.denomination

        voided_at = self.voided_at.isoformat()

        organisation_id = self.organisation_id

        transaction_id = self.transaction_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "denomination": denomination,
                "voided_at": voided_at,
                "organisation_id": organisation_id,
                "transaction_id": transaction_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        denomination = d.pop("denomination")

        voided_at = datetime.datetime.fromisoformat(d.pop("voided_at"))

        organisation_id = d.pop("organisation_id")

        transaction_id = d.pop("transaction_id")

        note_voided = cls(
            id=id,
            denomination=denomination,
            voided_at=voided_at,
            organisation_id=organisation_id,
            transaction_id=transaction_id,
        )

        note_voided.additional_properties = d
        return note_voided

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
