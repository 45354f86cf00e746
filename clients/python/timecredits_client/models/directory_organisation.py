from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.directory_organisation_roles_item import DirectoryOrganisationRolesItem
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address_read import AddressRead
    from ..models.location_read import LocationRead
    from ..models.slot_output import SlotOutput


T = TypeVar("T", bound="DirectoryOrganisation")


@_attrs_define
class DirectoryOrganisation:
    """An organisation's public profile: what any partner may read. No balance, no keys,
    no private contacts.

        Attributes:
            id (str):
            name (str):
            roles (list[DirectoryOrganisationRolesItem]):
            programme_ids (list[str]):
            description (None | str):
            website (None | str):
            email (None | str):
            phone (None | str):
            address (AddressRead | None):
            location (LocationRead | None):
            opening_hours (list[SlotOutput]):
            accessibility (list[str]):
            categories (list[str]):
            logo_url (None | str):
            updated_at (datetime.datetime):
            distance_km (float | None | Unset): From `near`, rounded to 10 m; only in a `near` search.
    """

    id: str
    name: str
    roles: list[DirectoryOrganisationRolesItem]
    programme_ids: list[str]
    description: None | str
    website: None | str
    email: None | str
    phone: None | str
    address: AddressRead | None
    location: LocationRead | None
    opening_hours: list[SlotOutput]
    accessibility: list[str]
    categories: list[str]
    logo_url: None | str
    updated_at: datetime.datetime
    distance_km: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.address_read import AddressRead  # noqa: PLC0415
        from ..models.location_read import LocationRead  # noqa: PLC0415

        id = self.id

        name = self.name

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        programme_ids = self.programme_ids

        description: None | str
        description = self.description

        website: None | str
        website = self.website

        email: None | str
        email = self.email

        phone: None | str
        phone = self.phone

        address: dict[str, Any] | None
        if isinstance(self.address, AddressRead):
            address = self.address.to_dict()
        else:
            address = self.address

        location: dict[str, Any] | None
        if isinstance(self.location, LocationRead):
            location = self.location.to_dict()
        else:
            location = self.location

        opening_hours = []
        for opening_hours_item_data in self.opening_hours:
            opening_hours_item = opening_hours_item_data.to_dict()
            opening_hours.append(opening_hours_item)

        accessibility = self.accessibility

        categories = self.categories

        logo_url: None | str
        logo_url = self.logo_url

        updated_at = self.updated_at.isoformat()

        distance_km: float | None | Unset
        if isinstance(self.distance_km, Unset):
            distance_km = UNSET
        else:
            distance_km = self.distance_km

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "roles": roles,
                "programme_ids": programme_ids,
                "description": description,
                "website": website,
                "email": email,
                "phone": phone,
                "address": address,
                "location": location,
                "opening_hours": opening_hours,
                "accessibility": accessibility,
                "categories": categories,
                "logo_url": logo_url,
                "updated_at": updated_at,
            }
        )
        if distance_km is not UNSET:
            field_dict["distance_km"] = distance_km

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address_read import AddressRead  # noqa: PLC0415
        from ..models.location_read import LocationRead  # noqa: PLC0415
        from ..models.slot_output import SlotOutput  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = DirectoryOrganisationRolesItem(roles_item_data)

            roles.append(roles_item)

        programme_ids = cast(list[str], d.pop("programme_ids"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_website(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        website = _parse_website(d.pop("website"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        def _parse_address(data: object) -> AddressRead | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                address_type_0 = AddressRead.from_dict(data)

                return address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AddressRead | None, data)

        address = _parse_address(d.pop("address"))

        def _parse_location(data: object) -> LocationRead | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                location_type_0 = LocationRead.from_dict(data)

                return location_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LocationRead | None, data)

        location = _parse_location(d.pop("location"))

        opening_hours = []
        _opening_hours = d.pop("opening_hours")
        for opening_hours_item_data in _opening_hours:
            opening_hours_item = SlotOutput.from_dict(opening_hours_item_data)

            opening_hours.append(opening_hours_item)

        accessibility = cast(list[str], d.pop("accessibility"))

        categories = cast(list[str], d.pop("categories"))

        def _parse_logo_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        logo_url = _parse_logo_url(d.pop("logo_url"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_distance_km(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        distance_km = _parse_distance_km(d.pop("distance_km", UNSET))

        directory_organisation = cls(
            id=id,
            name=name,
            roles=roles,
            programme_ids=programme_ids,
            description=description,
            website=website,
            email=email,
            phone=phone,
            address=address,
            location=location,
            opening_hours=opening_hours,
            accessibility=accessibility,
            categories=categories,
            logo_url=logo_url,
            updated_at=updated_at,
            distance_km=distance_km,
        )

        directory_organisation.additional_properties = d
        return directory_organisation

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
