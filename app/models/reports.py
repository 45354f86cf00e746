"""Programme and network statistics: the figures commissioners read.

Any figure computed from fewer than TIMECREDITS_MIN_CELL people (default 10) is null and
its field named in `suppressed` (per month too), never a number (app/services/reporting.py).
Organisations are not people: their counts are never suppressed."""

import csv
import io
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from app.models.money import CreditsOut

_PEOPLE = "Null when suppressed (fewer than TIMECREDITS_MIN_CELL people)."


class Share(BaseModel):
    """A share of people, in whole percent (rounded half up), and how many it is out of."""

    percent: int | None = Field(description="Null when no one answered.")
    n: int = Field(description="People it is computed from.")


class MonthStats(BaseModel):
    month: str = Field(examples=["2026-10"], description="YYYY-MM (UTC).")
    people_earned: int | None = Field(description=f"Members credited this month. {_PEOPLE}")
    people_spent: int | None = Field(description=f"Members who spent this month. {_PEOPLE}")
    people_gifted: int | None = Field(description=f"Members who gifted this month. {_PEOPLE}")
    credits_earned: CreditsOut | None = Field(description=f"From people_earned. {_PEOPLE}")
    credits_spent: CreditsOut | None = Field(description=f"From people_spent. {_PEOPLE}")
    credits_gifted: CreditsOut | None = Field(description=f"From people_gifted. {_PEOPLE}")
    suppressed: list[str] = Field(description="This month's fields withheld as too small.")


class Stats(BaseModel):
    """The figures of a period: [from, to], whole UTC days, net of reversed transactions."""

    model_config = ConfigDict(populate_by_name=True)
    from_: date | None = Field(alias="from")
    to: date | None
    people_earned: int | None = Field(description=f"Members credited for time given. {_PEOPLE}")
    people_spent: int | None = Field(description=f"Members who spent credits. {_PEOPLE}")
    people_gifted: int | None = Field(description=f"Members who gifted credits. {_PEOPLE}")
    credits_earned: CreditsOut | None = Field(description=f"From people_earned. {_PEOPLE}")
    credits_spent: CreditsOut | None = Field(
        description=f"Spends and redemptions, from people_spent. {_PEOPLE}"
    )
    credits_gifted: CreditsOut | None = Field(description=f"From people_gifted. {_PEOPLE}")
    hours_given: CreditsOut | None = Field(
        description=f"An hour given is a credit earned: from people_earned. {_PEOPLE}"
    )
    active_members: int | None = Field(
        description=f"Members who earned, spent or gifted. {_PEOPLE}"
    )
    organisations_earning: int = Field(description="Organisations that credited members.")
    organisations_spending: int = Field(
        description="Venues offering spend that received a spend or redemption in the period."
    )
    people_never_or_rarely_gave_before: Share | None = Field(
        description="Of the members whose answer to the programme evaluation survey's "
        "`gave_time_before` (their baseline's, else their follow-up's) was given in the "
        f"period, those who answered never or rarely. {_PEOPLE}"
    )
    suppressed: list[str] = Field(description="Fields withheld as computed from too few people.")
    monthly: list[MonthStats]

    def csv(self) -> str:
        """The same figures as CSV: a `total` row, then one row per month (`YYYY-MM`).
        A suppressed cell says `suppressed`; a cell that does not apply to a month is
        empty. Credits are decimals with two places."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        share = self.people_never_or_rarely_gave_before
        total = self.model_dump(exclude={"monthly", "people_never_or_rarely_gave_before"})
        total["never_or_rarely_gave_before_percent"] = share.percent if share else None
        total["never_or_rarely_gave_before_n"] = share.n if share else None
        hidden = set(self.suppressed)
        if "people_never_or_rarely_gave_before" in hidden:
            hidden |= {"never_or_rarely_gave_before_percent", "never_or_rarely_gave_before_n"}
        writer.writerow(_cells("total", total, hidden))
        for m in self.monthly:
            writer.writerow(_cells(m.month, m.model_dump(), set(m.suppressed), month=True))
        return out.getvalue()


CSV_COLUMNS = [
    "period",
    "people_earned",
    "people_spent",
    "people_gifted",
    "credits_earned",
    "credits_spent",
    "credits_gifted",
    "hours_given",
    "active_members",
    "organisations_earning",
    "organisations_spending",
    "never_or_rarely_gave_before_percent",
    "never_or_rarely_gave_before_n",
]


def _cells(period: str, row: dict, hidden: set[str], month: bool = False) -> list[str]:
    cells = [period]
    for column in CSV_COLUMNS[1:]:
        if column in hidden:
            cells.append("suppressed")
        elif month and column not in row:
            cells.append("")
        else:
            value = row.get(column)
            cells.append("" if value is None else str(value))
    return cells


EXAMPLE = {
    "from": "2026-01-01",
    "to": "2026-11-23",
    "people_earned": 412,
    "people_spent": 230,
    "people_gifted": None,
    "credits_earned": "3120.00",
    "credits_spent": "1880.50",
    "credits_gifted": None,
    "hours_given": "3120.00",
    "active_members": 455,
    "organisations_earning": 4,
    "organisations_spending": 3,
    "people_never_or_rarely_gave_before": {"percent": 53, "n": 120},
    "suppressed": ["people_gifted", "credits_gifted"],
    "monthly": [
        {
            "month": "2026-10",
            "people_earned": 88,
            "people_spent": 41,
            "people_gifted": None,
            "credits_earned": "310.00",
            "credits_spent": "204.00",
            "credits_gifted": None,
            "suppressed": ["people_gifted", "credits_gifted"],
        }
    ],
}


class ProgrammeStats(Stats):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"programme_id": "prg_1x2y3z4w5v6u7t8s", **EXAMPLE}]},
        populate_by_name=True,
    )
    programme_id: str


class NetworkStats(Stats):
    """Every programme's figures together (the operator's): a person or an organisation
    active in several programmes counts once."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]}, populate_by_name=True)


# The CSV form of the example, for the OpenAPI document.
CSV_EXAMPLE = Stats.model_validate(EXAMPLE).csv()
