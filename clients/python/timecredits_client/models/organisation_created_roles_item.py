from enum import StrEnum


class OrganisationCreatedRolesItem(StrEnum):
    COMMISSIONER = "commissioner"
    EARN_PARTNER = "earn_partner"
    OPERATOR = "operator"
    PRESCRIBER = "prescriber"
    SPEND_PARTNER = "spend_partner"

    def __str__(self) -> str:
        return str(self.value)
