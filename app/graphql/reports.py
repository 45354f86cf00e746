"""A programme's figures and outcomes: REST's reports, camelCase (suppression as REST's:
a figure from too few people is null and named in `suppressed`, in REST's snake_case)."""

from datetime import date

import strawberry
from strawberry.scalars import JSON

from app.graphql.mapping import maybe, plain, to
from app.models.reports import ProgrammeStats as StatsModel


@strawberry.type
class Share:
    percent: int | None
    n: int


@strawberry.type
class MonthStats:
    month: str
    people_earned: int | None
    people_spent: int | None
    people_gifted: int | None
    credits_earned: str | None
    credits_spent: str | None
    credits_gifted: str | None
    suppressed: list[str]


@strawberry.type(description="GET /v1/programmes/{id}/stats, camelCase.")
class ProgrammeStats:
    programme_id: str
    from_: date | None = strawberry.field(name="from")
    to: date | None
    people_earned: int | None
    people_spent: int | None
    people_gifted: int | None
    credits_earned: str | None
    credits_spent: str | None
    credits_gifted: str | None
    hours_given: str | None
    active_members: int | None
    organisations_earning: int
    organisations_spending: int
    people_never_or_rarely_gave_before: Share | None
    suppressed: list[str]
    monthly: list[MonthStats]

    @staticmethod
    def of(model: StatsModel) -> "ProgrammeStats":
        return to(
            ProgrammeStats,
            model,
            people_never_or_rarely_gave_before=maybe(
                Share, model.people_never_or_rarely_gave_before
            ),
            monthly=[to(MonthStats, m) for m in model.monthly],
        )


def outcomes_json(model: object) -> JSON:
    """GET /v1/programmes/{id}/outcomes as REST's JSON (its per-question shapes vary by
    question type)."""
    return plain(model)
