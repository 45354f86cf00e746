"""The impact report page: its figures are the stats and outcomes endpoints' figures for the
same period, small numbers read "fewer than 10" and never appear, a bad period is an HTML
422 that writes nothing, and the page loads nothing and runs no script (issue 17)."""

import base64
import hashlib
import re
from datetime import date, timedelta
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from fastapi import FastAPI

from app.services.impact import STATEMENTS
from tests.api.support import snapshot
from tests.network import Network
from tests.report_page.support import (
    Page,
    busy_programme,
    link_rows,
    new_link,
    open_page,
    shown,
)
from tests.reports.support import min_cell
from tests.surveys.support import outcomes, respond

TODAY = date.today()
PERIODS: dict[str, dict[str, str]] = {
    "whole programme": {},
    "yesterday and today": {
        "from": (TODAY - timedelta(days=1)).isoformat(),
        "to": TODAY.isoformat(),
    },
    "from tomorrow": {"from": (TODAY + timedelta(days=1)).isoformat()},
    "empty fields": {"from": "", "to": ""},  # the page's own form, left blank
}


def visible(html: str) -> str:
    """The page's text as read: no stylesheet, no tags, entities as written."""
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _count(value: int) -> str:
    return f"{value:,}"


async def _json(net: Network, path: str, **params: str) -> dict[str, Any]:
    r = await net.client.get(
        f"/v1/programmes/{net.programme_id}/{path}", params=params, headers=net.partner.headers
    )
    assert r.status_code == 200, r.text
    return r.json()


async def _outcomes(net: Network, template_id: str, wave: str, **params: str) -> dict[str, Any]:
    r = await outcomes(net, template_id=template_id, wave=wave, **params)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize("period", PERIODS, ids=list(PERIODS))
async def test_the_pages_figures_are_the_json_endpoints_figures(net: Network, period: str) -> None:
    await busy_programme(net)
    link = await new_link(net)
    params = {k: v for k, v in PERIODS[period].items() if v}
    stats = await _json(net, "stats", **params)
    evaluation = await _outcomes(net, "programme-evaluation", "follow_up", **params)
    ons = {w: await _outcomes(net, "ons4", w, **params) for w in ("baseline", "follow_up")}
    r = await open_page(net, link["url"], **PERIODS[period])
    assert r.status_code == 200, r.text[:500]
    page = Page(r.text)

    def figure(key: str) -> str:
        return page.text_by_id[f"figure-{key}"]

    assert figure("people_earned") == f"{_count(stats['people_earned'])} people earned Time Credits"
    assert figure("hours_given").startswith(f"{shown(stats['hours_given'])} hours given")
    assert figure("credits_earned").startswith(f"{shown(stats['credits_earned'])} Time Credits")
    assert figure("credits_spent").startswith(f"{shown(stats['credits_spent'])} Time Credits")
    assert figure("organisations_earning").startswith(f"{stats['organisations_earning']} org")
    assert figure("organisations_spending").startswith(f"{stats['organisations_spending']} ven")
    share = stats["people_never_or_rarely_gave_before"]
    if share["n"]:
        assert figure("people_never_or_rarely_gave_before").startswith(f"{share['percent']}% ")
        assert f"Of the {share['n']} people who answered" in figure(
            "people_never_or_rarely_gave_before"
        )
    else:
        assert "No one answered" in figure("people_never_or_rarely_gave_before")

    if stats["monthly"]:
        months = page.rows("monthly-table")
        assert len(months) == len(stats["monthly"])
        for m in stats["monthly"]:
            label = date.fromisoformat(m["month"] + "-01").strftime("%b %Y")
            assert months[label] == [
                _count(m["people_earned"]),
                shown(m["credits_earned"]),
                _count(m["people_spent"]),
                shown(m["credits_spent"]),
            ]
    else:
        assert "monthly-table" not in page.tables
        assert "No Time Credits were earned or spent in this period." in visible(r.text)

    if evaluation["respondents"]:
        statements = page.rows("outcomes-table")
        answered = [q for q in evaluation["questions"] if q["type"] == "agreement" and q["n"]]
        suppressed = [q for q in evaluation["questions"] if q["suppressed"]]
        assert len(statements) == len(answered) + len(suppressed)
        for q in answered:
            assert statements[STATEMENTS[q["id"]]] == [_count(q["n"]), f"{q['percent_positive']}%"]
        for q in suppressed:
            assert statements[STATEMENTS[q["id"]]] == ["fewer than 10", "not shown"]
        assert f"{evaluation['respondents']} people answered" in visible(r.text)
    else:
        assert "outcomes-table" not in page.tables

    wellbeing = page.rows("wellbeing-table")
    labels = {"life_satisfaction": "Life satisfaction", "happiness": "Happiness yesterday"}
    for qid, label in labels.items():
        cells = []
        for wave in ("baseline", "follow_up"):
            (q,) = [q for q in ons[wave]["questions"] if q["id"] == qid]
            if q["suppressed"]:
                cells += ["not shown", "fewer than 10"]
            elif not q["n"]:
                cells += ["–", "0"]
            else:
                cells += [f"{q['mean']:.2f}", _count(q["n"])]
        assert wellbeing[label] == cells


