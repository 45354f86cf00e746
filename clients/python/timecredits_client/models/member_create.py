from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MemberCreate")


@_attrs_define
class MemberCreate:
    """
    Attributes:
        display_name (str): A pseudonym or first name; no full names needed.
        programme_id (str):
        external_ref (None | str | Unset): Your own reference for this person, unique within your organisation.
        year_of_birth (int | None | Unset):
        postcode_district (None | str | Unset): Outward code only (`N17`), never a full postcode.
        consent_contact (bool | Unset):  Default: False.
        consent_research (bool | Unset):  Default: False.
    """

    display_name: str
    programme_id: str
    external_ref: None | str | Unset = UNSET
    year_of_birth: int | None | Unset = UNSET
    postcode_district: None | str | Unset = UNSET
    consent_contact: bool | Unset = False
    consent_research: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        programme_id = self.programme_id

        external_ref: None | str | Unset
        if isinstance(self.external_ref, Unset):
            external_ref = UNSET
        else:
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

        consent_research = self.consent_research

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "display_name": display_name,
                "programme_id": programme_id,
            }
        )
        if external_ref is not UNSET:
            field_dict["external_ref"] = external_ref
        if year_of_birth is not UNSET:
            field_dict["year_of_birth"] = year_of_birth
        if postcode_district is not UNSET:
            field_dict["postcode_district"] = postcode_district
        if consent_contact is not UNSET:
            field_dict["consent_contact"] = consent_contact
        if consent_research is not UNSET:
            field_dict["consent_research"] = consent_research

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        display_name = d.pop("display_name")

        programme_id = d.pop("programme_id")

        def _parse_external_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_ref = _parse_external_ref(d.pop("external_ref", UNSET))

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

        consent_research = d.pop("consent_research", UNSET)

        member_create = cls(
            display_name=display_name,
            programme_id=programme_id,
            external_ref=external_ref,
            year_of_birth=year_of_birth,
            postcode_district=postcode_district,
            consent_contact=consent_contact,
            consent_research=consent_research,
        )

        return member_create
