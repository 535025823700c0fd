"""Diagrams as SVG, drawn by Graphviz from the same engine."""

from __future__ import annotations

from collections.abc import Awaitable
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from api.deps import CatalogRead, DeclaredOnly, Read, answer
from api.problems import ERROR_RESPONSES
from visualize import diagrams

router = APIRouter(
    route_class=DeclaredOnly, prefix="/diagrams", tags=["diagrams"], responses=ERROR_RESPONSES
)


SVG: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/svg+xml": {}}, "description": "The diagram, as SVG"}
}


def _svg(read: Read, kind: str, entry: str | None = None) -> Awaitable[Response]:
    return answer(
        read,
        lambda: diagrams.build(read.engine, kind, entry),
        lambda graph: (diagrams.render(graph, "svg"), "image/svg+xml", {}),
    )


class Whole(StrEnum):
    map = "map"
    transfers = "transfers"
    sold = "sold"


@router.get(
    "/category",
    response_class=Response,
    summary="The lineage of one data category, as SVG",
    responses=SVG,
)
async def category_diagram(
    read: CatalogRead,
    category: Annotated[
        str,
        Query(min_length=1, max_length=300, description="A data category or item: id or name"),
    ],
) -> Response:
    return await _svg(read, "category", category)


@router.get(
    "/recipient",
    response_class=Response,
    summary="What one recipient receives and why, as SVG",
    responses=SVG,
)
async def recipient_diagram(
    read: CatalogRead,
    recipient: Annotated[
        str, Query(min_length=1, max_length=300, description="A recipient: id or name")
    ],
) -> Response:
    return await _svg(read, "recipient", recipient)


@router.get(
    "/{kind}",
    response_class=Response,
    summary="The whole data map, the cross-border transfers, or what is sold, as SVG",
    responses=SVG,
)
async def diagram(kind: Whole, read: CatalogRead) -> Response:
    return await _svg(read, kind.value)
