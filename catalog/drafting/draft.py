"""A draft: the facts read from a policy, as one JSON shape and as an inventory folder.

The JSON shape (`datamap draft --json`) lists each fact once per sentence it is read from:
`collected`, `recipients`, `flows`, `sold_or_shared`, `purposes`, `transfers`, `retention`,
`rights`, `choices`, `children`; the ids in flows and sales are those of `collected` and
`recipients` (an item read in three sentences is one id, listed three times). The inventory
holds each thing once, citing every sentence it was read from, with `draft: true` and the
drafter's confidence on every entry and link.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from catalog.drafting import lexicon as lx
from catalog.drafting.extract import Mention, Reading
from catalog.drafting.reading import language_warning
from catalog.model.text import name_key

ROOT = "personal-information"
NO_LAW = "no-law-named"


def slug(text: str, limit: int = 60) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    if len(s) > limit:
        s = s[:limit].rsplit("-", 1)[0]
    return s or "x"


class Ids:
    """Ids unique across the whole inventory, as the loader requires."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def new(self, text: str, prefix: str = "") -> str:
        base = slug(f"{prefix} {text}" if prefix else text)
        nid, n = base, 1
        while nid in self.taken:
            n += 1
            nid = f"{base}-{n}"
        self.taken.add(nid)
        return nid


@dataclass
class Thing:
    """One entry of the inventory, with every sentence it was read from."""

    id: str
    name: str
    data: dict[str, Any]
    mentions: list[Mention] = field(default_factory=list)
    # what is already cited, by identity and by quote: a long notice mentions one thing often
    seen: set[int] = field(default_factory=set)
    quotes: set[str] = field(default_factory=set)

    def cite(self, m: Mention, once_per_quote: bool = False) -> bool:
        """Add the mention; False when it (or, with once_per_quote, its quote) is already in."""
        if id(m) in self.seen or (once_per_quote and m.quote in self.quotes):
            return False
        self.seen.add(id(m))
        self.quotes.add(m.quote)
        self.mentions.append(m)
        return True

    @property
    def confidence(self) -> float:
        return round(max(m.confidence for m in self.mentions), 2) if self.mentions else 0.5


