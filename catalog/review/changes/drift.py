"""Notice drift: which facts of the inventory a revised policy text no longer supports.

Every citation is looked up in the new text, in the same section (by its path, with the
inventory's subsection declarations applied to the new text wherever their opening words
still occur). A quote found elsewhere has moved; one found nowhere is missing, and its fact needs
review. For a missing quote the new text's closest sentence is shown, which is usually the
rewording to cite instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from catalog.loading.documents import dotted
from catalog.loading.policy import Policy, PolicyError, SubsectionSpec, normalize
from catalog.loading.validation import Inventory, entry_citations, quote_path
from catalog.model.schema import POLICY_KEY, Citation
from catalog.model.yamlfile import PathKey
from catalog.review.changes.models import DriftedFact, DriftReport

MIN_SIMILARITY = 60


def drift(inventory: Inventory, new_policy: Path) -> DriftReport:
    new = _load(new_policy, inventory)
    old = inventory.policy
    facts: list[DriftedFact] = []
    checked = 0
    for where, cite in _citations(inventory):
        checked += 1
        found = _judge(new, old, cite)
        if found is not None:
            facts.append(
                DriftedFact(
                    **where, section=old.section(cite.section).path, quote=cite.quote, **found
                )
            )
    facts.sort(key=lambda f: (f.status != "missing", f.file, f.line or 0, f.field))
    return DriftReport(
        inventory=str(inventory.root),
        old_policy=str(old.path),
        new_policy=str(new_policy),
        citations=checked,
        unchanged=checked - len(facts),
        facts=facts,
        entries_to_review=sorted({f.entry for f in facts if f.status == "missing"}),
        sections_added=[p for p in new.heading_paths() if p not in old.sections],
        sections_removed=[p for p in old.heading_paths() if p not in new.sections],
    )


def _citations(inventory: Inventory) -> Iterator[tuple[dict[str, Any], Citation]]:
    """Every citation of the inventory, with where it is written."""
    doc = inventory.meta_doc
    for i, cite in enumerate(inventory.meta.sources):
        path: PathKey = (POLICY_KEY, "sources", i)
        yield (
            {
                "file": str(doc.file if doc else inventory.root),
                "line": doc.line(quote_path(path)) if doc else None,
                "field": dotted(path),
                "entry": inventory.meta.id,
                "entry_type": "Policy",
            },
            cite,
        )
    for entry in inventory.entries.values():
        for path, cite in entry_citations(entry):
            yield (
                {
                    "file": str(entry.file),
                    "line": entry.line(*quote_path(path)),
                    "field": entry.field(*path),
                    "entry": entry.id,
                    "entry_type": entry.kind,
                },
                cite,
            )


def _load(path: Path, inventory: Inventory) -> Policy:
    """The new text, with each of the inventory's subsections that can still be found in it."""
    policy = Policy.from_text(path.read_text(encoding="utf-8"), [], path)
    for s in inventory.meta.subsections:
        try:
            policy.add_subsection(SubsectionSpec(s.name, s.parent, s.starts))
        except PolicyError:
            continue  # the passage it marked is gone or reworded: its quotes are judged anew
    return policy


def _judge(new: Policy, old: Policy, cite: Citation) -> dict[str, Any] | None:
    """None when the quote is still in its section; else how it drifted."""
    section = old.section(cite.section).path
    span = new.sections.get(section)
    if span is not None and new.find(cite.quote, section) is not None:
        return None
    elsewhere = new.sections_containing(cite.quote)
    if elsewhere:
        return {"status": "moved", "now_in": elsewhere[0]}
    # The rewording is most likely in the same section, where a partial match is telling (list
    # items run into the next inline heading); elsewhere only a close whole sentence will do.
    passes = [(0, len(new.text), fuzz.ratio)]
    if span is not None:
        passes.insert(0, (span.start, span.end, fuzz.partial_ratio))
    best = None
    for lo, hi, scorer in passes:
        sentences = [new.text[a:b].strip() for a, b in new.sentences(lo, hi)]
        best = process.extractOne(
            normalize(cite.quote), sentences, scorer=scorer, score_cutoff=MIN_SIMILARITY
        )
        if best:
            break
    return {
        "status": "missing",
        "closest": best[0] if best else None,
        "similarity": round(best[1]) if best else None,
    }
