"""Records of processing: GDPR Art. 30, CCPA, PIPL; JSON, or another of the record's export
formats by content negotiation (`Accept`, with q-values)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from catalog import queries
from catalog.exports.formats import Document, negotiate
from catalog.exports.registry import EXPORTS
from catalog.model.results import Ropa

from ..deps import DeclaredOnly, RecordsRead, Rendered, answer, as_json
from ..problems import ERROR_RESPONSES

router = APIRouter(route_class=DeclaredOnly, tags=["records"], responses=ERROR_RESPONSES)

_RECORD = EXPORTS["ropa"]
assert isinstance(_RECORD, Document)  # one body per format, not a folder of files
RECORD: Document = _RECORD
# JSON is the API's own (the response model); the rest are the export's formats.
OTHERS = {f.media_type: f for f in RECORD.formats if f.name != "json"}
OFFERED = ["application/json", *OTHERS]


@router.get(
    "/ropa",
    response_model=Ropa,
    summary="The record of processing activities for a regime",
    description="JSON by default; by `Accept` (q-values honoured), `text/csv` gives the record as "
    "CSV (ICO column order for GDPR), `text/markdown` as Markdown, and "
    "`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` as an Excel workbook.",
    responses={200: {"content": {media: {} for media in OTHERS}}},
)
async def ropa(
    read: RecordsRead,
    regime: Annotated[
        str,
        Query(max_length=40, description="gdpr, ccpa or pipl (any regime id)", examples=["gdpr"]),
    ] = "gdpr",
) -> Response:
    chosen = negotiate(read.request.headers.get("accept"), OFFERED)
    fmt = OTHERS.get(chosen or "")

    def render(record: Ropa) -> Rendered:
        if fmt is None:
            return as_json(record)
        body = RECORD.render(record, fmt.name)
        data = body.encode() if isinstance(body, str) else body
        disposition = {
            "Content-Disposition": f'inline; filename="ropa-{record.regime.id}.{fmt.name}"'
        }
        media = f"{fmt.media_type}; charset=utf-8" if isinstance(body, str) else fmt.media_type
        return data, media, disposition

    return await answer(read, lambda: read.engine.ask(queries.ROPA, regime=regime), render)
