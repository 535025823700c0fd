"""A synthetic inventory of any size, for benchmarks and load tests: seeded and deterministic,
in the same schema as a real one, with its own policy text so that every quote is verbatim
and the inventory validates like a real one.

Sizes: S (demo), M, and L (an enterprise: 5,000 data categories, 2,000 recipients, 20,000
processing activities, about a million relationships). The shape follows Stefere's: items
grouped under categories, collected at collection points, used by activities for purposes on
legal bases, disclosed to recipients (some sold), transferred abroad, kept and protected.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from catalog.model.taxonomy import CCPA_CATEGORIES

_Base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Dumper(_Base):
    """Writes repeated citations out in full: inventories refuse YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


@dataclass(frozen=True)
class Size:
    categories: int  # normalized categories and items together
    recipients: int
    activities: int
    purposes: int
    collection_points: int
    items_per_point: int = 10
    disclosures_per_activity: int = 2
    activities_per_file: int = 1000


SIZES: dict[str, Size] = {
    "S": Size(categories=60, recipients=20, activities=200, purposes=20, collection_points=20),
    "M": Size(categories=500, recipients=200, activities=2000, purposes=100, collection_points=100),
    "L": Size(
        categories=5000, recipients=2000, activities=20000, purposes=500, collection_points=1000
    ),
}
GROUPS = 50  # normalized categories; the rest are items beneath them
PER_SECTION = 100  # sentences per heading, so that quote checks search short sections
SECTORS = ("retail", "support", "marketing", "logistics", "finance", "analytics", "security")
ROLES = ("service_provider",) * 14 + ("third_party",) * 4 + ("affiliate", "public_authority")
BASES = (
    ("gdpr-contract", "Performance of a contract", "GDPR Art. 6(1)(b)", "dpv:ContractPerformance"),
    ("gdpr-consent", "Consent", "GDPR Art. 6(1)(a)", "dpv:Consent"),
    (
        "gdpr-legitimate-interests",
        "Legitimate interests",
        "GDPR Art. 6(1)(f)",
        "dpv:LegitimateInterestOfController",
    ),
    ("gdpr-legal-obligation", "Legal obligation", "GDPR Art. 6(1)(c)", "dpv:LegalObligation"),
)


@dataclass
class _Text:
    """The synthetic policy: headings with their sentences, and citations into them."""

    sections: list[tuple[str, list[str]]] = field(default_factory=list)

    def section(self, heading: str) -> None:
        self.sections.append((heading, []))

    def say(self, sentence: str) -> dict[str, str]:
        heading, sentences = self.sections[-1]
        sentences.append(sentence)
        return {"section": heading, "quote": sentence}

    def render(self) -> str:
        return "\n\n".join(f"{h}\n\n{' '.join(s)}" for h, s in self.sections if s) + "\n"


def _chunks(items: list[Any], size: int) -> Iterable[tuple[int, list[Any]]]:
    for n, start in enumerate(range(0, len(items), size), 1):
        yield n, items[start : start + size]


def generate(size: str | Size, target: Path, *, seed: int = 7) -> dict[str, int]:
    """Write a synthetic inventory into `target` (created, must be empty); returns counts."""
    spec = SIZES[size] if isinstance(size, str) else size
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise FileExistsError(f"{target} is not empty")
    # The parts are drawn in this order from one seeded generator: the order is the output.
    g = _Generator(spec, random.Random(seed))
    sale_cite = g.scaffolding()
    categories, items = g.categories()
    purposes = g.purposes()
    recipients = g.recipients()
    points = g.collection_points(items)
    activities = g.activities(purposes, recipients, sale_cite)
    g.general_disclosures(recipients)
    g.write(target)
    return {
        "categories": len(categories),
        "recipients": len(recipients),
        "activities": len(activities),
        "purposes": len(purposes),
        "collection_points": len(points),
    }


