from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RedemptionCodeCreated")


@_attrs_define
class RedemptionCodeCreated:
    """
    Attributes:
        id (str):
        code (None | str): To show large or read out: 9 letters and digits (no I, L, O or U; the last is a check
            character) in two groups. Shown in this response only: null in an Idempotency-Key replay (it is stored only as a
            hash).
        token (None | str): The same authorisation as a signed token (JWS, ES256) for a QR code; verifiable offline with
            the keys at /.well-known/jwks.json. Null in a replay too.
        member_id (str):
        max_credits (None | str):
        expires_at (datetime.datetime):
        created_at (datetime.datetime):
    """

    id: str
    code: None | str
    token: None | str
    member_id: str
    max_credits: None | str
    expires_at: datetime.datetime
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        code: None | str
        code = self.code

        token: None | str
        token = self.token

        member_id = self.member_id

        max_credits: None | str
        max_credits = self.max_credits

        expires_at = self.expires_at.isoformat()

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "code": code,
                "token": token,
                "member_id": member_id,
                "max_credits": max_credits,
                "expires_at": expires_at,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        def _parse_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        code = _parse_code(d.pop("code"))

        def _parse_token(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        token = _parse_token(d.pop("token"))

        member_id = d.pop("member_id")

        def _parse_max_credits(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        max_credits = _parse_max_credits(d.pop("max_credits"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        redemption_code_created = cls(
            id=id,
            code=code,
            token=token,
            member_id=member_id,
            max_credits=max_credits,
            expires_at=expires_at,
            created_at=created_at,
        )

        redemption_code_created.additional_properties = d
        return redemption_code_created

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
