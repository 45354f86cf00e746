"""The webhook dispatcher: runs inside the service (app/main.py's lifespan, unless
TIMECREDITS_WEBHOOKS_DISPATCH=0), in as many processes as run it.

Each step fans new events out into deliveries, claims due deliveries (leased with FOR
UPDATE SKIP LOCKED: two dispatchers never hold one at once), POSTs them as httpx requests
(timeouts, no redirects) to the address checked for that attempt (app/pinned_http.py: no
DNS rebinding) on app/webhook_transport.py's lean HTTP/1.1 transport, and only then records
the answer: at-least-once. A crash between send and mark leaves the delivery leased; when
the lease runs out it is sent again, with the same webhook-id, which receivers
de-duplicate on. No step holds a transaction open across a send (each statement is its
own), so the events feed's horizon never waits on a slow receiver. The SQL lives in
app/services/webhooks.py; the HTTP here."""

import asyncio
import contextlib
import ssl
import time
from datetime import timedelta

import asyncpg
import httpx
import structlog

from app import pinned_http
from app.pinned_http import Target
from app.services import webhooks
from app.services.unit_of_work import Env
from app.webhook_transport import PinnedTransport, tls_context

log = structlog.get_logger("timecredits.webhooks")

# A send's limits: to connect (TCP and TLS), and for the whole attempt, connection included.
CONNECT_SECONDS, SEND_SECONDS = 5.0, 10.0
LEASE_SECONDS = 60.0  # longer than any send may take (SEND_SECONDS): no lease runs out mid-send
# Requests in flight to one endpoint at once, each endpoint with its own transport (and its
# kept-alive connections): a slow receiver holds up only its own deliveries.
PER_ENDPOINT = 8
HEADERS = {"user-agent": "timecredits-webhooks/1", "content-type": "application/json"}


