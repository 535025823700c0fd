"""The command line as a user meets it: stable JSON, readable tables, clear errors."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from catalog.exports.record_tables import GDPR_COLUMNS


def walk(value: Any):
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v)


def assert_entities_have_id_and_name(data: Any) -> None:
    for obj in walk(data):
        if "id" in obj and isinstance(obj["id"], str) and "quote" not in obj:
            assert "name" in obj, obj


@pytest.mark.parametrize(
    "args, top",
    [
        (["list", "contexts"], "items"),
        (["list", "categories"], "items"),
        (["list", "recipients"], "items"),
        (["list", "purposes"], "items"),
        (["list", "activities"], "items"),
        (["who-receives", "payment information"], "recipients"),
        (["what-is-sold"], "categories"),
        (["transfers"], "transfers"),
        (["lineage", "payment information"], "upstream"),
        (["show", "payment-service-providers"], "relationships"),
    ],
)
def test_json_answers_are_stable_and_name_every_entity(cli, args: list[str], top: str) -> None:
    result = cli(*args, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert top in data
    assert_entities_have_id_and_name(data)


def test_who_receives_json_shape(cli) -> None:
    data = json.loads(cli("who-receives", "payment information", "--json").out)
    assert data["category"]["id"] == "payment-information"
    first = data["recipients"][0]
    assert {"id", "name", "role", "contexts", "purposes", "sale", "share", "sources"} <= set(first)
    assert first["sources"][0]["quote"]


def test_what_is_sold_json_has_opt_out_and_minors(cli) -> None:
    data = json.loads(cli("what-is-sold", "--json").out)
    assert {"categories", "recipients", "opt_outs", "minors", "sources"} <= set(data)
    assert data["minors"][0]["age"] == 16


def test_human_output_cites_the_policy(cli) -> None:
    result = cli("who-receives", "recordings of your calls")
    assert result.code == 0
    assert result.out.startswith("Who receives Recordings of your calls  [recordings-of-calls]")
    assert "CCPA (H) Audio" in result.out
    # lines wrap, so look for words that cannot: the recipient, its role, the quoted sentence
    for token in (
        "Telecommunications",
        "Service provider",
        "“Our",
        " policy ",
        "Through general statements only",
    ):
        assert token in result.out


def test_ropa_csv_has_the_ico_columns_in_order(cli, tmp_path: Path) -> None:
    target = tmp_path / "ropa.csv"
    result = cli("ropa", "--regime", "gdpr", "--format", "csv", "-o", str(target))
    assert result.code == 0
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    assert header[0] == "Processing activity"
    assert header[1:-1] == [title for title, _ in GDPR_COLUMNS]
    assert header[1:4] == [
        "Business function",
        "Purpose of processing",
        "Name and contact details of joint controller (if applicable)",
    ]
    assert len(rows) == 1 + 23
    purchases = next(r for r in rows if r[0].startswith("Purchases"))
    cell = dict(zip(header, purchases, strict=True))
    assert "Payment service providers" in cell["Categories of recipients"]
    assert "United States" in cell[header[8]]
    assert "GDPR Art. 49(1)(b)" in cell[header[9]]
    assert cell["Link to contract with processor"] == "Not stated in the policy"


def test_ropa_json_and_markdown(cli) -> None:
    data = json.loads(cli("ropa", "-r", "gdpr", "-f", "json").out)
    activity = data["activities"][0]
    for key in (
        "name",
        "purposes",
        "data_subjects",
        "data_categories",
        "recipients",
        "legal_bases",
        "transfers",
        "retention",
        "security_measures",
    ):
        assert key in activity
    md = cli("ropa", "-r", "ccpa", "-f", "md").out
    assert md.startswith("# Record of processing activities: CCPA")
    assert "Categories of personal information (§1798.140(v)(1))" in md
    assert "Policy sentences:" in md


def test_unknown_category_exits_2_with_suggestions(cli) -> None:
    result = cli("who-receives", "paymnt info")
    assert result.code == 2
    assert "did you mean payment-information (Payment information)" in result.err
    assert "Traceback" not in result.err


def test_bad_arguments_exit_2_without_traceback(cli) -> None:
    for args in (
        ["lineage", "payment information", "--depth", "9"],
        ["list", "vendors"],
        ["nosuch"],
        ["ropa", "-r", "hipaa"],
    ):
        result = cli(*args)
        assert result.code == 2, args
        assert "Traceback" not in result.err


def test_validate_passes_on_the_shipped_inventory(cli) -> None:
    result = cli("validate")
    assert result.code == 0
    assert (
        "valid" in result.out and "384 distinct policy sentences, every one verbatim" in result.out
    )


def test_validate_reports_one_line_per_problem(cli, broken_inventory) -> None:
    broken_inventory(
        "recipients.yaml",
        "    name: Shipping providers\n    role: service_provider",
        "    name: Shipping providers\n    role: courier",
    )
    root = broken_inventory(
        "subjects.yaml",
        "quote: If you are a customer or website visitor in the European Economic Area",
        "quote: If you are a customer in the European Economic Area",
    )
    result = cli("-i", str(root), "validate")
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 3
    assert any(
        ":" in line and "recipients.yaml:" in line and "recipients[shipping-providers].role" in line
        for line in lines
    )
    assert any("subjects.yaml:" in line and "not verbatim" in line for line in lines)
    assert lines[-1] == "2 problem(s) in the inventory; nothing was loaded."
    assert "Traceback" not in result.err


def test_queries_refuse_an_invalid_inventory(cli, broken_inventory) -> None:
    root = broken_inventory(
        "recipients.yaml",
        "    role: third_party\n    sources:\n      - {section: Short Message",
        "    role: carrier\n    sources:\n      - {section: Short Message",
    )
    result = cli("-i", str(root), "who-receives", "payment information")
    assert result.code == 1
    assert "recipients[mobile-carriers].role" in result.err
    assert result.out == ""


def test_validate_json(cli, broken_inventory) -> None:
    root = broken_inventory(
        "subjects.yaml", "    dpv: dpv:Customer\n", "    dpv: dpv:Customer\n    age: 12\n"
    )
    result = cli("-i", str(root), "validate", "--json")
    assert result.code == 1
    body = json.loads(result.out)
    assert body["valid"] is False
    (problem,) = body["problems"]
    assert problem["field"] == "subjects[customers].age" and problem["line"] == 7


def test_the_installed_console_script(tmp_path: Path) -> None:
    exe = shutil.which("datamap", path=str(Path(sys.executable).parent))
    assert exe, "the datamap console script is installed with the package"
    done = subprocess.run(
        [exe, "transfers", "--json"], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    ids = [t["id"] for t in json.loads(done.stdout)["transfers"]]
    assert {"eea-to-us", "prc-to-us"} <= set(ids)
    done = subprocess.run(
        [exe, "show", "no-such-thing"], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: no entry matches 'no-such-thing'")


def test_erasure_notify_on_the_embedded_store(cli) -> None:
    result = cli("erasure-notify", "customers", "--json")
    assert result.code == 0
    body = json.loads(result.out)
    assert body["subject"]["id"] == "customers" and body["recipients"]
    table = cli("erasure-notify", "Customers")
    assert table.code == 0 and "Who must be told of an erasure for Customers" in table.out
    assert cli("list", "subjects").code == 0


def test_can_share_is_a_gate(cli, tmp_path: Path) -> None:
    assert cli("can-share", "payment information", "shipping providers").code == 0
    general = cli("can-share", "call recordings", "marketing service providers", "--json")
    assert general.code == 0 and json.loads(general.out)["verdict"] == "general"
    strict = cli("can-share", "call recordings", "marketing service providers", "--strict")
    assert strict.code == 1
    flows = tmp_path / "flows.csv"
    flows.write_text(
        "category,recipient\npayment-information,shipping-providers\n"
        "payment-information,social-media-platforms\n",
        encoding="utf-8",
    )
    gate = cli("can-share", "--file", str(flows), "--json")
    assert gate.code == 1  # one flow the policy does not cover
    body = json.loads(gate.out)
    assert (body["named"], body["none"]) == (1, 1)


def test_findings_is_the_command_and_check_its_first_name(cli) -> None:
    new = cli("findings", "--regime", "ccpa", "--json", "--as-of", "2026-11-24")
    old = cli("check", "--regime", "ccpa", "--json", "--as-of", "2026-11-24")
    assert new.code == old.code == 0 and json.loads(new.out) == json.loads(old.out)
    assert "findings" in cli("--help").out and " check " not in cli("--help").out


def test_help_shows_whole_summaries_examples_and_the_version(cli) -> None:
    listing = cli("--help").out
    assert "Who must be told of an erasure request (GDPR Art. 17(2), 19), with what they" in (
        " ".join(listing.split())
    )
    assert "Example: datamap who-receives" in cli("who-receives", "--help").out
    version = cli("--version")
    assert version.code == 0 and version.out.startswith("datamap ")


def test_who_receives_opens_with_a_summary_and_folds_general_statements(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    short = cli("who-receives", "payment information")
    assert short.code == 0
    body = json.loads(cli("who-receives", "payment information", "--json").out)
    named = sum(1 for r in body["recipients"] if not r["general_only"])
    general = len(body["recipients"]) - named
    summary = f"{named} recipient(s) named for it; {general} more only through statements"
    assert summary in short.out
    assert "Through general statements only: " in short.out
    assert "(--all shows them)" in short.out
    assert max(len(line) for line in short.out.splitlines()) <= 100  # COLUMNS, though piped
    assert len(short.out.splitlines()) <= 40  # one screen
    # those named in the same place for the same purposes are one block: each purpose once;
    # the general statement's own purpose is said with the general statement, not here
    assert short.out.count("To confirm and track") == 1
    assert "on our behalf" not in short.out
    full = cli("who-receives", "payment information", "--all")
    assert "Only through statements about personal information in general" in full.out
    assert "To perform certain services on our behalf" not in full.out.split("Only through")[0]
    assert len(full.out.splitlines()) > len(short.out.splitlines())


def test_a_row_resting_on_datamap_s_reading_says_so(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = cli("who-receives", "ip address").out
    assert "By datamap's reading: The advertising companies see the IP address" in out
    assert "By datamap's reading" not in cli("who-receives", "unique cookie ids").out


@pytest.mark.parametrize(
    "args", [("what-is-sold",), ("who-receives", "payment information"), ("transfers",)]
)
def test_nothing_a_person_acts_on_is_cut(cli, monkeypatch, args) -> None:
    """Narrow terminals wrap cells, never end them with an ellipsis: an opt-out URL or a
    quoted sentence stays whole."""
    monkeypatch.setenv("COLUMNS", "80")
    result = cli(*args)
    assert result.code == 0 and "…" not in result.out
    if args == ("what-is-sold",):
        unwrapped = "".join(line.strip("│ ") for line in result.out.splitlines())
        assert "networkadvertising.org" in unwrapped.replace("│", "").replace(" ", "")


def test_a_bug_is_one_reportable_line_not_a_traceback(cli, monkeypatch) -> None:
    from catalog.cli import render

    def broken(*args: Any) -> None:
        raise KeyError("pipl")

    monkeypatch.setattr(render, "list_page", broken)
    monkeypatch.delenv("DATAMAP_TRACEBACK", raising=False)
    result = cli("list", "categories")
    assert result.code == 70
    assert "Traceback" not in result.err
    assert result.err.splitlines()[0] == "internal error: KeyError: 'pipl'"
    assert "DATAMAP_TRACEBACK=1" in result.err
    monkeypatch.setenv("DATAMAP_TRACEBACK", "1")
    with pytest.raises(KeyError):
        cli("list", "categories")


def test_categories_say_under_which_law_they_are_sensitive(cli) -> None:
    listed = json.loads(cli("list", "categories", "--json").out)
    by_id = {c["id"]: c for c in listed["items"]}
    assert by_id["payment-information"]["sensitive_under"] == ["pipl"]
    assert by_id["your-payment-information"]["sensitive_under"] == ["pipl"]
    assert by_id["email-addresses"]["sensitive_under"] == []
    shown = cli("show", "payment information")
    assert "sensitive under PIPL" in shown.out


def test_ropa_in_a_terminal_is_a_summary_with_the_way_to_the_rest(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    summary = cli("ropa")
    assert summary.code == 0
    assert "23 processing activities" in summary.out
    # said once, not 23 times: every activity transfers to the same places
    assert summary.out.count("Transfers to (every activity): ") == 1
    assert "3 named + 15 general" in summary.out  # online purchases
    assert "datamap ropa --activity ID" in summary.out
    every = cli("ropa", "--all")
    assert len(summary.out.splitlines()) * 10 < len(every.out.splitlines())
    one = cli("ropa", "--activity", "online purchases")
    assert one.code == 0 and "Purchases, order fulfilment, returns and aftercare" in one.out
    assert "Website operation" not in one.out
    missing = cli("ropa", "--activity", "nosuch")
    assert missing.code == 2 and "nosuch" in missing.err


def test_ropa_files_hold_every_activity_whatever_the_terminal_shows(cli) -> None:
    record = json.loads(cli("ropa", "--format", "json").out)
    assert len(record["activities"]) == 23
    one = json.loads(cli("ropa", "--format", "json", "--activity", "sms marketing").out)
    assert [a["id"] for a in one["activities"]] == ["sms-marketing"]


def test_a_bad_setting_names_where_it_was_set(cli, monkeypatch) -> None:
    monkeypatch.setenv("DATAMAP_API_PORT", "eighty")
    bad_env = cli("list", "categories")
    assert bad_env.code == 2
    assert bad_env.err.startswith("error: invalid settings: DATAMAP_API_PORT: ")
    monkeypatch.delenv("DATAMAP_API_PORT")
    bad_flag = cli("--neo4j-uri", "http://example.org", "list", "categories")
    assert bad_flag.code == 2 and "invalid settings: neo4j_uri: use one of bolt://" in bad_flag.err


def test_a_question_imports_only_what_it_needs(tmp_path) -> None:
    """Start-up time: once the snapshot is written, a --json question imports neither the other
    commands nor rich, networkx, the loader, rapidfuzz, the API, pydantic or any result model
    (typer 0.29 coerces every option through pydantic: hence the pin below it)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATAMAP_CACHE_DIR": str(tmp_path / "cache")}
    question = ["who-receives", "payment information", "--json"]
    code = (
        "import sys\n"
        "from catalog.cli import run\n"
        f"assert run({question!r}) == 0\n"
        "heavy = ['rich', 'networkx', 'catalog.loading.validation', 'catalog.cli.scanning',\n"
        "         'catalog.cli.review', 'catalog.exports.pack', 'rapidfuzz', 'fastapi',\n"
        "         'pydantic', 'catalog.model.results', 'catalog.queries.catalog']\n"
        "sys.stderr.write('imported: ' + ' '.join(m for m in heavy if m in sys.modules))\n"
    )
    for _ in range(2):  # the first writes the snapshot (and loads in full)
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr[-2000:]
    assert '"recipients"' in done.stdout
    assert done.stderr.strip() == "imported:", done.stderr


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("cp1252", b"")],
)
def test_can_share_reads_a_flows_file_as_spreadsheets_write_it(
    cli, tmp_path: Path, encoding: str, bom: bytes
) -> None:
    # Excel writes Windows-1252 ("CSV"), UTF-8 with a BOM ("CSV UTF-8") or UTF-16 ("Unicode
    # text"); a note in the third column carries a character each encodes differently
    text = (
        "category,recipient,note\r\n"
        "payment-information,shipping-providers,Café order\r\n"
        "payment-information,social-media-platforms,“pixel”\r\n"
    )
    flows = tmp_path / "flows.csv"
    flows.write_bytes(bom + text.encode(encoding))
    gate = cli("can-share", "--file", str(flows), "--json")
    assert gate.code == 1, gate.err  # one flow the policy does not cover; no crash (exit 70)
    body = json.loads(gate.out)
    assert (body["named"], body["none"]) == (1, 1)


