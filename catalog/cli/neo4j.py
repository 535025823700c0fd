"""Neo4j: `datamap sync` writes the graph, `datamap cypher` runs the named queries, and
`datamap dev-server` runs a local Bolt server (ArcadeDB) for development."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

from catalog.cli import render
from catalog.cli.state import JsonFlag, state_of
from catalog.errors import BadRequest


def sync(
    ctx: typer.Context,
    as_json: JsonFlag = False,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify",
            help="Compare every node and relationship even when the server's record of the "
            "last sync names this inventory.",
        ),
    ] = False,
) -> None:
    """Write the inventory's graph to Neo4j: constraints first, then only what changed, in one
    transaction (a failed sync leaves the previous graph as it was)."""
    # The Neo4j driver, only for the commands that talk to Neo4j.
    from catalog.graph.build import load_graph
    from catalog.stores.neo4j.store import Neo4jStore
    from catalog.stores.neo4j.sync import sync as run_sync

    state = state_of(ctx)
    settings = state.settings
    graph = load_graph(settings.inventory, max_file_bytes=settings.max_file_bytes)
    store = Neo4jStore(settings)
    try:
        with Progress(
            TextColumn("syncing"),
            BarColumn(),
            TaskProgressColumn(),
            console=state.err,
            transient=True,
        ) as bar:
            task = bar.add_task("sync", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            report = run_sync(
                store,
                graph,
                batch_size=settings.sync_batch_size,
                progress=progress,
                verify=verify,
            )
    finally:
        store.close()
    if as_json:
        state.json(report.to_json())
    else:
        state.out.print(report.summary(), markup=False)


def cypher(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="A named query (see --list).")] = None,
    list_all: Annotated[
        bool, typer.Option("--list", help="List the named queries and their parameters.")
    ] = False,
    show_text: Annotated[
        bool, typer.Option("--show", help="Print the query, to paste into Neo4j Browser.")
    ] = False,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="key=value; repeat for each parameter."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Run a named, read-only Cypher query against Neo4j."""
    # The driver, only for the commands that talk to Neo4j.
    from catalog.stores.neo4j import named

    state = state_of(ctx)
    if list_all or name is None:
        found = named.load_all()
        if as_json:
            state.json([q.to_json() for q in found.values()])
            return
        render.rows_table(
            state.out,
            "Named Cypher queries (datamap cypher NAME --param key=value)",
            ["name", "answers", "parameters"],
            [
                (q.name, q.description, "\n".join(f"{k}: {v}" for k, v in q.params.items()) or "-")
                for q in found.values()
            ],
        )
        return
    query = named.get(name)
    if show_text:
        state.out.file.write(query.text)
        return
    given: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise BadRequest(f"--param takes key=value, not {item!r}")
        given[key.strip()] = value
    named.bind(query, given)  # a wrong parameter is refused before connecting
    from catalog.queries.engine import QueryEngine
    from catalog.stores import open_store
    from catalog.stores.neo4j.store import Neo4jStore

    store = open_store(state.settings.replace(store="neo4j"))
    try:
        assert isinstance(store, Neo4jStore)  # the settings name Neo4j
        # Entries are named as everywhere else: an id or what a person types.
        resolve = QueryEngine(store).resolve
        result = named.run(store, query, given, resolve)
    finally:
        store.close()
    if as_json:
        state.json(result.to_json())
        return
    if result.note:
        state.out.print(result.note, markup=False)
        return
    render.rows_table(
        state.out,
        f"{result.query} ({len(result.rows)} rows)",
        result.columns,
        [list(row.values()) for row in result.rows],
    )


def dev_server(
    ctx: typer.Context,
    port: Annotated[int, typer.Option(help="Bolt port on 127.0.0.1.")] = 7687,
    data: Annotated[
        Path, typer.Option(help="Folder for the databases and the server's logs.")
    ] = Path(".datamap-dev"),
    http_port: Annotated[
        int | None, typer.Option(help="ArcadeDB HTTP port (default: any free port).")
    ] = None,
    heap: Annotated[str, typer.Option(help="JVM heap, e.g. 2g.")] = "2g",
) -> None:
    """Run a local Bolt server (ArcadeDB) in the foreground until Ctrl-C; prints the settings,
    then `ready`. `datamap sync` and `--store neo4j` reach it with their defaults."""
    # The one product entry to the dev tools (import-linter allows exactly this import).
    from catalog.dev.arcadedb import serve

    state = state_of(ctx)
    settings = state.settings

    def say(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    serve(
        port=port,
        data=data,
        database=settings.neo4j_database,
        user=settings.neo4j_user,
        password=settings.neo4j_password.get_secret_value(),
        http_port=http_port,
        heap=heap,
        say=say,
    )
