"""The one settings object: flags override environment variables (DATAMAP_*), which override
these defaults.

A frozen dataclass that checks and converts its own values, not a pydantic model: importing
pydantic takes longer than a question on the command line takes to answer, and every command
reads the settings. The values are few and simple (strings, bounded numbers, switches, paths, a
choice, two secrets), each declared once below with its bounds; values from the environment are
strings, converted like any other input. Everything past this edge (inventories, API bodies,
answers) is validated by pydantic.
"""

from __future__ import annotations

import dataclasses
import os
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import inventory as _shipped
from catalog.errors import BadRequest

SHIPPED_INVENTORY = Path(_shipped.__file__).resolve().parent
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEV_USER = "root"
DEV_PASSWORD = "datamap-dev"  # a development default for a loopback-only server, not a secret
DEV_DATABASE = "datamap"
# Larger inventory files are refused before they are parsed.
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024
ENV_PREFIX = "DATAMAP_"


class Secret:
    """A value kept out of reprs, logs and tracebacks (a password, API keys)."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


_DEV_SECRET = Secret(DEV_PASSWORD)


def _user_cache() -> Path | None:
    """$XDG_CACHE_HOME/datamap or ~/.cache/datamap; none for a user without a home (a
    service account): answers are the same, only not kept."""
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "datamap"
    try:
        return Path.home() / ".cache" / "datamap"
    except RuntimeError:
        return None


def _about(help: str = "", **bounds: float) -> dict[str, Any]:
    """A field's help and bounds (gt, ge, le), as its metadata."""
    return {"help": help, "bounds": bounds}


@dataclass(frozen=True)
class Settings:
    inventory: Path = field(default=SHIPPED_INVENTORY, metadata=_about("Inventory folder"))
    store: Literal["embedded", "neo4j"] = "embedded"
    sync_batch_size: int = field(default=2000, metadata=_about("Rows per UNWIND in a sync", gt=0))
    max_file_bytes: int = field(default=DEFAULT_MAX_FILE_BYTES, metadata=_about(gt=0))
    cache_dir: Path | None = field(
        default_factory=_user_cache,
        metadata=_about("Where compiled inventories are kept between runs; empty to keep none"),
    )
    rules: Path | None = field(
        default=None,
        metadata=_about("Rule catalogue for `datamap check` (default: the shipped one)"),
    )

    # The defaults reach `datamap dev-server`; point them at a real Neo4j with DATAMAP_NEO4J_*.
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = DEV_USER
    neo4j_password: Secret = _DEV_SECRET
    neo4j_database: str = DEV_DATABASE
    neo4j_timeout: float = field(default=5.0, metadata=_about("Seconds to connect", gt=0))
    neo4j_retry_time: float = field(
        default=3.0,
        metadata=_about("Seconds a read keeps retrying before the store counts as down", ge=0),
    )

    # The API. Keys are "key[:scope+scope]" separated by commas; a key without scopes has all.
    api_host: str = "127.0.0.1"
    api_port: int = field(default=8000, metadata=_about(ge=1, le=65535))
    api_keys: Secret | None = None
    api_max_url_bytes: int = field(default=4096, metadata=_about(gt=0))
    api_max_query_params: int = field(default=32, metadata=_about(gt=0))
    api_max_body_bytes: int = field(
        default=65536,
        metadata=_about("Largest request body, counted as it arrives: more is answered 413", ge=0),
    )
    # What the server datamap starts (api/server.py) enforces on each connection.
    api_max_header_bytes: int = field(
        default=16384,
        metadata=_about("Largest request line and headers, in bytes: more is answered 431", gt=0),
    )
    api_header_timeout: float = field(
        default=10.0,
        metadata=_about(
            "Seconds a connection has to send a request's head: then 408, and closed", gt=0
        ),
    )
    api_body_timeout: float = field(
        default=30.0,
        metadata=_about("Seconds a request has to send its body after its head; then 408", gt=0),
    )
    api_max_connections: int = field(
        default=100,
        metadata=_about("Connections served at once: a request on one more is answered 503", gt=0),
    )
    api_page_limit: int = field(
        default=100, metadata=_about("Default page size of list endpoints", gt=0)
    )
    api_max_page_limit: int = field(default=1000, metadata=_about(gt=0))
    api_open_docs: bool = field(
        default=False,
        metadata=_about("With API keys on, serve /docs, /redoc and /openapi.json without a key"),
    )
    api_fast_path: bool = field(
        default=True,
        metadata=_about(
            "Serve kept answers before routing (embedded store); off, the endpoints serve them "
            "(for measuring what the shortcut is worth)"
        ),
    )
    api_cache_bytes: int = field(
        default=64 * 1024 * 1024,
        metadata=_about(
            "Rendered answers kept by the API, in bytes of bodies (0 keeps none)", ge=0
        ),
    )

    def __post_init__(self) -> None:
        problems: list[tuple[str, str]] = []
        for f in dataclasses.fields(self):
            try:
                value = _convert(f.name, getattr(self, f.name))
            except ValueError as exc:
                problems.append((f.name, str(exc)))
            else:
                object.__setattr__(self, f.name, value)
        if problems:
            raise InvalidSettings(problems)

    def replace(self, **changes: Any) -> Settings:
        """A copy with `changes` (flags), checked like any other value."""
        try:
            return dataclasses.replace(self, **changes)
        except InvalidSettings as exc:
            raise BadRequest(f"invalid settings: {exc}") from None

    @classmethod
    def default(cls, name: str) -> Any:
        """The default of a setting, as declared."""
        f = cls.__dataclass_fields__[name]
        if f.default is not dataclasses.MISSING:
            return f.default
        if f.default_factory is not dataclasses.MISSING:
            return f.default_factory()
        raise TypeError(f"the setting {name} has no default")


