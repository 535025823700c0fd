"""Diagrams as SVG, drawn by Graphviz from the same engine."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query, Response

from visualize import diagrams

from ..deps import CatalogRead, answer
from ..problems import ERROR_RESPONSES

router = APIRouter(prefix="/diagrams", tags=["diagrams"], responses=ERROR_RESPONSES)


class Kind(StrEnum):
    map = "map"
    category = "category"
    recipient = "recipient"
    transfers = "transfers"
    sold = "sold"


@router.get(
    "/{kind}",
    response_class=Response,
    summary="A data-flow diagram as SVG",
    description="`map`, `transfers` and `sold` need nothing more; `category` needs `?category=` and `recipient` needs `?recipient=` (id or name).",
    responses={200: {"content": {"image/svg+xml": {}}, "description": "The diagram"}},
)
async def diagram(
    kind: Kind,
    read: CatalogRead,
    category: Annotated[str | None, Query(max_length=300)] = None,
    recipient: Annotated[str | None, Query(max_length=300)] = None,
) -> Response:
    entry = category if kind is Kind.category else recipient if kind is Kind.recipient else None
    return await answer(
        read,
        lambda: diagrams.build(read.engine, kind.value, entry),
        lambda graph: (diagrams.render(graph, "svg"), "image/svg+xml", {}),
    )
