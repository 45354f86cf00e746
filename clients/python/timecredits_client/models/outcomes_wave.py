from enum import StrEnum


class OutcomesWave(StrEnum):
    BASELINE = "baseline"
    FOLLOW_UP = "follow_up"

    def __str__(self) -> str:
        return str(self.value)
