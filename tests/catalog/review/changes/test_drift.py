"""`datamap validate --policy NEW`: the facts a revised notice no longer supports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

UNDER_16 = "We do not knowingly ‘sell’ personal information about consumers under the age of 16."


@pytest.fixture
def revised(tmp_path: Path, inventory_dir: Path):
    """The shipped policy text with some sentences replaced."""

    def make(*changes: tuple[str, str]) -> Path:
        text = (inventory_dir / "stefere-privacy-policy.txt").read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, f"test setup: {old!r} not in the policy"
            text = text.replace(old, new)
        path = tmp_path / "revised-policy.txt"
        path.write_text(text, encoding="utf-8")
        return path

    return make


def test_an_unchanged_policy_drops_nothing(revised, cli) -> None:
    result = cli("validate", "--policy", str(revised()), "--json")
    assert result.code == 0, result.err
    body = json.loads(result.out)
    assert body["facts"] == [] and body["citations"] == body["unchanged"] > 600


def test_a_reworded_sentence_lists_every_fact_that_cites_it(revised, cli) -> None:
    new = revised(
        (
            UNDER_16,
            "We do not sell or share personal information of consumers under the age of 16.",
        ),
        ("Your payment information", "Your payment card details"),
    )
    result = cli("validate", "--policy", str(new), "--json")
    assert result.code == 1
    body = json.loads(result.out)
    missing = {(f["entry"], f["field"]): f for f in body["facts"] if f["status"] == "missing"}
    minors = missing[("ccpa", "regimes[ccpa].minors[0].quote")]
    assert minors["file"].endswith("regimes.yaml") and minors["line"] > 0
    assert (
        minors["closest"]
        == "We do not sell or share personal information of consumers under the age of 16."
    )
    payment = missing[("ctx-purchase", "collection_points[ctx-purchase].collects[4].quote")]
    assert payment["closest"].startswith("Your payment card details")
    assert {"ccpa", "ctx-purchase", "payment-information"} <= set(body["entries_to_review"])


def test_a_sentence_moved_to_another_section_is_reported_as_moved(revised, cli) -> None:
    moved = "Please visit the FTC’s website at https://www.ftc.gov for tips on protecting children’s privacy online."
    new = revised(
        (moved, ""),
        ("Links\n", "Links\n\n" + moved + " "),
    )
    result = cli("validate", "--policy", str(new), "--json")
    body = json.loads(result.out)
    assert result.code == 0  # nothing is missing; a move is for the record, not a failure
    facts = [f for f in body["facts"] if f["status"] == "moved"]
    assert facts and all(
        f["now_in"] == "Links" and f["section"] == "Children Under 13" for f in facts
    )


def test_the_report_names_file_line_and_field(revised, cli) -> None:
    new = revised(("Last updated October 23, 2023", "Last updated March 1, 2026"))
    result = cli("validate", "--policy", str(new))
    assert result.code == 1
    assert "policy.yaml:" in result.out and "policy.sources[0]" in result.out
    assert "no longer in the policy: “Last updated October 23, 2023”" in result.out


def test_a_missing_policy_file_is_a_clear_error(tmp_path: Path, cli) -> None:
    result = cli("validate", "--policy", str(tmp_path / "nope.txt"))
    assert result.code == 2 and "no policy text at" in result.err
