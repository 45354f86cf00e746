"""Referrals end to end: sending, the lifecycle, who sees what, notes, events, replays."""

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import asyncpg
import pytest
from fastapi import FastAPI

from app.services.referrals import STEPS, list_statement
from tests.api.support import assert_problem, assert_unchanged, error_fields, snapshot
from tests.events.support import assert_seen_by_exactly, events_about, organisations
from tests.network import Network, Org
from tests.referrals.support import PERSON, moved, prescriber, send, step

NOTES = "Recently bereaved; prefers mornings; anxious in large groups"


@pytest.fixture
def notes_on(app: FastAPI) -> Iterator[None]:
    """TIMECREDITS_REFERRAL_NOTES=true for one test."""
    env = app.state.env
    app.state.env = dataclasses.replace(env, referral_notes=True)
    yield
    app.state.env = env


async def test_someone_new_is_registered_as_the_receivers_member_on_acceptance_and_can_earn(
    net: Network,
) -> None:
    gp = await prescriber(net)
    sent = await send(net, reason_codes=["loneliness_isolation", "low_mood_anxiety"])
    assert sent["id"].startswith("ref_")
    assert sent["status"] == "sent" and sent["urgency"] == "routine"
    assert sent["from_organisation_id"] == gp.id and sent["to_organisation_id"] == net.partner.id
    assert sent["programme_id"] == net.programme_id
    assert sent["member_id"] is None and sent["notes"] is None and sent["has_notes"] is False
    assert sent["person"] == {**PERSON, "postcode_district": "N17"}
    assert sent["sent_at"] and sent["accepted_at"] is None

    accepted = await moved(net, net.partner, sent["id"], "accept")
    assert accepted["status"] == "accepted" and accepted["accepted_at"] >= sent["sent_at"]
    member_id = accepted["member_id"]
    assert member_id
    r = await net.client.get(f"/v1/members/{member_id}", headers=net.partner.headers)
    assert r.status_code == 200, r.text
    member = r.json()
    assert member["home_organisation_id"] == net.partner.id
    assert member["programme_id"] == net.programme_id
    assert (member["display_name"], member["year_of_birth"]) == ("Megan J.", 1958)
    assert member["postcode_district"] == "N17" and member["consent_contact"] is True
    await assert_seen_by_exactly(net, member_id, "member.created", {net.partner.id})

    r = await net.earn(member_id, 2, by=net.partner)
    assert r.status_code == 201, r.text
    assert r.json()["to"] == {"type": "member", "id": member_id}


async def test_a_prescribers_own_member_becomes_visible_to_the_receiver_only_on_acceptance(
    net: Network,
) -> None:
    gp = await prescriber(net)
    own = await net.member(gp, display_name="Tom R.", external_ref="GP-77")
    sent = await send(net, member_id=own["id"], person=None)
    assert sent["member_id"] == own["id"] and sent["person"] is None
    r = await net.earn(own["id"], 1, by=net.partner)
    assert_problem(r, 404, "not_found")
    accepted = await moved(net, net.partner, sent["id"], "accept")
    assert accepted["member_id"] == own["id"]
    r = await net.client.get(f"/v1/members/{own['id']}", headers=net.partner.headers)
    assert r.status_code == 200, r.text
    assert r.json()["external_ref"] is None  # the home's own reference stays the home's
    r = await net.earn(own["id"], 1, by=net.partner)
    assert r.status_code == 201, r.text
    # Another organisation still cannot see them.
    r = await net.earn(own["id"], 1, by=net.other)
    assert_problem(r, 404, "not_found")


async def test_accepting_may_link_someone_new_to_one_of_the_receivers_own_members(
    net: Network,
) -> None:
    mine = await net.member(net.partner, display_name="Megan J.")
    sent = await send(net)
    before = await net.pool.fetchval("SELECT count(*) FROM members")
    accepted = await moved(net, net.partner, sent["id"], "accept", {"member_id": mine["id"]})
    assert accepted["member_id"] == mine["id"]
    assert await net.pool.fetchval("SELECT count(*) FROM members") == before
    # Not someone else's member.
    theirs = await net.member(net.other)
    sent = await send(net)
    r = await step(net, net.partner, sent["id"], "accept", {"member_id": theirs["id"]})
    assert_problem(r, 404, "not_found")


