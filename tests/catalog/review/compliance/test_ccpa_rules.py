"""CCPA rules, each on a graph that fails it and one that passes."""

from __future__ import annotations

import datetime as dt

SHARE = "interest-based-advertising--interest-based-advertising-partners"


def test_the_policy_of_october_2023_is_over_twelve_months_old(stefere) -> None:
    [finding] = stefere.findings("ccpa-notice-updated", as_of=dt.date(2026, 11, 24))
    assert "2023-10-23" in finding.summary and "1128 days" in finding.summary
    assert finding.sources[0].quote == "Last updated October 23, 2023"
    assert stefere.status("ccpa-notice-updated", as_of=dt.date(2024, 6, 1)) == "pass"


def test_the_age_of_an_uncited_date_is_not_judged(stefere) -> None:
    stefere.g.graph["policy_document"] = {**stefere.g.graph["policy_document"], "sources": []}
    outcome = stefere.judge("ccpa-notice-updated").rules[0]
    assert outcome.status == "not_applicable" and "cite the policy's date" in outcome.note


def test_categories_are_never_named_in_the_statute_s_terms(stefere) -> None:
    [finding] = stefere.findings("ccpa-statutory-categories")
    assert "(A) Identifiers" in finding.summary and "(D) Commercial information" in finding.summary
    document = stefere.g.graph["policy_document"]
    lead = "If you are a California resident you have the following rights"
    stefere.g.graph["policy_document"] = {
        **document,
        "raw": document["raw"].replace(
            lead,
            "In the preceding 12 months we collected identifiers, customer records, commercial "
            "information, internet or other electronic network activity, geolocation data, "
            "audio, electronic, visual and similar information, and inferences. " + lead,
        ),
    }
    assert stefere.status("ccpa-statutory-categories") == "pass"


def test_no_category_has_a_california_retention_period(stefere) -> None:
    [finding] = stefere.findings("ccpa-retention-per-category")
    names = {f.id for f in finding.facts}
    assert {"payment-information", "call-recordings", "names"} <= names
    assert "phone-numbers" not in names  # kept until STOP: the SMS rule states it for all regimes
    stefere.node("ccpa-retention", "RetentionRule", period="24 months after the last order")
    stefere.edge("ccpa-retention", "ccpa", "UNDER").edge(
        "ccpa-retention", "personal-information", "APPLIES_TO"
    )
    assert stefere.status("ccpa-retention-per-category") == "pass"


def test_the_right_to_correct_is_missing(stefere) -> None:
    [finding] = stefere.findings("ccpa-rights")
    assert finding.id == "ccpa-rights:the-right-to-correct-inaccurate-personal-information"
    assert "1798.106" in finding.summary
    assert "California resident" in finding.sources[0].quote
    stefere.node("ccpa-right-to-correct", "Right", article="Cal. Civ. Code §1798.106")
    stefere.edge("ccpa", "ccpa-right-to-correct", "GRANTS")
    assert stefere.status("ccpa-rights") == "pass"


def test_the_right_to_limit_follows_sensitive_data(stefere) -> None:
    assert stefere.status("ccpa-right-to-limit") == "fail"
    for cid in ("payment-information", "your-payment-information"):
        stefere.set(cid, sensitive=False)
    assert stefere.status("ccpa-right-to-limit") == "pass"


def test_e_mail_alone_is_not_enough_and_the_phone_has_no_number(stefere) -> None:
    [finding] = stefere.findings("ccpa-request-methods")
    assert {"email-info", "telephone"} == {f.id for f in finding.facts}
    assert "1 usable method" in finding.summary and "telephone" in finding.summary
    assert any(c.quote == "By Telephone:" for c in finding.sources)
    stefere.set("telephone", value="+1 800 555 0100")
    assert stefere.status("ccpa-request-methods") == "pass"


def test_the_under_16_statement_is_there(stefere) -> None:
    assert stefere.status("ccpa-minors") == "pass"
    stefere.set("ccpa", minors=[])
    assert stefere.status("ccpa-minors") == "fail"


