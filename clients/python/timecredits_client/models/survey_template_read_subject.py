from enum import StrEnum


class SurveyTemplateReadSubject(StrEnum):
    MEMBER = "member"
    ORGANISATION = "organisation"

    def __str__(self) -> str:
        return str(self.value)
