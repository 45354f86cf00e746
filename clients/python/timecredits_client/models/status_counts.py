from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StatusCounts")


@_attrs_define
class StatusCounts:
    """
    Attributes:
        sent (int | None):
        accepted (int | None):
        declined (int | None):
        first_attended (int | None):
        closed (int | None):
    """

    sent: int | None
    accepted: int | None
    declined: int | None
    first_attended: int | None
    closed: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sent: int | None
        sent = self.sent

        accepted: int | None
        accepted = self.accepted

        declined: int | None
        declined = self.declined

        first_attended: int | None
        first_attended = self.first_attended

        closed: int | None
        closed = self.closed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sent": sent,
                "accepted": accepted,
                "declined": declined,
                "first_attended": first_attended,
                "closed": closed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_sent(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        sent = _parse_sent(d.pop("sent"))

        def _parse_accepted(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        accepted = _parse_accepted(d.pop("accepted"))

        def _parse_declined(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        declined = _parse_declined(d.pop("declined"))

        def _parse_first_attended(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        first_attended = _parse_first_attended(d.pop("first_attended"))

        def _parse_closed(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        closed = _parse_closed(d.pop("closed"))

        status_counts = cls(
            sent=sent,
            accepted=accepted,
            declined=declined,
            first_attended=first_attended,
            closed=closed,
        )

        status_counts.additional_properties = d
        return status_counts

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
