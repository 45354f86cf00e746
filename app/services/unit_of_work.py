"""The one write path (DESIGN.md §7): every change, whoever asks for it (a REST router, a
GraphQL resolver, the CLI, the demo loader), runs through `write`.

`write` opens the transaction, claims the Idempotency-Key (or replays the answer stored with
it), lets the operation make its change, records the change's events in the same
transaction (the outbox: app/services/events.py), stores the reply with the key, and commits.
A deadlock's or a serialization failure's victim runs again from the start. So services
never open a transaction nor commit: they get a `Work` (the connection, the caller, the
settings they need, the events to record) and return the model REST serialises.

One operation, the earning, makes its whole change in one SQL statement (the hot path,
bench/earn.py): a `OneStatement` builds that statement from this module's and
events.py's SQL fragments, and `write` runs it as its own transaction, retried the same way.
Another, the desk's redemption, has a `fast` attempt for the usual case (one look-up, then
one such statement), falling back to its general path for anything else (bench/redeem.py).
Within a caller's own transaction (the demo loader, a test) an operation runs in a
savepoint, and retrying is the caller's business."""

import asyncio
import hashlib
import random
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

import asyncpg
import structlog
from pydantic import BaseModel, TypeAdapter

from app.auth.caller import Caller
from app.models.common import STORED_FOR_REPLAY
from app.services import events, idempotency
from app.services.clock import NETWORK_CLOCK, Clock
from app.services.errors import Conflict, DomainError

In = TypeVar("In", bound=BaseModel | None)
Out = TypeVar("Out")
T = TypeVar("T")

log = structlog.get_logger("timecredits.unit_of_work")

# Errors after which the whole transaction may simply run again: it was rolled back, and
# whatever it waited for has moved on.
RETRYABLE = (asyncpg.DeadlockDetectedError, asyncpg.SerializationError)
ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class Env:
    """What services need from the configuration, built once (app/main.py, the CLI)."""

    clock: Clock = NETWORK_CLOCK
    pepper: bytes = b""
    # How long the organisation that posted a transfer may reverse it on its own
    # (TIMECREDITS_REVERSAL_WINDOW_SECONDS); the receiving side may always give back.
    reversal_window: timedelta = timedelta(days=1)
    # Figures from fewer people than this are suppressed in every report
    # (TIMECREDITS_MIN_CELL; app/services/reporting.py).
    min_cell: int = 10
    # Whether referrals may carry free-text notes (TIMECREDITS_REFERRAL_NOTES; special
    # category health data: off unless a deployment decides otherwise; referrals.py).
    referral_notes: bool = False
    # Whether webhook endpoints may target loopback/private addresses and plain http
    # (TIMECREDITS_WEBHOOKS_ALLOW_PRIVATE; development only: webhooks.py).
    webhooks_allow_private: bool = False


@dataclass(slots=True)
class Work:
    """An operation's view of its unit of work."""

    db: asyncpg.Connection
    caller: Caller
    env: Env
    pending: list[events.Pending] = field(default_factory=list)
    # Statements that must hold whatever the write's outcome: a wrong PIN's count (pins.py),
    # a card number that belongs to nobody (guesses.py). Run with the write when it
    # succeeds, in their own transaction after the rollback when it is refused.
    kept: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    def keep(self, sql: str, *args: Any) -> None:
        """Run `sql` whether this write succeeds or is refused."""
        self.kept.append((sql, args))

    def record(
        self,
        type_: str,
        resource: BaseModel,
        *,
        resource_id: str,
        audience: Iterable[str | None],
        at: datetime | None = None,
    ) -> None:
        """The change's event, written with it: `resource` as REST shows it, seen by the
        organisations in `audience` (None entries are ignored)."""
        self.pending.append(
            events.Pending(
                type=type_,
                resource_id=resource_id,
                data=resource.model_dump_json(by_alias=True),
                audience=tuple(sorted({o for o in audience if o is not None})),
                at=at,
            )
        )


@dataclass(frozen=True, slots=True)
class Operation(Generic[In, Out]):
    """A write: its name (what an Idempotency-Key is bound to, with the input), the
    service function making the change, and the type of its result."""

    name: str
    run: Callable[[Work, In], Awaitable[Out]]
    result: Any  # the result's type, for replays read back as models
    status: int = 201
    # The same change for the usual case in fewer round trips, tried first when the write
    # is its own transaction (the redemption: redemptions.py). It gets the key and the
    # fingerprint, and must claim, change, record and store in one statement, as a
    # OneStatement does; None from it (anything unusual, a race lost) runs `run`.
    fast: (
        Callable[[Work, In, str | None, bytes | None], Awaitable["Outcome[Out] | None"]] | None
    ) = None


