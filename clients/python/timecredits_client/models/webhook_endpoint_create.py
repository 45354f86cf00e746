from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.webhook_endpoint_create_event_types_item import WebhookEndpointCreateEventTypesItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookEndpointCreate")


@_attrs_define
class WebhookEndpointCreate:
    """
    Attributes:
        url (str): An https URL on a public address (loopback, private and link-local targets are refused unless the
            service allows them for development).
        event_types (list[WebhookEndpointCreateEventTypesItem]): Any of: member.created, earning.created, spend.created,
            gift.created, allocation.created, transaction.reversed, redemption.completed, redemption.refunded, note.issued,
            note.redeemed, note.voided, referral.created, referral.updated, survey_response.created, report_link.created,
            report_link.revoked.
        enabled (bool | Unset):  Default: True.
    """

    url: str
    event_types: list[WebhookEndpointCreateEventTypesItem]
    enabled: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        event_types = []
        for event_types_item_data in self.event_types:
            event_types_item = event_types_item_data.value
            event_types.append(event_types_item)

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
                "event_types": event_types,
            }
        )
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        event_types = []
        _event_types = d.pop("event_types")
        for event_types_item_data in _event_types:
            event_types_item = WebhookEndpointCreateEventTypesItem(event_types_item_data)

            event_types.append(event_types_item)

        enabled = d.pop("enabled", UNSET)

        webhook_endpoint_create = cls(
            url=url,
            event_types=event_types,
            enabled=enabled,
        )

        return webhook_endpoint_create