async def test_a_referral_to_an_opportunity_of_the_receiver_is_kept(net: Network) -> None:
    r = await net.client.post(
        "/v1/opportunities",
        headers=net.partner.headers,
        json={"title": "Café volunteer", "category": "food"},
    )
    assert r.status_code == 201, r.text
    sent = await send(net, opportunity_id=r.json()["id"], urgency="soon")
    assert sent["opportunity_id"] == r.json()["id"] and sent["urgency"] == "soon"


async def test_the_operator_may_refer_but_other_roles_may_not(
    net: Network, pool: asyncpg.Pool
) -> None:
    sent = await send(net, by=net.operator)
    assert sent["from_organisation_id"] == net.operator.id
    before = await snapshot(pool)
    for org in (net.partner, net.venue):
        body = {"to_organisation_id": net.other.id, "person": PERSON, "reason_codes": ["other"]}
        r = await net.client.post("/v1/referrals", headers=org.headers, json=body)
        assert_problem(r, 403, "forbidden")
    assert_unchanged(before, await snapshot(pool))


async def _referrals(pool: asyncpg.Pool) -> int:
    return await pool.fetchval("SELECT count(*) FROM referrals")


async def test_unknown_or_wrong_receivers_opportunities_and_members_are_refused(
    net: Network, pool: asyncpg.Pool
) -> None:
    gp = await prescriber(net)
    r = await net.client.post(
        "/v1/offers",
        headers=net.venue.headers,
        json={"title": "Swim", "category": "swimming", "credits": 1},
    )
    offer = r.json()["id"]
    r = await net.client.post(
        "/v1/opportunities",
        headers=net.other.headers,
        json={"title": "Dig", "category": "gardening"},
    )
    elsewhere = r.json()["id"]
    partners_member = await net.member(net.partner)
    before = await snapshot(pool)
    cases: list[tuple[dict[str, Any], int, str | None]] = [
        ({"to_organisation_id": "org_nobody"}, 404, None),
        ({"opportunity_id": "opp_nothing"}, 404, None),
        ({"opportunity_id": elsewhere}, 422, "opportunity_id"),
        ({"opportunity_id": offer}, 422, "opportunity_id"),
        ({"to_organisation_id": gp.id}, 422, "to_organisation_id"),
        ({"programme_id": "prg_elsewhere"}, 422, "programme_id"),
        ({"member_id": partners_member["id"], "person": None}, 404, None),
    ]
    for fields, status, field in cases:
        body = await send(net, expect=status, **fields)
        assert_problem_body(body, status, field)
    assert_unchanged(before, await snapshot(pool))
    assert await _referrals(pool) == 0


def assert_problem_body(body: dict[str, Any], status: int, field: str | None) -> None:
    assert body["status"] == status, body
    if field is not None:
        assert field in error_fields(body), body


BAD_BODIES: dict[str, tuple[dict[str, Any], str]] = {
    "an unknown reason code": ({"reason_codes": ["gardening"]}, "reason_codes.0"),
    "no reason code": ({"reason_codes": []}, "reason_codes"),
    "a repeated reason code": ({"reason_codes": ["housing", "housing"]}, "reason_codes"),
    "an unknown urgency": ({"urgency": "asap"}, "urgency"),
    "both a member and a person": ({"member_id": "mem_x"}, "body"),
    "neither a member nor a person": ({}, "body"),
    "a full postcode": ({"person": {**PERSON, "postcode_district": "N17 6AB"}}, "person"),
    "a person without the prescriber's reference": (
        {"person": {"display_name": "Megan J."}},
        "person.external_ref",
    ),
    "an unknown field": ({"nhs_number": "485 777 3456"}, "nhs_number"),
    "notes while they are turned off": ({"notes": NOTES}, "notes"),
}


@pytest.mark.parametrize("case", BAD_BODIES)
async def test_bad_referrals_are_a_422_and_write_nothing(
    net: Network, pool: asyncpg.Pool, case: str
) -> None:
    gp = await prescriber(net)
    fields, field = BAD_BODIES[case]
    body = {
        "to_organisation_id": net.partner.id,
        "person": PERSON,
        "reason_codes": ["housing"],
        **fields,
    }
    if case == "neither a member nor a person":
        body.pop("person")
    before = await snapshot(pool)
    r = await net.client.post("/v1/referrals", headers=gp.headers, json=body)
    problem = assert_problem(r, 422, "validation_error")
    assert any(f.startswith(field) for f in error_fields(problem)), problem
    if case.startswith("notes"):
        assert "TIMECREDITS_REFERRAL_NOTES" in problem["detail"]
    assert_unchanged(before, await snapshot(pool))
    assert await _referrals(pool) == 0


