from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hsds_service_summary import HsdsServiceSummary


T = TypeVar("T", bound="HsdsServicePage")


@_attrs_define
class HsdsServicePage:
    """An HSDS page: all eight Page fields, `contents` being services in list form.

    Attributes:
        total_items (int):
        total_pages (int):
        page_number (int):
        size (int): Services on this page.
        first_page (bool):
        last_page (bool):
        empty (bool): True when this page has no services.
        contents (list[HsdsServiceSummary]):
    """

    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[HsdsServiceSummary]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_items = self.total_items

        total_pages = self.total_pages

        page_number = self.page_number

        size = self.size

        first_page = self.first_page

        last_page = self.last_page

        empty = self.empty

        contents = []
        for contents_item_data in self.contents:
            contents_item = contents_item_data.to_dict()
            contents.append(contents_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total_items": total_items,
                "total_pages": total_pages,
                "page_number": page_number,
                "size": size,
                "first_page": first_page,
                "last_page": last_page,
                "empty": empty,
                "contents": contents,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hsds_service_summary import HsdsServiceSummary  # noqa: PLC0415

        d = dict(src_dict)
        total_items = d.pop("total_items")

        total_pages = d.pop("total_pages")

        page_number = d.pop("page_number")

        size = d.pop("size")

        first_page = d.pop("first_page")

        last_page = d.pop("last_page")

        empty = d.pop("empty")

        contents = []
        _contents = d.pop("contents")
        for contents_item_data in _contents:
            contents_item = HsdsServiceSummary.from_dict(contents_item_data)

            contents.append(contents_item)

        hsds_service_page = cls(
            total_items=total_items,
            total_pages=total_pages,
            page_number=page_number,
            size=size,
            first_page=first_page,
            last_page=last_page,
            empty=empty,
            contents=contents,
        )

        hsds_service_page.additional_properties = d
        return hsds_service_page

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
