from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversion_row_input import ConversionRowInput
    from ..models.scoring_create_option_values_type_0 import ScoringCreateOptionValuesType0


T = TypeVar("T", bound="ScoringCreate")


@_attrs_define
class ScoringCreate:
    """
    Attributes:
        items (list[str]):
        label (str | Unset):  Default: 'score'.
        option_values (None | ScoringCreateOptionValuesType0 | Unset):
        conversion (list[ConversionRowInput] | None | Unset):
    """

    items: list[str]
    label: str | Unset = "score"
    option_values: None | ScoringCreateOptionValuesType0 | Unset = UNSET
    conversion: list[ConversionRowInput] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.scoring_create_option_values_type_0 import ScoringCreateOptionValuesType0  # noqa: PLC0415

        items = self.items

        label = self.label

        option_values: dict[str, Any] | None | Unset
        if isinstance(self.option_values, Unset):
            option_values = UNSET
        elif isinstance(self.option_values, ScoringCreateOptionValuesType0):
            option_values = self.option_values.to_dict()
        else:
            option_values = self.option_values

        conversion: list[dict[str, Any]] | None | Unset
        if isinstance(self.conversion, Unset):
            conversion = UNSET
        elif isinstance(self.conversion, list):
            conversion = []
            for conversion_type_0_item_data in self.conversion:
                conversion_type_0_item = conversion_type_0_item_data.to_dict()
                conversion.append(conversion_type_0_item)

        else:
            conversion = self.conversion

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )
        if label is not UNSET:
            field_dict["label"] = label
        if option_values is not UNSET:
            field_dict["option_values"] = option_values
        if conversion is not UNSET:
            field_dict["conversion"] = conversion

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversion_row_input import ConversionRowInput  # noqa: PLC0415
        from ..models.scoring_create_option_values_type_0 import ScoringCreateOptionValuesType0  # noqa: PLC0415

        d = dict(src_dict)
        items = cast(list[str], d.pop("items"))

        label = d.pop("label", UNSET)

        def _parse_option_values(data: object) -> None | ScoringCreateOptionValuesType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                option_values_type_0 = ScoringCreateOptionValuesType0.from_dict(data)

                return option_values_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScoringCreateOptionValuesType0 | Unset, data)

        option_values = _parse_option_values(d.pop("option_values", UNSET))

        def _parse_conversion(data: object) -> list[ConversionRowInput] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                conversion_type_0 = []
                _conversion_type_0 = data
                for conversion_type_0_item_data in _conversion_type_0:
                    conversion_type_0_item = ConversionRowInput.from_dict(conversion_type_0_item_data)

                    conversion_type_0.append(conversion_type_0_item)

                return conversion_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ConversionRowInput] | None | Unset, data)

        conversion = _parse_conversion(d.pop("conversion", UNSET))

        scoring_create = cls(
            items=items,
            label=label,
            option_values=option_values,
            conversion=conversion,
        )

        return scoring_create
