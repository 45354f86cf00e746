"""Recording survey responses: checked against the template answer by answer (a 422 naming
`answers.<question id>`, nothing written), for one's own members or one's own organisation,
once per subject, template and wave; each with its event."""

from datetime import date, timedelta
from typing import Any

import pytest

from tests.api.support import assert_problem, error_fields
from tests.network import Network
from tests.surveys.support import YESTERDAY, counts, respond
from tests.surveys.test_templates import MADE_UP_SCALE


async def test_a_member_answers_the_programme_evaluation(net: Network) -> None:
    member = await net.member()
    answers = {"quality_of_life": "a_lot", "less_need_gp": "a_little", "gave_time_before": "never"}
    r = await respond(net, answers, member_id=member["id"], wave="baseline")
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["id"].startswith("svr_")
    assert body == {
        "id": body["id"],
        "template_id": "programme-evaluation",
        "programme_id": net.programme_id,
        "member_id": member["id"],
        "subject_organisation_id": None,
        "organisation_id": net.partner.id,
        "wave": "baseline",
        "answered_on": YESTERDAY,
        "answers": answers,
        "score": None,
        "created_at": body["created_at"],
    }
    stored = await net.pool.fetchrow("SELECT * FROM survey_responses")
    assert stored["answers"] == answers and stored["member_id"] == member["id"]


async def test_the_response_is_an_event_for_the_member_home_only(net: Network) -> None:
    member = await net.member()
    r = await respond(net, {"life_satisfaction": 7}, template_id="ons4", member_id=member["id"])
    assert r.status_code == 201, r.text
    params = {"type": "survey_response.created"}
    feed = await net.client.get("/v1/events", params=params, headers=net.partner.headers)
    (event,) = feed.json()["data"]
    assert event["data"] == r.json()
    for stranger in (net.other, net.venue):
        feed = await net.client.get("/v1/events", params=params, headers=stranger.headers)
        assert feed.json()["data"] == []
        got = await net.client.get(f"/v1/events/{event['id']}", headers=stranger.headers)
        assert_problem(got, 404, "not_found")


async def test_a_replayed_idempotency_key_records_once(net: Network) -> None:
    member = await net.member()
    body = {
        "template_id": "ons4",
        "member_id": member["id"],
        "wave": "baseline",
        "answered_on": YESTERDAY,
        "answers": {"happiness": 6},
    }
    headers = {**net.partner.headers, "Idempotency-Key": "survey-1"}
    first = await net.client.post("/v1/survey-responses", headers=headers, json=body)
    again = await net.client.post("/v1/survey-responses", headers=headers, json=body)
    assert first.status_code == again.status_code == 201, again.text
    assert again.headers.get("idempotent-replayed") == "true"
    assert again.json() == first.json()
    assert (await counts(net))[:2] == (1, 1)


async def test_one_response_per_member_template_and_wave(net: Network) -> None:
    member = await net.member()
    for wave, status in (("baseline", 201), ("follow_up", 201), ("baseline", 409)):
        r = await respond(
            net, {"anxiety": 3}, template_id="ons4", member_id=member["id"], wave=wave
        )
        assert r.status_code == status, r.text
    r = await respond(net, {"quality_of_life": "a_lot"}, member_id=member["id"], wave="baseline")
    assert r.status_code == 201, r.text  # another template


async def test_another_organisations_member_is_a_404(net: Network) -> None:
    member = await net.member()
    before = await counts(net)
    for stranger in (net.other, net.venue, net.operator):
        r = await respond(
            net, {"anxiety": 3}, template_id="ons4", member_id=member["id"], by=stranger
        )
        assert_problem(r, 404, "not_found")
    r = await respond(net, {"anxiety": 3}, template_id="ons4", member_id="mem_nobody")
    assert_problem(r, 404, "not_found")
    assert await counts(net) == before