@pytest.mark.usefixtures("notes_on")
async def test_notes_when_allowed_are_encrypted_at_rest_and_shown_only_to_the_two_parties(
    net: Network, pool: asyncpg.Pool
) -> None:
    gp = await prescriber(net)
    r = await net.client.post(
        "/v1/referrals",
        headers={**gp.headers, "Idempotency-Key": "notes-1"},
        json={
            "to_organisation_id": net.partner.id,
            "person": PERSON,
            "reason_codes": ["low_mood_anxiety"],
            "notes": NOTES,
        },
    )
    assert r.status_code == 201, r.text
    sent = r.json()
    assert sent["notes"] == NOTES and sent["has_notes"] is True
    stored = await pool.fetchval("SELECT notes FROM referrals WHERE id = $1", sent["id"])
    assert stored and NOTES.encode() not in stored and b"bereaved" not in stored
    for org in (gp, net.partner):
        r = await net.client.get(f"/v1/referrals/{sent['id']}", headers=org.headers)
        assert r.status_code == 200 and r.json()["notes"] == NOTES, r.text
    for org in (net.other, net.venue, net.operator):
        r = await net.client.get(f"/v1/referrals/{sent['id']}", headers=org.headers)
        assert_problem(r, 404, "not_found")
    # Nowhere else in clear: not the outbox, not the stored reply for the key.
    anywhere = await pool.fetchval(
        """SELECT count(*) FROM (SELECT data::text AS t FROM events
                                  UNION ALL SELECT response_body::text FROM idempotency_keys) x
            WHERE t LIKE '%bereaved%'"""
    )
    assert anywhere == 0
    (event,) = await events_about(net.client, net.partner, sent["id"])
    assert event["data"]["notes"] is None and event["data"]["has_notes"] is True
    # A replay answers the same referral, without the notes (read it for them).
    r = await net.client.post(
        "/v1/referrals",
        headers={**gp.headers, "Idempotency-Key": "notes-1"},
        json={
            "to_organisation_id": net.partner.id,
            "person": PERSON,
            "reason_codes": ["low_mood_anxiety"],
            "notes": NOTES,
        },
    )
    assert r.status_code == 201 and r.headers["idempotent-replayed"] == "true", r.text
    assert r.json() == {**sent, "notes": None}


async def in_state(net: Network, status: str) -> dict[str, Any]:
    """A referral from the prescriber to the partner, moved to `status`."""
    sent = await send(net)
    path = {
        "sent": [],
        "accepted": [("accept", None)],
        "declined": [("decline", {"reason": "no_capacity"})],
        "first_attended": [("accept", None), ("attended", None)],
        "closed": [("accept", None), ("attended", None), ("close", {"outcome": "completed"})],
    }[status]
    out = sent
    for action, body in path:
        out = await moved(net, net.partner, sent["id"], action, body)
    assert out["status"] == status
    return out


async def test_the_whole_lifecycle_stamps_each_step(net: Network) -> None:
    sent = await send(net)
    accepted = await moved(net, net.partner, sent["id"], "accept")
    attended = await moved(net, net.partner, sent["id"], "attended", {})
    closed = await moved(net, net.partner, sent["id"], "close", {"outcome": "completed"})
    assert closed["status"] == "closed" and closed["outcome"] == "completed"
    assert closed["sent_at"] == sent["sent_at"]
    assert closed["accepted_at"] == accepted["accepted_at"]
    assert closed["first_attended_at"] == attended["first_attended_at"]
    assert sent["sent_at"] <= accepted["accepted_at"] <= attended["first_attended_at"]
    assert attended["first_attended_at"] <= closed["closed_at"]
    assert closed["declined_at"] is None and closed["decline_reason"] is None

    other = await send(net)
    declined = await moved(net, net.partner, other["id"], "decline", {"reason": "not_suitable"})
    assert declined["status"] == "declined" and declined["decline_reason"] == "not_suitable"
    assert declined["declined_at"] and declined["accepted_at"] is None
    assert declined["member_id"] is None


