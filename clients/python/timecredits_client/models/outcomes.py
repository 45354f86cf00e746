from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.outcomes_wave import OutcomesWave
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.paired import Paired
    from ..models.question_outcome import QuestionOutcome
    from ..models.score_outcome import ScoreOutcome


T = TypeVar("T", bound="Outcomes")


@_attrs_define
class Outcomes:
    """
    Attributes:
        programme_id (str):
        template_id (str):
        wave (OutcomesWave):
        from_ (datetime.date | None):
        to (datetime.date | None):
        respondents (int | None): Responses in the wave and window.
        respondents_suppressed (bool):
        questions (list[QuestionOutcome]):
        paired (Paired): Baseline → follow-up for the members who answered both waves, the window applying
            to the follow-up's date.
        score (None | ScoreOutcome | Unset):
    """

    programme_id: str
    template_id: str
    wave: OutcomesWave
    from_: datetime.date | None
    to: datetime.date | None
    respondents: int | None
    respondents_suppressed: bool
    questions: list[QuestionOutcome]
    paired: Paired
    score: None | ScoreOutcome | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.score_outcome import ScoreOutcome  # noqa: PLC0415

        programme_id = self.programme_id

        template_id = self.template_id

        wave = self.wave.value

        from_: None | str
        if isinstance(self.from_, datetime.date):
            from_ = self.from_.isoformat()
        else:
            from_ = self.from_

        to: None | str
        if isinstance(self.to, datetime.date):
            to = self.to.isoformat()
        else:
            to = self.to

        respondents: int | None
        respondents = self.respondents

        respondents_suppressed = self.respondents_suppressed

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        paired = self.paired.to_dict()

        score: dict[str, Any] | None | Unset
        if isinstance(self.score, Unset):
            score = UNSET
        elif isinstance(self.score, ScoreOutcome):
            score = self.score.to_dict()
        else:
            score = self.score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "programme_id": programme_id,
                "template_id": template_id,
                "wave": wave,
                "from": from_,
                "to": to,
                "respondents": respondents,
                "respondents_suppressed": respondents_suppressed,
                "questions": questions,
                "paired": paired,
            }
        )
        if score is not UNSET:
            field_dict["score"] = score

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.paired import Paired  # noqa: PLC0415
        from ..models.question_outcome import QuestionOutcome  # noqa: PLC0415
        from ..models.score_outcome import ScoreOutcome  # noqa: PLC0415

        d = dict(src_dict)
        programme_id = d.pop("programme_id")

        template_id = d.pop("template_id")

        wave = OutcomesWave(d.pop("wave"))

        def _parse_from_(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_type_0 = datetime.date.fromisoformat(data)

                return from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        from_ = _parse_from_(d.pop("from"))

        def _parse_to(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                to_type_0 = datetime.date.fromisoformat(data)

                return to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        to = _parse_to(d.pop("to"))

        def _parse_respondents(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        respondents = _parse_respondents(d.pop("respondents"))

        respondents_suppressed = d.pop("respondents_suppressed")

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = QuestionOutcome.from_dict(questions_item_data)

            questions.append(questions_item)

        paired = Paired.from_dict(d.pop("paired"))

        def _parse_score(data: object) -> None | ScoreOutcome | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                score_type_0 = ScoreOutcome.from_dict(data)

                return score_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScoreOutcome | Unset, data)

        score = _parse_score(d.pop("score", UNSET))

        outcomes = cls(
            programme_id=programme_id,
            template_id=template_id,
            wave=wave,
            from_=from_,
            to=to,
            respondents=respondents,
            respondents_suppressed=respondents_suppressed,
            questions=questions,
            paired=paired,
            score=score,
        )

        outcomes.additional_properties = d
        return outcomes

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
