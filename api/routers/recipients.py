"""Recipients: list, detail, what one receives."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from catalog.results import Page, RecipientCategories, RecipientDetail, RecipientItem

from ..deps import Cached, EngineDep, Paging, SearchText
from ..problems import ERROR_RESPONSES
from ..security import CatalogScope

router = APIRouter(prefix="/recipients", tags=["recipients"], responses=ERROR_RESPONSES)

RecipientParam = Annotated[
    str,
    Path(
        max_length=300,
        description="A recipient: its id, or its name in any case",
        examples=["shipping-providers"],
    ),
]


@router.get("", response_model=Page[RecipientItem], summary="List recipients")
def list_recipients(
    engine: EngineDep, _: CatalogScope, __: Cached, page: Paging, q: SearchText = None
) -> Page:
    limit, offset = page
    return engine.list("recipients", q=q, limit=limit, offset=offset)


@router.get(
    "/{recipient}",
    response_model=RecipientDetail,
    summary="One recipient: role, functions, sources",
)
def get_recipient(
    recipient: RecipientParam, engine: EngineDep, _: CatalogScope, __: Cached
) -> RecipientDetail:
    return engine.recipient(recipient)


@router.get(
    "/{recipient}/categories",
    response_model=RecipientCategories,
    summary="What this recipient receives, through which disclosures",
)
def recipient_categories(
    recipient: RecipientParam, engine: EngineDep, _: CatalogScope, __: Cached
) -> RecipientCategories:
    return engine.recipient_categories(recipient)
