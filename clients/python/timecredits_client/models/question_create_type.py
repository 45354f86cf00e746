from enum import StrEnum


class QuestionCreateType(StrEnum):
    AGREEMENT = "agreement"
    NUMBER = "number"
    SCALE_0_10 = "scale_0_10"
    SINGLE_CHOICE = "single_choice"
    YES_NO = "yes_no"

    def __str__(self) -> str:
        return str(self.value)
