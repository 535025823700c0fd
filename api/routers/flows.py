"""Where data goes: what is sold, transfers, and whether a category may go to a recipient."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from catalog.results import CheckAnswer, Transfers, WhatIsSold

from ..deps import Cached, EngineDep
from ..problems import ERROR_RESPONSES
from ..security import CatalogScope

router = APIRouter(tags=["flows"], responses=ERROR_RESPONSES)


@router.get(
    "/sold",
    response_model=WhatIsSold,
    summary="What is sold or shared (CCPA), to whom, why, and the opt-outs",
)
def sold(engine: EngineDep, _: CatalogScope, __: Cached) -> WhatIsSold:
    return engine.what_is_sold()


@router.get(
    "/transfers", response_model=Transfers, summary="Cross-border transfers and their mechanisms"
)
def transfers(engine: EngineDep, _: CatalogScope, __: Cached) -> Transfers:
    return engine.transfers()


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
def check(
    engine: EngineDep,
    _: CatalogScope,
    __: Cached,
    category: Annotated[str, Query(min_length=1, max_length=300, examples=["payment-information"])],
    recipient: Annotated[str, Query(min_length=1, max_length=300, examples=["shipping-providers"])],
) -> CheckAnswer:
    return engine.check(category, recipient)
