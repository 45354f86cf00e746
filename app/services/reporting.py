"""Who may read a programme's figures, and how small numbers are hidden: the two rules every
report shares (programme stats, network stats, outcomes, referral statistics).

- A programme's figures are read by its own organisations (its partners and its
  commissioner, all members of the programme) and by the operator; anyone else gets a 404,
  as for any private resource (DESIGN §3).
- Any figure computed from fewer than `Env.min_cell` people (TIMECREDITS_MIN_CELL, default
  10) is suppressed: returned as null and named as suppressed, never as a number.

What this does not do (docs/report-page.md, "What suppression does not stop"): there is no
secondary suppression, so a withheld figure can still be worked out by difference: a
period's total minus its visible months gives the withheld months' sum, and two periods a
day apart differ by that day's few people. Readers are the programme's own organisations,
its commissioner and whoever holds a report link, not the public."""

from typing import Any, TypeVar

import asyncpg

from app.auth.caller import Caller
from app.models.organisations import ProgrammeRead
from app.services.errors import NotFound
from app.services.organisations import get_programme

T = TypeVar("T")

_TAKES_PART = """SELECT EXISTS (SELECT 1 FROM organisation_programmes
                                 WHERE organisation_id = $1 AND programme_id = $2)"""


async def readable_programme(
    db: asyncpg.Connection, caller: Caller, programme_id: str
) -> ProgrammeRead:
    """The programme, if the caller may read its figures; else the 404 an unknown one gets."""
    programme = await get_programme(db, programme_id)
    if caller.is_operator or await db.fetchval(_TAKES_PART, caller.organisation_id, programme_id):
        return programme
    raise NotFound(f"no programme {programme_id}")


def shown(value: T, people: int, min_cell: int) -> T | None:
    """`value` if computed from at least `min_cell` people, else None (suppressed). Zero
    people is not a small group: nothing happened, and saying so singles no one out."""
    return value if people == 0 or people >= min_cell else None


class Suppression:
    """A report's figures shown through `shown`, with the names of those it hid (the
    report's `suppressed` list). A figure that does not exist (None) is not suppressed."""

    def __init__(self, min_cell: int) -> None:
        self.min_cell = min_cell
        self.suppressed: list[str] = []

    def __call__(self, name: str, value: Any, people: int) -> Any:
        out = shown(value, people, self.min_cell)
        if out is None and value is not None:
            self.suppressed.append(name)
        return out