class Dispatcher:
    """Steps can be run by hand (tests: `await dispatcher.step()`), or looped by `start`."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        env: Env,
        *,
        schedule: tuple[float, ...] = webhooks.SCHEDULE,
        disable_after: timedelta = webhooks.DISABLE_AFTER,
        batch: int = 200,
        poll_seconds: float = 0.05,
        lease_seconds: float = LEASE_SECONDS,
        connect_seconds: float = CONNECT_SECONDS,
        send_seconds: float = SEND_SECONDS,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        self.pool, self.env = pool, env
        self.schedule, self.disable_after = schedule, disable_after
        self.batch, self.poll_seconds, self.lease_seconds = batch, poll_seconds, lease_seconds
        self.connect_seconds, self.send_seconds, self.verify = connect_seconds, send_seconds, verify
        self._tls: ssl.SSLContext | None = None  # made at the first transport (CAs loaded once)
        # One transport per (endpoint, scheme://name:port); its pooled connections are each
        # for one (scheme, address, port, server name); one gate per endpoint.
        self._transports: dict[tuple[str, str], PinnedTransport] = {}
        self._gates: dict[str, asyncio.Semaphore] = {}
        # The address that last answered, per transport: tried first while it is among the
        # checked ones (a dead address of a name costs one failed connect, not one each time).
        self._answered: dict[tuple[str, str], str] = {}
        self._task: asyncio.Task[None] | None = None
        # One pooled connection at a time for the marks of a batch's concurrent sends:
        # the pool is the requests' first (app/api/deps.py).
        self._marking = asyncio.Semaphore(1)

    def _transport(
        self, endpoint_id: str, origin: str
    ) -> tuple[PinnedTransport, asyncio.Semaphore]:
        transport = self._transports.get((endpoint_id, origin))
        if transport is None:
            if self._tls is None:
                self._tls = tls_context(self.verify)
            transport = self._transports[endpoint_id, origin] = PinnedTransport(
                self._tls,
                connect=self.connect_seconds,
                total=self.send_seconds,
                max_idle=PER_ENDPOINT,
            )
        gate = self._gates.get(endpoint_id)
        if gate is None:
            gate = self._gates[endpoint_id] = asyncio.Semaphore(PER_ENDPOINT)
        return transport, gate

    async def fan_out(self) -> int:
        async with self.pool.acquire() as db:
            return await webhooks.fan_out(db)

    async def claim(self) -> list[webhooks.Claimed]:
        async with self.pool.acquire() as db:
            return await webhooks.claim(
                db, self.env, limit=self.batch, lease_seconds=self.lease_seconds
            )

    async def resolve(self, urls: set[str]) -> dict[str, Target | str]:
        """Each URL resolved and checked afresh (a host may resolve elsewhere now), once
        for all of a batch's attempts to it: one DNS lookup rather than one per delivery."""
        allow = self.env.webhooks_allow_private
        found = await asyncio.gather(
            *(pinned_http.resolve_target(url, allow_private=allow) for url in urls)
        )
        return dict(zip(urls, found, strict=True))

    async def send(
        self, claimed: webhooks.Claimed, target: Target | str | None = None
    ) -> tuple[int | None, str | None]:
        """One attempt: the status code (None when there was no answer) and what went
        wrong, if anything. It goes to an address just checked (`target`, else resolved
        here), never to a name looked up again; a refused one is a failed attempt.

        The request is httpx's, handed to the transport directly: httpx.AsyncClient around
        it cost 0.1-0.15 ms of CPU a send more (cookies, hooks, redirect and auth
        machinery a webhook has no use for; docs/performance.md, "Webhooks")."""
        if target is None:
            target = (await self.resolve({claimed.url}))[claimed.url]
        if isinstance(target, str):
            return None, f"refused: the URL {target}"
        timestamp = int(time.time())
        headers = {
            **HEADERS,
            "webhook-id": claimed.webhook_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": webhooks.signatures(
                claimed.keys, claimed.webhook_id, timestamp, claimed.body
            ),
            "host": target.host,  # the URL's name: the request goes to an address
        }
        key = (claimed.endpoint_id, target.origin)
        transport, gate = self._transport(*key)
        addresses = target.addresses
        answered = self._answered.get(key)
        if answered is not None and answered != addresses[0] and answered in addresses:
            addresses = (answered, *(a for a in addresses if a != answered))
        async with gate:
            for address in addresses:
                request = httpx.Request(
                    "POST",
                    target.at(address),
                    content=claimed.body,
                    headers=headers,
                    extensions=target.extensions,
                )
                try:
                    response = await transport.handle_async_request(request)
                except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                    failed: httpx.HTTPError = exc  # nothing sent: the next address
                    continue
                except httpx.HTTPError as exc:
                    failed = exc
                    break
                if address != answered:
                    self._answered[key] = address
                return response.status_code, None
        return None, f"{type(failed).__name__}: {failed}"[:500]

    async def mark(
        self, claimed: webhooks.Claimed, status_code: int | None, error: str | None
    ) -> str:
        async with self._marking, self.pool.acquire() as db:
            return await webhooks.mark(
                db,
                claimed,
                status_code=status_code,
                error=error,
                schedule=self.schedule,
                disable_after=self.disable_after,
            )

    async def deliver(
        self,
        claimed: webhooks.Claimed,
        target: Target | str,
        done: list[tuple[webhooks.Claimed, int]],
    ) -> None:
        """Send; a failure is marked at once, a success joins `done` (marked together)."""
        status_code, error = await self.send(claimed, target)
        if status_code is not None and webhooks.succeeded(status_code):
            done.append((claimed, status_code))
        else:
            await self.mark(claimed, status_code, error)

    async def step(self) -> int:
        """Fan out, then send what is due, all at once, then mark the successes in one
        statement; how many were sent."""
        await self.fan_out()
        due = await self.claim()
        done: list[tuple[webhooks.Claimed, int]] = []
        try:
            if due:
                targets = await self.resolve({c.url for c in due})
                await asyncio.gather(*(self.deliver(c, targets[c.url], done) for c in due))
        finally:
            if done:  # even when stopped mid-batch: what was sent and answered is kept
                async with self._marking, self.pool.acquire() as db:
                    await webhooks.mark_succeeded(db, done)
        return len(due)

    async def _loop(self) -> None:
        while True:
            try:
                sent = await self.step()
            except asyncio.CancelledError:
                raise
            except Exception:  # a database restart, say: log and carry on
                log.exception("webhook dispatch step failed")
                sent = 0
            if sent < self.batch:
                await asyncio.sleep(self.poll_seconds)

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        """Stop between sends or mid-send: an unmarked send is sent again later (same id)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for transport in self._transports.values():
            await transport.aclose()
        self._transports.clear()
        self._gates.clear()
        self._answered.clear()
