"""A key's budget holds across workers: `timecredits serve --workers 2` with a small read
budget, 16 connections spread by the kernel over both workers, more requests than the
budget. What both workers accept together is within 10 % of the budget (never above it),
and every refusal is the 429 problem with Retry-After and the RateLimit headers."""

import asyncio
import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services.rate_limits import WINDOW_SECONDS
from tests.e2e.support import Postgres, Serve, bootstrap, create_network, postgres

pytestmark = pytest.mark.slow

LIMIT = 1000
CONNECTIONS = 16
REQUESTS = 1300  # 30 % past the budget


@pytest.fixture(autouse=True)
def _clean() -> None:
    """No in-process app or database here (tests/e2e/conftest.py does the same)."""


@pytest.fixture
def pg() -> Iterator[Postgres]:
    with postgres() as server:
        yield server


def test_two_workers_accept_the_budget_within_ten_percent(pg: Postgres, tmp_path: Path) -> None:
    admin_key = bootstrap(pg, tmp_path)
    serve = Serve(pg, tmp_path, workers=2, TIMECREDITS_RATE_LIMIT_READS_PER_MINUTE=str(LIMIT))
    try:
        serve.wait_ready()
        key = create_network(serve.base, admin_key, members=1).partner_key
        # The whole burst inside one window (a few seconds): start early in a minute.
        if time.time() % WINDOW_SECONDS > WINDOW_SECONDS - 20:
            time.sleep(WINDOW_SECONDS - time.time() % WINDOW_SECONDS + 0.5)
        window = int(time.time() // WINDOW_SECONDS)
        answers, workers = asyncio.run(_burst(serve, key))
        assert int(time.time() // WINDOW_SECONDS) == window, "the burst crossed a minute"

        statuses = Counter(status for status, _, _ in answers)
        accepted = statuses[200]
        print(f"\ntwo workers, budget {LIMIT}: {statuses}, connections per worker {workers}")
        assert len(workers) == 2, f"the kernel put every connection on one worker: {workers}"
        assert set(statuses) == {200, 429}, statuses
        assert 0.9 * LIMIT <= accepted <= LIMIT, statuses
        for status, headers, body in answers:
            assert headers["ratelimit-policy"] == f'"reads";q={LIMIT};w={WINDOW_SECONDS}'
            if status == 429:
                problem = json.loads(body)
                assert headers["content-type"] == "application/problem+json"
                assert problem["code"] == "rate_limited" and problem["status"] == 429
                assert 1 <= int(headers["retry-after"]) <= WINDOW_SECONDS
                assert headers["ratelimit"] == f'"reads";r=0;t={headers["retry-after"]}'
        assert serve.stop() == 0, serve.log()
        assert "Traceback" not in serve.log(), serve.log()
    finally:
        serve.close()


async def _burst(
    serve: Serve, key: str
) -> tuple[list[tuple[int, dict[str, str], bytes]], Counter[int]]:
    """REQUESTS GET /v1/me over CONNECTIONS keep-alive connections at once: every answer
    (status, headers, body), and how many connections each worker served."""
    answers: list[tuple[int, dict[str, str], bytes]] = []
    workers: Counter[int] = Counter()
    left = REQUESTS
    request = (f"GET /v1/me HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer {key}\r\n\r\n").encode()

    async def connection() -> None:
        nonlocal left
        reader, writer = await asyncio.open_connection("127.0.0.1", serve.port)
        try:
            pid = await asyncio.to_thread(serve.serving_pid, writer.get_extra_info("sockname")[1])
            workers[pid or 0] += 1
            while left > 0:
                left -= 1
                writer.write(request)
                await writer.drain()
                answers.append(await _answer(reader))
        finally:
            writer.close()
            await writer.wait_closed()

    await asyncio.gather(*(connection() for _ in range(CONNECTIONS)))
    return answers, workers


async def _answer(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    status = int((await reader.readline()).split()[1])
    headers: dict[str, str] = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers, body
