"""Serve representations the API has already rendered, before FastAPI routes the request.

A rendered answer is kept under its ETag (deps.answer). With the embedded store the ETag cannot
change while the process runs, so a GET whose ETag is known is answered here: the same API-key
check as its endpoint (the scope is kept with the representation), a 304 when the client's copy
is current, else the kept bytes. Anything else (an unknown ETag, a key that fails, a Neo4j
store) goes on to FastAPI, which answers, reports errors and fills the cache.
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from api.deps import CACHE_CONTROL, make_etag, matches
from api.security import authorize

WANTED = (b"accept", b"if-none-match")


class ServeKnownRepresentations:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        # Neo4j's fingerprint is a read on the server: that belongs in a thread, after routing.
        if not state.engine.store.immutable:
            await self.app(scope, receive, send)
            return
        cache = state.representations
        headers: dict[bytes, str] = {}
        for k, v in scope["headers"]:  # the first of each, as Starlette reads them
            if k in WANTED:
                headers.setdefault(k, v.decode("latin-1"))
        query = scope["query_string"].decode("latin-1")
        etag = make_etag(
            state.engine.store.fingerprint(), scope["path"], query, headers.get(b"accept", "")
        )
        kept = cache.get(etag)
        if kept is None or authorize(state.api_keys, scope["headers"], kept[1]) is not None:
            await self.app(scope, receive, send)
            return
        (body, media_type, extra), _ = kept
        if matches(headers.get(b"if-none-match"), etag):
            await _send(send, 304, [], b"", etag)
            return
        fields = [(b"content-type", _content_type(media_type).encode("latin-1"))]
        fields += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in extra.items()]
        await _send(send, 200, fields, body, etag)


def _content_type(media_type: str) -> str:
    if media_type.startswith("text/") and "charset" not in media_type:
        return f"{media_type}; charset=utf-8"
    return media_type


async def _send(send: Send, status: int, fields: list[Any], body: bytes, etag: str) -> None:
    headers = [
        *fields,
        (b"etag", etag.encode("latin-1")),
        (b"cache-control", CACHE_CONTROL.encode("latin-1")),
        (b"content-length", str(len(body)).encode("latin-1")),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
