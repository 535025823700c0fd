"""The questions datamap answers. Each answer function reads a GraphView and returns a result
model; each question is declared once, beside its answer, as a `Query` (query.py) that names
the answer and its arguments. The engine (engine.py) asks any of them.

This package only hands names on: `catalog.queries.X` is the top-level name X of whichever
module here defines it, found by reading the modules' text (no list to keep), and imported when
first read (PEP 562), so a command asking one question loads that question's module, not every
answer and result model datamap has (`datamap who-receives --json` imports no pydantic at all).
`QUERIES` is every `Query` any module here declares: a new module that declares a question is
picked up by the engine, the CLI, the API and every parity, declaration and dialect test.

A name two modules define is not handed on (import it from its module); a module's own name
is never a name handed on, since importing a submodule sets the package attribute of its name.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
# A top-level definition: def, class, or an assignment (annotated or not), public names only.
_DEFINED = re.compile(
    r"^(?:(?:async\s+)?def\s+([A-Za-z]\w*)|class\s+([A-Za-z]\w*)|([A-Za-z]\w*)\s*(?::[^\n=]*)?=(?!=))",
    re.M,
)


def _modules() -> list[str]:
    return sorted(p.stem for p in _HERE.glob("*.py") if not p.stem.startswith("_"))


@cache
def _homes() -> dict[str, tuple[str, ...]]:
    """Each public top-level name, and the modules whose text defines it."""
    modules = _modules()
    homes: dict[str, dict[str, None]] = {}
    for module in modules:
        text = (_HERE / f"{module}.py").read_text(encoding="utf-8")
        for m in _DEFINED.finditer(text):
            name = next(g for g in m.groups() if g)
            homes.setdefault(name, {})[module] = None
    return {name: tuple(found) for name, found in homes.items() if name not in modules}


def _discover() -> tuple[Any, ...]:
    """Every question declared in a module here, module by module, in the order written."""
    from catalog.queries.query import Query

    found: dict[int, Any] = {}
    for module in _modules():
        for value in vars(import_module(f"{__name__}.{module}")).values():
            if isinstance(value, Query):
                found.setdefault(id(value), value)
    return tuple(found.values())


def __getattr__(name: str) -> Any:
    if name == "QUERIES":
        value: Any = _discover()
    elif name == "__all__":
        value = sorted([*(n for n, homes in _homes().items() if len(homes) == 1), "QUERIES"])
    else:
        homes = _homes().get(name, ())
        if len(homes) > 1:
            raise AttributeError(
                f"{name!r} is defined in several modules of {__name__} ({', '.join(homes)}): "
                "import it from the one you mean"
            )
        if not homes or not hasattr(module := import_module(f"{__name__}.{homes[0]}"), name):
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__getattr__("__all__")})
