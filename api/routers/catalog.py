"""The rest of the catalogue: collection contexts, purposes, activities, any entry by id."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from catalog.results import ActivityItem, ContextItem, Entity, Page, PurposeItem

from ..deps import Cached, EngineDep, Paging, SearchText
from ..problems import ERROR_RESPONSES
from ..security import CatalogScope

router = APIRouter(tags=["catalogue"], responses=ERROR_RESPONSES)


@router.get(
    "/contexts",
    response_model=Page[ContextItem],
    summary="Collection points: the policy's contexts and tracking technologies",
)
def list_contexts(
    engine: EngineDep, _: CatalogScope, __: Cached, page: Paging, q: SearchText = None
) -> Page:
    limit, offset = page
    return engine.list("contexts", q=q, limit=limit, offset=offset)


@router.get(
    "/purposes",
    response_model=Page[PurposeItem],
    summary="Purposes, with their CCPA, DPV and fideslang mappings",
)
def list_purposes(
    engine: EngineDep, _: CatalogScope, __: Cached, page: Paging, q: SearchText = None
) -> Page:
    limit, offset = page
    return engine.list("purposes", q=q, limit=limit, offset=offset)


@router.get("/activities", response_model=Page[ActivityItem], summary="Processing activities")
def list_activities(
    engine: EngineDep, _: CatalogScope, __: Cached, page: Paging, q: SearchText = None
) -> Page:
    limit, offset = page
    return engine.list("activities", q=q, limit=limit, offset=offset)


@router.get(
    "/entries/{entry}",
    response_model=Entity,
    summary="Any entry by id or name, with every relationship",
)
def get_entry(
    entry: Annotated[str, Path(max_length=300, examples=["ctx-purchase"])],
    engine: EngineDep,
    _: CatalogScope,
    __: Cached,
) -> Entity:
    return engine.show(entry)
