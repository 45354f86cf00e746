from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.question_create_type import QuestionCreateType
from ..types import UNSET, Unset

T = TypeVar("T", bound="QuestionCreate")


@_attrs_define
class QuestionCreate:
    """A question of a new template. `options` only for `single_choice` (2 to 30 ids);
    `min`/`max` only for `number` (both required).

        Attributes:
            id (str):
            text (str):
            type_ (QuestionCreateType):
            options (list[str] | None | Unset):
            min_ (float | None | str | Unset):
            max_ (float | None | str | Unset):
    """

    id: str
    text: str
    type_: QuestionCreateType
    options: list[str] | None | Unset = UNSET
    min_: float | None | str | Unset = UNSET
    max_: float | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        text = self.text

        type_ = self.type_.value

        options: list[str] | None | Unset
        if isinstance(self.options, Unset):
            options = UNSET
        elif isinstance(self.options, list):
            options = self.options

        else:
            options = self.options

        min_: float | None | str | Unset
        if isinstance(self.min_, Unset):
            min_ = UNSET
        else:
            min_ = self.min_

        max_: float | None | str | Unset
        if isinstance(self.max_, Unset):
            max_ = UNSET
        else:
            max_ = self.max_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "text": text,
                "type": type_,
            }
        )
        if options is not UNSET:
            field_dict["options"] = options
        if min_ is not UNSET:
            field_dict["min"] = min_
        if max_ is not UNSET:
            field_dict["max"] = max_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        text = d.pop("text")

        type_ = QuestionCreateType(d.pop("type"))

        def _parse_options(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                options_type_0 = cast(list[str], data)

                return options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        options = _parse_options(d.pop("options", UNSET))

        def _parse_min_(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        min_ = _parse_min_(d.pop("min", UNSET))

        def _parse_max_(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        max_ = _parse_max_(d.pop("max", UNSET))

        question_create = cls(
            id=id,
            text=text,
            type_=type_,
            options=options,
            min_=min_,
            max_=max_,
        )

        return question_create