@dataclass(frozen=True, slots=True)
class OneStatement(Generic[In, Out]):
    """A write made by one SQL statement that claims the key, changes, records its event
    and stores its reply itself. `prepare` checks what it can in Python and returns the
    statement and its arguments (it gets the key and the fingerprint to pass on); `finish`
    reads the statement's one row (with the input again): the Outcome, or the domain error
    to raise."""

    name: str
    prepare: Callable[[Work, In, str | None, bytes | None], tuple[str, tuple[Any, ...]]]
    finish: Callable[[Work, In, asyncpg.Record, bytes | None], "Outcome[Out]"]
    result: Any
    status: int = 201
    # Awaited before the statement, to refuse what needs a look-up first (a key past its
    # card-number guesses); most inputs need none, so it may return at once.
    guard: Callable[[Work, In], Awaitable[None]] | None = None


@dataclass(slots=True)
class Outcome(Generic[Out]):
    """A write's answer: the JSON it produced (or the stored one a retry replays), its
    status, and its model, read back from the JSON only when asked for."""

    body: bytes
    status: int
    result: Any = None
    replayed: bool = False
    _model: Any = None

    @property
    def model(self) -> Out:
        if self._model is None and self.body:
            self._model = TypeAdapter(self.result).validate_json(self.body)
        return self._model


def fingerprint(operation: str, input_: BaseModel | None, target: str | None = None) -> bytes:
    """What an Idempotency-Key is bound to: the operation, the resource it acts on (a path's
    id) and the parsed input as sent: a field sent as null and one left out are different
    requests (a listing's `location: null` gives it a place of its own, an absent one
    follows its organisation)."""
    canonical = input_.model_dump_json(exclude_unset=True) if input_ is not None else ""
    parts = (operation, target or "", canonical)
    return hashlib.sha256("\0".join(parts).encode()).digest()


def replayed(stored: asyncpg.Record | dict[str, Any], print_: bytes, result: Any) -> Outcome[Any]:
    """The stored answer for a key already used (422 if it was used for another request)."""
    body, status = idempotency.replay(stored, print_)
    return Outcome(body, status, result, replayed=True)


async def write(
    db: asyncpg.Connection,
    env: Env,
    caller: Caller,
    operation: "Operation[In, Out] | OneStatement[In, Out]",
    input_: In,
    *,
    key: str | None = None,
    target: str | None = None,
) -> Outcome[Out]:
    """Run one write as one transaction (a savepoint inside a caller's transaction)."""
    print_ = fingerprint(operation.name, input_, target) if key is not None else None
    if isinstance(operation, OneStatement):
        return await _one_statement(db, env, caller, operation, input_, key, print_)
    if operation.fast is not None and not db.is_in_transaction():
        outcome = await operation.fast(Work(db, caller, env), input_, key, print_)
        if outcome is not None:
            return outcome

    async def once() -> Outcome[Out]:
        work = Work(db, caller, env)
        try:
            async with _transaction(db):
                if key is not None:
                    stored = await idempotency.claim(db, caller.organisation_id, key, print_ or b"")
                    if stored is not None:
                        return replayed(stored, print_ or b"", operation.result)
                result = await operation.run(work, input_)
                outcome = _outcome(result, operation)
                await _run_kept(db, work)
                await events.insert(db, work.pending)
                if key is not None:
                    await idempotency.store(
                        db, caller.organisation_id, key, outcome.status, _stored(result)
                    )
        except DomainError:
            if work.kept:
                async with _transaction(db):  # the refusal rolled them back: again, alone
                    await _run_kept(db, work)
            raise
        return outcome

    return await _atomically(db, once)


async def _one_statement(
    db: asyncpg.Connection,
    env: Env,
    caller: Caller,
    operation: "OneStatement[In, Out]",
    input_: In,
    key: str | None,
    print_: bytes | None,
) -> Outcome[Out]:
    work = Work(db, caller, env)
    if operation.guard is not None:
        await operation.guard(work, input_)
    sql, args = operation.prepare(work, input_, key, print_)

    async def once() -> Outcome[Out]:
        try:
            row = await _fetchrow(db, sql, args)
        except asyncpg.UniqueViolationError as exc:
            if exc.constraint_name != idempotency.PRIMARY_KEY:
                raise
            # A concurrent duplicate committed first, and this statement was undone.
            # Run again: it finds the stored reply and replays it.
            row = await _fetchrow(db, sql, args)
        try:
            return operation.finish(work, input_, row, print_)
        finally:  # the statement has committed (or changed nothing): Work.keep's, alone
            if work.kept:
                async with _transaction(db):
                    await _run_kept(db, work)

    return await _atomically(db, once)


