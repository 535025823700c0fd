"""What every command shares: the settings, the consoles, the engine (opened on first use), the
global options and the flags several commands take."""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from catalog import __version__
from catalog.model.text import CONTROL, printable
from catalog.settings import Settings, load_settings

if TYPE_CHECKING:
    from catalog.cli.terminal import Terminal
    from catalog.queries.engine import QueryEngine


class StoreChoice(StrEnum):
    embedded = "embedded"
    neo4j = "neo4j"


@dataclass
class State:
    settings: Settings
    _engine: QueryEngine | None = field(default=None, repr=False)

    # The consoles are made when something is printed through them: rich takes longer to
    # import than a question takes to answer, and --json does not need it.
    @cached_property
    def out(self) -> Terminal:
        return console(sys.stdout)

    @cached_property
    def err(self) -> Terminal:
        return console(sys.stderr)

    @property
    def engine(self) -> QueryEngine:
        if self._engine is None:
            from catalog.queries.engine import QueryEngine
            from catalog.stores import open_store

            self._engine = QueryEngine(open_store(self.settings))
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.store.close()

    def emit(self, result: Any, as_json: bool, human: Any) -> None:
        """The answer as JSON (`--json`) or through its terminal view."""
        if as_json:
            self.json(result.to_json())
        else:
            human(self.out, result)

    def json(self, body: Any) -> None:
        self.document(json_text(body))

    def document(self, text: str) -> None:
        """A document (JSON, Markdown, CSV) on stdout: exact when it goes to a file or a pipe;
        on a terminal, without the control characters a name could carry."""
        if getattr(sys.stdout, "isatty", bool)():
            text = printable(text, keep="\n\t", drop=True)
        sys.stdout.write(text)


def json_text(body: Any) -> str:
    """`body` as JSON, every string exact once parsed. JSON escapes C0 controls itself; the C1
    controls, line separators and bidirectional overrides it leaves raw are escaped too, so
    that printing the JSON cannot drive a terminal or reorder its lines."""
    text = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
    return CONTROL.sub(_json_escape, text)


def _json_escape(m: re.Match[str]) -> str:
    ch = m.group()
    # Below 0x20 only the indentation's newlines are left raw: json.dumps escaped the rest.
    return ch if ord(ch) < 0x20 else f"\\u{ord(ch):04x}"


def state_of(ctx: typer.Context, store: StoreChoice | None = None) -> State:
    """The command's state; a command's own --store overrides the global one and the env."""
    state: State = ctx.obj
    if store is not None and store.value != state.settings.store:
        state.settings = state.settings.replace(store=store.value)
    return state


JsonFlag = Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")]
StoreFlag = Annotated[
    StoreChoice | None,
    typer.Option("--store", "-s", help="embedded or neo4j [env DATAMAP_STORE; default embedded]"),
]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"datamap {__version__}\n")
        raise typer.Exit()


def options(
    ctx: typer.Context,
    inventory: Annotated[
        Path | None,
        typer.Option(
            "--inventory",
            "-i",
            help="Inventory folder [env DATAMAP_INVENTORY; default: the shipped Stefere inventory]",
        ),
    ] = None,
    store: Annotated[
        StoreChoice | None,
        typer.Option(
            "--store",
            "-s",
            help="Where queries run: the embedded graph or Neo4j [env DATAMAP_STORE; default embedded]",
        ),
    ] = None,
    neo4j_uri: Annotated[
        str | None,
        typer.Option(help="bolt://, neo4j:// or their +s variants [env DATAMAP_NEO4J_URI]"),
    ] = None,
    neo4j_user: Annotated[str | None, typer.Option(help="[env DATAMAP_NEO4J_USER]")] = None,
    neo4j_password: Annotated[
        str | None,
        typer.Option(help="Better given in the environment [env DATAMAP_NEO4J_PASSWORD]"),
    ] = None,
    neo4j_database: Annotated[str | None, typer.Option(help="[env DATAMAP_NEO4J_DATABASE]")] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print the datamap version and exit.",
            callback=_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    settings = load_settings(
        inventory=inventory,
        store=store.value if store else None,
        neo4j_uri=neo4j_uri,
        neo4j_user=neo4j_user,
        neo4j_password=neo4j_password,
        neo4j_database=neo4j_database,
    )
    state = State(settings=settings)
    ctx.obj = state
    ctx.call_on_close(state.close)


def console(stream: Any) -> Terminal:
    """A terminal's own width; piped, COLUMNS when set (else 140), so that output is the same
    whichever way it is read. Strings printed through it are text, never markup, and reach the
    terminal without control characters (see catalog.cli.terminal)."""
    tty = hasattr(stream, "isatty") and stream.isatty()
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 20 else (None if tty else 140)
    from catalog.cli.terminal import Terminal

    return Terminal(file=stream, width=width, soft_wrap=False)
