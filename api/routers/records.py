"""Records of processing: GDPR Art. 30, CCPA, PIPL; JSON, or CSV on Accept: text/csv."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from catalog.records_format import ropa_csv, ropa_markdown
from catalog.results import Ropa

from ..deps import CACHE_CONTROL, Cached, EngineDep
from ..problems import ERROR_RESPONSES
from ..security import RecordsScope

router = APIRouter(tags=["records"], responses=ERROR_RESPONSES)


@router.get(
    "/ropa",
    response_model=Ropa,
    summary="The record of processing activities for a regime",
    description="JSON by default; `Accept: text/csv` gives the record as CSV (ICO column order for GDPR), `text/markdown` as Markdown.",
    responses={200: {"content": {"text/csv": {}, "text/markdown": {}}}},
)
def ropa(
    request: Request,
    engine: EngineDep,
    _: RecordsScope,
    etag: Cached,
    regime: Annotated[
        str,
        Query(max_length=40, description="gdpr, ccpa or pipl (any regime id)", examples=["gdpr"]),
    ] = "gdpr",
) -> Ropa | Response:
    record = engine.ropa(regime)
    accept = request.headers.get("accept", "")
    for media, render in (("text/csv", ropa_csv), ("text/markdown", ropa_markdown)):
        if media in accept:
            filename = f"ropa-{record.regime.id}.{'csv' if media == 'text/csv' else 'md'}"
            return Response(
                render(record),
                media_type=f"{media}; charset=utf-8",
                headers={
                    "ETag": etag,
                    "Cache-Control": CACHE_CONTROL,
                    "Content-Disposition": f'inline; filename="{filename}"',
                },
            )
    return record
