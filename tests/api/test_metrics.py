"""GET /metrics: requests and latency per route template, for a Prometheus scraper. The
counters live for the whole test process, so each test reads how much they moved.
(tests/e2e/test_serve_embedded.py checks that two workers' counts add up.)"""

import re

from tests.network import Network

SAMPLE = re.compile(r"^(\w+)\{(.*)\} (\S+)$")


async def _samples(net: Network) -> dict[tuple[str, frozenset[str]], float]:
    r = await net.client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    out = {}
    for line in r.text.splitlines():
        if m := SAMPLE.match(line):
            name, labels, value = m.groups()
            out[(name, frozenset(labels.split(",")))] = float(value)
    return out


def _count(
    samples: dict[tuple[str, frozenset[str]], float], method: str, route: str, status: int
) -> float:
    labels = frozenset({f'method="{method}"', f'route="{route}"', f'status="{status}"'})
    return samples.get(("timecredits_http_requests_total", labels), 0.0)


def _observed(samples: dict[tuple[str, frozenset[str]], float], method: str, route: str) -> float:
    labels = frozenset({f'method="{method}"', f'route="{route}"'})
    return samples.get(("timecredits_http_request_duration_seconds_count", labels), 0.0)


async def test_requests_are_counted_by_route_template_and_status(net: Network) -> None:
    member = await net.member(display_name="Metric Member")
    before = await _samples(net)

    for _ in range(3):
        r = await net.client.get(f"/v1/members/{member['id']}", headers=net.partner.headers)
        assert r.status_code == 200
    assert (await net.earn(member["id"], 1)).status_code == 201
    r = await net.client.get(f"/v1/members/{member['id']}")  # no key
    assert r.status_code == 401

    after = await _samples(net)
    member_route = "/v1/members/{member_id}"
    assert _count(after, "GET", member_route, 200) - _count(before, "GET", member_route, 200) == 3
    assert _count(after, "GET", member_route, 401) - _count(before, "GET", member_route, 401) == 1
    assert (
        _count(after, "POST", "/v1/earnings", 201) - _count(before, "POST", "/v1/earnings", 201)
        == 1
    )
    assert _observed(after, "GET", member_route) - _observed(before, "GET", member_route) == 4


async def test_labels_never_carry_ids_or_unknown_paths(net: Network) -> None:
    """A label per member id or per scanned path would grow the metrics without bound."""
    member = await net.member(display_name="Private Person")
    await net.client.get(f"/v1/members/{member['id']}", headers=net.partner.headers)
    before = await _samples(net)
    for path in ("/wp-login.php", "/v1/nothing-here", "/.env"):
        assert (await net.client.get(path)).status_code == 404

    text = (await net.client.get("/metrics")).text
    assert member["id"] not in text and "wp-login" not in text and ".env" not in text
    after = await _samples(net)
    assert _count(after, "GET", "unmatched", 404) - _count(before, "GET", "unmatched", 404) == 3


async def test_metrics_need_no_key_and_show_no_organisation(net: Network) -> None:
    r = await net.client.get("/metrics")
    assert r.status_code == 200
    assert "# TYPE timecredits_http_requests_total counter" in r.text
    assert "# TYPE timecredits_http_request_duration_seconds histogram" in r.text
    assert net.partner.id not in r.text
