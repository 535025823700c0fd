"""The `datamap` command line: a thin layer over the query engine.

Every answer has a stable `--json` form; without it, a readable table. A bad inventory prints
one line per problem (file:line: field: message) and exits 1; an unknown id or name exits 2
with suggestions; nothing ends in a traceback.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from catalog import __version__
from catalog.cli import render
from catalog.errors import BadRequest, DatamapError
from catalog.exports.records import ropa_csv, ropa_markdown
from catalog.loading.validation import check_inventory, load_inventory
from catalog.model.problems import InventoryInvalid
from catalog.queries import DEFAULT_DEPTH, MAX_DEPTH
from catalog.queries.engine import QueryEngine
from catalog.settings import Settings, load_settings
from catalog.stores.embedded import EmbeddedStore

app = typer.Typer(
    name="datamap",
    help="Personal-data inventory and lineage catalogue: a cited graph of privacy practices.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class ListWhat(StrEnum):
    contexts = "contexts"
    categories = "categories"
    recipients = "recipients"
    purposes = "purposes"
    activities = "activities"


class RopaFormat(StrEnum):
    json = "json"
    csv = "csv"
    md = "md"


class StoreChoice(StrEnum):
    embedded = "embedded"
    neo4j = "neo4j"


@dataclass
class State:
    settings: Settings
    out: Console
    err: Console
    _engine: QueryEngine | None = field(default=None, repr=False)

    @property
    def engine(self) -> QueryEngine:
        if self._engine is None:
            self._engine = QueryEngine(open_store(self.settings))
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.store.close()


def open_store(settings: Settings) -> Any:
    if settings.store == "neo4j":
        from catalog.stores.neo4j.store import Neo4jStore

        store = Neo4jStore(settings)
        try:
            store.check()
        except Exception:
            store.close()
            raise
        return store
    return EmbeddedStore.from_inventory(settings.inventory, max_file_bytes=settings.max_file_bytes)


def _state(ctx: typer.Context, store: StoreChoice | None = None) -> State:
    """The command's state; a command's own --store overrides the global one and the env."""
    state: State = ctx.obj
    if store is not None and store.value != state.settings.store:
        state.settings = state.settings.model_copy(update={"store": store.value})
    return state


JsonFlag = Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")]
StoreFlag = Annotated[
    StoreChoice | None,
    typer.Option("--store", "-s", help="embedded or neo4j [env DATAMAP_STORE; default embedded]"),
]


def _emit(state: State, result: Any, as_json: bool, human: Any) -> None:
    if as_json:
        state.out.file.write(json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        human(state.out, result)


@app.callback()
def _options(
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
) -> None:
    settings = load_settings(
        inventory=inventory,
        store=store.value if store else None,
        neo4j_uri=neo4j_uri,
        neo4j_user=neo4j_user,
        neo4j_password=neo4j_password,
        neo4j_database=neo4j_database,
    )
    state = State(settings=settings, out=_console(sys.stdout), err=_console(sys.stderr))
    ctx.obj = state
    ctx.call_on_close(state.close)


def _console(stream: Any) -> Console:
    tty = hasattr(stream, "isatty") and stream.isatty()
    return Console(file=stream, width=None if tty else 140, highlight=False, soft_wrap=False)


@app.command()
def validate(
    ctx: typer.Context,
    as_json: JsonFlag = False,
    policy: Annotated[
        Path | None,
        typer.Option(
            "--policy",
            help="A revised policy text: list every fact whose quote it no longer holds "
            "(exit 1 if any).",
        ),
    ] = None,
) -> None:
    """Check the inventory: schema, references, duplicate ids, and every quote verbatim."""
    state = _state(ctx)
    root = state.settings.inventory
    if policy is not None:
        _drift(state, policy, as_json)
        return
    inventory, problems = check_inventory(root, max_file_bytes=state.settings.max_file_bytes)
    if as_json:
        body = {
            "valid": not problems,
            "inventory": str(root),
            "entries": len(inventory.entries) if inventory else 0,
            "problems": [p.as_dict() for p in problems],
        }
        state.out.file.write(json.dumps(body, indent=2) + "\n")
    if problems:
        raise InventoryInvalid(problems)
    if not as_json and inventory is not None:
        quotes = sum(1 for _ in _count_quotes(inventory))
        state.out.print(
            f"{root}: valid. {len(inventory.entries)} entries, {quotes} quotes verbatim in "
            f"{inventory.meta.title} (last updated {inventory.meta.last_updated})."
        )


def _drift(state: State, policy: Path, as_json: bool) -> None:
    from catalog.review.changes import drift
    from catalog.review.changes.report import drift_terminal

    if not policy.is_file():
        raise BadRequest(f"no policy text at {policy}")
    inventory = load_inventory(
        state.settings.inventory, max_file_bytes=state.settings.max_file_bytes
    )
    report = drift(inventory, policy)
    if as_json:
        state.out.file.write(json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        drift_terminal(state.out, report)
    if report.entries_to_review:
        raise typer.Exit(1)


def _count_quotes(inventory: Any) -> Any:
    from catalog.loading.validation import entry_citations

    for entry in inventory.entries.values():
        yield from entry_citations(entry)


@app.command("list")
def list_(
    ctx: typer.Context,
    what: Annotated[ListWhat, typer.Argument(help="What to list.")],
    q: Annotated[
        str | None, typer.Option("--q", help="Only entries whose id or name contains this.")
    ] = None,
    as_json: JsonFlag = False,
    store: StoreFlag = None,
) -> None:
    """List contexts, categories, recipients, purposes or activities."""
    state = _state(ctx, store)
    page = state.engine.list(what.value, q=q)
    _emit(state, page, as_json, lambda c, p: render.list_page(c, what.value, p))


@app.command()
def show(
    ctx: typer.Context,
    entry: Annotated[str, typer.Argument(help="An id or a name.")],
    as_json: JsonFlag = False,
    store: StoreFlag = None,
) -> None:
    """Show one entry: its properties, sources and every relationship."""
    state = _state(ctx, store)
    _emit(state, state.engine.show(entry), as_json, render.entity)


@app.command("who-receives")
def who_receives(
    ctx: typer.Context,
    category: Annotated[str, typer.Argument(help="A data category or item: id or name.")],
    as_json: JsonFlag = False,
    store: StoreFlag = None,
) -> None:
    """Who receives a category (and what is grouped beneath it), why, and on what authority."""
    state = _state(ctx, store)
    _emit(state, state.engine.who_receives(category), as_json, render.who_receives)


@app.command("what-is-sold")
def what_is_sold(
    ctx: typer.Context,
    as_json: JsonFlag = False,
    store: StoreFlag = None,
) -> None:
    """What is sold or shared (CCPA), to whom, why, and how to opt out."""
    state = _state(ctx, store)
    _emit(state, state.engine.what_is_sold(), as_json, render.what_is_sold)


@app.command()
def transfers(
    ctx: typer.Context,
    as_json: JsonFlag = False,
    store: StoreFlag = None,
) -> None:
    """Cross-border transfers: from, to, mechanism, data concerned."""
    state = _state(ctx, store)
    _emit(state, state.engine.transfers(), as_json, render.transfers)


@app.command()
def lineage(
    ctx: typer.Context,
    category: Annotated[str, typer.Argument(help="A data category or item: id or name.")],
    depth: Annotated[
        int, typer.Option(min=1, max=MAX_DEPTH, help="Hops to follow from the category.")
    ] = DEFAULT_DEPTH,
    as_json: JsonFlag = False,
    store: StoreFlag = None,
) -> None:
    """Where a category comes from and where it goes."""
    state = _state(ctx, store)
    _emit(state, state.engine.lineage(category, depth), as_json, render.lineage)


@app.command()
def ropa(
    ctx: typer.Context,
    regime: Annotated[
        str, typer.Option("--regime", "-r", help="gdpr, ccpa or pipl (any regime id).")
    ] = "gdpr",
    fmt: Annotated[
        RopaFormat | None,
        typer.Option("--format", "-f", help="json, csv or md; a table if omitted."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.")
    ] = None,
    store: StoreFlag = None,
) -> None:
    """The record of processing activities for a regime (GDPR Art. 30, CCPA, PIPL)."""
    state = _state(ctx, store)
    record = state.engine.ropa(regime)
    if fmt is None and output is None:
        render.ropa(state.out, record)
        return
    fmt = fmt or RopaFormat.json
    text = {
        RopaFormat.json: lambda: json.dumps(record.to_json(), indent=2, ensure_ascii=False) + "\n",
        RopaFormat.csv: lambda: ropa_csv(record),
        RopaFormat.md: lambda: ropa_markdown(record),
    }[fmt]()
    if output is None:
        state.out.file.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        state.err.print(f"wrote {output} ({len(record.activities)} activities)")


class DiagramKind(StrEnum):
    map = "map"
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


EXPORT_FORMATS = {
    "ropa": ("csv", "xlsx", "md", "json"),
    "pipl": ("csv", "xlsx", "md", "json"),
    "ccpa": ("csv", "xlsx", "md", "json"),
    "cnil": ("html", "md"),
    "jsonld": ("jsonld",),
    "provenance": ("csv", "html"),
    "pack": ("folder", "zip"),
}


@app.command()
def diagram(
    ctx: typer.Context,
    kind: Annotated[
        DiagramKind, typer.Argument(help="map, category, recipient, transfers or sold.")
    ],
    entry: Annotated[
        str | None, typer.Argument(help="The category or recipient (id or name).")
    ] = None,
    fmt: Annotated[
        DiagramFormat, typer.Option("--format", "-f", help="svg, png, pdf or dot.")
    ] = DiagramFormat.svg,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
    ] = None,
    store: StoreFlag = None,
) -> None:
    """Draw a data-flow diagram with Graphviz."""
    from catalog.errors import BadRequest
    from visualize import diagrams

    state = _state(ctx, store)
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


@app.command()
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
    from catalog import queries
    from catalog.errors import BadRequest
    from catalog.exports import cnil, tables
    from catalog.exports.jsonld import to_jsonld
    from catalog.exports.pack import build_pack
    from catalog.exports.xlsx import ccpa_xlsx, ropa_xlsx

    state = _state(ctx, store)
    engine = state.engine
    what = kind.value
    allowed = EXPORT_FORMATS[what]
    suffix = output.suffix.lstrip(".").lower()
    fmt = fmt or (suffix if suffix in allowed else ("folder" if what == "pack" else allowed[0]))
    if fmt not in allowed:
        raise BadRequest(f"{what} is written as {', '.join(allowed)}, not {fmt!r}")

    def write(data: str | bytes) -> None:
        output.parent.mkdir(parents=True, exist_ok=True)
        (output.write_bytes if isinstance(data, bytes) else output.write_text)(data)
        state.err.print(f"wrote {output}", markup=False)

    if what in ("ropa", "pipl"):
        record = engine.ropa("pipl" if what == "pipl" else regime)
        render_record = {
            "csv": ropa_csv,
            "md": ropa_markdown,
            "xlsx": ropa_xlsx,
            "json": lambda r: json.dumps(r.to_json(), indent=2, ensure_ascii=False),
        }
        write(render_record[fmt](record))
    elif what == "ccpa":
        disclosure = queries.ccpa_disclosure(engine.snapshot())
        render_ccpa = {
            "csv": tables.ccpa_csv,
            "md": tables.ccpa_markdown,
            "xlsx": ccpa_xlsx,
            "json": lambda d: json.dumps(d.to_json(), indent=2, ensure_ascii=False),
        }
        write(render_ccpa[fmt](disclosure))
    elif what == "cnil":
        record = engine.ropa("gdpr")
        output.mkdir(parents=True, exist_ok=True)
        for sheet in cnil.sheets(engine.snapshot(), record):
            page = (
                cnil.sheet_html(sheet, record)
                if fmt == "html"
                else cnil.sheet_markdown(sheet, record)
            )
            (output / f"{sheet.activity.id}.{fmt}").write_text(page, encoding="utf-8")
        state.err.print(f"wrote {len(record.activities)} activity sheets to {output}", markup=False)
    elif what == "jsonld":
        write(json.dumps(to_jsonld(engine.snapshot()), indent=2, ensure_ascii=False))
    elif what == "provenance":
        facts = queries.provenance(engine.snapshot())
        if fmt == "csv":
            write(tables.provenance_csv(facts))
        else:
            from catalog.exports.html import render as render_html

            write(
                render_html(
                    "provenance.html.j2",
                    facts=facts,
                    policy_title=engine.snapshot().meta.get("policy_title", ""),
                )
            )
    else:
        policy = load_inventory(
            state.settings.inventory, max_file_bytes=state.settings.max_file_bytes
        ).policy
        target = output.with_suffix(".zip") if fmt == "zip" and output.suffix != ".zip" else output
        with state.err.status("writing the regulator pack") as status:
            result = build_pack(
                engine,
                target,
                policy,
                progress=lambda step: status.update(f"writing the regulator pack: {step}"),
            )
        state.err.print(
            f"wrote {len(result.files)} files to {result.path}; open index.html", markup=False
        )


@app.command()
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
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    from catalog.graph.build import build_graph
    from catalog.stores.neo4j.store import Neo4jStore
    from catalog.stores.neo4j.sync import sync as run_sync

    state = _state(ctx)
    settings = state.settings
    graph = build_graph(load_inventory(settings.inventory, max_file_bytes=settings.max_file_bytes))
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
        state.out.file.write(json.dumps(report.to_json(), indent=2) + "\n")
    else:
        state.out.print(report.summary(), markup=False)


@app.command()
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
    from rich.table import Table

    from catalog.errors import BadRequest
    from catalog.stores.neo4j import named as nq

    state = _state(ctx)
    if list_all or name is None:
        queries = nq.load_all()
        if as_json:
            state.out.file.write(
                json.dumps([q.to_json() for q in queries.values()], indent=2) + "\n"
            )
            return
        table = Table(title="Named Cypher queries (datamap cypher NAME --param key=value)")
        table.add_column("name", style="cyan", no_wrap=True)
        table.add_column("answers")
        table.add_column("parameters")
        for q in queries.values():
            table.add_row(
                q.name, q.description, "\n".join(f"{k}: {v}" for k, v in q.params.items()) or "-"
            )
        state.out.print(table)
        return
    query = nq.get(name)
    if show_text:
        state.out.file.write(query.text)
        return
    given: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise BadRequest(f"--param takes key=value, not {item!r}")
        given[key.strip()] = value
    params = nq.bind(query, given)
    from catalog.stores.neo4j.store import Neo4jStore

    store = Neo4jStore(state.settings)
    try:
        store.check()
        columns, rows = store.read(lambda tx: _run_named(tx, query.text, params))
    finally:
        store.close()
    if as_json:
        body = {
            "query": query.name,
            "params": params,
            "columns": columns,
            "rows": [dict(zip(columns, r, strict=True)) for r in rows],
        }
        state.out.file.write(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{query.name} ({len(rows)} rows)", show_lines=True)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(render._plain(v) if v is not None else "-" for v in row))
    state.out.print(table)


def _run_named(tx: Any, text: str, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    from catalog.stores.neo4j.named import plain

    result = tx.run(text, params)
    columns = list(result.keys())
    return columns, [plain(list(record.values())) for record in result]


@app.command("dev-server")
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
    from catalog.dev.arcadedb import serve

    state = _state(ctx)
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


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[
        str | None, typer.Option(help="Address to bind [env DATAMAP_API_HOST; default 127.0.0.1]")
    ] = None,
    port: Annotated[
        int | None, typer.Option(help="Port [env DATAMAP_API_PORT; default 8000]")
    ] = None,
    store: StoreFlag = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level")] = "info",
) -> None:
    """Serve the query API with uvicorn (docs at /docs, OpenAPI at /openapi.json)."""
    import ipaddress

    import uvicorn

    from api.main import create_app

    state = _state(ctx, store)
    settings = state.settings.model_copy(
        update={k: v for k, v in {"api_host": host, "api_port": port}.items() if v is not None}
    )
    app_ = create_app(settings)  # an invalid inventory stops here, with one line per problem
    try:
        public = not ipaddress.ip_address(settings.api_host).is_loopback
    except ValueError:
        public = settings.api_host not in ("localhost",)
    if public and not settings.api_keys:
        state.err.print(
            f"warning: serving on {settings.api_host} without API keys; anyone who can reach this "
            "port can read the catalogue. Set DATAMAP_API_KEYS.",
            markup=False,
        )
    state.err.print(
        f"datamap API on http://{settings.api_host}:{settings.api_port} ({settings.store} store); "
        f"docs at /docs. Try: curl http://{settings.api_host}:{settings.api_port}/categories/payment-information/recipients",
        markup=False,
    )
    uvicorn.run(
        app_,
        host=settings.api_host,
        port=settings.api_port,
        log_level=log_level,
        server_header=False,
    )


@app.command()
def version(ctx: typer.Context) -> None:
    """Print the datamap version."""
    _state(ctx).out.print(f"datamap {__version__}")


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; errors are reported, never raised.

    Messages go to stderr one per line, unwrapped, so that each names its file, line and field
    on a line of its own whatever the terminal width.
    """

    def say(line: str) -> None:
        sys.stderr.write(line + "\n")

    try:
        code = app(args=argv, prog_name="datamap", standalone_mode=False)
    except InventoryInvalid as exc:
        for problem in exc.problems:
            say(problem.render(Path.cwd()))
        say(f"{len(exc.problems)} problem(s) in the inventory; nothing was loaded.")
        return 1
    except DatamapError as exc:
        say(f"error: {exc.message}")
        return exc.exit_code
    except typer.Abort:
        say("aborted")
        return 130
    except typer.TyperException as exc:
        show = getattr(exc, "show", None)
        if show is not None:
            show(file=sys.stderr)
        else:
            say(f"error: {exc}")
        return getattr(exc, "exit_code", 2)
    except OSError as exc:
        say(f"error: {exc}")
        return 1
    return code if isinstance(code, int) else 0


def main() -> None:
    sys.exit(run())


from catalog.cli import review  # noqa: E402, F401  (adds `check` and `diff` to the app)
