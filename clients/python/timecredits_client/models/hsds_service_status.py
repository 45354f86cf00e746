from enum import StrEnum


class HsdsServiceStatus(StrEnum):
    ACTIVE = "active"
    DEFUNCT = "defunct"
    INACTIVE = "inactive"

    def __str__(self) -> str:
        return str(self.value)