def test_the_sale_can_be_opted_out_of_until_the_page_is_unlinked(stefere) -> None:
    assert stefere.status("ccpa-opt-out-offered") == "pass"
    stefere.drop("do-not-sell-page", None, "APPLIES_TO")
    assert stefere.subjects("ccpa-opt-out-offered") == {SHARE}


def test_the_opt_out_is_titled_for_selling_only(stefere) -> None:
    [finding] = stefere.findings("ccpa-opt-out-title")
    assert "'share'" in finding.summary and "datamap's reading" in finding.summary
    stefere.set("do-not-sell-page", name="Do Not Sell or Share My Personal Information")
    assert stefere.status("ccpa-opt-out-title") == "pass"


def test_do_not_track_is_ignored_and_no_preference_signal_is_honoured(stefere) -> None:
    [finding] = stefere.findings("ccpa-opt-out-signals")
    assert "do-not-track" in {f.id for f in finding.facts}
    assert any("DNT" in c.quote for c in finding.sources)
    assert any("sold" in c.quote for c in finding.sources)
    stefere.node("gpc", "Choice", kind="signal", honoured=True, method="Global Privacy Control")
    assert stefere.status("ccpa-opt-out-signals") == "pass"


def test_advertising_disclosures_are_a_share_the_notice_calls_a_sale(stefere) -> None:
    assert stefere.subjects("ccpa-share-disclosed") == {SHARE}
    stefere.unset(SHARE, "share_inferred")
    assert stefere.status("ccpa-share-disclosed") == "pass"


def test_the_specific_pieces_of_personal_information_is_not_a_category(stefere) -> None:
    [finding] = stefere.findings("ccpa-sold-categories")
    assert finding.id == "ccpa-sold-categories:specific-pieces-sold"
    assert "(A) Identifiers" in finding.summary and "(F)" in finding.summary
    assert finding.sources[0].quote.startswith("Categories: • The specific pieces")
    stefere.drop(SHARE, "specific-pieces-sold", "OF")
    assert stefere.status("ccpa-sold-categories") == "pass"


def test_third_parties_outside_the_sale_disclosure(stefere) -> None:
    subjects = stefere.subjects("ccpa-third-parties")
    assert {
        "tracking-business-partners",
        "third-party-cookie-providers",
        "social-media-platforms",
    } <= subjects
    # sold to, a public authority, an affiliate and acquirers are accounted for
    assert not subjects & {
        "interest-based-advertising-partners",
        "public-authorities",
        "stefere-entities",
        "business-transfer-counterparties",
    }
    for rid in subjects:
        for did in list(stefere.g.predecessors(rid)):
            if stefere.g.has_edge(did, rid, "TO"):
                stefere.set(did, sale=True)
    assert stefere.status("ccpa-third-parties") == "pass"


def test_payment_information_is_sensitive_only_in_the_prc_section(stefere) -> None:
    [finding] = stefere.findings("ccpa-sensitive")
    assert finding.id == "ccpa-sensitive:payment-information"
    # Sensitive under PIPL only: the finding must not claim CCPA sensitivity it cannot cite.
    assert "sensitive under PIPL" in finding.summary
    assert "does not say whether it is sensitive personal information under" in finding.summary
    assert any("Republic Of China" in c.section for c in finding.sources)
    pipl = stefere.g.nodes["payment-information"]["sensitivity"]
    ccpa = {
        "regime": "ccpa",
        "sources": [
            {
                "section": "Your California Privacy Rights",
                "quote": "Payment card numbers are sensitive personal information.",
            }
        ],
    }
    stefere.set("payment-information", sensitivity=[*pipl, ccpa])
    assert stefere.status("ccpa-sensitive") == "pass"


def test_ccpa_sensitivity_cited_outside_the_california_section_is_a_finding(stefere) -> None:
    elsewhere = {
        "regime": "ccpa",
        "sources": [{"section": "Security", "quote": "Card numbers are sensitive."}],
    }
    stefere.set("payment-information", sensitivity=[elsewhere])
    [finding] = stefere.findings("ccpa-sensitive")
    assert "so says 'Security'" in finding.summary
    assert "the CCPA section never says so" in finding.summary
