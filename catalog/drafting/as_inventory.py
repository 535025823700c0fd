"""A draft as an inventory folder that `datamap validate` accepts.

Every entry and link carries `draft: true`, the drafter's `confidence` and the sentences it was
read from. What the notice does not say is not written: a transfer names a safeguard only where
the text states one; a right, a transfer or a word on children the notice ties to no law sits
under the `no-law-named` regime, which says so. The normalized categories above the items (their
fideslang key, DPV term and CCPA letter) are datamap's classification, as in a hand-written
inventory, and say so in `classification_note`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import yaml

from catalog.drafting import lexicon as lx
from catalog.drafting.draft import NO_LAW, ROOT, Draft, Thing, slug
from catalog.drafting.extract import Mention, Unit
from catalog.model.taxonomy import CCPA_CATEGORIES

POLICY_FILE = "policy.txt"
_HOME = {"gdpr": "eea", "uk-gdpr": "uk", "pipl": "china", "ccpa": "us", "pipeda": "canada"}
_GDPR_LIKE = {"gdpr", "uk-gdpr"}


def cite(m: Mention) -> dict[str, str]:
    return {"section": m.section, "quote": m.quote}


def cites(mentions: list[Mention]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        if (m.section, m.quote) not in seen:
            seen.add((m.section, m.quote))
            out.append(cite(m))
    return out


def mark(entry: dict[str, Any], confidence: float) -> dict[str, Any]:
    entry["draft"] = True
    entry["confidence"] = round(confidence, 2)
    return entry


class _Writer:
    def __init__(self, draft: Draft) -> None:
        self.d = draft
        self.r = draft.reading
        self.files: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(dict)
        self.regimes: dict[str, dict[str, Any]] = {}
        self.regions: dict[str, dict[str, Any]] = {}

    def put(self, file: str, key: str, entry: dict[str, Any]) -> None:
        self.files[file].setdefault(key, []).append(entry)

    def first_unit(self, pattern: re.Pattern[str]) -> Unit | None:
        return next((u for u in self.r.units if pattern.search(u.text)), None)

    # -- the parts ----------------------------------------------------------------------

    def policy(self) -> dict[str, Any]:
        title = (self.d.company and f"{self.d.company} privacy policy") or self.r.title
        title = " ".join((title or "Privacy policy").split())[:200]
        meta: dict[str, Any] = {
            "id": slug(title)[:60] or "policy",
            "title": title,
            "file": POLICY_FILE,
        }
        if self.r.last_updated:
            iso, quote, section = self.r.last_updated
            if self.r.policy.find(quote, section) is not None:
                meta["last_updated"] = iso
                meta["sources"] = [{"section": section, "quote": quote}]
        return {"policy": meta}

    def categories(self) -> None:
        root_unit = self.first_unit(lx.GENERAL_DATA) or self.r.units[0]
        self.put("categories.yaml", "categories", mark({
            "id": ROOT, "name": "Personal information", "kind": "category",
            "description": "Everything the notice calls personal information; general "
                           "statements attach here.",
            "fideslang": "user", "dpv": "dpv:PersonalData",
            "sources": [{"section": root_unit.section, "quote": _short(root_unit.text)}],
        }, 0.9))  # fmt: skip
        normalized: dict[str, str] = {}
        for thing in self.d.items.values():
            key = thing.data["fideslang"]
            if key == "user":
                parent = ROOT
            else:
                parent = normalized.get(key) or self._normalized(key, thing, normalized)
            item = {
                "id": thing.id, "name": thing.name, "kind": "item", "parent": parent,
                "sources": cites(thing.mentions),
            }  # fmt: skip
            if key == "user":
                item["classification_note"] = (
                    "The drafter found no family for this item; it inherits the root's."
                )
                item["ccpa"] = ["A"]
            elif any(
                said.startswith("kind:")
                for m in thing.mentions
                for said in m.data.get("learned", ())
            ):
                item["classification_note"] = (
                    f"No vocabulary term names this item: the drafter's learned reading put it "
                    f"under {key} from its words, as the labelled notices use them."
                )
            self.put("categories.yaml", "categories", mark(item, thing.confidence))

    def _normalized(self, key: str, thing: Thing, seen: dict[str, str]) -> str:
        dpv, letters = lx.classify(key)
        cid = self.d.ids.new(key.replace("user.", "").replace("_", " ").replace(".", " "))
        seen[key] = cid
        name = key.rsplit(".", 1)[-1].replace("_", " ").capitalize()
        self.put("categories.yaml", "categories", mark({
            "id": cid, "name": name, "kind": "category", "parent": ROOT,
            "fideslang": key, "dpv": dpv, "ccpa": list(letters),
            "classification_note": (
                f"datamap's reading of the notice's words as fideslang {key}; the DPV term and "
                f"CCPA letter{'s' if len(letters) > 1 else ''} "
                f"({', '.join(f'{x} {CCPA_CATEGORIES[x]}' for x in letters)}) follow from it."
            ),
            "sources": cites(thing.mentions[:1]),
        }, thing.confidence))  # fmt: skip
        return cid

    def recipients(self) -> None:
        for thing in self.d.recipients.values():
            self.put("recipients.yaml", "recipients", mark({
                "id": thing.id, "name": _name(thing.name), "role": thing.data["role"],
                "sources": cites(thing.mentions),
            }, thing.confidence))  # fmt: skip

    def purposes(self) -> None:
        for thing in self.d.purposes.values():
            entry = {
                "id": thing.id, "name": _name(thing.name), "fideslang": thing.data["fideslang"],
                "dpv": thing.data["dpv"], "sources": cites(thing.mentions),
            }  # fmt: skip
            if thing.data.get("ccpa_purpose"):
                entry["ccpa_business_purpose"] = thing.data["ccpa_purpose"]
            self.put("purposes.yaml", "purposes", mark(entry, thing.confidence))

    def activity_and_disclosures(self) -> None:
        items = list(self.d.items.values())
        flows = [m for m in self.r.mentions if m.kind in ("flow", "sale")]
        named: dict[tuple[str, str], dict[str, Any]] = {}
        general: dict[tuple[str, str], dict[str, Any]] = {}
        for row, m in zip(self._flow_rows(), flows, strict=True):
            if row is None:
                continue
            rid, cat, _kind, sale = row
            bucket = general if cat == ROOT else named
            k = (rid, m.quote)
            entry = bucket.get(k)
            if entry is None:
                entry = bucket[k] = {
                    "recipient": rid,
                    "categories": [],
                    "quote": m.quote,
                    "section": m.section,
                    "_conf": m.confidence,
                }
            if cat not in entry["categories"]:
                entry["categories"].append(cat)
            if sale is not None:
                flag: dict[str, Any] = {"value": True, "quote": m.quote, "section": m.section}
                if m.data.get("hedged"):
                    flag["inferred"] = "The notice hedges: it says this may count as a "
                    flag["inferred"] += "sale." if sale == "sale" else "share."
                entry[sale] = mark(flag, m.confidence)
        if items:
            first = items[0].mentions[0]
            activity = {
                "id": self.d.ids.new("processing described in the notice"),
                "name": "Processing described in the notice",
                "business_function": "As the notice describes it (drafted)",
                "sources": [cite(first)],
                "inferred": "datamap's draft reads the whole notice as one processing "
                            "activity; split it by business function when reviewing.",
                "categories": [
                    mark({"ref": t.id, **cite(t.mentions[0])}, t.confidence) for t in items
                ],
                "purposes": [
                    mark({"ref": t.id, **cite(t.mentions[0])}, t.confidence)
                    for t in self.d.purposes.values()
                ],
                "disclosures": [
                    mark({k: v for k, v in e.items() if k != "_conf"}, e["_conf"])
                    for e in named.values()
                ],
            }  # fmt: skip
            self.put("activities.yaml", "activities", mark(activity, 0.5))
        for (rid, _quote), e in general.items():
            name = self.d.recipients_by_id[rid].name
            entry = {
                "id": self.d.ids.new(f"to {name}", "pi"),
                "name": _name(f"Personal information to {name}"),
                "recipient": rid, "categories": [ROOT],
                "sources": [{"section": e["section"], "quote": e["quote"]}],
            }  # fmt: skip
            for term in ("sale", "share"):
                if term in e:
                    entry[term] = e[term]
            self.put("general_disclosures.yaml", "general_disclosures", mark(entry, e["_conf"]))

    def _flow_rows(self) -> list[tuple[str, str, str, str | None] | None]:
        """(recipient, category, kind, sale/share) for each flow and sale mention, in order."""
        out: list[tuple[str, str, str, str | None] | None] = []
        for m in self.r.mentions:
            if m.kind not in ("flow", "sale"):
                continue
            row = self.d.row_of.get(id(m))
            if row is None:
                out.append(None)  # the same flow read twice from one sentence
            elif m.kind == "flow":
                out.append((row["recipient"], row["category"], row["kind"], None))
            elif row["negated"]:
                out.append(None)  # "we do not sell" is kept in the JSON draft only
            else:
                rid = row["recipient"] or self._unnamed_third_parties(m)
                out.append((rid, row["category"], "general", row["kind"]))
        return out

    def _unnamed_third_parties(self, m: Mention) -> str:
        rid = "unnamed-third-parties"
        if rid not in self.d.recipients_by_id:
            self.d.ids.taken.add(rid)
            thing = Thing(rid, "Third parties the notice does not name", {"role": "third_party"})
            thing.mentions.append(m)
            self.d.recipients_by_id[rid] = thing
            self.put("recipients.yaml", "recipients", mark({
                "id": rid, "name": thing.name, "role": "third_party", "sources": [cite(m)],
                "inferred": "The notice states a sale or share without naming to whom.",
            }, 0.5))  # fmt: skip
        return rid

    # -- laws, regions, transfers -------------------------------------------------------

    def regime(self, rid: str | None, m: Mention) -> str:
        rid = rid or NO_LAW
        if rid in self.regimes:
            return rid
        if rid == NO_LAW:
            entry = {
                "id": NO_LAW, "name": "No law named",
                "law": "The notice ties these statements to no law",
                "sources": [cite(m)],
                "inferred": "The notice states these rights, transfers or limits without "
                            "naming the law that requires them.",
            }  # fmt: skip
        else:
            pattern, _rid, name, law = next(r for r in lx.REGIMES if r[1] == rid)
            unit = self.first_unit(pattern) or m.unit
            entry = {
                "id": rid,
                "name": name,
                "law": law,
                "sources": [{"section": unit.section, "quote": _short(unit.text)}],
            }
        self.regimes[rid] = mark(entry, 0.7)
        return rid

    def region(self, rid: str, m: Mention | None) -> str | None:
        if rid in self.regions:
            return rid
        spec = next((r for r in lx.REGIONS if r[1] == rid), None)
        if spec is None:
            return None
        unit = m.unit if m is not None and spec[0].search(m.unit.text) else self.first_unit(spec[0])
        if unit is None:
            return None
        self.regions[rid] = mark({
            "id": rid, "name": spec[2], "type": spec[3],
            "sources": [{"section": unit.section, "quote": _short(unit.text)}],
        }, 0.8)  # fmt: skip
        return rid

    def transfers(self) -> None:
        mechanisms: dict[str, dict[str, Any]] = {}
        for m in (x for x in self.r.mentions if x.kind == "transfer"):
            regions = [r[0] for r in m.data["regions"]]
            origin = self._origin(m, regions)
            if origin is None:
                continue
            left = set(m.data.get("origins", ()))
            targets = [r for r in regions if r != origin and r not in left and self.region(r, m)]
            if not targets and left:
                targets = [self._outside(origin, m)]  # "outside of the EEA": not named
            if not targets:
                continue
            regime = self.regime(m.data["regime"], m)
            links: list[dict[str, Any]] = []
            for mech in m.data["mechanisms"]:
                if mech["id"] not in mechanisms:
                    mechanisms[mech["id"]] = mark({
                        "id": self.d.ids.new(mech["id"]), "name": mech["name"],
                        "kind": mech["kind"], "legal_reference": mech["legal_reference"],
                        "dpv": mech["dpv"],
                        "sources": [{"section": mech["unit"].section, "quote": mech["quote"]}],
                    }, 0.7)  # fmt: skip
                links.append(
                    mark(
                        {
                            "ref": mechanisms[mech["id"]]["id"],
                            "section": mech["unit"].section,
                            "quote": mech["quote"],
                        },
                        0.7,
                    )
                )
            for target in targets:
                entry = {
                    "id": self.d.ids.new(f"transfer {origin} to {target}"),
                    "name": f"Transfer from {self.regions[origin]['name']} to "
                            f"{self.regions[target]['name']}",
                    "from": origin, "to": target, "regime": regime,
                    "mechanisms": links, "sources": [cite(m)],
                }  # fmt: skip
                self.put("transfers.yaml", "transfers", mark(entry, m.confidence))
        if mechanisms:
            self.files["transfers.yaml"]["transfer_mechanisms"] = list(mechanisms.values())

    def _outside(self, origin: str, m: Mention) -> str:
        """The unnamed region a transfer "outside of the EEA" goes to."""
        name = f"Outside {self.regions[origin]['name']}"
        return self._unspecified(f"outside-{origin}", name, m, 0.6)

    def _origin(self, m: Mention, regions: list[str]) -> str | None:
        origins = m.data.get("origins")
        if origins:
            return self.region(origins[0], m)
        home = _HOME.get(m.data["regime"] or "")
        if home is not None and home not in regions and self.region(home, None):
            return home
        return self._unspecified(
            "where-you-are",
            "Where you are",
            m,
            0.5,
            inferred="The notice says where data goes, not where it comes from.",
        )

    def _unspecified(self, rid: str, name: str, m: Mention, confidence: float, **more: str) -> str:
        """A region the notice does not name, cited from the transfer that implies it."""
        if rid not in self.regions:
            self.d.ids.taken.add(rid)
            self.regions[rid] = mark({
                "id": rid, "name": name, "type": "unspecified", "sources": [cite(m)], **more,
            }, confidence)  # fmt: skip
        return rid

    def rights_minors_retention_choices(self) -> None:
        rights: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for m in (x for x in self.r.mentions if x.kind == "right"):
            regime = self.regime(m.data["regime"], m)
            rid = m.data["right"]
            right = rights[regime].get(rid)
            if right is None:
                gdpr = regime in _GDPR_LIKE
                right = rights[regime][rid] = mark({
                    "id": self.d.ids.new(f"{regime} {rid}"), "name": m.data["name"],
                    "dpv": m.data["dpv"] if gdpr else "dpv:DataSubjectRight",
                    "sources": [],
                }, m.confidence)  # fmt: skip
                if gdpr and m.data["article"]:
                    right["article"] = m.data["article"]
            if cite(m) not in right["sources"]:
                right["sources"].append(cite(m))
        minors: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for m in (x for x in self.r.mentions if x.kind == "child"):
            if m.data["age"] is None:
                continue
            regime = self.regime(m.data["regime"], m)
            minors[regime].append(mark({
                "age": m.data["age"], "applies_to": m.data["applies_to"],
                "statement": m.quote, "section": m.section, "quote": m.quote,
            }, m.confidence))  # fmt: skip
        for rid, entry in self.regimes.items():
            if rights.get(rid):
                entry["rights"] = list(rights[rid].values())
            if minors.get(rid):
                entry["minors"] = minors[rid]
        for m in (x for x in self.r.mentions if x.kind == "retention"):
            entry = {
                "id": self.d.ids.new("retention"),
                "name": _name("Retention: " + m.quote),
                "period": m.quote, "applies_to_all": m.data["applies_to_all"],
                "sources": [cite(m)],
            }  # fmt: skip
            if m.data["regime"]:
                entry["regime"] = self.regime(m.data["regime"], m)
            self.put("retention.yaml", "retention_rules", mark(entry, m.confidence))
        for m in (x for x in self.r.mentions if x.kind == "choice"):
            entry = {
                "id": self.d.ids.new(f"choice {m.data['choice']}"),
                "name": _name(m.quote), "kind": m.data["choice"], "method": m.quote,
                "honoured": m.data["honoured"],
                "urls": m.data["urls"],  # (only those the schema takes: extract.choice)
                "sources": [cite(m)],
            }  # fmt: skip
            if m.data["regime"]:
                entry["regime"] = self.regime(m.data["regime"], m)
            self.put("choices.yaml", "choices", mark(entry, m.confidence))

    def organisation(self) -> None:
        company = self.d.company
        if not company:
            return
        pattern = re.compile(re.escape(company), re.I)
        unit = self.first_unit(pattern)
        if unit is None:
            return
        entry: dict[str, Any] = {
            "id": self.d.ids.new(company), "name": company,
            "sources": [{"section": unit.section, "quote": _short(unit.text)}],
        }  # fmt: skip
        role_unit = self.first_unit(re.compile(r"(?:data )?controller", re.I))
        if role_unit is not None and "gdpr" in self.regimes:
            entry["roles"] = [
                {
                    "regime": "gdpr",
                    "role": "controller",
                    "section": role_unit.section,
                    "quote": _short(role_unit.text),
                }
            ]
        self.put("organisations.yaml", "organisations", mark(entry, 0.6))

    # -- all ----------------------------------------------------------------------------

    def build(self) -> dict[str, dict[str, Any]]:
        self.d.recipients_by_id = {t.id: t for t in self.d.recipients.values()}
        self.files["policy.yaml"] = self.policy()
        self.categories()
        self.recipients()
        self.purposes()
        self.activity_and_disclosures()
        self.transfers()
        self.rights_minors_retention_choices()
        self.organisation()
        if self.regimes:
            self.files["regimes.yaml"]["regimes"] = list(self.regimes.values())
        if self.regions:
            self.files["transfers.yaml"]["regions"] = list(self.regions.values())
        return dict(self.files)


def _short(text: str, limit: int = 600) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def _name(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit - 1)] + "…"


class _Dumper(yaml.SafeDumper):
    """No anchors: the loader refuses them, and a shared link is plainer written twice."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def inventory_files(draft: Draft) -> dict[str, dict[str, Any]]:
    return _Writer(draft).build()
