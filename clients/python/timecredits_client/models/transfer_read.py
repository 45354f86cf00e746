from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.transfer_read_kind import TransferReadKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.party import Party
    from ..models.transfer_read_metadata import TransferReadMetadata


T = TypeVar("T", bound="TransferRead")


@_attrs_define
class TransferRead:
    """
    Attributes:
        id (str):
        kind (TransferReadKind):
        credits_ (str): Exact amount, two decimals.
        from_ (Party):
        to (Party):
        programme_id (str):
        organisation_id (str): The organisation that posted the transfer.
        created_at (datetime.datetime):
        member_balance (None | str | Unset): In write responses: right after this transfer, the balance of the member
            you moved credits for (an earning's recipient, a spend's or gift's giver; for a reversal, the member the
            original showed), only ever a member you may see.
        reverses (None | str | Unset): The transfer this one reverses.
        reversed_by (None | str | Unset): The reversal of this transfer.
        metadata (TransferReadMetadata | Unset):
    """

    id: str
    kind: TransferReadKind
    credits_: str
    from_: Party
    to: Party
    programme_id: str
    organisation_id: str
    created_at: datetime.datetime
    member_balance: None | str | Unset = UNSET
    reverses: None | str | Unset = UNSET
    reversed_by: None | str | Unset = UNSET
    metadata: TransferReadMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        credits_ = self.credits_

        from_ = self.from_.to_dict()

        to = self.to.to_dict()

        programme_id = self.programme_id

        organisation_id = self.organisation_id

        created_at = self.created_at.isoformat()

        member_balance: None | str | Unset
        if isinstance(self.member_balance, Unset):
            member_balance = UNSET
        else:
            member_balance = self.member_balance

        reverses: None | str | Unset
        if isinstance(self.reverses, Unset):
            reverses = UNSET
        else:
            reverses = self.reverses

        reversed_by: None | str | Unset
        if isinstance(self.reversed_by, Unset):
            reversed_by = UNSET
        else:
            reversed_by = self.reversed_by

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "credits": credits_,
                "from": from_,
                "to": to,
                "programme_id": programme_id,
                "organisation_id": organisation_id,
                "created_at": created_at,
            }
        )
        if member_balance is not UNSET:
            field_dict["member_balance"] = member_balance
        if reverses is not UNSET:
            field_dict["reverses"] = reverses
        if reversed_by is not UNSET:
            field_dict["reversed_by"] = reversed_by
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.party import Party  # noqa: PLC0415
        from ..models.transfer_read_metadata import TransferReadMetadata  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        kind = TransferReadKind(d.pop("kind"))

        credits_ = d.pop("credits")

        from_ = Party.from_dict(d.pop("from"))

        to = Party.from_dict(d.pop("to"))

        programme_id = d.pop("programme_id")

        organisation_id = d.pop("organisation_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_member_balance(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        member_balance = _parse_member_balance(d.pop("member_balance", UNSET))

        def _parse_reverses(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reverses = _parse_reverses(d.pop("reverses", UNSET))

        def _parse_reversed_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reversed_by = _parse_reversed_by(d.pop("reversed_by", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: TransferReadMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = TransferReadMetadata.from_dict(_metadata)

        transfer_read = cls(
            id=id,
            kind=kind,
            credits_=credits_,
            from_=from_,
            to=to,
            programme_id=programme_id,
            organisation_id=organisation_id,
            created_at=created_at,
            member_balance=member_balance,
            reverses=reverses,
            reversed_by=reversed_by,
            metadata=metadata,
        )

        transfer_read.additional_properties = d
        return transfer_read

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
