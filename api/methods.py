"""HEAD and OPTIONS on the read endpoints, which FastAPI declares for GET alone (405 otherwise).

HEAD is answered as the GET it stands for, headers and all, without the body (RFC 9110 §9.3.2);
OPTIONS lists the methods a path takes, for every path an endpoint answers.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAndOptions:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        as_get = {**scope, "method": "GET"}
        if scope["method"] == "OPTIONS":
            methods = _methods(scope["app"], as_get)
            if not methods:
                await self.app(scope, receive, send)  # not a path of ours: 404 or 405 as usual
                return
            if "GET" in methods:
                methods |= {"HEAD"}
            allow = ", ".join(sorted(methods | {"OPTIONS"}))
            headers = [(b"allow", allow.encode()), (b"content-length", b"0")]
            await send({"type": "http.response.start", "status": 204, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(as_get, receive, without_body)


def _methods(app: Any, scope: Scope) -> set[str]:
    """The methods the endpoints at this path answer (none: not a path of ours), as the
    OpenAPI document declares them."""
    table = getattr(app.state, "methods_by_path", None)
    if table is None:
        table = app.state.methods_by_path = [
            (re.compile("^" + re.sub(r"\{[^}/]+\}", "[^/]+", path) + "$"), set(operations))
            for path, operations in app.openapi()["paths"].items()
        ]
    found: set[str] = set()
    for pattern, operations in table:
        if pattern.match(scope["path"]):
            found |= {m.upper() for m in operations}
    return found
