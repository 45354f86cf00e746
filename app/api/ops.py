"""Liveness and readiness probes (no key needed)."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.api.problems import problem, problems

router = APIRouter(tags=["ops"])


@router.get("/healthz", summary="Liveness", include_in_schema=True)
async def healthz() -> dict[str, str]:
    """The process is up. Touches nothing else."""
    return {"status": "ok"}


@router.get("/readyz", summary="Readiness", responses={503: problems(503)[503]})
async def readyz(request: Request) -> JSONResponse:
    """The database answers and the schema is migrated."""
    try:
        async with request.app.state.pool.acquire(timeout=2) as conn:
            version = await conn.fetchval("SELECT version_num FROM alembic_version")
    except Exception as exc:  # any failure means "not ready"; say which
        return problem(
            request,
            503,
            "unavailable",
            "Service unavailable",
            f"the database did not answer ({type(exc).__name__})",
        )
    return JSONResponse({"status": "ok", "schema": version})