async def _run_kept(db: asyncpg.Connection, work: Work) -> None:
    for sql, args in work.kept:
        await db.execute(sql, *args)


async def _fetchrow(db: asyncpg.Connection, sql: str, args: tuple[Any, ...]) -> asyncpg.Record:
    if not db.is_in_transaction():
        return await db.fetchrow(sql, *args)  # the statement is its own transaction
    async with _Savepoint(db):  # a duplicate's failure undoes only this statement
        return await db.fetchrow(sql, *args)


def _outcome(result: Any, operation: "Operation[Any, Any]") -> Outcome[Any]:
    if result is None:
        return Outcome(b"", operation.status, operation.result)
    body = result.model_dump_json(by_alias=True).encode()
    return Outcome(body, operation.status, operation.result, _model=result)


def _stored(result: Any) -> bytes:
    """The copy kept for replays: secrets (ShownOnce fields) are not in it."""
    if result is None:
        return b""
    return result.model_dump_json(by_alias=True, context=STORED_FOR_REPLAY).encode()


def _transaction(db: asyncpg.Connection) -> Any:
    """The write's own transaction, or a savepoint in the caller's."""
    return _Savepoint(db) if db.is_in_transaction() else db.transaction()


class _Savepoint:
    """A savepoint by SQL: asyncpg's own nested transaction() refuses to run inside a
    transaction begun with a plain BEGIN, which a caller of the unit of work may hold."""

    __slots__ = ("_db", "_name")
    _count = 0

    def __init__(self, db: asyncpg.Connection) -> None:
        _Savepoint._count += 1
        self._db, self._name = db, f"unit_of_work_{_Savepoint._count}"

    async def __aenter__(self) -> None:
        await self._db.execute(f"SAVEPOINT {self._name}")

    async def __aexit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            await self._db.execute(f"RELEASE SAVEPOINT {self._name}")
        elif not self._db.is_closed():
            await self._db.execute(
                f"ROLLBACK TO SAVEPOINT {self._name}; RELEASE SAVEPOINT {self._name}"
            )


async def _atomically(db: asyncpg.Connection, once: Callable[[], Awaitable[T]]) -> T:
    if db.is_in_transaction():
        return await once()
    return await retrying(once)


async def retrying(operation: Callable[[], Awaitable[T]], *, attempts: int = ATTEMPTS) -> T:
    """`operation()` must open (and so roll back) its own transaction. Bounded: after
    `attempts` victims in a row, a 409 conflict asks the client to retry, never a 500.

    Accounts are always locked in id order (ledger_move), but an Idempotency-Key is a lock
    too, taken first on the general path (claim, then change) and last by the earning's one
    statement (change, then store): an earning and another write sharing one key on one
    wallet can wait for each other, and PostgreSQL aborts one. The victim holds nothing any
    more, so running it again gives the answer it should have had: the other's replay, or
    422 idempotency_key_reused. DESIGN §2: a deadlock never reaches the client."""
    for attempt in range(1, attempts + 1):
        try:
            return await operation()
        except RETRYABLE as exc:
            log.info("transaction retried", error=type(exc).__name__, attempt=attempt)
            if attempt == attempts:
                raise Conflict(
                    "this request kept colliding with concurrent ones; retry it"
                ) from exc
            # A few milliseconds, jittered: the winner commits, and two victims of one
            # another do not collide again in lockstep.
            await asyncio.sleep(random.uniform(0, 0.01 * attempt))
    raise AssertionError("unreachable")  # pragma: no cover


# Every transaction the service opens is opened in this module: writes by `write`, and
# these for what is not a change (tests/test_layers.py checks no other module opens one).


def reading(db: asyncpg.Connection) -> Any:
    """A read-only transaction, for a read that needs transaction-local settings (the
    directory search's planner settings)."""
    return db.transaction(readonly=True)


def snapshot(db: asyncpg.Connection) -> Any:
    """A read-only transaction on one snapshot, for reads that must agree with each other
    (the ledger check; a feed page and its total)."""
    return db.transaction(isolation="repeatable_read", readonly=True)


def housekeeping(db: asyncpg.Connection) -> Any:
    """A transaction for forgetting what has expired (idempotency keys past retention) or
    rolling the report rollups' queue (rollups.py): no domain change, so no event and no
    Idempotency-Key."""
    return db.transaction()


def all_or_nothing(db: asyncpg.Connection) -> Any:
    """An outer transaction around many writes that must land together (the demo network):
    each `write` inside it runs in a savepoint, and retrying is this caller's business."""
    return db.transaction()
