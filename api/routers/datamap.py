"""The data map: its data as JSON, and the page that draws it (scripts shipped in the package)."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import FileResponse

from api.deps import CatalogRead, DeclaredOnly, answer
from api.problems import ERROR_RESPONSES
from catalog import queries
from catalog.model.results import DataMap
from visualize.map import page

router = APIRouter(route_class=DeclaredOnly, tags=["map"], responses=ERROR_RESPONSES)


@router.get(
    "/map.json",
    response_model=DataMap,
    summary="The data map: collection points, categories, systems, purposes, recipients and "
    "countries, and what flows between them (sale, share, general statement, reading)",
)
async def map_data(read: CatalogRead) -> Response:
    return await answer(read, lambda: read.engine.ask(queries.DATA_MAP))


@router.get("/map", include_in_schema=False)
async def map_page() -> FileResponse:
    # The page reads /map.json and /entries/{id}; nothing it loads leaves the server.
    return FileResponse(page(), media_type="text/html")
