"""Text helpers every report shares (records, findings, change logs)."""

from __future__ import annotations


def md_cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")
