"""Value recognisers: does a sampled value look like an e-mail address, a card number, an IP?

Each recogniser is a predicate over one value (already a string, stripped). A column's evidence
is the share of its sampled values a recogniser accepts; the values themselves never leave this
module's callers' memory (only counts are reported).

Validators are checksums or published formats where one exists (Luhn for cards, ISO 13616
mod-97 for IBANs, `ipaddress` for IPs, `phonenumbers` for telephone numbers), so that a column
of random digits does not pass for cards and a product code does not pass for a phone number.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import re
import threading
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import compress
from typing import Literal

import phonenumbers
from phonenumbers import PhoneMetadata, phonenumberutil
from phonenumbers.re_util import re_compile

from catalog.scanning.valuewords import (
    ICD,
    NDC,
    has_contact_in_text,
    is_icd,
    is_known_name,
    is_loinc,
    is_ndc,
    is_organisation,
    is_role_mailbox,
    is_routing_number,
)

_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}$")
_PHONE_CHARS = re.compile(r"^\+?[\d\s().\-/]{7,24}(\s*(x|ext\.?)\s*\d{1,6})?$", re.IGNORECASE)
_CARD_CHARS = re.compile(r"^\d(?:[ -]?\d){12,18}$")
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")
_SSN = re.compile(r"^(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$")
_NINO = re.compile(
    r"^(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]$"
)
_MAC = re.compile(r"^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\1[0-9A-Fa-f]{2}){4}$")
_UUID = re.compile(
    r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$"
)
_PASSWORD_HASH = re.compile(
    r"^(\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}"  # bcrypt
    r"|\$argon2(id|i|d)\$.+"  # argon2
    r"|\$[156]\$[^$]{1,16}\$[./A-Za-z0-9]{22,86}"  # md5/sha256/sha512-crypt
    r"|\$y\$.+"  # yescrypt
    r"|(pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|scrypt)\$.+"  # Django
    r"|\{(SSHA|SHA|SSHA256|SSHA512|CRYPT)\}.+"  # LDAP
    r"|\$P\$[./A-Za-z0-9]{31}"  # phpass (WordPress)
    r"|sha(1|256|512)\$[^$]+\$[0-9a-f]+)$"
)
_HEX_DIGEST = re.compile(r"^[0-9a-fA-F]{32}([0-9a-fA-F]{8}|[0-9a-fA-F]{32}|[0-9a-fA-F]{96})?$")
_USER_AGENT = re.compile(
    r"^(Mozilla/\d\.\d \(|Opera/\d|Dalvik/\d|curl/\d|okhttp/\d|.*(AppleWebKit|Gecko/|Chrome/|Safari/|CFNetwork/|Darwin/))"
)
_COORD_PAIR = re.compile(r"^\(?\s*-?\d{1,3}\.\d{3,}\s*[, ]\s*-?\d{1,3}\.\d{3,}\s*\)?$")
_WKT_POINT = re.compile(r"^(SRID=\d+;)?POINT\s*\(\s*-?\d+(\.\d+)?\s+-?\d+(\.\d+)?\s*\)$", re.I)
_DECIMAL = re.compile(r"^-?\d{1,3}\.\d+$")
_US_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_POSTCODE = re.compile(
    r"^([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}"  # UK
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d"  # Canada
    r"|\d{4,6}(-\d{3,4})?"  # most of the world (digits)
    r"|[A-Z]{1,2}-?\d{4,5}"  # prefixed (e.g. NL-1234, D-12345)
    r"|\d{4}\s?[A-Z]{2})$",  # Netherlands
    re.IGNORECASE,
)
_GENDERS = frozenset(
    "m f male female man woman men women boy girl non-binary nonbinary non_binary nb x u o "
    "other unknown diverse d unspecified undisclosed prefer_not_to_say not_specified "
    "transgender trans agender genderqueer intersex".split()
)
# A payment service provider's token for a customer, card or payment method (Stripe-style
# `cus_…`, `pm_…`, `card_…`): the card itself stays with the provider, the token points at it.
_PSP_TOKEN = re.compile(r"^(cus|pm|card|src|tok|pi|seti|ba|btok|ch)_[A-Za-z0-9]{10,}$")
_IIN = re.compile(r"^(4|5[1-5]|2[2-7]|3[47]|3[068]|6011|64[4-9]|65|35|62|50|5[6-8]|6[3-9])")


def is_email(v: str) -> bool:
    return len(v) <= 254 and _EMAIL.match(v) is not None


def is_phone(v: str) -> bool:
    """A telephone number as people write one: with a country code, or in a format with
    separators. Bare digit runs are left out: an order number is a valid US number as often
    as not, so digits alone never make a column a phone column (a name rule can)."""
    if not _PHONE_CHARS.match(v) or is_ndc(v):  # a drug code has a telephone number's shape
        return False
    digits = sum(map(str.isdigit, v))
    if digits < 7 or digits > 15:
        return False
    if v.startswith("+") or v.startswith("00"):
        region = None
        text = "+" + v[2:] if v.startswith("00") else v
        known = _international_remembered(text)
        if known is not None:  # as phonenumbers reads it, without its cost
            return known is not False and _valid(*known)
    elif _SEPARATOR.search(v):
        region, text = "US", v
        if _PLAIN_MARKS.fullmatch(v) and _US_LENGTHS_ONLY:
            digits_only = _NOT_DIGIT.sub("", v)
            if digits_only[0] not in "01":
                # What phonenumbers answers, without parsing: a North American number read
                # without its country code or trunk prefix is a possible number of 7 or 10
                # digits, or none.
                return len(digits_only) in (7, 10)
            if digits_only[0] == "1":  # the same, once the country code or trunk prefix is off
                national = _us_national(digits_only)
                return national is not False and len(national) in (7, 10)
    else:
        return False
    if region is not None and (known := _national_for(text, region)) is not None:
        # (the cheap length test first: either answer makes it a telephone number)
        return known is not False and (_possible(*known) or _valid(*known))
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number(number):
        return True
    # Fictional and unallocated ranges (555 numbers, test data) are still telephone numbers.
    return region is not None and phonenumbers.is_possible_number(number)


_NOT_DIGIT = re.compile(r"\D")
_SEPARATOR = re.compile(r"[ ()\-./]")  # what a number written with separators has
_DIGITS_AND_MARKS = re.compile(r"\+?[\d\s().\-/]+")
# ASCII digits and the marks phonenumbers drops as punctuation, nothing else: a value so
# written parses as its digits alone would.
_PLAIN_MARKS = re.compile(r"[0-9 ().\-/]{1,250}")


def _metadata_is_as_read() -> tuple[bool, bool]:
    """Whether the numbering plans still say what the shortcuts below rely on (they are
    taken only while they do): the US and its neighbours dial 7 or 10 digits (7 locally)
    after no trunk prefix but 1 and no international prefix but 011, and +1 is read as the
    US's; Germany takes 4 to 15 digits after a trunk prefix 0 and an international prefix 00."""
    from phonenumbers import PhoneMetadata
    from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

    us = PhoneMetadata.metadata_for_region("US")
    de = PhoneMetadata.metadata_for_region("DE")
    if us is None or de is None or us.general_desc is None or de.general_desc is None:
        return False, False
    nanpa = [PhoneMetadata.metadata_for_region(r) for r in COUNTRY_CODE_TO_REGION_CODE.get(1, ())]
    us_ok = (
        us.country_code == 1
        and COUNTRY_CODE_TO_REGION_CODE.get(1, ())[:1] == ("US",)  # +1 is read as the US's
        and us.international_prefix == "011"
        and us.national_prefix_for_parsing == "1"
        and not us.national_prefix_transform_rule
        and bool(us.general_desc.national_number_pattern)
        and tuple(us.general_desc.possible_length) == (10,)
        and tuple(us.general_desc.possible_length_local_only) == (7,)
        # (none without lengths: that would let every length through)
        and all(
            m is not None
            and m.general_desc is not None
            and set(m.general_desc.possible_length) in ({7}, {10}, {7, 10})
            for m in nanpa
        )
    )
    de_ok = (
        de.country_code == 49
        and de.international_prefix == "00"
        and de.national_prefix_for_parsing == "0"
        and de.national_prefix_transform_rule is None
        and tuple(de.general_desc.possible_length) == tuple(range(4, 16))
        and set(de.general_desc.possible_length_local_only) <= {1, 2, 3}
    )
    return us_ok, de_ok


