"""The export registry: the one table behind `datamap export`, the pack and `GET /ropa`."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.cli.outputs import ExportKind
from catalog.errors import BadRequest
from catalog.exports.formats import Document, choose_format, negotiate
from catalog.exports.registry import EXPORTS


def test_the_cli_offers_every_registered_export() -> None:
    assert {k.value for k in ExportKind} == set(EXPORTS)
    for kind, export in EXPORTS.items():
        assert export.kind == kind and export.formats


def test_every_document_format_renders(engine) -> None:
    from catalog.exports.formats import Options

    for export in EXPORTS.values():
        if not isinstance(export, Document):
            continue
        value = export.compute(engine, Options())
        for fmt in export.formats:
            data = export.render(value, fmt.name)
            assert data, (export.kind, fmt.name)
            if fmt.name == "xlsx":
                assert isinstance(data, bytes) and data.startswith(b"PK")


def test_the_format_comes_from_the_flag_then_the_suffix() -> None:
    ropa = EXPORTS["ropa"]
    assert choose_format(ropa, Path("r.xlsx"), None) == "xlsx"
    assert choose_format(ropa, Path("r.md"), "CSV") == "csv"
    assert choose_format(ropa, Path("record"), None) == "csv"
    assert choose_format(EXPORTS["pack"], Path("p.zip"), None) == "zip"
    assert choose_format(EXPORTS["pack"], Path("out"), None) == "folder"
    with pytest.raises(BadRequest, match="ropa is written as csv, xlsx, md, json, not 'pdf'"):
        choose_format(ropa, Path("r.pdf"), "pdf")
    with pytest.raises(BadRequest, match=r"not 'pdf' \(from the name r.pdf; -f chooses"):
        choose_format(ropa, Path("r.pdf"), None)  # not CSV in a file named .pdf
    assert choose_format(EXPORTS["cnil"], Path("sheets.d"), None) == "html"  # a folder


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, "application/json"),
        ("", "application/json"),
        ("text/csv", "text/csv"),
        ("text/csv;q=0", None),
        ("text/csv;q=0, application/json", "application/json"),
        ("text/markdown;q=0.5, text/csv;q=0.6", "text/csv"),
        ("TEXT/MARKDOWN", "text/markdown"),
        ("*/*", "application/json"),
        ("text/*, text/csv;q=0", "text/markdown"),
        ("text/csv;q=banana, text/markdown", "text/markdown"),
        ("application/pdf", None),
    ],
)
def test_negotiation_by_q_value(accept: str | None, chosen: str | None) -> None:
    assert negotiate(accept, ["application/json", "text/csv", "text/markdown"]) == chosen
