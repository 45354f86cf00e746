from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MemberRead")


@_attrs_define
class MemberRead:
    """
    Attributes:
        id (str):
        card_number (str): 12 digits with a check digit, printed in groups of 4.
        display_name (str):
        external_ref (None | str): Shown only to the home organisation.
        year_of_birth (int | None):
        postcode_district (None | str):
        consent_contact (bool):
        consent_research (bool):
        programme_id (str):
        home_organisation_id (str):
        balance (str):
        created_at (datetime.datetime):
    """

    id: str
    card_number: str
    display_name: str
    external_ref: None | str
    year_of_birth: int | None
    postcode_district: None | str
    consent_contact: bool
    consent_research: bool
    programme_id: str
    home_organisation_id: str
    balance: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        card_number = self.card_number

        display_name = self.display_name

        external_ref: None | str
        external_ref = self.external_ref

        year_of_birth: int | None
        year_of_birth = self.year_of_birth

        postcode_district: None | str
        postcode_district = self.postcode_district

        consent_contact = self.consent_contact

        consent_research = self.consent_research

        programme_id = self.programme_id

        home_organisation_id = self.home_organisation_id

        balance = self.balance

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "card_number": card_number,
                "display_name": display_name,
                "external_ref": external_ref,
                "year_of_birth": year_of_birth,
                "postcode_district": postcode_district,
                "consent_contact": consent_contact,
                "consent_research": consent_research,
                "programme_id": programme_id,
                "home_organisation_id": home_organisation_id,
                "balance": balance,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        card_number = d.pop("card_number")

        display_name = d.pop("display_name")

        def _parse_external_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_ref = _parse_external_ref(d.pop("external_ref"))

        def _parse_year_of_birth(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        year_of_birth = _parse_year_of_birth(d.pop("year_of_birth"))

        def _parse_postcode_district(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        postcode_district = _parse_postcode_district(d.pop("postcode_district"))

        consent_contact = d.pop("consent_contact")

        consent_research = d.pop("consent_research")

        programme_id = d.pop("programme_id")

        home_organisation_id = d.pop("home_organisation_id")

        balance = d.pop("balance")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        member_read = cls(
            id=id,
            card_number=card_number,
            display_name=display_name,
            external_ref=external_ref,
            year_of_birth=year_of_birth,
            postcode_district=postcode_district,
            consent_contact=consent_contact,
            consent_research=consent_research,
            programme_id=programme_id,
            home_organisation_id=home_organisation_id,
            balance=balance,
            created_at=created_at,
        )

        member_read.additional_properties = d
        return member_read

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
