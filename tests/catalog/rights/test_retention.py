"""Which retention rules keep a field past an erasure request: read from the rules' own words,
on the shipped inventory and on rules written here the way another company's would be."""

from __future__ import annotations

from catalog.graph.view import GraphView
from catalog.rights.from_inventory import PersonalField, Rule, hierarchy, retention_rules
from catalog.rights.retention import holding, keeping


def field(column: str, key: str, category: str | None = None) -> PersonalField:
    return PersonalField(None, "t", column, key, category, "customer", "accepted")


def test_only_the_bookkeeping_rules_of_the_notice_outlive_a_request(view: GraphView) -> None:
    held = {h.rule.id: h for h in holding(retention_rules(view))}
    # "accounting and billing", "tax, accounting": kept; "as long as necessary", "until you
    # ask us to remove", "deleted or anonymized", "in the event of a complaint": not
    assert set(held) == {"gdpr-compelling-purposes", "pipl-minimum-period"}
    assert "billing" in held["gdpr-compelling-purposes"].words
    assert "billing purposes" in held["gdpr-compelling-purposes"].quote
    assert {h.rule.id for h in holding(retention_rules(view), "pipl")} == {"pipl-minimum-period"}


def test_a_general_rule_keeps_a_transaction_record_not_who_made_it(view: GraphView) -> None:
    tree, rules = hierarchy(view), holding(retention_rules(view))
    amount = field("amount", "user.financial", "payment-information")
    when = field("placed_at", "user.behavior", "product-interests")
    name = field("shipping_name", "user.name", "names")
    assert [r.id for r in keeping(amount, rules, tree, in_record=True)] == [
        "gdpr-compelling-purposes",
        "pipl-minimum-period",
    ]
    assert keeping(when, rules, tree, in_record=True)  # when it happened: part of the record
    assert keeping(name, rules, tree, in_record=True) == []  # who: erased
    assert keeping(when, rules, tree, in_record=False) == []  # no transaction in the table


def test_a_rule_naming_a_category_keeps_that_category_wherever_it_is(view: GraphView) -> None:
    tree = hierarchy(view)
    rule = Rule(
        id="call-records-for-tax",
        name="Call records",
        period="Six years",
        regime=None,
        categories=("call-recordings",),
        applies_to_all=False,
        description=None,
        sources=(("Retention", "We keep recordings of calls for six years for tax audits."),),
    )
    conditional = Rule(
        id="disputes",
        name="Disputes",
        period="Longer",
        regime=None,
        categories=("call-recordings",),
        applies_to_all=False,
        description=None,
        sources=(("Retention", "In the event of a billing dispute we keep the recording."),),
    )
    rules = holding([rule, conditional])
    assert [h.rule.id for h in rules] == ["call-records-for-tax"]
    recording = field("audio_uri", "user.content.private", "call-recordings")
    (kept,) = keeping(recording, rules, tree, in_record=False)
    assert kept.quote == "We keep recordings of calls for six years for tax audits."
    assert "call-recordings" in kept.why
    assert (
        keeping(
            field("email", "user.contact.email", "email-addresses"), rules, tree, in_record=True
        )
        == []
    )
