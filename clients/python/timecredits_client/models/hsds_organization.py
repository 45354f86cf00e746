from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="HsdsOrganization")


@_attrs_define
class HsdsOrganization:
    """The organisation providing a service: its public profile only.

    Attributes:
        id (UUID):
        name (str):
        description (str):
        email (str | Unset):
        website (str | Unset):
        logo (str | Unset):
    """

    id: UUID
    name: str
    description: str
    email: str | Unset = UNSET
    website: str | Unset = UNSET
    logo: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        description = self.description

        email = self.email

        website = self.website

        logo = self.logo

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if website is not UNSET:
            field_dict["website"] = website
        if logo is not UNSET:
            field_dict["logo"] = logo

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        description = d.pop("description")

        email = d.pop("email", UNSET)

        website = d.pop("website", UNSET)

        logo = d.pop("logo", UNSET)

        hsds_organization = cls(
            id=id,
            name=name,
            description=description,
            email=email,
            website=website,
            logo=logo,
        )

        hsds_organization.additional_properties = d
        return hsds_organization

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
