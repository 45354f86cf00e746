from enum import StrEnum


class HsdsServiceSummaryStatus(StrEnum):
    ACTIVE = "active"
    DEFUNCT = "defunct"
    INACTIVE = "inactive"

    def __str__(self) -> str:
        return str(self.value)
