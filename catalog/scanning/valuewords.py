"""Value tests that need word lists or published checksums: person names from the US census
name-frequency lists (the `names` package's data, not typed here), health codes written the way
coding systems write them, bank routing numbers (python-stdnum's ABA checksum), and free text
that carries someone's e-mail address or telephone number.

The name lists are read once, on first use. A value is a name when its first word is a known
given name, or, written as two to four capitalised words, its last is a known surname: one word
alone must be a given name ("Support", "Billing" and "Sales" are not, and a mailbox called so
stays a mailbox)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*$")
# ASCII digits only: `\d` alone also takes other scripts' digits, which no code is written in
# (and which the checksums cannot read)
_NDC = re.compile(r"^(?:\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{5}-\d{4}-\d{1,2})$", re.ASCII)
_ICD10 = re.compile(r"^[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?$", re.ASCII)
_ICD9 = re.compile(r"^(?:V\d{2}|E\d{3}|\d{3})\.\d{1,2}$", re.ASCII)
_LOINC = re.compile(r"^(\d{1,5})-(\d)$", re.ASCII)
# The codes' tests as one pattern each, for counting many values at once (`recognisers.FILTERS`)
NDC = _NDC
ICD = re.compile(f"{_ICD10.pattern}|{_ICD9.pattern}", re.ASCII)
_EMAIL_IN = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE_IN = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}")


@cache
def _names(kind: str) -> frozenset[str]:
    files = {"given": ("dist.male.first", "dist.female.first"), "surname": ("dist.all.last",)}
    out: set[str] = set()
    for name in files[kind]:
        text = resources.files("names").joinpath(name).read_text(encoding="ascii")
        out.update(line.split(None, 1)[0] for line in text.splitlines() if line.strip())
    return frozenset(out)


def is_known_name(v: str) -> bool:
    words = v.replace(",", " ").split()
    if not 1 <= len(words) <= 4 or len(v) > 60 or not all(_WORD.match(w) for w in words):
        return False
    given, surnames = _names("given"), _names("surname")
    first = words[0].strip(".").upper()
    if len(words) == 1:
        return first in given
    if first in given:
        return True
    return all(w[0].isupper() for w in words) and words[-1].strip(".").upper() in surnames


# Mailboxes that belong to a role, not a person: RFC 2142's (postmaster, abuse, info, sales,
# support...) and the other role accounts organisations run. Their words also name teams
# ("Support", "Billing", "Customer Service"), which are not people either.
ROLE_WORDS = frozenset(
    """
    postmaster hostmaster webmaster abuse noc security info information marketing sales support
    billing help helpdesk service services customerservice customer_service care admin
    administrator administration office team contact contacts enquiries enquiry inquiries
    inquiry hello noreply no-reply no_reply donotreply do-not-reply do_not_reply mailer-daemon
    bounce bounces privacy legal compliance accounts accounting finance invoices invoice orders
    order shop store press media pr hr jobs careers recruiting recruitment newsletter news
    notifications notification alerts alert system root it ops devops feedback reception
    frontdesk bookings booking reservations tech technical techsupport operations partners
    general mail webmail desk dpo gdpr payments payment refunds returns shipping
    delivery logistics purchasing procurement management board department customer customers
    """.split()
)
# Legal forms that end an organisation's name (Acme Inc., Schmidt GmbH, Dupont S.A., Rossi
# S.p.A., Kowalski Sp. z o.o.) and words that make a name an institution's.
_LEGAL_FORMS = frozenset(
    """
    inc incorporated llc lc ltd limited plc llp lp corp corporation co company cie gmbh mbh ag kg
    ohg gbr ug ev eg sa sas sasu sarl sl slu spa srl bv nv vof oy oyj ab as asa aps kk pty pte
    bhd sdn ltda me ei eireli sc coop group holdings holding foundation stiftung association
    society university college school hospital clinic bank trust partners partnership
    associates asociados fils figli zonen sons ministry agency council institute
    """.split()
)
_FORM_TAIL = re.compile(r"(?:\bsp\.?\s*z\s*o\.?\s*o\.?|\bs\.?\s*a\.?|&\s*co\.?|\bs/a)\s*$", re.I)


def is_role_mailbox(v: str) -> bool:
    """An e-mail address of a role (support@, billing@, noreply@), not of a person."""
    local, at, _ = v.partition("@")
    if not at:
        return False
    local = local.lower().split("+", 1)[0]
    return local in ROLE_WORDS or local.replace(".", "-") in ROLE_WORDS


def is_organisation(v: str) -> bool:
    """The name of an organisation or a team: one ending in a legal form ("Acme Corp",
    "Schmidt GmbH", "Kowalski Sp. z o.o.") or made of role words only ("Support", "Customer
    Service", "Billing Team")."""
    if len(v) > 120:
        return False
    words = [w.strip(".,()&-").lower() for w in v.split()]
    words = [w for w in words if w]
    if not words:
        return False
    if all(w in ROLE_WORDS for w in words):
        return True
    if len(words) >= 2 and words[-1].replace(".", "") in _LEGAL_FORMS:
        return True
    return len(words) >= 2 and _FORM_TAIL.search(v) is not None


def is_ndc(v: str) -> bool:
    """A US National Drug Code as labels print it (4-4-2, 5-3-2 or 5-4-1/2): the shape that a
    telephone number test would otherwise take for a number."""
    return _NDC.match(v) is not None


def is_icd(v: str) -> bool:
    return _ICD10.match(v) is not None or _ICD9.match(v) is not None


def is_loinc(v: str) -> bool:
    """A LOINC code with its mod-10 check digit."""
    m = _LOINC.match(v)
    if m is None:
        return False
    from stdnum import luhn

    return luhn.calc_check_digit(m.group(1)) == m.group(2)


def is_routing_number(v: str) -> bool:
    from stdnum.us import rtn

    digits = v.replace(" ", "").replace("-", "")
    return len(digits) == 9 and digits.isascii() and digits.isdigit() and bool(rtn.is_valid(digits))


def has_contact_in_text(v: str) -> bool:
    """Free text (a note, a message) that carries an e-mail address or a telephone number."""
    if len(v) < 24 or " " not in v.strip():
        return False
    return _EMAIL_IN.search(v) is not None or _PHONE_IN.search(v) is not None
