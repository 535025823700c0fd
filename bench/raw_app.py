"""The fast path's baseline: a raw ASGI app, no framework, that answers each GET with the bytes
of datamap's answer to the same URL (bench/bodies.py) and the same kinds of headers, served by
the same uvicorn settings. What datamap's pre-routing path adds over sending bytes is the
difference."""

from __future__ import annotations

from typing import Any

from bench import bodies

RESPONSES = {
    path.encode(): (
        [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"etag", b'W/"bench"'),
            (b"cache-control", b"private, no-cache"),
        ],
        body,
    )
    for path, body in bodies.read().items()
}
MISSING = ([(b"content-length", b"0")], b"")


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    headers, body = RESPONSES.get(scope["raw_path"], MISSING)
    status = 200 if body else 404
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
