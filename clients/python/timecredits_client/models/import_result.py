from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.imported_row import ImportedRow
    from ..models.row_error import RowError
    from ..models.skipped_row import SkippedRow


T = TypeVar("T", bound="ImportResult")


@_attrs_define
class ImportResult:
    """
    Attributes:
        rows (int): Data rows read (blank lines and a total row not counted).
        accepted (int): Rows imported (or, in a dry run, that would be).
        rejected (int):
        dry_run (bool | Unset):  Default: False.
        errors (list[RowError] | Unset):
        skipped (list[SkippedRow] | Unset):
        created (list[ImportedRow] | Unset): What each accepted row created, in row order.
    """

    rows: int
    accepted: int
    rejected: int
    dry_run: bool | Unset = False
    errors: list[RowError] | Unset = UNSET
    skipped: list[SkippedRow] | Unset = UNSET
    created: list[ImportedRow] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rows = self.rows

        accepted = self.accepted

        rejected = self.rejected

        dry_run = self.dry_run

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        skipped: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.skipped, Unset):
            skipped = []
            for skipped_item_data in self.skipped:
                skipped_item = skipped_item_data.to_dict()
                skipped.append(skipped_item)

        created: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.created, Unset):
            created = []
            for created_item_data in self.created:
                created_item = created_item_data.to_dict()
                created.append(created_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rows": rows,
                "accepted": accepted,
                "rejected": rejected,
            }
        )
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run
        if errors is not UNSET:
            field_dict["errors"] = errors
        if skipped is not UNSET:
            field_dict["skipped"] = skipped
        if created is not UNSET:
            field_dict["created"] = created

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.imported_row import ImportedRow  # noqa: PLC0415
        from ..models.row_error import RowError  # noqa: PLC0415
        from ..models.skipped_row import SkippedRow  # noqa: PLC0415

        d = dict(src_dict)
        rows = d.pop("rows")

        accepted = d.pop("accepted")

        rejected = d.pop("rejected")

        dry_run = d.pop("dry_run", UNSET)

        _errors = d.pop("errors", UNSET)
        errors: list[RowError] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = RowError.from_dict(errors_item_data)

                errors.append(errors_item)

        _skipped = d.pop("skipped", UNSET)
        skipped: list[SkippedRow] | Unset = UNSET
        if _skipped is not UNSET:
            skipped = []
            for skipped_item_data in _skipped:
                skipped_item = SkippedRow.from_dict(skipped_item_data)

                skipped.append(skipped_item)

        _created = d.pop("created", UNSET)
        created: list[ImportedRow] | Unset = UNSET
        if _created is not UNSET:
            created = []
            for created_item_data in _created:
                created_item = ImportedRow.from_dict(created_item_data)

                created.append(created_item)

        import_result = cls(
            rows=rows,
            accepted=accepted,
            rejected=rejected,
            dry_run=dry_run,
            errors=errors,
            skipped=skipped,
            created=created,
        )

        import_result.additional_properties = d
        return import_result

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
