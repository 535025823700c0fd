"""Where the graph lives: in process (embedded.py) or in Neo4j (neo4j/)."""

from __future__ import annotations

from catalog.settings import Settings
from catalog.stores.base import Asked, NameEntry, Store
from catalog.stores.embedded import EmbeddedStore


def open_store(settings: Settings, *, wait: bool = False) -> Store:
    """The store the settings name, for the CLI and the API alike.

    The embedded store loads and validates the inventory (InventoryInvalid stops here). A Neo4j
    store is checked at once (reachable, credentials, a synced graph) unless `wait` is set: the
    API starts while Neo4j is down and answers 503 until it is back.
    """
    if settings.store == "neo4j":
        # The driver is imported only by the commands that use Neo4j.
        from catalog.stores.neo4j.store import Neo4jStore

        store = Neo4jStore(settings)
        if not wait:
            try:
                store.check()
            except Exception:
                store.close()
                raise
        return store
    return EmbeddedStore.from_inventory(
        settings.inventory, max_file_bytes=settings.max_file_bytes, cache_dir=settings.cache_dir
    )


__all__ = ["Asked", "NameEntry", "Store", "open_store"]