class InvalidSettings(ValueError):
    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{name}: {why}" for name, why in problems))
        self.problems = problems


# -- checking one value -------------------------------------------------------------------------

_TRUE = {"1", "true", "yes", "on", "t", "y"}
_FALSE = {"0", "false", "no", "off", "f", "n"}


@cache
def _declared() -> dict[str, tuple[Any, bool, dict[str, float]]]:
    """Each field's type, whether it may be None, and its bounds."""
    hints = typing.get_type_hints(Settings)
    out = {}
    for f in dataclasses.fields(Settings):
        kind = hints[f.name]
        args = typing.get_args(kind)
        optional = type(None) in args and typing.get_origin(kind) is not Literal
        if optional:
            (kind,) = (a for a in args if a is not type(None))
        out[f.name] = (kind, optional, f.metadata.get("bounds", {}))
    return out


def _convert(name: str, value: Any) -> Any:
    kind, optional, bounds = _declared()[name]
    if name == "cache_dir" and value in ("", "off", "none"):
        return None
    if value is None:
        if optional:
            return None
        raise ValueError("a value is required")
    if typing.get_origin(kind) is Literal:
        choices = typing.get_args(kind)
        if value not in choices:
            raise ValueError(f"use one of {', '.join(choices)}, not {value!r}")
        return value
    if kind is bool:
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise ValueError(f"use true or false, not {value!r}")
    if kind in (int, float):
        converted = _number(kind, value)
        for bound, limit in bounds.items():
            if not _BOUNDS[bound][0](converted, limit):
                raise ValueError(f"must be {_BOUNDS[bound][1]} {limit:g}, not {value!r}")
        return converted
    if kind is Path:
        if isinstance(value, (str, os.PathLike)) and str(value):
            return Path(value)
        raise ValueError(f"must be a path, not {value!r}")
    if kind is Secret:
        if isinstance(value, Secret):
            return value
        if isinstance(value, str):
            return Secret(value)
        raise ValueError("must be a string")
    if not isinstance(value, str):
        raise ValueError(f"must be a string, not {value!r}")
    if name == "neo4j_uri":
        scheme = value.split("://", 1)[0] if "://" in value else ""
        if scheme not in NEO4J_SCHEMES:
            raise ValueError(
                f"use one of {', '.join(s + '://' for s in NEO4J_SCHEMES)}, not {value!r}"
            )
    return value


_BOUNDS = {
    "gt": (lambda v, limit: v > limit, "greater than"),
    "ge": (lambda v, limit: v >= limit, "at least"),
    "le": (lambda v, limit: v <= limit, "at most"),
}


def _number(kind: type, value: Any) -> int | float:
    wanted = "a whole number" if kind is int else "a number"
    if isinstance(value, bool):
        raise ValueError(f"must be {wanted}, not {value!r}")
    if isinstance(value, kind) or (kind is float and isinstance(value, int)):
        return kind(value)
    if isinstance(value, str):
        try:
            return kind(value.strip())
        except ValueError:
            pass
    if kind is int and isinstance(value, float) and value.is_integer():
        return int(value)
    raise ValueError(f"must be {wanted}, not {value!r}")


# -- the settings of a run ----------------------------------------------------------------------


def environment() -> dict[str, str]:
    """DATAMAP_<FIELD> (any case) for every field."""
    fields = Settings.__dataclass_fields__
    found = {}
    for key, value in os.environ.items():
        upper = key.upper()
        if upper.startswith(ENV_PREFIX):
            name = upper.removeprefix(ENV_PREFIX).lower()
            if name in fields:
                found[name] = value
    return found


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment, with the non-None overrides (CLI flags) on top."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**{**environment(), **given})
    except InvalidSettings as exc:
        # a value from the environment is named as it was set there
        problems = "; ".join(
            f"{name if name in given else ENV_PREFIX + name.upper()}: {why}"
            for name, why in exc.problems
        )
        raise BadRequest(f"invalid settings: {problems}") from None
