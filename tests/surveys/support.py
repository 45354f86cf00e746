"""Helpers for the survey tests: recording responses through the API, counting rows."""

from datetime import date, timedelta
from typing import Any

import httpx

from tests.network import Network, Org

YESTERDAY = (date.today() - timedelta(days=1)).isoformat()


async def respond(
    net: Network,
    answers: dict[str, Any],
    *,
    template_id: str = "programme-evaluation",
    member_id: str | None = None,
    wave: str = "follow_up",
    answered_on: str = YESTERDAY,
    by: Org | None = None,
    **extra: Any,
) -> httpx.Response:
    body: dict[str, Any] = {
        "template_id": template_id,
        "wave": wave,
        "answered_on": answered_on,
        "answers": answers,
        **extra,
    }
    if member_id is not None:
        body["member_id"] = member_id
    return await net.client.post(
        "/v1/survey-responses", headers=(by or net.partner).headers, json=body
    )


async def recorded(
    net: Network, answers: dict[str, Any], *, home: Org | None = None, **kw: Any
) -> dict[str, Any]:
    """A new member of `home` (the partner) answering; the response."""
    member = await net.member(home)
    r = await respond(net, answers, member_id=member["id"], by=home, **kw)
    assert r.status_code == 201, r.text
    return r.json()


async def outcomes(net: Network, org: Org | None = None, **params: str) -> httpx.Response:
    params.setdefault("template_id", "programme-evaluation")
    return await net.client.get(
        f"/v1/programmes/{net.programme_id}/outcomes",
        params=params,
        headers=(org or net.partner).headers,
    )


async def counts(net: Network) -> tuple[int, int, int]:
    """(responses, survey events, rollup rows): what a refused write must leave alone."""
    row = await net.pool.fetchrow(
        """SELECT (SELECT count(*) FROM survey_responses) AS r,
                  (SELECT count(*) FROM events WHERE type = 'survey_response.created') AS e,
                  (SELECT count(*) FROM survey_answer_counts) AS c"""
    )
    return row["r"], row["e"], row["c"]
