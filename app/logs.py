"""Structured logging on standard output: JSON lines (what `timecredits serve` writes unless
TIMECREDITS_LOG_FORMAT=console) or key=value for a terminal.

Every line carries its time as `time`, ISO 8601 in UTC. The request log
(app/api/request_log.py) has a writer of its own, `request_logger()`: one line per request
is the busiest log there is, so it runs only what such a line needs."""

import json
import logging
import sys
import time
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
    """The request log's writer: one write of the whole line (lines from several workers
    sharing standard output never interleave). A JSON line is the fields then `time`, as
    structlog's renderer writes them, encoded directly; a console line goes through
    structlog's stamper and renderer.

    Not a bound logger, nor structlog's processors for JSON: their dispatch and the time's
    formatting were most of a line's cost, which every request pays (docs/performance.md:
    in instructions per earn, a line cost more than the metrics and a middleware layer
    together)."""

    __slots__ = ("_clock", "_flush", "_render", "_stamp", "_write")

    def __init__(self, fmt: str, stream: TextIO | None = None) -> None:
        stream = stream or sys.stdout
        self._stamp, self._render = _stamper(), _renderer(fmt)
        self._clock = _UtcClock() if fmt == "json" else None
        self._write, self._flush = stream.write, stream.flush

    def __call__(self, **fields: Any) -> None:
        if self._clock is not None:
            fields[TIME_KEY] = self._clock.now()
            line = _ENCODER.encode(fields)
        else:
            line = self._render(None, "info", self._stamp(None, "info", fields))
        self._write(line + "\n")
        self._flush()


class _UtcClock:
    """The time now as ISO 8601 in UTC with microseconds (`2026-12-06T14:03:07.120934Z`),
    the date and time of day formatted once a second."""

    __slots__ = ("_prefix", "_second")

    def __init__(self) -> None:
        self._second = -1
        self._prefix = ""

    def now(self) -> str:
        now = time.time()
        second = int(now)
        if second != self._second:
            self._second = second
            self._prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        return f"{self._prefix}.{int((now - second) * 1_000_000):06d}Z"


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
