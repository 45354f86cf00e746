"""From a service's pydantic model to a GraphQL type: the fields of the same name."""

import dataclasses
from typing import Any, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


def to(cls: type[T], model: BaseModel, **overrides: Any) -> T:
    """`cls` (a strawberry type, a dataclass) with `model`'s fields of the same names;
    `overrides` for those that need converting (nested models, JSON)."""
    values = {
        f.name: overrides[f.name] if f.name in overrides else getattr(model, f.name)
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.init
    }
    return cls(**values)


def maybe(cls: type[T], model: BaseModel | None) -> T | None:
    return None if model is None else to(cls, model)


def plain(model: Any) -> Any:
    """A nested model as REST's JSON (for a `JSON` field): snake_case keys, as REST."""
    if isinstance(model, BaseModel):
        return model.model_dump(mode="json", by_alias=True)
    if isinstance(model, list):
        return [plain(m) for m in model]
    return model
