from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NoteRedemption")


@_attrs_define
class NoteRedemption:
    """
    Attributes:
        id (str): The note.
        serial (str):
        denomination (str): Exact amount, two decimals.
        redeemed_at (datetime.datetime):
        organisation_id (str): Who took it: the venue, or the member's home organisation for a deposit.
        transaction_id (str): The transfer (kind `note_redeem`).
        member_id (None | str | Unset): For a deposit: whose wallet.
    """

    id: str
    serial: str
    denomination: str
    redeemed_at: datetime.datetime
    organisation_id: str
    transaction_id: str
    member_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        serial = self.serial

        denomination = self.denomination

        redeemed_at = self.redeemed_at.isoformat()

        organisation_id = self.organisation_id

        transaction_id = self.transaction_id

        member_id: None | str | Unset
        if isinstance(self.member_id, Unset):
            member_id = UNSET
        else:
            member_id = self.member_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "serial": serial,
                "denomination": denomination,
                "redeemed_at": redeemed_at,
                "organisation_id": organisation_id,
                "transaction_id": transaction_id,
            }
        )
        if member_id is not UNSET:
            field_dict["member_id"] = member_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        serial = d.pop("serial")

        denomination = d.pop("denomination")

        redeemed_at = datetime.datetime.fromisoformat(d.pop("redeemed_at"))

        organisation_id = d.pop("organisation_id")

        transaction_id = d.pop("transaction_id")

        def _parse_member_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        member_id = _parse_member_id(d.pop("member_id", UNSET))

        note_redemption = cls(
            id=id,
            serial=serial,
            denomination=denomination,
            redeemed_at=redeemed_at,
            organisation_id=organisation_id,
            transaction_id=transaction_id,
            member_id=member_id,
        )

        note_redemption.additional_properties = d
        return note_redemption

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
