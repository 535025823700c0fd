"""The fast path's baseline: a raw ASGI app, no framework, that answers every GET with the bytes
of one of datamap's answers (BENCH_BODY_FILE) and the same headers kind, served by the same
uvicorn settings. What datamap's pre-routing path adds over sending bytes is the difference."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

_body_file = os.environ.get("BENCH_BODY_FILE")
BODY = Path(_body_file).read_bytes() if _body_file else b"{}"
HEADERS = [
    (b"content-type", b"application/json"),
    (b"content-length", str(len(BODY)).encode()),
    (b"etag", b'"bench"'),
    (b"cache-control", b"no-cache"),
]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})
