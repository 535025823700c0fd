"""The datamap query API: one FastAPI app over the same query engine as the CLI."""

from __future__ import annotations

import gc
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from api import docs, problems
from api.deps import CACHE_CONTROL, DeclaredOnly, NotModified, Representations
from api.fastpath import DatamapApp
from api.methods import HeadAndOptions
from api.routers import (
    catalog,
    categories,
    datamap,
    diagrams,
    flows,
    meta,
    queries,
    recipients,
    records,
    review,
)
from api.security import KeysFirst, RequestLimits, parse_keys, relative_slash_redirects
from catalog import __version__
from catalog.errors import BadRequest
from catalog.queries.engine import QueryEngine
from catalog.review.compliance import rules
from catalog.settings import Settings, load_settings
from catalog.stores import Store, open_store
from visualize.map import MAP_ASSETS

DESCRIPTION = """\
Ask the personal-data catalogue: who receives a data category, what a recipient receives,
what is sold or shared, what crosses borders, and the records of processing. Every answer
cites the privacy-policy sentences it rests on (`sources`), and marks datamap's own readings
(`inferred`).

Ids and names are accepted alike, in any case. Errors are RFC 9457 problem details. Reads carry
an ETag that changes only when the inventory (or the synced Neo4j graph) changes; send it back in
`If-None-Match` for a 304. With `DATAMAP_API_KEYS` set, every endpoint but `/health` needs a key
(`X-API-Key` header or Bearer token) with the endpoint's scope: `catalog`, `records` or `queries`.
"""


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    settings = settings or load_settings()
    try:
        keys = parse_keys(settings.api_keys.get_secret_value() if settings.api_keys else None)
    except ValueError as exc:
        raise BadRequest(f"invalid DATAMAP_API_KEYS: {exc}") from None
    if settings.rules is not None:
        rules(settings.rules)  # a broken rule catalogue stops the start, like a broken inventory
    # A Neo4j store starts even while Neo4j is down: requests get 503 until it is back.
    store = store or open_store(settings, wait=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = DatamapApp(
        title="datamap",
        version=__version__,
        summary="Personal-data inventory and lineage catalogue",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served from the package by api.docs, not from a CDN
        redoc_url=None,
    )
    relative_slash_redirects(app.router)
    app.router.route_class = DeclaredOnly  # the app's own routes (docs) too
    app.state.settings = settings
    app.state.engine = engine = QueryEngine(store)
    if store.immutable:
        # Ready before the first request: the name index and the answer pieces made, and what
        # was loaded moved out of the garbage collector's way (it lives as long as the process).
        engine.prepare()
        gc.collect()
        gc.freeze()
    # Kept by ETag, which names the synced graph too: a re-sync makes new ETags, not stale bodies.
    app.state.representations = Representations(settings.api_cache_bytes)
    app.state.diffs_at_once = threading.BoundedSemaphore(review.DIFFS_AT_ONCE)
    app.state.api_keys = keys
    problems.install(app)

    @app.exception_handler(NotModified)
    async def _not_modified(request: Request, exc: NotModified) -> Response:
        return Response(status_code=304, headers={"ETag": exc.etag, "Cache-Control": CACHE_CONTROL})

    auth = problems.AUTH_RESPONSES if keys else {}
    for router in (
        categories.router,
        recipients.router,
        catalog.router,
        flows.router,
        records.router,
        review.router,
        diagrams.router,
        queries.router,
        datamap.router,
    ):
        app.include_router(router, responses=auth)
    app.include_router(meta.router)
    # the map's assets first: /assets below would otherwise answer for /assets/map too
    app.mount("/assets/map", StaticFiles(directory=MAP_ASSETS), name="map-assets")
    docs.install(app)
    # Kept answers before anything else (fastpath.py); then, added last and run first: a
    # valid key (with keys on), HEAD and OPTIONS, limits.
    app.fast_path = settings.api_fast_path
    app.add_middleware(RequestLimits, settings=settings)
    app.add_middleware(HeadAndOptions)
    if keys:
        app.add_middleware(KeysFirst, keys=keys, settings=settings)
    return app


def app_from_environment() -> FastAPI:
    """For `uvicorn api.main:app_from_environment --factory`."""
    return create_app()
