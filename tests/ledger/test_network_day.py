"""`given_on` is a day in the network's time zone (TIMECREDITS_TIME_ZONE, default
Europe/London), not in UTC: at 00:30 BST on 2 July it is 23:30 UTC on 1 July, and a partner
recording that morning's hours writes 2 July."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI

from app.services.clock import Clock
from app.settings import Settings
from tests.api.support import assert_problem, error_fields
from tests.ledger.support import earn
from tests.network import Network

HALF_PAST_MIDNIGHT_BST = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)  # 00:30 on 2 July in London


@pytest.fixture
def clock_at(app: FastAPI) -> Iterator[object]:
    """Stand the app's clock at a given instant, in a given zone, for one test."""
    original = app.state.env

    def set_to(at: datetime, zone: str = "Europe/London") -> None:
        app.state.env = replace(original, clock=Clock(ZoneInfo(zone), now=lambda: at))

    yield set_to
    app.state.env = original


async def test_just_after_midnight_in_summer_todays_local_date_is_accepted_and_is_the_default(
    net: Network, clock_at
) -> None:
    clock_at(HALF_PAST_MIDNIGHT_BST)
    asha = await net.member()
    r = await earn(net, asha["id"], 1, given_on="2026-07-02")
    assert r.status_code == 201, r.text
    r = await earn(net, asha["id"], 1)
    assert r.status_code == 201, r.text
    assert r.json()["metadata"]["given_on"] == "2026-07-02"
    r = await earn(net, asha["id"], 1, given_on="2026-07-03")
    assert "given_on" in error_fields(assert_problem(r, 422, "validation_error"))


async def test_the_time_zone_setting_decides_which_day_it_is(net: Network, clock_at) -> None:
    clock_at(HALF_PAST_MIDNIGHT_BST, "UTC")  # a network that keeps UTC: still 1 July
    asha = await net.member()
    r = await earn(net, asha["id"], 1, given_on="2026-07-02")
    assert "given_on" in error_fields(assert_problem(r, 422, "validation_error"))
    r = await earn(net, asha["id"], 1)
    assert r.json()["metadata"]["given_on"] == "2026-07-01"


def test_the_network_time_zone_defaults_to_london_and_must_be_a_real_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TIMECREDITS_TIME_ZONE", raising=False)
    assert Settings().zone == ZoneInfo("Europe/London")
    monkeypatch.setenv("TIMECREDITS_TIME_ZONE", "Europe/Dublin")
    assert Settings().zone == ZoneInfo("Europe/Dublin")
    for bad in ("Europe", "Mars/Olympus_Mons", "", "../../etc/passwd"):
        monkeypatch.setenv("TIMECREDITS_TIME_ZONE", bad)
        with pytest.raises(ValueError, match="TIMECREDITS_TIME_ZONE"):
            Settings()
