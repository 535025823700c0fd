"""Run-together words in schema names, as legacy schemas write them (`mailingcity`,
`otherphone`, `membername`), read as the words they are; English words and names the
vocabulary cannot read are left whole."""

from __future__ import annotations

import pytest

from catalog.scanning.classify import Column, classify_table, words
from catalog.scanning.segment import split_run_together


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("mailingcity", ["mailing", "city"]),
        ("otherphone", ["other", "phone"]),
        ("otheremail", ["other", "email"]),
        ("realname", ["real", "name"]),
        ("membername", ["member", "name"]),
        ("datelastlogin", ["date", "last", "login"]),
        ("contactid", ["contact", "id"]),
        ("vtiger_contactaddress", ["vtiger", "contact", "address"]),
    ],
)
def test_run_together_words_are_split(name: str, expected: list[str]) -> None:
    assert words(name) == expected


@pytest.mark.parametrize(
    "word",
    # English words whose pieces are words too, and what no known words make up
    ["network", "identity", "inactive", "ownership", "memberships", "shipper", "backtrace",
     "timeout", "notable", "refuse", "qwzxtelephonez"],
)  # fmt: skip
def test_words_and_unknowns_stay_whole(word: str) -> None:
    assert split_run_together(word) == (word,)


def test_a_split_must_tell_something() -> None:
    # "item type", "due date": known words, but none of them says anything of personal data
    assert split_run_together("itemtype") == ("itemtype",)
    assert split_run_together("duedate") == ("duedate",)


def test_a_crm_address_table_written_run_together_is_read_as_addresses() -> None:
    cols = [
        Column(name, "text", "text", [], 0)
        for name in ("mailingcity", "mailingstreet", "mailingzip", "otherphone", "otheremail")
    ]
    got = {c.column: c.fideslang for c in classify_table("contactaddress", cols)}
    assert got == {
        "mailingcity": "user.contact.address.city",
        "mailingstreet": "user.contact.address.street",
        "mailingzip": "user.contact.address.postal_code",
        "otherphone": "user.contact.phone_number",
        "otheremail": "user.contact.email",
    }
