"""The directory read many at once: programmes by id, the organisations of many programmes,
the active listings of many organisations. GraphQL's DataLoaders (app/graphql/loaders.py)
batch a dashboard's children through these, so one query over 50 organisations costs the
same few statements as one over 5.

Each reads what its one-at-a-time counterpart reads, in its shape: programmes as
organisations.get_programme, organisations as the directory's public profiles
(profiles.PUBLIC_COLUMNS: never a balance), listings as listings.search_listings (active
and current, as JSON in the search's shape)."""

from collections import defaultdict
from collections.abc import Sequence

import asyncpg
import sqlalchemy as sa
from pydantic import TypeAdapter
from sqlalchemy.dialects.postgresql import ARRAY

from app.models.directory import DirectoryOrganisation, OfferRead, OpportunityRead
from app.models.organisations import ProgrammeRead
from app.services import listings, organisations, profiles
from app.services.sql import Statement, model_columns

# A dashboard's listings per organisation: at most a REST page's worth.
MAX_PER_PARENT = 200

_ids = sa.bindparam("ids", type_=ARRAY(sa.Text))
_PROGRAMMES = Statement(
    sa.select(*model_columns(ProgrammeRead, organisations.programmes)).where(
        organisations.programmes.c.id == sa.any_(_ids)
    )
)
_ORGANISATIONS_OF = f"""
    SELECT {profiles.PUBLIC_COLUMNS}, op.programme_id AS of_programme
      FROM organisation_programmes op JOIN organisations o ON o.id = op.organisation_id
     WHERE op.programme_id = ANY($1::text[])
     ORDER BY lower(o.name), o.id"""
_LISTING = {
    "offer": TypeAdapter(OfferRead),
    "opportunity": TypeAdapter(OpportunityRead),
}


def _listings_of(kind: listings.Kind) -> str:
    """Active, current listings of one kind (as search_listings finds them without a
    sync), A-Z by title, built as search_listings builds its JSON (no distance)."""
    if kind not in listings.KINDS:
        raise ValueError(kind)
    return f"""
        SELECT {listings.listing_json(kind)} AS json, l.organisation_id
          FROM (SELECT l.id, row_number() OVER (
                       PARTITION BY l.organisation_id ORDER BY lower(l.title), l.id) AS n
                  FROM listings l
                 WHERE l.kind = '{kind}' AND l.organisation_id = ANY($1::text[])
                   AND {listings.CURRENT}) page
          JOIN listings l ON l.id = page.id
          JOIN organisations o ON o.id = l.organisation_id
         CROSS JOIN (SELECT NULL::float8 AS distance) s
         WHERE page.n <= {MAX_PER_PARENT}
         ORDER BY lower(l.title), l.id"""


async def programmes_by_id(db: asyncpg.Connection, ids: Sequence[str]) -> dict[str, ProgrammeRead]:
    rows = await _PROGRAMMES.fetch(db, ids=list(ids))
    return {r["id"]: organisations.programme_read(r) for r in rows}


async def organisations_of_programmes(
    db: asyncpg.Connection, programme_ids: Sequence[str]
) -> dict[str, list[DirectoryOrganisation]]:
    """Each programme's organisations' public profiles, A-Z by name."""
    out: dict[str, list[DirectoryOrganisation]] = defaultdict(list)
    for row in await db.fetch(_ORGANISATIONS_OF, list(programme_ids)):
        out[row["of_programme"]].append(profiles.read(row))
    return out


async def listings_of_organisations(
    db: asyncpg.Connection, kind: listings.Kind, organisation_ids: Sequence[str]
) -> dict[str, list[listings.Listing]]:
    """Each organisation's active, current listings of `kind`, A-Z by title (at most
    MAX_PER_PARENT each)."""
    adapter = _LISTING[kind]
    out: dict[str, list[listings.Listing]] = defaultdict(list)
    for row in await db.fetch(_listings_of(kind), list(organisation_ids)):
        out[row["organisation_id"]].append(adapter.validate_json(row["json"]))
    return out
