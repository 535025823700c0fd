"""Run the benchmarks at one size and report each figure as a ratio against its target.

Every ratio is measured side by side in the same run: the API against a bare FastAPI app
served the same way, `datamap sync` against a plain UNWIND ... CREATE of the same rows on the
same server, a re-sync against the first sync, the Neo4j store against the embedded one on the
same questions, and who-receives at each size up to the one asked. Results go to
bench/results/SIZE.json and SIZE.md.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.loadgen import LoadResult, percentile
from bench.loadgen import run as load
from catalog.dev.synthetic import SIZES, generate

ROOT = Path(__file__).resolve().parent
ORDER = ("S", "M", "L")
MEMORY_LIMIT_MIB = 2048


@dataclass
class Figure:
    name: str
    measured: str
    baseline: str = "-"
    ratio: float | None = None
    target: str = "-"
    minimum: float | None = None  # the ratio the target asks for (None: reported, not judged)
    note: str = ""

    @property
    def met(self) -> bool | None:
        if self.minimum is None or self.ratio is None:
            return None
        return self.ratio >= self.minimum


@dataclass
class Report:
    size: str
    seed: int
    machine: dict[str, Any]
    figures: list[Figure] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def add(self, figure: Figure) -> None:
        self.figures.append(figure)
        mark = {True: "met", False: "MISSED", None: "info"}[figure.met]
        ratio = f"{figure.ratio:.2f}" if figure.ratio is not None else "-"
        print(
            f"  [{mark}] {figure.name}: {figure.measured} (ratio {ratio}; target {figure.target})"
        )


def say(text: str) -> None:
    print(text, flush=True)


def inventory(size: str, seed: int, root: Path) -> Path:
    folder = root / f"{size}-seed{seed}"
    if not (folder / "policy.yaml").is_file():
        say(f"generating the {size} inventory in {folder}")
        generate(size, folder, seed=seed)
    return folder


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


# -- who-receives on the embedded store -------------------------------------------------------


def bench_who_receives(report: Report, folders: dict[str, Path], samples: int, seed: int) -> None:
    from api.deps import Representations, as_json, make_etag
    from catalog import queries
    from catalog.graph.view import GraphView
    from catalog.queries.engine import QueryEngine
    from catalog.stores.embedded import EmbeddedStore

    per_kib: dict[str, float] = {}
    for size, folder in folders.items():
        say(f"who-receives at {size}: loading {folder.name}")
        store = EmbeddedStore.from_inventory(folder)
        gc.collect()
        gc.freeze()  # as the API does after loading: the graph is never collected
        engine = QueryEngine(store)
        engine.name_index()  # as the API does at start
        view = store.view(queries.EVERYTHING, {})
        items = [c for c in view.of_label("DataCategory") if view.node(c).get("kind") == "item"]
        chosen = random.Random(seed).sample(items, min(samples, len(items)))
        # From scratch: a fresh view per question, so nothing another answer computed helps.
        cold, sizes = [], []
        for cid in chosen:
            started = time.perf_counter()
            answer = queries.who_receives(GraphView(store.graph), cid)
            cold.append(time.perf_counter() - started)
            sizes.append(len(answer.model_dump_json()) / 1024)  # the answer's size, in KiB of JSON
        # Kept: the API renders each answer once and keeps it by ETag (its one answer cache);
        # a repeated question is a lookup there.
        kept = Representations()
        fingerprint = store.fingerprint()
        for cid in chosen:
            etag = make_etag(fingerprint, f"/categories/{cid}/recipients", "", "")
            kept.put(etag, as_json(engine.ask(queries.WHO_RECEIVES, category=cid)), "catalog")
        warm = []
        for _ in range(5):
            for cid in chosen:
                started = time.perf_counter()
                etag = make_etag(fingerprint, f"/categories/{cid}/recipients", "", "")
                assert kept.get(etag) is not None
                warm.append(time.perf_counter() - started)
        per_kib[size] = statistics.median(t / n for t, n in zip(cold, sizes, strict=True))
        p99 = percentile(warm, 0.99)
        report.raw.setdefault("who_receives", {})[size] = {
            "cold_p50": percentile(cold, 0.5),
            "cold_p99": percentile(cold, 0.99),
            "warm_p50": percentile(warm, 0.5),
            "warm_p99": p99,
            "median_answer_kib": statistics.median(sizes),
            "seconds_per_kib": per_kib[size],
        }
        report.add(
            Figure(
                f"who-receives p50/p99 at {size}, answers kept",
                f"{ms(percentile(warm, 0.5))} / {ms(p99)}",
                "1 ms",
                1e-3 / p99,
                "p99 under 1 ms (at L)",
                1.0 if size == "L" or size == report.size else None,
            )
        )
        report.add(
            Figure(
                f"who-receives p50/p99 at {size}, computed from scratch",
                f"{ms(percentile(cold, 0.5))} / {ms(percentile(cold, 0.99))}",
                note=f"median answer {statistics.median(sizes):.0f} KiB of JSON",
            )
        )
        gc.unfreeze()
        del engine, store, view
        gc.collect()
    smallest = next(iter(per_kib))
    for size, cost in per_kib.items():
        if size == smallest:
            continue
        report.add(
            Figure(
                f"who-receives time per KiB of answer, {size} against {smallest}",
                f"{cost * 1e6:.1f} µs",
                f"{per_kib[smallest] * 1e6:.1f} µs",
                per_kib[smallest] / cost,
                "grows no faster than the answer (ratio at least 0.67)",
                0.67,
            )
        )


# -- start-up and memory ---------------------------------------------------------------------


def bench_startup(report: Report, folder: Path) -> None:
    say(f"start-up: loading {folder.name} in a fresh process")
    done = subprocess.run(
        [sys.executable, "-m", "bench.startup", str(folder)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT.parent,
    )
    result = json.loads(done.stdout)
    report.raw["startup"] = result
    report.add(
        Figure(
            "start-up: validate, build the graph, ready to answer",
            f"{result['seconds']:.1f} s",
            note=f"{result['nodes']:,} nodes, {result['relationships']:,} relationships",
        )
    )
    report.add(
        Figure(
            "peak memory at start-up",
            f"{result['peak_mib']:.0f} MiB",
            f"{MEMORY_LIMIT_MIB} MiB",
            MEMORY_LIMIT_MIB / result["peak_mib"],
            "under 2 GiB",
            1.0,
        )
    )


# -- the API ---------------------------------------------------------------------------------


def _serve(target: list[str], env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    """uvicorn with the same settings for datamap and for the baseline."""
    flags = [
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", *target, *flags],
        env={**os.environ, **env},
        cwd=ROOT.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return process


def _wait(port: int, path: str, process: subprocess.Popen[bytes], timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"no answer on port {port} after {timeout} s")


def bench_api(
    report: Report,
    folder: Path,
    samples: int,
    seed: int,
    seconds: float,
    clients: int,
    load_seconds: float,
) -> None:
    from catalog.dev.arcadedb import free_port, stop_process

    ours_port, bare_port = free_port(), free_port()
    say(f"API: starting datamap on {folder.name}")
    started = time.perf_counter()
    ours = _serve(
        ["api.main:app_from_environment", "--factory"],
        {"DATAMAP_INVENTORY": str(folder)},
        ours_port,
    )
    body_file = Path(tempfile.mkstemp(prefix="datamap-bench-", suffix=".json")[1])
    bare = None
    try:
        _wait(ours_port, "/health", ours)
        report.raw["api_start_seconds"] = time.perf_counter() - started
        with urllib.request.urlopen(f"http://127.0.0.1:{ours_port}/categories?limit=1000") as r:
            items = [c["id"] for c in json.loads(r.read())["items"] if c["kind"] == "item"]
        chosen = random.Random(seed).sample(items, min(samples, len(items)))
        paths = [f"/categories/{c}/recipients" for c in chosen]
        with urllib.request.urlopen(f"http://127.0.0.1:{ours_port}{paths[0]}") as r:
            body_file.write_bytes(r.read())
        bare = _serve(["bench.bare_app:app"], {"BENCH_BODY_FILE": str(body_file)}, bare_port)
        _wait(bare_port, "/constant", bare)

        say("API: first pass (answers computed and kept)")
        started = time.perf_counter()
        for path in paths:
            with urllib.request.urlopen(f"http://127.0.0.1:{ours_port}{path}") as r:
                r.read()
        first_pass = (time.perf_counter() - started) / len(paths)
        warm = min(2.0, seconds)  # warm the connections
        load("127.0.0.1", ours_port, paths, clients=clients, seconds=warm)
        load("127.0.0.1", bare_port, ["/constant"], clients=clients, seconds=warm)
        runs: dict[str, LoadResult] = {}
        for name, port, targets in (
            ("datamap", ours_port, paths),
            ("bare constant", bare_port, ["/constant"]),
            ("bare same bytes", bare_port, ["/same-bytes"]),
        ):
            say(f"API: {clients} clients for {seconds:.0f} s on {name}")
            runs[name] = load("127.0.0.1", port, targets, clients=clients, seconds=seconds)
    finally:
        stop_process(ours, timeout=30)
        if bare is not None:
            stop_process(bare, timeout=30)
        body_file.unlink(missing_ok=True)
    ours_run = runs["datamap"]
    report.raw["api"] = {
        name: {
            "rps": r.rps,
            "p50": r.percentile(0.5),
            "p99": r.percentile(0.99),
            "errors": len(r.errors),
        }
        for name, r in runs.items()
    }
    for baseline in ("bare constant", "bare same bytes"):
        base = runs[baseline]
        report.add(
            Figure(
                f"API requests/s, /categories/{{id}}/recipients against a {baseline} endpoint",
                f"{ours_run.rps:,.0f}/s",
                f"{base.rps:,.0f}/s",
                ours_run.rps / base.rps,
                "at least 0.7",
                0.7,
                note=f"{clients} clients; p99 {ms(ours_run.percentile(0.99))} against {ms(base.percentile(0.99))}",
            )
        )
    report.add(
        Figure(
            "API first answer of each category (computed, rendered, kept), one client",
            ms(first_pass),
            note=f"{len(paths)} categories; started in {report.raw['api_start_seconds']:.1f} s",
        )
    )
    bench_load(report, folder, chosen, clients, load_seconds)


def bench_load(
    report: Report, folder: Path, categories: list[str], clients: int, seconds: float
) -> None:
    """A bounded load test on a mix of endpoints: zero errors, p99 reported."""
    from catalog.dev.arcadedb import free_port, stop_process

    port = free_port()
    say(f"load: {clients} clients for {seconds:.0f} s on a mix of endpoints")
    process = _serve(
        ["api.main:app_from_environment", "--factory"], {"DATAMAP_INVENTORY": str(folder)}, port
    )
    try:
        _wait(port, "/health", process)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/recipients?limit=200") as r:
            recipients = [x["id"] for x in json.loads(r.read())["items"]]
        rng = random.Random(1)
        paths = []
        for cid in categories:
            rid = rng.choice(recipients)
            paths += [
                f"/categories/{cid}/recipients",
                f"/categories/{cid}",
                f"/check?category={cid}&recipient={rid}",
                f"/recipients/{rid}",
            ]
        paths += ["/sold", "/transfers", "/categories?q=item-0&limit=20", "/activities?limit=50"]
        rng.shuffle(paths)
        result = load("127.0.0.1", port, paths, clients=clients, seconds=seconds)
    finally:
        stop_process(process, timeout=30)
    bad = sum(n for status, n in result.statuses.items() if status >= 400) + len(result.errors)
    report.raw["load"] = {
        "requests": result.requests,
        "rps": result.rps,
        "p50": result.percentile(0.5),
        "p99": result.percentile(0.99),
        "statuses": dict(result.statuses),
        "errors": result.errors[:20],
    }
    report.add(
        Figure(
            f"load: {clients} clients for {seconds:.0f} s on {len(paths)} URLs, errors",
            f"{bad} of {result.requests:,}",
            "0",
            1.0 if bad == 0 else 0.0,
            "zero errors",
            1.0,
            note=f"{result.rps:,.0f} requests/s; p50 {ms(result.percentile(0.5))}, p99 {ms(result.percentile(0.99))}",
        )
    )


# -- sync, and the Neo4j store ------------------------------------------------------------------


def bench_sync(
    report: Report, folder: Path, samples: int, seed: int, heap: str, uri: str | None
) -> None:
    """Sync and the Neo4j store, on a dev server started here or, with `uri`, on the server
    there (its database, named by DATAMAP_NEO4J_DATABASE, is wiped)."""
    from catalog.graph.build import load_graph
    from catalog.queries.engine import QueryEngine
    from catalog.stores.embedded import EmbeddedStore

    graph = load_graph(folder)
    relationships = graph.number_of_edges()
    with contextlib.ExitStack() as stack:
        settings = _bolt_settings(stack, uri, heap)
        timings, neo, sample = _on_neo4j(settings, graph, samples, seed)
    embedded = _latencies(_asker(QueryEngine(EmbeddedStore(graph))), sample)
    plain, first, again = timings["plain"], timings["first"], timings["again"]
    report.raw["sync"] = {"relationships": relationships, **timings}
    report.add(
        Figure(
            "sync relationships/s against a plain UNWIND ... CREATE of the same rows",
            f"{relationships / first:,.0f}/s ({first:.1f} s)",
            f"{relationships / plain:,.0f}/s ({plain:.1f} s)",
            plain / first,
            "at least 0.5",
            0.5,
            note=f"{relationships:,} relationships, one transaction each",
        )
    )
    report.add(
        Figure(
            "re-sync of the unchanged inventory against the first sync",
            f"{again:.1f} s",
            f"{first:.1f} s",
            first / again,
            "at least 10 times faster",
            10.0,
        )
    )
    p50_neo, p50_emb = percentile(neo, 0.5), percentile(embedded, 0.5)
    report.raw["neo4j_vs_embedded"] = {"neo4j": neo, "embedded": embedded}
    report.add(
        Figure(
            "who-receives on the Neo4j store against the embedded store (p50, first asked)",
            ms(p50_neo),
            ms(p50_emb),
            p50_emb / p50_neo,
            note=f"p99 {ms(percentile(neo, 0.99))} against {ms(percentile(embedded, 0.99))}; {len(sample)} categories",
        )
    )


def _bolt_settings(stack: contextlib.ExitStack, uri: str | None, heap: str) -> Any:
    from catalog.dev.arcadedb import spawn
    from catalog.settings import Settings

    if uri:
        say(f"sync: on {uri} (its database is wiped)")
        return Settings(store="neo4j", neo4j_uri=uri, neo4j_timeout=60)
    data = stack.enter_context(tempfile.TemporaryDirectory(prefix="datamap-bench-bolt-"))
    say(f"sync: starting a dev server (heap {heap})")
    server = spawn(Path(data), heap=heap)
    stack.callback(server.stop)
    return Settings(
        store="neo4j",
        neo4j_uri=server.uri,
        neo4j_user=server.settings["DATAMAP_NEO4J_USER"],
        neo4j_password=server.settings["DATAMAP_NEO4J_PASSWORD"],
        neo4j_database=server.settings["DATAMAP_NEO4J_DATABASE"],
        neo4j_timeout=60,
    )


def _on_neo4j(
    settings: Any, graph: Any, samples: int, seed: int
) -> tuple[dict[str, float], list[float], list[str]]:
    from bench.plain import plain_create, wipe
    from catalog.queries.engine import QueryEngine
    from catalog.stores.neo4j.store import Neo4jStore

    store = Neo4jStore(settings)
    try:
        timings = _time_syncs(store, graph, settings.sync_batch_size, plain_create, wipe)
        say("Neo4j store: the same who-receives questions on both stores")
        sample = random.Random(seed).sample(
            [
                n
                for n, d in graph.nodes(data=True)
                if d["label"] == "DataCategory" and d.get("kind") == "item"
            ],
            min(samples, 50),
        )
        return timings, _latencies(_asker(QueryEngine(store)), sample), sample
    finally:
        store.close()


def _time_syncs(
    store: Any, graph: Any, batch: int, plain_create: Callable, wipe: Callable
) -> dict[str, float]:
    from catalog.stores.neo4j.sync import ensure_schema, sync

    ensure_schema(store)
    wipe(store)
    say("sync: plain UNWIND ... CREATE of the same rows")
    started = time.perf_counter()
    plain_create(store, graph, batch)
    plain = time.perf_counter() - started
    wipe(store)
    say("sync: datamap sync into the empty database")
    started = time.perf_counter()
    sync(store, graph, batch_size=batch)
    first = time.perf_counter() - started
    say("sync: datamap sync again, nothing changed")
    started = time.perf_counter()
    second = sync(store, graph, batch_size=batch)
    again = time.perf_counter() - started
    if second.changed:
        raise RuntimeError("the second sync of an unchanged inventory wrote something")
    return {"plain": plain, "first": first, "again": again}


def _asker(engine: Any) -> Callable[[str], Any]:
    from catalog.queries import WHO_RECEIVES

    return lambda cid: engine.ask(WHO_RECEIVES, category=cid)


def _latencies(ask: Callable[[str], Any], categories: list[str]) -> list[float]:
    out = []
    for cid in categories:
        started = time.perf_counter()
        ask(cid)
        out.append(time.perf_counter() - started)
    return out


# -- the report ---------------------------------------------------------------------------------


def markdown(report: Report) -> str:
    lines = [
        f"# datamap benchmarks at size {report.size}",
        "",
        f"Synthetic inventory {report.size} (seed {report.seed}): "
        + ", ".join(f"{k} {v:,}" for k, v in report.raw.get("inventory", {}).items())
        + f". Machine: {report.machine['cpus']} CPUs, Python {report.machine['python']}.",
        "",
        "| Figure | Measured | Baseline | Ratio | Target | Met |",
        "|---|---|---|---|---|---|",
    ]
    for f in report.figures:
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else "-"
        met = {True: "yes", False: "**no**", None: "-"}[f.met]
        note = f" ({f.note})" if f.note else ""
        lines.append(
            f"| {f.name}{note} | {f.measured} | {f.baseline} | {ratio} | {f.target} | {met} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--size", choices=ORDER, default="M")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--samples", type=int, default=200, help="categories asked about")
    parser.add_argument("--seconds", type=float, default=10, help="per API measurement")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--load-seconds", type=float, default=30)
    parser.add_argument("--skip", nargs="*", default=[], choices=["who", "startup", "api", "sync"])
    parser.add_argument("--data", type=Path, default=ROOT / ".data", help="generated inventories")
    parser.add_argument("--out", type=Path, default=ROOT / "results")
    parser.add_argument("--heap", default=None, help="dev server JVM heap (default by size)")
    parser.add_argument(
        "--neo4j-uri",
        default=None,
        help="measure sync and the Neo4j store on this server instead of a dev server started "
        "for the run (credentials and database from DATAMAP_NEO4J_*; that database is wiped)",
    )
    args = parser.parse_args(argv)

    sizes = ORDER[: ORDER.index(args.size) + 1]
    folders = {s: inventory(s, args.seed, args.data) for s in sizes}
    report = Report(
        size=args.size,
        seed=args.seed,
        machine={
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "platform": sys.platform,
        },
    )
    spec = SIZES[args.size]
    report.raw["inventory"] = {
        "data categories": spec.categories,
        "recipients": spec.recipients,
        "activities": spec.activities,
    }
    if "who" not in args.skip:
        bench_who_receives(report, folders, args.samples, args.seed)
    if "startup" not in args.skip:
        bench_startup(report, folders[args.size])
    if "api" not in args.skip:
        bench_api(
            report,
            folders[args.size],
            args.samples,
            args.seed,
            args.seconds,
            args.clients,
            args.load_seconds,
        )
    if "sync" not in args.skip:
        heap = args.heap or {"S": "1g", "M": "2g", "L": "6g"}[args.size]
        bench_sync(report, folders[args.size], args.samples, args.seed, heap, args.neo4j_uri)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.size}.json").write_text(
        json.dumps(
            {**asdict(report), "figures": [{**asdict(f), "met": f.met} for f in report.figures]},
            indent=2,
        ),
        encoding="utf-8",
    )
    text = markdown(report)
    (args.out / f"{args.size}.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    return 0
