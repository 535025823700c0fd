"""Run the benchmarks at one size and report each figure against its goal.

Every ratio is measured side by side in the same run, on the same machine, and says what it
compares: a CLI question against a bare `python -c pass`; the embedded store ready from its
snapshot against the same start validating in full (as every start did before snapshots); a
first who-receives, JSON included, against a minimal traversal returning the same recipients;
the API's pre-routing path against a raw ASGI app sending the same bytes, and the API with that
path off against a bare FastAPI endpoint sending the same bytes; `datamap sync` against plain
UNWIND ... CREATE of the same rows without datamap's hashing, the two alternated over several
rounds; the Neo4j store against the embedded store on the same questions, the first call apart.
Results go to bench/results/SIZE.json and SIZE.md.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import json
import os
import random
import shutil
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

from bench import bodies
from bench.loadgen import LoadResult, percentile
from bench.loadgen import run as load
from catalog.dev.synthetic import SIZES, generate

ROOT = Path(__file__).resolve().parent
ORDER = ("S", "M", "L")


@dataclass
class Figure:
    name: str
    measured: str
    baseline: str = "-"
    ratio: float | None = None
    target: str = "-"
    minimum: float | None = None  # the least ratio the target allows (None: not judged)
    note: str = ""
    maximum: float | None = None  # the most ratio the target allows (a cost "at most N times")

    @property
    def met(self) -> bool | None:
        if self.ratio is None or (self.minimum is None and self.maximum is None):
            return None
        if self.minimum is not None and self.ratio < self.minimum:
            return False
        return not (self.maximum is not None and self.ratio > self.maximum)


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


# -- the command line ---------------------------------------------------------------------------


def _wall(command: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        command, env={**os.environ, **env}, capture_output=True, cwd=ROOT.parent, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode not in ok:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.decode()[-1000:]}")
    return seconds


def bench_cli(report: Report, medium: Path, rounds: int) -> None:
    """`datamap who-receives ... --json` end to end, against a bare Python start, interleaved
    round by round so that both see the same machine."""
    datamap = str(Path(sys.executable).with_name("datamap"))
    with tempfile.TemporaryDirectory(prefix="datamap-bench-cache-") as cache:
        warm = {"DATAMAP_CACHE_DIR": cache}
        stefere = [datamap, "who-receives", "payment information", "--json"]
        at_m = [datamap, "--inventory", str(medium), "who-receives", "item-00010", "--json"]
        say("CLI: first runs write the snapshots")
        first_stefere, first_m = _wall(stefere, warm), _wall(at_m, warm)
        times: dict[str, list[float]] = {"bare": [], "stefere": [], "m": []}
        say(f"CLI: {rounds} rounds of a bare start, Stefere and size M")
        for _ in range(rounds):
            times["bare"].append(_wall([sys.executable, "-c", "pass"], {}))
            times["stefere"].append(_wall(stefere, warm))
            times["m"].append(_wall(at_m, warm))
        full_m = [_wall(at_m, {"DATAMAP_CACHE_DIR": ""}) for _ in range(min(3, rounds))]
    med = {k: statistics.median(v) for k, v in times.items()}
    report.raw["cli"] = {
        **times,
        "first_stefere": first_stefere,
        "first_m": first_m,
        "full_m": full_m,
    }
    bare = med["bare"]
    report.add(
        Figure(
            'CLI `datamap who-receives "payment information" --json` (Stefere), snapshot kept',
            f"{med['stefere'] * 1000:.0f} ms",
            f"{bare * 1000:.0f} ms (`python -c pass`)",
            med["stefere"] / bare,
            "at most 8 times a bare Python start",
            maximum=8.0,
            note=f"median of {rounds}; the first run, writing the snapshot, "
            f"{first_stefere * 1000:.0f} ms",
        )
    )
    report.add(
        Figure(
            "CLI who-receives --json on a size-M inventory, snapshot kept",
            f"{med['m'] * 1000:.0f} ms",
            f"{bare * 1000:.0f} ms (`python -c pass`)",
            med["m"] / bare,
            "at most 25 times a bare Python start",
            maximum=25.0,
            note=f"median of {rounds}; validating in full instead: "
            f"{statistics.median(full_m):.1f} s",
        )
    )


# -- first answers on the embedded store -----------------------------------------------------------


def minimal_recipients(g: Any, cid: str) -> set[str]:
    """The baseline: the recipients of a category, of what is beneath it and of what it belongs
    to, by walking the same precomputed adjacency, and nothing else."""
    family = {cid}
    stack = [cid]
    while stack:
        for below in g.into(stack.pop(), "PART_OF"):
            if below not in family:
                family.add(below)
                stack.append(below)
    up = g.out(cid, "PART_OF")
    while up:
        parent = next(iter(up))
        if parent in family:
            break
        family.add(parent)
        up = g.out(parent, "PART_OF")
    found: set[str] = set()
    for c in family:
        for d in g.into(c, "OF"):
            found.update(g.out(d, "TO"))
    return found


def bench_first_answers(report: Report, folders: dict[str, Path], samples: int, seed: int) -> None:
    import orjson

    from api.deps import Representations, as_json, make_etag
    from catalog import queries
    from catalog.queries.engine import QueryEngine
    from catalog.settings import load_settings
    from catalog.stores import open_store

    for size, folder in folders.items():
        say(f"who-receives at {size}: loading {folder.name} as `datamap serve` does")
        with tempfile.TemporaryDirectory(prefix="datamap-bench-cache-") as cache:
            _startup(folder, cache)  # writes the snapshot, in a process of its own
            store = open_store(load_settings(inventory=folder, cache_dir=cache))
        engine = QueryEngine(store)
        # As the API does at start: the name index and the answer pieces made, and everything
        # loaded moved out of the collector's sight, so that no answer pays for walking the graph.
        engine.prepare()
        gc.collect()
        gc.freeze()
        view = store.view(queries.EVERYTHING, {})
        g = view.g
        items = [c for c in view.of_label("DataCategory") if view.node(c).get("kind") == "item"]
        chosen = random.Random(seed).sample(items, min(samples, len(items)))
        minimal, first, sizes = [], [], []
        for cid in chosen:
            started = time.perf_counter()
            expected = minimal_recipients(g, cid)
            minimal.append(time.perf_counter() - started)
            started = time.perf_counter()
            answer = queries.who_receives(view, cid)
            body = orjson.dumps(answer.data)
            first.append(time.perf_counter() - started)
            sizes.append(len(body) / 1024)
            if {r["id"] for r in answer.data["recipients"]} != expected:
                raise RuntimeError(f"the baseline and the answer disagree on {cid}")
        # Kept: the API renders each answer once and keeps it by ETag; asked again, a lookup.
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
        p50, p50_min = percentile(first, 0.5), percentile(minimal, 0.5)
        report.raw.setdefault("who_receives", {})[size] = {
            "first": first,
            "minimal": minimal,
            "warm_p50": percentile(warm, 0.5),
            "warm_p99": percentile(warm, 0.99),
            "median_answer_kib": statistics.median(sizes),
        }
        judged = size == "L"
        report.add(
            Figure(
                f"first who-receives at {size}, JSON included, against a minimal traversal",
                f"p50 {ms(p50)}, p99 {ms(percentile(first, 0.99))}",
                f"p50 {ms(p50_min)}",
                p50 / p50_min,
                "within 10 times (judged at L)",
                maximum=10.0 if judged else None,
                note=f"{len(chosen)} categories, median answer {statistics.median(sizes):.0f} "
                "KiB of JSON; the baseline returns only the set of recipient ids",
            )
        )
        report.add(
            Figure(
                f"who-receives asked again at {size} (kept by ETag)",
                f"p50 {ms(percentile(warm, 0.5))}, p99 {ms(percentile(warm, 0.99))}",
                "1 ms",
                1e-3 / percentile(warm, 0.99),
                "p99 under 1 ms",
                1.0 if judged else None,
                note=f"{len(warm)} lookups",
            )
        )
        del engine, store, view, g


# -- start-up and memory ---------------------------------------------------------------------


def _startup(folder: Path, cache: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.startup", str(folder)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT.parent,
        env={**os.environ, "DATAMAP_CACHE_DIR": cache},
    )
    return json.loads(done.stdout)


def bench_startup(report: Report, folder: Path, judged: bool, rounds: int = 3) -> None:
    """The embedded store ready to answer (as `datamap serve` before it listens), in a fresh
    process: validating in full, as every start did before snapshots, and from the snapshot."""
    with tempfile.TemporaryDirectory(prefix="datamap-bench-cache-") as cache:
        say(f"start-up: {folder.name}, validating in full and writing the snapshot")
        writing = _startup(folder, cache)
        say(f"start-up: {rounds} rounds, validating in full and from the snapshot, alternated")
        full, warm = [], []
        for _ in range(rounds):
            full.append(_startup(folder, ""))
            warm.append(_startup(folder, cache))
    full_s = statistics.median(r["seconds"] for r in full)
    warm_s = statistics.median(r["seconds"] for r in warm)
    warm_mib = max(r["peak_mib"] for r in warm)
    report.raw["startup"] = {"writing": writing, "full": full, "warm": warm}
    report.add(
        Figure(
            "embedded store ready from its snapshot, against validating in full",
            f"{warm_s:.2f} s",
            f"{full_s:.1f} s",
            full_s / warm_s,
            "at least 8 times faster (judged at L)",
            8.0 if judged else None,
            note=f"{warm[0]['nodes']:,} nodes, {warm[0]['relationships']:,} relationships; "
            f"the first start, validating and writing the snapshot: {writing['seconds']:.1f} s",
        )
    )
    report.add(
        Figure(
            "peak memory, ready from the snapshot",
            f"{warm_mib:.0f} MiB",
            "800 MiB",
            800 / warm_mib,
            "under 800 MiB (judged at L)",
            1.0 if judged else None,
            note=f"validating in full: {max(r['peak_mib'] for r in full):.0f} MiB",
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
    """Each of datamap's two ways of serving a kept answer against the baseline that does the
    same work without datamap: the pre-routing path against a raw ASGI app sending the same
    bytes; the endpoints (pre-routing path off) against a bare FastAPI endpoint sending them."""
    from catalog.dev.arcadedb import free_port, stop_process

    ports = {name: free_port() for name in ("fast", "routed", "fastapi", "raw")}
    answers = Path(tempfile.mkdtemp(prefix="datamap-bench-answers-"))
    servers: dict[str, subprocess.Popen[bytes]] = {}
    cache = tempfile.mkdtemp(prefix="datamap-bench-cache-")
    ours = ["api.main:app_from_environment", "--factory"]
    env = {"DATAMAP_INVENTORY": str(folder), "DATAMAP_CACHE_DIR": cache}
    try:
        say(f"API: starting datamap on {folder.name}")
        started = time.perf_counter()
        servers["fast"] = _serve(ours, env, ports["fast"])
        _wait(ports["fast"], "/health", servers["fast"])
        report.raw["api_start_seconds"] = time.perf_counter() - started
        servers["routed"] = _serve(ours, {**env, "DATAMAP_API_FAST_PATH": "0"}, ports["routed"])
        base = f"http://127.0.0.1:{ports['fast']}"
        with urllib.request.urlopen(f"{base}/categories?limit=1000") as r:
            items = [c["id"] for c in json.loads(r.read())["items"] if c["kind"] == "item"]
        chosen = random.Random(seed).sample(items, min(samples, len(items)))
        paths = [f"/categories/{c}/recipients" for c in chosen]
        say("API: first pass (answers computed, rendered and kept)")
        first, kept = [], {}
        for path in paths:
            started = time.perf_counter()
            with urllib.request.urlopen(f"{base}{path}") as r:
                kept[path] = r.read()
            first.append(time.perf_counter() - started)
        bodies.write(answers, kept)  # each baseline sends each URL's own answer
        baseline_env = {"BENCH_BODIES": str(answers)}
        servers["fastapi"] = _serve(["bench.bare_app:app"], baseline_env, ports["fastapi"])
        servers["raw"] = _serve(["bench.raw_app:app"], baseline_env, ports["raw"])
        _wait(ports["routed"], "/health", servers["routed"])
        _wait(ports["fastapi"], "/constant", servers["fastapi"])
        _wait(ports["raw"], paths[0], servers["raw"])

        load("127.0.0.1", ports["routed"], paths, clients=1, seconds=min(2.0, seconds))
        runs: dict[str, LoadResult] = {}
        for name, port, targets in (
            ("datamap, pre-routing path", ports["fast"], paths),
            ("raw ASGI, same bytes", ports["raw"], paths),
            ("datamap, endpoints", ports["routed"], paths),
            ("bare FastAPI, same bytes", ports["fastapi"], paths),
        ):
            load("127.0.0.1", port, targets, clients=clients, seconds=min(2.0, seconds))  # warm
            say(f"API: {clients} clients for {seconds:.0f} s on {name}")
            runs[name] = load("127.0.0.1", port, targets, clients=clients, seconds=seconds)
    finally:
        for process in servers.values():
            stop_process(process, timeout=30)
        shutil.rmtree(answers, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    report.raw["api"] = {
        name: {
            "rps": r.rps,
            "p50": r.percentile(0.5),
            "p99": r.percentile(0.99),
            "requests": r.requests,
            "errors": len(r.errors),
        }
        for name, r in runs.items()
    }
    report.raw["api_first"] = first
    for ours_name, base_name in (
        ("datamap, pre-routing path", "raw ASGI, same bytes"),
        ("datamap, endpoints", "bare FastAPI, same bytes"),
    ):
        ours_run, base_run = runs[ours_name], runs[base_name]
        report.add(
            Figure(
                f"API requests/s, {ours_name}, against {base_name}",
                f"{ours_run.rps:,.0f}/s",
                f"{base_run.rps:,.0f}/s",
                ours_run.rps / base_run.rps,
                "at least 0.7",
                0.7,
                note=f"{clients} clients, {ours_run.requests:,} requests; p99 "
                f"{ms(ours_run.percentile(0.99))} against {ms(base_run.percentile(0.99))}",
            )
        )
    report.add(
        Figure(
            "API first answer of each category (computed, rendered, kept), one client",
            f"p50 {ms(percentile(first, 0.5))}, p99 {ms(percentile(first, 0.99))}",
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
    report: Report,
    folder: Path,
    samples: int,
    seed: int,
    heap: str,
    uri: str | None,
    rounds: int,
    warm_up: int,
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
        timings, neo, sample, warmed = _on_neo4j(settings, graph, samples, seed, rounds, warm_up)
        bench_commands(report, folder, graph, settings, sample[0], rounds)
    embedded_engine = QueryEngine(EmbeddedStore(graph))
    embedded_engine.prepare()
    gc.collect()
    gc.freeze()  # as the API does at start (and as the first-answer figures are measured)
    embedded = _latencies(_asker(embedded_engine), sample)
    plain, first, again = timings["plain"], timings["first"], timings["again"]
    report.raw["sync"] = {"relationships": relationships, **timings}
    p_plain, p_first = statistics.median(plain), statistics.median(first)
    report.add(
        Figure(
            "sync relationships/s against a plain UNWIND ... CREATE of the same rows, no hashing",
            f"{relationships / p_first:,.0f}/s ({p_first:.1f} s)",
            f"{relationships / p_plain:,.0f}/s ({p_plain:.1f} s)",
            p_plain / p_first,
            "at least 0.5",
            0.5,
            note=f"{relationships:,} relationships, one transaction each; medians of {rounds} "
            f"rounds, the order alternated; sync {min(first):.1f}-{max(first):.1f} s, "
            f"baseline {min(plain):.1f}-{max(plain):.1f} s",
        )
    )
    report.add(
        Figure(
            "re-sync of the unchanged inventory against the first sync",
            f"{statistics.median(again):.2f} s",
            f"{p_first:.1f} s",
            p_first / statistics.median(again),
            "at least 10 times faster",
            10.0,
        )
    )
    cold, rest = neo[0], neo[1:]
    p50_neo, p50_emb = percentile(rest, 0.5), percentile(embedded, 0.5)
    report.raw["neo4j_vs_embedded"] = {
        "neo4j": neo,
        "embedded": embedded,
        "warm_up_medians": warmed.medians,
    }
    report.add(
        Figure(
            "who-receives on the Neo4j store against the embedded store, first answers (p50)",
            ms(p50_neo),
            ms(p50_emb),
            p50_neo / p50_emb,
            "within 5 times",
            maximum=5.0,
            note=f"{len(rest)} questions after {warmed.questions:,} on other categories (at "
            f"least {warm_up:,}, until a round of {NEO4J_WARM_ROUND} was steady; "
            f"the fresh server's first round: p50 {ms(warmed.cold_p50)}), p99 "
            f"{ms(percentile(rest, 0.99))} against {ms(percentile(embedded, 0.99))}; the "
            f"store's first question (names read, server cold) {ms(cold)}",
        )
    )


# Every question as a whole command (process start, store opened, answer, JSON): the Neo4j
# store against the embedded one. `{category}` is a sampled item, the others the generated
# inventory's first entries of their kind.
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("list", "categories"),
    ("list", "recipients"),
    ("list", "activities"),
    ("list", "contexts"),
    ("list", "purposes"),
    ("show", "{activity}"),
    ("who-receives", "{category}"),
    ("lineage", "{category}"),
    ("where", "{category}"),
    ("can-share", "{category}", "{recipient}"),
    ("what-is-sold",),
    ("transfers",),
    ("erasure-notify", "{subject}"),
    ("ropa", "--regime", "gdpr", "--format"),
)


def bench_commands(
    report: Report, folder: Path, graph: Any, settings: Any, category: str, rounds: int
) -> None:
    """Each question as a whole command on both stores, the runs interleaved; the Neo4j store
    holds the inventory as `datamap sync` writes it."""
    from catalog.stores.neo4j.store import Neo4jStore
    from catalog.stores.neo4j.sync import sync

    store = Neo4jStore(settings)
    try:
        sync(store, graph)
    finally:
        store.close()
    first = {
        label: next(n for n, d in graph.nodes(data=True) if d["label"] == label)
        for label in ("ProcessingActivity", "Recipient", "DataSubject")
    }
    values = {
        "category": category,
        "activity": first["ProcessingActivity"],
        "recipient": first["Recipient"],
        "subject": first["DataSubject"],
    }
    datamap = str(Path(sys.executable).with_name("datamap"))
    password = settings.neo4j_password
    bolt = {
        "DATAMAP_STORE": "neo4j",
        "DATAMAP_NEO4J_URI": settings.neo4j_uri,
        "DATAMAP_NEO4J_USER": settings.neo4j_user,
        "DATAMAP_NEO4J_PASSWORD": password.get_secret_value() if password else "",
        "DATAMAP_NEO4J_DATABASE": settings.neo4j_database,
    }
    with tempfile.TemporaryDirectory(prefix="datamap-bench-cache-") as cache:
        embedded = {"DATAMAP_STORE": "embedded", "DATAMAP_CACHE_DIR": cache}
        embedded["DATAMAP_INVENTORY"] = str(folder)
        say(f"commands: {len(COMMANDS)} questions as whole commands on both stores")
        for command in COMMANDS:
            args = [datamap, *(a.format(**values) for a in command)]
            args.append("json" if command[-1] == "--format" else "--json")
            _wall(args, embedded, ok=(0, 1))  # the snapshot written, the server's plan made
            _wall(args, bolt, ok=(0, 1))
            times: dict[str, list[float]] = {"embedded": [], "neo4j": []}
            for _ in range(rounds):
                times["embedded"].append(_wall(args, embedded, ok=(0, 1)))
                times["neo4j"].append(_wall(args, bolt, ok=(0, 1)))
            report.raw.setdefault("commands", {})[" ".join(command)] = times
            neo, emb = statistics.median(times["neo4j"]), statistics.median(times["embedded"])
            report.add(
                Figure(
                    f"`datamap {' '.join(args[1:])}` on the Neo4j store against the embedded "
                    "store, whole command",
                    f"{neo * 1000:.0f} ms",
                    f"{emb * 1000:.0f} ms",
                    neo / emb,
                    "within 5 times",
                    maximum=5.0,
                    note=f"median of {rounds}, interleaved; both after a first run",
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


# The Neo4j store is warmed (see _on_neo4j) by rounds of this many questions, at least
# NEO4J_WARM_UP_MIN of them and then until a round's median is within WARM_STEADY of the round
# before (the server's JIT has compiled what these questions run), and no longer than
# NEO4J_WARM_UP_MAX questions. On a fresh dev server at M the median falls from 8.5 ms to
# 2-2.8 ms over the first 3,000 questions, not steadily: two rounds agreed within 5% at 1,400,
# still at 4.4 ms.
NEO4J_WARM_ROUND = 200
WARM_STEADY = 0.05
NEO4J_WARM_UP_MIN = 4000
NEO4J_WARM_UP_MAX = 10000


@dataclass(frozen=True)
class Warmed:
    """How the Neo4j store was warmed: each round's median (the first: a fresh server's)."""

    medians: list[float]

    @property
    def questions(self) -> int:
        return len(self.medians) * NEO4J_WARM_ROUND

    @property
    def cold_p50(self) -> float:
        return self.medians[0]


def _on_neo4j(
    settings: Any, graph: Any, samples: int, seed: int, rounds: int, warm_up: int
) -> tuple[dict[str, list[float]], list[float], list[str], Warmed]:
    from catalog.queries.engine import QueryEngine
    from catalog.stores.neo4j.store import Neo4jStore

    store = Neo4jStore(settings)
    try:
        timings = _time_syncs(store, graph, settings.sync_batch_size, rounds)
    finally:
        store.close()
    say("Neo4j store: the same who-receives questions on both stores")
    categories = [
        n
        for n, d in graph.nodes(data=True)
        if d["label"] == "DataCategory" and d.get("kind") == "item"
    ]
    sample = random.Random(seed).sample(categories, min(samples, len(categories) // 2))
    fresh = Neo4jStore(settings)  # its first question reads the names
    try:
        ask = _asker(QueryEngine(fresh))
        first = _latencies(ask, sample[:1])
        # A server that answers people has run for a while: its JIT has compiled the
        # statements (see NEO4J_WARM_UP_MIN). Warmed on other categories, so that no answer
        # measured was asked before, until it is steady; the collector frozen as the API does
        # at start (this process holds the inventory's graph, which a server on the Neo4j
        # store does not).
        taken = set(sample)
        others = itertools.cycle([c for c in categories if c not in taken])
        warmed = Warmed([])
        while warmed.questions < NEO4J_WARM_UP_MAX:
            now = percentile(_latencies(ask, list(itertools.islice(others, NEO4J_WARM_ROUND))), 0.5)
            before = warmed.medians[-1] if warmed.medians else None
            warmed.medians.append(now)
            steady = before is not None and abs(now - before) <= WARM_STEADY * before
            if steady and warmed.questions >= warm_up:
                break
        gc.collect()
        gc.freeze()
        return timings, first + _latencies(ask, sample[1:]), sample, warmed
    finally:
        fresh.close()


def _time_syncs(store: Any, graph: Any, batch: int, rounds: int) -> dict[str, list[float]]:
    """Alternated: the baseline first in even rounds, sync first in odd ones, each into an
    empty database, so that neither always meets a cold server."""
    from bench.plain import bare_create, wipe
    from catalog.stores.neo4j.sync import ensure_schema, sync

    ensure_schema(store)
    out: dict[str, list[float]] = {"plain": [], "first": [], "again": []}

    def baseline() -> None:
        wipe(store)
        started = time.perf_counter()
        bare_create(store, graph, batch)
        out["plain"].append(time.perf_counter() - started)

    def datamap() -> None:
        wipe(store)
        started = time.perf_counter()
        sync(store, graph, batch_size=batch)
        out["first"].append(time.perf_counter() - started)

    for n in range(rounds):
        say(f"sync: round {n + 1} of {rounds}")
        for step in (baseline, datamap) if n % 2 == 0 else (datamap, baseline):
            step()
    wipe(store)
    sync(store, graph, batch_size=batch)
    for _ in range(3):
        started = time.perf_counter()
        second = sync(store, graph, batch_size=batch)
        out["again"].append(time.perf_counter() - started)
        if second.changed:
            raise RuntimeError("a re-sync of an unchanged inventory wrote something")
    return out


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
    parser.add_argument("--rounds", type=int, default=3, help="alternated rounds of sync")
    parser.add_argument("--cli-rounds", type=int, default=15, help="timed runs per CLI figure")
    parser.add_argument(
        "--skip", nargs="*", default=[], choices=["cli", "who", "startup", "api", "sync"]
    )
    parser.add_argument("--data", type=Path, default=ROOT / ".data", help="generated inventories")
    parser.add_argument("--out", type=Path, default=ROOT / "results")
    parser.add_argument(
        "--neo4j-warm-up",
        type=int,
        default=NEO4J_WARM_UP_MIN,
        help="questions the Neo4j store answers at least before it is measured",
    )
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
    if "cli" not in args.skip:
        bench_cli(report, folders.get("M") or inventory("M", args.seed, args.data), args.cli_rounds)
    if "who" not in args.skip:
        bench_first_answers(report, folders, args.samples, args.seed)
    if "startup" not in args.skip:
        bench_startup(report, folders[args.size], judged=args.size == "L")
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
        bench_sync(
            report,
            folders[args.size],
            args.samples,
            args.seed,
            heap,
            args.neo4j_uri,
            args.rounds,
            args.neo4j_warm_up,
        )
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
