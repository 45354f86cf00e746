"""Scopes a key can carry, and which an organisation's roles allow."""

from collections.abc import Iterable

ALL_SCOPES: tuple[str, ...] = (
    "members:read",
    "members:write",
    "earn:write",
    "spend:write",
    "gift:write",
    "directory:read",
    "directory:write",
    "referrals:read",
    "referrals:write",
    "surveys:read",
    "surveys:write",
    "reports:read",
    "events:read",
    "webhooks:manage",
    "keys:manage",
    "admin",
)
ROLES: tuple[str, ...] = ("operator", "commissioner", "earn_partner", "spend_partner", "prescriber")


def allowed_for(roles: Iterable[str]) -> frozenset[str]:
    """Everything but `admin`, which only the operator may hold; `earn:write` needs a role
    that gives credits (an earn partner, or the operator)."""
    roles = set(roles)
    scopes = set(ALL_SCOPES) - {"admin"}
    if "operator" in roles:
        scopes.add("admin")
    if not roles & {"operator", "earn_partner"}:
        scopes.discard("earn:write")
    return frozenset(scopes)
