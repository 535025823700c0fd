"""Answers a data protection officer would check against the policy by hand."""

from __future__ import annotations

import pytest

from catalog import queries
from catalog.errors import BadRequest, NotFound
from catalog.loading.policy import fold_key
from catalog.model.kinds import LIST_LABELS
from catalog.queries.catalog import ITEM_BUILDERS
from catalog.queries.engine import QueryEngine

GENERAL_RECIPIENTS = {
    "stefere-entities",
    "public-authorities",
    "fraud-protection-organisations",
    "business-transfer-counterparties",
    "special-event-organisations",
    "aggregation-third-parties",
    "data-storage-providers",
    "webhosting-providers",
}


def by_id(items):
    return {i.id: i for i in items}


# -- who receives ---------------------------------------------------------------------------------


def test_payment_information_goes_to_the_purchase_context_recipients(engine: QueryEngine) -> None:
    answer = engine.ask(queries.WHO_RECEIVES, category="payment information")
    assert answer.category.id == "payment-information"
    assert [c.id for c in answer.covers] == ["your-payment-information"]
    specific = {r.id for r in answer.recipients if not r.general_only and not r.inferred}
    assert specific == {
        "payment-service-providers",
        "shipping-providers",
        "fraud-security-providers",
    }
    payment = by_id(answer.recipients)["payment-service-providers"]
    assert payment.role == "service_provider"
    assert [c.id for c in payment.contexts] == ["ctx-purchase"]
    assert "facilitate-purchase" in {p.id for p in payment.purposes}
    assert not payment.sale and not payment.share
    assert {s.quote for s in payment.sources} >= {"Payment service providers", "payment processing"}


def test_general_disclosures_are_included_and_marked(engine: QueryEngine) -> None:
    answer = engine.ask(queries.WHO_RECEIVES, category="payment information")
    general = {r.id for r in answer.recipients if r.general_only}
    assert general >= GENERAL_RECIPIENTS
    authorities = by_id(answer.recipients)["public-authorities"]
    assert authorities.role == "public_authority"
    (disclosure,) = authorities.disclosures
    assert disclosure.general and disclosure.activity is None
    assert [(c.id, c.match) for c in disclosure.categories] == [("personal-information", "broader")]
    # specific recipients are listed before general ones
    flags = [r.general_only for r in answer.recipients]
    assert flags == sorted(flags)


def test_payment_information_is_sold_only_by_datamaps_reading(engine: QueryEngine) -> None:
    """The CCPA section says it 'sold' "The specific pieces of personal information we have
    collected about you": that reaches payment information, as datamap's reading, and says so."""
    answer = engine.ask(queries.WHO_RECEIVES, category="Your payment information")
    sold = [r for r in answer.recipients if r.sale or r.share]
    assert [r.id for r in sold] == ["interest-based-advertising-partners"]
    assert "stands for everything the policy collects" in (sold[0].inferred or "")
    check = engine.ask(
        queries.CHECK,
        category="payment-information",
        recipient="interest-based-advertising-partners",
    )
    assert check.verdict == "named" and check.inferred
    assert check.reason.startswith("By datamap's reading")
    assert any(
        "we have ‘sold’ the following categories" in c.quote
        for d in check.disclosures
        for c in d.sources
    )


def test_recordings_of_calls_go_to_telecom_providers_only_in_context(engine: QueryEngine) -> None:
    answer = engine.ask(queries.WHO_RECEIVES, category="recordings of your calls")
    assert answer.category.id == "recordings-of-calls"
    assert [c.id for c in answer.within] == ["call-recordings", "personal-information"]
    specific = {r.id for r in answer.recipients if not r.general_only and not r.inferred}
    assert specific == {"telecom-call-recording-providers"}
    telecom = by_id(answer.recipients)["telecom-call-recording-providers"]
    assert [c.id for c in telecom.contexts] == ["ctx-contact-consultants"]
    assert [d.categories[0].match for d in telecom.disclosures] == ["exact"]


def test_a_friends_email_goes_to_marketing_and_sweepstakes_providers(engine: QueryEngine) -> None:
    answer = engine.ask(
        queries.WHO_RECEIVES, category="Your friend's name and e-mail address"
    )  # a straight apostrophe
    assert answer.category.id == "friend-name-and-email"
    specific = {r.id for r in answer.recipients if not r.general_only and not r.inferred}
    assert specific == {"sweepstakes-providers", "marketing-service-providers"}
    marketing = by_id(answer.recipients)["marketing-service-providers"]
    assert "share-with-friends" in {p.id for p in marketing.purposes}


