"""Records of processing: GDPR Art. 30, CCPA, PIPL; JSON, or CSV on Accept: text/csv."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import RecordsRead, Rendered, answer, as_json
from api.problems import ERROR_RESPONSES
from catalog.exports.records import ropa_csv, ropa_markdown
from catalog.model.results import Ropa

router = APIRouter(tags=["records"], responses=ERROR_RESPONSES)


@router.get(
    "/ropa",
    response_model=Ropa,
    summary="The record of processing activities for a regime",
    description="JSON by default; `Accept: text/csv` gives the record as CSV (ICO column order for GDPR), `text/markdown` as Markdown.",
    responses={200: {"content": {"text/csv": {}, "text/markdown": {}}}},
)
async def ropa(
    read: RecordsRead,
    regime: Annotated[
        str,
        Query(max_length=40, description="gdpr, ccpa or pipl (any regime id)", examples=["gdpr"]),
    ] = "gdpr",
) -> Response:
    accept = read.request.headers.get("accept", "")

    def render(record: Ropa) -> Rendered:
        for media, text, suffix in (
            ("text/csv", ropa_csv, "csv"),
            ("text/markdown", ropa_markdown, "md"),
        ):
            if media in accept:
                filename = f"ropa-{record.regime.id}.{suffix}"
                disposition = {"Content-Disposition": f'inline; filename="{filename}"'}
                return text(record).encode(), f"{media}; charset=utf-8", disposition
        return as_json(record)

    return await answer(read, lambda: read.engine.ropa(regime), render)
