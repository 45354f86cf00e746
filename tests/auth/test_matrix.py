"""The auth matrix (DESIGN §3): every endpoint of the app against every way a key can be
wrong. 401 for a missing, malformed, unknown or revoked key; 403 for a live key lacking the
scope; 404 for another organisation's private resource. Every refusal is a problem+json
that tells the caller nothing it did not send, and writes nothing.

MATRIX has one row per endpoint, and a test fails when the app has an endpoint without
one: a new endpoint gets its row (how to build a valid request, which scope it needs)."""

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.auth import keys as key_secrets
from app.ids import new_id
from app.models.money import from_hundredths
from app.services import notes, webhooks
from app.services.events import event_id
from tests.api.support import assert_no_leak, assert_problem, assert_unchanged, snapshot
from tests.network import Network, Org
from tests.referrals.support import prescriber

# Public by design: the probes and the API's own documentation.
PUBLIC = {
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/metrics"),  # counts per route template: no organisation, no id
    ("GET", "/docs"),
    ("GET", "/docs/oauth2-redirect"),
    ("GET", "/redoc"),
    ("GET", "/openapi.json"),
    # The Open Referral UK feed: public by design (DESIGN §3: no key, CORS, rate-limited);
    # tests/directory/test_openreferral.py covers it.
    ("GET", "/v1/openreferral"),
    ("GET", "/v1/openreferral/"),
    ("GET", "/v1/openreferral/services"),
    # The public keys venues verify QR tokens with, offline (tests/venues/test_signing.py).
    ("GET", "/.well-known/jwks.json"),
}
# Public too, but a path template (requested literally it would be a 404).
PUBLIC_TEMPLATES = {
    ("GET", "/v1/openreferral/services/{id}"),
    # A report link's page: no key, the unguessable token in the path is the capability
    # (an unknown, expired or revoked one is a 404 page); tests/report_page/ covers it.
    ("GET", "/reports/{token}"),
    # CORS preflights
    ("OPTIONS", "/v1/openreferral"),
    ("OPTIONS", "/v1/openreferral/"),
    ("OPTIONS", "/v1/openreferral/services"),
    ("OPTIONS", "/v1/openreferral/services/{service_id}"),
}

MEMBER_NAME = "Zainab Okonkwo"
MEMBER_REF = "TEN-PRIVATE-0042"
MEMBER_HOURS = "7.25"


@dataclass
class Call:
    method: str
    path: str
    json: Any = None
    params: dict[str, str] | None = None
    csv: bytes | None = None  # a text/csv body instead of JSON (the imports)

    def sent(self) -> set[str]:
        """Every string the caller put in the request: the answer may echo these."""
        out = {part for part in self.path.split("/") if part}
        out |= set((self.params or {}).values())

        def walk(value: Any) -> None:
            if isinstance(value, str):
                out.add(value)
            elif isinstance(value, dict):
                for v in value.values():
                    walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)

        walk(self.json)
        return out

    async def send(self, client: httpx.AsyncClient, authorization: str | None) -> httpx.Response:
        headers = {} if authorization is None else {"Authorization": authorization}
        if self.csv is not None:
            headers["Content-Type"] = "text/csv"
            return await client.request(
                self.method, self.path, content=self.csv, params=self.params, headers=headers
            )
        return await client.request(
            self.method, self.path, json=self.json, params=self.params, headers=headers
        )


