from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.opportunity_update_accessibility_type_0_item import OpportunityUpdateAccessibilityType0Item
from ..models.opportunity_update_categories_type_0_item import OpportunityUpdateCategoriesType0Item
from ..models.opportunity_update_category_type_0 import OpportunityUpdateCategoryType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.location import Location
    from ..models.slot_input import SlotInput


T = TypeVar("T", bound="OpportunityUpdate")


@_attrs_define
class OpportunityUpdate:
    """
    Attributes:
        address (Address | None | Unset):
        location (Location | None | Unset):
        accessibility (list[OpportunityUpdateAccessibilityType0Item] | None | Unset):
        title (None | str | Unset):
        description (None | str | Unset):
        category (None | OpportunityUpdateCategoryType0 | Unset): The listing's main category (docs/directory.md).
        categories (list[OpportunityUpdateCategoriesType0Item] | None | Unset): Every category it belongs to; always
            includes `category`, which is added when missing.
        schedule (list[SlotInput] | None | Unset):
        valid_from (datetime.date | None | Unset):
        valid_until (datetime.date | None | Unset):
        capacity (int | None | Unset): Places per session; absent = no limit.
        commitment (None | str | Unset):
    """

    address: Address | None | Unset = UNSET
    location: Location | None | Unset = UNSET
    accessibility: list[OpportunityUpdateAccessibilityType0Item] | None | Unset = UNSET
    title: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    category: None | OpportunityUpdateCategoryType0 | Unset = UNSET
    categories: list[OpportunityUpdateCategoriesType0Item] | None | Unset = UNSET
    schedule: list[SlotInput] | None | Unset = UNSET
    valid_from: datetime.date | None | Unset = UNSET
    valid_until: datetime.date | None | Unset = UNSET
    capacity: int | None | Unset = UNSET
    commitment: None | str | Unset = UNSET

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

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        elif isinstance(self.category, OpportunityUpdateCategoryType0):
            category = self.category.value
        else:
            category = self.category

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

        schedule: list[dict[str, Any]] | None | Unset
        if isinstance(self.schedule, Unset):
            schedule = UNSET
        elif isinstance(self.schedule, list):
            schedule = []
            for schedule_type_0_item_data in self.schedule:
                schedule_type_0_item = schedule_type_0_item_data.to_dict()
                schedule.append(schedule_type_0_item)

        else:
            schedule = self.schedule

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.date):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        valid_until: None | str | Unset
        if isinstance(self.valid_until, Unset):
            valid_until = UNSET
        elif isinstance(self.valid_until, datetime.date):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        commitment: None | str | Unset
        if isinstance(self.commitment, Unset):
            commitment = UNSET
        else:
            commitment = self.commitment

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if address is not UNSET:
            field_dict["address"] = address
        if location is not UNSET:
            field_dict["location"] = location
        if accessibility is not UNSET:
            field_dict["accessibility"] = accessibility
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if category is not UNSET:
            field_dict["category"] = category
        if categories is not UNSET:
            field_dict["categories"] = categories
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from
        if valid_until is not UNSET:
            field_dict["valid_until"] = valid_until
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if commitment is not UNSET:
            field_dict["commitment"] = commitment

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

        def _parse_accessibility(data: object) -> list[OpportunityUpdateAccessibilityType0Item] | None | Unset:
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
                    accessibility_type_0_item = OpportunityUpdateAccessibilityType0Item(accessibility_type_0_item_data)

                    accessibility_type_0.append(accessibility_type_0_item)

                return accessibility_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[OpportunityUpdateAccessibilityType0Item] | None | Unset, data)

        accessibility = _parse_accessibility(d.pop("accessibility", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_category(data: object) -> None | OpportunityUpdateCategoryType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                category_type_0 = OpportunityUpdateCategoryType0(data)

                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OpportunityUpdateCategoryType0 | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_categories(data: object) -> list[OpportunityUpdateCategoriesType0Item] | None | Unset:
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
                    categories_type_0_item = OpportunityUpdateCategoriesType0Item(categories_type_0_item_data)

                    categories_type_0.append(categories_type_0_item)

                return categories_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[OpportunityUpdateCategoriesType0Item] | None | Unset, data)

        categories = _parse_categories(d.pop("categories", UNSET))

        def _parse_schedule(data: object) -> list[SlotInput] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                schedule_type_0 = []
                _schedule_type_0 = data
                for schedule_type_0_item_data in _schedule_type_0:
                    schedule_type_0_item = SlotInput.from_dict(schedule_type_0_item_data)

                    schedule_type_0.append(schedule_type_0_item)

                return schedule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[SlotInput] | None | Unset, data)

        schedule = _parse_schedule(d.pop("schedule", UNSET))

        def _parse_valid_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.date.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))

        def _parse_valid_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.date.fromisoformat(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_until = _parse_valid_until(d.pop("valid_until", UNSET))

        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        def _parse_commitment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        commitment = _parse_commitment(d.pop("commitment", UNSET))

        opportunity_update = cls(
            address=address,
            location=location,
            accessibility=accessibility,
            title=title,
            description=description,
            category=category,
            categories=categories,
            schedule=schedule,
            valid_from=valid_from,
            valid_until=valid_until,
            capacity=capacity,
            commitment=commitment,
        )

        return opportunity_update