_US_LENGTHS_ONLY, _DE_ANY_LENGTH = _metadata_is_as_read()


def _us_general() -> re.Pattern[str] | None:
    """The US plan's general pattern, compiled once, while the US shortcuts are taken."""
    us = PhoneMetadata.metadata_for_region("US")
    if not _US_LENGTHS_ONLY or us is None or us.general_desc is None:
        return None
    pattern = us.general_desc.national_number_pattern
    return re.compile(pattern) if pattern else None


_US_GENERAL = _us_general()


def _us_viable(digits: str) -> bool:
    """phonenumberutil._match_national_number(digits, US general description, False)."""
    assert _US_GENERAL is not None  # read only while _US_LENGTHS_ONLY holds
    return bool(phonenumberutil._match(digits, _US_GENERAL, False))


def _us_trunk_off(digits: str) -> str:
    """phonenumberutil._maybe_strip_national_prefix_carrier_code(digits, US)'s number: the
    trunk prefix 1 taken off unless only the number with it fits the plan."""
    if not digits.startswith("1") or (_us_viable(digits) and not _us_viable(digits[1:])):
        return digits
    return digits[1:]


def _us_national(digits: str) -> str | Literal[False]:
    """The national number `_national_for(digits, "US")` reads from ASCII digits starting with
    1 (which no international prefix does), its steps done with the plan's pattern compiled
    once: the country code 1 off where the rest fits better or the whole is too long, then the
    trunk prefix where what is left keeps a possible length (10 digits or more, as the US
    plan's lengths are). False where phonenumbers reads no number."""
    potential = _us_trunk_off(digits[1:])
    if (not _us_viable(digits) and _us_viable(potential)) or len(digits) > 10:
        national = potential
    else:
        national = digits
    if len(national) < 2:
        return False
    stripped = _us_trunk_off(national)
    if len(stripped) >= 10:
        national = stripped
    return national if 2 <= len(national) <= 17 else False


# -- phonenumbers' own reading, for a number written "+" and digits ------------------------------
#
# phonenumbers parses and validates a number in pure Python, slowly for a scan, which tests
# thousands. For the plainest writing (a "+", the country code and digits, spaced with
# blanks, dots, dashes, slashes or brackets) the steps below are the library's own, taken
# with its own helpers on the digits alone; the patterns a valid number must match are
# joined once per region and length. Anything else goes to phonenumbers itself.

_PLAIN_INTERNATIONAL = re.compile(r"\+[0-9 ().\-/]{1,249}")
_TOO_SHORT_OR_LOCAL = (
    phonenumberutil.ValidationResult.TOO_SHORT,
    phonenumberutil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
    phonenumberutil.ValidationResult.INVALID_LENGTH,
)
_POSSIBLE = (
    phonenumberutil.ValidationResult.IS_POSSIBLE,
    phonenumberutil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
)


