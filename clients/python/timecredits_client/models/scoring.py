from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversion_row_output import ConversionRowOutput
    from ..models.scoring_option_values_type_0 import ScoringOptionValuesType0


T = TypeVar("T", bound="Scoring")


@_attrs_define
class Scoring:
    """A template's score: the sum of the chosen items' answers (a choice item through
    `option_values`), turned into the reported score by `conversion` when given (a raw
    sum to metric table, e.g. a licensed scale's). Only a response answering every item
    has a score.

        Attributes:
            items (list[str]):
            label (str | Unset):  Default: 'score'.
            option_values (None | ScoringOptionValuesType0 | Unset):
            conversion (list[ConversionRowOutput] | None | Unset):
    """

    items: list[str]
    label: str | Unset = "score"
    option_values: None | ScoringOptionValuesType0 | Unset = UNSET
    conversion: list[ConversionRowOutput] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.scoring_option_values_type_0 import ScoringOptionValuesType0  # noqa: PLC0415

        items = self.items

        label = self.label

        option_values: dict[str, Any] | None | Unset
        if isinstance(self.option_values, Unset):
            option_values = UNSET
        elif isinstance(self.option_values, ScoringOptionValuesType0):
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
        field_dict.update(self.additional_properties)
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
        from ..models.conversion_row_output import ConversionRowOutput  # noqa: PLC0415
        from ..models.scoring_option_values_type_0 import ScoringOptionValuesType0  # noqa: PLC0415

        d = dict(src_dict)
        items = cast(list[str], d.pop("items"))

        label = d.pop("label", UNSET)

        def _parse_option_values(data: object) -> None | ScoringOptionValuesType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                option_values_type_0 = ScoringOptionValuesType0.from_dict(data)

                return option_values_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScoringOptionValuesType0 | Unset, data)

        option_values = _parse_option_values(d.pop("option_values", UNSET))

        def _parse_conversion(data: object) -> list[ConversionRowOutput] | None | Unset:
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
                    conversion_type_0_item = ConversionRowOutput.from_dict(conversion_type_0_item_data)

                    conversion_type_0.append(conversion_type_0_item)

                return conversion_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ConversionRowOutput] | None | Unset, data)

        conversion = _parse_conversion(d.pop("conversion", UNSET))

        scoring = cls(
            items=items,
            label=label,
            option_values=option_values,
            conversion=conversion,
        )

        scoring.additional_properties = d
        return scoring

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
