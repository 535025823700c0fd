"""Holding Python's cyclic garbage collector off while a large inventory is read and built.

Loading makes millions of small containers (parsed YAML, models, graph dicts) and frees almost
none of them; CPython starts a collection every few hundred new containers, and the older
generations' collections walk everything alive again, so their cost grows with what is already
loaded: on a large inventory, more than the load itself. Reference counting still frees what
is dropped; only cycles wait until the block ends, when collection resumes as it was.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
