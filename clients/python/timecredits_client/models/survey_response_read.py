from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.survey_response_read_wave import SurveyResponseReadWave

if TYPE_CHECKING:
    from ..models.survey_response_read_answers import SurveyResponseReadAnswers


T = TypeVar("T", bound="SurveyResponseRead")


@_attrs_define
class SurveyResponseRead:
    """
    Attributes:
        id (str):
        template_id (str):
        programme_id (str):
        member_id (None | str):
        subject_organisation_id (None | str): For a partner survey: the organisation whose answers these are.
        organisation_id (str): Who recorded it.
        wave (SurveyResponseReadWave):
        answered_on (datetime.date):
        answers (SurveyResponseReadAnswers):
        score (None | str): The template's score (its scoring's label), when it has one and every scored item was
            answered.
        created_at (datetime.datetime):
    """

    id: str
    template_id: str
    programme_id: str
    member_id: None | str
    subject_organisation_id: None | str
    organisation_id: str
    wave: SurveyResponseReadWave
    answered_on: datetime.date
    answers: SurveyResponseReadAnswers
    score: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        template_id = self.template_id

        programme_id = self.programme_id

        member_id: None | str
        member_id = self.member_id

        subject_organisation_id: None | str
        subject_organisation_id = self.subject_organisation_id

        organisation_id = self.organisation_id

        wave = self.wave.value

        answered_on = self.answered_on.isoformat()

        answers = self.answers.to_dict()

        score: None | str
        score = self.score

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "template_id": template_id,
                "programme_id": programme_id,
                "member_id": member_id,
                "subject_organisation_id": subject_organisation_id,
                "organisation_id": organisation_id,
                "wave": wave,
                "answered_on": answered_on,
                "answers": answers,
                "score": score,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.survey_response_read_answers import SurveyResponseReadAnswers  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        template_id = d.pop("template_id")

        programme_id = d.pop("programme_id")

        def _parse_member_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        member_id = _parse_member_id(d.pop("member_id"))

        def _parse_subject_organisation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subject_organisation_id = _parse_subject_organisation_id(d.pop("subject_organisation_id"))

        organisation_id = d.pop("organisation_id")

        wave = SurveyResponseReadWave(d.pop("wave"))

        answered_on = datetime.date.fromisoformat(d.pop("answered_on"))

        answers = SurveyResponseReadAnswers.from_dict(d.pop("answers"))

        def _parse_score(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        score = _parse_score(d.pop("score"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        survey_response_read = cls(
            id=id,
            template_id=template_id,
            programme_id=programme_id,
            member_id=member_id,
            subject_organisation_id=subject_organisation_id,
            organisation_id=organisation_id,
            wave=wave,
            answered_on=answered_on,
            answers=answers,
            score=score,
            created_at=created_at,
        )

        survey_response_read.additional_properties = d
        return survey_response_read

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
