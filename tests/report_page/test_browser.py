"""The report page in a real headless Chromium (Debian's, driven by Playwright; no browser
is downloaded): it renders the headline figures with no console error and no CSP
violation, loads nothing but itself, and its print layout fits A4. The page is served by
the real app over a real socket (uvicorn in a thread, on the test database), and a
screenshot and the printed PDF are kept in artifacts/ for CI.

Skipped where /usr/bin/chromium is absent, unless TIMECREDITS_REQUIRE_BROWSER=1 (CI),
which makes its absence a failure."""

import asyncio
import os
import re
import socket
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn

from app.main import create_app
from app.settings import Settings
from tests.network import Network
from tests.report_page.support import busy_programme, new_link

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
# A4 is 210 mm wide; the print stylesheet's @page margins are 16 mm each side.
A4_CONTENT_PX = (210 - 2 * 16) / 25.4 * 96  # CSS pixels, 96 to the inch: about 673


def _need_browser() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("TIMECREDITS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"TIMECREDITS_REQUIRE_BROWSER=1 but {CHROMIUM} is missing")
    pytest.skip(f"{CHROMIUM} is not installed")


@pytest.fixture
async def served(settings: Settings) -> AsyncIterator[str]:
    """The app on a real socket (its own pool, the test database): its base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        await asyncio.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.to_thread(thread.join, 15)


async def test_the_page_in_chromium_renders_loads_nothing_else_and_prints_on_a4(
    net: Network, served: str
) -> None:
    _need_browser()
    from playwright.async_api import async_playwright

    await busy_programme(net)
    link = await new_link(net)
    url = served + urlsplit(link["url"]).path
    problems: list[str] = []
    requests: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = await browser.new_page(viewport={"width": 1100, "height": 900})
            page.on(
                "console",
                lambda m: (
                    problems.append(f"{m.type}: {m.text}")
                    if m.type in ("error", "warning")
                    else None
                ),
            )
            page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            response = await page.goto(url, wait_until="load")
            assert response is not None and response.status == 200
            # CSP violations, if any, surface as securitypolicyviolation events too.
            await page.wait_for_timeout(300)

            assert await page.locator("h1").inner_text() == "Haringey Mental Health"
            assert await page.locator("html").get_attribute("lang") == "en-GB"
            figures = {
                "people_earned": "12\npeople earned Time Credits",
                "hours_given": "45\nhours given to the community",
                "credits_spent": "13.75\nTime Credits spent",
            }
            for key, text in figures.items():
                shown = await page.locator(f"#figure-{key}").inner_text()
                assert " ".join(shown.split()) == " ".join(text.split()), shown
            assert await page.locator("svg[role=img]").count() == 2
            for chart in ("activity-chart", "outcomes-chart"):
                box = await page.locator(f"svg[aria-labelledby^={chart}]").bounding_box()
                assert box is not None and box["width"] > 300 and box["height"] > 100
            # The stylesheet applied (the CSP allowed it): the figures are laid out as cards.
            display = await page.locator(".figures").evaluate("e => getComputedStyle(e).display")
            assert display == "grid"
            ARTIFACTS.mkdir(exist_ok=True)
            await page.screenshot(path=str(ARTIFACTS / "report-page.png"), full_page=True)

            # Print: nothing wider than A4's content width, the period form hidden.
            await page.set_viewport_size({"width": int(A4_CONTENT_PX), "height": 1000})
            await page.emulate_media(media="print")
            widest = await page.evaluate(
                """() => Math.max(document.documentElement.scrollWidth,
                     ...[...document.querySelectorAll('body *')].map(
                         e => e.getBoundingClientRect().right))"""
            )
            assert widest <= A4_CONTENT_PX + 1, widest
            assert not await page.locator("form.period").is_visible()
            pdf = await page.pdf(format="A4", print_background=True)
            (ARTIFACTS / "report-page.pdf").write_bytes(pdf)
        finally:
            await browser.close()
    assert pdf.startswith(b"%PDF")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 1 <= pages <= 6, pages
    boxes = {
        tuple(float(v) for v in m) for m in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    }
    assert boxes and all(abs(w - 595.3) < 2 and abs(h - 841.9) < 2 for w, h in boxes), boxes  # A4
    assert not problems, problems
    assert requests == [url], requests  # the page itself, and nothing else


def test_without_chromium_the_test_is_skipped_unless_ci_requires_the_browser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(f"{__name__}.CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.delenv("TIMECREDITS_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception):
        _need_browser()
    monkeypatch.setenv("TIMECREDITS_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception):
        _need_browser()
