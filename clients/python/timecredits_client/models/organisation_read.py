from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.organisation_read_roles_item import OrganisationReadRolesItem

T = TypeVar("T", bound="OrganisationRead")


@_attrs_define
class OrganisationRead:
    """
    Attributes:
        id (str):
        name (str):
        roles (list[OrganisationReadRolesItem]):
        programme_ids (list[str]):
        balance (str): Credits the organisation holds (to give, or received).
        created_at (datetime.datetime):
    """

    id: str
    name: str
    roles: list[OrganisationReadRolesItem]
    programme_ids: list[str]
    balance: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        programme_ids = self.programme_ids

        balance = self.balance

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "roles": roles,
                "programme_ids": programme_ids,
                "balance": balance,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = OrganisationReadRolesItem(roles_item_data)

            roles.append(roles_item)

        programme_ids = cast(list[str], d.pop("programme_ids"))

        balance = d.pop("balance")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        organisation_read = cls(
            id=id,
            name=name,
            roles=roles,
            programme_ids=programme_ids,
            balance=balance,
            created_at=created_at,
        )

        organisation_read.additional_properties = d
        return organisation_read

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
