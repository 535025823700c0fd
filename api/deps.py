"""Dependencies shared by the routers: the query engine, conditional GETs, paging."""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any

import orjson
from fastapi import Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.routing import APIRoute
from pydantic import BaseModel

from api.problems import ApiProblem
from api.security import check_key
from catalog import queries
from catalog.model.plain import Plain
from catalog.queries.engine import QueryEngine
from catalog.settings import Settings

CACHE_CONTROL = "private, no-cache"  # revalidate every time; a 304 costs one fingerprint read


# Dependencies that do no I/O are `async def`: FastAPI would run a plain `def` in its thread
# pool, and the hop costs more than the work.


async def get_engine(request: Request) -> QueryEngine:
    engine: QueryEngine = request.app.state.engine
    return engine


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


EngineDep = Annotated[QueryEngine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


class NotModified(Exception):
    def __init__(self, etag: str) -> None:
        super().__init__(etag)
        self.etag = etag


def etag_for(fingerprint: str, request: Request) -> str:
    """Weak ETag: the graph's fingerprint and this exact representation (URL and Accept)."""
    # From the scope, as fastpath.py makes it: no URL object built for it (a large part of a
    # read's own cost), and the two cannot drift apart.
    scope = request.scope
    return make_etag(
        fingerprint,
        scope["path"],
        scope["query_string"].decode("latin-1"),
        request.headers.get("accept", ""),
    )


def make_etag(fingerprint: str, path: str, query: str, accept: str) -> str:
    digest = hashlib.sha256(f"{fingerprint}|{path}?{query}|{accept}".encode()).hexdigest()[:20]
    return f'W/"{digest}"'


def matches(header: str | None, etag: str) -> bool:
    """Does an If-None-Match header name this ETag (weak comparison, as for GET)?"""
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
    if matches(request.headers.get("if-none-match"), etag):
        raise NotModified(etag)
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = CACHE_CONTROL
    return etag


async def conditional(request: Request, response: Response, engine: EngineDep) -> str:
    store = engine.store
    # The embedded store's fingerprint is in memory; Neo4j's is a read, kept off the event loop.
    version = store.fingerprint() if store.immutable else await run_in_threadpool(store.fingerprint)
    return revalidate(request, response, version)


Cached = Annotated[str, Depends(conditional)]


DEFAULT_MAX_PAGE = Settings.default("api_max_page_limit")


async def paging(
    settings: SettingsDep,
    limit: Annotated[
        int | None,
        Query(
            ge=1,
            le=DEFAULT_MAX_PAGE,
            description="Page size: 100 unless DATAMAP_API_PAGE_LIMIT says otherwise; at most "
            "1000 unless DATAMAP_API_MAX_PAGE_LIMIT says otherwise",
        ),
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


# -- query parameters: only those an endpoint declares ------------------------------------------


def _query_names(dependant: Any) -> set[str]:
    names = {field.alias for field in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


class DeclaredOnly(APIRoute):
    """A route that refuses a query parameter its endpoint does not take (422) before anything
    else runs: a misspelt one would otherwise be ignored in silence, and every junk variant of a
    URL would be an answer to compute and a key to keep. A route class rather than an app-wide
    dependency: FastAPI's cost is per dependency, and every request paid for this one."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        names = frozenset(_query_names(self.dependant))
        takes = ", ".join(sorted(names)) or "none"

        async def checked(request: Request) -> Response:
            if request.scope.get("query_string"):
                unknown = sorted(set(request.query_params) - names)
                if unknown:
                    shown = ", ".join(u[:40] for u in unknown[:5])
                    raise ApiProblem(
                        422,
                        f"{request.url.path} takes no parameter {shown}; "
                        f"the parameters it takes: {takes}",
                    )
            return await handler(request)

        return checked


# -- reads: one dependency for the key, the engine and the ETag -----------------------------


@dataclass(frozen=True)
class Read:
    """What a read endpoint needs: the request, the engine, and the ETag of its answer."""

    request: Request
    engine: QueryEngine
    etag: str
    scope: str = "catalog"


def reader(scope: str) -> Any:
    """Check the API key for `scope`, then the ETag (304 at once when the client's copy is
    current). One dependency rather than three: FastAPI's cost is per dependency."""

    async def read(request: Request, response: Response) -> Read:
        check_key(request, scope)
        engine: QueryEngine = request.app.state.engine
        store = engine.store
        version = (
            store.fingerprint() if store.immutable else await run_in_threadpool(store.fingerprint)
        )
        return Read(request, engine, revalidate(request, response, version), scope)

    return Depends(read)


CatalogRead = Annotated[Read, reader("catalog")]
RecordsRead = Annotated[Read, reader("records")]


# -- answers and their representations -------------------------------------------------------

Rendered = tuple[bytes, str, dict[str, str]]  # body, media type, extra headers


def as_json(result: BaseModel | Plain[Any]) -> Rendered:
    """An answer's JSON: a plain answer as it is, by orjson; a model by pydantic's own
    encoder (both in C)."""
    if isinstance(result, Plain):
        return orjson.dumps(result.data), "application/json", {}
    return result.model_dump_json(by_alias=True).encode(), "application/json", {}


class Representations:
    """Rendered answers by ETag, with the API-key scope their endpoint requires; the most
    recently used kept, up to `max_bytes` of bodies in all (an answer larger than that is not
    kept). The ETag is made from the graph's fingerprint (for Neo4j, the synced inventory and
    the time of its sync), so it names one representation for good. fastpath.py serves them
    before routing on the embedded store; on Neo4j, after the fingerprint is read."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[str, tuple[Rendered, str]] = OrderedDict()
        # Representations being made, by ETag: requests for one already being made wait for it
        # rather than make it again (after a start or a sync, many clients ask the same URLs at
        # once; at M, 32 clients on 800 URLs made each answer up to 32 times).
        self._making: dict[str, asyncio.Task[Rendered]] = {}

    async def obtain(self, etag: str, scope: str, make: Callable[[], Rendered]) -> Rendered:
        """The representation kept under `etag`, else made by `make` (in a thread: a store may
        do I/O) once however many requests ask for it meanwhile, and kept. A request that goes
        away does not stop the making: the others, and the cache, still get it."""
        kept = self.get(etag)
        if kept is not None:
            return kept[0]
        task = self._making.get(etag)
        if task is None:
            task = asyncio.ensure_future(self._make(etag, scope, make))
            self._making[etag] = task
            task.add_done_callback(self._made)
        return await asyncio.shield(task)

    async def _make(self, etag: str, scope: str, make: Callable[[], Rendered]) -> Rendered:
        try:
            rendered = await run_in_threadpool(make)
            self.put(etag, rendered, scope)
            return rendered
        finally:
            del self._making[etag]

    @staticmethod
    def _made(task: asyncio.Task[Rendered]) -> None:
        # Taken here, so that a failure no request waited for is not reported as unretrieved:
        # each request that waited has raised it already.
        if not task.cancelled():
            task.exception()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, etag: str) -> tuple[Rendered, str] | None:
        found = self._items.get(etag)
        if found is not None:
            self._items.move_to_end(etag)
        return found

    def put(self, etag: str, rendered: Rendered, scope: str) -> None:
        size = _size(rendered)
        if size > self.max_bytes or etag in self._items:
            return
        self._items[etag] = (rendered, scope)
        self.bytes += size
        while self.bytes > self.max_bytes:
            _, (old, _) = self._items.popitem(last=False)
            self.bytes -= _size(old)


def _size(rendered: Rendered) -> int:
    body, media_type, extra = rendered
    # The body, plus what an entry costs beside it (key, tuple, headers), roughly.
    return len(body) + len(media_type) + sum(len(k) + len(v) for k, v in extra.items()) + 256


async def answer(
    read: Read, compute: Callable[[], Any], render: Callable[[Any], Rendered] = as_json
) -> Response:
    """The response for `compute()`, rendered by `render`: from the representation cache when
    it holds this ETag, else computed (off the event loop: a store may do I/O), once for all the
    requests asking for it meanwhile, and kept."""
    etag = read.etag
    cache: Representations = read.request.app.state.representations
    rendered = await cache.obtain(etag, read.scope, lambda: render(compute()))
    body, media_type, extra = rendered
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, **extra}
    return Response(body, media_type=media_type, headers=headers)


async def listing(read: Read, what: str, page: tuple[int, int], q: str | None) -> Response:
    """One page of a list endpoint (contexts, categories, recipients, purposes, activities)."""
    limit, offset = page
    return await answer(
        read,
        lambda: read.engine.ask(queries.LIST, what=what, q=q, limit=limit, offset=offset),
    )
