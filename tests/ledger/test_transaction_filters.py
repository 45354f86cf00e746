"""The `from`/`to` filters of the transaction lists: `YYYY-MM-DD` is that UTC day, anything
else is an RFC 3339 time whose offset counts, and nothing else (a number, a time without an
offset) is accepted (app/models/dates.py)."""

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from tests.api.support import assert_problem, error_fields
from tests.ledger.support import earn
from tests.network import Network

PATHS = ["/v1/transactions", "/v1/members/{member}/transactions"]


async def _earned(net: Network) -> tuple[str, str, datetime]:
    """A member with one earning: (member id, transfer id, when it was posted)."""
    asha = await net.member()
    r = await earn(net, asha["id"], 1)
    assert r.status_code == 201, r.text
    posted = datetime.fromisoformat(r.json()["created_at"].replace("Z", "+00:00"))
    return asha["id"], r.json()["id"], posted


async def _ids(net: Network, path: str, member: str, **params: str) -> list[str]:
    r = await net.client.get(path.format(member=member), headers=net.partner.headers, params=params)
    assert r.status_code == 200, r.text
    return [t["id"] for t in r.json()["data"]]


@pytest.mark.parametrize("path", PATHS)
async def test_a_midnight_time_is_that_instant_not_the_whole_day(net: Network, path: str) -> None:
    member, earning, posted = await _earned(net)
    midnight = posted.date().isoformat() + "T00:00:00"
    # Exclusive upper bound at the start of the day the earning was posted: it is after it.
    for to in (midnight + "Z", midnight + "+00:00", midnight + ".000z"):
        assert earning not in await _ids(net, path, member, to=to), to
    # The day itself, written as a date, includes it.
    assert earning in await _ids(net, path, member, to=posted.date().isoformat())
    assert earning in await _ids(net, path, member, **{"from": midnight + "Z"})


@pytest.mark.parametrize("path", PATHS)
async def test_the_offset_of_a_time_is_honoured(net: Network, path: str) -> None:
    member, earning, posted = await _earned(net)
    for hours in (-5, 0, 5, 14):
        zone = timezone(timedelta(hours=hours))
        before = (posted - timedelta(seconds=1)).astimezone(zone).isoformat()
        after = (posted + timedelta(seconds=1)).astimezone(zone).isoformat()
        assert earning in await _ids(net, path, member, **{"from": before, "to": after}), hours
        assert earning not in await _ids(net, path, member, **{"from": after}), hours
        assert earning not in await _ids(net, path, member, to=before), hours


@pytest.mark.parametrize("path", PATHS)
async def test_a_day_covers_the_whole_utc_day(net: Network, path: str) -> None:
    member, earning, posted = await _earned(net)
    day = posted.date()
    assert earning in await _ids(net, path, member, **{"from": day.isoformat()})
    assert earning in await _ids(net, path, member, to=day.isoformat())
    assert earning not in await _ids(net, path, member, **{"from": str(day + timedelta(1))})
    assert earning not in await _ids(net, path, member, to=str(day - timedelta(1)))


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    "value",
    [
        "1763856000",  # a Unix time
        "1763856000.5",
        "2026-11-23T09:00:00",  # no offset: whose 09:00?
        "2026-11-23T09:00:00 01:00",  # `+01:00` sent unencoded: the + became a space
        "2026-11-23 09:00:00Z",
        "2026-11-23T24:00:00Z",
        "2026-02-30",
        "20261123",
        "2026-W47",
        "today",
    ],
)
async def test_anything_but_a_date_or_an_rfc_3339_time_is_a_422(
    net: Network, path: str, value: str
) -> None:
    member, _, _ = await _earned(net)
    for name in ("from", "to"):
        r = await net.client.get(
            path.format(member=member), headers=net.partner.headers, params={name: value}
        )
        body = assert_problem(r, 422, "validation_error")
        assert name in error_fields(body), body


async def test_programme_stats_and_given_on_take_only_a_date(net: Network) -> None:
    asha = await net.member()
    stats = f"/v1/programmes/{net.programme_id}/stats"
    bad: list[Any] = ["1763856000", "2026-11-23T00:00:00Z"]
    for value in bad:
        r = await net.client.get(stats, headers=net.operator.headers, params={"from": value})
        assert "from" in error_fields(assert_problem(r, 422, "validation_error"))
    for value in [*bad, 1763856000, "2026-11-23T00:00:00"]:
        r = await earn(net, asha["id"], 1, given_on=value)
        assert "given_on" in error_fields(assert_problem(r, 422, "validation_error")), value
    assert await net.balance(asha["id"]) == 0
