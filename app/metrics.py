"""Prometheus metrics: requests and their latency per route, for the on-call engineer.

Several uvicorn workers answer one port, and a scrape reaches one of them, so with more than
one worker every worker writes its samples to files in PROMETHEUS_MULTIPROC_DIR (set by
`timecredits serve`, app/server.py) and whichever worker is scraped adds them all up.
prometheus_client reads that variable when it is first imported: set it before."""

import os
import time
from collections.abc import Callable
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MULTIPROC_DIR = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter(
    "timecredits_http_requests",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "timecredits_http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, by method and route template.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)

# Paths no route matched (scanners, typos) share one label: a label per path would let
# anyone grow the metrics without bound.
UNMATCHED = "unmatched"


def route_template(scope: Scope) -> str | None:
    """The matched route's path template (`/v1/members/{member_id}`), None if none matched:
    what logs and metrics name a request by, never its path, which may carry a token."""
    return getattr(scope.get("route"), "path", None)


# Called once a response is over: its scope, status and seconds (the request log).
AfterResponse = Callable[[Scope, int, float], None]


class Metrics:
    """Pure ASGI middleware counting every HTTP response, then handing it to `after` (the
    request log, app/api/request_log.py): one layer watches each response for both, as
    every layer costs the earn a little. Each (method, route, status)'s pair of samples is
    looked up once and kept: `labels()` costs more than the counting itself."""

    def __init__(self, app: ASGIApp, after: AfterResponse | None = None) -> None:
        self.app = app
        self.after = after
        # Bounded as the labels are: methods the HTTP parser knows, route templates (or
        # UNMATCHED), statuses the app answers with.
        self._samples: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500  # what the client sees when the app fails before answering

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            seconds = time.perf_counter() - start
            method = scope["method"]
            template = route_template(scope) or UNMATCHED
            samples = self._samples.get((method, template, status))
            if samples is None:
                samples = self._samples[(method, template, status)] = (
                    REQUESTS.labels(method, template, str(status)),
                    LATENCY.labels(method, template),
                )
            samples[0].inc()
            samples[1].observe(seconds)
            if self.after is not None:
                self.after(scope, status, seconds)


def exposition() -> tuple[bytes, str]:
    """The metrics of every worker of this service, in Prometheus' text format."""
    if os.environ.get(MULTIPROC_DIR):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
