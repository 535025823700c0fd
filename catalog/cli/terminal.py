"""The console every command prints through.

What it prints comes from the inventory, a scanned database or a file, so none of it is trusted:
a name such as `[/i]` or `[bold red]` is text, never Rich markup (and never a crash), and a name
holding ESC, a C1 control or a bidirectional override reaches the terminal without it, so that
no name can clear the screen, plant a hyperlink or reorder what a person reads. Done here, once,
for every table, tree and line, rather than at each of the hundreds of places that print.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from catalog.model.text import CONTROL, printable

# Newlines and tabs in a text segment are its layout; every other control character goes.
LAYOUT = "\n\t"


class Terminal(Console):
    """A Console that takes no markup or emoji codes from strings, and whose output holds no
    control character but those Rich writes itself (colours and styles, from its own styles)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, **kwargs)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        # Every renderable, tables' cells included, is laid out through here. Rich gives a
        # control character no width, so dropping it from the laid-out text moves no column.
        for segment in super().render(renderable, options):
            if segment.control or CONTROL.search(segment.text) is None:
                yield segment
            else:
                yield Segment(printable(segment.text, keep=LAYOUT, drop=True), segment.style)