async def test_a_partner_survey_is_the_organisations_own(net: Network) -> None:
    answers = {"recruited_more_volunteers": "yes", "saved_money": "no"}
    r = await respond(
        net, answers, template_id="partner-organisation", programme_id=net.programme_id
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["member_id"] is None
    assert body["subject_organisation_id"] == body["organisation_id"] == net.partner.id
    assert body["programme_id"] == net.programme_id
    r = await respond(
        net, answers, template_id="partner-organisation", programme_id=net.programme_id
    )
    assert_problem(r, 409, "conflict")
    r = await respond(
        net,
        answers,
        template_id="partner-organisation",
        programme_id=net.programme_id,
        by=net.venue,
    )
    assert r.status_code == 201, r.text


async def test_a_scored_template_stores_the_converted_score(net: Network) -> None:
    r = await net.client.post(
        "/v1/survey-templates", headers=net.operator.headers, json=MADE_UP_SCALE
    )
    assert r.status_code == 201, r.text
    member = await net.member()
    answers = {f"item_{i}": "often" for i in range(1, 8)}  # raw 28 → 35.00
    r = await respond(net, answers, template_id="made-up-wellbeing", member_id=member["id"])
    assert r.status_code == 201, r.text
    assert r.json()["score"] == "35.00"
    other = await net.member()
    partial = {"item_1": "none", "item_2": "always"}  # not every item: no score
    r = await respond(net, partial, template_id="made-up-wellbeing", member_id=other["id"])
    assert r.status_code == 201, r.text
    assert r.json()["score"] is None


async def test_a_raw_sum_missing_from_the_conversion_table_is_refused(net: Network) -> None:
    template = {
        "id": "half-points",
        "name": "Half points",
        "questions": [{"id": "a", "text": "A", "type": "number", "min": 0, "max": 2}],
        "scoring": {"items": ["a"], "conversion": [{"raw": r, "score": r * 10} for r in range(3)]},
    }
    r = await net.client.post("/v1/survey-templates", headers=net.operator.headers, json=template)
    assert r.status_code == 201, r.text
    member = await net.member()
    r = await respond(net, {"a": 1.5}, template_id="half-points", member_id=member["id"])
    assert "answers" in error_fields(assert_problem(r, 422, "validation_error"))
    r = await respond(net, {"a": 2}, template_id="half-points", member_id=member["id"])
    assert r.status_code == 201 and r.json()["score"] == "20", r.text


NUMBERS = {
    "id": "numbers",
    "name": "Numbers",
    "questions": [
        {"id": "visits", "text": "Visits", "type": "number", "min": 0, "max": 31},
        {"id": "liked", "text": "Liked it?", "type": "yes_no"},
        {"id": "colour", "text": "Colour", "type": "single_choice", "options": ["red", "blue"]},
    ],
}

# (template, answers, the field named)
BAD_ANSWERS: dict[str, tuple[str, dict[str, Any], str]] = {
    "agreement: unknown answer": (
        "programme-evaluation",
        {"quality_of_life": "somewhat"},
        "answers.quality_of_life",
    ),
    "agreement: a number": ("programme-evaluation", {"new_friends": 3}, "answers.new_friends"),
    "agreement: upper case": (
        "programme-evaluation",
        {"more_confident": "A_LOT"},
        "answers.more_confident",
    ),
    "agreement: null": ("programme-evaluation", {"less_isolated": None}, "answers.less_isolated"),
    "single choice: not an option": (
        "programme-evaluation",
        {"gave_time_before": "always"},
        "answers.gave_time_before",
    ),
    "unknown question": ("programme-evaluation", {"happiness": 7}, "answers.happiness"),
    "scale: above 10": ("ons4", {"life_satisfaction": 11}, "answers.life_satisfaction"),
    "scale: below 0": ("ons4", {"anxiety": -1}, "answers.anxiety"),
    "scale: a fraction": ("ons4", {"worthwhile": 7.5}, "answers.worthwhile"),
    "scale: a string": ("ons4", {"happiness": "7"}, "answers.happiness"),
    "scale: a boolean": ("ons4", {"happiness": True}, "answers.happiness"),
    "scale: an agreement": ("ons4", {"happiness": "a_lot"}, "answers.happiness"),
    "number: above max": ("numbers", {"visits": 32}, "answers.visits"),
    "number: below min": ("numbers", {"visits": -0.5}, "answers.visits"),
    "number: three decimals": ("numbers", {"visits": 1.125}, "answers.visits"),
    "number: a string": ("numbers", {"visits": "3"}, "answers.visits"),
    "number: a list": ("numbers", {"visits": [3]}, "answers.visits"),
    "yes/no: a boolean": ("numbers", {"liked": True}, "answers.liked"),
    "yes/no: maybe": ("numbers", {"liked": "maybe"}, "answers.liked"),
    "choice: not an option": ("numbers", {"colour": "green"}, "answers.colour"),
    "no answers": ("numbers", {}, "answers"),
}


@pytest.mark.parametrize("case", BAD_ANSWERS)
async def test_an_answer_the_template_cannot_take_is_a_422_and_nothing_is_written(
    net: Network, case: str
) -> None:
    template_id, answers, field = BAD_ANSWERS[case]
    if template_id == "numbers":
        r = await net.client.post(
            "/v1/survey-templates", headers=net.operator.headers, json=NUMBERS
        )
        assert r.status_code == 201, r.text
    member = await net.member()
    before = await counts(net)
    r = await respond(net, answers, template_id=template_id, member_id=member["id"])
    problem = assert_problem(r, 422, "validation_error")
    assert field in error_fields(problem), problem
    assert await counts(net) == before == (0, 0, 0)


async def test_every_bad_answer_is_named_at_once_and_good_ones_pass(net: Network) -> None:
    member = await net.member()
    answers = {"life_satisfaction": 11, "worthwhile": 8, "anxiety": "low", "mood": 3}
    r = await respond(net, answers, template_id="ons4", member_id=member["id"])
    problem = assert_problem(r, 422, "validation_error")
    assert error_fields(problem) == {"answers.life_satisfaction", "answers.anxiety", "answers.mood"}
    r = await net.client.post("/v1/survey-templates", headers=net.operator.headers, json=NUMBERS)
    good = {"visits": 12.25, "liked": "yes", "colour": "blue"}
    r = await respond(net, good, template_id="numbers", member_id=member["id"])
    assert r.status_code == 201, r.text
    assert r.json()["answers"] == good


TODAY = date.today()
BAD_REQUESTS: dict[str, tuple[dict[str, Any], str]] = {
    "unknown template": ({"template_id": "swemwbs"}, "template_id"),
    "unknown wave": ({"wave": "midpoint"}, "wave"),
    "answered tomorrow": ({"answered_on": (TODAY + timedelta(days=2)).isoformat()}, "answered_on"),
    "answered in 2001": ({"answered_on": "2001-06-01"}, "answered_on"),
    "not a date": ({"answered_on": "2026-02-30"}, "answered_on"),
    "a time, not a date": ({"answered_on": "2026-11-20T10:00:00Z"}, "answered_on"),
    "no member for a member survey": ({"member_id": None}, "member_id"),
    "a programme for a member survey": ({"programme_id": "prg_x"}, "programme_id"),
    "a member for a partner survey": (
        {"template_id": "partner-organisation", "answers": {"saved_money": "yes"}},
        "member_id",
    ),
    "answers not an object": ({"answers": ["a_lot"]}, "answers"),
    "unknown field": ({"notes": "felt great"}, "notes"),
}


@pytest.mark.parametrize("case", BAD_REQUESTS)
async def test_a_bad_request_is_a_422_and_nothing_is_written(net: Network, case: str) -> None:
    member = await net.member()
    change, field = BAD_REQUESTS[case]
    body = {
        "template_id": "programme-evaluation",
        "member_id": member["id"],
        "wave": "follow_up",
        "answered_on": YESTERDAY,
        "answers": {"quality_of_life": "a_lot"},
        **change,
    }
    body = {k: v for k, v in body.items() if v is not None}
    r = await net.client.post("/v1/survey-responses", headers=net.partner.headers, json=body)
    problem = assert_problem(r, 422, "validation_error")
    assert field in error_fields(problem), problem
    assert await counts(net) == (0, 0, 0)


async def test_a_partner_survey_needs_one_of_the_callers_programmes(net: Network) -> None:
    answers = {"saved_money": "yes"}
    r = await respond(net, answers, template_id="partner-organisation")
    assert "programme_id" in error_fields(assert_problem(r, 422))
    r = await net.client.post(
        "/v1/programmes",
        headers=net.operator.headers,
        json={
            "name": "Gwent Recovery",
            "place": "Gwent",
            "focus": "Substance use",
            "starts_on": "2017-01-01",
        },
    )
    elsewhere = r.json()["id"]
    r = await respond(net, answers, template_id="partner-organisation", programme_id=elsewhere)
    assert "programme_id" in error_fields(assert_problem(r, 422))
    assert await counts(net) == (0, 0, 0)
