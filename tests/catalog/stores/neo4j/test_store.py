"""The Neo4j store answers exactly what the embedded store answers, and fails clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from neo4j.exceptions import ConfigurationError, ServiceUnavailable

from catalog import queries
from catalog.errors import Ambiguous, BadRequest, NotFound, StoreDown, StoreUnavailable
from catalog.graph.view import GraphView
from catalog.model.kinds import LINKS, STRUCTURAL_RELS, Cite
from catalog.queries.engine import QueryEngine
from catalog.settings import Settings
from catalog.stores.neo4j import store as module
from catalog.stores.neo4j.store import Neo4jStore

PHRASINGS = Path(__file__).resolve().parents[2] / "queries" / "phrasings.yaml"


@pytest.fixture
def both(engine: QueryEngine, shared_synced_store: Neo4jStore) -> tuple[QueryEngine, QueryEngine]:
    return engine, QueryEngine(shared_synced_store)


def same(both: tuple[QueryEngine, QueryEngine], query: queries.Query, **args) -> None:
    embedded, neo4j = both
    a = embedded.ask(query, **args).to_json()
    b = neo4j.ask(query, **args).to_json()
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True), (
        f"{query.name}{args} differs"
    )


def ids_of(engine: QueryEngine, label: str) -> list[str]:
    return [n.id for n in engine.store.names() if n.label == label]


# Links that group or classify (a category's parent, an activity's context): structure, not
# a statement of the policy, so they carry no sentence.
STRUCTURAL = {s.rel for specs in LINKS.values() for s in specs if s.cite is Cite.NONE}
STRUCTURAL |= set(STRUCTURAL_RELS)
# What stands for a policy sentence where a fact has none: datamap's reading with its reason,
# or the systems side's provenance (a scan or a declaration).
PROVENANCE = ("inferred", "declared", "scanned", "scan", "evidence")


def unsupported(answer: object, path: str = "") -> list[str]:
    """Where an answer names an entry without its id and name (a policy's is its title), or
    states a fact with no sentence and nothing standing for one."""
    found: list[str] = []
    if isinstance(answer, dict):
        if "id" in answer and not (answer.get("name") or answer.get("title")):
            found.append(f"{path}: an entry without a name")
        if "name" in answer and "type" in answer and not answer.get("id"):
            found.append(f"{path}: an entry without an id")
        if (
            "sources" in answer
            and not answer["sources"]
            and answer.get("type") not in STRUCTURAL
            and not any(answer.get(k) for k in PROVENANCE)
        ):
            found.append(f"{path}: a fact without sources")
        for key, value in answer.items():
            found += unsupported(value, f"{path}.{key}")
    elif isinstance(answer, list):
        for i, value in enumerate(answer):
            found += unsupported(value, f"{path}[{i}]")
    return found


@pytest.mark.parametrize("query", queries.QUERIES, ids=lambda q: q.name)
def test_every_declared_question_answers_alike_on_both_stores(both, query, question_args) -> None:
    """Every question any module of catalog/queries declares (none listed here): the same
    answer on both stores, every entry with its id and name, every fact with its sources."""
    embedded, neo4j = (engine.ask(query, **question_args(query)) for engine in both)
    if isinstance(embedded, GraphView):  # the whole-graph view itself
        assert set(neo4j.g.nodes) == set(embedded.g.nodes)
        assert list(neo4j.g.nodes) == list(embedded.g.nodes)  # the same answer order
        assert list(neo4j.g.edges()) == list(embedded.g.edges())
        assert neo4j.meta == embedded.meta
        return
    assert json.dumps(embedded.to_json(), sort_keys=True) == json.dumps(
        neo4j.to_json(), sort_keys=True
    )
    assert unsupported(embedded.to_json(), query.name) == []


def test_the_answer_walk_catches_what_it_is_for() -> None:
    bad = {"who": {"id": "x", "name": ""}, "facts": [{"type": "TO", "sources": []}]}
    assert unsupported(bad) == [
        ".who: an entry without a name",
        ".facts[0]: a fact without sources",
    ]
    fine = [{"type": "PART_OF", "sources": []}, {"sources": [], "inferred": "because"}]
    assert unsupported(fine) == []


def test_parity_lists_sales_transfers_records(both) -> None:
    for what in ("contexts", "categories", "recipients", "purposes", "activities"):
        same(both, queries.LIST, what=what)
    same(both, queries.WHAT_IS_SOLD)
    same(both, queries.TRANSFERS)
    for regime in ("gdpr", "ccpa", "pipl", "coppa"):
        same(both, queries.ROPA, regime=regime)


def test_parity_erasure_every_subject_and_lists_every_kind(both) -> None:
    subjects = ids_of(both[0], "DataSubject")
    assert subjects
    for sid in subjects:  # shaped scopes: the subject's activities' disclosures, the general ones
        same(both, queries.ERASURE, subject=sid)
    for what in ("subjects", "rights", "regimes", "choices", "transfers"):
        same(both, queries.LIST, what=what)


def test_parity_who_receives_every_category(both) -> None:
    categories = ids_of(both[0], "DataCategory")
    assert len(categories) > 50
    for cid in categories:
        # byte for byte, field order included: the API sends these bytes
        embedded, neo4j = (engine.ask(queries.WHO_RECEIVES, category=cid) for engine in both)
        assert json.dumps(neo4j.to_json()) == json.dumps(embedded.to_json()), cid


def test_parity_lineage_every_category_at_every_depth(both) -> None:
    for cid in ids_of(both[0], "DataCategory"):
        for depth in (1, 2, 3):
            same(both, queries.LINEAGE, category=cid, depth=depth)


def test_parity_what_each_recipient_receives(both) -> None:
    for rid in ids_of(both[0], "Recipient"):
        same(both, queries.RECIPIENT_CATEGORIES, recipient=rid)


def test_parity_show_every_entry(both) -> None:
    for entry in both[0].store.names():
        same(both, queries.SHOW, entry=entry.id)


def test_names_resolve_the_same_way(both) -> None:
    neo4j = both[1]
    assert neo4j.category_id("Your friend's name and e-mail address") == "friend-name-and-email"
    with pytest.raises(NotFound) as err:
        neo4j.category_id("paymnt info")
    assert err.value.suggestions[0][0] == "payment-information"


def test_every_phrasing_resolves_alike_on_both_stores(both) -> None:
    """The words an entry is known by (its quotes and sections too), and whom a disclosure
    joins, come from either store."""
    embedded, neo4j = both

    def known(engine: QueryEngine) -> dict[str, tuple[tuple[str, ...], ...]]:
        return {e.id: (e.quotes, e.sections, e.about) for e in engine.store.names()}

    assert known(neo4j) == known(embedded)
    phrasings = yaml.safe_load(PHRASINGS.read_text(encoding="utf-8"))
    for row in phrasings:
        kinds = tuple(row["kinds"]) if row.get("kinds") else None
        answers = [_answer(engine, row["text"], kinds) for engine in both]
        assert answers[0] == answers[1], row["text"]


def _answer(engine: QueryEngine, text: str, kinds: tuple[str, ...] | None) -> object:
    try:
        return engine.resolve(text, kinds)
    except Ambiguous as err:
        return ("ambiguous", err.matches)
    except NotFound as err:
        return ("not held", err.suggestions)


def test_info_reports_the_synced_graph(shared_synced_store: Neo4jStore, graph) -> None:
    info = shared_synced_store.info()
    assert info["store"] == "neo4j"
    assert info["fingerprint"] == graph.graph["fingerprint"]
    assert info["nodes"] == graph.number_of_nodes()
    assert info["relationships"] == graph.number_of_edges()
    assert info["labels"]["DataCategory"] == len(GraphView(graph).of_label("DataCategory"))


def test_an_empty_database_says_to_sync(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(StoreUnavailable, match="holds no datamap graph; run `datamap sync` first"):
        QueryEngine(neo4j_store).ask(queries.WHO_RECEIVES, category="payment information")


def test_unreachable_server(bolt_server) -> None:
    from catalog.dev.arcadedb import free_port

    settings = bolt_server.settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_timeout=2.0)
    store = Neo4jStore(settings)
    with pytest.raises(
        StoreUnavailable, match=r"^cannot reach Neo4j at bolt://127\.0\.0\.1:\d+: .*refused"
    ):
        store.check()
    store.close()


def test_bad_credentials(bolt_server) -> None:
    store = Neo4jStore(bolt_server.settings(neo4j_password="not-the-password"))
    with pytest.raises(
        StoreUnavailable, match=f"refused the credentials of user '{bolt_server.user}'"
    ):
        store.check()
    store.close()


def test_unknown_database(bolt_server) -> None:
    store = Neo4jStore(bolt_server.settings(neo4j_database="no-such-database"))
    with pytest.raises(StoreUnavailable, match="no database 'no-such-database'"):
        store.check()
    store.close()


def test_cli_on_the_neo4j_store(
    cli, shared_synced_store: Neo4jStore, bolt_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in bolt_server.env().items():
        monkeypatch.setenv(key, value)
    neo = cli("--store", "neo4j", "who-receives", "payment information", "--json")
    assert neo.code == 0, neo.err
    embedded = cli("who-receives", "payment information", "--json")
    assert json.loads(neo.out) == json.loads(embedded.out)
    after = cli(
        "who-receives", "payment information", "--store", "neo4j", "--json"
    )  # as the issue writes it
    assert after.code == 0 and json.loads(after.out) == json.loads(embedded.out)
    monkeypatch.setenv("DATAMAP_STORE", "neo4j")
    assert cli("transfers", "--json").out == cli("transfers", "--store", "embedded", "--json").out
    monkeypatch.setenv("DATAMAP_NEO4J_PASSWORD", "wrong-password")
    assert cli("transfers", "--store", "neo4j").code == 1
    assert cli("transfers", "--store", "embedded").code == 0


def test_cli_sync_reports_counts(
    cli, neo4j_settings, bolt_server, monkeypatch: pytest.MonkeyPatch, graph
) -> None:
    for key, value in bolt_server.env().items():
        monkeypatch.setenv(key, value)
    first = cli("sync", "--json")
    assert first.code == 0, first.err
    report = json.loads(first.out)
    assert report["nodes_created"] == graph.number_of_nodes() and report["changed"]
    second = cli("sync")
    assert second.code == 0
    assert "already in sync: nothing changed" in second.out


def test_cli_connection_errors_are_one_line(cli) -> None:
    from catalog.dev.arcadedb import free_port

    result = cli(
        "--store", "neo4j", "--neo4j-uri", f"bolt://127.0.0.1:{free_port()}", "who-receives", "x"
    )
    assert result.code == 1
    assert result.err.startswith("error: cannot reach Neo4j at bolt://127.0.0.1:")
    assert len(result.err.strip().splitlines()) == 1
    result = cli("--store", "neo4j", "--neo4j-uri", "http://localhost:7474", "who-receives", "x")
    assert result.code == 2
    assert "use one of bolt://" in result.err


def test_parity_of_exports_and_diagrams(both) -> None:
    """Records, diagrams and the JSON-LD are drawn from a whole-graph snapshot on either store."""
    from catalog import queries
    from catalog.exports.jsonld import to_jsonld
    from visualize import diagrams

    embedded, neo4j = (e.snapshot() for e in both)
    assert queries.ccpa_disclosure(embedded).to_json() == queries.ccpa_disclosure(neo4j).to_json()
    assert [f.to_json() for f in queries.provenance(embedded)] == [
        f.to_json() for f in queries.provenance(neo4j)
    ]
    assert to_jsonld(embedded) == to_jsonld(neo4j)
    for build in (diagrams.data_map, diagrams.transfers, diagrams.sold):
        assert build(embedded).source == build(neo4j).source
    assert (
        diagrams.category(embedded, "payment-information").source
        == diagrams.category(neo4j, "payment-information").source
    )


def test_parity_of_compliance_findings(both) -> None:
    """The checks read the policy text too: it is synced, and the findings are the same."""
    import datetime as dt

    from catalog.review.compliance import findings

    embedded, neo4j = both
    assert neo4j.snapshot().meta["policy_document"] == embedded.snapshot().meta["policy_document"]
    day = dt.date(2026, 11, 24)
    assert findings(neo4j, as_of=day).to_json() == findings(embedded, as_of=day).to_json()


def test_names_read_once_follow_a_sync_without_a_round_trip_per_question(
    synced_store: Neo4jStore, broken_inventory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from catalog.graph.build import build_graph
    from catalog.loading.validation import load_inventory
    from catalog.stores.neo4j.sync import sync

    engine = QueryEngine(synced_store)
    engine.ask(queries.WHO_RECEIVES, category="payment information")
    metas = []
    original = synced_store.meta
    monkeypatch.setattr(synced_store, "meta", lambda: metas.append(1) or original())
    engine.ask(queries.WHO_RECEIVES, category="payment information")
    assert metas == []  # the names and the answer's metadata came with the question itself
    # A sync renames a category: the next question by its new name is answered at once.
    root = broken_inventory(
        "categories.yaml", "name: Payment information", "name: Card and payment details"
    )
    sync(synced_store, build_graph(load_inventory(root)))
    answer = engine.ask(queries.WHO_RECEIVES, category="card and payment details")
    assert answer.category.id == "payment-information"
    assert answer.category.name == "Card and payment details"


def test_a_category_moved_by_a_sync_is_answered_in_its_new_family(
    synced_store: Neo4jStore, broken_inventory
) -> None:
    """The store walks a category's family from the names it keeps: after a sync moves a
    category elsewhere in the hierarchy, the next answer is the new graph's, not the kept
    names'."""
    from catalog.graph.build import build_graph
    from catalog.loading.validation import load_inventory
    from catalog.stores.embedded import EmbeddedStore
    from catalog.stores.neo4j.sync import sync

    engine = QueryEngine(synced_store)
    before = engine.ask(queries.WHO_RECEIVES, category="contact details")
    assert "payment-information" not in [c["id"] for c in before.data["covers"]]
    root = broken_inventory(
        "categories.yaml",
        "parent: personal-information\n    ccpa: [B]\n    fideslang: user.payment",
        "parent: contact-details\n    ccpa: [B]\n    fideslang: user.payment",
    )
    moved = build_graph(load_inventory(root))
    sync(synced_store, moved)
    after = engine.ask(queries.WHO_RECEIVES, category="contact details")
    assert "payment-information" in [c["id"] for c in after.data["covers"]]
    expected = QueryEngine(EmbeddedStore(moved)).ask(
        queries.WHO_RECEIVES, category="contact details"
    )
    assert after.data == expected.data
    within = engine.ask(queries.WHO_RECEIVES, category="payment information").data["within"]
    assert [c["id"] for c in within] == ["contact-details", "personal-information"]


def test_answers_follow_a_sync_that_renames_what_they_name_and_sort(
    synced_store: Neo4jStore, broken_inventory
) -> None:
    """A view takes its answer order and references from the names the store keeps: after a
    sync renames a category, a question asked by id (resolved from the kept names) names and
    places it as the new graph does."""
    from catalog.graph.build import build_graph
    from catalog.loading.validation import load_inventory
    from catalog.stores.embedded import EmbeddedStore
    from catalog.stores.neo4j.sync import sync

    engine = QueryEngine(synced_store)
    engine.ask(queries.WHO_RECEIVES, category="email-address")
    root = broken_inventory("categories.yaml", "name: E-mail addresses", "name: Aardvark addresses")
    renamed = build_graph(load_inventory(root))
    sync(synced_store, renamed)
    after = engine.ask(queries.WHO_RECEIVES, category="personal-information").data
    expected = QueryEngine(EmbeddedStore(renamed)).ask(
        queries.WHO_RECEIVES, category="personal-information"
    )
    assert after == expected.data
    covers = [c["name"] for c in after["covers"]]
    assert covers[0] == "Aardvark addresses" and "E-mail addresses" not in covers


class _Flaky:
    """A driver whose sessions fail a statement `failures` times with `error`, then answer."""

    def __init__(self, failures: int, error: Exception) -> None:
        self.failures, self.error, self.runs = failures, error, 0

    def session(self, **_: object) -> _Flaky:
        return self

    def __enter__(self) -> _Flaky:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def run(self, statement: str, params: object) -> list[dict[str, int]]:
        self.runs += 1
        if self.runs <= self.failures:
            raise self.error
        return [{"x": 1}]

    def close(self) -> None:
        return None


def test_a_one_statement_read_is_retried_while_the_driver_calls_its_failure_retryable(
    monkeypatch,
) -> None:
    monkeypatch.setattr(module, "RETRY_DELAY", 0.001)
    settings = Settings(store="neo4j", neo4j_retry_time=5)
    flaky = _Flaky(2, ServiceUnavailable("connection reset"))
    assert Neo4jStore(settings, driver=flaky).read_one("RETURN 1 AS x", {}) == [{"x": 1}]
    assert flaky.runs == 3
    # not retryable: one attempt, and the error says what failed
    wrong = _Flaky(1, ConfigurationError("bad routing context"))
    with pytest.raises(BadRequest):
        Neo4jStore(settings, driver=wrong).read_one("RETURN 1 AS x", {})
    assert wrong.runs == 1
    # retried no longer than the settings allow: then the store counts as down
    down = _Flaky(10**6, ServiceUnavailable("connection refused"))
    store = Neo4jStore(Settings(store="neo4j", neo4j_retry_time=0.05), driver=down)
    with pytest.raises(StoreDown):
        store.read_one("RETURN 1 AS x", {})
    assert 1 < down.runs < 10**6
    store.close()