def test_a_flows_file_with_a_short_row_or_no_header_names_its_line(cli, tmp_path: Path) -> None:
    flows = tmp_path / "flows.csv"
    flows.write_text(
        "category,recipient\npayment-information,shipping-providers\n\npayment-information\n",
        encoding="utf-8",
    )
    short = cli("can-share", "--file", str(flows))
    assert short.code == 2 and f"{flows}:4: a flow needs a category and a recipient" in short.err
    flows.write_text("payment-information,shipping-providers\n", encoding="utf-8")
    headless = cli("can-share", "--file", str(flows))
    assert headless.code == 2 and f"{flows}:1: the header row must name" in headless.err
    assert "Traceback" not in short.err + headless.err


def test_show_reads_as_text_not_python(cli, monkeypatch) -> None:
    # payment information's PIPL sensitivity and the EEA activity's sources are records of
    # several values: they read as quotes and sections, not as {'section': ...}
    monkeypatch.setenv("COLUMNS", "100")
    listed = [
        item["id"]
        for what in ("activities", "transfers", "regimes", "subjects")
        for item in json.loads(cli("list", what, "--json").out)["items"]
    ]
    for entry in ["payment-information", *listed]:
        out = cli("show", entry).out
        assert "{'" not in out and "[{" not in out, out
    out = " ".join(cli("show", "payment-information").out.split())
    assert "PIPL: sources: “We may process some certain sensitive personal information" in out


def test_transfers_read_as_blocks_with_the_mechanism_s_own_sentence(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    out = cli("transfers").out
    flat = " ".join(out.split())
    # the mechanism's sentence was in --json only; the transfer's own sentence stays whole
    assert (
        "“We will rely on Stefere’s need of your personal information for the performance" in flat
    )
    assert "Necessity for the performance of the contract with you (GDPR Art. 49(1)(b))" in flat
    assert "Personal information: European Economic Area → United States" in flat
    assert len(out.splitlines()) <= 60  # four transfers took 97 lines as a table
