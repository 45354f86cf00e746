"""Programme statistics: the figures commissioners read."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from app.models.money import CreditsOut


class MonthStats(BaseModel):
    month: str = Field(examples=["2026-10"], description="YYYY-MM (UTC).")
    credits_earned: CreditsOut
    credits_spent: CreditsOut
    credits_gifted: CreditsOut
    people_earned: int


class ProgrammeStats(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "prg_1x2y3z4w5v6u7t8s",
                    "from": "2026-01-01",
                    "to": "2026-11-23",
                    "people_earned": 412,
                    "credits_earned": "3120.00",
                    "credits_spent": "1880.50",
                    "credits_gifted": "96.00",
                    "hours_given": "3120.00",
                    "active_members": 455,
                    "organisations_earning": 4,
                    "organisations_spending": 3,
                    "monthly": [
                        {
                            "month": "2026-10",
                            "credits_earned": "310.00",
                            "credits_spent": "204.00",
                            "credits_gifted": "9.00",
                            "people_earned": 88,
                        }
                    ],
                }
            ]
        },
        populate_by_name=True,
    )
    programme_id: str
    from_: date | None = Field(alias="from")
    to: date | None
    people_earned: int = Field(description="Members credited for time given.")
    credits_earned: CreditsOut
    credits_spent: CreditsOut
    credits_gifted: CreditsOut
    hours_given: CreditsOut
    active_members: int = Field(description="Members who earned, spent or gifted.")
    organisations_earning: int
    organisations_spending: int
    monthly: list[MonthStats]
