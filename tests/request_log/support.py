"""Reading request log lines back, for the in-process and the served tests."""

import json
from typing import Any

# Exactly what a request line holds (app/api/request_log.py).
FIELDS = {
    "time",
    "request_id",
    "organisation_id",
    "key_id",
    "method",
    "route",
    "status",
    "duration_ms",
}


def request_lines(output: str) -> list[dict[str, Any]]:
    """The request lines of `output`: every JSON line with a request id and a status (other
    log lines may sit between them); a line that is not JSON fails the test."""
    found = []
    for text in output.splitlines():
        if not text.strip():
            continue
        try:
            line = json.loads(text)
        except ValueError:
            raise AssertionError(f"not a JSON line: {text!r}") from None
        assert isinstance(line, dict), text
        if "request_id" in line and "status" in line:
            found.append(line)
    return found


def line_for(lines: list[dict[str, Any]], request_id: str) -> dict[str, Any]:
    """The one line of a request; more or fewer fails the test."""
    mine = [line for line in lines if line["request_id"] == request_id]
    assert len(mine) == 1, f"{len(mine)} lines for {request_id}: {mine}"
    return mine[0]


def check_line(
    line: dict[str, Any],
    *,
    request_id: str,
    method: str,
    route: str | None,
    status: int,
    organisation_id: str | None,
    key_id: str | None,
) -> None:
    assert set(line) == FIELDS, line
    expected = {
        "request_id": request_id,
        "method": method,
        "route": route,
        "status": status,
        "organisation_id": organisation_id,
        "key_id": key_id,
    }
    assert {name: line[name] for name in expected} == expected, line
    assert isinstance(line["duration_ms"], float | int) and line["duration_ms"] > 0, line
    # ISO 8601 in UTC, to the microsecond: 2026-12-06T14:03:53.120235Z
    assert len(line["time"]) == 27 and line["time"][10] == "T" and line["time"].endswith("Z")
