from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PersonRead")


@_attrs_define
class PersonRead:
    """
    Attributes:
        display_name (str):
        external_ref (str):
        year_of_birth (int | None):
        postcode_district (None | str):
        consent_contact (bool):
    """

    display_name: str
    external_ref: str
    year_of_birth: int | None
    postcode_district: None | str
    consent_contact: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        external_ref = self.external_ref

        year_of_birth: int | None
        year_of_birth = self.year_of_birth

        postcode_district: None | str
        postcode_district = self.postcode_district

        consent_contact = self.consent_contact

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "display_name": display_name,
                "external_ref": external_ref,
                "year_of_birth": year_of_birth,
                "postcode_district": postcode_district,
                "consent_contact": consent_contact,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        display_name = d.pop("display_name")

        external_ref = d.pop("external_ref")

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

        person_read = cls(
            display_name=display_name,
            external_ref=external_ref,
            year_of_birth=year_of_birth,
            postcode_district=postcode_district,
            consent_contact=consent_contact,
        )

        person_read.additional_properties = d
        return person_read

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
