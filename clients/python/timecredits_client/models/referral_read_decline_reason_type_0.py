from enum import StrEnum


class ReferralReadDeclineReasonType0(StrEnum):
    DUPLICATE = "duplicate"
    NOT_SUITABLE = "not_suitable"
    NO_CAPACITY = "no_capacity"
    OTHER = "other"
    PERSON_DECLINED = "person_declined"
    UNABLE_TO_CONTACT = "unable_to_contact"

    def __str__(self) -> str:
        return str(self.value)
