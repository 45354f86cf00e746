from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.survey_template_create_subject import SurveyTemplateCreateSubject
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.question_create import QuestionCreate
    from ..models.scoring_create import ScoringCreate


T = TypeVar("T", bound="SurveyTemplateCreate")


@_attrs_define
class SurveyTemplateCreate:
    """A template of the operator's. The id is yours to choose (lower case, digits and
    hyphens, e.g. `swemwbs`) or one is made (`svt_…`); built-in ids are taken.

        Attributes:
            name (str):
            questions (list[QuestionCreate]):
            id (None | str | Unset):
            subject (SurveyTemplateCreateSubject | Unset):  Default: SurveyTemplateCreateSubject.MEMBER.
            scoring (None | ScoringCreate | Unset):
    """

    name: str
    questions: list[QuestionCreate]
    id: None | str | Unset = UNSET
    subject: SurveyTemplateCreateSubject | Unset = SurveyTemplateCreateSubject.MEMBER
    scoring: None | ScoringCreate | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.scoring_create import ScoringCreate  # noqa: PLC0415

        name = self.name

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        subject: str | Unset = UNSET
        if not isinstance(self.subject, Unset):
            subject = self.subject.value

        scoring: dict[str, Any] | None | Unset
        if isinstance(self.scoring, Unset):
            scoring = UNSET
        elif isinstance(self.scoring, ScoringCreate):
            scoring = self.scoring.to_dict()
        else:
            scoring = self.scoring

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "questions": questions,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if subject is not UNSET:
            field_dict["subject"] = subject
        if scoring is not UNSET:
            field_dict["scoring"] = scoring

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.question_create import QuestionCreate  # noqa: PLC0415
        from ..models.scoring_create import ScoringCreate  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = QuestionCreate.from_dict(questions_item_data)

            questions.append(questions_item)

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        _subject = d.pop("subject", UNSET)
        subject: SurveyTemplateCreateSubject | Unset
        if isinstance(_subject, Unset):
            subject = UNSET
        else:
            subject = SurveyTemplateCreateSubject(_subject)

        def _parse_scoring(data: object) -> None | ScoringCreate | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                scoring_type_0 = ScoringCreate.from_dict(data)

                return scoring_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScoringCreate | Unset, data)

        scoring = _parse_scoring(d.pop("scoring", UNSET))

        survey_template_create = cls(
            name=name,
            questions=questions,
            id=id,
            subject=subject,
            scoring=scoring,
        )

        return survey_template_create
