from enum import StrEnum


class SurveyTemplateCreateSubject(StrEnum):
    MEMBER = "member"
    ORGANISATION = "organisation"

    def __str__(self) -> str:
        return str(self.value)
