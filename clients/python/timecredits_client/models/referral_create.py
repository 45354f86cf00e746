from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.referral_create_reason_codes_item import ReferralCreateReasonCodesItem
from ..models.referral_create_urgency import ReferralCreateUrgency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.referred_person import ReferredPerson


T = TypeVar("T", bound="ReferralCreate")


@_attrs_define
class ReferralCreate:
    """`POST /v1/referrals`: exactly one of `member_id` (one of your own members) or
    `person` (someone new).

        Attributes:
            to_organisation_id (str): The receiving organisation.
            reason_codes (list[ReferralCreateReasonCodesItem]):
            opportunity_id (None | str | Unset): One of the receiving organisation's opportunities.
            programme_id (None | str | Unset): Where the referral's figures count: one of the receiving organisation's
                programmes. Default: the one programme both organisations take part in (or the receiving organisation's only
                programme); required when that is ambiguous.
            member_id (None | str | Unset): An existing member whose home is your organisation.
            person (None | ReferredPerson | Unset):
            urgency (ReferralCreateUrgency | Unset):  Default: ReferralCreateUrgency.ROUTINE.
            notes (None | str | Unset): Free text, only where TIMECREDITS_REFERRAL_NOTES is on (else a 422): special-
                category health data, stored encrypted, shown only to the two parties.
    """

    to_organisation_id: str
    reason_codes: list[ReferralCreateReasonCodesItem]
    opportunity_id: None | str | Unset = UNSET
    programme_id: None | str | Unset = UNSET
    member_id: None | str | Unset = UNSET
    person: None | ReferredPerson | Unset = UNSET
    urgency: ReferralCreateUrgency | Unset = ReferralCreateUrgency.ROUTINE
    notes: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.referred_person import ReferredPerson  # noqa: PLC0415

        to_organisation_id = self.to_organisation_id

        reason_codes = []
        for reason_codes_item_data in self.reason_codes:
            reason_codes_item = reason_codes_item_data.value
            reason_codes.append(reason_codes_item)

        opportunity_id: None | str | Unset
        if isinstance(self.opportunity_id, Unset):
            opportunity_id = UNSET
        else:
            opportunity_id = self.opportunity_id

        programme_id: None | str | Unset
        if isinstance(self.programme_id, Unset):
            programme_id = UNSET
        else:
            programme_id = self.programme_id

        member_id: None | str | Unset
        if isinstance(self.member_id, Unset):
            member_id = UNSET
        else:
            member_id = self.member_id

        person: dict[str, Any] | None | Unset
        if isinstance(self.person, Unset):
            person = UNSET
        elif isinstance(self.person, ReferredPerson):
            person = self.person.to_dict()
        else:
            person = self.person

        urgency: str | Unset = UNSET
        if not isinstance(self.urgency, Unset):
            urgency = self.urgency.value

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "to_organisation_id": to_organisation_id,
                "reason_codes": reason_codes,
            }
        )
        if opportunity_id is not UNSET:
            field_dict["opportunity_id"] = opportunity_id
        if programme_id is not UNSET:
            field_dict["programme_id"] = programme_id
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if person is not UNSET:
            field_dict["person"] = person
        if urgency is not UNSET:
            field_dict["urgency"] = urgency
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.referred_person import ReferredPerson  # noqa: PLC0415

        d = dict(src_dict)
        to_organisation_id = d.pop("to_organisation_id")

        reason_codes = []
        _reason_codes = d.pop("reason_codes")
        for reason_codes_item_data in _reason_codes:
            reason_codes_item = ReferralCreateReasonCodesItem(reason_codes_item_data)

            reason_codes.append(reason_codes_item)

        def _parse_opportunity_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        opportunity_id = _parse_opportunity_id(d.pop("opportunity_id", UNSET))

        def _parse_programme_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        programme_id = _parse_programme_id(d.pop("programme_id", UNSET))

        def _parse_member_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        member_id = _parse_member_id(d.pop("member_id", UNSET))

        def _parse_person(data: object) -> None | ReferredPerson | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                person_type_0 = ReferredPerson.from_dict(data)

                return person_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReferredPerson | Unset, data)

        person = _parse_person(d.pop("person", UNSET))

        _urgency = d.pop("urgency", UNSET)
        urgency: ReferralCreateUrgency | Unset
        if isinstance(_urgency, Unset):
            urgency = UNSET
        else:
            urgency = ReferralCreateUrgency(_urgency)

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        referral_create = cls(
            to_organisation_id=to_organisation_id,
            reason_codes=reason_codes,
            opportunity_id=opportunity_id,
            programme_id=programme_id,
            member_id=member_id,
            person=person,
            urgency=urgency,
            notes=notes,
        )

        return referral_create
