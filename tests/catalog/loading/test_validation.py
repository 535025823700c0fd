"""The shipped inventory is valid, every quote in it is verbatim, and bad inventories are
rejected with a message that names the file, line and field."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from catalog.loading.policy import Policy
from catalog.loading.validation import Inventory, _cited_parts, check_inventory
from catalog.model.problems import Problem

BadInventory = Callable[..., Path]


def problems_of(root: Path) -> list[Problem]:
    inventory, problems = check_inventory(root)
    assert inventory is None, "a broken inventory must not load"
    return problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(p.render() for p in problems)
    return problems[0]


def line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


# -- the shipped inventory ------------------------------------------------------------------------


def test_the_shipped_inventory_is_valid(inventory_dir: Path) -> None:
    inventory, problems = check_inventory(inventory_dir)
    assert problems == []
    assert inventory is not None
    assert len(inventory.of_kind("ProcessingActivity")) >= 8
    assert len(inventory.of_kind("CollectionPoint")) >= 8


def test_every_quote_is_verbatim_in_the_policy(inventory: Inventory) -> None:
    """Re-check independently of the validator: fold whitespace and typographic quotes only."""
    text = inventory.policy.raw
    fold = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}

    def folded(s: str) -> str:
        for a, b in fold.items():
            s = s.replace(a, b)
        return re.sub(r"\s+", " ", s).strip()

    policy_text = folded(text)
    quotes = []
    for entry in inventory.entries.values():
        for _, part in _cited_parts(entry.model):
            quotes += [c.quote for c in part.sources]
            if getattr(part, "quote", None):
                quotes.append(part.quote)
    assert len(quotes) > 400
    missing = [q for q in quotes if folded(q) not in policy_text]
    assert missing == []


def test_every_entry_cites_the_policy(inventory: Inventory) -> None:
    assert all(entry.model.sources for entry in inventory.entries.values())


def test_the_eight_contexts_are_there_with_their_consequences(inventory: Inventory) -> None:
    contexts = [e.model for e in inventory.of_kind("CollectionPoint") if e.model.kind == "context"]
    assert len(contexts) == 8
    assert all(c.name.startswith("When You") for c in contexts)
    with_consequences = [c for c in contexts if c.consequences]
    assert len(with_consequences) == 8


def test_literal_items_are_policy_text(inventory: Inventory) -> None:
    items = {e.model.name for e in inventory.of_kind("DataCategory") if e.model.kind == "item"}
    for literal in (
        "Your payment information",
        "Recordings of your calls",
        "Your friend’s name and e-mail address",
        "Information gathered through web server logs",
        "Device and browser information",
        "Your social media username",
    ):
        assert literal in items


# -- bad inventories --------------------------------------------------------------------------------


def test_a_non_verbatim_quote_names_file_line_and_field(broken_inventory: BadInventory) -> None:
    root = broken_inventory(
        "collection_points.yaml",
        "{ref: recordings-of-calls, quote: Recordings of your calls}",
        "{ref: recordings-of-calls, quote: Recordings of all your calls}",
    )
    p = only(problems_of(root))
    assert p.file.name == "collection_points.yaml"
    assert p.line == line_of(p.file, "Recordings of all your calls")
    assert p.field == "collection_points[ctx-contact-consultants].collects[5].quote"
    assert "not verbatim" in p.message and "'Recordings of' matches" in p.message


def test_the_policy_s_own_date_is_cited_verbatim(broken_inventory: BadInventory) -> None:
    root = broken_inventory(
        "policy.yaml",
        "quote: Last updated October 23, 2023",
        "quote: Last updated October 24, 2023",
    )
    p = only(problems_of(root))
    assert p.file.name == "policy.yaml" and p.field == "policy.sources[0]"
    assert p.line == line_of(p.file, "October 24, 2023") and "not verbatim" in p.message


def test_where_an_organisation_is_established_is_cited(broken_inventory: BadInventory) -> None:
    root = broken_inventory(
        "organisations.yaml",
        "    located_in:\n      ref: us\n      quote:",
        "    located_in:\n      ref: usa\n      quote:",
    )
    p = only(problems_of(root))
    assert p.field == "organisations[stefere-eea-representative].located_in"
    assert "unknown Region 'usa'" in p.message and "'us'" in p.message


def test_a_quote_from_another_section_is_refused(broken_inventory: BadInventory) -> None:
    root = broken_inventory(
        "collection_points.yaml",
        "{ref: recordings-of-calls, quote: Recordings of your calls}",
        "{ref: recordings-of-calls, quote: Recordings of your calls, section: When You Make a Purchase with Us}",
    )
    p = only(problems_of(root))
    assert "is not in section" in p.message and "When You Contact Our Diamond" in p.message


def test_a_dangling_reference_suggests_the_right_id(broken_inventory: BadInventory) -> None:
    root = broken_inventory(
        "activities.yaml",
        "{recipient: payment-service-providers, quote: Payment service providers}",
        "{recipient: payment-service-provider, quote: Payment service providers}",
    )
    p = only(problems_of(root))
    assert p.line == line_of(p.file, "payment-service-provider,")
    assert p.field == "activities[online-purchases].disclosures[0].recipient"
    assert "unknown Recipient 'payment-service-provider'" in p.message
    assert "did you mean 'payment-service-providers'" in p.message


def test_a_reference_to_the_wrong_kind_is_refused(broken_inventory: BadInventory) -> None:
    root = broken_inventory(
        "activities.yaml",
        "subjects: [customers]\n    collection_points: [ctx-purchase]",
        "subjects: [payment-information]\n    collection_points: [ctx-purchase]",
    )
    p = only(problems_of(root))
    assert "'payment-information' is a DataCategory; subjects takes DataSubject" in p.message


def test_duplicate_ids_point_at_the_first_use(broken_inventory: BadInventory) -> None:
    duplicate = (
        "  - id: shipping-providers\n    name: Couriers\n    role: service_provider\n"
        "    sources: [{section: When You Make a Purchase with Us, quote: Shipping providers}]\n\n"
    )
    root = broken_inventory(
        "recipients.yaml", "  - id: mobile-carriers", duplicate + "  - id: mobile-carriers"
    )
    p = only(problems_of(root))
    assert p.field == "recipients[shipping-providers].id"
    assert p.line == line_of(p.file, "name: Couriers") - 1
    first = line_of(p.file, "  - id: shipping-providers")
    assert f"already used at recipients.yaml:{first} (Recipient)" in p.message


def test_wrong_types_and_missing_fields(broken_inventory: BadInventory) -> None:
    root = broken_inventory(
        "recipients.yaml",
        "    name: Shipping providers\n    role: service_provider",
        "    name: Shipping providers\n    role: courier",
    )
    root = broken_inventory(
        "purposes.yaml",
        "  - id: facilitate-returns\n    name: To facilitate returns\n",
        "  - id: facilitate-returns\n",
    )
    root = broken_inventory("categories.yaml", "    ccpa: [G]", "    ccpa: G-ish")
    found = {(p.field, p.message.split(";")[0]) for p in problems_of(root)}
    fields = {f for f, _ in found}
    assert "recipients[shipping-providers].role" in fields
    assert "purposes[facilitate-returns].name" in fields
    assert "categories[general-location].ccpa" in fields
    assert ("purposes[facilitate-returns].name", "required field is missing") in found


def test_unknown_fields_and_sections_are_named(broken_inventory: BadInventory) -> None:
    root = broken_inventory("subjects.yaml", "subjects:\n", "subjcts:\n")
    messages = [p.message for p in problems_of(root)]
    assert any("unknown section 'subjcts' (did you mean 'subjects'" in m for m in messages)


def test_a_cycle_in_the_category_hierarchy(broken_inventory: BadInventory) -> None:
    root = broken_inventory(
        "categories.yaml",
        "  - id: names\n    name: Names\n    kind: category\n    parent: personal-information",
        "  - id: names\n    name: Names\n    kind: category\n    parent: full-name",
    )
    p = only(problems_of(root))
    assert p.field == "categories[names].parent"
    assert "cycle: names -> full-name -> names" in p.message


def test_confusable_unicode_ids_are_refused(broken_inventory: BadInventory) -> None:
    root = broken_inventory(
        "recipients.yaml", "  - id: shipping-providers", "  - id: shipping-prоviders"
    )  # Cyrillic о
    problems = problems_of(root)
    ids = [p for p in problems if p.field == "recipients[shipping-prоviders].id"]
    assert ids and "U+043E CYRILLIC SMALL LETTER O" in ids[0].message


def test_an_uncited_fact_is_refused(broken_inventory: BadInventory) -> None:
    root = broken_inventory(
        "activities.yaml",
        "      - {ref: facilitate-returns, quote: To facilitate returns}\n      - {ref: diamond-upgrade-program",
        "      - facilitate-returns\n      - {ref: diamond-upgrade-program",
    )
    p = only(problems_of(root))
    assert p.field == "activities[online-purchases].purposes[3]"
    assert "must cite the policy" in p.message


def test_an_item_must_be_named_in_the_policys_words(broken_inventory: BadInventory) -> None:
    root = broken_inventory(
        "categories.yaml", "    name: Your order details\n", "    name: Order history\n"
    )
    p = only(problems_of(root))
    assert p.field == "categories[order-details].name"
    assert "not policy text" in p.message


def test_a_disclosure_of_data_the_activity_does_not_process(broken_inventory: BadInventory) -> None:
    root = broken_inventory(
        "activities.yaml",
        "      - {recipient: telecom-call-recording-providers, quote: Our telecommunications and call recording service providers}",
        "      - {recipient: telecom-call-recording-providers, quote: Our telecommunications and call recording service providers, categories: [your-payment-information]}",
    )
    p = only(problems_of(root))
    assert (
        "'your-payment-information' is disclosed but the activity does not process it" in p.message
    )


def test_yaml_anchors_are_refused_in_an_inventory(broken_inventory: BadInventory) -> None:
    root = broken_inventory("subjects.yaml", "  - id: customers\n", "  - id: &c customers\n")
    p = only(problems_of(root))
    assert p.file.name == "subjects.yaml" and "anchors" in p.message


@pytest.mark.parametrize("name", ["empty", "missing"])
def test_no_inventory(tmp_path: Path, name: str) -> None:
    root = tmp_path / name
    if name == "empty":
        root.mkdir()
    p = only(problems_of(root))
    assert "no inventory files" in p.message or "not found" in p.message


def test_the_policy_text_itself_is_loaded_from_the_inventory(inventory: Inventory) -> None:
    assert isinstance(inventory.policy, Policy)
    assert inventory.meta.last_updated.isoformat() == "2023-10-23"


def test_a_bom_or_crlf_leaves_the_fingerprint_as_it_is(
    inventory: Inventory, inventory_dir: Path, tmp_path: Path
) -> None:
    root = tmp_path / "inventory"
    shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    for path in root.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    same, problems = check_inventory(root)
    assert problems == [] and same is not None
    assert same.fingerprint == inventory.fingerprint
    (root / "subjects.yaml").write_text(
        (inventory_dir / "subjects.yaml")
        .read_text(encoding="utf-8")
        .replace("Customers", "Clients"),
        encoding="utf-8",
    )
    changed, _ = check_inventory(root)
    assert changed is not None and changed.fingerprint != inventory.fingerprint


@pytest.mark.parametrize("outside", ["/etc/hostname", "../secret.txt"])
def test_the_policy_text_must_be_inside_the_folder(broken_inventory, outside: str) -> None:
    root = broken_inventory("policy.yaml", "file: stefere-privacy-policy.txt", f"file: {outside}")
    (root.parent / "secret.txt").write_text("not the policy", encoding="utf-8")
    inventory, problems = check_inventory(root)
    assert inventory is None
    [problem] = [p for p in problems if p.field == "policy.file"]
    assert "outside the inventory folder" in problem.message and problem.line is not None


def test_a_link_leading_out_of_the_folder_is_not_read(broken_inventory, tmp_path: Path) -> None:
    root = broken_inventory("subjects.yaml", "subjects:", "subjects:")
    (tmp_path / "elsewhere.yaml").write_text("subjects: []\n", encoding="utf-8")
    (root / "linked.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    inventory, problems = check_inventory(root)
    assert inventory is None
    assert [p.message for p in problems if p.file.name == "linked.yaml"] == [
        "a link to a file outside the inventory folder; not read"
    ]


def test_control_characters_cannot_forge_a_problem_line(tmp_path: Path) -> None:
    forged = Problem(tmp_path / "x\nfake.yaml:1: all good", 2, "a\u2028b", "bad\rvalue")
    line = forged.render()
    assert "\n" not in line and "\r" not in line and "\u2028" not in line
    assert "x\\x0afake.yaml:1: all good:2: a\\u2028b: bad\\x0dvalue" in line


@pytest.mark.parametrize(
    ("file", "old", "new", "field", "message"),
    [
        (
            "categories.yaml",
            "dpv: pd:BrowsingBehaviour",
            "dpv: pd:BrowsingBehavior",
            ".dpv",
            "'pd:BrowsingBehavior' is not a term of DPV 2.3; did you mean pd:BrowsingBehaviour?",
        ),
        (
            "regimes.yaml",
            "dpv: eu-gdpr:A15",
            "dpv: dpv:RightToAccess",
            ".dpv",
            "'dpv:RightToAccess' is not a term of DPV 2.3",
        ),
        (
            "categories.yaml",
            "fideslang: user.location.imprecise",
            "fideslang: user.location.coarse",
            ".fideslang",
            "'user.location.coarse' is not a fideslang data category key",
        ),
        (
            "purposes.yaml",
            "fideslang: essential.service\n",
            "fideslang: user.contact.email\n",
            ".fideslang",
            "'user.contact.email' is not a fideslang data use key",
        ),
    ],
)
def test_vocabulary_terms_must_be_published(
    broken_inventory, file: str, old: str, new: str, field: str, message: str
) -> None:
    root = broken_inventory(file, old, new)
    inventory, problems = check_inventory(root)
    assert inventory is None
    [problem] = problems
    assert problem.file.name == file and problem.line is not None
    assert problem.field is not None and problem.field.endswith(field)
    assert problem.message.startswith(message)


def test_every_term_of_the_shipped_inventory_is_published(inventory: Inventory) -> None:
    from catalog.model.vocabulary import dpv_problem, fideslang_problem

    dpv = [getattr(e.model, "dpv", None) for e in inventory.entries.values()]
    assert sum(1 for t in dpv if t) > 60
    assert [t for t in dpv if t and dpv_problem(t)] == []
    keys = [
        (e.model.fideslang, "data_category" if e.kind == "DataCategory" else "data_use")
        for e in inventory.entries.values()
        if e.kind in ("DataCategory", "Purpose") and e.model.fideslang
    ]
    assert [k for k, kind in keys if fideslang_problem(k, kind)] == []


@pytest.mark.parametrize(
    ("new", "field", "message"),
    [
        ("    sensitive:\n      - regime:", "sensitive[0].regime", "say under which regime"),
        ("    sensitive:\n      - regime: cppa", "sensitive[0]", "'cppa'"),
    ],
)
def test_sensitivity_names_the_law_that_makes_it_sensitive(
    broken_inventory, new: str, field: str, message: str
) -> None:
    old = "    sensitive:\n      - regime: pipl"
    root = broken_inventory("categories.yaml", old, new)
    text = (root / "categories.yaml").read_text(encoding="utf-8")
    line = text[: text.index(new)].count("\n") + 2  # the line of `- regime:`
    inventory, problems = check_inventory(root)
    assert inventory is None
    [problem] = problems
    assert (problem.file.name, problem.line) == ("categories.yaml", line)
    assert problem.field == f"categories[payment-information].{field}"
    assert message in problem.message


def test_a_past_revision_may_hold_sensitivity_tied_to_no_law(broken_inventory) -> None:
    # what a diff reads from git history, written before sensitivity was per regime
    root = broken_inventory(
        "categories.yaml", "    sensitive:\n      - regime: pipl\n", "    sensitive:\n"
    )
    assert check_inventory(root)[0] is None
    inventory, problems = check_inventory(root, history=True)
    assert problems == [] and inventory is not None


def test_a_short_item_name_must_be_a_word_of_its_own_quotes(broken_inventory: BadInventory) -> None:
    # too short to be looked up in the whole policy, "Age" is refused unless its quotes say it
    root = broken_inventory("categories.yaml", "    name: Your order details\n", "    name: Age\n")
    p = only(problems_of(root))
    assert p.field == "categories[order-details].name"
    assert "not policy text" in p.message
