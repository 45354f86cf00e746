"""CSV files from tests/imports/files/, sent as a partner would, and what the tables hold."""

from pathlib import Path
from typing import Any

import asyncpg
import httpx

from tests.network import Network, Org

FILES = Path(__file__).parent / "files"
CSV = {"Content-Type": "text/csv"}

# Every table an import could write (rate-limit counters and key touches aside).
TABLES = (
    "accounts",
    "members",
    "transfers",
    "events",
    "event_audience",
    "idempotency_keys",
    "report_sums",
    "report_member_months",
    "report_day_sums",
    "report_members",
    "report_pending",
)


def csv_file(name: str, net: Network | None = None) -> bytes:
    """A fixture's bytes; `PROGRAMME` in members files becomes the network's programme."""
    data = (FILES / name).read_bytes()
    if net is not None:
        data = data.replace(b"PROGRAMME", net.programme_id.encode())
    return data


async def post_csv(
    net: Network,
    kind: str,
    body: bytes,
    *,
    by: Org | None = None,
    key: str | None = None,
    headers: dict[str, str] | None = None,
    **params: str,
) -> httpx.Response:
    by = by or net.partner
    sent = {**by.headers, **CSV, **(headers or {})}
    if key is not None:
        sent["Idempotency-Key"] = key
    return await net.client.post(f"/v1/imports/{kind}", content=body, headers=sent, params=params)


async def import_members(net: Network, name: str = "members_clean.csv") -> dict[str, Any]:
    r = await post_csv(net, "members", csv_file(name, net))
    assert r.status_code == 200, r.text
    return r.json()


async def tables(pool: asyncpg.Pool) -> dict[str, str]:
    """Each table's full contents, hashed: equal before and after means nothing was written."""
    out = {}
    for table in TABLES:
        out[table] = await pool.fetchval(
            f"SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' "
            f"ORDER BY t::text)), '') FROM {table} t"
        )
    return out


def row_errors(body: dict[str, Any]) -> set[tuple[int, str]]:
    return {(e["row"], e["field"]) for e in body["errors"]}
