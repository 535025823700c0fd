"""Errors as RFC 9457 problem details (`application/problem+json`), for every failure.

Unknown ids are 404 with suggestions, bad parameters 422, a store that cannot be reached 503,
and anything unforeseen a 500 that is still JSON and says nothing of the internals.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.body_limit import MAX_BODY_SIZE_SCOPE_KEY

from catalog.errors import Ambiguous, DatamapError, NotFound, StoreUnavailable
from catalog.model.problems import InventoryInvalid

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("datamap.api")

TITLES = {
    304: "Not Modified",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    408: "Request Timeout",
    413: "Content Too Large",
    414: "URI Too Long",
    422: "Unprocessable Content",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class Suggestion(BaseModel):
    id: str
    name: str


class Problem(BaseModel):
    """An error, as RFC 9457 problem details."""

    type: str = Field(
        default="about:blank", description="A URI reference identifying the problem type"
    )
    title: str
    status: int
    detail: str
    instance: str | None = Field(default=None, description="The request path")
    suggestions: list[Suggestion] = Field(
        default_factory=list, description="Close ids and names, for a 404"
    )
    errors: list[dict[str, Any]] = Field(
        default_factory=list, description="What was wrong with each parameter, for a 422"
    )


def problem(status: int, detail: str, request: Request | None = None, **extra: Any) -> JSONResponse:
    body = Problem(
        title=TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        instance=request.url.path if request is not None else None,
        **extra,
    )
    return JSONResponse(body.model_dump(), status_code=status, media_type=PROBLEM_JSON)


class ApiProblem(Exception):
    """Raised by dependencies to answer with a problem (401, 403, 413, ...)."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.headers = status, detail, headers or {}


def install(app: FastAPI) -> None:
    @app.exception_handler(DatamapError)
    async def _datamap(request: Request, exc: DatamapError) -> JSONResponse:
        extra: dict[str, Any] = {}
        if isinstance(exc, NotFound):
            extra["suggestions"] = [Suggestion(id=i, name=n) for i, n in exc.suggestions]
        if isinstance(exc, Ambiguous):
            extra["suggestions"] = [Suggestion(id=i, name=n) for i, n in exc.matches]
        status = exc.http_status
        if status >= 500:
            log.warning("%s %s: %s", request.method, request.url.path, exc.message)
        if isinstance(exc, StoreUnavailable):
            # The server's address and the driver's words go to the log, not to the client.
            response = problem(status, exc.public, request, **extra)
            if exc.retry_after is not None:
                response.headers["Retry-After"] = str(exc.retry_after)
            return response
        detail = exc.http_message if isinstance(exc, NotFound) else exc.message
        return problem(status, detail, request, **extra)

    @app.exception_handler(InventoryInvalid)
    async def _inventory(request: Request, exc: InventoryInvalid) -> JSONResponse:
        # Only reachable for inventories read per request (a diff's revisions): the served one
        # is validated at start.
        errors = [p.as_dict() for p in exc.problems]
        detail = f"{len(errors)} problem(s) in an inventory: " + exc.problems[0].render()
        return problem(422, detail, request, errors=errors)

    @app.exception_handler(ApiProblem)
    async def _api(request: Request, exc: ApiProblem) -> JSONResponse:
        response = problem(exc.status, exc.detail, request)
        response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {
                "loc": [str(x) for x in e.get("loc", ())],
                "msg": e.get("msg", ""),
                "type": e.get("type", ""),
            }
            for e in exc.errors()
        ]
        detail = "; ".join(f"{'.'.join(e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in errors)
        return problem(422, detail or "invalid request", request, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no endpoint {request.url.path}; see /docs"
        limit = request.scope.get(MAX_BODY_SIZE_SCOPE_KEY)
        if exc.status_code == 413 and limit is not None:  # the app's max_body_size, counting
            detail = f"the request body is over {limit} bytes; the limit is {limit}"
        response = problem(exc.status_code, detail, request)
        if exc.headers:
            response.headers.update(exc.headers)
        if exc.status_code == 413:
            # The rest of the body is not read: the connection closes after the answer.
            response.headers["Connection"] = "close"
        return response

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem(500, "an unexpected error occurred; it has been logged", request)


def _problem(description: str) -> dict[str, Any]:
    """An error response as documented: problem details, in their own media type."""
    return {
        "model": Problem,
        "description": description,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: _problem("No entry matches the id or name; suggestions given"),
    413: _problem("The request body is too large"),
    414: _problem("The URL is too long, or has too many query parameters"),
    422: _problem("A parameter is invalid"),
    500: _problem("An unforeseen failure, logged; nothing of the internals is revealed"),
    503: _problem("The graph store cannot be reached or holds no graph"),
}
BODY_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _problem("The request body is not JSON"),
}
AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: _problem("An API key is required (when DATAMAP_API_KEYS is set)"),
    403: _problem("The API key lacks the scope this endpoint needs"),
}