class _Generator:
    """The inventory's files and the policy text that every quote in them comes from."""

    def __init__(self, spec: Size, rng: random.Random) -> None:
        self.spec = spec
        self.rng = rng
        self.text = _Text()
        self.files: dict[str, dict[str, Any]] = {}

    def scaffolding(self) -> dict[str, str]:
        """Subjects, sources, regimes, parties, legal bases, retention, security, the opt-out
        choice and the one transfer; the sentence that says what is sold."""

        self.text.section("Synthetic Group Privacy Policy")
        self.updated = self.text.say("Last updated January 1, 2026.")
        self.text.say("This policy describes how the Synthetic Group handles personal information.")
        cite_general = self.text.say(
            "We process personal information of customers, visitors and staff."
        )

        self.text.section("Who We Are")
        controller = self.text.say(
            "Synthetic Group, Rue de la Loi 1, Brussels, Belgium, is the controller."
        )
        rep = self.text.say("Synthetic Group is established in the European Economic Area.")
        email = self.text.say("You can reach us at privacy@synthetic.example.")
        self.text.section("Your Rights")
        rights_cite = self.text.say(
            "You have the right of access, rectification, erasure, restriction, portability and "
            "objection, and the right to complain to a supervisory authority."
        )
        ccpa_cite = self.text.say(
            "California residents have the right to know, delete, correct and opt out."
        )
        sale_cite = self.text.say("We sell some personal information to advertising partners.")
        dns_cite = self.text.say("You can opt out at www.synthetic.example/do-not-sell-or-share.")
        minors = self.text.say(
            "We do not sell personal information of consumers under the age of 16."
        )
        self.text.section("Legal Bases")
        bases_cites = {b[0]: self.text.say(f"We rely on {b[1].lower()} ({b[2]}).") for b in BASES}
        self.text.section("Retention And Security")
        retention_cite = self.text.say(
            "We keep personal information for six years after the last contact."
        )
        security = [
            self.text.say("We encrypt personal information at rest and in transit."),
            self.text.say("We restrict access to staff who need it."),
        ]
        self.text.section("International Transfers")
        transfer_cite = self.text.say(
            "We transfer personal information to the United States under standard contractual clauses."
        )
        self.files["scaffold"] = {
            "subjects": [
                {"id": "customers", "name": "Customers", "sources": [cite_general]},
                {"id": "visitors", "name": "Website visitors", "sources": [cite_general]},
            ],
            "source_categories": [
                {
                    "id": "directly-from-you",
                    "name": "Directly from you",
                    "kind": "direct",
                    "sources": [cite_general],
                }
            ],
            "regions": [
                {"id": "eea", "name": "European Economic Area", "type": "region", "sources": [rep]},
                {"id": "california", "name": "California", "type": "state", "sources": [ccpa_cite]},
                {
                    "id": "us",
                    "name": "United States",
                    "type": "country",
                    "sources": [transfer_cite],
                },
            ],
            "transfer_mechanisms": [
                {
                    "id": "sccs",
                    "name": "Standard contractual clauses",
                    "kind": "appropriate_safeguard",
                    "legal_reference": "GDPR Art. 46(2)(c)",
                    "sources": [transfer_cite],
                }
            ],
            "transfers": [
                {
                    "id": "eea-to-us",
                    "name": "EEA to the United States",
                    "from": "eea",
                    "to": "us",
                    "regime": "gdpr",
                    "categories": ["personal-information"],
                    "mechanisms": [{"ref": "sccs", **transfer_cite}],
                    "sources": [transfer_cite],
                }
            ],
            "regimes": [
                {
                    "id": "gdpr",
                    "name": "GDPR",
                    "law": "Regulation (EU) 2016/679",
                    "jurisdiction": [{"ref": "eea", **rep}],
                    "sources": [rights_cite],
                    "rights": [
                        {
                            "id": f"gdpr-right-{n}",
                            "name": f"Right of {n}",
                            "article": f"GDPR Art. {a}",
                            "exercise_via": [{"ref": "email", **email}],
                            "sources": [rights_cite],
                        }
                        for n, a in (
                            ("access", 15),
                            ("rectification", 16),
                            ("erasure", 17),
                            ("restriction", 18),
                            ("portability", 20),
                            ("objection", 21),
                        )
                    ],
                },
                {
                    "id": "ccpa",
                    "name": "CCPA",
                    "law": "California Consumer Privacy Act",
                    "jurisdiction": [{"ref": "california", **ccpa_cite}],
                    "sources": [ccpa_cite],
                    "minors": [
                        {"age": 16, "applies_to": "sale", "statement": minors["quote"], **minors}
                    ],
                    "rights": [
                        {
                            "id": f"ccpa-right-{n}",
                            "name": f"Right to {n}",
                            "article": f"Cal. Civ. Code §{a}",
                            "sources": [ccpa_cite],
                        }
                        for n, a in (
                            ("know", "1798.110"),
                            ("delete", "1798.105"),
                            ("correct", "1798.106"),
                            ("opt-out", "1798.120"),
                        )
                    ],
                },
            ],
            "organisations": [
                {
                    "id": "synthetic-group",
                    "name": "Synthetic Group",
                    "roles": [
                        {"regime": "gdpr", "role": "controller", **controller},
                        {"regime": "ccpa", "role": "business", **controller},
                    ],
                    "located_in": {"ref": "eea", **rep},
                    "contact_channels": ["email"],
                    "sources": [controller],
                }
            ],
            "contact_channels": [
                {
                    "id": "email",
                    "name": "E-mail privacy@synthetic.example",
                    "kind": "email",
                    "value": "privacy@synthetic.example",
                    "sources": [email],
                }
            ],
            "legal_bases": [
                {
                    "id": bid,
                    "name": name,
                    "regime": "gdpr",
                    "article": article,
                    "dpv": dpv,
                    "sources": [bases_cites[bid]],
                }
                for bid, name, article, dpv in BASES
            ],
            "retention_rules": [
                {
                    "id": "six-years",
                    "name": "Six years after the last contact",
                    "period": "Six years after the last contact.",
                    "regime": "gdpr",
                    "sources": [retention_cite],
                }
            ],
            "security_measures": [
                {
                    "id": f"measure-{i}",
                    "name": m["quote"].rstrip("."),
                    "kind": "technical" if i == 1 else "organisational",
                    "applies_to_all": True,
                    "sources": [m],
                }
                for i, m in enumerate(security, 1)
            ],
            "choices": [
                {
                    "id": "do-not-sell-or-share",
                    "name": "Do Not Sell or Share My Personal Information",
                    "kind": "opt_out",
                    "method": "Visit the opt-out page.",
                    "urls": ["www.synthetic.example/do-not-sell-or-share"],
                    "regime": "ccpa",
                    "sources": [dns_cite],
                }
            ],
        }

        return sale_cite

    def categories(self) -> tuple[list[dict[str, Any]], list[str]]:
        """A root, GROUPS normalized categories, and items beneath them."""
        letters = [x for x in CCPA_CATEGORIES if x != "L"]
        categories: list[dict[str, Any]] = []
        self.text.section("Personal Information We Collect")
        categories.append(
            {
                "id": "personal-information",
                "name": "Personal information",
                "kind": "category",
                "sources": [
                    self.text.say("We collect the personal information listed in this policy.")
                ],
            }
        )
        groups = min(GROUPS, max(1, self.spec.categories // 10))
        for g in range(1, groups + 1):
            sensitive = g % 10 == 0
            entry: dict[str, Any] = {
                "id": f"category-{g:03d}",
                "name": f"Category {g:03d}",
                "kind": "category",
                "parent": "personal-information",
                "ccpa": [letters[g % len(letters)]],
                "fideslang": "user",
                "dpv": "dpv:PersonalData",
                "sources": [
                    self.text.say(f"Category {g:03d} groups related personal information.")
                ],
            }
            if sensitive:
                entry["sensitive"] = {
                    "regime": "gdpr",
                    "quote": f"Category {g:03d} is sensitive personal information.",
                }
                self.text.say(f"Category {g:03d} is sensitive personal information.")
            categories.append(entry)
        items: list[str] = []
        for n in range(1, self.spec.categories - groups):
            if (n - 1) % PER_SECTION == 0:
                self.text.section(f"Data Items {n // PER_SECTION + 1}")
            name = f"data item {n:05d}"
            item_id = f"item-{n:05d}"
            items.append(item_id)
            categories.append(
                {
                    "id": item_id,
                    "name": name,
                    "kind": "item",
                    "parent": f"category-{self.rng.randint(1, groups):03d}",
                    "sources": [self.text.say(f"We may collect {name}.")],
                }
            )
        self.files["categories"] = {"categories": categories}

        return categories, items

    def purposes(self) -> list[dict[str, Any]]:
        purposes = []
        for n in range(1, self.spec.purposes + 1):
            if (n - 1) % PER_SECTION == 0:
                self.text.section(f"Purposes {n // PER_SECTION + 1}")
            name = f"To run business process {n:04d}"
            purposes.append(
                {
                    "id": f"purpose-{n:04d}",
                    "name": name,
                    "ccpa_business_purpose": "performing_services",
                    "dpv": "dpv:ServiceProvision",
                    "sources": [self.text.say(f"{name}.")],
                }
            )
        self.files["purposes"] = {"purposes": purposes}
        return purposes

    def recipients(self) -> list[dict[str, Any]]:
        recipients = []
        for n in range(1, self.spec.recipients + 1):
            if (n - 1) % PER_SECTION == 0:
                self.text.section(f"Recipients {n // PER_SECTION + 1}")
            role = self.rng.choice(ROLES)
            name = f"Recipient {n:05d} ({self.rng.choice(SECTORS)})"
            recipients.append(
                {
                    "id": f"recipient-{n:05d}",
                    "name": name,
                    "role": role,
                    "sources": [self.text.say(f"We may share personal information with {name}.")],
                }
            )
        self.files["recipients"] = {"recipients": recipients}
        return recipients

    def collection_points(self, items: list[str]) -> list[dict[str, Any]]:
        points = []
        for n in range(1, self.spec.collection_points + 1):
            if (n - 1) % PER_SECTION == 0:
                self.text.section(f"Collection Points {n // PER_SECTION + 1}")
            collected = self.rng.sample(items, min(self.spec.items_per_point, len(items)))
            cite = self.text.say(
                f"At collection point {n:04d} we collect personal information from you."
            )
            points.append(
                {
                    "id": f"point-{n:04d}",
                    "name": f"Collection point {n:04d}",
                    "kind": "context",
                    "subjects": ["customers"],
                    "collects": [{"ref": i, **cite} for i in sorted(collected)],
                    "source_categories": [{"ref": "directly-from-you", **cite}],
                    "consequences": [{"quote": cite["quote"], "section": cite["section"]}],
                    "sources": [cite],
                }
            )
        self.files["collection_points"] = {"collection_points": points}

        return points

    def activities(
        self,
        purposes: list[dict[str, Any]],
        recipients: list[dict[str, Any]],
        sale_cite: dict[str, str],
    ) -> list[dict[str, Any]]:
        """Activities, each with its own sentence; one in twenty sells to a third party."""
        third_parties = [r["id"] for r in recipients if r["role"] == "third_party"] or [
            recipients[0]["id"]
        ]
        activities = []
        for n in range(1, self.spec.activities + 1):
            if (n - 1) % PER_SECTION == 0:
                self.text.section(f"Processing Activities {n // PER_SECTION + 1}")
            cite = self.text.say(
                f"Activity {n:05d} processes personal information for the Synthetic Group."
            )
            chosen = self.rng.sample(recipients, self.spec.disclosures_per_activity)
            disclosures: list[dict[str, Any]] = [{"recipient": r["id"], **cite} for r in chosen]
            if n % 20 == 0:
                disclosures[0] = {
                    "recipient": self.rng.choice(third_parties),
                    "sale": {"quote": sale_cite["quote"], "section": sale_cite["section"]},
                    **cite,
                }
            activities.append(
                {
                    "id": f"activity-{n:05d}",
                    "name": f"Activity {n:05d} ({self.rng.choice(SECTORS)})",
                    "business_function": self.rng.choice(SECTORS).title(),
                    "subjects": ["customers"],
                    "collection_points": [
                        f"point-{self.rng.randint(1, self.spec.collection_points):04d}"
                    ],
                    "purposes": [
                        {"ref": p["id"], **cite}
                        for p in self.rng.sample(purposes, min(3, len(purposes)))
                    ],
                    "legal_bases": [{"ref": b[0], **cite} for b in self.rng.sample(BASES, 2)],
                    "disclosures": _unique_recipients(disclosures),
                    "retention": [{"ref": "six-years", **cite}],
                    "sources": [cite],
                }
            )
        for n, chunk in _chunks(activities, self.spec.activities_per_file):
            self.files[f"activities-{n:03d}"] = {"activities": chunk}
        return activities

    def general_disclosures(self, recipients: list[dict[str, Any]]) -> None:
        self.text.section("Sharing In General")
        affiliates = [r["id"] for r in recipients if r["role"] == "affiliate"][:5] or [
            recipients[0]["id"]
        ]
        self.files["general_disclosures"] = {
            "general_disclosures": [
                {
                    "id": f"general-{rid}",
                    "name": f"Personal information to {rid}",
                    "recipient": rid,
                    "categories": ["personal-information"],
                    "sources": [
                        self.text.say(f"We may share any personal information with {rid}.")
                    ],
                }
                for rid in affiliates
            ]
        }

    def write(self, target: Path) -> None:
        """The policy text and every YAML file."""
        (target / "policy.txt").write_text(self.text.render(), encoding="utf-8")
        self.files["policy"] = {
            "policy": {
                "id": "synthetic-policy",
                "title": "Synthetic Group Privacy Policy",
                "file": "policy.txt",
                "last_updated": "2026-01-01",
                "sources": [
                    {"section": self.updated["section"], "quote": "Last updated January 1, 2026"}
                ],
            }
        }
        for name, data in self.files.items():
            with (target / f"{name}.yaml").open("w", encoding="utf-8") as out:
                yaml.dump(data, out, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=4096)


def _unique_recipients(disclosures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for d in disclosures:
        if d["recipient"] not in seen:
            seen.add(d["recipient"])
            out.append(d)
    return out