@dataclass
class World:
    """What the requests refer to: a real network, or (for requests that must fail before
    any lookup) well-formed ids of nothing."""

    net: Network | None
    cache: dict[str, str] = field(default_factory=dict)

    @property
    def programme_id(self) -> str:
        return self.net.programme_id if self.net else new_id("prg")

    @property
    def partner_id(self) -> str:
        return self.net.partner.id if self.net else new_id("org")

    @property
    def venue_id(self) -> str:
        return self.net.venue.id if self.net else new_id("org")

    async def _once(self, name: str, make: Callable[[Network], Awaitable[str]]) -> str:
        if self.net is None:
            return new_id(name[:3])
        if name not in self.cache:
            self.cache[name] = await make(self.net)
        return self.cache[name]

    async def member(self) -> str:
        """The partner's member, holding 7.25 credits earned from the partner."""

        async def make(net: Network) -> str:
            m = await net.member(display_name=MEMBER_NAME, external_ref=MEMBER_REF)
            r = await net.earn(m["id"], MEMBER_HOURS)
            assert r.status_code == 201, r.text
            self.cache["txn"] = r.json()["id"]
            return m["id"]

        return await self._once("mem", make)

    async def earning(self) -> str:
        """The partner's earning for member()."""
        if self.net is None:
            return new_id("txn")
        await self.member()
        return self.cache["txn"]

    async def code(self) -> str:
        """A redemption code the partner issued for member() (a well-formed unknown one
        when there is no network)."""
        if self.net is None:
            return "K7QM-3XD9P"

        async def make(net: Network) -> str:
            r = await net.client.post(
                f"/v1/members/{await self.member()}/redemption-codes",
                headers=net.partner.headers,
                json={},
            )
            assert r.status_code == 201, r.text
            return r.json()["code"]

        return await self._once("code", make)

    async def redemption(self) -> str:
        """The venue's redemption of 1 credit with member()'s code."""

        async def make(net: Network) -> str:
            r = await net.client.post(
                "/v1/redemptions",
                headers=net.venue.headers,
                json={"code": await self.code(), "credits": 1},
            )
            assert r.status_code == 201, r.text
            return r.json()["id"]

        return await self._once("rdm", make)

    async def batch(self) -> str:
        """A batch of two 1-credit notes the partner issued (its id; its notes' ids and
        serials are cached as note0, serial0, note1, serial1)."""

        async def make(net: Network) -> str:
            r = await net.client.post(
                "/v1/notes", headers=net.partner.headers, json={"count": 2, "denomination": 1}
            )
            assert r.status_code == 201, r.text
            for i, note in enumerate(r.json()["data"]):
                self.cache[f"note{i}"], self.cache[f"serial{i}"] = note["id"], note["serial"]
            return r.json()["id"]

        return await self._once("nbt", make)

    async def note(self, i: int) -> tuple[str, str]:
        """The id and serial of the batch's i-th note (well-formed unknown ones without a
        network)."""
        if self.net is None:
            return new_id("nte"), notes.new_serial()
        await self.batch()
        return self.cache[f"note{i}"], self.cache[f"serial{i}"]

    async def friend(self) -> str:
        """Another of the partner's members."""

        async def make(net: Network) -> str:
            return (await net.member(display_name="Ben Adeyemi"))["id"]

        return await self._once("mem2", make)

    async def listing(self, kind: str) -> str:
        """The venue's offer, or the partner's opportunity."""

        async def make(net: Network) -> str:
            path, org, body = {
                "offer": ("/v1/offers", net.venue, {"credits": "1.5"}),
                "opportunity": ("/v1/opportunities", net.partner, {"commitment": "Mondays"}),
            }[kind]
            body = {"title": f"Matrix {kind}", "category": "swimming", **body}
            r = await net.client.post(path, headers=org.headers, json=body)
            assert r.status_code == 201, r.text
            return r.json()["id"]

        return await self._once("off" if kind == "offer" else "opp", make)

    async def event(self) -> str:
        """The id of the event of the partner's earning for member()."""

        async def make(net: Network) -> str:
            await self.member()
            r = await net.client.get(
                "/v1/events", params={"type": "earning.created"}, headers=net.partner.headers
            )
            assert r.status_code == 200, r.text
            (event,) = r.json()["data"]
            return event["id"]

        if self.net is None:
            return event_id(987654)
        return await self._once("evt", make)

    async def referral(self, status: str) -> str:
        """A referral of someone new from a prescriber to the partner, moved by the partner
        to `status` (`sent`, `accepted` or `first_attended`)."""

        async def make(net: Network) -> str:
            gp = await prescriber(net)
            r = await net.client.post(
                "/v1/referrals",
                headers=gp.headers,
                json={
                    "to_organisation_id": net.partner.id,
                    "person": {"display_name": MEMBER_NAME, "external_ref": "GP-MATRIX-1"},
                    "reason_codes": ["loneliness_isolation"],
                },
            )
            assert r.status_code == 201, r.text
            rid: str = r.json()["id"]
            steps = {"sent": [], "accepted": ["accept"], "first_attended": ["accept", "attended"]}
            for action in steps[status]:
                r = await net.client.post(
                    f"/v1/referrals/{rid}/{action}", headers=net.partner.headers
                )
                assert r.status_code == 200, r.text
            return rid

        return await self._once(f"ref-{status}", make)

    async def spare_key(self) -> str:
        """The id of a live key of the partner's, nobody's current credentials."""

        async def make(net: Network) -> str:
            return (await mint(net, net.partner, ["members:read"]))["id"]

        return await self._once("key", make)

    async def webhook(self) -> str:
        """The partner's webhook endpoint (earnings), on a public address literal."""

        async def make(net: Network) -> str:
            r = await net.client.post(
                "/v1/webhook-endpoints",
                headers=net.partner.headers,
                json={"url": "https://1.1.1.1/hooks", "event_types": ["earning.created"]},
            )
            assert r.status_code == 201, r.text
            return r.json()["id"]

        return await self._once("whe", make)

    async def report_link(self) -> str:
        """The id of a link to the programme's report page, made by the partner."""

        async def make(net: Network) -> str:
            r = await net.client.post(
                f"/v1/programmes/{net.programme_id}/report-links",
                headers=net.partner.headers,
                json={},
            )
            assert r.status_code == 201, r.text
            return r.json()["id"]

        return await self._once("rpl", make)

    async def delivery(self) -> str:
        """A delivery to webhook() of an earning made after it (fanned out, not sent)."""

        async def make(net: Network) -> str:
            hook = await self.webhook()
            assert (await net.earn(await self.member(), "1")).status_code == 201
            async with net.pool.acquire() as db:
                await webhooks.fan_out(db)
            found: str = await net.pool.fetchval(
                "SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 LIMIT 1", hook
            )
            return found

        return await self._once("whd", make)


async def mint(net: Network, org: Org, scopes: list[str]) -> dict[str, Any]:
    r = await net.client.post(
        "/v1/api-keys", headers=org.headers, json={"name": "matrix", "scopes": scopes}
    )
    assert r.status_code == 201, r.text
    return r.json()


