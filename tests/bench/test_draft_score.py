"""The drafting benchmark's scorer (bench/draft.py) on cases a reader can check by hand: facts
match by the sentence their quotes lie in and by what they say, one to one. None of these needs
the drafter."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bench.draft import (
    BENCH_KEYS,
    POLICIES,
    PolicyText,
    baseline,
    fideslang_agrees,
    inventory_key,
    key_problems,
    read_key,
    score,
)
from catalog.loading.validation import Inventory

POLICY = """# Privacy notice

We collect your e-mail address and your phone number when you sign up. We share your e-mail
address with our payment processors and our shipping partners to deliver orders.

## Keeping data

We do not sell your personal information. We keep your data for two years.
"""

EMAIL = "We collect your e-mail address and your phone number when you sign up."
SHARE = "We share your e-mail address with our payment processors and our shipping partners"


def _key() -> dict[str, Any]:
    return {
        "collected": [
            {"id": "email", "name": "E-mail address", "fideslang": "user.contact.email",
             "quote": "We collect your e-mail address", "section": "Privacy notice"},
            {"id": "phone", "name": "Phone number", "fideslang": "user.contact.phone_number",
             "quote": "your phone number", "section": "Privacy notice"},
        ],
        "recipients": [
            {"id": "payments", "name": "Payment processors", "role": "service-provider",
             "quote": SHARE, "section": "Privacy notice"},
            {"id": "shipping", "name": "Shipping partners", "role": "service-provider",
             "quote": SHARE, "section": "Privacy notice"},
        ],
        "flows": [
            {"kind": "named", "category": "E-mail address", "recipient": "Payment processors",
             "quote": SHARE, "section": "Privacy notice"},
            {"kind": "named", "category": "E-mail address", "recipient": "Shipping partners",
             "quote": SHARE, "section": "Privacy notice"},
        ],
        "sold_or_shared": [
            {"kind": "sale", "category": "personal information", "recipient": None,
             "hedged": False, "negated": True,
             "quote": "We do not sell your personal information.", "section": "Keeping data"},
        ],
        "retention": [{"quote": "We keep your data for two years.", "section": "Keeping data"}],
    }  # fmt: skip


@pytest.fixture(scope="module")
def text() -> PolicyText:
    return PolicyText(POLICY)


def _figures(draft: dict[str, Any], text: PolicyText, name: str) -> tuple[Any, Any]:
    s = score(draft, _key(), text).lists[name]
    return s.precision, s.recall


def _one_to_one(draft: dict[str, Any], text: PolicyText, name: str) -> tuple[Any, Any]:
    s = score(draft, _key(), text).lists[name]
    return s.precision_1to1, s.recall_1to1


def test_a_draft_identical_to_the_key_scores_one(text: PolicyText) -> None:
    result = score(_key(), _key(), text)
    for name in ("collected", "recipients", "flows", "sold_or_shared", "retention"):
        assert (result.lists[name].precision, result.lists[name].recall) == (1.0, 1.0), name
    assert not result.not_verbatim


@pytest.mark.parametrize("name", BENCH_KEYS)
def test_each_bench_key_scored_against_itself_scores_one(name: str) -> None:
    path = POLICIES / name
    key = read_key(path / "key.yaml")
    result = score(key, key, PolicyText.read(path / "policy.md"))
    for list_name, s in result.lists.items():
        assert s.precision in (1.0, None) and s.recall in (1.0, None), (name, list_name)


def test_a_quote_in_another_sentence_does_not_match(text: PolicyText) -> None:
    draft = _key()
    # the same words as the key's fact, but quoted from the sentence that shares them
    draft["collected"][0]["quote"] = "We share your e-mail address"
    assert _figures(draft, text, "collected") == (0.5, 0.5)


def test_a_drafted_quote_is_placed_in_its_sentence(text: PolicyText) -> None:
    (first,) = text.locate(EMAIL)
    # a quote written twice lies in both places (each can match one fact, no more)
    assert text.locate("your e-mail address", "Privacy notice") == {first, first + 1}
    assert text.locate("We keep your data") == {first + 4}  # after "## Keeping data"
    assert text.locate("not in the policy at all") == frozenset()


def test_a_quote_spanning_two_sentences_belongs_to_both(text: PolicyText) -> None:
    spanning = "when you sign up. We share your e-mail"
    assert len(text.locate(spanning)) == 2


@pytest.mark.parametrize(
    ("drafted", "matches"),
    [
        ("user.contact.email", True),
        ("user.contact", True),  # an ancestor
        ("user.contact.email.work", True),  # a descendant
        ("user.contact.address", False),  # a sibling
        ("user.financial", False),
        ("user", False),  # the root alone says nothing
    ],
)
def test_fideslang_ancestors_match_and_siblings_do_not(
    text: PolicyText, drafted: str, matches: bool
) -> None:
    draft = _key()
    draft["collected"] = [{**draft["collected"][0], "fideslang": drafted}]
    assert fideslang_agrees(drafted, "user.contact.email") is matches
    assert _one_to_one(draft, text, "collected") == ((1.0, 0.5) if matches else (0.0, 0.0))
    precision, recall = _figures(draft, text, "collected")
    assert precision == (1.0 if matches else 0.0)
    # By the rule a broader key finds every narrower key fact of its sentence.
    assert recall == ((1.0 if drafted == "user.contact" else 0.5) if matches else 0.0)


def test_a_duplicated_fact_lowers_one_to_one_precision_only(text: PolicyText) -> None:
    draft = _key()
    draft["collected"].append(copy.deepcopy(draft["collected"][0]))
    draft["recipients"] += copy.deepcopy(draft["recipients"])
    assert _one_to_one(draft, text, "collected") == (2 / 3, 1.0)
    assert _one_to_one(draft, text, "recipients") == (0.5, 1.0)
    # The rule: each copy lies in the key fact's sentence and agrees with it.
    assert _figures(draft, text, "collected") == (1.0, 1.0)


def test_recipients_in_one_sentence_pair_by_name(text: PolicyText) -> None:
    draft = _key()
    draft["recipients"] = [
        {"id": "carriers", "name": "shipping partners", "role": "service_provider",
         "quote": SHARE, "section": None},
        {"id": "advertisers", "name": "advertisers", "role": "third_party",
         "quote": SHARE, "section": None},
    ]  # fmt: skip
    result = score(draft, _key(), text)
    assert result.lists["recipients"].matched == 1  # "advertisers" shares no word with either
    assert result.role_agreement == (1, 1)  # hyphenated roles are the same roles


def test_a_flow_needs_its_recipient_and_category(text: PolicyText) -> None:
    draft = _key()
    draft["flows"][0]["category"] = "phone"  # a phone number is not an e-mail address
    draft["flows"][1]["kind"] = "general"
    assert _figures(draft, text, "flows") == (0.0, 0.0)
    draft = _key()
    draft["flows"] = [{**f, "category": "email"} for f in draft["flows"]]  # by id, as drafts do
    assert _figures(draft, text, "flows") == (1.0, 1.0)


def test_a_sale_keeps_its_negation(text: PolicyText) -> None:
    draft = _key()
    draft["sold_or_shared"][0]["negated"] = False
    assert _figures(draft, text, "sold_or_shared") == (0.0, 0.0)
    draft["sold_or_shared"][0].update(negated=True, kind="share")
    assert _figures(draft, text, "sold_or_shared") == (0.0, 0.0)


def test_quotes_that_are_not_verbatim_and_invented_mechanisms_are_counted(
    text: PolicyText,
) -> None:
    draft = _key()
    draft["collected"][0]["quote"] = "We collect your email address"
    draft["transfers"] = [
        {"quote": "We keep your data for two years.", "mechanism": "standard contractual clauses"}
    ]
    result = score(draft, _key(), text)
    assert [q for _, q, _ in result.not_verbatim] == ["We collect your email address"]
    assert len(result.invented_mechanisms) == 1


def test_a_mechanism_quoted_from_the_sentence_that_states_it_is_not_invented() -> None:
    moved = PolicyText(
        "# Transfers\n\nWe may transfer your data to service providers outside the EEA. "
        "Such transfers rely on standard contractual clauses. We keep your data for a year.\n"
    )
    transfer = "We may transfer your data to service providers outside the EEA."
    clauses = "Such transfers rely on standard contractual clauses."
    key = {"transfers": [{"quote": clauses, "mechanism": "SCCs", "section": "Transfers"}]}

    def drafted(mechanism_quote: str) -> dict[str, Any]:
        return {
            "transfers": [
                {"quote": transfer, "section": "Transfers", "mechanism": "SCCs",
                 "mechanisms": [{"name": "SCCs", "quote": mechanism_quote}]}
            ]
        }  # fmt: skip

    # cited from the sentence the key states it in: the text's; from elsewhere: invented
    assert score(drafted(clauses), key, moved).invented_mechanisms == []
    keep = "We keep your data for a year."
    assert len(score(drafted(keep), key, moved).invented_mechanisms) == 1


def test_the_baseline_finds_keywords_and_negated_sales(text: PolicyText) -> None:
    draft = baseline(text)
    assert {c["fideslang"] for c in draft["collected"]} >= {
        "user.contact.email",
        "user.contact.phone_number",
    }
    assert [s["negated"] for s in draft["sold_or_shared"]] == [True]
    assert {r["name"] for r in draft["recipients"]} == {"partners"}
    assert score(draft, _key(), text).lists["sold_or_shared"].recall == 1.0


def test_the_stefere_key_has_the_payment_recipients_the_inventory_names(
    inventory: Inventory,
) -> None:
    key = inventory_key(inventory)
    payment = [r for r in key["recipients"] if r["name"] == "Payment service providers"]
    assert {r["quote"] for r in payment} >= {"Payment service providers", "payment processing"}
    assert {r["role"] for r in payment} == {"service_provider"}
    flows = {
        (f["category"], f["kind"])
        for f in key["flows"]
        if f["recipient"] == "Payment service providers"
    }
    assert ("Your payment information", "named") in flows
    assert ("personal information", "general") in flows
    # the inventory's items, with the fideslang key of the category above them
    cats = {c["name"]: c["fideslang"] for c in key["collected"]}
    assert cats["Your payment information"] == "user.payment"
    assert cats["Your e-mail address"] == "user.contact.email"
    # one fact per thing and sentence: the purchase context's item is not counted twice
    where = [c for c in key["collected"] if c["name"] == "Your payment information"]
    assert len(where) == len({(c["quote"], c["section"]) for c in where})


def test_the_stefere_key_states_only_what_the_policy_says(inventory: Inventory) -> None:
    key = inventory_key(inventory)
    sales = {(s["kind"], s["negated"]) for s in key["sold_or_shared"]}
    # the inventory's 'share' flag is inferred (the policy says only 'sell'): not in the key
    assert sales == {("sale", False), ("sale", True)}
    assert all(f["recipient"] != "Mobile carriers" for f in key["flows"])
    scored = score(key, key, PolicyText(inventory.policy.raw, inventory.policy))
    assert all(s.recall in (1.0, None) for s in scored.lists.values())


def test_a_quote_read_past_emphasis_inside_a_link_is_placed() -> None:
    # a drafter reads "[**www.example.com**](https://...)" as "www.example.com"; its quote is
    # the sentence as read, and lies in the sentence of the file
    text = PolicyText(
        "# Notice\n\nWe collect app and website usage (on [**www.lumen.example**]"
        "(https://www.lumen.example/home) or other sites), and your IP address.\n"
    )
    quote = "We collect app and website usage (on www.lumen.example or other sites)"
    assert not text.verbatim(quote)
    assert text.loose(quote) and text.locate(quote)
    # and a link with a title: [a Lumen account](https://... "Lumen account")
    titled = PolicyText(
        "# Notice\n\nWe collect some technical information even when you're not signed into "
        '[a Lumen account](https://lumen.example/account "Lumen account"). More text here.\n'
    )
    said = "We collect some technical information even when you're not signed into a Lumen account."
    assert not titled.verbatim(said) and titled.loose(said) and titled.locate(said)


def test_a_table_row_quoted_without_its_empty_cells_is_placed() -> None:
    # a row written with empty columns ("|     | _Account Information_ |     | You ...") is
    # read without them; the drafter's quote is the row as read
    text = PolicyText(
        "# Notice\n\n|     |     |     |\n| --- | --- | --- |\n"
        "|     | _Account Information_ |     | You don't need an account to use Lumen. |\n"
        "|     | _Usage_ |     | We log the pages you view. |\n"
    )
    quote = "Account Information | You don't need an account to use Lumen."
    assert not text.verbatim(quote)
    assert text.loose(quote) and text.locate(quote)
    assert not text.loose("Account Information | We log the pages you view.")


def test_a_quote_read_past_escaped_underscores_and_a_link_s_soft_emphasis_is_placed() -> None:
    # the file escapes underscores ("disqus\\_unique", "\\_jid") and emphasises a link's text
    # ("[_here_](...)"); the drafter's quote is the sentence as read
    text = PolicyText(
        "# Cookies\n\nDisqus uses cookies, e.g., disqus\\_unique and \\_jid, to associate "
        "activities with a browser. Find their policy [_here_](https://adobe.example/c) for "
        "Adobe.\n"
    )
    said = (
        "Disqus uses cookies, e.g., disqus_unique and _jid, to associate activities with a browser."
    )
    assert not text.verbatim(said) and text.locate(said) == {1}
    assert text.locate("Find their policy here for Adobe.") == {2}


def test_a_key_naming_a_fideslang_key_that_does_not_exist_is_a_problem(
    text: PolicyText,
) -> None:
    key = _key()
    assert key_problems(key, text) == []
    key["collected"][1]["fideslang"] = "user.contact.pager"
    assert key_problems(key, text) == [
        "collected: 'user.contact.pager' is not a fideslang data category"
    ]
