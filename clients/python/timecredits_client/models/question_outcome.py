from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.question_outcome_type import QuestionOutcomeType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.band import Band
    from ..models.question_outcome_counts_type_0 import QuestionOutcomeCountsType0


T = TypeVar("T", bound="QuestionOutcome")


@_attrs_define
class QuestionOutcome:
    """One question's figures, from the `n` people who answered it. With fewer than the
    network's small-number threshold (10 by default), every figure is null and
    `suppressed` is true.

        Attributes:
            id (str):
            text (str):
            type_ (QuestionOutcomeType):
            n (int | None):
            counts (None | QuestionOutcomeCountsType0): People per answer (every option, zeros included; a number's values
                as given). Recompute any percentage from these.
            suppressed (bool):
            percent_positive (int | None | Unset): Agreement: `a_lot` + `to_some_extent` over all answers to the question
                (`a_little` is not positive), a whole percentage rounded half up.
            percent_yes (int | None | Unset): Yes/no: `yes` over all answers.
            mean (float | None | Unset): 0-10 scales and numbers, 2 decimals.
            bands (list[Band] | None | Unset): ONS4: the ONS thresholds' bands, counts and percentages.
    """

    id: str
    text: str
    type_: QuestionOutcomeType
    n: int | None
    counts: None | QuestionOutcomeCountsType0
    suppressed: bool
    percent_positive: int | None | Unset = UNSET
    percent_yes: int | None | Unset = UNSET
    mean: float | None | Unset = UNSET
    bands: list[Band] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.question_outcome_counts_type_0 import QuestionOutcomeCountsType0  # noqa: PLC0415

        id = self.id

        text = self.text

        type_ = self.type_.value

        n: int | None
        n = self.n

        counts: dict[str, Any] | None
        if isinstance(self.counts, QuestionOutcomeCountsType0):
            counts = self.counts.to_dict()
        else:
            counts = self.counts

        suppressed = self.suppressed

        percent_positive: int | None | Unset
        if isinstance(self.percent_positive, Unset):
            percent_positive = UNSET
        else:
            percent_positive = self.percent_positive

        percent_yes: int | None | Unset
        if isinstance(self.percent_yes, Unset):
            percent_yes = UNSET
        else:
            percent_yes = self.percent_yes

        mean: float | None | Unset
        if isinstance(self.mean, Unset):
            mean = UNSET
        else:
            mean = self.mean

        bands: list[dict[str, Any]] | None | Unset
        if isinstance(self.bands, Unset):
            bands = UNSET
        elif isinstance(self.bands, list):
            bands = []
            for bands_type_0_item_data in self.bands:
                bands_type_0_item = bands_type_0_item_data.to_dict()
                bands.append(bands_type_0_item)

        else:
            bands = self.bands

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "text": text,
                "type": type_,
                "n": n,
                "counts": counts,
                "suppressed": suppressed,
            }
        )
        if percent_positive is not UNSET:
            field_dict["percent_positive"] = percent_positive
        if percent_yes is not UNSET:
            field_dict["percent_yes"] = percent_yes
        if mean is not UNSET:
            field_dict["mean"] = mean
        if bands is not UNSET:
            field_dict["bands"] = bands

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.band import Band  # noqa: PLC0415
        from ..models.question_outcome_counts_type_0 import QuestionOutcomeCountsType0  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        text = d.pop("text")

        type_ = QuestionOutcomeType(d.pop("type"))

        def _parse_n(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        n = _parse_n(d.pop("n"))

        def _parse_counts(data: object) -> None | QuestionOutcomeCountsType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                counts_type_0 = QuestionOutcomeCountsType0.from_dict(data)

                return counts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuestionOutcomeCountsType0, data)

        counts = _parse_counts(d.pop("counts"))

        suppressed = d.pop("suppressed")

        def _parse_percent_positive(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        percent_positive = _parse_percent_positive(d.pop("percent_positive", UNSET))

        def _parse_percent_yes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        percent_yes = _parse_percent_yes(d.pop("percent_yes", UNSET))

        def _parse_mean(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        mean = _parse_mean(d.pop("mean", UNSET))

        def _parse_bands(data: object) -> list[Band] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                bands_type_0 = []
                _bands_type_0 = data
                for bands_type_0_item_data in _bands_type_0:
                    bands_type_0_item = Band.from_dict(bands_type_0_item_data)

                    bands_type_0.append(bands_type_0_item)

                return bands_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Band] | None | Unset, data)

        bands = _parse_bands(d.pop("bands", UNSET))

        question_outcome = cls(
            id=id,
            text=text,
            type_=type_,
            n=n,
            counts=counts,
            suppressed=suppressed,
            percent_positive=percent_positive,
            percent_yes=percent_yes,
            mean=mean,
            bands=bands,
        )

        question_outcome.additional_properties = d
        return question_outcome

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