def test_a_normalized_category_covers_the_items_beneath_it(engine: QueryEngine) -> None:
    answer = engine.ask(queries.WHO_RECEIVES, category="contact details")
    assert {c.id for c in answer.covers} >= {
        "email-address",
        "phone-number",
        "mobile-number",
        "physical-address",
    }
    specific = {r.id for r in answer.recipients if not r.general_only}
    # e-mail and phone are collected in the purchase, contact, marketing and SMS contexts
    assert {
        "payment-service-providers",
        "telecom-call-recording-providers",
        "mobile-carriers",
    } <= specific
    via_sms = by_id(answer.recipients)["mobile-carriers"]
    assert [(c.id, c.match) for c in via_sms.disclosures[0].categories] == [
        ("mobile-number", "narrower")
    ]
    assert via_sms.disclosures[0].inferred


def test_what_a_recipient_receives(engine: QueryEngine) -> None:
    answer = engine.ask(queries.RECIPIENT_CATEGORIES, recipient="Shipping providers")
    assert {c.id for c in answer.categories} >= {
        "your-payment-information",
        "physical-address",
        "personal-information",
    }
    assert {d.general for d in answer.disclosures} == {True, False}


# -- what is sold ---------------------------------------------------------------------------------


def test_what_is_sold_and_to_whom(engine: QueryEngine) -> None:
    sold = engine.ask(queries.WHAT_IS_SOLD)
    assert [r.id for r in sold.recipients] == ["interest-based-advertising-partners"]
    partners = sold.recipients[0]
    assert partners.sale and partners.share
    assert {c.id for c in sold.categories} == {
        "personal-information",  # by datamap's reading of "the specific pieces ..."
        "specific-pieces-sold",
        "unique-cookie-ids",
        "cross-site-activity",
        "ad-network-visit-data",
        "ip-address",
        "device-graphing-information",
        "cross-device-inferences",
    }
    (disclosure,) = sold.disclosures
    # what only datamap's reading makes sold says why; what the policy lists as sold does not
    readings = {m.id: m.inferred for m in disclosure.categories}
    assert readings["specific-pieces-sold"] is None and readings["unique-cookie-ids"] is None
    assert "IP address" in (readings["ip-address"] or "")
    assert (
        disclosure.sale_inferred is None and disclosure.share_inferred
    )  # sale stated, share inferred
    assert any("we have ‘sold’" in s.quote for s in sold.sources)
    assert {p.id for p in sold.purposes} == {
        "advertise-products-sale",
        "interest-based-ads",
        "device-graph-inferences",
    }


def test_a_sale_covers_all_its_collection_point_gathers(engine: QueryEngine) -> None:
    """What a sale's own collection point collects for it is in the disclosure: a reader of
    the CCPA record would otherwise think the IP address stays with Stefere."""
    view = engine.snapshot()
    sold = engine.ask(queries.WHAT_IS_SOLD)
    for d in sold.disclosures:
        assert d.activity is not None
        collected = {
            c for cp in view.out(d.activity.id, "COLLECTS_VIA") for c in view.out(cp, "COLLECTS")
        }
        assert collected and collected <= {m.id for m in d.categories}, d.id


def test_ccpa_letters_follow_the_statute(engine: QueryEngine) -> None:
    # §1798.80(e) names "name" and "address": both (A) identifiers and (B) records
    for cid in ("postal-addresses", "physical-address", "referral-contacts"):
        assert engine.ask(queries.CATEGORY, category=cid).ccpa == ["A", "B"], cid
    # written comments are not audio or visual information, unlike the pictures beside them
    assert engine.ask(queries.CATEGORY, category="submissions").ccpa == ["F"]
    assert engine.ask(queries.CATEGORY, category="user-content").ccpa == ["F", "H"]


def test_the_sale_opt_outs_and_the_under_16_statement(engine: QueryEngine) -> None:
    sold = engine.ask(queries.WHAT_IS_SOLD)
    opt_outs = by_id(sold.opt_outs)
    assert "do-not-sell-page" in opt_outs
    assert (
        opt_outs["do-not-sell-page"].regime is not None
        and opt_outs["do-not-sell-page"].regime.id == "ccpa"
    )
    assert "industry-ad-opt-out" in opt_outs
    assert opt_outs["do-not-track"].honoured is False
    (minors,) = sold.minors
    assert minors.age == 16 and minors.regime.id == "ccpa"
    assert (
        minors.statement
        == "We do not knowingly ‘sell’ personal information about consumers under the age of 16."
    )


