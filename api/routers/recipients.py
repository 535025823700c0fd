"""Recipients: list, detail, what one receives."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.deps import CatalogRead, DeclaredOnly, Paging, SearchText, answer, listing
from api.problems import ERROR_RESPONSES
from catalog import queries
from catalog.model.results import Page, RecipientCategories, RecipientDetail, RecipientItem

router = APIRouter(
    route_class=DeclaredOnly, prefix="/recipients", tags=["recipients"], responses=ERROR_RESPONSES
)

RecipientParam = Annotated[
    str,
    Path(
        max_length=300,
        description="A recipient: its id, or its name in any case",
        examples=["shipping-providers"],
    ),
]


@router.get("", response_model=Page[RecipientItem], summary="List recipients")
async def list_recipients(read: CatalogRead, page: Paging, q: SearchText = None) -> Response:
    return await listing(read, "recipients", page, q)


@router.get(
    "/{recipient}",
    response_model=RecipientDetail,
    summary="One recipient: role, functions, sources",
)
async def get_recipient(recipient: RecipientParam, read: CatalogRead) -> Response:
    return await answer(read, lambda: read.engine.ask(queries.RECIPIENT, recipient=recipient))


@router.get(
    "/{recipient}/categories",
    response_model=RecipientCategories,
    summary="What this recipient receives, through which disclosures",
)
async def recipient_categories(recipient: RecipientParam, read: CatalogRead) -> Response:
    return await answer(
        read, lambda: read.engine.ask(queries.RECIPIENT_CATEGORIES, recipient=recipient)
    )
