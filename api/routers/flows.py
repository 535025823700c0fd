"""Where data goes: what is sold, transfers, and whether a category may go to a recipient."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from api.deps import CatalogRead, DeclaredOnly, EngineDep, answer
from api.problems import BODY_RESPONSES, ERROR_RESPONSES
from api.security import CatalogScope
from catalog import queries
from catalog.model.results import CheckAnswer, FlowsChecked, Transfers, WhatIsSold
from catalog.queries.batch import MAX_FLOWS, check_flows

router = APIRouter(route_class=DeclaredOnly, tags=["flows"], responses=ERROR_RESPONSES)


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


CAN_SHARE = (
    "`verdict` says how: `named` (a context or activity names this recipient for this data), "
    "`general` (only a statement about personal information in general covers it) or `none`, "
    "with the activities, purposes and policy sentences behind it; for `none`, what the "
    "recipient does receive and who does receive the category."
)


@router.get(
    "/can-share",
    response_model=CheckAnswer,
    summary="May this category go to this recipient?",
    description=CAN_SHARE,
)
@router.get(
    "/check",
    response_model=CheckAnswer,
    summary="May this category go to this recipient? (the first name of /can-share)",
    description=CAN_SHARE,
)
async def can_share(
    read: CatalogRead,
    category: Annotated[str, Query(min_length=1, max_length=300, examples=["payment-information"])],
    recipient: Annotated[str, Query(min_length=1, max_length=300, examples=["shipping-providers"])],
) -> Response:
    return await answer(
        read, lambda: read.engine.ask(queries.CHECK, category=category, recipient=recipient)
    )


class Flow(BaseModel):
    category: str = Field(min_length=1, max_length=300, examples=["payment-information"])
    recipient: str = Field(min_length=1, max_length=300, examples=["shipping-providers"])


class Flows(BaseModel):
    flows: list[Flow] = Field(min_length=1, max_length=MAX_FLOWS)


@router.post(
    "/can-share",
    response_model=FlowsChecked,
    responses=BODY_RESPONSES,
    summary="Many flows at once: each verdict, and how many of each (a gate for CI)",
    description="Each flow gets the verdict and answer of `GET /can-share`, or an `error` when "
    f"a name is not found; at most {MAX_FLOWS} flows. A gate passes when `none` and `unknown` "
    "are 0 (and, strictly, `general` too).",
)
async def can_share_many(body: Flows, engine: EngineDep, _: CatalogScope) -> FlowsChecked:
    # Not a read of a URL: no ETag, nothing kept; the key check is the same as every read's.
    pairs = [(f.category, f.recipient) for f in body.flows]
    return await run_in_threadpool(check_flows, engine, pairs)
