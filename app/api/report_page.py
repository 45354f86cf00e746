"""GET /reports/{token}: a programme's impact report page, for whoever holds a report link
(app/api/report_links.py). No API key: the unguessable token is the capability, and an
expired, revoked, unknown or malformed one is the same 404 page.

Server-rendered HTML (Jinja2, autoescaped; app/templates/) with the charts drawn by the
server as inline SVG (app/services/svg_charts.py): readable without JavaScript, printable
to an A4 PDF. The figures are app/services/impact.py's. The page loads nothing: its one
stylesheet is inline, allowed by its hash in a Content-Security-Policy that allows nothing
else (no script at all), and it is never cached, indexed or named in a Referer."""

import base64
import hashlib
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import asyncpg
from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from app.api.deps import Connection
from app.models.dates import parse_day
from app.services import impact, report_links, svg_charts
from app.services.errors import InvalidInput, NotFound
from app.services.impact import ImpactReport

router = APIRouter(tags=["programmes"])

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
CSS = (TEMPLATES / "report.css").read_text(encoding="utf-8")
_CSS_HASH = base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; img-src data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


def _long_date(value: date | datetime) -> str:
    return f"{value.day} {value:%B %Y}"


def _number(value: int | None) -> str:
    return "" if value is None else impact.count(value)


def _credits(value: Decimal | None) -> str:
    return "" if value is None else impact.amount(value)


def _mean(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


templates = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.filters.update(long_date=_long_date, number=_number, credits=_credits, mean=_mean)

_EXAMPLE = (
    '<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
    "<title>Haringey Mental Health: impact report · Time Credits</title>…"
)


def _page(template: str, status: int, **context: Any) -> HTMLResponse:
    html = templates.get_template(template).render(css=Markup(CSS), **context)
    return HTMLResponse(html, status_code=status, headers=HEADERS)


# The page itself with the period left empty (the whole programme): relative, so it holds
# under a path prefix (TIMECREDITS_PUBLIC_BASE_URL .../api) and does not write the token out.
_WHOLE_PROGRAMME = "?from=&to="


def _not_found() -> HTMLResponse:
    return _page("not_found.html", 404)


def _period(since: date | None, until: date | None) -> str:
    if since and until:
        return f"{_long_date(since)} to {_long_date(until)}"
    if since:
        return f"{_long_date(since)} to date"
    if until:
        return f"the start of the programme to {_long_date(until)}"
    return "the whole programme to date"


def _sentence(text: str) -> str:
    """A statement as a sentence: its first letter capital, the rest as written (GP)."""
    return text[:1].upper() + text[1:]


def _charts(r: ImpactReport, fewer: str) -> dict[str, Markup | None]:
    """The two charts; no activity chart when no month has a bar to draw (every month's
    figures suppressed or nil): the table says it better than an empty plot."""
    months = r.months
    drawn = any((m.credits_earned or 0) > 0 or (m.credits_spent or 0) > 0 for m in months)
    activity = svg_charts.grouped_bars(
        "activity-chart",
        "Time Credits earned and spent each month",
        f"Bar chart of Time Credits earned and spent per month, {len(months)} months from "
        f"{months[0].label} to {months[-1].label}; the table below lists every figure."
        if months
        else "No activity in the period.",
        [m.label for m in months],
        [
            svg_charts.Series(
                "Earned",
                svg_charts.EARNED,
                [m.credits_earned for m in months],
                [m.earned_suppressed for m in months],
            ),
            svg_charts.Series(
                "Spent",
                svg_charts.SPENT,
                [m.credits_spent for m in months],
                [m.spent_suppressed for m in months],
            ),
        ],
        unit="Time Credits",
        suppressed_note=f"{fewer} people, not shown",
    )
    outcomes = svg_charts.percent_bars(
        "outcomes-chart",
        "What members say, share positive",
        "Horizontal bar chart: for each evaluation statement, the percentage of members who "
        "answered who agreed a lot or to some extent; the table below lists every figure.",
        [(_sentence(o.statement), o.percent_positive, o.suppressed) for o in r.outcomes],
        suppressed_note=f"{fewer} people answered: not shown",
        empty_note="No answers in this period",
    )
    return {"activity_chart": activity if drawn else None, "outcomes_chart": outcomes}


def _day(name: str, value: str | None, errors: list[str]) -> date | None:
    if value is None or value == "":
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        errors.append(f"“{name}” {exc}.")
        return None


@router.get(
    "/reports/{token}",
    summary="A programme's impact report page (HTML, no key)",
    response_class=HTMLResponse,
    responses={
        200: {
            "description": "The report page, server-rendered HTML with inline SVG charts.",
            "content": {"text/html": {"example": _EXAMPLE}},
        },
        404: {
            "description": "An unknown, expired or revoked link: an HTML page saying so.",
            "content": {"text/html": {"example": "<!doctype html>…"}},
        },
        422: {
            "description": "A period that is not one (an HTML page saying what to fix).",
            "content": {"text/html": {"example": "<!doctype html>…"}},
        },
    },
)
async def get_report_page(
    token: Annotated[str, PathParam(description="The link's token, from its `url`.")],
    request: Request,
    since: Annotated[
        str | None, Query(alias="from", description="First day (UTC), inclusive: YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, Query(alias="to", description="Last day (UTC), inclusive: YYYY-MM-DD.")
    ] = None,
) -> HTMLResponse:
    """The figures a programme's evaluation reports show, for the period `from`-`to`
    (whole UTC days; the whole programme by default): people who earned, hours given,
    credits earned and spent, the share who never or rarely gave time before, the
    organisations taking part, a monthly activity chart, the evaluation survey's
    statements (percent positive, as `GET /v1/programmes/{id}/outcomes` computes it) and
    the ONS4 means. A figure from fewer than TIMECREDITS_MIN_CELL people (10) reads
    "fewer than 10", never a number. Opened with a report link's `url`; needs no key."""
    if not report_links.well_formed(token):
        return _not_found()  # before a connection is taken (and NUL checked: not here)
    async with Connection(request) as db:
        return await _report_page(db, request, token, since, until)


async def _report_page(
    db: asyncpg.Connection, request: Request, token: str, since: str | None, until: str | None
) -> HTMLResponse:
    env = request.app.state.env
    link = await report_links.live(db, token, env.pepper)
    if link is None:
        return _not_found()
    errors: list[str] = []
    first, last = _day("from", since, errors), _day("to", until, errors)
    if first and last and last < first:
        errors.append("The period ends before it starts.")
    if errors:
        return _page("bad_period.html", 422, messages=errors, back=_WHOLE_PROGRAMME)
    try:
        report = await impact.impact_report(
            db,
            link.reader,
            link.programme_id,
            since=first,
            until=last,
            min_cell=env.min_cell,
            now=datetime.now(UTC),
        )
    except NotFound:  # the link's organisation no longer takes part in the programme
        return _not_found()
    except InvalidInput as exc:
        return _page("bad_period.html", 422, messages=[exc.detail], back=_WHOLE_PROGRAMME)
    fewer = impact.fewer_than(env.min_cell)
    period = _period(first, last)
    return _page(
        "report.html",
        200,
        r=report,
        period=period[0].upper() + period[1:],
        period_lower=period,
        fewer=fewer,
        fewer_people=f"{fewer} people",
        expires_at=link.expires_at,
        **_charts(report, fewer),
    )
