"""Rules on the notice as a whole, each on a graph that fails it and one that passes."""

from __future__ import annotations

from catalog.loading.policy import Policy


def test_statements_of_practice_no_fact_rests_on(stefere, inventory) -> None:
    findings = stefere.findings("notice-uncovered-statements")
    quotes = [c.quote for f in findings for c in f.sources]
    assert "All customer orders are processed exclusively by Stefere, LLC." in quotes
    policy: Policy = inventory.policy
    for f in findings:
        assert f.severity == "info"
        for c in f.sources:  # what the finding quotes is the policy's text, in the section it names
            assert policy.find(c.quote, c.section) is not None, c
    # Model every statement the rule found, and nothing is left uncovered.
    stefere.node(
        "covered", "Purpose", sources=[c.model_dump() for f in findings for c in f.sources]
    )
    assert stefere.status("notice-uncovered-statements") == "pass"


def test_hedged_wording_behind_material_facts(stefere) -> None:
    findings = {f.id: f for f in stefere.findings("notice-hedged-statements")}
    may_include = findings["notice-hedged-statements:data-transfer-agreements-may-include"]
    assert "'may include'" in may_include.summary
    assert may_include.sources[0].quote.endswith(
        "data transfer agreements, a copy of which you can obtain by contacting us as indicated in the “How To Contact Us” section below."
    )
    typically = next(f for f in findings.values() if "'typically'" in f.summary)
    assert "customer-service" in {x.id for x in typically.facts}


def test_plain_wording_passes(blank) -> None:
    g = blank
    g.node(
        "scc",
        "TransferMechanism",
        sources=[{"section": "EEA", "quote": "We use the EU standard contractual clauses."}],
    )
    assert g.status("notice-hedged-statements") == "pass"
    g.set(
        "scc", sources=[{"section": "EEA", "quote": "This may include data transfer agreements."}]
    )
    assert g.status("notice-hedged-statements") == "fail"


def test_pages_and_links_the_notice_promises_but_does_not_give(stefere) -> None:
    assert stefere.subjects("notice-missing-links") == {
        "do-not-sell-page",
        "gdpr-consent-withdrawal-links",
        "email-unsubscribe",
    }
    for cid in ("do-not-sell-page", "gdpr-consent-withdrawal-links", "email-unsubscribe"):
        stefere.set(cid, urls=["www.stefere.com/privacy/choices"])
    assert stefere.status("notice-missing-links") == "pass"


def test_the_nai_address_is_given_twice_and_the_daa_one_not_at_all(stefere) -> None:
    [finding] = stefere.findings("notice-duplicate-links")
    assert finding.id == "notice-duplicate-links:industry-ad-opt-out"
    assert "networkadvertising.org/choices" in finding.summary
    stefere.set(
        "industry-ad-opt-out",
        sources=[
            {
                "section": "Marketing Choice/Opt-Out",
                "quote": "visit http://www.networkadvertising.org/choices and http://www.aboutads.info/choices.",
            }
        ],
    )
    assert stefere.status("notice-duplicate-links") == "pass"


def test_facts_that_are_datamap_s_reading(stefere) -> None:
    findings = {f.id: f for f in stefere.findings("notice-inferred-facts")}
    bases = findings["notice-inferred-facts:has-legal-basis-relationships"]
    assert "online-purchases" in {x.id for x in bases.facts}
    assert all(x.inferred for x in bases.facts)
    assert "notice-inferred-facts:share-flags" in findings
    for _, data in stefere.g.nodes(data=True):
        for key in [k for k in data if k == "inferred" or k.endswith("_inferred")]:
            del data[key]
        for value in data.values():
            for item in value if isinstance(value, list) else []:
                if isinstance(item, dict):
                    item.pop("inferred", None)
    for _, _, data in stefere.g.edges(data=True):
        data.pop("inferred", None)
    assert stefere.status("notice-inferred-facts") == "pass"
