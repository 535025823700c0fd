"""Run in a fresh process: open the embedded store as `datamap serve` does (from the compiled
snapshot when DATAMAP_CACHE_DIR holds one, else validating in full), answer one question, and
print the time it took and the process's peak memory, as JSON."""

from __future__ import annotations

import contextlib
import json
import resource
import sys
import time
from pathlib import Path


def peak_mib() -> float:
    """This process's peak resident memory. VmHWM, not getrusage: Linux carries ru_maxrss over
    an exec, so a process started by a large parent would report the parent's peak."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    started = time.perf_counter()
    from catalog import queries
    from catalog.queries.engine import QueryEngine
    from catalog.settings import load_settings
    from catalog.stores import open_store

    store = open_store(load_settings(inventory=Path(sys.argv[1]), store="embedded"))
    engine = QueryEngine(store)
    engine.prepare()  # as the API does before it says it is ready
    engine.ask(queries.LIST, what="categories", limit=1)
    seconds = time.perf_counter() - started
    peak = peak_mib()
    info = store.info()
    json.dump(
        {
            "seconds": seconds,
            "peak_mib": peak,
            "nodes": info["nodes"],
            "relationships": info["relationships"],
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