async def test_the_busy_programmes_page_says_what_the_seeds_reports_say(net: Network) -> None:
    """The figures themselves, worked out by hand from support.busy_programme."""
    await busy_programme(net)
    link = await new_link(net)
    r = await open_page(net, link["url"])
    text = visible(r.text)
    for phrase in (
        "12 people earned Time Credits",
        "45 hours given to the community",
        "45 Time Credits earned",
        "13.75 Time Credits spent",
        "58% never or rarely gave time before earning Time Credits",
        "1 organisation thanked people with Time Credits",
        "1 venue welcomed people spending Time Credits",
        "report improved quality of life 12 67%",
        "have developed new friends and acquaintances 12 75%",
        "have used Time Credits to provide peer support for others fewer than 10 not shown",
        "Life satisfaction 5.25 12 not shown fewer than 10",
    ):
        assert phrase in text, phrase
    assert "8.00" not in text  # the four follow-up answers' mean


async def test_figures_from_fewer_than_10_people_read_fewer_than_10_and_never_a_number(
    net: Network,
) -> None:
    for i in range(3):
        m = await net.member(display_name=f"Few {i}")
        assert (await net.earn(m["id"], "7.25")).status_code == 201
        r = await net.client.post(
            "/v1/spends",
            headers=net.partner.headers,
            json={"member_id": m["id"], "organisation_id": net.venue.id, "credits": "1.75"},
        )
        assert r.status_code == 201, r.text
        r = await respond(
            net, {"quality_of_life": "a_lot", "gave_time_before": "never"}, member_id=m["id"]
        )
        assert r.status_code == 201, r.text
    stats = await _json(net, "stats")
    assert stats["people_earned"] is None and "credits_earned" in stats["suppressed"]
    link = await new_link(net)
    r = await open_page(net, link["url"])
    assert r.status_code == 200, r.text[:300]
    page, text = Page(r.text), visible(r.text)
    assert page.text_by_id["figure-people_earned"] == "fewer than 10 people earned Time Credits"
    for key in ("hours_given", "credits_earned", "credits_spent"):
        assert page.text_by_id[f"figure-{key}"].startswith("not shown"), key
        assert "From fewer than 10 people" in page.text_by_id[f"figure-{key}"]
    assert page.text_by_id["figure-people_never_or_rarely_gave_before"].startswith("not shown")
    assert "No month in this period has figures that can be charted" in text
    assert "activity-chart" not in r.text  # an empty plot says nothing: the table does
    (month,) = page.rows("monthly-table").values()
    assert month == ["fewer than 10", "not shown", "fewer than 10", "not shown"]
    assert "fewer than 10 people answered in this period, too few to show results" in text
    # The suppressed numbers appear nowhere: not in the text, not in the charts' markup.
    for number in ("21.75", "21.8", "7.25", "5.25", "5.3", "1.75", "3 people"):
        assert number not in r.text, number
    assert "100%" not in text  # the share positive of the three who answered
    assert not re.search(r">\s*3\s*<", r.text)
    # The organisations are not people: their counts are shown.
    assert page.text_by_id["figure-organisations_earning"].startswith("1 ")


async def test_the_threshold_is_the_networks_setting(net: Network, app: FastAPI) -> None:
    await busy_programme(net)
    link = await new_link(net)
    with min_cell(app, 13):
        r = await open_page(net, link["url"])
    page = Page(r.text)
    assert page.text_by_id["figure-people_earned"] == "fewer than 13 people earned Time Credits"
    assert "45" not in visible(r.text)
    assert "fewer than 13 people" in r.text


@pytest.mark.parametrize(
    "params",
    [
        {"from": "01/10/2018"},
        {"to": "2026-02-30"},
        {"from": "2026-11-23T00:00:00Z"},
        {"from": "1763856000"},
        {"from": "2026-12-06", "to": "2026-12-01"},
        {"from": "2026-12-01\x00"},
    ],
    ids=repr,
)
async def test_a_bad_period_is_an_html_422_that_writes_nothing(
    net: Network, params: dict[str, str]
) -> None:
    link = await new_link(net)
    before, rows = await snapshot(net.pool), await link_rows(net)
    r = await open_page(net, link["url"], **params)
    assert r.status_code == 422, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert "Check the dates" in r.text
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    assert await snapshot(net.pool) == before and await link_rows(net) == rows


