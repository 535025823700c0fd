"""The rule catalogue as a whole, the runner, and `datamap check`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from catalog.review.compliance import RULES_FILE, RulesInvalid, load_rules
from catalog.review.compliance import findings as judge
from catalog.review.compliance.rules import CHECKS

AS_OF = "2026-11-24"


def test_every_rule_names_a_check_and_every_check_serves_a_rule() -> None:
    loaded = load_rules()
    assert len({r.rule.id for r in loaded}) == len(loaded)
    assert {r.rule.check for r in loaded} == set(CHECKS)
    regimes = {r.rule.regime for r in loaded}
    assert {"gdpr", "ccpa", "pipl", None} <= regimes
    for r in loaded:
        assert r.rule.legal_reference and r.rule.remedy and r.rule.why


def test_every_finding_on_stefere_cites_the_policy_verbatim(engine, inventory) -> None:
    findings = judge(engine, as_of=dt.date.fromisoformat(AS_OF))
    assert findings.findings and findings.summary.high >= 10
    for f in findings.findings:
        assert f.rule in {r.id for r in findings.rules}
        assert f.sources, f.id
        for c in f.sources:
            assert inventory.policy.find(c.quote) is not None, (f.id, c.quote)


def test_the_findings_a_lawyer_would_raise_first(engine) -> None:
    high = {
        f.id
        for f in judge(engine, as_of=dt.date.fromisoformat(AS_OF)).findings
        if f.severity == "high"
    }
    assert {
        "gdpr-representative-in-union:stefere-eea-representative",
        "gdpr-systematic-derogation:eea-to-us",
        "ccpa-notice-updated",
        "ccpa-request-methods",
        "ccpa-opt-out-signals",
        "pipl-representative",
    } <= high


def test_a_regime_runs_its_own_rules_only(engine) -> None:
    gdpr = judge(engine, "GDPR", as_of=dt.date.fromisoformat(AS_OF))
    assert gdpr.regime.id == "gdpr"
    assert {r.regime for r in gdpr.rules} == {"gdpr"}
    assert all(f.regime.id == "gdpr" for f in gdpr.findings)


def _rules_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


RULE = """\
rules:
  - id: only-dpo
    regime: gdpr
    family: Mine
    requirement: A DPO
    title: No DPO
    severity: low
    legal_reference: GDPR Art. 37
    check: party_role_present
    params: {role: data_protection_officer, label: DPO}
    why: Because.
    remedy: Appoint one.
"""


def test_a_catalogue_of_your_own(tmp_path: Path, cli) -> None:
    path = _rules_file(tmp_path, RULE)
    result = cli("check", "--rules", str(path), "--json")
    assert result.code == 0, result.err
    body = json.loads(result.out)
    assert [r["id"] for r in body["rules"]] == ["only-dpo"]
    assert body["findings"][0]["severity"] == "low"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("check: party_role_present", "check: no_such_check", "unknown check 'no_such_check'"),
        ("role: data_protection_officer, label: DPO", "label: DPO", "rules[only-dpo].params.role"),
        ("severity: low", "severity: dire", "severity"),
    ],
)
def test_a_broken_catalogue_names_file_line_and_field(
    tmp_path: Path, cli, old, new, message
) -> None:
    path = _rules_file(tmp_path, RULE.replace(old, new))
    with pytest.raises(RulesInvalid) as caught:
        load_rules(path)
    assert message in caught.value.message and "rules.yaml:" in caught.value.message
    result = cli("check", "--rules", str(path))
    assert result.code == 1 and message in result.err and "Traceback" not in result.err


def test_the_shipped_catalogue_is_the_default() -> None:
    assert RULES_FILE.name == "rules.yaml" and RULES_FILE.is_file()


def test_check_prints_findings_with_their_sentences_and_remedies(cli) -> None:
    summary = cli("check", "--regime", "gdpr", "--as-of", AS_OF)
    assert summary.code == 0, summary.err
    assert "HIGH (" in summary.out and "Passed" in summary.out and "--all" in summary.out
    assert "The EEA representative is not established in the EEA" in summary.out
    result = cli("check", "--regime", "gdpr", "--as-of", AS_OF, "--all")
    assert result.code == 0, result.err
    assert "The EEA representative is not established in the EEA" in result.out
    assert "GDPR Art. 27(1) and (3)" in result.out
    assert "“The representative of Stefere, LLC. in the EEA" in result.out
    assert "Remedy:" in result.out and "Passed (" in result.out


def test_check_fails_ci_on_high_findings_only_when_asked(cli) -> None:
    assert cli("check", "-r", "ccpa", "--as-of", AS_OF).code == 0
    assert cli("check", "-r", "ccpa", "--as-of", AS_OF, "--fail-on", "high").code == 1
    assert cli("check", "-r", "coppa", "--fail-on", "info").code == 0


def test_check_writes_a_markdown_report(tmp_path: Path, cli) -> None:
    out = tmp_path / "findings.md"
    result = cli("check", "--as-of", AS_OF, "--format", "md", "-o", str(out))
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Compliance findings: Stefere Jewelry Privacy Policy")
    assert "### The privacy policy is more than 12 months old (high)" in text
    assert "> “Last updated October 23, 2023” (Privacy Policy)" in text
    assert "| `gdpr-rights` |" in text and "| pass |" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--regime", "hipaa"), "no regime matches 'hipaa'"),
        (("--as-of", "24/11/2026"), "--as-of takes a date as YYYY-MM-DD"),
    ],
)
def test_check_refuses_bad_input_clearly(cli, args, message) -> None:
    result = cli("check", *args)
    assert result.code == 2 and message in result.err and "Traceback" not in result.err
