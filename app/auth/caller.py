"""Who a request acts as. Shared by REST, GraphQL and services (no FastAPI here)."""

from dataclasses import dataclass

from app.services.errors import Forbidden


@dataclass(frozen=True, slots=True)
class Caller:
    organisation_id: str
    key_id: str | None  # None for the CLI and the demo loader
    roles: frozenset[str]
    scopes: frozenset[str]

    @property
    def is_operator(self) -> bool:
        return "operator" in self.roles and "admin" in self.scopes


def ensure_scope(caller: Caller, scope: str) -> None:
    if scope not in caller.scopes:
        raise Forbidden(f"this API key lacks the {scope} scope")


def ensure_role(caller: Caller, *roles: str) -> None:
    if not caller.roles.intersection(roles):
        raise Forbidden(f"only an organisation with role {' or '.join(roles)} may do this")
