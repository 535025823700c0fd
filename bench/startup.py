"""Run in a fresh process: load an inventory into the embedded store as `datamap serve` does,
and print the time it took and the process's peak memory, as JSON."""

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
    from catalog.stores.embedded import EmbeddedStore

    store = EmbeddedStore.from_inventory(Path(sys.argv[1]))
    engine = QueryEngine(store)
    engine.ask(queries.LIST, what="categories", limit=1)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    graph = store.graph
    json.dump(
        {
            "seconds": seconds,
            "peak_mib": peak,
            "nodes": graph.number_of_nodes(),
            "relationships": graph.number_of_edges(),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