async def network_data(pool: asyncpg.Pool) -> set[str]:
    """Everything an error body must not reveal: ids, names, references, card numbers,
    balances."""
    rows = await pool.fetch(
        """SELECT id AS v FROM members UNION ALL SELECT display_name FROM members
           UNION ALL SELECT external_ref FROM members WHERE external_ref IS NOT NULL
           UNION ALL SELECT card_number FROM members
           UNION ALL SELECT id FROM transfers UNION ALL SELECT id FROM api_keys
           UNION ALL SELECT id FROM organisations UNION ALL SELECT name FROM organisations
           UNION ALL SELECT id FROM programmes UNION ALL SELECT name FROM programmes"""
    )
    out = {r["v"] for r in rows}
    out |= {f"{c[:4]} {c[4:8]} {c[8:]}" for c in out if c.isdigit() and len(c) == 12}
    balances = await pool.fetch("SELECT balance FROM accounts WHERE balance <> 0")
    out |= {from_hundredths(abs(r["balance"])) for r in balances}
    return out


Builder = Callable[[World], Awaitable[Call]]


@dataclass(frozen=True)
class Endpoint:
    scope: str | None  # None: any live key will do
    owner: str  # whose resources a valid request touches: "operator", "partner" or "venue"
    build: Builder


async def _me(w: World) -> Call:
    return Call("GET", "/v1/me")


async def _list_keys(w: World) -> Call:
    return Call("GET", "/v1/api-keys")


async def _create_key(w: World) -> Call:
    return Call("POST", "/v1/api-keys", {"name": "rotation", "scopes": ["keys:manage"]})


async def _revoke_key(w: World) -> Call:
    return Call("DELETE", f"/v1/api-keys/{await w.spare_key()}")


async def _create_programme(w: World) -> Call:
    return Call(
        "POST",
        "/v1/programmes",
        {
            "name": "Cardiff & Vale Recovery",
            "place": "Cardiff and the Vale of Glamorgan",
            "focus": "Substance use",
            "starts_on": "2016-04-01",
        },
    )


async def _list_programmes(w: World) -> Call:
    return Call("GET", "/v1/programmes")


async def _get_programme(w: World) -> Call:
    return Call("GET", f"/v1/programmes/{w.programme_id}")


async def _programme_stats(w: World) -> Call:
    return Call("GET", f"/v1/programmes/{w.programme_id}/stats")


async def _network_stats(w: World) -> Call:
    return Call("GET", "/v1/network/stats")


async def _create_organisation(w: World) -> Call:
    return Call(
        "POST",
        "/v1/organisations",
        {"name": "Splott Volunteers", "roles": ["earn_partner"], "programme_ids": [w.programme_id]},
    )


async def _allocate(w: World) -> Call:
    return Call("POST", "/v1/allocations", {"organisation_id": w.partner_id, "credits": 5})


async def _register(w: World) -> Call:
    return Call("POST", "/v1/members", {"display_name": "Ben T.", "programme_id": w.programme_id})


async def _find_members(w: World) -> Call:
    return Call("GET", "/v1/members")


async def _get_member(w: World) -> Call:
    return Call("GET", f"/v1/members/{await w.member()}")


async def _member_transactions(w: World) -> Call:
    return Call("GET", f"/v1/members/{await w.member()}/transactions")


async def _set_pin(w: World) -> Call:
    return Call("PUT", f"/v1/members/{await w.member()}/pin", {"pin": "4071"})


async def _unlock_pin(w: World) -> Call:
    return Call("POST", f"/v1/members/{await w.member()}/pin/unlock")


async def _issue_code(w: World) -> Call:
    return Call("POST", f"/v1/members/{await w.member()}/redemption-codes", {})


async def _validate_code(w: World) -> Call:
    return Call("POST", "/v1/redemptions/validate", {"code": await w.code(), "credits": 1})


async def _redeem_code(w: World) -> Call:
    return Call("POST", "/v1/redemptions", {"code": await w.code(), "credits": 1})


async def _list_redemptions(w: World) -> Call:
    return Call("GET", "/v1/redemptions")


async def _redemption_summary(w: World) -> Call:
    return Call("GET", "/v1/redemptions/summary")


async def _refund(w: World) -> Call:
    return Call("POST", f"/v1/redemptions/{await w.redemption()}/refund", {})


async def _issue_notes(w: World) -> Call:
    return Call("POST", "/v1/notes", {"count": 1, "denomination": 1})


async def _note_sheet(w: World) -> Call:
    return Call("GET", f"/v1/notes/sheets/{await w.batch()}")


async def _redeem_note(w: World) -> Call:
    return Call("POST", "/v1/notes/redeem", {"serial": (await w.note(0))[1]})


async def _deposit_note(w: World) -> Call:
    body = {"serial": (await w.note(1))[1], "member_id": await w.member()}
    return Call("POST", "/v1/notes/deposit", body)


async def _void_note(w: World) -> Call:
    return Call("POST", f"/v1/notes/{(await w.note(0))[0]}/void")


async def _earn(w: World) -> Call:
    return Call("POST", "/v1/earnings", {"member_id": await w.member(), "hours": 1})


async def _spend(w: World) -> Call:
    body = {"member_id": await w.member(), "organisation_id": w.venue_id, "credits": 1}
    return Call("POST", "/v1/spends", body)


async def _gift(w: World) -> Call:
    body = {"from_member_id": await w.member(), "to_member_id": await w.friend(), "credits": 1}
    return Call("POST", "/v1/gifts", body)


async def _reverse(w: World) -> Call:
    path = f"/v1/transactions/{await w.earning()}/reversal"
    return Call("POST", path, {"reason": "hours recorded twice"})


async def _list_transactions(w: World) -> Call:
    return Call("GET", "/v1/transactions")


