"""Problems found in an inventory: one line each, naming file, line and field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from catalog.model.text import printable


@dataclass(frozen=True, order=True)
class Problem:
    file: Path
    line: int | None
    field: str | None
    message: str

    def render(self, relative_to: Path | None = None) -> str:
        path = self.file
        if relative_to is not None:
            try:
                path = self.file.resolve().relative_to(relative_to.resolve())
            except ValueError:
                path = self.file
        shown = printable(path)
        where = f"{shown}:{self.line}" if self.line is not None else shown
        field = f" {printable(self.field)}:" if self.field else ""
        return f"{where}:{field} {printable(self.message)}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": str(self.file),
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


class InventoryInvalid(Exception):
    """The inventory has problems; nothing built from it may be used or written anywhere."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.file), p.line or 0, p.message))
        super().__init__(f"{len(self.problems)} problem(s) in the inventory")
