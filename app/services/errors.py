"""Domain errors. Each has a stable machine `code`; app/api/problems.py maps them to HTTP."""

from typing import ClassVar


class DomainError(Exception):
    code: ClassVar[str]
    title: ClassVar[str]

    def __init__(self, detail: str, *, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors


class Unauthenticated(DomainError):
    code = "unauthenticated"
    title = "Missing or invalid API key"


class Forbidden(DomainError):
    code = "forbidden"
    title = "Not allowed"


class ReversalWindowPassed(Forbidden):
    """The poster of a transfer is past its correction window: the receiving side must
    give the credits back (DESIGN §3)."""

    code = "reversal_window_passed"
    title = "Past the correction window"


class NotFound(DomainError):
    code = "not_found"
    title = "Not found"


class InvalidInput(DomainError):
    """Well-formed input that breaks a domain rule (a date before the programme started)."""

    code = "validation_error"
    title = "Invalid request"

    @classmethod
    def field(cls, field: str, message: str) -> "InvalidInput":
        return cls(f"{field}: {message}", errors=[{"field": field, "message": message}])


class InsufficientCredits(DomainError):
    code = "insufficient_credits"
    title = "Insufficient credits"


class Conflict(DomainError):
    code = "conflict"
    title = "Conflict"


class RedemptionRefused(DomainError):
    """A redemption the code or token cannot make. Its `code` is the reason a validation
    gives (`unknown`, `expired`, `already_used`, `over_cap`, `insufficient_credits`), so a
    till handles both the same way."""

    code = "redemption_refused"
    title = "Redemption refused"

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.code = reason  # type: ignore[misc]


class IdempotencyKeyReused(DomainError):
    code = "idempotency_key_reused"
    title = "Idempotency key reused with a different request"


class RateLimited(DomainError):
    """Too many requests from one client: `retry_after` seconds until the next is accepted."""

    code = "rate_limited"
    title = "Too many requests"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after
