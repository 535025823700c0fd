"""What the inventory says that a plan needs: the system's personal fields, the retention
rules with their sentences, the category hierarchy, and whom to tell of an erasure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from catalog.errors import BadRequest
from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel
from catalog.model.subjects import kinds_covered
from catalog.queries.flows import erasure_recipients
from catalog.queries.where_held import category_fideslang
from catalog.rights.model import NotifyRecipient


@dataclass(frozen=True)
class PersonalField:
    """A column the system's scan (or a declaration) says holds personal data, and a person
    has not rejected; a column the last scan found gone holds nothing and is not one."""

    schema: str | None
    table: str
    column: str
    fideslang: str | None
    category: str | None
    subject: str | None
    status: str


@dataclass(frozen=True)
class SystemFacts:
    id: str
    name: str
    database: str | None  # the scanned URL, without credentials
    fields: list[PersonalField]


@dataclass(frozen=True)
class Rule:
    """A retention rule, as the inventory states it."""

    id: str
    name: str
    period: str
    regime: str | None
    categories: tuple[str, ...]
    applies_to_all: bool
    description: str | None
    sources: tuple[tuple[str, str], ...]  # (section, quote), verbatim

    @property
    def texts(self) -> list[str]:
        """Everything the rule says, for reading what it keeps data for."""
        return [self.name, self.period, self.description or "", *(q for _, q in self.sources)]


@dataclass
class Hierarchy:
    """Each category's ancestors, nearest first."""

    above: dict[str, list[str]] = field(default_factory=dict)

    def lineage(self, cid: str | None) -> list[str]:
        return [cid, *self.above.get(cid, [])] if cid else []

    def meets(self, a: str, b: str) -> bool:
        """One is the other, or lies beneath it."""
        return a == b or a in self.above.get(b, []) or b in self.above.get(a, [])


def system_facts(view: GraphView, system_id: str) -> SystemFacts:
    """The system's fields. An unknown system, or one no scan ever read, is a BadRequest."""
    systems = view.of_label(Label.System)
    if system_id not in systems:
        known = ", ".join(sorted(systems)) or "none yet (datamap scan URL --write --system ID)"
        raise BadRequest(f"no system {system_id!r} in the inventory (there are: {known})")
    node = view.node(system_id)
    fields: list[PersonalField] = []
    scanned = node.get("scanned")
    for fid in view.into(system_id, Rel.IN):
        f = view.node(fid)
        scanned = scanned or f.get("scan")
        if f.get("status") == "rejected" or f.get("gone"):
            continue
        holds = view.out(fid, Rel.HOLDS)
        fields.append(
            PersonalField(
                schema=f.get("schema"),
                table=f["table"],
                column=f["column"],
                fideslang=_key(
                    f.get("fideslang"), category_fideslang(view, holds), f.get("status")
                ),
                category=holds[0] if holds else None,
                subject=f.get("subject"),
                status=f.get("status", "suggested"),
            )
        )
    if not scanned:
        raise BadRequest(
            f"system {system_id!r} was never scanned: a plan reads the database's keys "
            f"(datamap scan URL --write --system {system_id})"
        )
    database = (node.get("scanned") or {}).get("database")
    if database is None:
        found = [
            s["database"]
            for fid in view.into(system_id, Rel.IN)
            if (s := view.node(fid).get("scan"))
        ]
        database = Counter(found).most_common(1)[0][0] if found else None
    return SystemFacts(system_id, view.name(system_id), database, fields)


def _key(scanned: str | None, held: str | None, status: str | None) -> str | None:
    """What a field holds, as a fideslang key: the narrower of the scan's key and its
    category's where one lies beneath the other; where they disagree, the category a person
    accepted (a reviewer who files `total` under purchase records outranks the scan's guess)."""
    if not scanned or not held:
        return scanned or held
    if scanned == held or scanned.startswith(held + "."):
        return scanned
    if held.startswith(scanned + ".") or status == "accepted":
        return held
    return scanned


def retention_rules(view: GraphView) -> list[Rule]:
    rules = []
    for rid in view.of_label(Label.RetentionRule):
        node = view.node(rid)
        regime = view.out(rid, Rel.UNDER)
        rules.append(
            Rule(
                id=rid,
                name=view.name(rid),
                period=str(node.get("period") or ""),
                regime=regime[0] if regime else None,
                categories=tuple(view.out(rid, Rel.APPLIES_TO)),
                applies_to_all=bool(node.get("applies_to_all")),
                description=node.get("description"),
                sources=tuple((s["section"], s["quote"]) for s in node.get("sources") or []),
            )
        )
    return rules


def hierarchy(view: GraphView) -> Hierarchy:
    return Hierarchy({c: view.ancestors(c) for c in view.of_label(Label.DataCategory)})


def regime_id(view: GraphView, text: str) -> str:
    """A regime as typed (id or name, any case), or a BadRequest naming those there are."""
    regimes = view.of_label(Label.Regime)
    for rid in regimes:
        if text.casefold() in (rid.casefold(), view.name(rid).casefold()):
            return rid
    raise BadRequest(f"no regime {text!r} in the inventory (there are: {', '.join(regimes)})")


def notify(
    view: GraphView, kinds: Iterable[str], categories: set[str], tree: Hierarchy
) -> tuple[list[NotifyRecipient], list[str]]:
    """The erasure-notify answer (GDPR Art. 17(2), 19) for the notice's kinds of individuals
    that cover the subject's kind, cut to the recipients receiving something the subject's
    tables hold. Returns the recipients and the ids of the kinds of individuals asked about."""
    wanted = set(kinds)
    subjects = [
        sid
        for sid in view.of_label(Label.DataSubject)
        if kinds_covered(
            view.name(sid), view.node(sid).get("aliases") or [], view.node(sid).get("dpv")
        )
        & wanted
    ]
    found: dict[str, NotifyRecipient] = {}
    for sid in subjects:
        for r in erasure_recipients(view, sid).recipients:
            meets = [c.id for c in r.categories if any(tree.meets(c.id, h) for h in categories)]
            if not meets:
                continue
            entry = found.get(r.recipient.id)
            if entry is None:
                entry = found[r.recipient.id] = NotifyRecipient(
                    id=r.recipient.id,
                    name=r.recipient.name,
                    role=r.recipient.role,
                    general_only=r.general_only,
                    categories=[],
                )
            entry.general_only = entry.general_only and r.general_only
            entry.categories = sorted({*entry.categories, *meets})
            entry.activities = sorted({*entry.activities, *(a.id for a in r.activities)})
    ordered = sorted(found.values(), key=lambda n: (n.general_only, n.name.casefold(), n.id))
    return ordered, subjects
