"""Which programme an earning counts in: the member's own when the earn partner belongs to
it; otherwise one of the partner's programmes running on `given_on` (the one running
longest), never whichever has the lowest id."""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.api.support import assert_problem, error_fields
from tests.network import Network, Org


@dataclass
class Setup:
    running: str  # 2015-01-01, open-ended
    ended: str  # 2010-01-01 .. 2018-12-31, with an id below running's
    multi: Org  # an earn partner in both
    stranger: dict[str, Any]  # a member of a third programme, which multi is not in


async def _programme(net: Network, name: str, starts_on: str, ends_on: str | None = None) -> str:
    body = {"name": name, "place": "Cardiff", "focus": "Recovery", "starts_on": starts_on}
    r = await net.client.post(
        "/v1/programmes",
        headers=net.operator.headers,
        json=body if ends_on is None else {**body, "ends_on": ends_on},
    )
    assert r.status_code == 201, r.text
    return r.json()["id"]


async def _org(net: Network, name: str, programme_ids: list[str]) -> Org:
    r = await net.client.post(
        "/v1/organisations",
        headers=net.operator.headers,
        json={"name": name, "roles": ["earn_partner"], "programme_ids": programme_ids},
    )
    assert r.status_code == 201, r.text
    return Org(r.json()["id"], r.json()["api_key"]["secret"], ["earn_partner"])


@pytest.fixture
async def setup(net: Network) -> Setup:
    # Ids are random: make the ended programme the one with the lower id, the case where
    # "lowest id first" picked it. Of ten of each, the lowest ended id is above the highest
    # running one once in 184,756 runs.
    runnings = [await _programme(net, f"Vale Recovery {n}", "2015-01-01") for n in range(10)]
    endeds = [
        await _programme(net, f"Splott Pilot {n}", "2010-01-01", "2018-12-31") for n in range(10)
    ]
    running, ended = max(runnings), min(endeds)
    assert ended < running, "no ended programme id below a running one: rerun"
    multi = await _org(net, "Splott Community Hub", [ended, running])
    r = await net.client.post(
        "/v1/allocations",
        headers=net.operator.headers,
        json={"organisation_id": multi.id, "credits": 100, "programme_id": running},
    )
    assert r.status_code == 201, r.text
    # A member of net's own programme, which multi is not in: found by the card they show.
    stranger = await net.member()
    return Setup(running, ended, multi, stranger)


async def _earn_by_card(net: Network, s: Setup, **fields: Any):
    return await net.client.post(
        "/v1/earnings",
        headers=s.multi.headers,
        json={"card_number": s.stranger["card_number"], "hours": 1, **fields},
    )


async def test_an_earning_for_a_member_of_another_programme_counts_in_the_partners_running_one(
    net: Network, setup: Setup
) -> None:
    r = await _earn_by_card(net, setup)  # today: only `running` is running
    assert r.status_code == 201, r.text
    assert r.json()["programme_id"] == setup.running


async def test_when_two_of_the_partners_programmes_ran_that_day_the_one_still_running_wins(
    net: Network, setup: Setup
) -> None:
    r = await _earn_by_card(net, setup, given_on="2017-05-01")  # both were running
    assert r.status_code == 201, r.text
    assert r.json()["programme_id"] == setup.running


async def test_hours_given_when_only_the_ended_programme_ran_count_in_it(
    net: Network, setup: Setup
) -> None:
    r = await _earn_by_card(net, setup, given_on="2012-06-01")
    assert r.status_code == 201, r.text
    assert r.json()["programme_id"] == setup.ended


async def test_hours_given_when_none_of_the_partners_programmes_ran_are_refused(
    net: Network, setup: Setup
) -> None:
    r = await _earn_by_card(net, setup, given_on="2009-12-31")
    body = assert_problem(r, 422, "validation_error")
    assert "given_on" in error_fields(body)
    assert "none of your organisation's programmes" in body["detail"]
    assert await net.balance(setup.stranger["id"]) == 0


async def test_a_member_of_the_partners_own_ended_programme_earns_only_within_its_dates(
    net: Network, setup: Setup
) -> None:
    r = await net.client.post(
        "/v1/members",
        headers=setup.multi.headers,
        json={"display_name": "Dai", "programme_id": setup.ended},
    )
    assert r.status_code == 201, r.text
    dai = r.json()["id"]

    def post(**fields: Any):
        return net.client.post(
            "/v1/earnings",
            headers=setup.multi.headers,
            json={"member_id": dai, "hours": 1, **fields},
        )

    # The member's own programme decides, even though another of the partner's is running.
    body = assert_problem(await post(), 422, "validation_error")
    assert "after the programme ended" in body["detail"]
    r = await post(given_on="2018-12-31")
    assert r.status_code == 201, r.text
    assert r.json()["programme_id"] == setup.ended
