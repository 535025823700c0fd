"""The benchmark command runs end to end at size S: every figure measured and reported against
its target, in JSON and Markdown. (What the figures are is the benchmark's business, not a test's:
no speed is asserted here.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_and_reports_every_figure(
    tmp_path: Path, bolt_server, neo4j_settings
) -> None:
    quick = ["--samples", "5", "--seconds", "0.5", "--clients", "4", "--load-seconds", "1"]
    quick += ["--rounds", "1", "--cli-rounds", "2", "--neo4j-warm-up", "200"]
    folders = ["--data", str(tmp_path / "data"), "--out", str(tmp_path / "results")]
    # Sync is measured on the session's test server (its database, which the bench wipes).
    bolt = ["--neo4j-uri", bolt_server.uri]
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--size", "S", *quick, *folders, *bolt],
        cwd=REPO,
        env={**os.environ, **bolt_server.env()},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((tmp_path / "results" / "S.json").read_text())
    names = " | ".join(f["name"] for f in report["figures"])
    for figure in (
        "CLI `datamap who-receives",
        "CLI who-receives --json on a size-M inventory",
        "first who-receives at S, JSON included, against a minimal traversal",
        "who-receives asked again at S",
        "embedded store ready from its snapshot",
        "peak memory, ready from the snapshot",
        "pre-routing path, against raw ASGI",
        "endpoints, against bare FastAPI",
        "load:",
        "sync relationships/s",
        "re-sync of the unchanged inventory",
        "on the Neo4j store against the embedded store",
    ):
        assert figure in names
    load = next(f for f in report["figures"] if f["name"].startswith("load:"))
    assert load["met"] is True, load  # zero errors under concurrent load (not a speed)
    table = (tmp_path / "results" / "S.md").read_text()
    assert table.startswith("# datamap benchmarks at size S") and "| Target | Met |" in table
