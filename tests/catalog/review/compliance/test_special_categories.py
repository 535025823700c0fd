"""The tables the systems findings rank and match by: special categories per regime (from a
fideslang key) and the words a notice uses for each kind of person."""

from __future__ import annotations

import pytest

from catalog.model.special import SPECIAL, level, marks, special_categories
from catalog.model.subjects import FIELD_SUBJECTS, PLURAL, WORDS, kinds_covered
from catalog.model.vocabulary import fideslang_keys


def test_every_key_of_the_table_is_a_published_fideslang_key() -> None:
    published = fideslang_keys("data_category")
    assert sorted(set(SPECIAL) - published) == []


@pytest.mark.parametrize(
    ("key", "gdpr", "ccpa"),
    [
        ("user.health_and_medical", "data concerning health", "health"),
        ("user.health_and_medical.record_id", "data concerning health", "health"),  # beneath
        ("user.health_and_medical.genetic", "genetic data", "genetic data"),
        ("user.biometric.fingerprint", "biometric data identifying a person", "biometric"),
        ("user.demographic.race_ethnicity", "racial or ethnic origin", "racial or ethnic origin"),
        ("user.demographic.religious_belief", "religious", "religious"),
        ("user.demographic.sexual_orientation", "sexual orientation", "sexual orientation"),
        ("user.demographic.political_opinion", "political opinions", None),
        ("user.government_id.passport_number", None, "passport"),
        ("user.government_id.immigration", None, "immigration status"),
        ("user.government_id.vehicle_registration", None, None),  # an id, not one CCPA names
        ("user.authorization.password", None, "log-in"),
        ("user.financial.bank_account", None, "financial account"),
        ("user.location.precise", None, "precise geolocation"),
        ("user.content.private", None, "contents of mail"),
        ("user.location.imprecise", None, None),
        ("user.contact.email", None, None),
        ("user.demographic.language", None, None),
        (None, None, None),
    ],
)
def test_each_regime_flags_its_own_list(
    key: str | None, gdpr: str | None, ccpa: str | None
) -> None:
    flags = special_categories(key)
    assert (gdpr is None) == ("gdpr" not in flags), flags
    assert (ccpa is None) == ("ccpa" not in flags), flags
    if gdpr:
        assert gdpr in flags["gdpr"].what and flags["gdpr"].reference == "GDPR Art. 9(1)"
    if ccpa:
        assert ccpa in flags["ccpa"].what
        assert flags["ccpa"].reference.startswith("CCPA §1798.140(ae)(")


def test_special_data_and_government_ids_rank_above_identifiers_above_the_rest() -> None:
    assert level("user.health_and_medical") == "special"
    assert level("user.government_id.vehicle_registration") == "special"  # still a government id
    assert level("user.criminal_history") == "special"
    assert level("user.contact.email") == "identifier"
    assert level("user.demographic.date_of_birth") == "identifier"
    assert level("user.demographic.language") == "other"
    assert level("user.behavior.browsing_history") == "other"
    assert marks("user.health_and_medical.genetic") == "CCPA sensitive, GDPR Art. 9"
    assert marks("user.contact.email") == ""


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("Customers", {"customer"}),
        ("Our clients", {"customer"}),
        ("Website and app visitors", {"user"}),
        ("Registered members", {"user"}),
        ("Account holders", {"user"}),
        ("Employees and job applicants", {"employee"}),
        ("Store staff", {"employee"}),
        ("Workers and contractors", {"employee"}),
        ("Patients", {"patient"}),
        ("Sales leads", {"contact"}),
        ("Potential customers", {"contact"}),  # not yet customers: prospects
        ("Friends referred by customers", set()),  # about friends, not the customers
        ("Authorized agents acting for California consumers", set()),
        ("Contest and sweepstakes participants", set()),
    ],
)
def test_a_notice_s_words_for_people_are_read_by_their_head(name: str, kinds: set[str]) -> None:
    assert kinds_covered(name) == kinds


def test_aliases_and_dpv_terms_count_too() -> None:
    assert kinds_covered("Our people", aliases=["personnel"]) == {"employee"}
    assert kinds_covered("Data subjects", dpv="dpv:Patient") == {"patient"}
    assert set(WORDS) == set(FIELD_SUBJECTS) == set(PLURAL)
