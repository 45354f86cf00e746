"""The network's calendar: which day it is where the activity happens.

A `given_on` is a civil date, written by someone in the network's time zone, not in UTC: for
a UK network between 00:00 and 01:00 BST the UTC date is still yesterday, so "today" must
come from the local clock (TIMECREDITS_TIME_ZONE, default Europe/London). Timestamps the API
returns stay UTC."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from zoneinfo import ZoneInfo

DEFAULT_TIME_ZONE = "Europe/London"


@dataclass(frozen=True, slots=True)
class Clock:
    zone: ZoneInfo
    # Injectable so tests can stand at 00:30 BST without waiting for it.
    now: Callable[[], datetime] = field(default=partial(datetime.now, UTC))

    def today(self) -> date:
        """The date in the network's time zone."""
        return self.now().astimezone(self.zone).date()


NETWORK_CLOCK = Clock(ZoneInfo(DEFAULT_TIME_ZONE))