# -- transfers ------------------------------------------------------------------------------------


def test_both_transfers_to_the_united_states_and_their_mechanisms(engine: QueryEngine) -> None:
    transfers = by_id(engine.ask(queries.TRANSFERS).transfers)
    eea = transfers["eea-to-us"]
    assert (eea.from_region.id, eea.to_region.id, eea.regime.id) == ("eea", "us", "gdpr")
    assert [(m.id, m.kind, m.legal_reference) for m in eea.mechanisms] == [
        ("contract-necessity-derogation", "derogation", "GDPR Art. 49(1)(b)")
    ]
    assert (
        "performance of our contract with you for this transfer to the United States"
        in eea.mechanisms[0].sources[0].quote
    )
    prc = transfers["prc-to-us"]
    assert (prc.from_region.id, prc.to_region.id, prc.regime.id) == ("prc", "us", "pipl")
    assert [m.id for m in prc.mechanisms] == ["pipl-appropriate-safeguards"]
    assert [c.id for c in eea.categories] == ["personal-information"]


def test_onward_transfers_are_there_too(engine: QueryEngine) -> None:
    transfers = by_id(engine.ask(queries.TRANSFERS).transfers)
    assert transfers["eea-onward-transfers"].to_region.type == "unspecified"
    assert [m.id for m in transfers["eea-onward-transfers"].mechanisms] == [
        "data-transfer-agreements"
    ]
    assert {m.id for m in transfers["prc-to-third-parties-abroad"].mechanisms} == {
        "pipl-separate-consent-transfer",
        "pipl-applicable-procedures",
    }


def test_transfers_serialize_with_from_and_to(engine: QueryEngine) -> None:
    data = engine.ask(queries.TRANSFERS).to_json()
    first = data["transfers"][0]
    assert {"from", "to", "mechanisms", "categories", "sources"} <= set(first)


# -- lineage --------------------------------------------------------------------------------------


def test_lineage_of_payment_information(engine: QueryEngine) -> None:
    lin = engine.ask(queries.LINEAGE, category="payment-information")
    assert [c.id for c in lin.upstream.collection_points] == ["ctx-purchase"]
    assert [s.id for s in lin.upstream.subjects] == ["customers"]
    assert [s.id for s in lin.upstream.sources] == ["directly-from-you"]
    assert [a.id for a in lin.downstream.activities] == ["online-purchases"]
    assert {"eea-to-us", "prc-to-us"} <= {t.id for t in lin.downstream.transfers}
    assert "us" in {r.id for r in lin.downstream.regions}
    assert "lifetime-benefits" in {r.id for r in lin.downstream.retention}
    nodes = {n.id: n for n in lin.nodes}
    assert nodes["payment-service-providers"].general is False
    assert nodes["public-authorities"].general is True
    assert nodes["eea-to-us"].distance == 1


def test_lineage_depth_limits_the_walk(engine: QueryEngine) -> None:
    shallow = engine.ask(queries.LINEAGE, category="payment-information", depth=1)
    assert (
        shallow.downstream.activities
        and not shallow.downstream.recipients
        and not shallow.upstream.subjects
    )
    deep = engine.ask(queries.LINEAGE, category="payment-information", depth=3)
    assert "gdpr" in {r.id for r in deep.downstream.regimes}
    with pytest.raises(BadRequest):
        engine.ask(queries.LINEAGE, category="payment-information", depth=6)


# -- the record of processing ---------------------------------------------------------------------


ART30_FIELDS = (
    "purposes",
    "data_subjects",
    "data_categories",
    "recipients",
    "retention",
    "security_measures",
)


def test_every_gdpr_activity_has_its_article_30_fields(engine: QueryEngine) -> None:
    record = engine.ask(queries.ROPA, regime="gdpr")
    assert len(record.activities) == 23
    for activity in record.activities:
        for field in ART30_FIELDS:
            assert getattr(activity, field), f"{activity.id} has no {field}"
        assert activity.name and activity.business_function and activity.sources
        # every statement in the record cites the policy
        for field in (
            *ART30_FIELDS,
            "legal_bases",
            "transfers",
            "third_countries",
            "transfer_safeguards",
            "rights",
        ):
            for item in getattr(activity, field):
                assert item.sources, f"{activity.id}.{field}: {item.id} has no source"


