"""Health and version: what is being served, from which inventory and store."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel

from api.deps import DeclaredOnly, EngineDep
from api.problems import Problem
from api.security import CatalogScope
from catalog import __version__
from catalog.errors import DatamapError, StoreUnavailable

router = APIRouter(route_class=DeclaredOnly, tags=["service"])


class Health(BaseModel):
    status: str
    store: str
    detail: str | None = None
    inventory: dict[str, Any] | None = None


class Version(BaseModel):
    datamap: str
    api: str
    store: str
    inventory: dict[str, Any]


@router.get(
    "/health",
    response_model=Health,
    summary="Is the store reachable, and which inventory does it hold? (no API key needed)",
    responses={
        503: {"model": Health, "description": "The store cannot be reached or holds no graph"}
    },
)
def health(engine: EngineDep, response: Response) -> Health:
    store = engine.store
    response.headers["Cache-Control"] = "no-store"
    try:
        info = store.info()
    except StoreUnavailable as exc:
        response.status_code = 503
        if exc.retry_after is not None:
            response.headers["Retry-After"] = str(exc.retry_after)
        return Health(status="unavailable", store=store.name, detail=exc.public)
    except DatamapError as exc:
        response.status_code = 503
        return Health(status="unavailable", store=store.name, detail=exc.message)
    inventory = {
        k: info.get(k)
        for k in ("fingerprint", "policy", "nodes", "relationships", "synced_at")
        if k in info
    }
    return Health(status="ok", store=store.name, inventory=inventory)


@router.get(
    "/version",
    response_model=Version,
    summary="datamap and API versions, store and inventory",
    responses={503: {"model": Problem}},
)
def version(engine: EngineDep, _: CatalogScope) -> Version:
    info = engine.store.info()
    return Version(
        datamap=__version__,
        api="1",
        store=engine.store.name,
        inventory={k: info.get(k) for k in ("fingerprint", "policy", "synced_at") if k in info},
    )
