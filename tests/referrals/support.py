"""A prescriber beside the test network, and referrals sent through the API."""

from typing import Any

import httpx

from tests.network import Network, Org

PERSON = {
    "display_name": "Megan J.",
    "external_ref": "GP-SP-2231",
    "year_of_birth": 1958,
    "postcode_district": "n17",
    "consent_contact": True,
}


async def prescriber(net: Network) -> Org:
    """A GP cluster's social prescribing service in the network's programme (made once per
    network; listed in net.extra["orgs"] so the events helpers know it)."""
    if "prescriber" not in net.extra:
        org = await net.organisation("Tottenham GP Cluster Social Prescribing", ["prescriber"])
        net.extra["prescriber"] = org
        net.extra.setdefault("orgs", []).append(org)
    org: Org = net.extra["prescriber"]
    return org


async def send(
    net: Network, by: Org | None = None, expect: int = 201, **fields: Any
) -> dict[str, Any]:
    """A referral of someone new to the partner (fields override the body)."""
    by = by or await prescriber(net)
    body: dict[str, Any] = {
        "to_organisation_id": net.partner.id,
        "person": PERSON,
        "reason_codes": ["loneliness_isolation"],
        **fields,
    }
    body = {k: v for k, v in body.items() if v is not None}
    r = await net.client.post("/v1/referrals", headers=by.headers, json=body)
    assert r.status_code == expect, r.text
    return r.json()


async def step(
    net: Network, org: Org, referral_id: str, action: str, body: Any = None, **headers: str
) -> httpx.Response:
    return await net.client.post(
        f"/v1/referrals/{referral_id}/{action}",
        headers={**org.headers, **headers},
        json=body,
    )


async def moved(net: Network, org: Org, referral_id: str, action: str, body: Any = None) -> dict:
    r = await step(net, org, referral_id, action, body)
    assert r.status_code == 200, r.text
    return r.json()
