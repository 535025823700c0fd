"""What a check reads: the graph, the regime it judges, the date, and the policy text itself.

Checks yield `Hit`s: the subject, what the graph shows, the facts involved and the policy
sentences behind them. The runner turns each hit into a finding under its rule; a hit without a
policy sentence is a bug in the check, never a finding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from catalog.graph.view import GraphView
from catalog.loading.policy import SECTION_SEPARATOR, Policy, SubsectionSpec
from catalog.model.kinds import Label, Rel
from catalog.model.results import Citation
from catalog.queries.common import cites, sensitivity_under
from catalog.review.compliance.models import FindingFact


class NotApplicable(Exception):
    """The rule cannot be judged on this graph (e.g. the regime is not in the inventory)."""


@dataclass
class Hit:
    summary: str
    sources: list[Citation]
    facts: list[FindingFact] = field(default_factory=list)
    subject: str | None = None  # distinguishes the findings of a rule that finds several
    evidence: list[str] = field(default_factory=list)  # the systems side: scans, declarations
    remedy: str | None = None  # this finding's own remedy, where the rule's would not fit it


@dataclass
class Context:
    view: GraphView
    regime: str | None
    as_of: dt.date

    # -- the regime ------------------------------------------------------------------------------

    def require_regime(self) -> str:
        if self.regime is None:
            raise NotApplicable("the rule needs a regime")
        if not self.view.has(self.regime) or self.view.label(self.regime) != Label.Regime:
            raise NotApplicable(f"the inventory has no regime {self.regime!r}")
        return self.regime

    def under(self, nid: str) -> str | None:
        """The regime a legal basis, retention rule or choice is stated under, if any."""
        regimes = self.view.out(nid, Rel.UNDER)
        return regimes[0] if regimes else None

    def in_regime(self, nid: str, *, unregimed: bool = True) -> bool:
        regime = self.under(nid)
        return regime == self.regime or (unregimed and regime is None)

    def jurisdiction(self) -> set[str]:
        return set(self.view.out(self.require_regime(), Rel.APPLIES_IN))

    def parties(self, role: str) -> list[tuple[str, dict[str, Any]]]:
        """Organisations holding `role` under the regime, with the role link's data."""
        regime = self.require_regime()
        return [
            (org, self.view.edge(org, regime, Rel.HAS_ROLE))
            for org in self.view.into(regime, Rel.HAS_ROLE)
            if self.view.edge(org, regime, Rel.HAS_ROLE).get("role") == role
        ]

    def regime_sections(self) -> set[str]:
        """Top-level policy sections the regime's own statements are made in."""
        regime = self.require_regime()
        nodes = [regime, *self.view.out(regime, Rel.GRANTS)]
        nodes += [n for n in self.view.into(regime, Rel.UNDER)]
        sections: set[str] = set()
        for nid in nodes:
            node = self.view.node(nid)
            found = [c.section for c in self.node_sources(nid)]
            for key in ("request_process", "minors"):
                for s in node.get(key, []):
                    found += [c["section"] for c in s.get("sources", [])]
            sections |= {top_section(s) for s in found}
        return sections

    def sensitive_in_use(self, regime: str | None = None) -> list[str]:
        """Categories stated to be sensitive (where the flag is stated, not inherited), under
        `regime` or under any law when None, that are collected or processed, themselves or
        through an item grouped beneath them."""
        view = self.view
        found = []
        for cid in view.of_label(Label.DataCategory):
            node = view.node(cid)
            if not node.get("sensitive") or node.get("sensitive_from"):
                continue
            if regime is not None and self.sensitivity(cid, regime) is None:
                continue
            if any(
                view.into(c, Rel.COLLECTS) or view.into(c, Rel.PROCESSES)
                for c in (cid, *view.descendants(cid))
            ):
                found.append(cid)
        return found

    def consents(self, cid: str) -> list[str]:
        """Opt-in choices under this regime (or none) that apply to the category, anything
        grouped with it, or an activity processing them: the consent a regime may require."""
        view = self.view
        related = {cid, *view.ancestors(cid), *view.descendants(cid)}
        related |= {a for c in related for a in view.into(c, Rel.PROCESSES)}
        return [
            ch
            for t in related
            for ch in view.into(t, Rel.APPLIES_TO)
            if view.label(ch) == Label.Choice
            and view.node(ch).get("kind") == "opt_in"
            and self.in_regime(ch)
        ]

    def sensitivity(self, cid: str, regime: str) -> dict[str, Any] | None:
        """The statement that a category is sensitive under this regime, or None."""
        return sensitivity_under(self.view, cid, regime)

    # -- facts and citations ---------------------------------------------------------------------

    def fact(self, nid: str, inferred: str | None = None) -> FindingFact:
        node = self.view.node(nid)
        return FindingFact(
            id=nid,
            name=self.view.name(nid),
            type=node["label"],
            inferred=inferred if inferred is not None else node.get("inferred"),
        )

    def node_sources(self, nid: str, key: str = "sources") -> list[Citation]:
        return cites(self.view.node(nid).get(key))

    def edge_sources(self, src: str, dst: str, rel: str) -> list[Citation]:
        return cites(self.view.edge(src, dst, rel).get("sources"))

    # -- the notice itself -----------------------------------------------------------------------

    @cached_property
    def policy(self) -> Policy:
        document = self.view.meta.get("policy_document")
        if not document:
            raise NotApplicable("the graph does not hold the policy text")
        specs = [
            SubsectionSpec(s["name"], s["parent"], s["starts"])
            for s in document.get("subsections", [])
        ]
        return Policy.from_text(document["raw"], specs)

    @property
    def policy_sources(self) -> list[Citation]:
        document = self.view.meta.get("policy_document") or {}
        return cites(document.get("sources"))


def top_section(path: str) -> str:
    return path.split(SECTION_SEPARATOR, 1)[0]
