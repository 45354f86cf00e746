from enum import StrEnum


class ReferralCreateReasonCodesItem(StrEnum):
    CARER_SUPPORT = "carer_support"
    FINANCIAL = "financial"
    HOUSING = "housing"
    LONELINESS_ISOLATION = "loneliness_isolation"
    LONG_TERM_CONDITION = "long_term_condition"
    LOW_MOOD_ANXIETY = "low_mood_anxiety"
    OTHER = "other"
    PHYSICAL_ACTIVITY = "physical_activity"
    SUBSTANCE_USE = "substance_use"

    def __str__(self) -> str:
        return str(self.value)
