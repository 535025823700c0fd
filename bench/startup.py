"""Run in a fresh process: open the embedded store as `datamap serve` does (from the compiled
snapshot when DATAMAP_CACHE_DIR holds one, else validating in full), answer one question, and
print the time it took and the process's peak memory, as JSON."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main() -> None:
    started = time.perf_counter()
    from catalog import queries
    from catalog.queries.engine import QueryEngine
    from catalog.settings import load_settings
    from catalog.stores import open_store

    store = open_store(load_settings(inventory=Path(sys.argv[1]), store="embedded"))
    engine = QueryEngine(store)
    engine.name_index()  # as the API does before it says it is ready
    engine.ask(queries.LIST, what="categories", limit=1)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
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
