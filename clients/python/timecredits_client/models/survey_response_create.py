from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.survey_response_create_wave import SurveyResponseCreateWave
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.survey_response_create_answers import SurveyResponseCreateAnswers


T = TypeVar("T", bound="SurveyResponseCreate")


@_attrs_define
class SurveyResponseCreate:
    """
    Attributes:
        template_id (str):
        wave (SurveyResponseCreateWave):
        answered_on (datetime.date):
        answers (SurveyResponseCreateAnswers): Question id → answer. Questions may be skipped; at least one answer.
        member_id (None | str | Unset): The member answering; absent for a partner survey.
        programme_id (None | str | Unset): Partner surveys only: the programme your answers are about (one you take part
            in). A member's survey counts in the member's programme.
    """

    template_id: str
    wave: SurveyResponseCreateWave
    answered_on: datetime.date
    answers: SurveyResponseCreateAnswers
    member_id: None | str | Unset = UNSET
    programme_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        template_id = self.template_id

        wave = self.wave.value

        answered_on = self.answered_on.isoformat()

        answers = self.answers.to_dict()

        member_id: None | str | Unset
        if isinstance(self.member_id, Unset):
            member_id = UNSET
        else:
            member_id = self.member_id

        programme_id: None | str | Unset
        if isinstance(self.programme_id, Unset):
            programme_id = UNSET
        else:
            programme_id = self.programme_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "template_id": template_id,
                "wave": wave,
                "answered_on": answered_on,
                "answers": answers,
            }
        )
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if programme_id is not UNSET:
            field_dict["programme_id"] = programme_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.survey_response_create_answers import SurveyResponseCreateAnswers  # noqa: PLC0415

        d = dict(src_dict)
        template_id = d.pop("template_id")

        wave = SurveyResponseCreateWave(d.pop("wave"))

        answered_on = datetime.date.fromisoformat(d.pop("answered_on"))

        answers = SurveyResponseCreateAnswers.from_dict(d.pop("answers"))

        def _parse_member_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        member_id = _parse_member_id(d.pop("member_id", UNSET))

        def _parse_programme_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        programme_id = _parse_programme_id(d.pop("programme_id", UNSET))

        survey_response_create = cls(
            template_id=template_id,
            wave=wave,
            answered_on=answered_on,
            answers=answers,
            member_id=member_id,
            programme_id=programme_id,
        )

        return survey_response_create
