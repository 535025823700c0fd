"""Jinja2 rendering for the HTML and Markdown exports (autoescaped HTML)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from catalog.model.text import md_cell

TEMPLATES = Path(__file__).resolve().parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


_env.filters["md"] = md_cell


def render(template: str, **context: Any) -> str:
    return _env.get_template(template).render(**context)
