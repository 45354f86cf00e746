from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.hsds_service_summary_status import HsdsServiceSummaryStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.hsds_organization import HsdsOrganization


T = TypeVar("T", bound="HsdsServiceSummary")


@_attrs_define
class HsdsServiceSummary:
    """A service as listed: the UK profile's `compiled/service_list.json`
    (https://openreferraluk.org/specifications/3.0/): one-to-one fields only.

        Attributes:
            id (UUID):
            organization_id (UUID):
            name (str):
            status (HsdsServiceSummaryStatus): `active`; with `modified_after` or by id also `defunct` (archived by its
                partner) or `inactive` (expired).
            last_modified (datetime.datetime):
            organization (HsdsOrganization): The organisation providing a service: its public profile only.
            description (str | Unset):
            url (str | Unset):
            email (str | Unset):
    """

    id: UUID
    organization_id: UUID
    name: str
    status: HsdsServiceSummaryStatus
    last_modified: datetime.datetime
    organization: HsdsOrganization
    description: str | Unset = UNSET
    url: str | Unset = UNSET
    email: str | Unset = UNSET
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hsds_organization import HsdsOrganization  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        organization_id = UUID(d.pop("organization_id"))

        name = d.pop("name")

        status = HsdsServiceSummaryStatus(d.pop("status"))

        last_modified = datetime.datetime.fromisoformat(d.pop("last_modified"))

        organization = HsdsOrganization.from_dict(d.pop("organization"))

        description = d.pop("description", UNSET)

        url = d.pop("url", UNSET)

        email = d.pop("email", UNSET)

        hsds_service_summary = cls(
            id=id,
            organization_id=organization_id,
            name=name,
            status=status,
            last_modified=last_modified,
            organization=organization,
            description=description,
            url=url,
            email=email,
        )

        hsds_service_summary.additional_properties = d
        return hsds_service_summary

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
