from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.organisation_create_roles_item import OrganisationCreateRolesItem

T = TypeVar("T", bound="OrganisationCreate")


@_attrs_define
class OrganisationCreate:
    """
    Attributes:
        name (str):
        roles (list[OrganisationCreateRolesItem]):
        programme_ids (list[str]):
    """

    name: str
    roles: list[OrganisationCreateRolesItem]
    programme_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        programme_ids = self.programme_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "roles": roles,
                "programme_ids": programme_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = OrganisationCreateRolesItem(roles_item_data)

            roles.append(roles_item)

        programme_ids = cast(list[str], d.pop("programme_ids"))

        organisation_create = cls(
            name=name,
            roles=roles,
            programme_ids=programme_ids,
        )

        return organisation_create
