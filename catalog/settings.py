"""The one settings object: flags override environment variables (DATAMAP_*), which override
these defaults.

A plain pydantic model reading its own variables: pydantic-settings did the same and cost a
question on the command line more time to import (asyncio, its CLI and cloud sources) than the
answer takes. Values from the environment are strings, validated like any other input.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

import inventory as _shipped
from catalog.errors import BadRequest

SHIPPED_INVENTORY = Path(_shipped.__file__).resolve().parent
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEV_USER = "root"
DEV_PASSWORD = "datamap-dev"  # a development default for a loopback-only server, not a secret
DEV_DATABASE = "datamap"
# Larger inventory files are refused before they are parsed.
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024


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


ENV_PREFIX = "DATAMAP_"


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    inventory: Path = Field(default=SHIPPED_INVENTORY, description="Inventory folder")
    store: Literal["embedded", "neo4j"] = "embedded"
    sync_batch_size: int = Field(default=2000, gt=0, description="Rows per UNWIND in a sync")
    max_file_bytes: int = Field(default=DEFAULT_MAX_FILE_BYTES, gt=0)
    cache_dir: Path | None = Field(
        default_factory=lambda: _user_cache(),
        description="Where compiled inventories are kept between runs; empty to keep none",
    )
    rules: Path | None = Field(
        default=None, description="Rule catalogue for `datamap check` (default: the shipped one)"
    )

    # The defaults reach `datamap dev-server`; point them at a real Neo4j with DATAMAP_NEO4J_*.
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = DEV_USER
    neo4j_password: SecretStr = SecretStr(DEV_PASSWORD)
    neo4j_database: str = DEV_DATABASE
    neo4j_timeout: float = Field(default=5.0, gt=0, description="Seconds to connect")
    neo4j_retry_time: float = Field(
        default=3.0,
        ge=0,
        description="Seconds a read keeps retrying before the store counts as down",
    )

    # The API. Keys are "key[:scope+scope]" separated by commas; a key without scopes has all.
    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)
    api_keys: SecretStr | None = None
    api_max_url_bytes: int = Field(default=4096, gt=0)
    api_max_query_params: int = Field(default=32, gt=0)
    api_max_body_bytes: int = Field(default=65536, ge=0)
    api_page_limit: int = Field(
        default=100, gt=0, description="Default page size of list endpoints"
    )
    api_max_page_limit: int = Field(default=1000, gt=0)
    api_open_docs: bool = Field(
        default=False,
        description="With API keys on, serve /docs, /redoc and /openapi.json without a key",
    )
    api_fast_path: bool = Field(
        default=True,
        description="Serve kept answers before routing (embedded store); off, the endpoints "
        "serve them (for measuring what the shortcut is worth)",
    )
    api_cache_bytes: int = Field(
        default=64 * 1024 * 1024,
        ge=0,
        description="Rendered answers kept by the API, in bytes of bodies (0 keeps none)",
    )

    @model_validator(mode="before")
    @classmethod
    def _environment(cls, given: object) -> object:
        """DATAMAP_<FIELD> (any case) for every field not given."""
        if not isinstance(given, dict):
            return given
        found = {}
        for key, value in os.environ.items():
            upper = key.upper()
            if upper.startswith(ENV_PREFIX):
                name = upper.removeprefix(ENV_PREFIX).lower()
                if name in cls.model_fields and name not in given:
                    found[name] = value
        return {**found, **given}

    @field_validator("cache_dir", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value in ("", "off", "none") else value

    @field_validator("neo4j_uri")
    @classmethod
    def _bolt_or_neo4j(cls, value: str) -> str:
        scheme = value.split("://", 1)[0] if "://" in value else ""
        if scheme not in NEO4J_SCHEMES:
            raise ValueError(
                f"use one of {', '.join(s + '://' for s in NEO4J_SCHEMES)}, not {value!r}"
            )
        return value


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with the non-None overrides (CLI flags) on top."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:

        def where(loc: tuple) -> str:  # a value from the environment is named as set there
            field = ".".join(str(x) for x in loc)
            return field if field in given else f"{ENV_PREFIX}{field.upper()}"

        problems = "; ".join(
            f"{where(e['loc'])}: {e['msg'].removeprefix('Value error, ')}" for e in exc.errors()
        )
        raise BadRequest(f"invalid settings: {problems}") from None
