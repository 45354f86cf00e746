"""The jobs each worker repeats in the background (retention.py's pruning, rollups.py's
rolling): run, sleep, again. A failure is logged and retried next time: a housekeeping job
must never stop the service."""

import asyncio
from collections.abc import Awaitable, Callable

import structlog

log = structlog.get_logger("timecredits.background")


async def every(seconds: float, job: Callable[[], Awaitable[object]], *, what: str) -> None:
    """Run `job` every `seconds` until cancelled; `what` names it in the log."""
    while True:
        try:
            await job()
        except Exception as exc:  # a failed run changed nothing; the next one retries it
            log.warning(f"{what} failed", error=repr(exc))
        await asyncio.sleep(seconds)