def test_gdpr_record_of_purchases(engine: QueryEngine) -> None:
    purchases = by_id(engine.ask(queries.ROPA, regime="gdpr").activities)["online-purchases"]
    assert {b.id for b in purchases.legal_bases} == {"gdpr-contract", "gdpr-legitimate-interests"}
    assert all(b.detail and b.detail.startswith("GDPR Art. 6(1)") for b in purchases.legal_bases)
    assert {t.id for t in purchases.transfers} == {"eea-to-us", "eea-onward-transfers"}
    assert {c.id for c in purchases.third_countries} == {"us", "non-adequate-third-countries"}
    assert {s.id for s in purchases.transfer_safeguards} == {
        "contract-necessity-derogation",
        "data-transfer-agreements",
    }
    assert {"gdpr-as-long-as-necessary", "lifetime-benefits"} <= {r.id for r in purchases.retention}
    assert not {"pipl-minimum-period"} & {r.id for r in purchases.retention}
    recipients = by_id(purchases.recipients)
    assert recipients["payment-service-providers"].general is False
    assert recipients["public-authorities"].general is True
    assert "gdpr-right-to-erasure" in {r.id for r in purchases.rights}


def test_gdpr_controller_representative_and_missing_dpo(engine: QueryEngine) -> None:
    record = engine.ask(queries.ROPA, regime="gdpr")
    assert [p.id for p in record.controller] == ["stefere-llc"]
    assert [p.id for p in record.representative] == ["stefere-eea-representative"]
    assert record.representative[0].address and "New York" in record.representative[0].address
    assert record.data_protection_officer == []


def test_activities_without_a_stated_legal_basis_are_visible(engine: QueryEngine) -> None:
    record = by_id(engine.ask(queries.ROPA, regime="gdpr").activities)
    assert record["business-transfers"].legal_bases == []
    assert record["combined-profiles"].legal_bases == []


def test_ccpa_record_has_letters_and_sales(engine: QueryEngine) -> None:
    record = by_id(engine.ask(queries.ROPA, regime="ccpa").activities)
    ads = record["interest-based-advertising"]
    assert [s.id for s in ads.sold_or_shared] == ["interest-based-advertising-partners"]
    assert ads.legal_bases == []  # the CCPA has no legal bases
    purchases = record["online-purchases"]
    payment = by_id(purchases.data_categories)["your-payment-information"]
    assert payment.detail == "(B)"
    # The policy calls payment information sensitive in its PRC section only: not CCPA's.
    assert purchases.sensitive_categories == []
    assert {r.id for r in purchases.rights} >= {
        "ccpa-right-to-know",
        "ccpa-right-to-delete",
        "ccpa-right-to-opt-out-of-sale",
    }


def test_pipl_record(engine: QueryEngine) -> None:
    record = engine.ask(queries.ROPA, regime="pipl")
    assert [p.role for p in record.controller] == ["personal_information_processor"]
    purchases = by_id(record.activities)["online-purchases"]
    assert {b.id for b in purchases.legal_bases} == {
        "pipl-contract",
        "pipl-separate-consent-sensitive",
    }
    assert {t.id for t in purchases.transfers} == {"prc-to-us", "prc-to-third-parties-abroad"}
    [sensitive] = purchases.sensitive_categories
    assert sensitive.id == "your-payment-information"
    assert "sensitive personal information about you" in sensitive.sources[0].quote
    assert {r.id for r in purchases.retention} >= {
        "pipl-minimum-period",
        "pipl-delete-or-anonymize",
    }


# -- resolution ------------------------------------------------------------------------------------


def test_ids_and_names_resolve_case_insensitively(engine: QueryEngine) -> None:
    assert engine.category_id("PAYMENT-INFORMATION") == "payment-information"
    assert engine.category_id("  Payment Information ") == "payment-information"
    assert engine.category_id("your friend’s name and e-mail address") == "friend-name-and-email"


@pytest.mark.parametrize(
    "typed",
    [
        "e\u2011mail addresses",  # a non-breaking hyphen, as a word processor writes it
        "e\u2010mail addresses",
        "e\u00admail addresses",  # a soft hyphen left in a copied word
        "e-mail\u00a0addresses",
        "e-mail\u2009addresses",
    ],
)
def test_unicode_hyphens_and_spaces_read_as_a_person_means_them(
    engine: QueryEngine, typed: str
) -> None:
    assert engine.category_id(typed) == "email-addresses"


