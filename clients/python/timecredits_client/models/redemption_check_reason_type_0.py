from enum import StrEnum


class RedemptionCheckReasonType0(StrEnum):
    ALREADY_USED = "already_used"
    CARD_LOCKED = "card_locked"
    EXPIRED = "expired"
    INSUFFICIENT_CREDITS = "insufficient_credits"
    NOT_TODAY = "not_today"
    NO_PIN = "no_pin"
    OFFER_UNAVAILABLE = "offer_unavailable"
    OVER_CAP = "over_cap"
    UNDER_AGE = "under_age"
    UNKNOWN = "unknown"
    WEEKLY_LIMIT = "weekly_limit"
    WRONG_PIN = "wrong_pin"

    def __str__(self) -> str:
        return str(self.value)
