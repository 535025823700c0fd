"""What a check is: a function over the graph (a `Context`) with a model of its parameters,
marked with the name rules.yaml uses for it. checks/__init__.py lists the check modules."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ConfigDict

from catalog.review.compliance.context import Context, Hit


class Params(BaseModel):
    """Parameters of a check; each check declares its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)


CheckFn = Callable[[Context, Any], Iterable[Hit]]


@dataclass(frozen=True)
class CheckSpec:
    name: str
    params: type[Params]
    run: CheckFn
    doc: str


def check(name: str, params: type[Params] = Params) -> Callable[[CheckFn], CheckFn]:
    """Mark a function as the check rules.yaml calls `name`."""

    def mark(fn: CheckFn) -> CheckFn:
        # kept on the function itself, where the runner finds it; a function type declares
        # no such attribute
        fn.check_spec = CheckSpec(name, params, fn, (fn.__doc__ or "").strip())  # type: ignore[attr-defined]
        return fn

    return mark


def collect(*modules: ModuleType) -> dict[str, CheckSpec]:
    """Every check the modules mark, by name; a name marked twice is a programming error."""
    found: dict[str, CheckSpec] = {}
    for module in modules:
        for value in vars(module).values():
            spec = getattr(value, "check_spec", None)
            if isinstance(spec, CheckSpec):
                if spec.name in found and found[spec.name].run is not spec.run:
                    raise RuntimeError(f"check {spec.name!r} is defined twice")
                found[spec.name] = spec
    return found