async def _member_filtered_transactions(w: World) -> Call:
    return Call("GET", "/v1/transactions", params={"member_id": await w.member()})


async def _get_transaction(w: World) -> Call:
    return Call("GET", f"/v1/transactions/{await w.earning()}")


async def _list_events(w: World) -> Call:
    return Call("GET", "/v1/events")


async def _get_event(w: World) -> Call:
    return Call("GET", f"/v1/events/{await w.event()}")


async def _list_webhooks(w: World) -> Call:
    return Call("GET", "/v1/webhook-endpoints")


async def _create_webhook(w: World) -> Call:
    body = {"url": "https://1.1.1.1/hooks", "event_types": ["member.created"]}
    return Call("POST", "/v1/webhook-endpoints", body)


async def _get_webhook(w: World) -> Call:
    return Call("GET", f"/v1/webhook-endpoints/{await w.webhook()}")


async def _change_webhook(w: World) -> Call:
    return Call("PATCH", f"/v1/webhook-endpoints/{await w.webhook()}", {"enabled": False})


async def _delete_webhook(w: World) -> Call:
    return Call("DELETE", f"/v1/webhook-endpoints/{await w.webhook()}")


async def _rotate_webhook_secret(w: World) -> Call:
    return Call("POST", f"/v1/webhook-endpoints/{await w.webhook()}/secret", {})


async def _webhook_deliveries(w: World) -> Call:
    return Call("GET", f"/v1/webhook-endpoints/{await w.webhook()}/deliveries")


async def _retry_webhook_delivery(w: World) -> Call:
    hook, delivery = await w.webhook(), await w.delivery()
    return Call("POST", f"/v1/webhook-endpoints/{hook}/deliveries/{delivery}/retry")


async def _search_organisations(w: World) -> Call:
    return Call("GET", "/v1/organisations", params={"q": "allotments"})


async def _directory_organisation(w: World) -> Call:
    return Call("GET", f"/v1/organisations/{w.partner_id}")


async def _update_profile(w: World) -> Call:
    return Call(
        "PATCH", "/v1/organisations/me", {"address": {"town": "London"}, "categories": ["food"]}
    )


async def _send_referral(w: World) -> Call:
    person = {"display_name": "Ben T.", "external_ref": "GP-0099"}
    body = {"to_organisation_id": w.partner_id, "person": person, "reason_codes": ["housing"]}
    return Call("POST", "/v1/referrals", body)


async def _list_referrals(w: World) -> Call:
    return Call("GET", "/v1/referrals", params={"direction": "inbound"})


async def _get_referral(w: World) -> Call:
    return Call("GET", f"/v1/referrals/{await w.referral('sent')}")


async def _accept_referral(w: World) -> Call:
    return Call("POST", f"/v1/referrals/{await w.referral('sent')}/accept")


async def _decline_referral(w: World) -> Call:
    path = f"/v1/referrals/{await w.referral('sent')}/decline"
    return Call("POST", path, {"reason": "no_capacity"})


async def _referral_attended(w: World) -> Call:
    return Call("POST", f"/v1/referrals/{await w.referral('accepted')}/attended")


async def _close_referral(w: World) -> Call:
    path = f"/v1/referrals/{await w.referral('first_attended')}/close"
    return Call("POST", path, {"outcome": "completed"})


async def _prescriber_referral_stats(w: World) -> Call:
    return Call("GET", "/v1/referrals/stats", params={"from": "2026-01-01"})


async def _programme_referral_stats(w: World) -> Call:
    return Call("GET", f"/v1/programmes/{w.programme_id}/referral-stats")


async def _list_survey_templates(w: World) -> Call:
    return Call("GET", "/v1/survey-templates")


async def _get_survey_template(w: World) -> Call:
    return Call("GET", "/v1/survey-templates/ons4")


async def _create_survey_template(w: World) -> Call:
    question = {"id": "mood", "text": "How has your mood been?", "type": "scale_0_10"}
    return Call("POST", "/v1/survey-templates", {"name": "Mood", "questions": [question]})


async def _record_survey_response(w: World) -> Call:
    body = {
        "template_id": "ons4",
        "member_id": await w.member(),
        "wave": "baseline",
        "answered_on": "2026-11-20",
        "answers": {"life_satisfaction": 7},
    }
    return Call("POST", "/v1/survey-responses", body)


async def _programme_outcomes(w: World) -> Call:
    path = f"/v1/programmes/{w.programme_id}/outcomes"
    return Call("GET", path, params={"template_id": "programme-evaluation"})


async def _create_report_link(w: World) -> Call:
    return Call("POST", f"/v1/programmes/{w.programme_id}/report-links", {"expires_in": 3600})


async def _delete_report_link(w: World) -> Call:
    return Call("DELETE", f"/v1/report-links/{await w.report_link()}")


async def _import_members(w: World) -> Call:
    data = f"display_name,programme_id\r\nBen T.,{w.programme_id}\r\n"
    return Call("POST", "/v1/imports/members", csv=data.encode())


async def _import_earnings(w: World) -> Call:
    await w.member()
    data = f"external_ref,hours,given_on\r\n{MEMBER_REF},1,01/10/2018\r\n"
    return Call("POST", "/v1/imports/earnings", csv=data.encode())


async def _graphql(w: World) -> Call:
    """Any live key reaches /graphql; each field then checks its own scope (a missing one
    is a GraphQL error with code forbidden: tests/graphql/test_auth.py)."""
    return Call("POST", "/graphql", {"query": "{ me { organisation { id } scopes } }"})


