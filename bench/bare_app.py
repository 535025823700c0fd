"""The endpoints' baseline: a bare FastAPI app with nothing of datamap in it, served by the same
uvicorn settings. `/constant` returns a small constant; `/categories/{category}/recipients`
returns, as a constant, the bytes of datamap's answer to the same URL (bench/bodies.py), to
separate datamap's own cost from FastAPI's and from sending the body."""

from __future__ import annotations

from fastapi import FastAPI, Response

from bench import bodies

app = FastAPI()
BODIES = bodies.read()


@app.get("/constant")
async def constant() -> dict[str, bool]:
    return {"ok": True}


@app.get("/categories/{category}/recipients")
async def same_bytes(category: str) -> Response:
    return Response(BODIES[f"/categories/{category}/recipients"], media_type="application/json")
