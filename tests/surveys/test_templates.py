"""Survey templates: the three built-ins, and operators' own, checked whole before they are
stored (a licensed scale's wording is never shipped: the scored template here is made up)."""

from typing import Any

import pytest

from tests.api.support import assert_problem, error_fields
from tests.network import Network

AGREEMENT = ["a_lot", "to_some_extent", "a_little", "not_at_all"]

# A made-up seven-item scale scored like SWEMWBS (each item 1-5, raw 7-35 turned into a
# metric score by a table): invented wording, invented table.
MADE_UP_SCALE: dict[str, Any] = {
    "id": "made-up-wellbeing",
    "name": "Made-up wellbeing scale",
    "subject": "member",
    "questions": [
        {
            "id": f"item_{i}",
            "text": f"Made-up statement number {i}",
            "type": "single_choice",
            "options": ["none", "rarely", "some", "often", "always"],
        }
        for i in range(1, 8)
    ],
    "scoring": {
        "label": "metric score",
        "items": [f"item_{i}" for i in range(1, 8)],
        "option_values": {"none": 1, "rarely": 2, "some": 3, "often": 4, "always": 5},
        "conversion": [{"raw": raw, "score": f"{raw * 1.25:.2f}"} for raw in range(7, 36)],
    },
}


async def test_the_built_in_templates_are_listed_first(net: Network) -> None:
    r = await net.client.get("/v1/survey-templates", headers=net.partner.headers)
    assert r.status_code == 200, r.text
    templates = {t["id"]: t for t in r.json()["data"]}
    assert list(templates) == ["programme-evaluation", "ons4", "partner-organisation"]
    evaluation = templates["programme-evaluation"]
    assert evaluation["subject"] == "member" and evaluation["built_in"] is True
    questions = {q["id"]: q for q in evaluation["questions"]}
    for qid in (
        "quality_of_life",
        "mental_health",
        "physical_health",
        "manage_health",
        "know_services",
        "less_need_gp",
        "less_need_social_care",
        "new_friends",
        "less_isolated",
        "more_confident",
        "positive_future",
        "shared_skills",
    ):
        assert questions[qid]["type"] == "agreement"
        assert questions[qid]["options"] == AGREEMENT
    before = questions["gave_time_before"]
    assert before["type"] == "single_choice"
    assert before["options"] == ["never", "rarely", "sometimes", "often"]
    ons4 = templates["ons4"]["questions"]
    assert [q["id"] for q in ons4] == ["life_satisfaction", "worthwhile", "happiness", "anxiety"]
    assert all(q["type"] == "scale_0_10" and (q["min"], q["max"]) == ("0", "10") for q in ons4)
    partner = templates["partner-organisation"]
    assert partner["subject"] == "organisation"
    assert {"recruited_more_volunteers", "reached_more_people", "saved_money"} <= {
        q["id"] for q in partner["questions"]
    }


async def test_one_template_and_an_unknown_one(net: Network) -> None:
    r = await net.client.get("/v1/survey-templates/ons4", headers=net.venue.headers)
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "ONS4 personal wellbeing"
    r = await net.client.get("/v1/survey-templates/swemwbs", headers=net.venue.headers)
    assert_problem(r, 404, "not_found")


