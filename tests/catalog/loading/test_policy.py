"""The policy text: sections as the policy heads them, subsections, and the verbatim check."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.loading.policy import Policy, PolicyError, SubsectionSpec, normalize

POLICY_FILE = Path(__file__).resolve().parents[3] / "inventory" / "stefere-privacy-policy.txt"
SHARED_POLICY = Path(__file__).resolve().parents[4] / "shared" / "stefere-privacy-policy.txt"
COLLECTION = "Collection, Use, And Sharing Of Information"


@pytest.fixture(scope="module")
def policy() -> Policy:
    return Policy.load(
        POLICY_FILE,
        [
            SubsectionSpec(
                "When You Make a Purchase with Us",
                COLLECTION,
                "When You Make a Purchase with Us Categories",
            ),
            SubsectionSpec(
                "When You Contact Our Diamond and Jewelry Consultants",
                COLLECTION,
                "When You Contact Our Diamond",
            ),
        ],
    )


@pytest.mark.skipif(not SHARED_POLICY.exists(), reason="../shared is not beside this checkout")
def test_the_shipped_copy_is_the_published_policy() -> None:
    assert POLICY_FILE.read_bytes() == SHARED_POLICY.read_bytes()


def test_headings_are_the_policy_sections(policy: Policy) -> None:
    heads = [p for p in policy.heading_paths() if " > " not in p]
    for expected in (
        "Privacy Policy",
        COLLECTION,
        "Tracking Technology",
        "Information That We May Share With Others",
        "Children Under 13",
        "Security",
        "Marketing Choice/Opt-Out",
        "Your California Privacy Rights",
        "Data Protection For Individuals Based In The European Economic Area",
        "Data Protection For Individuals Based In The People's Republic Of China",
        "How To Contact Us",
    ):
        assert expected in heads
    assert heads.index("Security") < heads.index("How To Contact Us")


def test_a_quote_is_checked_against_the_section_it_names(policy: Policy) -> None:
    contact = "When You Contact Our Diamond and Jewelry Consultants"
    assert policy.find("Recordings of your calls", contact) is not None
    assert policy.find("Recordings of your calls", "When You Make a Purchase with Us") is None
    assert policy.find("Your payment information", "When You Make a Purchase with Us") is not None
    assert policy.find("Your payment information", contact) is None


def test_typographic_quotes_and_whitespace_are_folded(policy: Policy) -> None:
    assert policy.find("Your friend's name and e-mail address") is not None
    assert policy.find("declined   the use of\ncookies") is None
    assert policy.find("by declining the use of\n  cookies") is not None
    assert normalize("“sell”  –  ’") == '"sell" - \''


def test_quotes_must_be_whole_words(policy: Policy) -> None:
    assert policy.find("shipping") is not None
    assert policy.find("ship") is None
    assert policy.find("Your payment info") is None


def test_very_short_quotes_are_refused(policy: Policy) -> None:
    assert policy.find("you") is None


def test_sections_resolve_by_path_name_or_unique_prefix(policy: Policy) -> None:
    full = f"{COLLECTION} > When You Make a Purchase with Us"
    assert policy.section(full).path == full
    assert policy.section("when you make a purchase with us").path == full
    assert policy.section(
        "Data Protection For Individuals Based In The People’s Republic Of China"
    ).name.startswith("Data Protection")
    with pytest.raises(PolicyError, match="no section"):
        policy.section("Cookie Policy")


def test_an_undeclarable_subsection_is_an_error() -> None:
    with pytest.raises(PolicyError, match="not found"):
        Policy.load(POLICY_FILE, [SubsectionSpec("Nope", COLLECTION, "When You Fly To The Moon")])
    with pytest.raises(PolicyError, match="found 5 times"):
        Policy.load(POLICY_FILE, [SubsectionSpec("Twice", COLLECTION, "Your full name")])


def test_sentences_do_not_end_at_abbreviations() -> None:
    text = (
        "Our Practices\n\nWe store your data in the U.S. Department of Commerce's list of "
        "certified companies, e.g. Google and Stripe. Under Cal. Civ. Code § 1798.83 you may "
        "ask what we disclosed. We answer within Art. 12 deadlines. Google Inc. We review "
        "requests.\n"
    )
    policy = Policy.from_text(text)
    got = [policy.text[a:b] for a, b in policy.sentences()]
    assert any(
        s.endswith(
            "We store your data in the U.S. Department of Commerce's list of certified companies, e.g. Google and Stripe."
        )
        for s in got
    )
    assert any(s.startswith("Under Cal. Civ. Code § 1798.83") for s in got)
    assert any(s.startswith("We answer within Art. 12 deadlines.") for s in got)
    assert "We review requests." in got  # "Inc." ends a sentence as often as not
