"""Fides (fideslang) manifests, read with the project's own models: the `fideslang` package pins
an old pydantic, so the parts datamap exchanges are modelled here. Unknown keys are kept out
without complaint (manifests carry much datamap does not use), but what is read is checked.

A `dataset` manifest lists collections (tables) and their fields, each with `data_categories`
(fideslang keys); fields nest (`fields:` under a field) for documents. A `system` manifest lists
systems with `egress`/`ingress` (what they send to and receive from) and privacy declarations.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Fides(BaseModel):
    model_config = ConfigDict(extra="ignore")


class FidesField(_Fides):
    name: str
    description: str | None = None
    data_categories: list[str] | None = None
    fides_meta: dict[str, object] | None = None
    fields: list[FidesField] | None = None


class FidesCollection(_Fides):
    name: str
    description: str | None = None
    data_categories: list[str] | None = None
    fields: list[FidesField] = Field(default_factory=list)


class FidesDataset(_Fides):
    fides_key: str
    name: str | None = None
    description: str | None = None
    data_categories: list[str] | None = None
    collections: list[FidesCollection] = Field(default_factory=list)


class FidesDataFlow(_Fides):
    fides_key: str
    type: Literal["system", "user", "dataset"] = "system"
    data_categories: list[str] | None = None


class FidesPrivacyDeclaration(_Fides):
    name: str | None = None
    data_categories: list[str] = Field(default_factory=list)
    data_use: str | None = None
    data_subjects: list[str] = Field(default_factory=list)
    dataset_references: list[str] | None = None


class FidesSystem(_Fides):
    fides_key: str
    name: str | None = None
    description: str | None = None
    system_type: str | None = None
    egress: list[FidesDataFlow] | None = None
    ingress: list[FidesDataFlow] | None = None
    privacy_declarations: list[FidesPrivacyDeclaration] = Field(default_factory=list)


class FidesManifest(_Fides):
    dataset: list[FidesDataset] = Field(default_factory=list)
    system: list[FidesSystem] = Field(default_factory=list)