@dataclass
class Draft:
    reading: Reading
    company: str | None
    ids: Ids = field(default_factory=Ids)
    items: dict[str, Thing] = field(default_factory=dict)  # by (key, name) folded
    recipients: dict[str, Thing] = field(default_factory=dict)
    purposes: dict[str, Thing] = field(default_factory=dict)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    recipients_by_id: dict[str, Thing] = field(default_factory=dict)
    # the flow or sale row each mention gave (None: the same flow from the same sentence)
    row_of: dict[int, dict[str, Any] | None] = field(default_factory=dict)
    flow_keys: set[tuple[str, str, str]] = field(default_factory=set)
    collected_rows: dict[tuple[str, int, str], dict[str, Any]] = field(default_factory=dict)

    # -- building -----------------------------------------------------------------------

    @classmethod
    def of(cls, reading: Reading, company: str | None = None) -> Draft:
        d = cls(reading, company)
        d.ids.taken.update({ROOT, NO_LAW})
        for key in (
            "collected", "recipients", "flows", "sold_or_shared", "purposes", "transfers",
            "retention", "rights", "choices", "children",
        ):  # fmt: skip
            d.rows[key] = []
        for m in reading.mentions:
            getattr(d, f"_{m.kind}")(m)
        return d

    def item(self, name: str, key: str, m: Mention) -> Thing:
        k = f"{key}|{name_key(name)}"
        thing = self.items.get(k)
        if thing is None:
            thing = self.items[k] = Thing(self.ids.new(name), name, {"fideslang": key})
        thing.cite(m)
        return thing

    def recipient(self, m: Mention) -> Thing:
        k = name_key(m.data["name"])
        thing = self.recipients.get(k)
        if thing is None:
            thing = self.recipients[k] = Thing(
                self.ids.new(m.data["name"]), m.data["name"], {"role": m.data["role"]}
            )
        if thing.cite(m, once_per_quote=True):
            row = {
                "id": thing.id, "name": thing.name, "role": thing.data["role"],
                "quote": m.quote, "section": m.section, "confidence": m.confidence,
            }  # fmt: skip
            if m.data.get("learned"):
                row["learned"] = m.data["learned"]
            self.rows["recipients"].append(row)
        return thing

    def _collected(self, m: Mention) -> None:
        self._collected_once(self.item(m.data["name"], m.data["fideslang"], m), m)

    def _collected_once(self, thing: Thing, m: Mention) -> None:
        """One row per item and sentence, however many flows or sales read it there."""
        # (by sentence, not by its words: "Email" under two headings is said twice)
        key = (thing.id, m.unit.index, m.quote)
        row = self.collected_rows.get(key)
        if row is None:
            row = self.collected_rows[key] = self._item_row(thing, m)
            self.rows["collected"].append(row)
        elif m.confidence > row["confidence"]:  # the surest reading of the sentence stands
            row.clear()
            row.update(self._item_row(thing, m))

    def _item_row(self, thing: Thing, m: Mention) -> dict[str, Any]:
        key = thing.data["fideslang"]
        row = {
            "id": thing.id, "name": thing.name, "fideslang": key, "dpv": lx.classify(key)[0],
            "quote": m.quote, "section": m.section, "confidence": m.confidence,
        }  # fmt: skip
        if m.data.get("learned"):
            row["learned"] = m.data["learned"]  # what no rule read: the reviewer's to judge
        return row

    def _recipient(self, m: Mention) -> None:
        self.recipient(m)

    def _flow(self, m: Mention) -> None:
        r = self.recipient(m.data["recipient"])
        if m.data["flow"] == "general":
            cat = ROOT
        elif "item" in m.data:
            source: Mention = m.data["item"]
            cat = self.item(source.data["name"], source.data["fideslang"], source).id
        else:
            thing = self.item(m.data["name"], m.data["fideslang"], m)
            cat = thing.id
            self._collected_once(thing, m)
        key = (cat, r.id, m.quote)
        if key in self.flow_keys:  # the same flow read twice from one sentence
            self.row_of[id(m)] = None
            return
        self.flow_keys.add(key)
        row = {
            "category": cat, "recipient": r.id, "kind": m.data["flow"], "quote": m.quote,
            "section": m.section, "confidence": m.confidence,
        }  # fmt: skip
        self.rows["flows"].append(row)
        self.row_of[id(m)] = row

    def _sale(self, m: Mention) -> None:
        r = self.recipient(m.data["recipient"]).id if m.data.get("recipient") else None
        if m.data.get("name"):
            thing = self.item(m.data["name"], m.data["fideslang"], m)
            cat = thing.id
            self._collected_once(thing, m)
        else:
            cat = ROOT
        row = {
            "kind": m.data["sale"], "category": cat, "recipient": r, "hedged": m.data["hedged"],
            "negated": m.data["negated"], "quote": m.quote, "section": m.section,
            "confidence": m.confidence,
        }  # fmt: skip
        self.rows["sold_or_shared"].append(row)
        self.row_of[id(m)] = row

    def _purpose(self, m: Mention) -> None:
        k = name_key(m.data["name"])
        thing = self.purposes.get(k)
        if thing is None:
            thing = self.purposes[k] = Thing(
                self.ids.new(m.data["name"][:60]), m.data["name"], dict(m.data)
            )
        thing.mentions.append(m)
        self.rows["purposes"].append(
            {
                "id": thing.id, "name": thing.name, "fideslang": m.data["fideslang"],
                "dpv": m.data["dpv"], "quote": m.quote, "section": m.section,
                "confidence": m.confidence,
            }
        )  # fmt: skip

    def _transfer(self, m: Mention) -> None:
        regions = m.data["regions"]
        mechanisms = m.data["mechanisms"]
        self.rows["transfers"].append(
            {
                "id": f"transfer-{len(self.rows['transfers']) + 1}",
                # where it goes: the regions named, but those it leaves ("outside the EEA")
                "from": [r[1] for r in regions if r[0] in m.data.get("origins", ())],
                "to": [r[1] for r in regions if r[0] not in m.data.get("origins", ())],
                "regime": m.data["regime"],
                "mechanism": mechanisms[0]["name"] if mechanisms else None,
                "mechanisms": [
                    {"name": x["name"], "quote": x["quote"], "section": x["unit"].section}
                    for x in mechanisms
                ],
                "quote": m.quote, "section": m.section, "confidence": m.confidence,
            }
        )  # fmt: skip

    def _retention(self, m: Mention) -> None:
        self.rows["retention"].append(
            {
                "applies_to_all": m.data["applies_to_all"], "regime": m.data["regime"],
                "quote": m.quote, "section": m.section, "confidence": m.confidence,
            }
        )  # fmt: skip

    def _right(self, m: Mention) -> None:
        self.rows["rights"].append(
            {
                "right": m.data["right"], "name": m.data["name"], "regime": m.data["regime"],
                "quote": m.quote, "section": m.section, "confidence": m.confidence,
            }
        )  # fmt: skip

    def _choice(self, m: Mention) -> None:
        self.rows["choices"].append(
            {
                "kind": m.data["choice"], "honoured": m.data["honoured"], "urls": m.data["urls"],
                "quote": m.quote, "section": m.section, "confidence": m.confidence,
            }
        )  # fmt: skip

    def _child(self, m: Mention) -> None:
        self.rows["children"].append(
            {
                "age": m.data["age"], "applies_to": m.data["applies_to"],
                "regime": m.data["regime"], "quote": m.quote, "section": m.section,
                "confidence": m.confidence,
            }
        )  # fmt: skip

    # -- output -------------------------------------------------------------------------

    @property
    def warnings(self) -> list[str]:
        """What the reader of this draft must know before reading it (a policy that does not
        read as English drafts few or no facts, and no fact says why)."""
        return [w for w in (language_warning(self.reading.policy.text),) if w]

    def to_json(self) -> dict[str, Any]:
        date = self.reading.last_updated
        text = self.reading.policy.text
        return {
            "draft": True,
            "policy": {
                "title": self.reading.title,
                "last_updated": date[0] if date else None,
                "words": len(text.split()),
                "sentences": len(self.reading.units),
                "sha256": hashlib.sha256(self.reading.policy.raw.encode()).hexdigest(),
            },
            "warnings": self.warnings,
            "root": ROOT,
            **self.rows,
        }
