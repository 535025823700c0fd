"""Named Cypher queries: documented, read-only, and giving the answers the policy supports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catalog.errors import BadRequest, NotFound
from catalog.stores.neo4j import named as nq

EXPECTED = {
    "who-receives",
    "what-is-sold",
    "transfers",
    "erasure-notify",
    "recipient-categories",
    "activities-without-legal-basis",
    "inferred-legal-bases",
    "sensitive-data-flows",
    "transfers-by-mechanism",
    "rights",
    "collection-points",
    "policy-search",
}


def test_every_query_is_documented_and_read_only() -> None:
    queries = nq.load_all()
    assert set(queries) >= EXPECTED
    for q in queries.values():
        assert q.description, q.name
        assert nq.is_read_only(q.text), q.name
        for param in q.params:
            assert f"${param}" in q.text, f"{q.name} documents {param} but does not use it"


def test_write_clauses_are_refused(tmp_path: Path) -> None:
    assert not nq.is_read_only("MATCH (n) DETACH DELETE n")
    assert not nq.is_read_only("MATCH (n) SET n.x = 1 RETURN n")
    assert not nq.is_read_only("CALL apoc.periodic.iterate('x', 'y', {})")
    assert nq.is_read_only("// SET in a comment\nMATCH (n) WHERE n.name = 'Delete me' RETURN n")
    (tmp_path / "evil.cypher").write_text("// wipes everything\nMATCH (n) DETACH DELETE n\n")
    with pytest.raises(BadRequest, match="read-only"):
        nq.load_all(tmp_path)


def test_parameters_are_checked() -> None:
    query = nq.get("rights")
    assert nq.bind(query, {"regime": "gdpr"}) == {"regime": "gdpr"}
    with pytest.raises(BadRequest, match="needs --param regime"):
        nq.bind(query, {})
    with pytest.raises(BadRequest, match="takes no parameter colour"):
        nq.bind(query, {"regime": "gdpr", "colour": "red"})
    with pytest.raises(NotFound):
        nq.get("who-recieves")


def run(cli, *args: str) -> list[dict]:
    result = cli("cypher", *args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)["rows"]


@pytest.fixture
def neo4j_env(shared_synced_store, bolt_server, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in bolt_server.env().items():
        monkeypatch.setenv(key, value)


def test_who_receives_payment_information(cli, neo4j_env) -> None:
    rows = run(cli, "who-receives", "--param", "category=payment-information")
    specific = {r["recipient"] for r in rows if not r["general"] and not r["by_datamaps_reading"]}
    assert specific == {
        "payment-service-providers",
        "shipping-providers",
        "fraud-security-providers",
    }
    # "we have 'sold' ... The specific pieces of personal information we have collected about
    # you" reaches payment information by datamap's reading, and says so
    [sold] = [r for r in rows if r["recipient"] == "interest-based-advertising-partners"]
    assert "stands for everything the policy collects" in sold["by_datamaps_reading"]
    assert {"public-authorities", "stefere-entities"} <= {
        r["recipient"] for r in rows if r["general"]
    }
    assert all(r["policy_says"] for r in rows)


def test_what_is_sold_and_the_opt_outs(cli, neo4j_env) -> None:
    (row,) = run(cli, "what-is-sold")
    assert row["third_party"] == "Interest based advertising partners"
    assert row["sale"] is True and row["share"] is True
    assert "Do Not Sell My Personal Information page" in row["opt_outs"]
    assert "unique cookie IDs" in row["categories"]


def test_transfers_and_derogations(cli, neo4j_env) -> None:
    rows = {r["transfer"]: r for r in run(cli, "transfers")}
    assert rows["eea-to-us"]["mechanisms"] == [
        "Necessity for the performance of the contract with you (GDPR Art. 49(1)(b))"
    ]
    assert rows["prc-to-us"]["regime"] == "PIPL"
    derogations = run(cli, "transfers-by-mechanism", "-p", "kind=derogation")
    assert [r["transfer"] for r in derogations] == [
        "EEA to the United States (hosting and management)"
    ]


def test_erasure_notify_lists_recipients_of_customer_data(cli, neo4j_env) -> None:
    rows = {r["recipient"]: r for r in run(cli, "erasure-notify", "-p", "subject=customers")}
    assert rows["payment-service-providers"]["general_only"] is False
    assert (
        "Purchases, order fulfilment, returns and aftercare"
        in rows["payment-service-providers"]["through_activities"]
    )
    assert rows["public-authorities"]["general_only"] is True
    assert "mobile-carriers" not in rows  # SMS data concerns SMS subscribers, not customers


def test_gaps_and_inferences(cli, neo4j_env) -> None:
    missing = {
        r["activity"] for r in run(cli, "activities-without-legal-basis", "-p", "regime=gdpr")
    }
    assert missing == {"business-transfers", "combined-profiles", "aggregation"}
    inferred = run(cli, "inferred-legal-bases", "-p", "regime=gdpr")
    assert inferred and all(r["reason"] for r in inferred)
    assert any(
        r["activity"].startswith("Purchases") and r["article"] == "GDPR Art. 6(1)(b)"
        for r in inferred
    )


def test_rights_sensitive_flows_collection_and_search(cli, neo4j_env) -> None:
    rights = {r["right"]: r for r in run(cli, "rights", "-p", "regime=ccpa")}
    assert (
        "Do Not Sell My Personal Information page"
        in rights["Right to opt out of the sale of personal information"]["exercised_via"]
    )
    sensitive = {r["category"]: r for r in run(cli, "sensitive-data-flows")}
    assert set(sensitive) == {"payment-information", "your-payment-information"}
    payment = sensitive["payment-information"]
    # collected and disclosed as its item "Your payment information", in the purchase context
    assert payment["collected_at"] == ["When You Make a Purchase with Us"]
    assert {"Payment service providers", "Shipping providers"} <= set(payment["recipients"])
    assert (
        "Public authorities, courts and law enforcement"
        in payment["recipients_through_broader_statements"]
    )
    # the sentence that calls it sensitive, as a list of quotes (not JSON text in a string)
    assert any(
        "sensitive personal information" in c["quote"] and "China" in c["section"]
        for c in payment["why_sensitive"]
    )
    points = {
        r["collected_at"] for r in run(cli, "collection-points", "-p", "category=contact-details")
    }
    assert "When You Make a Purchase with Us" in points and "SMS sign-up" in points
    found = {r["id"] for r in run(cli, "policy-search", "-p", "text=next of kin")}
    assert found == {"lifetime-benefits"}


def test_cli_list_and_show(cli) -> None:
    listing = json.loads(cli("cypher", "--list", "--json").out)
    assert {q["name"] for q in listing} >= EXPECTED
    shown = cli("cypher", "transfers", "--show")
    assert (
        shown.code == 0
        and "MATCH (t:Transfer)" in shown.out
        and shown.out.startswith("// Cross-border")
    )


def test_parameters_naming_an_entry_resolve_like_any_name(cli, neo4j_env) -> None:
    rows = run(cli, "erasure-notify", "--param", "subject=Customers")  # the name, capitalised
    assert {"payment-service-providers", "shipping-providers"} <= {r["recipient"] for r in rows}
    assert run(cli, "who-receives", "-p", "category=credit card")  # an alias
    wrong = cli("cypher", "erasure-notify", "-p", "subject=custmers")
    assert wrong.code == 2 and "did you mean customers" in wrong.err


def test_an_empty_answer_says_so(cli, neo4j_env) -> None:
    result = cli("cypher", "transfers-by-mechanism", "-p", "kind=no-such-kind")
    assert result.code == 0
    assert "no rows: the graph holds nothing that answers transfers-by-mechanism" in result.out
    body = json.loads(cli("cypher", "transfers-by-mechanism", "-p", "kind=x", "--json").out)
    assert body["rows"] == [] and body["note"].startswith("no rows")


@pytest.mark.parametrize("width", ["100", "60"])
def test_cypher_tables_keep_ids_whole(cli, neo4j_env, monkeypatch, width: str) -> None:
    """A Rich table short of room cut ids with an ellipsis: every id is now on one line, whole,
    in a table whose columns are at least their longest word wide, or in one block per row."""
    import re

    monkeypatch.setenv("COLUMNS", width)
    rows = run(cli, "erasure-notify", "-p", "subject=customers")
    shown = cli("cypher", "erasure-notify", "-p", "subject=customers")
    assert shown.code == 0 and "…" not in shown.out
    assert max(len(line) for line in shown.out.splitlines()) <= int(width)
    for row in rows:
        assert re.search(rf"(?<![\w-]){re.escape(row['recipient'])}(?![\w-])", shown.out), row
    listing = cli("cypher", "--list").out
    for name in EXPECTED:
        assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", listing), name
