"""Dependencies shared by the routers: the query engine, conditional GETs, paging."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import Depends, Query, Request, Response

from catalog.engine import QueryEngine
from catalog.settings import Settings

from .problems import ApiProblem

CACHE_CONTROL = "private, no-cache"  # revalidate every time; a 304 costs one fingerprint read


def get_engine(request: Request) -> QueryEngine:
    return request.app.state.engine


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


EngineDep = Annotated[QueryEngine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


class NotModified(Exception):
    def __init__(self, etag: str) -> None:
        super().__init__(etag)
        self.etag = etag


def etag_for(fingerprint: str, request: Request) -> str:
    """Weak ETag: the graph's fingerprint and this exact representation (URL and Accept)."""
    key = f"{request.url.path}?{request.url.query}|{request.headers.get('accept', '')}"
    digest = hashlib.sha256(f"{fingerprint}|{key}".encode()).hexdigest()[:20]
    return f'W/"{digest}"'


def _matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    if header.strip() == "*":
        return True
    tags = [t.strip() for t in header.split(",")]
    bare = etag.removeprefix("W/")
    return any(t == etag or t.removeprefix("W/") == bare for t in tags)


def revalidate(request: Request, response: Response, version: str) -> str:
    """Set ETag and Cache-Control for `version` of what the request reads; answer 304 at once
    when the client's copy is current."""
    etag = etag_for(version, request)
    if _matches(request.headers.get("if-none-match"), etag):
        raise NotModified(etag)
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = CACHE_CONTROL
    return etag


def conditional(request: Request, response: Response, engine: EngineDep) -> str:
    return revalidate(request, response, engine.store.fingerprint())


Cached = Annotated[str, Depends(conditional)]


def paging(
    settings: SettingsDep,
    limit: Annotated[
        int | None, Query(ge=1, description="Page size (default and maximum set by the server)")
    ] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> tuple[int, int]:
    limit = limit or settings.api_page_limit
    if limit > settings.api_max_page_limit:
        raise ApiProblem(422, f"limit must be at most {settings.api_max_page_limit}")
    return limit, offset


Paging = Annotated[tuple[int, int], Depends(paging)]
SearchText = Annotated[
    str | None, Query(max_length=200, description="Only entries whose id or name contains this")
]
