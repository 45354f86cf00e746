"""A background job (app/services/background.py) outlives its failures."""

import asyncio
import contextlib

from app.services import background


async def test_a_failing_run_is_logged_and_the_job_runs_again() -> None:
    runs: list[int] = []
    done = asyncio.Event()

    async def job() -> None:
        runs.append(len(runs))
        if len(runs) == 1:
            raise RuntimeError("the database went away")
        if len(runs) == 3:
            done.set()

    task = asyncio.create_task(background.every(0.001, job, what="testing"))
    await asyncio.wait_for(done.wait(), timeout=5)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    assert runs[:3] == [0, 1, 2]
