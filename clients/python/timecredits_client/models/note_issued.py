from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="NoteIssued")


@_attrs_define
class NoteIssued:
    """
    Attributes:
        id (str):
        serial (None | str): Printed on the note: 11 digits (the last a check digit) as `1234 5678 901`. A bearer value:
            in this response only (null in an Idempotency-Key replay and in the event); the sheet prints it.
        token (None | str): The note as a signed token (JWS, ES256) for its QR code: `{"typ": "note", "sub": <note id>,
            "exp": …}`. Null in a replay and in the event.
        denomination (str): Exact amount, two decimals.
        expires_on (datetime.date | None):
        issued_at (datetime.datetime):
    """

    id: str
    serial: None | str
    token: None | str
    denomination: str
    expires_on: datetime.date | None
    issued_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        serial: None | str
        serial = self.serial

        token: None | str
        token = self.token

        denomination = self.denomination

        expires_on: None | str
        if isinstance(self.expires_on, datetime.date):
            expires_on = self.expires_on.isoformat()
        else:
            expires_on = self.expires_on

        issued_at = self.issued_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "serial": serial,
                "token": token,
                "denomination": denomination,
                "expires_on": expires_on,
                "issued_at": issued_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        def _parse_serial(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        serial = _parse_serial(d.pop("serial"))

        def _parse_token(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        token = _parse_token(d.pop("token"))

        denomination = d.pop("denomination")

        def _parse_expires_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_on_type_0 = datetime.date.fromisoformat(data)

                return expires_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        expires_on = _parse_expires_on(d.pop("expires_on"))

        issued_at = datetime.datetime.fromisoformat(d.pop("issued_at"))

        note_issued = cls(
            id=id,
            serial=serial,
            token=token,
            denomination=denomination,
            expires_on=expires_on,
            issued_at=issued_at,
        )

        note_issued.additional_properties = d
        return note_issued

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
