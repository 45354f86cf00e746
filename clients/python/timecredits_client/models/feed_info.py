from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FeedInfo")


@_attrs_define
class FeedInfo:
    """The HSDS API root: the HSDS version and profile this feed follows.

    Attributes:
        version (str):
        profile (str):
        openapi_url (str):
        services_url (str):
        description (str):
    """

    version: str
    profile: str
    openapi_url: str
    services_url: str
    description: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        profile = self.profile

        openapi_url = self.openapi_url

        services_url = self.services_url

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "profile": profile,
                "openapi_url": openapi_url,
                "services_url": services_url,
                "description": description,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        version = d.pop("version")

        profile = d.pop("profile")

        openapi_url = d.pop("openapi_url")

        services_url = d.pop("services_url")

        description = d.pop("description")

        feed_info = cls(
            version=version,
            profile=profile,
            openapi_url=openapi_url,
            services_url=services_url,
            description=description,
        )

        feed_info.additional_properties = d
        return feed_info

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
