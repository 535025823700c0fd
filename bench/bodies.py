"""The bytes of datamap's answers, by path, for the API baselines to send (bench/raw_app.py,
bench/bare_app.py): the benchmark writes each URL's answer into a folder (BENCH_BODIES), so
that a baseline answers the same URLs with the same bytes as datamap, not one answer for all."""

from __future__ import annotations

import json
import os
from pathlib import Path

INDEX = "index.json"


def write(folder: Path, bodies: dict[str, bytes]) -> None:
    index = {}
    for n, (path, body) in enumerate(bodies.items()):
        name = f"{n}.json"
        (folder / name).write_bytes(body)
        index[path] = name
    (folder / INDEX).write_text(json.dumps(index), encoding="utf-8")


def read(folder: Path | None = None) -> dict[str, bytes]:
    """The answers by path, from `folder` or BENCH_BODIES (none when neither is set)."""
    if folder is None:
        named = os.environ.get("BENCH_BODIES")
        if not named:
            return {}
        folder = Path(named)
    index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    return {path: (folder / name).read_bytes() for path, name in index.items()}
