"""Where data goes: what is sold, transfers, and whether a category may go to a recipient."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import CatalogRead, answer
from api.problems import ERROR_RESPONSES
from catalog import queries
from catalog.model.results import CheckAnswer, Transfers, WhatIsSold

router = APIRouter(tags=["flows"], responses=ERROR_RESPONSES)


@router.get(
    "/sold",
    response_model=WhatIsSold,
    summary="What is sold or shared (CCPA), to whom, why, and the opt-outs",
)
async def sold(read: CatalogRead) -> Response:
    return await answer(read, lambda: read.engine.ask(queries.WHAT_IS_SOLD))


@router.get(
    "/transfers", response_model=Transfers, summary="Cross-border transfers and their mechanisms"
)
async def transfers(read: CatalogRead) -> Response:
    return await answer(read, lambda: read.engine.ask(queries.TRANSFERS))


@router.get(
    "/check",
    response_model=CheckAnswer,
    summary="May this category go to this recipient?",
    description=(
        "Yes, with the activities, purposes and policy sentences that allow it (and whether only "
        "a general statement about personal information does); or no, with the reason, what the "
        "recipient does receive, and who does receive the category."
    ),
)
async def check(
    read: CatalogRead,
    category: Annotated[str, Query(min_length=1, max_length=300, examples=["payment-information"])],
    recipient: Annotated[str, Query(min_length=1, max_length=300, examples=["shipping-providers"])],
) -> Response:
    return await answer(
        read, lambda: read.engine.ask(queries.CHECK, category=category, recipient=recipient)
    )
