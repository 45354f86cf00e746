"""Reports as JSON (the default) or as CSV for spreadsheets, chosen by `Accept`."""

from typing import Any

from fastapi import Request, Response

CSV = "text/csv"


def csv_documented(example: str) -> dict[int | str, dict[str, Any]]:
    """`responses=` entry: the 200 may also be CSV (merged with the JSON schema FastAPI
    writes), with an example."""
    return {
        200: {
            "description": "The figures; as CSV with `Accept: text/csv`.",
            "content": {CSV: {"schema": {"type": "string"}, "example": example}},
        }
    }


def wants_csv(request: Request) -> bool:
    """True when `Accept` ranks text/csv above application/json (ties go to the one named
    first); no Accept, or `*/*`, is JSON."""
    best: tuple[float, int, str] | None = None
    for i, part in enumerate(request.headers.get("accept", "").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        if media.lower() not in (CSV, "application/json"):
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0 and (best is None or (q, -i) > best[:2]):
            best = (q, -i, media.lower())
    return best is not None and best[2] == CSV


def csv_response(body: str, filename: str) -> Response:
    return Response(
        body,
        media_type=f"{CSV}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