def _international(text: str) -> tuple[int, str] | Literal[False] | None:
    """(country code, national significant number) as phonenumbers.parse(text) reads a plain
    international number; False where it would refuse it; None where the text is not plain
    enough to say (then ask phonenumbers)."""
    if not _PLAIN_INTERNATIONAL.fullmatch(text):
        return None
    digits = _NOT_DIGIT.sub("", text)
    if len(digits) <= 2:  # too short after the "+" (and not a number at all below 3 digits)
        return False if len(digits) >= 1 else None
    cc, national = phonenumberutil._extract_country_code(digits)
    if cc == 0:  # no country code: phonenumbers retries in ways that depend on the region
        return None
    return _national(cc, national, None)


def _international_remembered(text: str) -> tuple[int, str] | Literal[False] | None:
    """`_international`, read once per scan (`remembering`): both telephone tests read it."""
    memo = getattr(_local, "memo", None)
    if memo is None:
        return _international(text)
    known = memo.get("+international")
    if known is None or len(known) > _MEMO_LIMIT:
        known = memo["+international"] = {}
    if text not in known:
        known[text] = _international(text)
    return known[text]


def _national_for(text: str, region: str) -> tuple[int, str] | Literal[False] | None:
    """The same for a number written without "+" (ASCII digits and marks only), read as
    phonenumbers.parse(text, region) reads it: an international prefix, or the region's own
    country code before a number that fits better without it, or the region's number."""
    if not _PLAIN_MARKS.fullmatch(text):
        return None
    digits = _NOT_DIGIT.sub("", text)
    meta = PhoneMetadata.metadata_for_region(region, None)
    if len(digits) < 3 or meta is None or not meta.international_prefix:
        return None
    own_cc = meta.country_code
    if own_cc is None:  # (every region's plan has one)
        return None
    idd, rest = phonenumberutil._parse_prefix_as_idd(re_compile(meta.international_prefix), digits)
    if idd:
        if len(rest) <= 2:
            return False
        cc, national = phonenumberutil._extract_country_code(rest)
        return False if cc == 0 else _national(cc, national, region)
    own = str(own_cc)
    if digits.startswith(own):
        general = meta.general_desc
        _, potential, _ = phonenumberutil._maybe_strip_national_prefix_carrier_code(
            digits[len(own) :], meta
        )
        if (
            not phonenumberutil._match_national_number(digits, general, False)
            and phonenumberutil._match_national_number(potential, general, False)
        ) or phonenumberutil._test_number_length(
            digits, meta
        ) == phonenumberutil.ValidationResult.TOO_LONG:
            return _national(own_cc, potential, region)
    return _national(own_cc, digits, region, meta)


def _national(
    cc: int, national: str, region: str | None, meta: PhoneMetadata | None = None
) -> tuple[int, str] | Literal[False]:
    """parse()'s last steps: the region's trunk prefix taken off where what is left still
    has a possible length; a national number of 2 to 17 digits, or none."""
    if meta is None:
        number_region = phonenumberutil.region_code_for_country_code(cc)
        meta = (
            PhoneMetadata.metadata_for_region(region, None)
            if number_region == region
            else PhoneMetadata.metadata_for_region_or_calling_code(cc, number_region)
        )
    if len(national) < 2:
        return False
    if meta is not None:
        _, stripped, _ = phonenumberutil._maybe_strip_national_prefix_carrier_code(national, meta)
        if phonenumberutil._test_number_length(stripped, meta) not in _TOO_SHORT_OR_LOCAL:
            national = stripped
    if not 2 <= len(national) <= 17:
        return False
    return cc, national


def _possible(cc: int, national: str) -> bool:
    region = phonenumberutil.region_code_for_country_code(cc)
    meta = PhoneMetadata.metadata_for_region_or_calling_code(cc, region)
    if meta is None:  # no plan for the code: as phonenumbers, not a possible number
        return False
    return phonenumberutil._test_number_length(national, meta) in _POSSIBLE


def _valid(cc: int, national: str) -> bool:
    """phonenumbers.is_valid_number, for the number it would have parsed."""
    regions = phonenumberutil.COUNTRY_CODE_TO_REGION_CODE.get(cc)
    if regions is None:
        return False
    typed = False  # the region found by its type's patterns, which `_typed` keeps per region
    if len(regions) == 1:
        region: str | None = regions[0]
    else:
        region = None
        for leading, group in _steps(cc):
            if leading is not None:
                if (m := leading.match(national)) is not None:
                    region = group[int(str(m.lastgroup)[1:])][0]
                    break
            elif _typed(cc, group[0][0], group[0][1], national):
                region, typed = group[0][0], True
                break
    if region is None:
        return False
    meta = PhoneMetadata.metadata_for_region_or_calling_code(cc, region.upper())
    if meta is None:
        return False
    if region != phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY:
        own = PhoneMetadata.metadata_for_region(region.upper(), None)
        if own is None or own.country_code != cc:
            return False
    return typed or _typed(cc, region, meta, national)


@functools.cache
def _candidates(cc: int) -> list[tuple[str, PhoneMetadata, re.Pattern[str] | None]]:
    """The regions sharing a country code, in phonenumbers' order, with their leading digits."""
    out = []
    for r in phonenumberutil.COUNTRY_CODE_TO_REGION_CODE.get(cc, ()):
        meta = PhoneMetadata.metadata_for_region(r.upper(), None)
        if meta is not None:
            leading = re.compile(meta.leading_digits) if meta.leading_digits is not None else None
            out.append((r, meta, leading))
    return out


