from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RedemptionRequest")


@_attrs_define
class RedemptionRequest:
    """What a desk sends: the member's code (typed) or token (scanned), or their card number
    and PIN; and the amount.

        Attributes:
            code (None | str | Unset):
            token (None | str | Unset):
            card_number (None | str | Unset):
            pin (None | str | Unset): With card_number.
            credits_ (float | None | str | Unset): An amount; or an offer:
            offer_id (None | str | Unset): One of your offers: the service prices it.
            adults (int | Unset): With offer_id. Default: 1.
            children (int | Unset): With offer_id: under 16. Default: 0.
    """

    code: None | str | Unset = UNSET
    token: None | str | Unset = UNSET
    card_number: None | str | Unset = UNSET
    pin: None | str | Unset = UNSET
    credits_: float | None | str | Unset = UNSET
    offer_id: None | str | Unset = UNSET
    adults: int | Unset = 1
    children: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        token: None | str | Unset
        if isinstance(self.token, Unset):
            token = UNSET
        else:
            token = self.token

        card_number: None | str | Unset
        if isinstance(self.card_number, Unset):
            card_number = UNSET
        else:
            card_number = self.card_number

        pin: None | str | Unset
        if isinstance(self.pin, Unset):
            pin = UNSET
        else:
            pin = self.pin

        credits_: float | None | str | Unset
        if isinstance(self.credits_, Unset):
            credits_ = UNSET
        else:
            credits_ = self.credits_

        offer_id: None | str | Unset
        if isinstance(self.offer_id, Unset):
            offer_id = UNSET
        else:
            offer_id = self.offer_id

        adults = self.adults

        children = self.children

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if token is not UNSET:
            field_dict["token"] = token
        if card_number is not UNSET:
            field_dict["card_number"] = card_number
        if pin is not UNSET:
            field_dict["pin"] = pin
        if credits_ is not UNSET:
            field_dict["credits"] = credits_
        if offer_id is not UNSET:
            field_dict["offer_id"] = offer_id
        if adults is not UNSET:
            field_dict["adults"] = adults
        if children is not UNSET:
            field_dict["children"] = children

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        def _parse_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        token = _parse_token(d.pop("token", UNSET))

        def _parse_card_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        card_number = _parse_card_number(d.pop("card_number", UNSET))

        def _parse_pin(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pin = _parse_pin(d.pop("pin", UNSET))

        def _parse_credits_(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        credits_ = _parse_credits_(d.pop("credits", UNSET))

        def _parse_offer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        offer_id = _parse_offer_id(d.pop("offer_id", UNSET))

        adults = d.pop("adults", UNSET)

        children = d.pop("children", UNSET)

        redemption_request = cls(
            code=code,
            token=token,
            card_number=card_number,
            pin=pin,
            credits_=credits_,
            offer_id=offer_id,
            adults=adults,
            children=children,
        )

        return redemption_request
