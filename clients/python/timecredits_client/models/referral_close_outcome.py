from enum import StrEnum


class ReferralCloseOutcome(StrEnum):
    COMPLETED = "completed"
    CONTINUING = "continuing"
    DID_NOT_ATTEND = "did_not_attend"
    DISENGAGED = "disengaged"
    MOVED_ON = "moved_on"
    OTHER = "other"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