async def test_an_operator_adds_a_scored_template(net: Network) -> None:
    r = await net.client.post(
        "/v1/survey-templates", headers=net.operator.headers, json=MADE_UP_SCALE
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["id"] == "made-up-wellbeing" and body["built_in"] is False
    assert body["created_at"] is not None
    assert body["scoring"]["conversion"][0] == {"raw": 7, "score": "8.75"}
    r = await net.client.get("/v1/survey-templates", headers=net.partner.headers)
    assert [t["id"] for t in r.json()["data"]][-1] == "made-up-wellbeing"
    r = await net.client.get("/v1/survey-templates/made-up-wellbeing", headers=net.partner.headers)
    assert r.json() == body


async def test_an_operators_template_without_an_id_gets_one(net: Network) -> None:
    body = {
        "name": "Visits",
        "questions": [
            {"id": "visits", "text": "Visits this month", "type": "number", "min": 0, "max": 31},
            {"id": "liked", "text": "Did you like it?", "type": "yes_no"},
            {"id": "mood", "text": "Mood", "type": "scale_0_10"},
            {"id": "agree", "text": "It helped", "type": "agreement"},
        ],
    }
    r = await net.client.post("/v1/survey-templates", headers=net.operator.headers, json=body)
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["id"].startswith("svt_")
    kinds = {q["id"]: q for q in made["questions"]}
    assert kinds["liked"]["options"] == ["yes", "no"]
    assert kinds["agree"]["options"] == AGREEMENT
    assert (kinds["visits"]["min"], kinds["visits"]["max"]) == ("0", "31")


async def test_a_template_id_is_taken_once_and_never_a_built_in(net: Network) -> None:
    for template_id, first in (("made-up-wellbeing", 201), ("ons4", 409)):
        body = {**MADE_UP_SCALE, "id": template_id}
        r = await net.client.post("/v1/survey-templates", headers=net.operator.headers, json=body)
        assert r.status_code == first, r.text
    r = await net.client.post(
        "/v1/survey-templates", headers=net.operator.headers, json=MADE_UP_SCALE
    )
    assert_problem(r, 409, "conflict")


def _q(**fields: Any) -> dict[str, Any]:
    return {"id": "q", "text": "A question", "type": "agreement", **fields}


def _scored(scoring: dict[str, Any], questions: list[dict[str, Any]] | None = None) -> dict:
    return {
        "name": "Scored",
        "questions": questions
        or [
            {"id": "a", "text": "A", "type": "number", "min": 1, "max": 5},
            {"id": "b", "text": "B", "type": "number", "min": 1, "max": 5},
        ],
        "scoring": scoring,
    }


BAD_TEMPLATES: dict[str, tuple[dict[str, Any], str]] = {
    "no questions": ({"name": "Empty", "questions": []}, "questions"),
    "no name": ({"name": "", "questions": [_q()]}, "name"),
    "unknown subject": ({"name": "X", "subject": "venue", "questions": [_q()]}, "subject"),
    "unknown type": ({"name": "X", "questions": [_q(type="likert")]}, "questions.0.type"),
    "question id with capitals": ({"name": "X", "questions": [_q(id="Mood")]}, "questions.0.id"),
    "empty question text": ({"name": "X", "questions": [_q(text=" ")]}, "questions.0.text"),
    "repeated question id": ({"name": "X", "questions": [_q(), _q()]}, "questions.1.id"),
    "choice without options": (
        {"name": "X", "questions": [_q(type="single_choice")]},
        "questions.0.options",
    ),
    "choice with one option": (
        {"name": "X", "questions": [_q(type="single_choice", options=["only"])]},
        "questions.0.options",
    ),
    "choice repeating an option": (
        {"name": "X", "questions": [_q(type="single_choice", options=["a", "a"])]},
        "questions.0.options",
    ),
    "options on an agreement": (
        {"name": "X", "questions": [_q(options=["yes", "no"])]},
        "questions.0.options",
    ),
    "number without bounds": ({"name": "X", "questions": [_q(type="number")]}, "questions.0.min"),
    "number with min above max": (
        {"name": "X", "questions": [_q(type="number", min=5, max=1)]},
        "questions.0.max",
    ),
    "bounds on a scale": (
        {"name": "X", "questions": [_q(type="scale_0_10", min=1, max=5)]},
        "questions.0.min",
    ),
    "infinite bound": (
        {"name": "X", "questions": [_q(type="number", min=0, max="Infinity")]},
        "questions.0.max",
    ),
    "bad template id": ({"id": "Has Spaces", "name": "X", "questions": [_q()]}, "id"),
    "unknown field": ({"name": "X", "questions": [_q()], "colour": "red"}, "colour"),
    "scoring an unknown item": (_scored({"items": ["a", "z"]}), "scoring.items.1"),
    "scoring an item twice": (_scored({"items": ["a", "a"]}), "scoring.items.1"),
    "scoring a choice without values": (
        _scored({"items": ["c"]}, [_q(id="c", type="single_choice", options=["x", "y"])]),
        "scoring.items.0",
    ),
    "a value for no option": (
        _scored({"items": ["a"], "option_values": {"maybe": 1}}),
        "scoring.option_values.maybe",
    ),
    "conversion missing a raw sum": (
        _scored(
            {"items": ["a", "b"], "conversion": [{"raw": r, "score": r} for r in range(2, 10)]}
        ),
        "scoring.conversion",
    ),
    "conversion beyond the raw range": (
        _scored(
            {"items": ["a", "b"], "conversion": [{"raw": r, "score": r} for r in range(2, 12)]}
        ),
        "scoring.conversion",
    ),
    "conversion repeating a raw sum": (
        _scored(
            {
                "items": ["a", "b"],
                "conversion": [{"raw": r, "score": r} for r in [*range(2, 11), 5]],
            }
        ),
        "scoring.conversion",
    ),
    "conversion of fractional sums": (
        _scored(
            {"items": ["a"], "conversion": [{"raw": 1, "score": 1}]},
            [{"id": "a", "text": "A", "type": "number", "min": "0.5", "max": "1.5"}],
        ),
        "scoring.conversion",
    ),
}


@pytest.mark.parametrize("case", BAD_TEMPLATES)
async def test_a_bad_template_is_a_422_naming_the_field_and_nothing_is_stored(
    net: Network, case: str
) -> None:
    body, field = BAD_TEMPLATES[case]
    r = await net.client.post("/v1/survey-templates", headers=net.operator.headers, json=body)
    problem = assert_problem(r, 422, "validation_error")
    assert field in error_fields(problem), problem
    assert await net.pool.fetchval("SELECT count(*) FROM survey_templates") == 0


async def test_every_problem_of_a_template_is_reported_at_once(net: Network) -> None:
    body = {
        "name": "X",
        "questions": [_q(options=["a", "b"]), _q(id="n", type="number"), _q(id="n")],
    }
    r = await net.client.post("/v1/survey-templates", headers=net.operator.headers, json=body)
    problem = assert_problem(r, 422, "validation_error")
    assert error_fields(problem) == {"questions.0.options", "questions.1.min", "questions.2.id"}


async def test_only_the_operator_adds_templates(net: Network) -> None:
    r = await net.client.post(
        "/v1/survey-templates", headers=net.partner.headers, json=MADE_UP_SCALE
    )
    assert_problem(r, 403, "forbidden")
