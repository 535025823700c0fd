"""Data categories: list, detail, who receives one, its lineage, where it is held."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from api.deps import CatalogRead, DeclaredOnly, Paging, SearchText, answer, listing
from api.problems import ERROR_RESPONSES
from catalog import queries
from catalog.model.results import (
    Category,
    CategoryItem,
    Lineage,
    Locations,
    Page,
    WhoReceives,
)
from catalog.queries import DEFAULT_DEPTH, MAX_DEPTH

router = APIRouter(
    route_class=DeclaredOnly, prefix="/categories", tags=["categories"], responses=ERROR_RESPONSES
)

CategoryParam = Annotated[
    str,
    Path(
        max_length=300,
        description="A data category or item: its id, or its name in any case",
        examples=["payment-information"],
    ),
]


@router.get("", response_model=Page[CategoryItem], summary="List data categories and items")
async def list_categories(read: CatalogRead, page: Paging, q: SearchText = None) -> Response:
    return await listing(read, "categories", page, q)


@router.get(
    "/{category}",
    response_model=Category,
    summary="One data category, with its classification and sources",
)
async def get_category(category: CategoryParam, read: CatalogRead) -> Response:
    return await answer(read, lambda: read.engine.ask(queries.CATEGORY, category=category))


@router.get(
    "/{category}/recipients",
    response_model=WhoReceives,
    summary="Who receives this category (and what is grouped beneath it), why, and on what authority",
)
async def category_recipients(category: CategoryParam, read: CatalogRead) -> Response:
    return await answer(read, lambda: read.engine.ask(queries.WHO_RECEIVES, category=category))


@router.get(
    "/{category}/lineage",
    response_model=Lineage,
    summary="Where this category comes from and where it goes",
)
async def category_lineage(
    category: CategoryParam,
    read: CatalogRead,
    depth: Annotated[
        int, Query(ge=1, le=MAX_DEPTH, description="Hops to follow from the category")
    ] = DEFAULT_DEPTH,
) -> Response:
    return await answer(
        read, lambda: read.engine.ask(queries.LINEAGE, category=category, depth=depth)
    )


@router.get(
    "/{category}/locations",
    response_model=Locations,
    summary="The systems, tables and columns holding this category (what an access request searches)",
)
async def category_locations(category: CategoryParam, read: CatalogRead) -> Response:
    return await answer(read, lambda: read.engine.ask(queries.WHERE, category=category))
