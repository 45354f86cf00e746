"""Who reads a programme's figures, and small numbers suppressed (issue 15, item 8)."""

import csv
import io
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI

from tests.network import Network, Org
from tests.reports.support import min_cell


async def _other_programme_org(net: Network) -> Org:
    r = await net.client.post(
        "/v1/programmes",
        headers=net.operator.headers,
        json={"name": "Cardiff & Vale Recovery", "place": "Cardiff", "focus": "Substance use",
              "starts_on": "2016-04-01"},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    r = await net.client.post(
        "/v1/organisations",
        headers=net.operator.headers,
        json={"name": "Splott Volunteers", "roles": ["earn_partner"],
              "programme_ids": [r.json()["id"]]},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    return Org(r.json()["id"], r.json()["api_key"]["secret"], ["earn_partner"])


async def _earners(net: Network, count: int) -> None:
    for i in range(count):
        m = await net.member(display_name=f"Member {i}")
        assert (await net.earn(m["id"], 2)).status_code == 201


async def test_the_programmes_organisations_its_commissioner_and_the_operator_read_it(
    net: Network,
) -> None:
    commissioner = await net.organisation("Haringey Council", ["commissioner"])
    path = f"/v1/programmes/{net.programme_id}/stats"
    for org in (net.partner, net.venue, commissioner, net.operator):
        r = await net.client.get(path, headers=org.headers)
        assert r.status_code == 200, (org.roles, r.text)


async def test_another_programmes_organisation_gets_404(net: Network) -> None:
    stranger = await _other_programme_org(net)
    r = await net.client.get(f"/v1/programmes/{net.programme_id}/stats", headers=stranger.headers)
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    unknown = await net.client.get("/v1/programmes/prg_nope/stats", headers=stranger.headers)
    assert unknown.json()["detail"].replace("prg_nope", "") == r.json()["detail"].replace(
        net.programme_id, ""
    )  # the same answer as for a programme that does not exist


@pytest.mark.parametrize("people", [2, 3])
async def test_figures_from_fewer_than_min_cell_people_are_suppressed(
    net: Network, app: FastAPI, people: int
) -> None:
    await _earners(net, people)
    with min_cell(app, 3):
        r = await net.client.get(
            f"/v1/programmes/{net.programme_id}/stats", headers=net.partner.headers
        )
    body = r.json()
    assert r.status_code == 200, r.text
    if people < 3:  # min_cell - 1
        assert body["people_earned"] is None and body["credits_earned"] is None
        assert body["hours_given"] is None and body["active_members"] is None
        assert {"people_earned", "credits_earned", "hours_given", "active_members"} <= set(
            body["suppressed"]
        )
        month = body["monthly"][0]
        assert month["people_earned"] is None and month["credits_earned"] is None
        assert {"people_earned", "credits_earned"} <= set(month["suppressed"])
    else:  # min_cell
        assert body["people_earned"] == 3 and body["credits_earned"] == "6.00"
        assert body["active_members"] == 3 and body["hours_given"] == "6.00"
        assert body["monthly"][0]["people_earned"] == 3
        assert "people_earned" not in body["suppressed"]
    # Organisations are not people: never suppressed. Nothing spent: zero is no small group.
    assert body["organisations_earning"] == 1
    assert body["people_spent"] == 0 and body["credits_spent"] == "0.00"


async def test_a_one_day_window_does_not_single_a_person_out(net: Network) -> None:
    """The issue's case: one person's earning in a one-day window said `people_earned: 1`."""
    await _earners(net, 1)
    today = datetime.now(UTC).date().isoformat()
    r = await net.client.get(
        f"/v1/programmes/{net.programme_id}/stats?from={today}&to={today}",
        headers=net.partner.headers,
    )
    body = r.json()
    assert r.status_code == 200, r.text
    assert body["people_earned"] is None and body["credits_earned"] is None
    assert "people_earned" in body["suppressed"] and "credits_earned" in body["suppressed"]
    assert all(m["people_earned"] is None for m in body["monthly"])


async def test_stats_as_csv_give_the_same_figures(net: Network, app: FastAPI) -> None:
    await _earners(net, 2)
    path = f"/v1/programmes/{net.programme_id}/stats"
    with min_cell(app, 2):
        as_json = (await net.client.get(path, headers=net.partner.headers)).json()
        r = await net.client.get(path, headers={**net.partner.headers, "Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows[0]["period"] == "total"
    assert rows[0]["people_earned"] == str(as_json["people_earned"]) == "2"
    assert rows[0]["credits_earned"] == as_json["credits_earned"] == "4.00"
    # gifts by no one: zero, shown; the survey share with no respondents: empty
    assert rows[0]["credits_gifted"] == "0.00"
    assert rows[0]["never_or_rarely_gave_before_n"] == "0"
    assert rows[1]["period"] == as_json["monthly"][0]["month"]
    assert rows[1]["people_earned"] == "2" and rows[1]["hours_given"] == ""
    with min_cell(app, 3):
        r = await net.client.get(path, headers={**net.partner.headers, "Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows[0]["people_earned"] == rows[0]["credits_earned"] == "suppressed"
    assert rows[1]["credits_earned"] == "suppressed"
    # JSON stays the default, and wins a tie it is named first in
    r = await net.client.get(
        path, headers={**net.partner.headers, "Accept": "application/json, text/csv"}
    )
    assert r.headers["content-type"].startswith("application/json")


async def test_the_share_who_never_or_rarely_gave_time_before(net: Network, app: FastAPI) -> None:
    """From the programme evaluation's gave_time_before: baseline answer, else follow-up."""
    answers = ["never", "rarely", "sometimes", "often", "never"]
    members = [await net.member(display_name=f"Member {i}") for i in range(len(answers))]
    rows = [
        (f"srv_b{i}", m["id"], "baseline", a)
        for i, (m, a) in enumerate(zip(members, answers, strict=True))
    ]
    # a follow-up of a member with a baseline does not count twice; one without one counts
    rows.append(("srv_f0", members[0]["id"], "follow_up", "often"))
    late = await net.member(display_name="Late")
    rows.append(("srv_f1", late["id"], "follow_up", "rarely"))
    await net.pool.executemany(
        """INSERT INTO survey_responses (id, template_id, programme_id, member_id,
                                         organisation_id, wave, answered_on, answers)
           VALUES ($1, 'programme-evaluation', $5, $2, $6, $3, current_date,
                   jsonb_build_object('gave_time_before', $4::text))""",
        [(*row, net.programme_id, net.partner.id) for row in rows],
    )
    path = f"/v1/programmes/{net.programme_id}/stats"
    with min_cell(app, 6):
        body = (await net.client.get(path, headers=net.partner.headers)).json()
    assert body["people_never_or_rarely_gave_before"] == {"percent": 67, "n": 6}  # 4 of 6
    with min_cell(app, 7):
        body = (await net.client.get(path, headers=net.partner.headers)).json()
    assert body["people_never_or_rarely_gave_before"] is None
    assert "people_never_or_rarely_gave_before" in body["suppressed"]
