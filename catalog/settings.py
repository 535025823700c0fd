"""The one settings object: flags override environment variables (DATAMAP_*), which override
these defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

import inventory as _shipped

from .loader import DEFAULT_MAX_FILE_BYTES

SHIPPED_INVENTORY = Path(_shipped.__file__).resolve().parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DATAMAP_", extra="ignore")

    inventory: Path = Field(default=SHIPPED_INVENTORY, description="Inventory folder")
    store: Literal["embedded", "neo4j"] = "embedded"
    max_file_bytes: int = Field(default=DEFAULT_MAX_FILE_BYTES, gt=0)

    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with the non-None overrides (CLI flags) on top."""
    given = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**given)
