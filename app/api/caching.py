"""Conditional reads for the directory: ETag, If-None-Match → 304, Cache-Control.

Partners poll the directory; the ETag is a digest of the exact body, so it changes exactly
when what they would receive changes, and a 304 saves them the download and the parse.
The query still runs: the body is the version."""

import hashlib
import json
from typing import Any

from fastapi import Request, Response
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel

# Keyed reads: each organisation's cache only (private), briefly fresh, then revalidated.
PRIVATE = "private, max-age=60, must-revalidate"
# The public Open Referral feed: shared caches may hold it.
PUBLIC = "public, max-age=300"
# The OpenAPI entry of an operation answering conditional requests.
NOT_MODIFIED = {304: {"description": "Not modified: your `If-None-Match` ETag is current."}}


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    # Weak comparison (RFC 9110 §13.1.2): W/"x" and "x" name the same representation.
    wanted = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return etag.removeprefix("W/") in wanted


def json_page(items: list[str], next_cursor: str | None) -> bytes:
    """A Page (app/models/common.py) around items that are JSON text already."""
    return b"".join(
        (
            b'{"data":[',
            ",".join(items).encode(),
            b'],"next_cursor":',
            json.dumps(next_cursor).encode(),
            b',"has_more":',
            b"true" if next_cursor is not None else b"false",
            b"}",
        )
    )


def conditional(
    request: Request,
    content: BaseModel | dict[str, Any] | list[Any] | bytes,
    *,
    cache_control: str = PRIVATE,
    headers: dict[str, str] | None = None,
) -> Response:
    """A JSON response with an ETag, or a bodiless 304 when the client already holds it."""
    if isinstance(content, bytes):
        body = content
    elif isinstance(content, BaseModel):
        body = content.model_dump_json(by_alias=True).encode()
    else:
        body = json.dumps(jsonable_encoder(content), separators=(",", ":")).encode()
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    common = {"ETag": etag, "Cache-Control": cache_control, **(headers or {})}
    if cache_control.startswith("private"):
        common["Vary"] = "Authorization"
    if _matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=common)
    return Response(body, media_type="application/json", headers=common)
