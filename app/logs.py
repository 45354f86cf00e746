"""Structured logging on standard output: JSON lines (what `timecredits serve` writes unless
TIMECREDITS_LOG_FORMAT=console) or key=value for a terminal.

Every line carries its time as `time`, ISO 8601 in UTC. The request log
(app/api/request_log.py) has a logger of its own, `request_logger()`: one line per request
is the busiest log there is, so it runs only what such a line needs."""

import json
import logging
import sys
from typing import Any, TextIO

import structlog
from structlog.typing import FilteringBoundLogger, Processor

TIME_KEY = "time"


def configure(level: str = "INFO", fmt: str = "console") -> None:
    """The process-wide structlog configuration, which `structlog.get_logger()` loggers use."""
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            _stamper(),
            structlog.processors.format_exc_info,
            _renderer(fmt),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        cache_logger_on_first_use=True,
    )


def request_logger(fmt: str, stream: TextIO | None = None) -> FilteringBoundLogger:
    """A logger bound once, for the request log: between a call and its one write to
    `stream` (standard output) it only stamps the time and renders the line (about 6 µs);
    the configured chain above would also merge context variables, add a level and format
    exceptions, none of which a request line has."""
    proxy = structlog.wrap_logger(
        structlog.WriteLogger(stream or sys.stdout),
        processors=[_stamper(), _renderer(fmt)],
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
    )
    return proxy.bind()


def _stamper() -> Processor:
    return structlog.processors.TimeStamper(fmt="iso", utc=True, key=TIME_KEY)


def _renderer(fmt: str) -> Processor:
    if fmt == "json":
        return structlog.processors.JSONRenderer(serializer=_dumps)
    return structlog.dev.ConsoleRenderer(timestamp_key=TIME_KEY)


_ENCODER = json.JSONEncoder(separators=(", ", ": "), default=repr)


def _dumps(obj: Any, **_: Any) -> str:
    """json.dumps with structlog's keyword arguments builds a new encoder for every line;
    one encoder made once does the same (a value JSON cannot hold becomes its repr, as
    structlog's fallback does)."""
    return _ENCODER.encode(obj)
