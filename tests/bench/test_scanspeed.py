"""bench/scanspeed.py: the throughput figures of bench/results/scan.md, with and without
`--jobs`, measured on a small database (the figures themselves are not asserted: timings)."""

from __future__ import annotations

from pathlib import Path

from bench import scanspeed


def test_the_measure_reads_every_value_and_times_both_ways(tmp_path: Path) -> None:
    url = scanspeed.build_sqlite(tmp_path / "speed.db", tables=60, rows=20)
    m = scanspeed.measure(url, rows=20, repeat=1, jobs=2)
    assert m["tables"] == 60 and m["columns"] == 60 * scanspeed.COLUMNS
    assert m["values_read"] == 60 * scanspeed.COLUMNS * 20  # the bare read fetched every value
    assert m["personal"] > 0 and m["jobs"] == 2
    assert m["jobs_seconds"] > 0 and m["jobs_ratio"] > 0
    table = "\n".join(
        scanspeed.lines({"tables": 60, "columns_per_table": 13, "rows": 20, "sqlite": m})
    )
    assert "| sqlite | 1 |" in table and "| sqlite | 2 (`--jobs 2`) |" in table
