"""Special categories of personal data, per regime, read from a fideslang data-category key.

Two regimes have a closed list of data that needs more than an ordinary legal basis:
- GDPR Art. 9(1): racial or ethnic origin, political opinions, religious or philosophical
  beliefs, trade-union membership, genetic data, biometric data that identifies a person, data
  concerning health, sex life or sexual orientation;
- CCPA "sensitive personal information", Cal. Civ. Code §1798.140(ae): government ids (SSN,
  driver's licence, state id, passport), an account log-in or a financial account or card number
  with what opens it, precise geolocation, racial or ethnic origin, citizenship or immigration
  status, religious or philosophical beliefs, union membership, the contents of mail, e-mail and
  text messages, genetic and biometric data, health, sex life or sexual orientation.

A key is flagged by the most specific entry of `SPECIAL` that speaks of the regime, so a child
can take back what its parent says (a vehicle registration is a government id, yet not one the
CCPA lists). Every key here is a published fideslang key (a test holds it). Trade-union
membership has no fideslang key, so no column can be flagged for it: a person adds it by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

GDPR = "gdpr"
CCPA = "ccpa"


@dataclass(frozen=True)
class Special:
    """Why one regime calls the data special: the provision, and what it names."""

    regime: str
    reference: str
    what: str

    def words(self) -> str:
        return f"{self.reference} ({self.what})"


def _gdpr(what: str) -> Special:
    return Special(GDPR, "GDPR Art. 9(1)", what)


def _ccpa(letter: str, what: str) -> Special:
    return Special(CCPA, f"CCPA §1798.140(ae){letter}", what)


_HEALTH: dict[str, Special | None] = {
    GDPR: _gdpr("data concerning health"),
    CCPA: _ccpa("(2)(B)", "health"),
}
_CREDENTIALS = _ccpa("(1)(B)", "account log-in with its password or credentials")
_ACCOUNT = _ccpa("(1)(B)", "financial account or card number, with what gives access to it")

# fideslang key (and everything beneath it) -> regime -> why it is special; None takes back
# what a broader key says for that regime.
SPECIAL: dict[str, dict[str, Special | None]] = {
    "user.health_and_medical": _HEALTH,
    "user.health_and_medical.genetic": {
        GDPR: _gdpr("genetic data"),
        CCPA: _ccpa("(1)(F)", "genetic data"),
    },
    "user.biometric": {
        GDPR: _gdpr("biometric data identifying a person"),
        CCPA: _ccpa("(2)(A)", "biometric information identifying a consumer"),
    },
    "user.biometric.health": _HEALTH,
    "user.authorization.biometric": {
        GDPR: _gdpr("biometric data identifying a person"),
        CCPA: _ccpa("(2)(A)", "biometric information identifying a consumer"),
    },
    "user.authorization.credentials": {CCPA: _CREDENTIALS},
    "user.authorization.password": {CCPA: _CREDENTIALS},
    "user.demographic.race_ethnicity": {
        GDPR: _gdpr("racial or ethnic origin"),
        CCPA: _ccpa("(1)(D)", "racial or ethnic origin"),
    },
    "user.demographic.religious_belief": {
        GDPR: _gdpr("religious or philosophical beliefs"),
        CCPA: _ccpa("(1)(D)", "religious or philosophical beliefs"),
    },
    "user.demographic.political_opinion": {GDPR: _gdpr("political opinions")},
    "user.demographic.sexual_orientation": {
        GDPR: _gdpr("sex life or sexual orientation"),
        CCPA: _ccpa("(2)(C)", "sex life or sexual orientation"),
    },
    "user.government_id": {
        CCPA: _ccpa("(1)(A)", "social security, driver's licence, state id or passport number")
    },
    "user.government_id.birth_certificate": {CCPA: None},
    "user.government_id.vehicle_registration": {CCPA: None},
    "user.government_id.immigration": {CCPA: _ccpa("(1)(D)", "citizenship or immigration status")},
    "user.financial.bank_account": {CCPA: _ACCOUNT},
    "user.financial.credit_card": {CCPA: _ACCOUNT},
    "user.location.precise": {CCPA: _ccpa("(1)(C)", "precise geolocation")},
    "user.content.private": {CCPA: _ccpa("(1)(E)", "contents of mail, e-mail or text messages")},
}

# Not special under either list, yet as grave when it leaks: every government id (a passport or
# a vehicle registration alike) and criminal records (GDPR Art. 10).
_GRAVE = ("user.government_id", "user.criminal_history")
# Data that singles a person out: names, contact details, ids, accounts, devices, money.
_IDENTIFIERS = (
    "user.name",
    "user.contact",
    "user.unique_id",
    "user.account",
    "user.authorization",
    "user.device.ip_address",
    "user.device.device_id",
    "user.device.cookie_id",
    "user.demographic.date_of_birth",
    "user.financial",
    "user.payment",
    "user.social",
    "user.health_and_medical",
    "user.biometric",
)

Level = Literal["special", "identifier", "other"]
LEVELS: tuple[Level, ...] = ("special", "identifier", "other")


def _under(key: str, prefix: str) -> bool:
    return key == prefix or key.startswith(prefix + ".")


def special_categories(key: str | None) -> dict[str, Special]:
    """Each regime under which data of this fideslang key is special, and why."""
    found: dict[str, Special | None] = {}
    if not key:
        return {}
    parts = key.split(".")
    for n in range(len(parts), 0, -1):  # the most specific entry speaks first
        for regime, flag in SPECIAL.get(".".join(parts[:n]), {}).items():
            found.setdefault(regime, flag)
    return {r: f for r, f in sorted(found.items()) if f is not None}


def level(key: str | None) -> Level:
    """How grave holding this data is: special categories and government ids, then what
    identifies a person, then the rest (a language, a product viewed)."""
    if not key:
        return "other"
    if special_categories(key) or any(_under(key, p) for p in _GRAVE):
        return "special"
    if any(_under(key, p) for p in _IDENTIFIERS):
        return "identifier"
    return "other"


_SHORT = {GDPR: "GDPR Art. 9", CCPA: "CCPA sensitive"}


def short(regimes: Iterable[str]) -> str:
    """Regimes as a table cell names their lists: 'CCPA sensitive, GDPR Art. 9'."""
    return ", ".join(_SHORT.get(r, r) for r in sorted(set(regimes)))


def marks(key: str | None) -> str:
    """The regimes under which the data is special, as a table cell says it ('' if none)."""
    return short(special_categories(key))