def _listing_calls(kind: str, path: str, owner: str, body: dict[str, Any]) -> dict[str, Any]:
    async def search(w: World) -> Call:
        return Call("GET", f"/v1/{path}", params={"category": "swimming"})

    async def create(w: World) -> Call:
        return Call("POST", f"/v1/{path}", {"title": "Pool", "category": "swimming", **body})

    async def get(w: World) -> Call:
        return Call("GET", f"/v1/{path}/{await w.listing(kind)}")

    async def patch(w: World) -> Call:
        return Call("PATCH", f"/v1/{path}/{await w.listing(kind)}", {"capacity": 9})

    async def archive(w: World) -> Call:
        return Call("DELETE", f"/v1/{path}/{await w.listing(kind)}")

    item = f"/v1/{path}/{{listing_id}}"
    return {
        ("GET", f"/v1/{path}"): Endpoint("directory:read", "partner", search),
        ("POST", f"/v1/{path}"): Endpoint("directory:write", owner, create),
        ("GET", item): Endpoint("directory:read", "partner", get),
        ("PATCH", item): Endpoint("directory:write", owner, patch),
        ("DELETE", item): Endpoint("directory:write", owner, archive),
    }


OFFER_CALLS = _listing_calls("offer", "offers", "venue", {"credits": 2})
OPPORTUNITY_CALLS = _listing_calls("opportunity", "opportunities", "partner", {})

