"""A scan counts each recogniser's matches without testing every value (`counts`), and reads
telephone numbers and dates without phonenumbers or strptime where their answer is known: each
shortcut must give the number, and the answer, that testing value by value gives."""

from __future__ import annotations

import datetime as dt
import ipaddress
import random
import re

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.scanning import recognisers as r
from catalog.scanning.recognisers import FILTERS, RECOGNISERS, Sample, counts, remembering

# Values of the kinds a database holds, and their look-alikes.
EXAMPLES = [
    "ada@example.com", "a@b.cd", "00:1A:2B:3C:4D:5E", "$2b$12$" + "a" * 53, "{SHA}abc",
    "cus_abcdefghijk", "GB82WEST12345698765432", "gb82 west 1234 5698 7654 32",
    "Mozilla/5.0 (X11)", "xAppleWebKit", "POINT(1 2)", "51.5074, -0.1278", "12.3456", "-0.0001",
    "123e4567-e89b-12d3-a456-426614174000", "d41d8cd98f00b204e9800998ecf8427e", "SW1A 1AA",
    "12345-6789", "M", "female", " prefer not to say ", "1234-5678-90", "12345-678-90", "A01.1",
    "E123.4", "12345-6", "021000021", "0210-00021", "Call me at +44 20 7946 0958 tomorrow",
    "mail ada@example.com please now", "123-45-6789", "AB123456C", "ab 12 34 56 c",
    "fe80::1%eth0", "10.0.0.0/8", "192.168.100.200", "::1", "Mary", "SMITH", "Smith, John",
    "Jean-Luc Picard", "O'Neil", "Ünal Élodie", "4111 1111 1111 1111", "2015-03-04",
    "1987-05-06 12:00:00", "02/01/1980", "31.12.1999", "+1 212 555 0100", "(212) 555-0100",
    "0044 20 7946 0958", "2125550100", "1700000000", "123.45", "Support", "42", "",
]  # fmt: skip
TEXT = st.text(alphabet=st.sampled_from("0123456789 -.:/+()@_$AbcXyzßé\t\u00a0٣²"), max_size=30)
VALUE = st.one_of(st.sampled_from(EXAMPLES), TEXT)


@settings(max_examples=300, deadline=None)
@given(st.lists(VALUE, max_size=40))
def test_counts_are_the_values_each_test_accepts(values: list[str]) -> None:
    with remembering():
        found = counts(tuple(RECOGNISERS), Sample(values))
    for name, recogniser in RECOGNISERS.items():
        assert found[name] == sum(1 for v in values if recogniser.test(v)), name


@settings(max_examples=500, deadline=None)
@given(VALUE)
def test_every_filter_only_asks_what_an_accepted_value_has(value: str) -> None:
    for name, f in FILTERS.items():
        if f is None or not RECOGNISERS[name].test(value):
            continue
        assert f.shortest <= len(value) and (f.longest is None or len(value) <= f.longest), name
        has = Sample([value]).has
        needs = r._NEEDS[name]
        assert not needs or needs & has, name
        assert f.shape is None or f.shape(value), name


@settings(max_examples=500, deadline=None)
@given(VALUE)
def test_a_filter_s_one_pattern_is_its_test_between_its_lengths(value: str) -> None:
    for name, f in FILTERS.items():
        if f is None or f.exact is None:
            continue
        if f.shortest <= len(value) and (f.longest is None or len(value) <= f.longest):
            assert bool(f.exact(value)) == RECOGNISERS[name].test(value), name


def test_every_recogniser_has_a_filter_or_none_on_purpose() -> None:
    assert set(FILTERS) == set(RECOGNISERS)


def _forms(rnd: random.Random) -> dict[str, list[str]]:
    def integer() -> str:
        n = rnd.randint(1, 19)
        return rnd.choice(["", "-"]) + str(rnd.randint(10 ** (n - 1), 10**n - 1))

    def decimal() -> str:
        return f"{rnd.choice(['', '-'])}{rnd.randint(0, 10**9)}.{rnd.randint(0, 10**6)}"

    def date() -> str:
        return (dt.date(1, 1, 1) + dt.timedelta(days=rnd.randint(0, 3_600_000))).isoformat()

    def timestamp() -> str:
        d = dt.datetime(1900, 1, 1) + dt.timedelta(
            seconds=rnd.randint(0, 5 * 10**9), microseconds=rnd.choice([0, rnd.randint(0, 10**6)])
        )
        if rnd.random() < 0.3:
            d = d.replace(tzinfo=dt.timezone(dt.timedelta(minutes=rnd.randint(-1380, 1380))))
        return d.isoformat(sep=" ")

    makers = {"integer": integer, "decimal": decimal, "date": date, "timestamp": timestamp}
    return {form: [make() for _ in range(3000)] for form, make in makers.items()}


def test_a_form_s_values_pass_none_of_the_recognisers_it_rules_out() -> None:
    for form, values in _forms(random.Random(27)).items():
        assert Sample(values).form == form
        for name in r._NEVER[form]:
            assert not any(RECOGNISERS[name].test(v) for v in values), (form, name)
        for name in r._ALWAYS.get(form, ()):
            assert all(RECOGNISERS[name].test(v) for v in values), (form, name)
        # and the recognisers left in are still asked: a date is a possible date of birth
        if form in ("date", "timestamp"):
            assert counts(("birth_date",), Sample(values))["birth_date"] > 0


