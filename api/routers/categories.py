"""Data categories: list, detail, who receives one, its lineage."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from catalog.queries import DEFAULT_DEPTH, MAX_DEPTH
from catalog.results import Category, CategoryItem, Lineage, Page, WhoReceives

from ..deps import Cached, EngineDep, Paging, SearchText
from ..problems import ERROR_RESPONSES
from ..security import CatalogScope

router = APIRouter(prefix="/categories", tags=["categories"], responses=ERROR_RESPONSES)

CategoryParam = Annotated[
    str,
    Path(
        max_length=300,
        description="A data category or item: its id, or its name in any case",
        examples=["payment-information"],
    ),
]


@router.get("", response_model=Page[CategoryItem], summary="List data categories and items")
def list_categories(
    engine: EngineDep, _: CatalogScope, __: Cached, page: Paging, q: SearchText = None
) -> Page:
    limit, offset = page
    return engine.list("categories", q=q, limit=limit, offset=offset)


@router.get(
    "/{category}",
    response_model=Category,
    summary="One data category, with its classification and sources",
)
def get_category(
    category: CategoryParam, engine: EngineDep, _: CatalogScope, __: Cached
) -> Category:
    return engine.category(category)


@router.get(
    "/{category}/recipients",
    response_model=WhoReceives,
    summary="Who receives this category (and what is grouped beneath it), why, and on what authority",
)
def category_recipients(
    category: CategoryParam, engine: EngineDep, _: CatalogScope, __: Cached
) -> WhoReceives:
    return engine.who_receives(category)


@router.get(
    "/{category}/lineage",
    response_model=Lineage,
    summary="Where this category comes from and where it goes",
)
def category_lineage(
    category: CategoryParam,
    engine: EngineDep,
    _: CatalogScope,
    __: Cached,
    depth: Annotated[
        int, Query(ge=1, le=MAX_DEPTH, description="Hops to follow from the category")
    ] = DEFAULT_DEPTH,
) -> Lineage:
    return engine.lineage(category, depth)
