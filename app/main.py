"""The ASGI application: routers, error mapping, middleware, and the pool's lifespan."""

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app import logs, openapi
from app.api import (
    admin,
    directory,
    events,
    identity,
    imports,
    jwks,
    ledger,
    members,
    network,
    notes,
    openreferral,
    ops,
    problems,
    programmes,
    redemptions,
    referrals,
    report_links,
    report_page,
    surveys,
    webhooks,
)
from app.api.hot import HotPaths, marked
from app.api.middleware import BodyLimit, RequestId
from app.api.request_log import RequestLog, request_log_enabled
from app.api.routing import operation_id
from app.auth.cache import KeyCache
from app.db import create_pool
from app.dispatcher import Dispatcher
from app.graphql.router import router as graphql_router
from app.metrics import Metrics
from app.services import background, retention, rollups
from app.services.rate_limits import RateLimiter
from app.settings import Settings, get_settings

PRUNE_EVERY_SECONDS = 3600.0

DESCRIPTION = """\
Plug Time Credits into your own systems: register members, credit hours given, spend and
gift credits, and read the ledger.

* Authenticate with `Authorization: Bearer tc_live_…` (an organisation API key).
* Amounts are exact decimals with at most two places, returned as strings (`"1.50"`).
* Errors are `application/problem+json` with a stable `code`.
* Every POST accepts an `Idempotency-Key` header: retries replay the first response.
* Lists are cursor-paginated: `?limit=&after=<next_cursor>`.
"""


# The order of the sections in the interactive docs.
TAGS = [
    {"name": "identity", "description": "Who you are, and your organisation's API keys."},
    {"name": "admin", "description": "The operator's: programmes, organisations, allocations."},
    {"name": "programmes", "description": "The programmes of the network and their figures."},
    {"name": "network", "description": "The whole network's figures: the operator's."},
    {"name": "members", "description": "People who give time: register, look up, read."},
    {"name": "imports", "description": "Paper-era registers in bulk: CSV imports."},
    {"name": "ledger", "description": "Moving credits: earn, spend, gift, reverse; the history."},
    {"name": "events", "description": "What changed: the feed partners poll."},
    {"name": "webhooks", "description": "What changed, pushed: signed webhook deliveries."},
    {"name": "venues", "description": "At a venue's desk: redemption codes, printed notes."},
    {"name": "referrals", "description": "Social prescribing: referrals and how they went."},
    {"name": "surveys", "description": "Outcome surveys: templates and responses."},
    {"name": "directory", "description": "Who earns and where to spend: profiles, listings."},
    {"name": "openreferral", "description": "The public Open Referral UK feed of services."},
    {"name": "ops", "description": "Health and readiness for load balancers."},
]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    logs.configure(settings.log_level, settings.log_format)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        url = settings.database_url_str
        if url is None:
            raise RuntimeError("no DATABASE_URL: start the service with `timecredits serve`")
        app.state.pool = await create_pool(
            url, min_size=settings.db_pool_min, max_size=settings.db_pool_max
        )
        app.state.db_gate = asyncio.Semaphore(settings.db_pool_max)
        pool = app.state.pool
        pruning = asyncio.create_task(
            background.every(
                PRUNE_EVERY_SECONDS,
                lambda: retention.prune_all(
                    pool,
                    older_than_hours=settings.idempotency_retention_hours,
                    deliveries_older_than_days=settings.webhook_delivery_retention_days,
                ),
                what="pruning",
            )
        )
        # The report rollups' queue, rolled every second (app/services/rollups.py): in tests
        # by the reads that catch it up, as the dispatcher is stepped by hand.
        rolling = None
        if settings.env != "test":
            rolling = asyncio.create_task(
                background.every(
                    rollups.ROLL_EVERY_SECONDS,
                    lambda: rollups.roll_queued(pool),
                    what="rolling the report rollups",
                )
            )
        # The webhook dispatcher (app/dispatcher.py): not in tests, which step it by hand.
        dispatcher = None
        if settings.webhooks_dispatch and settings.env != "test":
            dispatcher = Dispatcher(app.state.pool, settings.service_env)
            dispatcher.start()
        try:
            yield
        finally:
            if dispatcher is not None:
                await dispatcher.stop()
            await app.state.rate_limiter.close()
            for job in (pruning, rolling):
                if job is None:
                    continue
                job.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await job
            await app.state.pool.close()

    app = FastAPI(
        title="Time Credits partner API",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=TAGS,
        # FastAPI's own OpenTelemetry hooks: the service reports through Prometheus
        # (app/metrics.py), and asking whether OpenTelemetry is configured cost every
        # request about 2% of the earning's CPU (docs/performance.md).
        telemetry={"tracing": False, "metrics": False, "logs": False},
        generate_unique_id_function=operation_id,  # operationIds: the route functions' names
    )
    app.state.settings = settings
    app.state.env = settings.service_env
    app.state.key_cache = KeyCache()
    # Per-key budgets (app/services/rate_limits.py); a test may replace it.
    app.state.rate_limiter = RateLimiter(
        settings.rate_limit_reads_per_minute, settings.rate_limit_writes_per_minute
    )
    problems.install(app)
    # A request is matched against the routers in this order, router by router, and each
    # router tried costs CPU (about 0.2 ms of the earn's 1.2 ms when the ledger came 7th),
    # so the hot path goes first. The documentation keeps its reading order (TAGS).
    routers = [
        module.router
        for module in (
            ledger,
            members,
            redemptions,
            notes,
            directory,
            events,
            identity,
            programmes,
            network,
            referrals,
            surveys,
            report_links,
            webhooks,
            imports,
            openreferral,
            report_page,
            admin,
            jwks,
            ops,
        )
    ]
    for router in routers:
        app.include_router(router)
    app.include_router(graphql_router(settings))  # POST /graphql (app/graphql/)
    # Innermost: the busiest routes' ordinary requests, served before FastAPI's routing.
    app.add_middleware(HotPaths, routes=marked(routers))
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestId)  # and the RateLimit headers, on error answers too
    # Outermost: it times everything, 413s included, and writes the request log's line.
    log = RequestLog(logs.request_logger(settings.log_format))
    app.add_middleware(Metrics, after=log if request_log_enabled(settings) else None)
    app.openapi = lambda: openapi.schema(app)  # type: ignore[method-assign]
    return app


def render() -> str:
    """The OpenAPI document as committed at openapi/openapi.json."""
    app = create_app(Settings(database_url=None, env="development"))
    return json.dumps(app.openapi(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"
