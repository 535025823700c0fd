"""Serve representations the API has already rendered, before FastAPI sees the request.

A rendered answer is kept under its ETag (deps.answer). With the embedded store the ETag cannot
change while the process runs, so a GET whose ETag is known is answered here: the same API-key
check as its endpoint (the scope is kept with the representation), a 304 when the client's copy
is current, else the kept bytes. Anything else (an unknown ETag, a key that fails, a request
with a body, a Neo4j store) goes on to FastAPI, which answers, reports errors and fills the
cache.

`DatamapApp` asks here first, ahead of FastAPI's own layers (its telemetry hook reads the
environment on every request, then the error middleware, then ours): on a kept answer those
were three quarters of the time the process spent. What they do is not needed for a kept
answer: its URL passed the request limits when it was first answered (the limits hold for the
life of the process); HEAD and OPTIONS and the docs are never served from here; and a failure
here is not an error page, the request goes on to the app as if nothing were kept.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from api.deps import CACHE_CONTROL, Representations, make_etag, matches
from api.security import authorize

WANTED = (b"accept", b"if-none-match")
# A request that sends a body is left to the app, which applies the body limit.
BODY = (b"content-length", b"transfer-encoding")

log = logging.getLogger("datamap.api")


class DatamapApp(FastAPI):
    """The API's FastAPI app, answering kept representations before its middleware stack."""

    fast_path = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.fast_path and scope["type"] == "http" and scope["method"] == "GET":
            try:
                kept = _kept(self, scope)
            except Exception:  # never an error page from here: the app answers instead
                log.exception("the fast path failed; the request is routed")
                kept = None
            if kept is not None:
                status, fields, body = kept
                await send({"type": "http.response.start", "status": status, "headers": fields})
                await send({"type": "http.response.body", "body": body})
                return
        await super().__call__(scope, receive, send)


def _kept(app: FastAPI, scope: Scope) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
    """The response to send for a kept representation (status, headers, body), or None."""
    state = app.state
    store = state.engine.store
    # Neo4j's fingerprint is a read on the server: that belongs in a thread, after routing.
    if not store.immutable:
        return None
    headers: dict[bytes, str] = {}
    for k, v in scope["headers"]:  # the first of each, as Starlette reads them
        if k in WANTED:
            headers.setdefault(k, v.decode("latin-1"))
        elif k in BODY:
            return None
    query = scope["query_string"].decode("latin-1")
    etag = make_etag(store.fingerprint(), scope["path"], query, headers.get(b"accept", ""))
    cache: Representations = state.representations
    kept = cache.get(etag)
    if kept is None or authorize(state.api_keys, scope["headers"], kept[1]) is not None:
        return None
    (body, media_type, extra), _ = kept
    if matches(headers.get(b"if-none-match"), etag):
        return 304, _fields([], b"", etag), b""
    fields = [(b"content-type", _content_type(media_type).encode("latin-1"))]
    fields += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in extra.items()]
    return 200, _fields(fields, body, etag), body


def _content_type(media_type: str) -> str:
    if media_type.startswith("text/") and "charset" not in media_type:
        return f"{media_type}; charset=utf-8"
    return media_type


def _fields(fields: list[Any], body: bytes, etag: str) -> list[tuple[bytes, bytes]]:
    return [
        *fields,
        (b"etag", etag.encode("latin-1")),
        (b"cache-control", CACHE_CONTROL.encode("latin-1")),
        (b"content-length", str(len(body)).encode("latin-1")),
    ]
