"""HEAD and OPTIONS on the read endpoints, which FastAPI declares for GET alone (405 otherwise).

HEAD is answered as the GET it stands for, headers and all, without the body (RFC 9110 §9.3.2);
OPTIONS lists the methods a path takes, for every path an endpoint answers.
"""

from __future__ import annotations

from typing import Any

from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ALLOW = "GET, HEAD, OPTIONS"


class HeadAndOptions:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        as_get = {**scope, "method": "GET"}
        if scope["method"] == "OPTIONS":
            if not _answered(scope["app"], as_get):
                await self.app(scope, receive, send)  # not a path of ours: 404 or 405 as usual
                return
            headers = [(b"allow", ALLOW.encode()), (b"content-length", b"0")]
            await send({"type": "http.response.start", "status": 204, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(as_get, receive, without_body)


def _answered(app: Any, scope: Scope) -> bool:
    return any(route.matches(scope)[0] is Match.FULL for route in app.router.routes)
