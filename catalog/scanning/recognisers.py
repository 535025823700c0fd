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
import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers

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
    if not _PHONE_CHARS.match(v):
        return False
    digits = sum(c.isdigit() for c in v)
    if digits < 7 or digits > 15:
        return False
    if v.startswith("+") or v.startswith("00"):
        region = None
        text = "+" + v[2:] if v.startswith("00") else v
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
    # Fictional and unallocated ranges (555 numbers, test data) are still telephone numbers.
    return region is not None and phonenumbers.is_possible_number(number)


def is_phone_digits(v: str) -> bool:
    """Digits alone that make a possible telephone number: evidence only beside a name rule."""
    digits = re.sub(r"\D", "", v)
    if not 7 <= len(digits) <= 15 or not re.fullmatch(r"\+?[\d\s().\-/]+", v):
        return False
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


def is_bank_account_number(v: str) -> bool:
    """An account number as banks write them: 6 to 17 digits (dashes and spaces allowed), or
    an IBAN. A ledger's 4-digit account is not one."""
    digits = re.sub(r"[\s-]", "", v)
    return (digits.isdigit() and 6 <= len(digits) <= 17) or is_iban(v)


def is_iban(v: str) -> bool:
    text = v.replace(" ", "").upper()
    if not _IBAN.match(text):
        return False
    moved = text[4:] + text[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


def is_ip(v: str) -> bool:
    if len(v) > 45 or ("." not in v and ":" not in v):
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


def is_coordinate_pair(v: str) -> bool:
    if _WKT_POINT.match(v):
        return True
    if not _COORD_PAIR.match(v):
        return False
    a, b = (float(x) for x in re.findall(r"-?\d+\.\d+", v)[:2])
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


_TODAY = dt.date.today()


def _as_date(v: str) -> dt.date | None:
    text = v[:10]
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def is_birth_date(v: str) -> bool:
    """A date a living person could be born on: 1900 up to ten years ago."""
    d = _as_date(v)
    return d is not None and dt.date(1900, 1, 1) <= d <= _TODAY.replace(year=_TODAY.year - 10)


def is_person_name(v: str) -> bool:
    """Two to four words of letters, each capitalised ("Ada Lovelace", "Jean-Luc Picard"):
    evidence beside a name rule, never alone (a product can be called "Silver Ring")."""
    words = v.split()
    return (
        1 <= len(words) <= 4
        and len(v) <= 60
        and all(re.fullmatch(r"[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?", w) for w in words)
        and all(w[0].isupper() for w in words)
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
    )
}
