"""The rest of the catalogue: collection contexts, purposes, activities, any entry by id."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.deps import CatalogRead, DeclaredOnly, Paging, SearchText, answer, listing
from api.problems import ERROR_RESPONSES
from catalog import queries
from catalog.model.results import (
    ActivityItem,
    ContextItem,
    Entity,
    EntryItem,
    ErasureRecipients,
    Page,
    PurposeItem,
)

router = APIRouter(route_class=DeclaredOnly, tags=["catalogue"], responses=ERROR_RESPONSES)


@router.get(
    "/contexts",
    response_model=Page[ContextItem],
    summary="Collection points: the policy's contexts and tracking technologies",
)
async def list_contexts(read: CatalogRead, page: Paging, q: SearchText = None) -> Response:
    return await listing(read, "contexts", page, q)


@router.get(
    "/purposes",
    response_model=Page[PurposeItem],
    summary="Purposes, with their CCPA, DPV and fideslang mappings",
)
async def list_purposes(read: CatalogRead, page: Paging, q: SearchText = None) -> Response:
    return await listing(read, "purposes", page, q)


@router.get("/activities", response_model=Page[ActivityItem], summary="Processing activities")
async def list_activities(read: CatalogRead, page: Paging, q: SearchText = None) -> Response:
    return await listing(read, "activities", page, q)


@router.get(
    "/entries/{entry}",
    response_model=Entity,
    summary="Any entry by id or name, with every relationship",
)
async def get_entry(
    entry: Annotated[str, Path(max_length=300, examples=["ctx-purchase"])], read: CatalogRead
) -> Response:
    return await answer(read, lambda: read.engine.ask(queries.SHOW, entry=entry))


@router.get(
    "/subjects",
    response_model=Page[EntryItem],
    summary="Kinds of individuals (data subjects), for the erasure question",
)
async def list_subjects(read: CatalogRead, page: Paging, q: SearchText = None) -> Response:
    return await listing(read, "subjects", page, q)


@router.get(
    "/subjects/{subject}/erasure-recipients",
    response_model=ErasureRecipients,
    summary="Who must be told of an erasure request for a kind of individual (GDPR Art. 17(2), 19)",
)
async def erasure_recipients(
    subject: Annotated[str, Path(max_length=300, examples=["customers"])], read: CatalogRead
) -> Response:
    return await answer(read, lambda: read.engine.ask(queries.ERASURE, subject=subject))
