from enum import StrEnum


class ReferralReadStatus(StrEnum):
    ACCEPTED = "accepted"
    CLOSED = "closed"
    DECLINED = "declined"
    FIRST_ATTENDED = "first_attended"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
