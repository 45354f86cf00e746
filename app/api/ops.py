"""Liveness and readiness probes, and metrics (no key needed: expose them to your load
balancer and monitoring only)."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from app import metrics
from app.api.problems import problem, problems

router = APIRouter(tags=["ops"])


@router.get("/healthz", summary="Liveness", include_in_schema=True)
async def get_health() -> dict[str, str]:
    """The process is up. Touches nothing else."""
    return {"status": "ok"}


@router.get("/readyz", summary="Readiness", responses={503: problems()[503]})
async def get_readiness(request: Request) -> JSONResponse:
    """The database answers and the schema is migrated."""
    try:
        async with request.app.state.pool.acquire(timeout=2) as conn:
            version = await conn.fetchval("SELECT version_num FROM alembic_version")
    except Exception as exc:  # any failure means "not ready"; say which
        return problem(
            request,
            503,
            "service_unavailable",
            "Service unavailable",
            f"the database did not answer ({type(exc).__name__})",
            headers={"Retry-After": "1"},
        )
    return JSONResponse({"status": "ok", "schema": version})


METRICS_EXAMPLE = """\
# HELP timecredits_http_requests_total HTTP requests answered, by method, route template and status.
# TYPE timecredits_http_requests_total counter
timecredits_http_requests_total{method="POST",route="/v1/earnings",status="201"} 1042.0
"""


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={
        200: {
            "description": "Requests and latency per route, from every worker.",
            "content": {"text/plain": {"example": METRICS_EXAMPLE}},
        }
    },
)
async def get_metrics() -> Response:
    """For a Prometheus scraper: `timecredits_http_requests_total` by method, route
    template and status, and `timecredits_http_request_duration_seconds` by method and
    route template."""
    body, content_type = metrics.exposition()
    return Response(body, media_type=content_type)