@functools.cache
def _steps(
    cc: int,
) -> list[tuple[re.Pattern[str] | None, tuple[tuple[str, PhoneMetadata], ...]]]:
    """`_candidates` as `_valid` tries them, each run of regions told by leading digits joined
    into one pattern (the first alternative that matches is the first region's, as trying the
    regions in turn finds: one call where there were 23 for +1); a region without leading
    digits, or whose pattern has groups of its own, stays a step of its own."""
    out: list[tuple[re.Pattern[str] | None, tuple[tuple[str, PhoneMetadata], ...]]] = []
    run: list[tuple[str, PhoneMetadata, re.Pattern[str]]] = []

    def close() -> None:
        if run:
            joined = "|".join(f"(?P<r{i}>{p.pattern})" for i, (_, _, p) in enumerate(run))
            out.append((re.compile(joined), tuple((r, m) for r, m, _ in run)))
            run.clear()

    for r, meta, leading in _candidates(cc):
        if leading is not None and leading.groups == 0:
            run.append((r, meta, leading))
            continue
        close()
        if leading is None:
            out.append((None, ((r, meta),)))
        else:
            out.append((re.compile(f"(?P<r0>{leading.pattern})"), ((r, meta),)))
    close()
    return out


_TYPED: dict[tuple[int, str, int], tuple[re.Pattern[str], re.Pattern[str]] | None] = {}


def _typed(cc: int, region: str, meta: PhoneMetadata, national: str) -> bool:
    """phonenumbers' number type is not UNKNOWN: the region's general pattern and one type's
    pattern (premium rate ... fixed line, mobile) fit, each where its lengths allow."""
    key = (cc, region, len(national))
    if key not in _TYPED:
        _TYPED[key] = _type_patterns(meta, len(national))
    found = _TYPED[key]
    return found is not None and bool(found[0].fullmatch(national) and found[1].fullmatch(national))


def _type_patterns(
    meta: PhoneMetadata, length: int
) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    def fits(desc: object) -> str | None:
        pattern = getattr(desc, "national_number_pattern", None)
        lengths = getattr(desc, "possible_length", ())
        if desc is None or not pattern or (len(lengths) > 0 and length not in lengths):
            return None
        return str(pattern)

    general = fits(meta.general_desc)
    if general is None:
        return None
    kinds = [
        meta.premium_rate,
        meta.toll_free,
        meta.shared_cost,
        meta.voip,
        meta.personal_number,
        meta.pager,
        meta.uan,
        meta.voicemail,
        meta.fixed_line,
    ]
    if not meta.same_mobile_and_fixed_line_pattern:
        kinds.append(meta.mobile)
    patterns = [p for d in kinds if (p := fits(d)) is not None]
    if not patterns:
        return None
    return re.compile(general), re.compile("|".join(f"(?:{p})" for p in patterns))


# An amount or a measure as a database writes it: one or two digits after a single dot (an
# amount of 12345.50 from PostgreSQL's numeric(10, 2) has a telephone number's seven digits;
# a local number written 555.1234 has four after its dot).
_AMOUNT = re.compile(r"-?[0-9]+\.[0-9]{1,2}")


