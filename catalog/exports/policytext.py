"""The policy text with every cited sentence marked, and the provenance appendix grouped by entry
in plain words, linked both ways: each fact to its sentence in the text, each marked sentence to
the facts resting on it.

A citation's quote is found in the text as the loader accepted it (typographic quotes and runs
of whitespace folded), in its own section where the heading can be found, else anywhere. Quotes
inside a longer marked passage link to that passage.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypedDict

from catalog.model.results import Fact

# Relationship types in the words a regulator reads (the graph keeps the types).
REL_WORDS = {
    "PART_OF": "is grouped under",
    "COLLECTS": "collects",
    "COLLECTS_FROM": "collects from",
    "FROM_SOURCE": "gets data from",
    "UNDER": "is stated under",
    "CONTROLLED_BY": "is controlled by",
    "JOINT_CONTROLLER": "has as a joint controller",
    "CONCERNS": "concerns",
    "COLLECTS_VIA": "collects through",
    "PROCESSES": "uses",
    "FOR_PURPOSE": "is for",
    "HAS_LEGAL_BASIS": "rests on the legal basis",
    "RETAINED_UNDER": "keeps data under",
    "PROTECTED_BY": "is protected by",
    "TO": "goes to",
    "OF": "covers",
    "FROM": "is from",
    "GOVERNED_BY": "is governed by",
    "UNDER_MECHANISM": "relies on",
    "MOVES": "moves",
    "TO_RECIPIENT": "is received by",
    "APPLIES_IN": "applies in",
    "EXERCISED_VIA": "is exercised through",
    "HAS_ROLE": "has a role under",
    "CONTACT_VIA": "is reached through",
    "LOCATED_IN": "is located in",
    "APPLIES_TO": "applies to",
    "GRANTS": "grants",
    "DISCLOSES": "discloses",
    "SENSITIVE_UNDER": "is sensitive under",
    "IN": "is in",
    "HOLDS": "holds",
    "FLOWS_TO": "sends data to",
    "SUPPORTS": "supports",
    "HOSTED_IN": "is hosted in",
}


def kind_words(label: str) -> str:
    """`DataCategory` as "data category"."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", label).lower()


def plain(fact: Fact) -> str:
    if fact.kind == "relationship" and fact.relation and fact.object is not None:
        verb = REL_WORDS.get(fact.relation, fact.relation.lower().replace("_", " "))
        return f"{fact.subject.name} {verb} {fact.object.name}"
    if fact.kind == "entry":
        return f"{fact.subject.name} is a {kind_words(fact.subject_type)} the policy names"
    return fact.statement


@dataclass
class Passage:
    anchor: str
    start: int
    end: int
    facts: list[tuple[str, str]] = field(default_factory=list)  # (entry anchor, plain words)


def _pattern(quote: str) -> re.Pattern[str]:
    parts = []
    for ch in quote.strip():
        if ch.isspace():
            parts.append(r"\s+")
        elif ch in "'’‘":
            parts.append("['’‘]")
        elif ch in '"“”':
            parts.append('["“”]')
        elif ch in "-–—":
            parts.append("[-–—]")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts).replace(r"\s+\s+", r"\s+"))


def entry_anchor(entry_id: str) -> str:
    return "e-" + re.sub(r"[^A-Za-z0-9_-]", "-", entry_id)


def locate(text: str, facts: Iterable[Fact]) -> tuple[list[Passage], dict[tuple[str, str], str]]:
    """Marked passages (no two overlapping) and, per (section, quote), the anchor it links to."""
    found: dict[tuple[str, str], tuple[int, int]] = {}
    by_cite: dict[tuple[str, str], list[Fact]] = {}
    for f in facts:
        by_cite.setdefault((f.section, f.quote), []).append(f)
    for section, quote in by_cite:
        leaf = section.rsplit(" > ", 1)[-1]
        heading = text.find(leaf)
        pattern = _pattern(quote)
        m = pattern.search(text, heading if heading >= 0 else 0) or pattern.search(text)
        if m:
            found[(section, quote)] = (m.start(), m.end())
    passages: list[Passage] = []
    anchor_of: dict[tuple[str, str], str] = {}
    # the longest passages first; a quote inside one links to it
    for key, (start, end) in sorted(
        found.items(), key=lambda kv: (-(kv[1][1] - kv[1][0]), kv[1][0])
    ):
        holder = next((p for p in passages if p.start <= start and end <= p.end), None)
        if holder is None:
            if any(p.start < end and start < p.end for p in passages):
                # overlapping without nesting: linked to the first passage it touches
                holder = next(p for p in passages if p.start < end and start < p.end)
            else:
                holder = Passage(f"q-{len(passages) + 1}", start, end)
                passages.append(holder)
        anchor_of[key] = holder.anchor
        for f in by_cite[key]:
            holder.facts.append((entry_anchor(f.subject.id), plain(f)))
    passages.sort(key=lambda p: p.start)
    return passages, anchor_of


def policy_html(title: str, text: str, facts: list[Fact]) -> str:
    passages, _ = locate(text, facts)
    out: list[str] = []
    at = 0
    for p in passages:
        out.append(html.escape(text[at : p.start]))
        rests = "\n".join(f"{words}" for _, words in p.facts[:20])
        first = p.facts[0][0] if p.facts else ""
        out.append(
            f'<mark id="{p.anchor}" title="{html.escape(rests)}">'
            f"{html.escape(text[p.start : p.end])}</mark>"
            f'<a class="facts" href="provenance.html#{first}">[{len(p.facts)}]</a>'
        )
        at = p.end
    out.append(html.escape(text[at:]))
    cited = len(passages)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}: the text, with what rests on it</title>"
        "<style>body{font:15px/1.6 Georgia,serif;max-width:52em;margin:2em auto;padding:0 1em}"
        "pre{white-space:pre-wrap;font:inherit}mark{background:#fff3c4}"
        "mark:target{background:#ffd54f}a.facts{font:11px sans-serif;margin-left:2px}</style>"
        "</head><body>"
        '<p style="font:13px sans-serif"><a href="index.html">Regulator pack</a> › The policy '
        f"text. {cited} passages are cited; each is marked, and its number links to the facts "
        "that rest on it in the provenance appendix (hover for them in plain words).</p>"
        f"<h1>{html.escape(title)}</h1><pre>{''.join(out)}</pre></body></html>"
    )


class FactWords(TypedDict):
    """One fact of the provenance appendix, in plain words."""

    words: str
    quote: str
    section: str
    inferred: str | None
    sentence: str  # the anchor of its sentence in the marked policy text, or ""


class ProvenanceEntry(TypedDict):
    """One entry of the provenance appendix and the facts about it."""

    anchor: str
    name: str
    kind: str
    facts: list[FactWords]


def grouped(facts: list[Fact], anchor_of: dict[tuple[str, str], str]) -> list[ProvenanceEntry]:
    """The provenance appendix's entries: each with its facts in plain words and the anchor of
    the sentence each rests on."""
    entries: dict[str, ProvenanceEntry] = {}
    for f in facts:
        entry = entries.setdefault(
            f.subject.id,
            {
                "anchor": entry_anchor(f.subject.id),
                "name": f.subject.name,
                "kind": kind_words(f.subject_type),
                "facts": [],
            },
        )
        entry["facts"].append(
            {
                "words": plain(f),
                "quote": f.quote,
                "section": f.section,
                "inferred": f.inferred,
                "sentence": anchor_of.get((f.section, f.quote), ""),
            }
        )
    return sorted(entries.values(), key=lambda e: (e["kind"], e["name"].casefold()))
