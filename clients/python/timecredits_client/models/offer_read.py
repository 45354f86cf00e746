from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.offer_read_status import OfferReadStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address_read import AddressRead
    from ..models.location_read import LocationRead
    from ..models.restrictions_read import RestrictionsRead
    from ..models.slot_output import SlotOutput


T = TypeVar("T", bound="OfferRead")


@_attrs_define
class OfferRead:
    """
    Attributes:
        id (str):
        organisation_id (str):
        organisation_name (str):
        title (str):
        description (None | str):
        category (str):
        categories (list[str]): `category` first, then the others A-Z.
        schedule (list[SlotOutput]):
        valid_from (datetime.date | None):
        valid_until (datetime.date | None):
        capacity (int | None):
        accessibility (list[str]):
        address (AddressRead | None):
        location (LocationRead | None):
        own_location (bool): False while the address and location follow the organisation's profile.
        status (OfferReadStatus):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        archived_at (datetime.datetime | None):
        credits_ (str): Per adult.
        child_credits (None | str): Per child under 16; null: `credits`.
        restrictions (None | RestrictionsRead):
        distance_km (float | None | Unset): From `near`, rounded to 10 m; only in a `near` search.
    """

    id: str
    organisation_id: str
    organisation_name: str
    title: str
    description: None | str
    category: str
    categories: list[str]
    schedule: list[SlotOutput]
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    capacity: int | None
    accessibility: list[str]
    address: AddressRead | None
    location: LocationRead | None
    own_location: bool
    status: OfferReadStatus
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None
    credits_: str
    child_credits: None | str
    restrictions: None | RestrictionsRead
    distance_km: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.address_read import AddressRead  # noqa: PLC0415
        from ..models.location_read import LocationRead  # noqa: PLC0415
        from ..models.restrictions_read import RestrictionsRead  # noqa: PLC0415

        id = self.id

        organisation_id = self.organisation_id

        organisation_name = self.organisation_name

        title = self.title

        description: None | str
        description = self.description

        category = self.category

        categories = self.categories

        schedule = []
        for schedule_item_data in self.schedule:
            schedule_item = schedule_item_data.to_dict()
            schedule.append(schedule_item)

        valid_from: None | str
        if isinstance(self.valid_from, datetime.date):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        valid_until: None | str
        if isinstance(self.valid_until, datetime.date):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        capacity: int | None
        capacity = self.capacity

        accessibility = self.accessibility

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

        own_location = self.own_location

        status = self.status.value

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        archived_at: None | str
        if isinstance(self.archived_at, datetime.datetime):
            archived_at = self.archived_at.isoformat()
        else:
            archived_at = self.archived_at

        credits_ = self.credits_

        child_credits: None | str
        child_credits = self.child_credits

        restrictions: dict[str, Any] | None
        if isinstance(self.restrictions, RestrictionsRead):
            restrictions = self.restrictions.to_dict()
        else:
            restrictions = self.restrictions

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
                "organisation_id": organisation_id,
                "organisation_name": organisation_name,
                "title": title,
                "description": description,
                "category": category,
                "categories": categories,
                "schedule": schedule,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "capacity": capacity,
                "accessibility": accessibility,
                "address": address,
                "location": location,
                "own_location": own_location,
                "status": status,
                "created_at": created_at,
                "updated_at": updated_at,
                "archived_at": archived_at,
                "credits": credits_,
                "child_credits": child_credits,
                "restrictions": restrictions,
            }
        )
        if distance_km is not UNSET:
            field_dict["distance_km"] = distance_km

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address_read import AddressRead  # noqa: PLC0415
        from ..models.location_read import LocationRead  # noqa: PLC0415
        from ..models.restrictions_read import RestrictionsRead  # noqa: PLC0415
        from ..models.slot_output import SlotOutput  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        organisation_id = d.pop("organisation_id")

        organisation_name = d.pop("organisation_name")

        title = d.pop("title")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        category = d.pop("category")

        categories = cast(list[str], d.pop("categories"))

        schedule = []
        _schedule = d.pop("schedule")
        for schedule_item_data in _schedule:
            schedule_item = SlotOutput.from_dict(schedule_item_data)

            schedule.append(schedule_item)

        def _parse_valid_from(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.date.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        valid_from = _parse_valid_from(d.pop("valid_from"))

        def _parse_valid_until(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.date.fromisoformat(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        valid_until = _parse_valid_until(d.pop("valid_until"))

        def _parse_capacity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        capacity = _parse_capacity(d.pop("capacity"))

        accessibility = cast(list[str], d.pop("accessibility"))

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

        own_location = d.pop("own_location")

        status = OfferReadStatus(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_archived_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                archived_at_type_0 = datetime.datetime.fromisoformat(data)

                return archived_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        archived_at = _parse_archived_at(d.pop("archived_at"))

        credits_ = d.pop("credits")

        def _parse_child_credits(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        child_credits = _parse_child_credits(d.pop("child_credits"))

        def _parse_restrictions(data: object) -> None | RestrictionsRead:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                restrictions_type_0 = RestrictionsRead.from_dict(data)

                return restrictions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RestrictionsRead, data)

        restrictions = _parse_restrictions(d.pop("restrictions"))

        def _parse_distance_km(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        distance_km = _parse_distance_km(d.pop("distance_km", UNSET))

        offer_read = cls(
            id=id,
            organisation_id=organisation_id,
            organisation_name=organisation_name,
            title=title,
            description=description,
            category=category,
            categories=categories,
            schedule=schedule,
            valid_from=valid_from,
            valid_until=valid_until,
            capacity=capacity,
            accessibility=accessibility,
            address=address,
            location=location,
            own_location=own_location,
            status=status,
            created_at=created_at,
            updated_at=updated_at,
            archived_at=archived_at,
            credits_=credits_,
            child_credits=child_credits,
            restrictions=restrictions,
            distance_km=distance_km,
        )

        offer_read.additional_properties = d
        return offer_read

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