def test_a_sample_of_mixed_or_broken_lines_has_no_form() -> None:
    assert Sample(["1", "2.5"]).form == ""
    assert Sample(["1\n2"]).form == ""
    assert Sample(["2015-03-04", "2015-03-04T10:00:00"]).form == ""
    assert Sample([]).form == ""


# -- telephone numbers: the library's answer, without the library where it is known ------------


def _plain_is_phone(v: str) -> bool:
    if not r._PHONE_CHARS.match(v) or r.is_ndc(v):
        return False
    digits = sum(c.isdigit() for c in v)
    if digits < 7 or digits > 15:
        return False
    if v.startswith("+") or v.startswith("00"):
        region, text = None, "+" + v[2:] if v.startswith("00") else v
    elif any(c in v for c in " ()-./"):
        region, text = "US", v
    else:
        return False
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number(number):
        return True
    return region is not None and phonenumbers.is_possible_number(number)


def _plain_is_phone_digits(v: str) -> bool:
    digits = re.sub(r"\D", "", v)
    if not 7 <= len(digits) <= 15 or not re.fullmatch(r"\+?[\d\s().\-/]+", v):
        return False
    if re.fullmatch(r"-?\d+\.\d{1,2}", v):  # an amount (12345.50), not a number to call
        return False
    try:
        ipaddress.IPv4Address(v)
        return False  # an IP address, not a number to call
    except ValueError:
        pass
    for region in ("US", "GB", "DE", "FR", "IN", "CN", "BR"):
        try:
            if phonenumbers.is_possible_number(phonenumbers.parse(v, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


def _written(rnd: random.Random, digits: str, plus: bool) -> str:
    out = "+" if plus else ""
    for c in digits:
        if rnd.random() < 0.3:
            out += rnd.choice([" ", "-", ".", "/", " (", ") "])
        out += c
    return out


def _phone_like(rnd: random.Random) -> list[str]:
    """Every region's example numbers, as written and altered; numbers under every country
    code; digits that only look like numbers (dates, addresses, amounts)."""
    t = phonenumbers.PhoneNumberType
    numbers = [
        n
        for region in phonenumbers.SUPPORTED_REGIONS
        for kind in (t.FIXED_LINE, t.MOBILE, t.TOLL_FREE, t.PREMIUM_RATE, t.VOIP, t.UAN)
        if (n := phonenumbers.example_number_for_type(region, kind)) is not None
    ]
    out = []
    for n in numbers:
        e164 = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)[1:]
        for altered in (e164, e164[:-1], e164 + "7", e164[:-1] + str(rnd.randint(0, 9))):
            out.append(_written(rnd, altered, plus=True))
            out.append("00" + altered)
        for style in (
            phonenumbers.PhoneNumberFormat.INTERNATIONAL,
            phonenumbers.PhoneNumberFormat.NATIONAL,
        ):
            out.append(phonenumbers.format_number(n, style))
    codes = list(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    for _ in range(3000):
        tail = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(2, 14)))
        out.append(_written(rnd, str(rnd.choice(codes)) + tail, plus=True))
        digits = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(6, 16)))
        out.append(_written(rnd, digits, plus=False))
        out.append(".".join(str(rnd.randint(0, 255)) for _ in range(4)))
        out.append(f"{rnd.randint(1000, 2999)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}")
    return out


def test_telephone_numbers_are_read_as_phonenumbers_reads_them() -> None:
    values = _phone_like(random.Random(5))
    assert len(values) > 10_000
    for v in values:
        assert r.is_phone(v) == _plain_is_phone(v), v
        assert r.is_phone_digits(v) == _plain_is_phone_digits(v), v
    assert sum(map(r.is_phone, values)) > 1000  # the shortcuts say yes as often as no


@pytest.mark.parametrize(
    "value", ["+44 20 7946 0958", "+1 (212) 555-0100", "0049 30 123456", "+44 1", "+800 1234"]
)
def test_plain_international_numbers_skip_the_parser(value: str) -> None:
    text = "+" + value[2:] if value.startswith("00") else value
    read = r._international(text)
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        assert read is False  # refused, as the parser refuses it
        return
    assert read == (number.country_code, phonenumbers.national_significant_number(number))
    assert r._valid(*read) == phonenumbers.is_valid_number(number)
    assert r._possible(*read) == phonenumbers.is_possible_number(number)
    # a country code phonenumbers does not know is left to it (it retries other readings)
    assert r._international("+999 123 4567") is None


def test_dates_are_read_as_strptime_reads_them() -> None:
    rnd = random.Random(3)
    values = [
        f"{rnd.randint(0, 9999):04d}-{rnd.randint(0, 13):02d}-{rnd.randint(0, 32):02d}"
        for _ in range(5000)
    ]
    for v in values:
        try:
            expected = dt.datetime.strptime(v, "%Y-%m-%d").date()
        except ValueError:
            expected = None
        assert r._as_date(v) == expected, v


def test_remembered_answers_are_forgotten_when_the_scan_ends() -> None:
    with remembering():
        counts(("phone",), Sample(["+44 20 7946 0958"]))
        assert r._local.memo["phone"] == {"+44 20 7946 0958": True}
    assert getattr(r._local, "memo", None) is None
