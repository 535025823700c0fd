"""Optional API keys with scopes, and limits on what a request may carry.

`DATAMAP_API_KEYS="ci-7f3a:catalog,dpo-91bc:catalog+records+queries"`: each key is followed by
the scopes it grants (`catalog`, `records`, `queries`); a key with no scopes grants them all.
When keys are set, every endpoint but /health needs one, in `X-API-Key` or `Authorization:
Bearer`; none gives 401 (before routing, and before any body is read), a key without the
endpoint's scope 403. Keys are compared in constant time and never logged.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.routing import Match, Router
from starlette.types import ASGIApp, Receive, Scope, Send

from api.problems import ApiProblem, problem
from catalog.settings import Settings

SCOPES = ("catalog", "records", "queries")


@dataclass(frozen=True)
class ApiKey:
    secret: str
    scopes: frozenset[str]


def parse_keys(raw: str | None) -> list[ApiKey]:
    keys = []
    for item in (raw or "").split(","):
        item = item.strip()
        if not item:
            continue
        secret, _, scopes = item.partition(":")
        granted = frozenset(s.strip() for s in scopes.split("+") if s.strip()) or frozenset(SCOPES)
        unknown = granted - set(SCOPES)
        if unknown:
            raise ValueError(
                f"unknown API key scope(s) {', '.join(sorted(unknown))}; scopes are {', '.join(SCOPES)}"
            )
        if len(secret) < 8:
            raise ValueError("API keys must have at least 8 characters")
        keys.append(ApiKey(secret.strip(), granted))
    return keys


RawHeaders = list[tuple[bytes, bytes]]


def _first(headers: RawHeaders, name: bytes) -> str | None:
    """The first value of a header, as Starlette's `request.headers.get` gives it."""
    return next((v.decode("latin-1") for k, v in headers if k == name), None)


