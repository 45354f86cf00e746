from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.survey_template_read_subject import SurveyTemplateReadSubject
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.question import Question
    from ..models.scoring import Scoring


T = TypeVar("T", bound="SurveyTemplateRead")


@_attrs_define
class SurveyTemplateRead:
    """
    Attributes:
        id (str):
        name (str):
        subject (SurveyTemplateReadSubject): Who answers: a `member`, or the `organisation` itself.
        built_in (bool):
        questions (list[Question]):
        scoring (None | Scoring | Unset):
        created_at (datetime.datetime | None | Unset): When an operator added it (null for built-ins).
    """

    id: str
    name: str
    subject: SurveyTemplateReadSubject
    built_in: bool
    questions: list[Question]
    scoring: None | Scoring | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.scoring import Scoring  # noqa: PLC0415

        id = self.id

        name = self.name

        subject = self.subject.value

        built_in = self.built_in

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        scoring: dict[str, Any] | None | Unset
        if isinstance(self.scoring, Unset):
            scoring = UNSET
        elif isinstance(self.scoring, Scoring):
            scoring = self.scoring.to_dict()
        else:
            scoring = self.scoring

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "subject": subject,
                "built_in": built_in,
                "questions": questions,
            }
        )
        if scoring is not UNSET:
            field_dict["scoring"] = scoring
        if created_at is not UNSET:
            field_dict["created_at"] = created_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.question import Question  # noqa: PLC0415
        from ..models.scoring import Scoring  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        subject = SurveyTemplateReadSubject(d.pop("subject"))

        built_in = d.pop("built_in")

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = Question.from_dict(questions_item_data)

            questions.append(questions_item)

        def _parse_scoring(data: object) -> None | Scoring | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                scoring_type_0 = Scoring.from_dict(data)

                return scoring_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Scoring | Unset, data)

        scoring = _parse_scoring(d.pop("scoring", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        survey_template_read = cls(
            id=id,
            name=name,
            subject=subject,
            built_in=built_in,
            questions=questions,
            scoring=scoring,
            created_at=created_at,
        )

        survey_template_read.additional_properties = d
        return survey_template_read

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
