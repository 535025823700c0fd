"""What a regulator receives: diagrams (`datamap diagram`) and exports (`datamap export`), both
read through the engine, so `--store neo4j` draws them from the graph in Neo4j."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from catalog.cli.state import StoreFlag, state_of
from catalog.errors import BadRequest

if TYPE_CHECKING:
    from catalog.queries.engine import QueryEngine


class DiagramKind(StrEnum):
    map = "map"
    overview = "overview"
    category = "category"
    recipient = "recipient"
    transfers = "transfers"
    sold = "sold"


class DiagramFormat(StrEnum):
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"


class ExportKind(StrEnum):
    ropa = "ropa"
    ccpa = "ccpa"
    pipl = "pipl"
    cnil = "cnil"
    jsonld = "jsonld"
    provenance = "provenance"
    pack = "pack"
    fides = "fides"


def diagram(
    ctx: typer.Context,
    kind: Annotated[
        DiagramKind,
        typer.Argument(
            help="map, overview (one printable page), category, recipient, transfers or sold."
        ),
    ],
    entry: Annotated[
        str | None, typer.Argument(help="The category or recipient (id or name).")
    ] = None,
    fmt: Annotated[
        DiagramFormat | None,
        typer.Option(
            "--format", "-f", help="svg, png, pdf or dot (default: -o's suffix, else svg)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
    ] = None,
    store: StoreFlag = None,
) -> None:
    """Draw a data-flow diagram with Graphviz."""
    # Graphviz and the diagram code, only for this command.
    from visualize import diagrams

    suffix = output.suffix.lstrip(".").lower() if output is not None else ""
    named = DiagramFormat(suffix) if suffix in DiagramFormat.__members__ else None
    if fmt is not None and named is not None and fmt is not named:
        raise BadRequest(
            f"-f {fmt.value} would write a {fmt.value} into {output} (a .{suffix} name)"
        )
    fmt = fmt or named or DiagramFormat.svg
    state = state_of(ctx, store)
    graph = diagrams.build(state.engine, kind.value, entry)
    data = diagrams.render(graph, fmt.value)
    if output is None:
        if fmt in (DiagramFormat.png, DiagramFormat.pdf) and sys.stdout.isatty():
            raise BadRequest(f"a {fmt.value} is binary: give -o FILE")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        state.err.print(f"wrote {output}", markup=False)


def export(
    ctx: typer.Context,
    kind: Annotated[
        ExportKind, typer.Argument(help="ropa, ccpa, pipl, cnil, jsonld, provenance or pack.")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="File, or folder (cnil, pack); pack also takes a .zip."
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="csv, xlsx, md, json, html, jsonld (default from -o's suffix)."
        ),
    ] = None,
    regime: Annotated[
        str, typer.Option("--regime", "-r", help="For ropa: gdpr, ccpa or pipl.")
    ] = "gdpr",
    store: StoreFlag = None,
) -> None:
    """Write a regulator-facing record, the JSON-LD, the provenance appendix, or the whole pack."""
    # openpyxl, Jinja2 and Graphviz, only for this command.
    from catalog.exports.formats import Options, choose_format
    from catalog.exports.registry import EXPORTS

    state = state_of(ctx, store)
    chosen = EXPORTS[kind.value]
    fmt = choose_format(chosen, output, fmt)
    with state.err.status(f"writing {kind.value}") as status:
        said = chosen.write(
            state.engine,
            output,
            fmt,
            Options(
                regime=regime,
                progress=lambda step: status.update(f"writing: {step}"),
                findings=_top_findings if kind is ExportKind.pack else None,
            ),
        )
    state.err.print(said, markup=False)


def _top_findings(engine: QueryEngine, limit: int = 8) -> list[dict[str, str]]:
    """The pack's front page: the high and medium findings, one line a rule (with how many it
    found), most severe first."""
    from catalog.review.compliance import findings

    rules: dict[str, dict[str, str]] = {}
    counts: dict[str, int] = {}
    for f in findings(engine).findings:
        if f.severity not in ("high", "medium"):
            continue
        counts[f.rule] = counts.get(f.rule, 0) + 1
        rules.setdefault(
            f.rule,
            {"severity": f.severity, "title": f.title, "legal_reference": f.legal_reference},
        )
    return [
        rule | {"id": f"{rid}, {counts[rid]} finding(s)"}
        for rid, rule in list(rules.items())[:limit]
    ]