async def test_the_prescriber_may_withdraw_an_open_referral(net: Network) -> None:
    gp = await prescriber(net)
    for status in ("sent", "accepted", "first_attended"):
        referral = await in_state(net, status)
        closed = await moved(net, gp, referral["id"], "close", {"outcome": "withdrawn"})
        assert closed["status"] == "closed" and closed["outcome"] == "withdrawn"


BODIES = {
    "accept": None,
    "decline": {"reason": "duplicate"},
    "attended": None,
    "close": {"outcome": "other"},
}
# (status, action, who) the lifecycle refuses with a 409.
ILLEGAL = [
    (status, action, who)
    for status in ("sent", "accepted", "declined", "first_attended", "closed")
    for action, sides in STEPS.items()
    for who in ("receiver", "prescriber")
    if who in sides and status not in sides[who]
]


@pytest.mark.parametrize(("status", "action", "who"), ILLEGAL, ids=lambda v: str(v))
async def test_an_illegal_transition_is_a_409_naming_the_current_status(
    net: Network, pool: asyncpg.Pool, status: str, action: str, who: str
) -> None:
    referral = await in_state(net, status)
    org = net.partner if who == "receiver" else await prescriber(net)
    before = await snapshot(pool)
    row = await pool.fetchrow("SELECT * FROM referrals WHERE id = $1", referral["id"])
    r = await step(net, org, referral["id"], action, BODIES[action])
    problem = assert_problem(r, 409, "illegal_transition")
    assert status in problem["detail"], problem
    assert_unchanged(before, await snapshot(pool))
    assert await pool.fetchrow("SELECT * FROM referrals WHERE id = $1", referral["id"]) == row


def test_the_illegal_cases_cover_every_refused_status() -> None:
    assert len(ILLEGAL) == 15 + 2  # receiver: 20 - 5 legal; prescriber: close, 5 - 3 legal


@pytest.mark.parametrize("action", ["accept", "decline", "attended"])
async def test_only_the_receiving_organisation_accepts_declines_or_reports_attendance(
    net: Network, pool: asyncpg.Pool, action: str
) -> None:
    referral = await in_state(net, "accepted" if action == "attended" else "sent")
    before = await snapshot(pool)
    r = await step(net, await prescriber(net), referral["id"], action, BODIES[action])
    assert_problem(r, 403, "forbidden")
    assert_unchanged(before, await snapshot(pool))


async def test_a_decline_needs_a_reason_and_a_close_an_outcome_from_the_vocabularies(
    net: Network, pool: asyncpg.Pool
) -> None:
    sent = await send(net)
    accepted = await in_state(net, "accepted")
    before = await snapshot(pool)
    for referral, action, body in (
        (sent, "decline", None),
        (sent, "decline", {"reason": "too_busy"}),
        (accepted, "close", {}),
        (accepted, "close", {"outcome": "cured"}),
    ):
        r = await step(net, net.partner, referral["id"], action, body)
        assert_problem(r, 422, "validation_error")
    assert_unchanged(before, await snapshot(pool))


@pytest.mark.parametrize("stranger", ["other", "venue", "operator"])
async def test_a_third_organisation_gets_a_404_for_a_referral_and_never_lists_it(
    net: Network, pool: asyncpg.Pool, stranger: str
) -> None:
    referral = await in_state(net, "accepted")
    org: Org = getattr(net, stranger)
    before = await snapshot(pool)
    r = await net.client.get(f"/v1/referrals/{referral['id']}", headers=org.headers)
    assert_problem(r, 404, "not_found")
    for action, body in BODIES.items():
        r = await step(net, org, referral["id"], action, body)
        assert_problem(r, 404, "not_found")
    for direction in (None, "inbound", "outbound"):
        params = {"direction": direction} if direction else {}
        r = await net.client.get("/v1/referrals", headers=org.headers, params=params)
        assert r.status_code == 200 and r.json()["data"] == [], r.text
    assert_unchanged(before, await snapshot(pool))


