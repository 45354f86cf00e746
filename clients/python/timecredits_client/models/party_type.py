from enum import StrEnum


class PartyType(StrEnum):
    MEMBER = "member"
    ORGANISATION = "organisation"
    PROGRAMME = "programme"

    def __str__(self) -> str:
        return str(self.value)
