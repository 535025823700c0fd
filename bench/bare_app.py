"""The API figure's baseline: a bare FastAPI app with nothing of datamap in it, served by the
same uvicorn settings. `/constant` returns a small constant; `/same-bytes` returns, as a
constant, the bytes of one of datamap's answers (BENCH_BODY_FILE), to separate datamap's own
cost from the cost of sending a larger body."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Response

app = FastAPI()
_body_file = os.environ.get("BENCH_BODY_FILE")
BODY = Path(_body_file).read_bytes() if _body_file else b"{}"


@app.get("/constant")
async def constant() -> dict[str, bool]:
    return {"ok": True}


@app.get("/same-bytes")
async def same_bytes() -> Response:
    return Response(BODY, media_type="application/json")
