from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.referral_read_decline_reason_type_0 import ReferralReadDeclineReasonType0
from ..models.referral_read_outcome_type_0 import ReferralReadOutcomeType0
from ..models.referral_read_reason_codes_item import ReferralReadReasonCodesItem
from ..models.referral_read_status import ReferralReadStatus
from ..models.referral_read_urgency import ReferralReadUrgency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.person_read import PersonRead


T = TypeVar("T", bound="ReferralRead")


@_attrs_define
class ReferralRead:
    """
    Attributes:
        id (str):
        status (ReferralReadStatus):
        from_organisation_id (str): The prescriber.
        to_organisation_id (str): The receiving organisation.
        opportunity_id (None | str):
        programme_id (str): Where the referral's figures count.
        member_id (None | str): The member referred: set from the start for an existing member, on acceptance for
            someone new (registered then as the receiving organisation's member).
        person (None | PersonRead): The new person's fields, as sent.
        reason_codes (list[ReferralReadReasonCodesItem]):
        urgency (ReferralReadUrgency):
        has_notes (bool):
        sent_at (datetime.datetime):
        accepted_at (datetime.datetime | None):
        declined_at (datetime.datetime | None):
        decline_reason (None | ReferralReadDeclineReasonType0):
        first_attended_at (datetime.datetime | None):
        closed_at (datetime.datetime | None):
        outcome (None | ReferralReadOutcomeType0):
        notes (None | str | Unset): Free text, decrypted for the two parties. Not in events nor in Idempotency-Key
            replays (read the referral for it).
    """

    id: str
    status: ReferralReadStatus
    from_organisation_id: str
    to_organisation_id: str
    opportunity_id: None | str
    programme_id: str
    member_id: None | str
    person: None | PersonRead
    reason_codes: list[ReferralReadReasonCodesItem]
    urgency: ReferralReadUrgency
    has_notes: bool
    sent_at: datetime.datetime
    accepted_at: datetime.datetime | None
    declined_at: datetime.datetime | None
    decline_reason: None | ReferralReadDeclineReasonType0
    first_attended_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    outcome: None | ReferralReadOutcomeType0
    notes: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.person_read import PersonRead  # noqa: PLC0415

        id = self.id

        status = self.status.value

        from_organisation_id = self.from_organisation_id

        to_organisation_id = self.to_organisation_id

        opportunity_id: None | str
        opportunity_id = self.opportunity_id

        programme_id = self.programme_id

        member_id: None | str
        member_id = self.member_id

        person: dict[str, Any] | None
        if isinstance(self.person, PersonRead):
            person = self.person.to_dict()
        else:
            person = self.person

        reason_codes = []
        for reason_codes_item_data in self.reason_codes:
            reason_codes_item = reason_codes_item_data.value
            reason_codes.append(reason_codes_item)

        urgency = self.urgency.value

        has_notes = self.has_notes

        sent_at = self.sent_at.isoformat()

        accepted_at: None | str
        if isinstance(self.accepted_at, datetime.datetime):
            accepted_at = self.accepted_at.isoformat()
        else:
            accepted_at = self.accepted_at

        declined_at: None | str
        if isinstance(self.declined_at, datetime.datetime):
            declined_at = self.declined_at.isoformat()
        else:
            declined_at = self.declined_at

        decline_reason: None | str
        if isinstance(self.decline_reason, ReferralReadDeclineReasonType0):
            decline_reason = self.decline_reason.value
        else:
            decline_reason = self.decline_reason

        first_attended_at: None | str
        if isinstance(self.first_attended_at, datetime.datetime):
            first_attended_at = self.first_attended_at.isoformat()
        else:
            first_attended_at = self.first_attended_at

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        outcome: None | str
        if isinstance(self.outcome, ReferralReadOutcomeType0):
            outcome = self.outcome.value
        else:
            outcome = self.outcome

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "from_organisation_id": from_organisation_id,
                "to_organisation_id": to_organisation_id,
                "opportunity_id": opportunity_id,
                "programme_id": programme_id,
                "member_id": member_id,
                "person": person,
                "reason_codes": reason_codes,
                "urgency": urgency,
                "has_notes": has_notes,
                "sent_at": sent_at,
                "accepted_at": accepted_at,
                "declined_at": declined_at,
                "decline_reason": decline_reason,
                "first_attended_at": first_attended_at,
                "closed_at": closed_at,
                "outcome": outcome,
            }
        )
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.person_read import PersonRead  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = ReferralReadStatus(d.pop("status"))

        from_organisation_id = d.pop("from_organisation_id")

        to_organisation_id = d.pop("to_organisation_id")

        def _parse_opportunity_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        opportunity_id = _parse_opportunity_id(d.pop("opportunity_id"))

        programme_id = d.pop("programme_id")

        def _parse_member_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        member_id = _parse_member_id(d.pop("member_id"))

        def _parse_person(data: object) -> None | PersonRead:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                person_type_0 = PersonRead.from_dict(data)

                return person_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PersonRead, data)

        person = _parse_person(d.pop("person"))

        reason_codes = []
        _reason_codes = d.pop("reason_codes")
        for reason_codes_item_data in _reason_codes:
            reason_codes_item = ReferralReadReasonCodesItem(reason_codes_item_data)

            reason_codes.append(reason_codes_item)

        urgency = ReferralReadUrgency(d.pop("urgency"))

        has_notes = d.pop("has_notes")

        sent_at = datetime.datetime.fromisoformat(d.pop("sent_at"))

        def _parse_accepted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accepted_at_type_0 = datetime.datetime.fromisoformat(data)

                return accepted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        accepted_at = _parse_accepted_at(d.pop("accepted_at"))

        def _parse_declined_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                declined_at_type_0 = datetime.datetime.fromisoformat(data)

                return declined_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        declined_at = _parse_declined_at(d.pop("declined_at"))

        def _parse_decline_reason(data: object) -> None | ReferralReadDeclineReasonType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decline_reason_type_0 = ReferralReadDeclineReasonType0(data)

                return decline_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReferralReadDeclineReasonType0, data)

        decline_reason = _parse_decline_reason(d.pop("decline_reason"))

        def _parse_first_attended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_attended_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_attended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_attended_at = _parse_first_attended_at(d.pop("first_attended_at"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        def _parse_outcome(data: object) -> None | ReferralReadOutcomeType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = ReferralReadOutcomeType0(data)

                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReferralReadOutcomeType0, data)

        outcome = _parse_outcome(d.pop("outcome"))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        referral_read = cls(
            id=id,
            status=status,
            from_organisation_id=from_organisation_id,
            to_organisation_id=to_organisation_id,
            opportunity_id=opportunity_id,
            programme_id=programme_id,
            member_id=member_id,
            person=person,
            reason_codes=reason_codes,
            urgency=urgency,
            has_notes=has_notes,
            sent_at=sent_at,
            accepted_at=accepted_at,
            declined_at=declined_at,
            decline_reason=decline_reason,
            first_attended_at=first_attended_at,
            closed_at=closed_at,
            outcome=outcome,
            notes=notes,
        )

        referral_read.additional_properties = d
        return referral_read

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