async def test_lists_by_direction_and_status_newest_first_in_cursor_pages(net: Network) -> None:
    gp = await prescriber(net)
    first = await send(net)
    second = await in_state(net, "accepted")
    third = await send(net, to_organisation_id=net.other.id)

    async def ids(org: Org, **params: Any) -> list[str]:
        out, after = [], None
        while True:
            query = {**params, "limit": 1, **({"after": after} if after else {})}
            r = await net.client.get("/v1/referrals", headers=org.headers, params=query)
            assert r.status_code == 200, r.text
            body = r.json()
            out += [x["id"] for x in body["data"]]
            if not body["has_more"]:
                return out
            after = body["next_cursor"]

    assert await ids(gp, direction="outbound") == [third["id"], second["id"], first["id"]]
    assert await ids(gp) == [third["id"], second["id"], first["id"]]
    assert await ids(gp, direction="inbound") == []
    assert await ids(net.partner, direction="inbound") == [second["id"], first["id"]]
    assert await ids(net.partner, direction="inbound", status="sent") == [first["id"]]
    assert await ids(net.partner, status="accepted") == [second["id"]]
    assert await ids(net.other) == [third["id"]]
    r = await net.client.get("/v1/referrals", headers=gp.headers, params={"status": "lost"})
    assert_problem(r, 422, "validation_error")


async def test_each_change_is_an_event_seen_by_exactly_the_two_parties(net: Network) -> None:
    gp = await prescriber(net)
    sent = await send(net)
    event = await assert_seen_by_exactly(
        net, sent["id"], "referral.created", {gp.id, net.partner.id}
    )
    assert event["data"] == sent
    accepted = await moved(net, net.partner, sent["id"], "accept")
    closed = await moved(net, gp, sent["id"], "close", {"outcome": "withdrawn"})
    for org_id, org in organisations(net).items():
        seen = await events_about(net.client, org, sent["id"])
        if org_id in (gp.id, net.partner.id):
            assert [e["type"] for e in seen] == [
                "referral.created",
                "referral.updated",
                "referral.updated",
            ]
            assert [e["data"] for e in seen[1:]] == [accepted, closed]
        else:
            assert seen == []


async def test_replaying_a_send_or_a_step_with_its_idempotency_key_changes_nothing_more(
    net: Network, pool: asyncpg.Pool
) -> None:
    gp = await prescriber(net)
    body = {"to_organisation_id": net.partner.id, "person": PERSON, "reason_codes": ["housing"]}
    headers = {**gp.headers, "Idempotency-Key": "send-1"}
    first = await net.client.post("/v1/referrals", headers=headers, json=body)
    assert first.status_code == 201, first.text
    again = await net.client.post("/v1/referrals", headers=headers, json=body)
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert await _referrals(pool) == 1
    other = await net.client.post(
        "/v1/referrals", headers=headers, json={**body, "urgency": "urgent"}
    )
    assert (other.status_code, other.json()["code"]) == (422, "idempotency_key_reused")

    rid = first.json()["id"]
    key = {"Idempotency-Key": "accept-1"}
    a = await step(net, net.partner, rid, "accept", None, **key)
    assert a.status_code == 200, a.text
    members = await pool.fetchval("SELECT count(*) FROM members")
    b = await step(net, net.partner, rid, "accept", None, **key)
    assert b.status_code == 200 and b.headers["idempotent-replayed"] == "true"
    assert b.json() == a.json()
    assert await pool.fetchval("SELECT count(*) FROM members") == members
    # The same key on another referral's accept is another request.
    second = await send(net)
    c = await step(net, net.partner, second["id"], "accept", None, **key)
    assert (c.status_code, c.json()["code"]) == (422, "idempotency_key_reused")
    # Without a key, accepting again is the illegal transition it is.
    d = await step(net, net.partner, rid, "accept")
    assert_problem(d, 409, "illegal_transition")


def _seq_scans(plan: Any) -> list[str]:
    found: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        if node.get("Node Type") == "Seq Scan":
            found.append(node.get("Relation Name", "?"))
        for child in node.get("Plans", []):
            walk(child)

    for entry in json.loads(plan):
        walk(entry["Plan"])
    return found


@pytest.mark.parametrize("direction", ["inbound", "outbound", None])
@pytest.mark.parametrize("status", ["sent", None])
@pytest.mark.parametrize("before", [1000, None])
async def test_every_form_of_the_list_reads_an_index_range(
    pool: asyncpg.Pool, direction: str | None, status: str | None, before: int | None
) -> None:
    sql, args = list_statement("org_x", direction, status, before, 51)
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute("SET LOCAL enable_seqscan = off")
        plan = await conn.fetchval(f"EXPLAIN (FORMAT JSON) {sql}", *args)
    assert _seq_scans(plan) == [], plan
    if direction is not None:  # both directions: a BitmapOr of any two party indexes
        assert f'"Index Name": "referrals_{direction}' in json.dumps(json.loads(plan)), plan
