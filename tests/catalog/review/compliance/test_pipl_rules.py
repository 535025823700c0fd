"""PIPL and COPPA rules, each on a graph that fails it and one that passes."""

from __future__ import annotations


def test_a_processor_in_new_york_names_no_representative_in_the_prc(stefere) -> None:
    [finding] = stefere.findings("pipl-representative")
    assert finding.facts[0].id == "stefere-llc" and "United States" in finding.summary
    stefere.node("prc-rep", "Organisation").edge(
        "prc-rep", "pipl", "HAS_ROLE", role="representative"
    )
    assert stefere.status("pipl-representative") == "pass"


def test_a_processor_established_in_the_prc_needs_no_representative(stefere) -> None:
    stefere.drop("stefere-llc", "us", "LOCATED_IN").edge("stefere-llc", "prc", "LOCATED_IN")
    assert stefere.status("pipl-representative") == "pass"


def test_hosting_in_the_us_has_no_separate_consent(stefere) -> None:
    assert stefere.subjects("pipl-cross-border-consent") == {"prc-to-us"}
    stefere.edge("prc-to-us", "pipl-separate-consent-transfer", "UNDER_MECHANISM")
    assert stefere.status("pipl-cross-border-consent") == "pass"


def test_third_parties_abroad_are_not_identified(stefere) -> None:
    # The transfer to the US goes to Stefere itself, established there: only the other fails.
    assert stefere.subjects("pipl-foreign-recipient") == {"prc-to-third-parties-abroad"}
    stefere.edge("prc-to-third-parties-abroad", "webhosting-providers", "TO_RECIPIENT")
    assert stefere.status("pipl-foreign-recipient") == "pass"


def test_payment_information_has_its_consent_until_the_consent_is_unlinked(stefere) -> None:
    assert stefere.status("pipl-sensitive-consent") == "pass"
    stefere.drop("prior-opt-in-consent", "payment-information", "APPLIES_TO")
    assert stefere.subjects("pipl-sensitive-consent") == {"payment-information"}


def test_retention_is_stated_under_pipl(stefere) -> None:
    assert stefere.status("pipl-retention") == "pass"
    for rule in [n for n, d in stefere.g.nodes(data=True) if d["label"] == "RetentionRule"]:
        if stefere.g.has_edge(rule, "pipl", "UNDER"):
            stefere.drop(rule, "pipl", "UNDER")
    assert stefere.status("pipl-retention") == "fail"


def test_the_right_to_an_explanation_is_missing(stefere) -> None:
    [finding] = stefere.findings("pipl-rights")
    assert "explanation" in finding.summary and "48" in finding.summary
    stefere.node("pipl-right-to-explanation", "Right", article="PIPL Art. 48")
    stefere.edge("pipl", "pipl-right-to-explanation", "GRANTS")
    assert stefere.status("pipl-rights") == "pass"


def test_minors_under_14_and_children_under_13_are_addressed(stefere) -> None:
    assert stefere.status("pipl-minors") == "pass"
    assert stefere.status("coppa-children") == "pass"
    stefere.set("pipl", minors=[]).set("coppa", minors=[])
    assert stefere.status("pipl-minors") == "fail"
    assert stefere.status("coppa-children") == "fail"


def test_a_rule_of_a_regime_the_inventory_lacks_does_not_apply(stefere) -> None:
    stefere.g.remove_node("coppa")
    outcome = stefere.judge("coppa-children").rules[0]
    assert outcome.status == "not_applicable" and "coppa" in outcome.note