def is_phone_digits(v: str) -> bool:
    """Digits alone that make a possible telephone number: evidence only beside a name rule."""
    digits = _NOT_DIGIT.sub("", v)
    if not 7 <= len(digits) <= 15 or not _DIGITS_AND_MARKS.fullmatch(v) or _AMOUNT.fullmatch(v):
        return False
    if _FOUR_OCTETS.fullmatch(v):
        return False  # "192.168.1.10": four octets are an IP address, never a number dialled
    if _DE_ANY_LENGTH and _PLAIN_MARKS.fullmatch(v) and not digits.startswith("00"):
        # What phonenumbers answers for Germany, without parsing: 7 to 15 digits with no
        # international prefix make a possible German number, however they start.
        return True
    if v.startswith("+") and (known := _international_remembered(v)) is not None:
        # A number with its country code reads the same whatever the region it is read for.
        return known is not False and _possible(*known)
    for region in ("US", "GB", "DE", "FR", "IN", "CN", "BR"):
        try:
            if phonenumbers.is_possible_number(phonenumbers.parse(v, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def is_card_number(v: str) -> bool:
    if not _CARD_CHARS.match(v):
        return False
    digits = v.replace(" ", "").replace("-", "")
    return len(set(digits)) > 1 and _IIN.match(digits) is not None and luhn(digits)


def is_psp_token(v: str) -> bool:
    return _PSP_TOKEN.match(v) is not None


_SPACE_OR_DASH = re.compile(r"[\s-]")


def is_bank_account_number(v: str) -> bool:
    """An account number as banks write them: 6 to 17 digits (dashes and spaces allowed), or
    an IBAN. A ledger's 4-digit account is not one."""
    if is_ndc(v):  # a drug code's dashes are not an account number's
        return False
    digits = _SPACE_OR_DASH.sub("", v)
    return (digits.isdigit() and 6 <= len(digits) <= 17) or is_iban(v)


def is_iban(v: str) -> bool:
    text = v.replace(" ", "").upper()
    if not _IBAN.match(text):
        return False
    moved = text[4:] + text[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


# Four octets of 0 to 255 without leading zeros: what ipaddress accepts as IPv4, told at once.
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_PLAIN_IPV4 = re.compile(rf"{_OCTET}(?:\.{_OCTET}){{3}}")
# The same, as what a telephone number is not (`is_phone_digits`): a reading, not a shortcut
_FOUR_OCTETS = re.compile(_PLAIN_IPV4.pattern)


def is_ip(v: str) -> bool:
    if len(v) > 45 or ("." not in v and ":" not in v):
        return False
    if _PLAIN_IPV4.fullmatch(v):
        return True
    if ":" not in v and v.count(".") < 3:  # no IPv6, and too few dots for IPv4's four parts
        return False
    try:
        ipaddress.ip_address(v.split("%", 1)[0])
    except ValueError:
        try:  # an inet column may carry a prefix length
            ipaddress.ip_interface(v)
        except ValueError:
            return False
    return True


def is_national_id(v: str) -> bool:
    return _SSN.match(v) is not None or _NINO.match(v.upper()) is not None


def is_mac(v: str) -> bool:
    return _MAC.match(v) is not None


def is_uuid(v: str) -> bool:
    return _UUID.match(v) is not None


def is_password_hash(v: str) -> bool:
    return _PASSWORD_HASH.match(v) is not None


def is_hex_digest(v: str) -> bool:
    return _HEX_DIGEST.match(v) is not None


def is_user_agent(v: str) -> bool:
    return len(v) >= 10 and _USER_AGENT.match(v) is not None


_SIGNED_DECIMAL = re.compile(r"-?\d+\.\d+")


def is_coordinate_pair(v: str) -> bool:
    if _WKT_POINT.match(v):
        return True
    if not _COORD_PAIR.match(v):
        return False
    a, b = (float(x) for x in _SIGNED_DECIMAL.findall(v)[:2])
    return abs(a) <= 180 and abs(b) <= 180 and (abs(a) <= 90 or abs(b) <= 90)


def is_latitude_or_longitude(v: str) -> bool:
    """A decimal degree with the precision of a place (three or more decimals)."""
    if not _DECIMAL.match(v):
        return False
    frac = v.lstrip("-").partition(".")[2]
    return len(frac) >= 3 and float(v) != 0 and abs(float(v)) <= 180


def is_postal_code(v: str) -> bool:
    return _POSTCODE.match(v) is not None or _US_ZIP.match(v) is not None


def is_gender(v: str) -> bool:
    return v.strip().casefold().replace(" ", "_") in _GENDERS


_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# What strptime must read whole for one of `_FORMATS` to fit (its %Y is four digits, %m one or
# two, %d one or two or a space and a digit; any script's digits): a text that is none of
# these is no date in any of them, and strptime (slow, and asked once a format) is not asked.
_DATE_LIKE = re.compile(r"\d{4}[-/]\d{1,2}[-/][ \d]?\d|[ \d]?\d[/.][ \d]?\d[/.]\d{4}")


def _as_date(v: str) -> dt.date | None:
    text = v[:10]
    if (m := _ISO_DATE.fullmatch(text)) is not None:
        # What strptime's "%Y-%m-%d" makes of ASCII digits, without its cost; a date that
        # does not exist (2015-02-30) fits none of the other formats either.
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if not _DATE_LIKE.fullmatch(text):
        return None
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _latest_birth() -> dt.date:
    today = dt.date.today()
    # ten years ago; on 29 February, the 28th (a year ten years back has no 29th, mostly)
    return today.replace(
        year=today.year - 10, day=min(today.day, 28) if today.month == 2 else today.day
    )


_EARLIEST_BIRTH = dt.date(1900, 1, 1)
_LATEST_BIRTH = _latest_birth()


def is_birth_date(v: str) -> bool:
    """A date a living person could be born on: 1900 up to ten years ago."""
    d = _as_date(v)
    return d is not None and _EARLIEST_BIRTH <= d <= _LATEST_BIRTH


_NAME_WORDS = re.compile(
    r"\s*[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?"
    r"(?:\s+[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?){0,3}\s*"
)


def is_person_name(v: str) -> bool:
    """Two to four words of letters, each capitalised ("Ada Lovelace", "Jean-Luc Picard"):
    evidence beside a name rule, never alone (a product can be called "Silver Ring")."""
    # One to four words of letters (one pattern for the whole value), then their capitals.
    return (
        len(v) <= 60
        and _NAME_WORDS.fullmatch(v) is not None
        and all(w[0].isupper() for w in v.split())
        and not is_organisation(v)  # "Support", "Acme Corp": capitalised, and nobody
    )


@dataclass(frozen=True)
class Recogniser:
    name: str
    test: Callable[[str], bool]
    fideslang: str
    # Strong enough to classify a column on its values alone, at this match rate or more.
    alone_at: float | None


RECOGNISERS: dict[str, Recogniser] = {
    r.name: r
    for r in (
        Recogniser("email", is_email, "user.contact.email", 0.8),
        Recogniser("phone", is_phone, "user.contact.phone_number", 0.9),
        Recogniser("phone_digits", is_phone_digits, "user.contact.phone_number", None),
        Recogniser("card_number", is_card_number, "user.financial.credit_card", 0.9),
        Recogniser("iban", is_iban, "user.financial.bank_account", 0.9),
        Recogniser(
            "bank_account_number", is_bank_account_number, "user.financial.bank_account", None
        ),
        Recogniser("psp_token", is_psp_token, "user.payment", 0.9),
        Recogniser("ip_address", is_ip, "user.device.ip_address", 0.95),
        Recogniser(
            "national_id", is_national_id, "user.government_id.national_identification_number", 0.9
        ),
        Recogniser("mac_address", is_mac, "user.device.device_id", 0.95),
        Recogniser("password_hash", is_password_hash, "user.authorization.password", 0.9),
        Recogniser("hex_digest", is_hex_digest, "user.authorization.password", None),
        Recogniser("user_agent", is_user_agent, "user.device", 0.8),
        Recogniser("coordinates", is_coordinate_pair, "user.location.precise", 0.95),
        Recogniser("degrees", is_latitude_or_longitude, "user.location.precise", None),
        Recogniser("uuid", is_uuid, "user.device.device_id", None),
        Recogniser("postal_code", is_postal_code, "user.contact.address.postal_code", None),
        Recogniser("gender", is_gender, "user.demographic.gender", None),
        Recogniser("birth_date", is_birth_date, "user.demographic.date_of_birth", None),
        Recogniser("person_name", is_person_name, "user.name", None),
        # people's names by the census name-frequency lists: alone, when most values are
        # (a forum's `poster`, a ticket's `requester` holding names and nothing else)
        Recogniser("known_name", is_known_name, "user.name", 0.8),
        Recogniser("drug_code", is_ndc, "user.health_and_medical", None),
        Recogniser("diagnosis_code", is_icd, "user.health_and_medical", None),
        Recogniser("lab_code", is_loinc, "user.health_and_medical", None),
        Recogniser("routing_number", is_routing_number, "user.financial.bank_account", None),
        Recogniser("contact_in_text", has_contact_in_text, "user.content.private", None),
        # what says a column is not a person's: a role's mailbox, an organisation's name
        Recogniser("role_mailbox", is_role_mailbox, "user.contact.email", None),
        Recogniser("organisation", is_organisation, "user.contact.organization", None),
    )
}


# -- counting a column's matches, fast -----------------------------------------------------------
#
# A scan asks every recogniser of every column's sample, and most answers are "none": a column
# of dates holds no e-mail address. `count` gives the same number as testing each value, but
# first asks what every value a recogniser accepts must have (a length, a character, a shape:
# `Filter`), of the whole sample and then of each distinct value, so that most values are never
# tested; the expensive tests (telephone numbers, dates) are remembered for the rest of the scan.


@dataclass(frozen=True)
class Filter:
    """What every value a recogniser accepts has: a length from `shortest` to `longest`, at
    least one of the characters `needs` (or a digit where `digit`, a letter where `letter`), and
    a match of `shape`. Necessary conditions only: a value that has them all is still tested
    (tests/catalog/scanning/test_counting.py checks each filter against its test), by `exact`
    where the test is one pattern."""

    shortest: int = 0
    longest: int | None = None
    needs: str = ""
    digit: bool = False
    letter: bool = False
    shape: Callable[[str], object] | None = None
    # Remember the test's answer for the rest of the scan, under this key of the value (which
    # holds all that the test and the shape read).
    remember: Callable[[str], str] | None = None
    # The test itself, as one pattern's match, for a value between the lengths (no shape, no
    # memory needed): asked without a call of the test (a Python function) for each value.
    exact: Callable[[str], object] | None = None


def _same(v: str) -> str:
    return v


def _day(v: str) -> str:
    return v[:10]  # a date test reads the first ten characters only


_IP_CHARS = re.compile(r"[0-9A-Fa-f:./]+(?:%|$)")
_DATE_START = re.compile(r"[\d ]")
_CONTACT_TEXT = re.compile(r"\S\s+\S")  # two words at least: has_contact_in_text's " " test
# The characters a value may hold, one pattern for the whole value: told in one call, where the
# test itself would be a Python function's several steps. ASCII punctuation is left as it is by
# upper() and casefold(): an IBAN, a NINO and a gender hold none (but a gender's - and _).
_PUNCT = r"!-/:-@\[-`{-~"
_IBAN_CHARS = re.compile(rf"[^{_PUNCT}]*")
# 6 to 17 digits, spaces and dashes (no letter, no other punctuation), or an IBAN
_ACCOUNT_CHARS = re.compile(rf"[^A-Za-z!-,./:-@\[-`{{-~]*|[^{_PUNCT}]*")
_NATIONAL_ID_CHARS = re.compile(rf"\d{{3}}-\d{{2}}-\d{{4}}\n?|[^{_PUNCT}]*")  # SSN or NINO
_ROUTING_CHARS = re.compile(r"[ -]*(?:[0-9][ -]*){9}")  # nine ASCII digits, spaces, dashes
_GENDER_CHARS = re.compile(r"[^0-9!-,./:-@\[-^`{-~]*")
_NAME_CHARS = re.compile(r"(?:[^\W\d_]|[,\s])+")  # words of letters, commas between
_COORDINATES = re.compile(f"{_WKT_POINT.pattern}|{_COORD_PAIR.pattern}", re.IGNORECASE)

FILTERS: dict[str, Filter | None] = {
    "email": Filter(6, 254, needs="@", exact=_EMAIL.match),
    "phone": Filter(7, None, digit=True, shape=_PHONE_CHARS.match, remember=_same),
    "phone_digits": Filter(7, None, digit=True, shape=_DIGITS_AND_MARKS.fullmatch, remember=_same),
    "card_number": Filter(13, 38, digit=True, shape=_CARD_CHARS.match),
    # upper() may lengthen a value ("ß" is "SS"): three characters at most from one
    "iban": Filter(5, None, digit=True, shape=_IBAN_CHARS.fullmatch),
    "bank_account_number": Filter(5, None, digit=True, shape=_ACCOUNT_CHARS.fullmatch),
    "psp_token": Filter(13, None, needs="_", exact=_PSP_TOKEN.match),
    "ip_address": Filter(2, 45, needs=".:", shape=_IP_CHARS.match, remember=_same),
    "national_id": Filter(5, 14, digit=True, shape=_NATIONAL_ID_CHARS.fullmatch),
    "mac_address": Filter(17, 18, needs=":-", exact=_MAC.match),
    "password_hash": Filter(4, None, needs="${", exact=_PASSWORD_HASH.match),
    "hex_digest": Filter(32, 129, exact=_HEX_DIGEST.match),
    "user_agent": Filter(10, None, needs="/K", exact=_USER_AGENT.match),
    "coordinates": Filter(10, None, digit=True, shape=_COORDINATES.match),
    "degrees": Filter(5, None, needs="."),
    "uuid": Filter(32, 37, exact=_UUID.match),
    "postal_code": Filter(4, None, digit=True, exact=_POSTCODE.match),  # a ZIP is one too
    "gender": Filter(1, None, letter=True, shape=_GENDER_CHARS.fullmatch),
    # every format strptime is given starts with a digit (a day may be space-padded)
    "birth_date": Filter(8, None, digit=True, shape=_DATE_START.match, remember=_day),
    "person_name": Filter(1, 60, letter=True, remember=_same),
    "known_name": Filter(1, 60, letter=True, shape=_NAME_CHARS.fullmatch, remember=_same),
    "drug_code": Filter(12, 14, needs="-", exact=NDC.match),
    "diagnosis_code": Filter(3, 9, digit=True, exact=ICD.match),
    "lab_code": Filter(3, 8, needs="-"),
    "routing_number": Filter(9, None, digit=True, shape=_ROUTING_CHARS.fullmatch),
    "contact_in_text": Filter(24, None, needs="@", digit=True, shape=_CONTACT_TEXT.search),
    "role_mailbox": Filter(3, 254, needs="@"),
    "organisation": Filter(2, 120, letter=True, remember=_same),
}


# Every character some filter needs, one bit each, then a digit's bit and a letter's.
_MARKS = "".join(sorted({c for f in FILTERS.values() if f is not None for c in f.needs}))
_DIGIT = 1 << len(_MARKS)
_LETTER = _DIGIT << 1
_AN_ASCII_DIGIT = re.compile(r"[0-9]")
_AN_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _needs(f: Filter) -> int:
    """A filter's characters as bits: a value it accepts has one of them (0: no such need)."""
    bits = sum(1 << _MARKS.index(c) for c in set(f.needs))
    return bits | (_DIGIT if f.digit else 0) | (_LETTER if f.letter else 0)


_NEEDS = {name: _needs(f) for name, f in FILTERS.items() if f is not None}


# The written forms of a typed column (an integer, a decimal, a date, a timestamp as the
# database gives it), each with the recognisers that accept no value of that form: a whole
# sample of one form is told from its joined text at once, and those recognisers are not asked.
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("integer", re.compile(r"-?[0-9]{1,19}(?:\n-?[0-9]{1,19})*")),
    ("decimal", re.compile(r"-?[0-9]{1,30}\.[0-9]{1,30}(?:\n-?[0-9]{1,30}\.[0-9]{1,30})*")),
    ("date", re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:\n[0-9]{4}-[0-9]{2}-[0-9]{2})*")),
    (
        "timestamp",
        re.compile(
            r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{6})?"
            r"(?:[+-][0-9]{2}:[0-9]{2})?(?:\n|$))+"
        ),
    ),
)
_NEVER: dict[str, frozenset[str]] = {
    # no separator, no letter: no date, code, address or name, no decimal degree
    "integer": frozenset(
        "birth_date email psp_token ip_address mac_address password_hash user_agent "
        "coordinates degrees gender person_name known_name drug_code lab_code national_id "
        "iban diagnosis_code role_mailbox organisation".split()
    ),
    # one dot between digits: none of the above, and no account, card or postal code
    "decimal": frozenset(
        "birth_date email psp_token ip_address mac_address password_hash user_agent "
        "coordinates gender person_name known_name drug_code lab_code national_id iban "
        "bank_account_number postal_code routing_number card_number uuid hex_digest "
        "role_mailbox organisation".split()
    ),
    # YYYY-MM-DD: a date of birth, a telephone number's or an account number's digits at most
    "date": frozenset(
        "email psp_token ip_address mac_address password_hash user_agent coordinates degrees "
        "gender person_name known_name drug_code lab_code national_id iban postal_code "
        "routing_number card_number uuid hex_digest diagnosis_code contact_in_text "
        "role_mailbox organisation".split()
    ),
    # YYYY-MM-DD HH:MM:SS[.ffffff][+HH:MM]: a date of birth at most (in its first ten)
    "timestamp": frozenset(
        "email phone phone_digits psp_token mac_address password_hash user_agent coordinates "
        "degrees gender person_name known_name drug_code lab_code national_id iban "
        "bank_account_number postal_code routing_number card_number uuid hex_digest "
        "diagnosis_code role_mailbox organisation".split()
    ),
}
# And those that accept every value of a form: YYYY-MM-DD is eight digits and two dashes, an
# account number as banks write one (and no drug code's 4-4-2 or 5-3-2).
_ALWAYS: dict[str, frozenset[str]] = {"date": frozenset({"bank_account_number"})}


_NO_COUNTS: Counter[str] = Counter()  # (until `distinct` counts; never written to)


class Sample:
    """Values to count matches in, with what the filters ask of them worked out once."""

    __slots__ = ("_form", "_has", "_keys", "_lengths", "_lines", "_possible", "counts", "values")

    def __init__(self, values: list[str]) -> None:
        self.values = values
        self.counts: Counter[str] = _NO_COUNTS  # each distinct value, how many times
        self._keys: list[str] | None = None  # the distinct values, shortest first
        self._lengths: list[int] = []
        self._has: int | None = None
        self._form: str | None = None
        self._possible: frozenset[str] | None = None
        self._lines: str | None = None

    def _joined(self) -> str:
        """The values, a line each (what `form` and `has` read)."""
        if self._lines is None:
            self._lines = "\n".join(self.values)
        return self._lines

    @property
    def form(self) -> str:
        """The written form every value has (`_FORMS`), or "" for none."""
        if self._form is None:
            self._form = ""
            joined = self._joined()
            if joined.count("\n") == len(self.values) - 1:  # no value holds a line break
                for name, pattern in _FORMS:
                    if pattern.fullmatch(joined):
                        self._form = name
                        break
        return self._form

    def distinct(self) -> list[str]:
        """The distinct values, shortest first (`counts` says how many times each)."""
        if self._keys is None:
            self.counts = Counter(self.values)
            self._keys = sorted(self.counts, key=len)
            self._lengths = list(map(len, self._keys))
        return self._keys

    @property
    def has(self) -> int:
        """The characters of `_MARKS` found in some value, as bits, and whether some value
        holds a digit (str.isdigit: wider than the patterns' \\d) or a letter."""
        if self._has is None:
            joined = self._joined()  # (a line break is none of the marks, no digit, no letter)
            bits = 0
            for i, c in enumerate(_MARKS):
                if c in joined:
                    bits |= 1 << i
            if joined.isascii():
                digit = _AN_ASCII_DIGIT.search(joined) is not None
                letter = _AN_ASCII_LETTER.search(joined) is not None
            else:
                chars = set(joined)
                digit = any(c.isdigit() for c in chars)
                letter = any(c.isalpha() for c in chars)
            self._has = bits | (_DIGIT if digit else 0) | (_LETTER if letter else 0)
        return self._has

    def between(self, shortest: int, longest: int | None) -> list[str]:
        """The distinct values from `shortest` to `longest` characters long."""
        found = self.distinct()
        lo = bisect_left(self._lengths, shortest)
        hi = len(found) if longest is None else bisect_right(self._lengths, longest)
        return found[lo:hi]

    @property
    def possible(self) -> frozenset[str]:
        """The recognisers that may accept some value: those the form leaves in whose filter's
        characters some value has and whose lengths some value's length is between."""
        if self._possible is None:
            lengths = list(map(len, self.values))
            self._possible = _may_accept(self.form, self.has, min(lengths), max(lengths))
        return self._possible


@functools.lru_cache(maxsize=4096)  # samples repeat their forms, characters and lengths
def _may_accept(form: str, has: int, shortest: int, longest: int) -> frozenset[str]:
    never = _NEVER.get(form, frozenset())
    out = set()
    for name in RECOGNISERS:
        f = FILTERS.get(name)
        if name in never:
            continue
        if f is not None and (
            (_NEEDS[name] and not _NEEDS[name] & has)
            or longest < f.shortest
            or (f.longest is not None and shortest > f.longest)
        ):
            continue  # no value has what the filter asks: `counts` would find none
        out.add(name)
    return frozenset(out)


_local = threading.local()
_MEMO_LIMIT = 100_000  # answers kept per recogniser, at most


@contextmanager
def remembering() -> Iterator[None]:
    """Remember the expensive tests' answers meanwhile (one scan, one thread): a database
    repeats its dates and names from table to table. Forgotten when the scan ends, since the
    values are what a report must never keep."""
    before = getattr(_local, "memo", None)
    _local.memo = {}
    try:
        yield
    finally:
        _local.memo = before


def count(name: str, sample: Sample) -> int:
    """How many of the sample's values the recogniser accepts: the number `test` gives value by
    value, without testing the values that cannot pass."""
    return counts((name,), sample)[name]


def counts(names: Iterable[str], sample: Sample) -> dict[str, int]:
    """`count` for several recognisers over one sample."""
    out = dict.fromkeys(names, 0)
    if not sample.values:
        return out
    memo: dict[str, dict[str, bool]] | None = getattr(_local, "memo", None)
    possible = sample.possible
    always = _ALWAYS.get(sample.form, frozenset())
    for name in possible.intersection(out):  # (in any order: each answer is its own)
        if name in always:
            out[name] = len(sample.values)
            continue
        f = FILTERS.get(name)
        test = RECOGNISERS[name].test
        if f is None:
            out[name] = sum(1 for v in sample.values if test(v))
            continue
        candidates = sample.between(f.shortest, f.longest)
        if f.exact is not None:
            out[name] = sum(map(sample.counts.__getitem__, filter(f.exact, candidates)))
            continue
        if f.remember is None or memo is None:
            if f.shape is not None:
                candidates = list(filter(f.shape, candidates))
            out[name] = sum(map(sample.counts.__getitem__, filter(test, candidates)))
            continue
        known = memo.get(name)
        if known is None or len(known) > _MEMO_LIMIT:
            known = memo[name] = {}
        # What is remembered is asked first: a value known needs neither its shape nor its
        # test again (one without the shape is remembered as the test's no, which it is).
        shape = f.shape
        check = test if shape is None else _shaped(shape, test)
        if f.remember is _same:
            keys = candidates
            new = set(candidates).difference(known)
            known.update(zip(new, map(check, new), strict=True))
        else:  # any value of a key has the key's answer
            keys = list(map(f.remember, candidates))
            pending = dict(zip(keys, candidates, strict=True))
            for key in [k for k in pending if k not in known]:
                known[key] = check(pending[key])
        accepted = compress(candidates, map(known.__getitem__, keys))
        out[name] = sum(map(sample.counts.__getitem__, accepted))
    return out


def _shaped(shape: Callable[[str], object], test: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda v: bool(shape(v)) and test(v)