MATRIX: dict[tuple[str, str], Endpoint] = {
    ("GET", "/v1/me"): Endpoint(None, "partner", _me),
    ("GET", "/v1/api-keys"): Endpoint("keys:manage", "partner", _list_keys),
    ("POST", "/v1/api-keys"): Endpoint("keys:manage", "partner", _create_key),
    ("DELETE", "/v1/api-keys/{key_id}"): Endpoint("keys:manage", "partner", _revoke_key),
    ("POST", "/v1/programmes"): Endpoint("admin", "operator", _create_programme),
    ("POST", "/v1/organisations"): Endpoint("admin", "operator", _create_organisation),
    ("POST", "/v1/allocations"): Endpoint("admin", "operator", _allocate),
    ("GET", "/v1/programmes"): Endpoint("directory:read", "partner", _list_programmes),
    ("GET", "/v1/programmes/{programme_id}"): Endpoint("directory:read", "partner", _get_programme),
    ("GET", "/v1/programmes/{programme_id}/stats"): Endpoint(
        "reports:read", "partner", _programme_stats
    ),
    # The operator's alone: other organisations get 403 (tests/reports/test_network.py).
    ("GET", "/v1/network/stats"): Endpoint("reports:read", "operator", _network_stats),
    ("POST", "/v1/members"): Endpoint("members:write", "partner", _register),
    ("GET", "/v1/members"): Endpoint("members:read", "partner", _find_members),
    ("GET", "/v1/members/{member_id}"): Endpoint("members:read", "partner", _get_member),
    ("GET", "/v1/members/{member_id}/transactions"): Endpoint(
        "members:read", "partner", _member_transactions
    ),
    ("PUT", "/v1/members/{member_id}/pin"): Endpoint("members:write", "partner", _set_pin),
    ("POST", "/v1/members/{member_id}/pin/unlock"): Endpoint(
        "members:write", "partner", _unlock_pin
    ),
    ("POST", "/v1/members/{member_id}/redemption-codes"): Endpoint(
        "spend:write", "partner", _issue_code
    ),
    ("POST", "/v1/redemptions/validate"): Endpoint("spend:write", "venue", _validate_code),
    ("POST", "/v1/redemptions"): Endpoint("spend:write", "venue", _redeem_code),
    ("GET", "/v1/redemptions"): Endpoint("members:read", "venue", _list_redemptions),
    ("GET", "/v1/redemptions/summary"): Endpoint("members:read", "venue", _redemption_summary),
    ("POST", "/v1/redemptions/{redemption_id}/refund"): Endpoint("spend:write", "venue", _refund),
    ("POST", "/v1/notes"): Endpoint("earn:write", "partner", _issue_notes),
    ("GET", "/v1/notes/sheets/{batch_id}"): Endpoint("earn:write", "partner", _note_sheet),
    ("POST", "/v1/notes/redeem"): Endpoint("spend:write", "venue", _redeem_note),
    ("POST", "/v1/notes/deposit"): Endpoint("members:write", "partner", _deposit_note),
    ("POST", "/v1/notes/{note_id}/void"): Endpoint("earn:write", "partner", _void_note),
    ("POST", "/v1/earnings"): Endpoint("earn:write", "partner", _earn),
    ("POST", "/v1/spends"): Endpoint("spend:write", "partner", _spend),
    ("POST", "/v1/gifts"): Endpoint("gift:write", "partner", _gift),
    # Reversing needs the scope posting the original needed: an earning here.
    ("POST", "/v1/transactions/{transfer_id}/reversal"): Endpoint(
        "earn:write", "partner", _reverse
    ),
    ("GET", "/v1/transactions"): Endpoint("members:read", "partner", _list_transactions),
    ("GET", "/v1/transactions/{transfer_id}"): Endpoint(
        "members:read", "partner", _get_transaction
    ),
    ("GET", "/v1/events"): Endpoint("events:read", "partner", _list_events),
    ("GET", "/v1/events/{event_id}"): Endpoint("events:read", "partner", _get_event),
    # Webhooks (tests/webhooks/): an organisation's own endpoints only.
    ("GET", "/v1/webhook-endpoints"): Endpoint("webhooks:manage", "partner", _list_webhooks),
    ("POST", "/v1/webhook-endpoints"): Endpoint("webhooks:manage", "partner", _create_webhook),
    ("GET", "/v1/webhook-endpoints/{endpoint_id}"): Endpoint(
        "webhooks:manage", "partner", _get_webhook
    ),
    ("PATCH", "/v1/webhook-endpoints/{endpoint_id}"): Endpoint(
        "webhooks:manage", "partner", _change_webhook
    ),
    ("DELETE", "/v1/webhook-endpoints/{endpoint_id}"): Endpoint(
        "webhooks:manage", "partner", _delete_webhook
    ),
    ("POST", "/v1/webhook-endpoints/{endpoint_id}/secret"): Endpoint(
        "webhooks:manage", "partner", _rotate_webhook_secret
    ),
    ("GET", "/v1/webhook-endpoints/{endpoint_id}/deliveries"): Endpoint(
        "webhooks:manage", "partner", _webhook_deliveries
    ),
    ("POST", "/v1/webhook-endpoints/{endpoint_id}/deliveries/{delivery_id}/retry"): Endpoint(
        "webhooks:manage", "partner", _retry_webhook_delivery
    ),
    ("GET", "/v1/organisations"): Endpoint("directory:read", "partner", _search_organisations),
    ("GET", "/v1/organisations/{organisation_id}"): Endpoint(
        "directory:read", "partner", _directory_organisation
    ),
    ("PATCH", "/v1/organisations/me"): Endpoint("directory:write", "partner", _update_profile),
    **OFFER_CALLS,
    **OPPORTUNITY_CALLS,
    # Referrals: the operator may send one (as prescribers do); the receiving partner
    # moves it (tests/referrals/).
    ("POST", "/v1/referrals"): Endpoint("referrals:write", "operator", _send_referral),
    ("GET", "/v1/referrals"): Endpoint("referrals:read", "partner", _list_referrals),
    ("GET", "/v1/referrals/stats"): Endpoint("reports:read", "partner", _prescriber_referral_stats),
    ("GET", "/v1/referrals/{referral_id}"): Endpoint("referrals:read", "partner", _get_referral),
    ("POST", "/v1/referrals/{referral_id}/accept"): Endpoint(
        "referrals:write", "partner", _accept_referral
    ),
    ("POST", "/v1/referrals/{referral_id}/decline"): Endpoint(
        "referrals:write", "partner", _decline_referral
    ),
    ("POST", "/v1/referrals/{referral_id}/attended"): Endpoint(
        "referrals:write", "partner", _referral_attended
    ),
    ("POST", "/v1/referrals/{referral_id}/close"): Endpoint(
        "referrals:write", "partner", _close_referral
    ),
    ("GET", "/v1/programmes/{programme_id}/referral-stats"): Endpoint(
        "reports:read", "partner", _programme_referral_stats
    ),
    # Surveys (tests/surveys/): a programme's outcomes are a report, read with reports:read.
    ("GET", "/v1/survey-templates"): Endpoint("surveys:read", "partner", _list_survey_templates),
    ("GET", "/v1/survey-templates/{template_id}"): Endpoint(
        "surveys:read", "partner", _get_survey_template
    ),
    ("POST", "/v1/survey-templates"): Endpoint("admin", "operator", _create_survey_template),
    ("POST", "/v1/survey-responses"): Endpoint("surveys:write", "partner", _record_survey_response),
    ("GET", "/v1/programmes/{programme_id}/outcomes"): Endpoint(
        "reports:read", "partner", _programme_outcomes
    ),
    # Report links (tests/report_page/): made by the programme's own organisations and the
    # operator, revoked by the organisation that made them (or the operator).
    ("POST", "/v1/programmes/{programme_id}/report-links"): Endpoint(
        "reports:read", "partner", _create_report_link
    ),
    ("DELETE", "/v1/report-links/{link_id}"): Endpoint(
        "reports:read", "partner", _delete_report_link
    ),
    # CSV imports (tests/imports/): the scopes of the single writes they repeat.
    ("POST", "/v1/imports/members"): Endpoint("members:write", "partner", _import_members),
    ("POST", "/v1/imports/earnings"): Endpoint("earn:write", "partner", _import_earnings),
    # GraphQL: the same key dependency as REST; GET (GraphiQL) exists only in development.
    ("POST", "/graphql"): Endpoint(None, "partner", _graphql),
}
ENDPOINTS = sorted(MATRIX)
SCOPED = [e for e in ENDPOINTS if MATRIX[e].scope is not None]
ADMIN = [e for e in ENDPOINTS if MATRIX[e].scope == "admin"]


def _name(endpoint: tuple[str, str]) -> str:
    return f"{endpoint[0]} {endpoint[1]}"


def _owner(net: Network, endpoint: tuple[str, str]) -> Org:
    return getattr(net, MATRIX[endpoint].owner)


def _unrelated_scope(scope: str | None) -> str:
    return "members:read" if scope == "directory:read" else "directory:read"


