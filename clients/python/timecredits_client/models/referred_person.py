from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReferredPerson")


@_attrs_define
class ReferredPerson:
    """Someone the receiving organisation does not know yet: the minimum to contact and
    register them. Registered as its member when it accepts.

        Attributes:
            display_name (str): A pseudonym or first name; no full names.
            external_ref (str): The prescriber's own reference for the person.
            year_of_birth (int | None | Unset):
            postcode_district (None | str | Unset): Outward code only (`SA15`), never a full postcode.
            consent_contact (bool | Unset): The person agreed to be contacted by the receiving organisation. Default: False.
    """

    display_name: str
    external_ref: str
    year_of_birth: int | None | Unset = UNSET
    postcode_district: None | str | Unset = UNSET
    consent_contact: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        external_ref = self.external_ref

        year_of_birth: int | None | Unset
        if isinstance(self.year_of_birth, Unset):
            year_of_birth = UNSET
        else:
            year_of_birth = self.year_of_birth

        postcode_district: None | str | Unset
        if isinstance(self.postcode_district, Unset):
            postcode_district = UNSET
        else:
            postcode_district = self.postcode_district

        consent_contact = self.consent_contact

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "display_name": display_name,
                "external_ref": external_ref,
            }
        )
        if year_of_birth is not UNSET:
            field_dict["year_of_birth"] = year_of_birth
        if postcode_district is not UNSET:
            field_dict["postcode_district"] = postcode_district
        if consent_contact is not UNSET:
            field_dict["consent_contact"] = consent_contact

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        display_name = d.pop("display_name")

        external_ref = d.pop("external_ref")

        def _parse_year_of_birth(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        year_of_birth = _parse_year_of_birth(d.pop("year_of_birth", UNSET))

        def _parse_postcode_district(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        postcode_district = _parse_postcode_district(d.pop("postcode_district", UNSET))

        consent_contact = d.pop("consent_contact", UNSET)

        referred_person = cls(
            display_name=display_name,
            external_ref=external_ref,
            year_of_birth=year_of_birth,
            postcode_district=postcode_district,
            consent_contact=consent_contact,
        )

        return referred_person
