from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.profile_update_accessibility_type_0_item import ProfileUpdateAccessibilityType0Item
from ..models.profile_update_categories_type_0_item import ProfileUpdateCategoriesType0Item
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.location import Location
    from ..models.slot_input import SlotInput


T = TypeVar("T", bound="ProfileUpdate")


@_attrs_define
class ProfileUpdate:
    """`PATCH /v1/organisations/me`: the fields sent are set (null clears one); the rest
    stay as they are.

        Attributes:
            address (Address | None | Unset):
            location (Location | None | Unset):
            accessibility (list[ProfileUpdateAccessibilityType0Item] | None | Unset):
            description (None | str | Unset):
            website (None | str | Unset):
            email (None | str | Unset): Public: shown to every partner.
            phone (None | str | Unset): Public: shown to every partner.
            logo_url (None | str | Unset):
            opening_hours (list[SlotInput] | None | Unset):
            categories (list[ProfileUpdateCategoriesType0Item] | None | Unset):
    """

    address: Address | None | Unset = UNSET
    location: Location | None | Unset = UNSET
    accessibility: list[ProfileUpdateAccessibilityType0Item] | None | Unset = UNSET
    description: None | str | Unset = UNSET
    website: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    logo_url: None | str | Unset = UNSET
    opening_hours: list[SlotInput] | None | Unset = UNSET
    categories: list[ProfileUpdateCategoriesType0Item] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.location import Location  # noqa: PLC0415

        address: dict[str, Any] | None | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        elif isinstance(self.address, Address):
            address = self.address.to_dict()
        else:
            address = self.address

        location: dict[str, Any] | None | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        elif isinstance(self.location, Location):
            location = self.location.to_dict()
        else:
            location = self.location

        accessibility: list[str] | None | Unset
        if isinstance(self.accessibility, Unset):
            accessibility = UNSET
        elif isinstance(self.accessibility, list):
            accessibility = []
            for accessibility_type_0_item_data in self.accessibility:
                accessibility_type_0_item = accessibility_type_0_item_data.value
                accessibility.append(accessibility_type_0_item)

        else:
            accessibility = self.accessibility

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        website: None | str | Unset
        if isinstance(self.website, Unset):
            website = UNSET
        else:
            website = self.website

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        logo_url: None | str | Unset
        if isinstance(self.logo_url, Unset):
            logo_url = UNSET
        else:
            logo_url = self.logo_url

        opening_hours: list[dict[str, Any]] | None | Unset
        if isinstance(self.opening_hours, Unset):
            opening_hours = UNSET
        elif isinstance(self.opening_hours, list):
            opening_hours = []
            for opening_hours_type_0_item_data in self.opening_hours:
                opening_hours_type_0_item = opening_hours_type_0_item_data.to_dict()
                opening_hours.append(opening_hours_type_0_item)

        else:
            opening_hours = self.opening_hours

        categories: list[str] | None | Unset
        if isinstance(self.categories, Unset):
            categories = UNSET
        elif isinstance(self.categories, list):
            categories = []
            for categories_type_0_item_data in self.categories:
                categories_type_0_item = categories_type_0_item_data.value
                categories.append(categories_type_0_item)

        else:
            categories = self.categories

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if address is not UNSET:
            field_dict["address"] = address
        if location is not UNSET:
            field_dict["location"] = location
        if accessibility is not UNSET:
            field_dict["accessibility"] = accessibility
        if description is not UNSET:
            field_dict["description"] = description
        if website is not UNSET:
            field_dict["website"] = website
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if logo_url is not UNSET:
            field_dict["logo_url"] = logo_url
        if opening_hours is not UNSET:
            field_dict["opening_hours"] = opening_hours
        if categories is not UNSET:
            field_dict["categories"] = categories

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.location import Location  # noqa: PLC0415
        from ..models.slot_input import SlotInput  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_address(data: object) -> Address | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                address_type_0 = Address.from_dict(data)

                return address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Address | None | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        def _parse_location(data: object) -> Location | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                location_type_0 = Location.from_dict(data)

                return location_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Location | None | Unset, data)

        location = _parse_location(d.pop("location", UNSET))

        def _parse_accessibility(data: object) -> list[ProfileUpdateAccessibilityType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                accessibility_type_0 = []
                _accessibility_type_0 = data
                for accessibility_type_0_item_data in _accessibility_type_0:
                    accessibility_type_0_item = ProfileUpdateAccessibilityType0Item(accessibility_type_0_item_data)

                    accessibility_type_0.append(accessibility_type_0_item)

                return accessibility_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ProfileUpdateAccessibilityType0Item] | None | Unset, data)

        accessibility = _parse_accessibility(d.pop("accessibility", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_website(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        website = _parse_website(d.pop("website", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_logo_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        logo_url = _parse_logo_url(d.pop("logo_url", UNSET))

        def _parse_opening_hours(data: object) -> list[SlotInput] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                opening_hours_type_0 = []
                _opening_hours_type_0 = data
                for opening_hours_type_0_item_data in _opening_hours_type_0:
                    opening_hours_type_0_item = SlotInput.from_dict(opening_hours_type_0_item_data)

                    opening_hours_type_0.append(opening_hours_type_0_item)

                return opening_hours_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[SlotInput] | None | Unset, data)

        opening_hours = _parse_opening_hours(d.pop("opening_hours", UNSET))

        def _parse_categories(data: object) -> list[ProfileUpdateCategoriesType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                categories_type_0 = []
                _categories_type_0 = data
                for categories_type_0_item_data in _categories_type_0:
                    categories_type_0_item = ProfileUpdateCategoriesType0Item(categories_type_0_item_data)

                    categories_type_0.append(categories_type_0_item)

                return categories_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ProfileUpdateCategoriesType0Item] | None | Unset, data)

        categories = _parse_categories(d.pop("categories", UNSET))

        profile_update = cls(
            address=address,
            location=location,
            accessibility=accessibility,
            description=description,
            website=website,
            email=email,
            phone=phone,
            logo_url=logo_url,
            opening_hours=opening_hours,
            categories=categories,
        )

        return profile_update
