"""Structured logging on standard output: JSON lines (what `timecredits serve` writes unless
TIMECREDITS_LOG_FORMAT=console) or key=value for a terminal.

Every line carries its time as `time`, ISO 8601 in UTC. The request log
(app/api/request_log.py) has a writer of its own, `request_logger()`: one line per request
is the busiest log there is, so it runs only what such a line needs."""

import json
import logging
import sys
from typing import Any, TextIO

import structlog
from structlog.typing import Processor

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


class RequestLogger:
    """The request log's writer: structlog's time stamper and renderer, the ones every other
    line goes through, called directly, then one write of the whole line (lines from several
    workers sharing standard output never interleave).

    Not a bound logger: its dispatch (a context copied, a processor chain walked, a lock)
    was half the cost of a line. Measured in the earn's CPU (docs/performance.md), a line
    costs more than a tight loop suggests, as it runs after the request's own work has
    pushed its code out of the caches, so the less it runs the better."""

    __slots__ = ("_flush", "_render", "_stamp", "_write")

    def __init__(self, fmt: str, stream: TextIO | None = None) -> None:
        stream = stream or sys.stdout
        self._stamp, self._render = _stamper(), _renderer(fmt)
        self._write, self._flush = stream.write, stream.flush

    def __call__(self, **fields: Any) -> None:
        line = self._render(None, "info", self._stamp(None, "info", fields))
        self._write(line + "\n")
        self._flush()


def request_logger(fmt: str, stream: TextIO | None = None) -> RequestLogger:
    """The request log's writer, to `stream` (standard output when the app is made)."""
    return RequestLogger(fmt, stream)


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
