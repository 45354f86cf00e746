"""Helpers for the report page's tests: a programme with enough activity and answers to
show, report links made through the API, and the page fetched by its URL."""

from decimal import Decimal
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import httpx

from tests.network import Network, Org
from tests.surveys.support import respond

PEOPLE = 12  # above the suppression threshold (10)
HOURS = "3.75"  # each person's hours: 45 in all
SPENT = "1.25"  # each spender's spend
SPENDERS = 11
# The evaluation's follow-up: quality_of_life 8 of 12 positive (67%), new_friends 9 of 12
# (75%, "a little" excluded), peer_support answered by 3 only (suppressed).
QUALITY = ["a_lot"] * 5 + ["to_some_extent"] * 3 + ["a_little"] * 3 + ["not_at_all"]
FRIENDS = ["a_lot"] * 2 + ["to_some_extent"] * 7 + ["a_little"] * 3
GAVE_BEFORE = ["never"] * 4 + ["rarely"] * 3 + ["sometimes"] * 3 + ["often"] * 2  # 7/12: 58%
# ONS4 life satisfaction at baseline, 12 people (mean 5.25); follow-up only 4 (suppressed).
LIFE_BASELINE = [3, 4, 5, 6, 7, 5, 4, 6, 5, 6, 7, 5]


async def busy_programme(net: Network) -> list[str]:
    """PEOPLE members of the partner, each crediting HOURS; SPENDERS spend SPENT at the
    venue; everyone answers the evaluation's follow-up and ONS4's baseline, four of them
    the ONS4 follow-up. Returns the members' ids."""
    ids = []
    for i in range(PEOPLE):
        m = await net.member(display_name=f"Member {i}")
        ids.append(m["id"])
        r = await net.earn(m["id"], HOURS)
        assert r.status_code == 201, r.text
        if i < SPENDERS:
            r = await net.client.post(
                "/v1/spends",
                headers=net.partner.headers,
                json={"member_id": m["id"], "organisation_id": net.venue.id, "credits": SPENT},
            )
            assert r.status_code == 201, r.text
        answers: dict[str, Any] = {
            "quality_of_life": QUALITY[i],
            "new_friends": FRIENDS[i],
            "gave_time_before": GAVE_BEFORE[i],
        }
        if i < 3:
            answers["peer_support"] = "a_lot"
        r = await respond(net, answers, member_id=m["id"])
        assert r.status_code == 201, r.text
        r = await respond(
            net,
            {"life_satisfaction": LIFE_BASELINE[i]},
            template_id="ons4",
            wave="baseline",
            member_id=m["id"],
        )
        assert r.status_code == 201, r.text
        if i < 4:
            r = await respond(net, {"life_satisfaction": 8}, template_id="ons4", member_id=m["id"])
            assert r.status_code == 201, r.text
    return ids


async def make_link(net: Network, org: Org | None = None, **body: Any) -> httpx.Response:
    return await net.client.post(
        f"/v1/programmes/{net.programme_id}/report-links",
        headers=(org or net.partner).headers,
        json=body,
    )


async def new_link(net: Network, org: Org | None = None, **body: Any) -> dict[str, Any]:
    r = await make_link(net, org, **body)
    assert r.status_code == 201, r.text
    return r.json()


async def open_page(net: Network, url: str, **params: str) -> httpx.Response:
    """The page at a link's URL, without any key."""
    return await net.client.get(urlsplit(url).path, params=params)


def shown(amount: str) -> str:
    """Credits as the page prints them: 1,234 when whole, else 1,234.50."""
    d = Decimal(amount)
    return f"{d:,.0f}" if d == d.to_integral_value() else f"{d:,.2f}"


async def link_rows(net: Network) -> tuple[int, int]:
    """(report links, their events): what a refused request must leave alone."""
    row = await net.pool.fetchrow(
        """SELECT (SELECT count(*) FROM report_links) AS l,
                  (SELECT count(*) FROM events WHERE type LIKE 'report_link.%') AS e"""
    )
    return row["l"], row["e"]


async def stranger(net: Network) -> Org:
    """An earn partner of another programme: no relationship with net's programme."""
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


class Page(HTMLParser):
    """A report page read as a person reads it: the text of each element with an id, and
    each table's rows as lists of cell texts."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.text_by_id: dict[str, str] = {}
        self.tables: dict[str, list[list[str]]] = {}
        self._open: list[tuple[str, str | None]] = []  # (tag, id)
        self._texts: dict[str, list[str]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "input", "link", "br", "rect", "line"):
            return
        ident = dict(attrs).get("id")
        self._open.append((tag, ident))
        if ident:
            self._texts[ident] = []
        if tag == "table":
            self._table = ident
            self.tables[ident or ""] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "table":
            self._table = None
        while self._open:
            open_tag, ident = self._open.pop()
            if ident:
                self.text_by_id[ident] = " ".join("".join(self._texts.pop(ident)).split())
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, ident in self._open:
            if ident:
                self._texts[ident].append(data)
        if self._cell is not None:
            self._cell.append(data)

    def rows(self, table_id: str) -> dict[str, list[str]]:
        """A table's body rows by their first cell (header row left out)."""
        return {row[0]: row[1:] for row in self.tables[table_id][1:]}
