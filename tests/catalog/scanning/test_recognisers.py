"""Value recognisers accept what they name and refuse its look-alikes."""

from __future__ import annotations

import pytest

from catalog.scanning import recognisers as r


@pytest.mark.parametrize(
    ("test", "yes", "no"),
    [
        (
            r.is_email,
            ["ada@example.com", "a.b+tag@mail.co.uk"],
            ["ada@", "@example.com", "a@b.c", "ada example.com"],
        ),
        (
            r.is_card_number,
            ["4111111111111111", "4111 1111 1111 1111", "5555555555554444", "378282246310005"],
            ["4111111111111112", "1234567812345678", "0000000000000000", "12345"],
        ),
        (
            r.is_iban,
            ["GB82WEST12345698765432", "DE89 3704 0044 0532 0130 00"],
            ["GB82WEST12345698765433", "DE00"],
        ),
        (
            r.is_ip,
            ["192.168.0.1", "2001:db8::1", "10.0.0.0/8"],
            ["1.2.3", "999.1.1.1", "localhost"],
        ),
        (
            r.is_phone,
            ["+1 212 555 0100", "(212) 555-0100", "+44 20 7946 0958", "0044 20 7946 0958"],
            ["2125550100", "1234", "12-34", "ST-1234"],
        ),
        (
            r.is_national_id,
            ["123-45-6789", "AB123456C"],
            ["000-12-3456", "666-12-3456", "123456789"],
        ),
        (
            r.is_password_hash,
            [
                "$2b$12$" + "a" * 53,
                "pbkdf2_sha256$600000$salt$hash",
                "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
            ],
            ["password", "$2b$12$short"],
        ),
        (
            r.is_user_agent,
            ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"],
            ["Chrome", "hello world"],
        ),
        (r.is_mac, ["00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e"], ["00:1A:2B:3C:4D", "001A2B3C4D5E:"]),
        (r.is_birth_date, ["1980-01-02", "02/01/1980"], ["2099-01-01", "1850-01-01", "yesterday"]),
        (r.is_gender, ["F", "male", "Non-binary", "prefer not to say"], ["blue", "42"]),
        (
            r.is_coordinate_pair,
            ["40.712800,-74.006000", "POINT(-74.006 40.7128)"],
            ["1.5,2.5", "40,-74"],
        ),
        (
            r.is_role_mailbox,
            ["support@acme.com", "no-reply@shop.example", "info+eu@acme.de", "postmaster@x.org"],
            ["ada.lovelace@acme.com", "jsmith@support.acme.com", "support"],
        ),
        (
            r.is_organisation,
            [
                "Support",
                "Customer Service",
                "Acme Corp",
                "Schmidt GmbH",
                "Dupont S.A.",
                "Kowalski Sp. z o.o.",
                "Silva Ltda.",
            ],
            ["Ada Lovelace", "Jean Dupont", "Tanaka", "María García"],
        ),
    ],
)
def test_recognisers(test, yes: list[str], no: list[str]) -> None:
    assert [v for v in yes if not test(v)] == []
    assert [v for v in no if test(v)] == []


def test_bare_digits_are_never_a_phone_on_their_own() -> None:
    # An order number is a valid US number as often as not: only a name rule may say phone.
    assert not r.is_phone("2125550100")
    assert r.is_phone_digits("2125550100")
    # four octets are an IP address, though they are seven to fifteen digits a phone could have
    assert not r.is_phone_digits("192.168.1.10") and not r.is_phone_digits("172.16.254.3")
    assert r.RECOGNISERS["phone_digits"].alone_at is None


@pytest.mark.parametrize("value", ["٢٣٤٥-٧", "१२३४५-६७८-९०", "٠١١٠٠٠٠١٥", "E١١.٩"])
def test_digits_of_other_scripts_are_no_code_and_no_crash(value: str) -> None:
    # `\d` takes them, the checksums cannot read them: a scan once stopped on one (Hypothesis)
    from catalog.scanning.recognisers import RECOGNISERS

    for name in ("lab_code", "drug_code", "diagnosis_code", "routing_number"):
        assert RECOGNISERS[name].test(value) is False, name


def test_an_amount_is_not_a_telephone_number_but_a_dotted_local_number_is() -> None:
    from catalog.scanning.recognisers import is_phone_digits

    # PostgreSQL gives numeric(10, 2) as 12345.50: seven digits, but an amount
    assert not any(is_phone_digits(v) for v in ("12345.50", "1234567.5", "-98765.43"))
    assert is_phone_digits("555.1234") and is_phone_digits("212.555.0100")


def test_a_team_or_a_company_is_not_a_person_s_name() -> None:
    assert r.is_person_name("Ada Lovelace") and r.is_person_name("Jean-Luc Picard")
    assert not any(map(r.is_person_name, ["Support", "Billing Team", "Acme Corp", "Weber KG"]))