async def test_the_bad_period_pages_way_back_works_under_a_path_prefix(net: Network) -> None:
    """The service may be served under a prefix (TIMECREDITS_PUBLIC_BASE_URL ending in
    /api): the 422 page's link back to the whole programme stays on the page's own path."""
    link = await new_link(net)
    token = urlsplit(link["url"]).path.rsplit("/", 1)[1]
    r = await open_page(net, link["url"], **{"from": "2026-02-30"})
    assert r.status_code == 422, r.text[:300]
    (href,) = re.findall(r'<a href="([^"]*)">Show the report for the whole programme', r.text)
    page = f"https://reports.example/api/reports/{token}?from=2026-02-30"
    back = urlsplit(urljoin(page, href))
    assert (back.netloc, back.path) == ("reports.example", f"/api/reports/{token}")
    assert parse_qs(back.query) == {}  # no period: the whole programme


async def test_a_bad_period_on_a_dead_link_is_still_the_404_page(net: Network) -> None:
    r = await net.client.get("/reports/" + "A" * 43, params={"from": "nonsense"})
    assert r.status_code == 404 and "This report link does not work" in r.text


def _csp(header: str) -> dict[str, list[str]]:
    out = {}
    for directive in header.split(";"):
        name, *values = directive.split()
        out[name] = values
    return out


@pytest.mark.parametrize("which", ["live", "unknown", "bad period"])
async def test_the_page_loads_nothing_runs_no_script_and_leaves_no_trace(
    net: Network, which: str
) -> None:
    await busy_programme(net)
    link = await new_link(net)
    url = {
        "live": link["url"],
        "unknown": "http://testserver/reports/" + "B" * 43,
        "bad period": link["url"] + "?to=yesterday",
    }[which]
    r = await open_page(net, url, **({"to": "yesterday"} if which == "bad period" else {}))
    assert r.status_code == {"live": 200, "unknown": 404, "bad period": 422}[which]
    h = r.headers
    assert h["referrer-policy"] == "no-referrer"
    assert h["x-robots-tag"] == "noindex, nofollow"
    assert h["cache-control"] == "no-store"
    assert h["x-content-type-options"] == "nosniff"
    csp = _csp(h["content-security-policy"])
    assert csp["default-src"] == ["'none'"]
    assert "script-src" not in csp  # default-src 'none': no script at all
    assert csp["frame-ancestors"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    (style,) = re.findall(r"<style>(.*?)</style>", r.text, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert csp["style-src"] == [f"'sha256-{digest}'"]  # the inline stylesheet and no other
    html = r.text
    assert "<script" not in html.lower()
    assert " style=" not in html  # inline style attributes would be blocked
    assert not re.search(r"""(src|href|action)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html  # no font or image fetched by CSS
    assert '<html lang="en-GB">' in html


async def test_the_page_is_structured_for_screen_readers_and_print(net: Network) -> None:
    await busy_programme(net)
    r = await open_page(net, (await new_link(net))["url"])
    html = r.text
    assert html.count("<h1") == 1
    assert re.findall(r"<h2 id=\"(\w+)\"", html) == [
        "glance",
        "activity",
        "outcomes",
        "wellbeing",
        "about",
    ]
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, flags=re.S)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg
        title_id, desc_id = re.search(r'aria-labelledby="([\w-]+) ([\w-]+)"', svg).groups()  # type: ignore[union-attr]
        assert f'<title id="{title_id}">' in svg and f'<desc id="{desc_id}">' in svg
    # Every chart's figure is followed by the table of the same figures.
    for chart, table in (("activity-chart", "monthly-table"), ("outcomes-chart", "outcomes-table")):
        after = html[html.index(f'aria-labelledby="{chart}-title') :]
        assert after.index("</figure>") < after.index(f'<table id="{table}"')
        assert after.index(f'<table id="{table}"') < after.index("<h2")
    css = re.search(r"<style>(.*?)</style>", html, flags=re.S).group(1)  # type: ignore[union-attr]
    assert "@page { size: A4" in css and "@media print" in css
    assert "break-inside: avoid" in css


async def test_what_partners_write_is_escaped(net: Network) -> None:
    await net.pool.execute(
        "UPDATE programmes SET name = $1 WHERE id = $2",
        'Haringey <script>alert("x")</script> & <b>Co</b>',
        net.programme_id,
    )
    r = await open_page(net, (await new_link(net))["url"])
    assert r.status_code == 200
    assert "<script" not in r.text and "<b>" not in r.text
    assert (
        "Haringey &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;"
        in r.text
    )
