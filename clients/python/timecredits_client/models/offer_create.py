from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.offer_create_accessibility_type_0_item import OfferCreateAccessibilityType0Item
from ..models.offer_create_categories_type_0_item import OfferCreateCategoriesType0Item
from ..models.offer_create_category import OfferCreateCategory
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.location import Location
    from ..models.restrictions import Restrictions
    from ..models.slot_input import SlotInput


T = TypeVar("T", bound="OfferCreate")


@_attrs_define
class OfferCreate:
    """
    Attributes:
        title (str):
        category (OfferCreateCategory):
        credits_ (float | str): Credits per adult per visit, > 0.
        address (Address | None | Unset):
        location (Location | None | Unset):
        accessibility (list[OfferCreateAccessibilityType0Item] | None | Unset):
        description (None | str | Unset):
        categories (list[OfferCreateCategoriesType0Item] | None | Unset): Every category it belongs to; always includes
            `category`, which is added when missing.
        schedule (list[SlotInput] | None | Unset):
        valid_from (datetime.date | None | Unset):
        valid_until (datetime.date | None | Unset):
        capacity (int | None | Unset): Places per session; absent = no limit.
        child_credits (float | None | str | Unset): Credits per child under 16; children pay `credits` if unset.
        restrictions (None | Restrictions | Unset):
    """

    title: str
    category: OfferCreateCategory
    credits_: float | str
    address: Address | None | Unset = UNSET
    location: Location | None | Unset = UNSET
    accessibility: list[OfferCreateAccessibilityType0Item] | None | Unset = UNSET
    description: None | str | Unset = UNSET
    categories: list[OfferCreateCategoriesType0Item] | None | Unset = UNSET
    schedule: list[SlotInput] | None | Unset = UNSET
    valid_from: datetime.date | None | Unset = UNSET
    valid_until: datetime.date | None | Unset = UNSET
    capacity: int | None | Unset = UNSET
    child_credits: float | None | str | Unset = UNSET
    restrictions: None | Restrictions | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.location import Location  # noqa: PLC0415
        from ..models.restrictions import Restrictions  # noqa: PLC0415

        title = self.title

        category = self.category.value

        credits_: float | str
        credits_ = self.credits_

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

        child_credits: float | None | str | Unset
        if isinstance(self.child_credits, Unset):
            child_credits = UNSET
        else:
            child_credits = self.child_credits

        restrictions: dict[str, Any] | None | Unset
        if isinstance(self.restrictions, Unset):
            restrictions = UNSET
        elif isinstance(self.restrictions, Restrictions):
            restrictions = self.restrictions.to_dict()
        else:
            restrictions = self.restrictions

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
                "category": category,
                "credits": credits_,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if location is not UNSET:
            field_dict["location"] = location
        if accessibility is not UNSET:
            field_dict["accessibility"] = accessibility
        if description is not UNSET:
            field_dict["description"] = description
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
        if child_credits is not UNSET:
            field_dict["child_credits"] = child_credits
        if restrictions is not UNSET:
            field_dict["restrictions"] = restrictions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.location import Location  # noqa: PLC0415
        from ..models.restrictions import Restrictions  # noqa: PLC0415
        from ..models.slot_input import SlotInput  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title")

        category = OfferCreateCategory(d.pop("category"))

        def _parse_credits_(data: object) -> float | str:
            return cast(float | str, data)

        credits_ = _parse_credits_(d.pop("credits"))

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

        def _parse_accessibility(data: object) -> list[OfferCreateAccessibilityType0Item] | None | Unset:
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
                    accessibility_type_0_item = OfferCreateAccessibilityType0Item(accessibility_type_0_item_data)

                    accessibility_type_0.append(accessibility_type_0_item)

                return accessibility_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[OfferCreateAccessibilityType0Item] | None | Unset, data)

        accessibility = _parse_accessibility(d.pop("accessibility", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_categories(data: object) -> list[OfferCreateCategoriesType0Item] | None | Unset:
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
                    categories_type_0_item = OfferCreateCategoriesType0Item(categories_type_0_item_data)

                    categories_type_0.append(categories_type_0_item)

                return categories_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[OfferCreateCategoriesType0Item] | None | Unset, data)

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

        def _parse_child_credits(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        child_credits = _parse_child_credits(d.pop("child_credits", UNSET))

        def _parse_restrictions(data: object) -> None | Restrictions | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                restrictions_type_0 = Restrictions.from_dict(data)

                return restrictions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Restrictions | Unset, data)

        restrictions = _parse_restrictions(d.pop("restrictions", UNSET))

        offer_create = cls(
            title=title,
            category=category,
            credits_=credits_,
            address=address,
            location=location,
            accessibility=accessibility,
            description=description,
            categories=categories,
            schedule=schedule,
            valid_from=valid_from,
            valid_until=valid_until,
            capacity=capacity,
            child_credits=child_credits,
            restrictions=restrictions,
        )

        return offer_create
