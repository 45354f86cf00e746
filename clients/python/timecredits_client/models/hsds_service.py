from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.hsds_service_status import HsdsServiceStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.hsds_organization import HsdsOrganization
    from ..models.hsds_service_attributes_item import HsdsServiceAttributesItem
    from ..models.hsds_service_contacts_item import HsdsServiceContactsItem
    from ..models.hsds_service_cost_options_item import HsdsServiceCostOptionsItem
    from ..models.hsds_service_schedules_item import HsdsServiceSchedulesItem
    from ..models.hsds_service_service_at_locations_item import HsdsServiceServiceAtLocationsItem


T = TypeVar("T", bound="HsdsService")


@_attrs_define
class HsdsService:
    """A fully nested service: the UK profile's `compiled/service.json`, plus HSDS core's
    contact `email` and `phones` and location `schedules`.

        Attributes:
            id (UUID):
            organization_id (UUID):
            name (str):
            status (HsdsServiceStatus): `active`; with `modified_after` or by id also `defunct` (archived by its partner) or
                `inactive` (expired).
            last_modified (datetime.datetime):
            organization (HsdsOrganization): The organisation providing a service: its public profile only.
            description (str | Unset):
            url (str | Unset):
            email (str | Unset):
            schedules (list[HsdsServiceSchedulesItem] | Unset): Weekly times: `freq: WEEKLY`, `byday`, local `opens_at`.
            service_at_locations (list[HsdsServiceServiceAtLocationsItem] | Unset): Where: one location with its address and
                accessibility.
            cost_options (list[HsdsServiceCostOptionsItem] | Unset): Offers only: `amount` in Time Credits (not money).
            contacts (list[HsdsServiceContactsItem] | Unset): The organisation's public email and phone.
            attributes (list[HsdsServiceAttributesItem] | Unset): Taxonomy terms: listing type, categories, accessibility
                features.
    """

    id: UUID
    organization_id: UUID
    name: str
    status: HsdsServiceStatus
    last_modified: datetime.datetime
    organization: HsdsOrganization
    description: str | Unset = UNSET
    url: str | Unset = UNSET
    email: str | Unset = UNSET
    schedules: list[HsdsServiceSchedulesItem] | Unset = UNSET
    service_at_locations: list[HsdsServiceServiceAtLocationsItem] | Unset = UNSET
    cost_options: list[HsdsServiceCostOptionsItem] | Unset = UNSET
    contacts: list[HsdsServiceContactsItem] | Unset = UNSET
    attributes: list[HsdsServiceAttributesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        organization_id = str(self.organization_id)

        name = self.name

        status = self.status.value

        last_modified = self.last_modified.isoformat()

        organization = self.organization.to_dict()

        description = self.description

        url = self.url

        email = self.email

        schedules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.schedules, Unset):
            schedules = []
            for schedules_item_data in self.schedules:
                schedules_item = schedules_item_data.to_dict()
                schedules.append(schedules_item)

        service_at_locations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.service_at_locations, Unset):
            service_at_locations = []
            for service_at_locations_item_data in self.service_at_locations:
                service_at_locations_item = service_at_locations_item_data.to_dict()
                service_at_locations.append(service_at_locations_item)

        cost_options: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.cost_options, Unset):
            cost_options = []
            for cost_options_item_data in self.cost_options:
                cost_options_item = cost_options_item_data.to_dict()
                cost_options.append(cost_options_item)

        contacts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.contacts, Unset):
            contacts = []
            for contacts_item_data in self.contacts:
                contacts_item = contacts_item_data.to_dict()
                contacts.append(contacts_item)

        attributes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = []
            for attributes_item_data in self.attributes:
                attributes_item = attributes_item_data.to_dict()
                attributes.append(attributes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "organization_id": organization_id,
                "name": name,
                "status": status,
                "last_modified": last_modified,
                "organization": organization,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if url is not UNSET:
            field_dict["url"] = url
        if email is not UNSET:
            field_dict["email"] = email
        if schedules is not UNSET:
            field_dict["schedules"] = schedules
        if service_at_locations is not UNSET:
            field_dict["service_at_locations"] = service_at_locations
        if cost_options is not UNSET:
            field_dict["cost_options"] = cost_options
        if contacts is not UNSET:
            field_dict["contacts"] = contacts
        if attributes is not UNSET:
            field_dict["attributes"] = attributes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hsds_organization import HsdsOrganization  # noqa: PLC0415
        from ..models.hsds_service_attributes_item import HsdsServiceAttributesItem  # noqa: PLC0415
        from ..models.hsds_service_contacts_item import HsdsServiceContactsItem  # noqa: PLC0415
        from ..models.hsds_service_cost_options_item import HsdsServiceCostOptionsItem  # noqa: PLC0415
        from ..models.hsds_service_schedules_item import HsdsServiceSchedulesItem  # noqa: PLC0415
        from ..models.hsds_service_service_at_locations_item import HsdsServiceServiceAtLocationsItem  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        organization_id = UUID(d.pop("organization_id"))

        name = d.pop("name")

        status = HsdsServiceStatus(d.pop("status"))

        last_modified = datetime.datetime.fromisoformat(d.pop("last_modified"))

        organization = HsdsOrganization.from_dict(d.pop("organization"))

        description = d.pop("description", UNSET)

        url = d.pop("url", UNSET)

        email = d.pop("email", UNSET)

        _schedules = d.pop("schedules", UNSET)
        schedules: list[HsdsServiceSchedulesItem] | Unset = UNSET
        if _schedules is not UNSET:
            schedules = []
            for schedules_item_data in _schedules:
                schedules_item = HsdsServiceSchedulesItem.from_dict(schedules_item_data)

                schedules.append(schedules_item)

        _service_at_locations = d.pop("service_at_locations", UNSET)
        service_at_locations: list[HsdsServiceServiceAtLocationsItem] | Unset = UNSET
        if _service_at_locations is not UNSET:
            service_at_locations = []
            for service_at_locations_item_data in _service_at_locations:
                service_at_locations_item = HsdsServiceServiceAtLocationsItem.from_dict(service_at_locations_item_data)

                service_at_locations.append(service_at_locations_item)

        _cost_options = d.pop("cost_options", UNSET)
        cost_options: list[HsdsServiceCostOptionsItem] | Unset = UNSET
        if _cost_options is not UNSET:
            cost_options = []
            for cost_options_item_data in _cost_options:
                cost_options_item = HsdsServiceCostOptionsItem.from_dict(cost_options_item_data)

                cost_options.append(cost_options_item)

        _contacts = d.pop("contacts", UNSET)
        contacts: list[HsdsServiceContactsItem] | Unset = UNSET
        if _contacts is not UNSET:
            contacts = []
            for contacts_item_data in _contacts:
                contacts_item = HsdsServiceContactsItem.from_dict(contacts_item_data)

                contacts.append(contacts_item)

        _attributes = d.pop("attributes", UNSET)
        attributes: list[HsdsServiceAttributesItem] | Unset = UNSET
        if _attributes is not UNSET:
            attributes = []
            for attributes_item_data in _attributes:
                attributes_item = HsdsServiceAttributesItem.from_dict(attributes_item_data)

                attributes.append(attributes_item)

        hsds_service = cls(
            id=id,
            organization_id=organization_id,
            name=name,
            status=status,
            last_modified=last_modified,
            organization=organization,
            description=description,
            url=url,
            email=email,
            schedules=schedules,
            service_at_locations=service_at_locations,
            cost_options=cost_options,
            contacts=contacts,
            attributes=attributes,
        )

        hsds_service.additional_properties = d
        return hsds_service

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
