from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.note_issued import NoteIssued


T = TypeVar("T", bound="NoteBatchRead")


@_attrs_define
class NoteBatchRead:
    """
    Attributes:
        id (str): The batch.
        data (list[NoteIssued]):
        sheet_url (str): The batch's printable A4 sheet (HTML, with QR codes).
    """

    id: str
    data: list[NoteIssued]
    sheet_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        sheet_url = self.sheet_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "data": data,
                "sheet_url": sheet_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.note_issued import NoteIssued  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = NoteIssued.from_dict(data_item_data)

            data.append(data_item)

        sheet_url = d.pop("sheet_url")

        note_batch_read = cls(
            id=id,
            data=data,
            sheet_url=sheet_url,
        )

        note_batch_read.additional_properties = d
        return note_batch_read

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