def test_unknown_names_get_suggestions(engine: QueryEngine) -> None:
    with pytest.raises(NotFound) as err:
        engine.category_id("paymnt info")
    assert err.value.suggestions[0][0] == "payment-information"
    assert "did you mean payment-information (Payment information)" in err.value.message


def test_listing_and_showing(engine: QueryEngine) -> None:
    contexts = engine.ask(queries.LIST, what="contexts")
    assert contexts.total == 19
    assert sum(1 for c in contexts.items if c.kind == "context") == 8
    page = engine.ask(queries.LIST, what="recipients", q="provider", limit=3, offset=1)
    assert page.total > 3 and len(page.items) == 3 and page.offset == 1
    shown = engine.ask(queries.SHOW, entry="ctx-purchase")
    assert shown.type == "CollectionPoint"
    collects = {r.other.id for r in shown.relationships if r.type == "COLLECTS"}
    assert collects == {
        "full-name",
        "phone-number",
        "email-address",
        "physical-address",
        "your-payment-information",
    }
    with pytest.raises(BadRequest):
        engine.ask(queries.LIST, what="vendors")


def test_a_page_is_the_matching_slice_of_the_whole_list(engine: QueryEngine, view) -> None:
    """A page is made alone, but is exactly the slice of every item of the kind that matches."""
    for what in LIST_LABELS:
        build = ITEM_BUILDERS[what]
        everything = [build(view, n) for n in view.of_label(LIST_LABELS[what])]
        for q in (None, "provider", "PURCHASE", "your e-mail", "zzz-none"):
            needle = fold_key(q) if q else ""
            matching = [i for i in everything if needle in fold_key(i.name) or needle in i.id]
            for offset, limit in ((0, None), (1, 3), (5, 2)):
                page = engine.ask(queries.LIST, what=what, q=q, limit=limit, offset=offset)
                end = offset + limit if limit is not None else None
                assert page.items == matching[offset:end], (what, q, offset)
                assert page.total == len(matching)


def test_lineage_keeps_each_step_to_its_kind(engine: QueryEngine) -> None:
    """A choice that APPLIES_TO a category is not a retention rule (both use APPLIES_TO)."""
    lin = engine.ask(queries.LINEAGE, category="payment-information", depth=3)
    retention = {r.id for r in lin.downstream.retention}
    assert "prior-opt-in-consent" not in retention
    assert all(n.type != "Choice" for n in lin.nodes)


def test_who_must_be_told_of_an_erasure(engine: QueryEngine) -> None:
    answer = engine.ask(queries.ERASURE, subject="Customers")
    assert answer.subject.id == "customers"
    by_id = {r.recipient.id: r for r in answer.recipients}
    payment = by_id["payment-service-providers"]
    assert not payment.general_only
    assert "online-purchases" in {a.id for a in payment.activities}
    assert "your-payment-information" in {c.id for c in payment.categories}
    assert payment.sources
    assert by_id["public-authorities"].general_only  # only through a general statement
    named = [r for r in answer.recipients if not r.general_only]
    assert answer.recipients[: len(named)] == named  # those named for them come first
    assert answer.summary.startswith(f"{len(named)} recipient(s) named for Customers")


def test_lists_cover_subjects_rights_regimes_choices_transfers(engine: QueryEngine) -> None:
    rights = engine.ask(queries.LIST, what="rights", q="access")
    assert {(r.id, r.under.id) for r in rights.items} >= {("gdpr-right-of-access", "gdpr")}
    assert engine.ask(queries.LIST, what="subjects").total >= 5
    assert {r.id for r in engine.ask(queries.LIST, what="regimes").items} == {
        "gdpr",
        "ccpa",
        "pipl",
        "coppa",
    }
    transfers = engine.ask(queries.LIST, what="transfers").items
    assert any(t.id == "eea-to-us" and t.under.id == "gdpr" for t in transfers)
    assert engine.ask(queries.LIST, what="choices").total > 5


def test_a_category_a_disclosure_takes_from_its_activity_keeps_the_reading(
    engine: QueryEngine,
) -> None:
    """direct-marketing processes the e-mail address as datamap's reading: its disclosures
    say so on that category, in who-receives as in the link."""
    answer = engine.ask(queries.WHO_RECEIVES, category="email-address")
    rows = [
        c
        for r in answer.recipients
        for d in r.disclosures
        if d.activity and d.activity.id == "direct-marketing"
        for c in d.categories
        if c.id == "email-address"
    ]
    assert rows and all(
        c.inferred == "E-mail promotions are sent to your e-mail address." for c in rows
    )
