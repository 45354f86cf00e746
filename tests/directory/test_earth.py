"""The near search's geometry computed in Python equals earthdistance's own, bit for bit:
the search passes these numbers instead of calling ll_to_earth, gc_to_sec and
earth_distance per row, and a differing last bit would move points across a radius."""

import math
import random

import asyncpg

from app.services.directory_search import EARTH_DIAMETER, earth_point, max_chord


def _points() -> list[tuple[float, float]]:
    rng = random.Random(7)
    edges = [(0.0, 0.0), (90.0, 180.0), (-90.0, -180.0), (51.5883, -0.0716), (53.4022, -2.9868)]
    return edges + [
        (round(rng.uniform(-90, 90), rng.randint(0, 8)), round(rng.uniform(-180, 180), 7))
        for _ in range(5000)
    ]


async def test_earth_point_is_ll_to_earth(pool: asyncpg.Pool) -> None:
    points = _points()
    rows = await pool.fetch(
        """SELECT cube_ll_coord(e, 1) AS x, cube_ll_coord(e, 2) AS y, cube_ll_coord(e, 3) AS z
             FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(lat, lon, n),
                  LATERAL (SELECT ll_to_earth(lat, lon) AS e) p
            ORDER BY n""",
        [p[0] for p in points],
        [p[1] for p in points],
    )
    assert [earth_point(*p) for p in points] == [[*r.values()] for r in rows]


async def test_max_chord_is_gc_to_sec(pool: asyncpg.Pool) -> None:
    rng = random.Random(8)
    metres = [0.001, 1.0, 1000.0, 3000.0, 200_000.0, 2e7, 4.1e7]
    metres += [rng.uniform(1, 200_000) for _ in range(5000)]
    rows = await pool.fetch(
        "SELECT gc_to_sec(m) FROM unnest($1::float8[]) WITH ORDINALITY AS t(m, n) ORDER BY n",
        metres,
    )
    assert [max_chord(m) for m in metres] == [r[0] for r in rows]


async def test_distance_from_the_chord_is_earth_distance(pool: asyncpg.Pool) -> None:
    """The SQL the search uses for distance_km, against earth_distance itself."""
    points = _points()
    origin = earth_point(51.5883, -0.0716)
    rows = await pool.fetch(
        f"""SELECT ({EARTH_DIAMETER} * asin(least((e <-> cube($3::float8[])) / {EARTH_DIAMETER},
                                              1))) AS ours,
                   earth_distance(ll_to_earth(51.5883, -0.0716), e) AS theirs
              FROM unnest($1::float8[], $2::float8[]) AS t(lat, lon),
                   LATERAL (SELECT ll_to_earth(lat, lon) AS e) p""",
        [p[0] for p in points],
        [p[1] for p in points],
        origin,
    )
    assert all(math.isfinite(r["ours"]) for r in rows)
    assert [r["ours"] for r in rows] == [r["theirs"] for r in rows]
