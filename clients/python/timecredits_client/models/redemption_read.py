from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RedemptionRead")


@_attrs_define
class RedemptionRead:
    """
    Attributes:
        id (str):
        transaction_id (str): The transfer member → venue (kind `redemption`).
        organisation_id (str): The venue that redeemed.
        member_id (str):
        member_initials (str):
        code_id (None | str):
        offer_id (None | str):
        adults (int | None):
        children (int | None):
        credits_ (str): Exact amount, two decimals.
        created_at (datetime.datetime):
        refund_transaction_id (None | str): The reversal that refunded it, if it was refunded.
    """

    id: str
    transaction_id: str
    organisation_id: str
    member_id: str
    member_initials: str
    code_id: None | str
    offer_id: None | str
    adults: int | None
    children: int | None
    credits_: str
    created_at: datetime.datetime
    refund_transaction_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        transaction_id = self.transaction_id

        organisation_id = self.organisation_id

        member_id = self.member_id

        member_initials = self.member_initials

        code_id: None | str
        code_id = self.code_id

        offer_id: None | str
        offer_id = self.offer_id

        adults: int | None
        adults = self.adults

        children: int | None
        children = self.children

        credits_ = self.credits_

        created_at = self.created_at.isoformat()

        refund_transaction_id: None | str
        refund_transaction_id = self.refund_transaction_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "transaction_id": transaction_id,
                "organisation_id": organisation_id,
                "member_id": member_id,
                "member_initials": member_initials,
                "code_id": code_id,
                "offer_id": offer_id,
                "adults": adults,
                "children": children,
                "credits": credits_,
                "created_at": created_at,
                "refund_transaction_id": refund_transaction_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        transaction_id = d.pop("transaction_id")

        organisation_id = d.pop("organisation_id")

        member_id = d.pop("member_id")

        member_initials = d.pop("member_initials")

        def _parse_code_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        code_id = _parse_code_id(d.pop("code_id"))

        def _parse_offer_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        offer_id = _parse_offer_id(d.pop("offer_id"))

        def _parse_adults(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        adults = _parse_adults(d.pop("adults"))

        def _parse_children(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        children = _parse_children(d.pop("children"))

        credits_ = d.pop("credits")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_refund_transaction_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        refund_transaction_id = _parse_refund_transaction_id(d.pop("refund_transaction_id"))

        redemption_read = cls(
            id=id,
            transaction_id=transaction_id,
            organisation_id=organisation_id,
            member_id=member_id,
            member_initials=member_initials,
            code_id=code_id,
            offer_id=offer_id,
            adults=adults,
            children=children,
            credits_=credits_,
            created_at=created_at,
            refund_transaction_id=refund_transaction_id,
        )

        redemption_read.additional_properties = d
        return redemption_read

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