def presented_key(headers: RawHeaders) -> str | None:
    """The key a request presents: `X-API-Key`, else an `Authorization: Bearer` token."""
    key = _first(headers, b"x-api-key")
    if key:
        return key
    scheme, _, token = (_first(headers, b"authorization") or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def authorize(keys: list[ApiKey], headers: RawHeaders, scope: str | None) -> ApiProblem | None:
    """None when the request may read `scope` (any valid key for None; anything when keys are
    off); else the problem to answer. The fast path, the endpoints' dependencies and the docs
    all ask this, so they cannot disagree."""
    if not keys:
        return None
    given = presented_key(headers)
    if given is None:
        return ApiProblem(
            401,
            "an API key is required: send it in the X-API-Key header or as a Bearer token",
            {"WWW-Authenticate": 'Bearer realm="datamap"'},
        )
    match = next((k for k in keys if hmac.compare_digest(k.secret.encode(), given.encode())), None)
    if match is None:
        return ApiProblem(
            401, "the API key is not valid", {"WWW-Authenticate": 'Bearer error="invalid_token"'}
        )
    if scope is not None and scope not in match.scopes:
        return ApiProblem(
            403, f"this API key does not grant the {scope!r} scope this endpoint needs"
        )
    return None


def check_key(request: Request, scope: str) -> None:
    """Let the request through only with a key granting `scope` (when keys are configured)."""
    problem = authorize(request.app.state.api_keys, request.scope["headers"], scope)
    if problem is not None:
        raise problem


def require(scope: str) -> Any:
    """A dependency that lets the request through only with a key granting `scope`."""

    async def check(request: Request) -> None:
        check_key(request, scope)

    return Depends(check)


CatalogScope = Annotated[None, require("catalog")]
RecordsScope = Annotated[None, require("records")]
QueriesScope = Annotated[None, require("queries")]


class RequestLimits:
    """Refuse oversized URLs, too many query parameters and large bodies before any routing.

    A body that says its size (Content-Length) over the limit is refused before it is read; any
    other body is counted as it arrives, chunked or not, whatever its Content-Length said:
    past the limit the endpoint reading it answers 413 and the rest is not read. (Starlette's
    counter, given only the requests that have a body: a GET costs nothing more.)"""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.max_url = settings.api_max_url_bytes
        self.max_params = settings.api_max_query_params
        self.max_body = settings.api_max_body_bytes
        self.counted = RequestBodyLimitMiddleware(app, max_body_size=self.max_body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query: bytes = scope.get("query_string", b"")
        length = len(scope.get("raw_path") or scope["path"].encode()) + len(query)
        if length > self.max_url:
            await _refuse(
                scope, receive, send, 414, f"the URL is {length} bytes; the limit is {self.max_url}"
            )
            return
        params = query.count(b"&") + 1 if query else 0
        if params > self.max_params:
            await _refuse(
                scope,
                receive,
                send,
                422,
                f"{params} query parameters; the limit is {self.max_params}",
            )
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await _refuse(
                scope,
                receive,
                send,
                413,
                f"the request body is {int(declared)} bytes; the limit is {self.max_body}",
            )
            return
        if b"transfer-encoding" in headers or declared not in (None, b"0"):
            await self.counted(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def announces_body(headers: RawHeaders) -> bool:
    """Does the request say a body follows (a Content-Length other than 0, or chunked)?"""
    return any(
        k == b"transfer-encoding" or (k == b"content-length" and v.strip() != b"0")
        for k, v in headers
    )


async def _refuse(
    scope: Scope,
    receive: Receive,
    send: Send,
    status: int,
    detail: str,
    headers: dict[str, str] | None = None,
) -> None:
    """Answer with a problem without reading the request's body. A body the client is
    sending is not read either: the connection is closed after the answer, rather than kept
    to read and throw away whatever the client still sends."""
    response = problem(status, detail, Request(scope))
    response.headers.update(headers or {})
    if announces_body(scope["headers"]):
        response.headers["Connection"] = "close"
    await response(scope, receive, send)


DOCS = ("/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc")
# With keys on, these answer without one: the health check, and the map page with the static
# files (the page asks the user for a key and sends it with each request it makes).
OPEN = frozenset({"/health", "/map"})
OPEN_PREFIX = "/assets/"


class KeysFirst:
    """With API keys on, a request without a valid key is answered 401 before anything else
    looks at it: before routing (so no 404 and no redirect tells what exists) and before its
    body, which is never read. Which scope the key needs is each endpoint's own check
    (`require`, and the fast path's with the scope kept beside the answer); this one asks only
    for a valid key, so the two cannot disagree on anything but which comes first. Open:
    `OPEN`, and the docs with DATAMAP_API_OPEN_DOCS. Added only when keys are set."""

    def __init__(self, app: ASGIApp, keys: list[ApiKey], settings: Settings) -> None:
        self.app = app
        self.keys = keys
        self.open = (OPEN | frozenset(DOCS)) if settings.api_open_docs else OPEN

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if path not in self.open and not path.startswith(OPEN_PREFIX):
                refused = authorize(self.keys, scope["headers"], None)
                if refused is not None:
                    await _refuse(
                        scope, receive, send, refused.status, refused.detail, refused.headers
                    )
                    return
        await self.app(scope, receive, send)


def relative_slash_redirects(router: Router) -> None:
    """Redirect `/sold/` to `/sold` (and `/x` to `/x/` where only that exists) as Starlette
    does, but with a relative Location: Starlette writes the Host header into it, which the
    client chooses, so a forged Host made the API redirect anywhere."""
    not_found = router.default

    async def redirect_or_not_found(scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        if scope["type"] == "http" and path != "/":
            other = path.rstrip("/") if path.endswith("/") else path + "/"
            moved = {**scope, "path": other}
            if any(route.matches(moved)[0] is not Match.NONE for route in router.routes):
                # One leading slash: `//host/...` would be a URL on another host.
                location = "/" + quote(other.lstrip("/"))
                if scope.get("query_string"):
                    location += "?" + scope["query_string"].decode("latin-1")
                await RedirectResponse(location)(scope, receive, send)
                return
        await not_found(scope, receive, send)

    router.redirect_slashes = False  # the check above replaces Starlette's
    router.default = redirect_or_not_found