def _routes(app: FastAPI) -> Iterator[tuple[str, str]]:
    """(method, path) of every endpoint, through included routers; a mount or websocket
    (no methods) counts as ("*", path), so it too needs a row or a place in PUBLIC."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # FastAPI before included routers were kept unflattened
        contexts: Any = app.routes
    else:
        contexts = iter_route_contexts(app.routes)
    for route in contexts:
        methods = getattr(route, "methods", None) or {"*"}
        for method in methods - {"HEAD"}:
            yield method, route.path


def _bearer(secret: str) -> str:
    return f"Bearer {secret}"


def _assert_401(r: httpx.Response) -> None:
    assert_problem(r, 401, "unauthenticated")
    assert r.headers.get("www-authenticate", "").split()[0] == "Bearer", r.headers


async def test_every_endpoint_of_the_app_has_a_row_in_the_auth_matrix(app: FastAPI) -> None:
    routes = set(_routes(app))
    missing = sorted(routes - PUBLIC - PUBLIC_TEMPLATES - set(MATRIX))
    assert not missing, f"endpoints without an auth matrix row in {__file__}: {missing}"
    stale = sorted(set(MATRIX) - routes)
    assert not stale, f"auth matrix rows for endpoints the app no longer has: {stale}"


async def test_the_public_ops_endpoints_answer_without_a_key(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    for method, path in sorted(PUBLIC & set(_routes(app))):
        r = await client.request(method, path)
        assert r.status_code == 200, f"{method} {path}: {r.status_code}"


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=_name)
async def test_a_key_holding_only_the_scope_an_endpoint_needs_is_let_through(
    net: Network, endpoint: tuple[str, str]
) -> None:
    spec = MATRIX[endpoint]
    call = await spec.build(World(net))
    scopes = [spec.scope] if spec.scope else [_unrelated_scope(None)]
    key = await mint(net, _owner(net, endpoint), scopes)
    r = await call.send(net.client, _bearer(key["secret"]))
    assert r.is_success, f"{_name(endpoint)} with a {scopes} key: {r.status_code} {r.text}"


AUTHORIZATIONS = {
    "no header": None,
    "bearer nope": "Bearer nope",
    "basic scheme": "Basic dGNfbGl2ZTpzZWNyZXQ=",
    "wrong length": "Bearer tc_live_" + "a" * 42,
    "unknown well-formed key": _bearer(key_secrets.generate()),
}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=_name)
async def test_a_missing_malformed_or_unknown_key_gets_401(
    client: httpx.AsyncClient,
    pool: asyncpg.Pool,
    subtests: pytest.Subtests,
    endpoint: tuple[str, str],
) -> None:
    call = await MATRIX[endpoint].build(World(None))
    before = await snapshot(pool)
    for form, authorization in AUTHORIZATIONS.items():
        with subtests.test(msg=form):
            _assert_401(await call.send(client, authorization))
    assert_unchanged(before, await snapshot(pool))


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=_name)
async def test_a_revoked_key_gets_401_on_its_next_request(
    net: Network, pool: asyncpg.Pool, endpoint: tuple[str, str]
) -> None:
    spec = MATRIX[endpoint]
    owner = _owner(net, endpoint)
    call = await spec.build(World(net))
    key = await mint(net, owner, [spec.scope or _unrelated_scope(None)])
    r = await net.client.delete(f"/v1/api-keys/{key['id']}", headers=owner.headers)
    assert r.status_code == 204, r.text
    before = await snapshot(pool)
    r = await call.send(net.client, _bearer(key["secret"]))
    _assert_401(r)
    assert_no_leak(r, await network_data(pool), call.sent())
    assert_unchanged(before, await snapshot(pool))


@pytest.mark.parametrize("endpoint", SCOPED, ids=_name)
async def test_a_key_lacking_the_scope_gets_403(
    net: Network, pool: asyncpg.Pool, endpoint: tuple[str, str]
) -> None:
    spec = MATRIX[endpoint]
    call = await spec.build(World(net))
    key = await mint(net, _owner(net, endpoint), [_unrelated_scope(spec.scope)])
    before = await snapshot(pool)
    r = await call.send(net.client, _bearer(key["secret"]))
    assert_problem(r, 403, "forbidden")
    assert_no_leak(r, await network_data(pool), call.sent())
    assert_unchanged(before, await snapshot(pool))


@pytest.mark.parametrize("holder", ["partner", "venue"])
@pytest.mark.parametrize("endpoint", ADMIN, ids=_name)
async def test_an_admin_endpoint_refuses_a_non_operator_key_with_403(
    net: Network, pool: asyncpg.Pool, endpoint: tuple[str, str], holder: str
) -> None:
    org: Org = getattr(net, holder)  # its first key: every scope its roles allow
    call = await MATRIX[endpoint].build(World(net))
    before = await snapshot(pool)
    r = await call.send(net.client, _bearer(org.key))
    assert_problem(r, 403, "forbidden")
    assert_no_leak(r, await network_data(pool), call.sent())
    assert_unchanged(before, await snapshot(pool))


# Another organisation's private resources, each asked for by an organisation holding the
# right scope but no relationship with the partner's member: 404, never a confirmation.
CROSS_ORG: dict[str, Builder] = {
    "read a member": _get_member,
    "read a member's transactions": _member_transactions,
    "set a member's PIN": _set_pin,
    "unlock a member's card": _unlock_pin,
    "issue a member's redemption code": _issue_code,
    "refund another venue's redemption": _refund,
    "void another organisation's note": _void_note,
    "print another organisation's notes": _note_sheet,
    "deposit a note into another organisation's member": _deposit_note,
    "list transactions filtered to a member": _member_filtered_transactions,
    "read a transaction": _get_transaction,
    "read an event": _get_event,
    "read a webhook endpoint": _get_webhook,
    "change a webhook endpoint": _change_webhook,
    "delete a webhook endpoint": _delete_webhook,
    "rotate a webhook endpoint's secret": _rotate_webhook_secret,
    "read a webhook endpoint's deliveries": _webhook_deliveries,
    "retry a webhook delivery": _retry_webhook_delivery,
    "reverse a transaction": _reverse,
    "revoke a key": _revoke_key,
    "spend a member's credits": _spend,
    "gift a member's credits": _gift,
    "credit a member by id": _earn,
    "change an opportunity": OPPORTUNITY_CALLS[("PATCH", "/v1/opportunities/{listing_id}")].build,
    "archive an opportunity": OPPORTUNITY_CALLS[("DELETE", "/v1/opportunities/{listing_id}")].build,
    "change an offer": OFFER_CALLS[("PATCH", "/v1/offers/{listing_id}")].build,
    "archive an offer": OFFER_CALLS[("DELETE", "/v1/offers/{listing_id}")].build,
    "read a referral": _get_referral,
    "accept a referral": _accept_referral,
    "decline a referral": _decline_referral,
    "report attendance on a referral": _referral_attended,
    "close a referral": _close_referral,
    "record a survey response for another organisation's member": _record_survey_response,
    "revoke another organisation's report link": _delete_report_link,
}
CROSS_ORG_CASES = [
    (case, stranger)
    for case in CROSS_ORG
    for stranger in ("other", "venue")
    if not (stranger == "venue" and case == "credit a member by id")  # venues can't earn
    and not (stranger == "venue" and "offer" in case)  # the venue owns the offer
    and not (stranger == "venue" and case.startswith("refund"))  # and the redemption
    and not (stranger == "venue" and "another organisation's note" in case)  # no earn:write
]


@pytest.mark.parametrize(
    ("case", "stranger"), CROSS_ORG_CASES, ids=[f"{s} tries to {c}" for c, s in CROSS_ORG_CASES]
)
async def test_another_organisations_private_resource_is_a_404(
    net: Network, pool: asyncpg.Pool, case: str, stranger: str
) -> None:
    call = await CROSS_ORG[case](World(net))
    before = await snapshot(pool)
    r = await call.send(net.client, _bearer(getattr(net, stranger).key))
    assert_problem(r, 404, "not_found")
    assert_no_leak(r, await network_data(pool), call.sent())
    assert_unchanged(before, await snapshot(pool))


async def test_a_401_asks_for_a_bearer_key(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/me")
    _assert_401(r)
    assert r.headers["www-authenticate"] == "Bearer"


async def test_using_a_key_sets_its_last_used_at(net: Network) -> None:
    key = await mint(net, net.partner, ["members:read"])
    assert key["last_used_at"] is None
    r = await net.client.get("/v1/me", headers={"Authorization": _bearer(key["secret"])})
    assert r.status_code == 200, r.text
    r = await net.client.get("/v1/api-keys", headers=net.partner.headers)
    listed = {k["id"]: k for k in r.json()["data"]}
    assert listed[key["id"]]["last_used_at"] is not None
    assert listed[key["id"]]["last_used_at"] >= key["created_at"]


async def test_a_revoked_key_stays_listed_with_its_revoked_at(net: Network) -> None:
    key = await mint(net, net.partner, ["members:read"])
    r = await net.client.delete(f"/v1/api-keys/{key['id']}", headers=net.partner.headers)
    assert r.status_code == 204, r.text
    r = await net.client.get("/v1/api-keys", headers=net.partner.headers)
    listed = {k["id"]: k for k in r.json()["data"]}
    assert listed[key["id"]]["revoked_at"] is not None
    live = [k for k in listed.values() if k["id"] != key["id"]]
    assert live and all(k["revoked_at"] is None for k in live)


async def test_keys_manage_cannot_mint_a_scope_its_own_key_lacks(
    net: Network, pool: asyncpg.Pool
) -> None:
    manager = await mint(net, net.partner, ["keys:manage", "members:read"])
    headers = {"Authorization": _bearer(manager["secret"])}
    before = await snapshot(pool)
    for scopes in (["earn:write"], ["members:read", "spend:write"]):
        r = await net.client.post(
            "/v1/api-keys", headers=headers, json={"name": "escalation", "scopes": scopes}
        )
        assert_problem(r, 403, "forbidden")
    assert_unchanged(before, await snapshot(pool))
    r = await net.client.post(
        "/v1/api-keys", headers=headers, json={"name": "narrower", "scopes": ["members:read"]}
    )
    assert r.status_code == 201, r.text


@pytest.mark.parametrize("holder", ["partner", "venue"])
async def test_admin_cannot_be_granted_to_a_non_operator(
    net: Network, pool: asyncpg.Pool, holder: str
) -> None:
    org: Org = getattr(net, holder)
    before = await snapshot(pool)
    r = await net.client.post(
        "/v1/api-keys", headers=org.headers, json={"name": "root", "scopes": ["admin"]}
    )
    assert_problem(r, 403, "forbidden")
    assert_unchanged(before, await snapshot(pool))


async def test_the_operator_can_mint_an_admin_key_and_it_works(net: Network) -> None:
    key = await mint(net, net.operator, ["admin"])
    call = await _create_programme(World(net))
    r = await call.send(net.client, _bearer(key["secret"]))
    assert r.status_code == 201, r.text
