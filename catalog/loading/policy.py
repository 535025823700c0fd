"""The source policy text: its sections, and the verbatim check every quote must pass.

A quote is verbatim when, after folding whitespace and typographic quotes and dashes, it
occurs inside the section it names and starts and ends on word boundaries (so "ship" is not
a quote from "shipping").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from catalog.model.text import fold_key, normalize

# A sentence ends at . ! ? or ; before a capital or an opening quote; bullets (•) split too.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(\"'])|\s*•\s*")
# ...but not after an abbreviation that a capital follows inside a sentence: initials ("U.S.
# Department", "the E.U. Commission"), "e.g.", titles, and the parts of a legal citation ("Cal.
# Civ. Code § 1798.83", "Art. 6", "No. 2016/679"). ("Inc." and "etc." end sentences as often.)
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Art|Arts|Sec|Secs|No|Nos|Para|Reg|Regs|"
    r"Stat|Stats|Ann|Rev|Gen|Bus|Prof|Civ|Cal|Pub|Fed|Cf|cf|Fig|vs|approx|Subd|subd|Ch|Pt|Vol)\.)$"
)
SECTION_SEPARATOR = " > "
MIN_QUOTE_CHARS = 4
# Headings in the published text are short standalone lines without closing punctuation.
_MAX_HEADING_CHARS = 90


@dataclass(frozen=True)
class Section:
    name: str
    path: str
    start: int
    end: int
    parent: str | None = None


@dataclass(frozen=True)
class SubsectionSpec:
    """A subsection the inventory declares inside a heading, by the words it starts with."""

    name: str
    parent: str
    starts: str


class PolicyError(ValueError):
    """The policy or a declared subsection cannot be located."""


@dataclass
class Policy:
    path: Path
    raw: str
    text: str  # normalized
    sections: dict[str, Section] = field(default_factory=dict)
    # Resolved section references: validation asks for the same few thousands of times.
    _found: dict[str, Section] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path, subsections: list[SubsectionSpec] | None = None) -> Policy:
        return cls.from_text(path.read_text(encoding="utf-8"), subsections, path)

    @classmethod
    def from_text(
        cls,
        raw: str,
        subsections: list[SubsectionSpec] | None = None,
        path: Path | None = None,
    ) -> Policy:
        policy = cls(path=path or Path("policy.txt"), raw=raw, text="")
        policy._parse_headings()
        for spec in subsections or []:
            policy.add_subsection(spec)
        return policy

    # -- parsing ---------------------------------------------------------------------------

    def _parse_headings(self) -> None:
        paragraphs = [normalize(p) for p in re.split(r"\n\s*\n", self.raw)]
        paragraphs = [p for p in paragraphs if p]
        pieces: list[str] = []
        offset = 0
        headings: list[tuple[str, int, int]] = []  # name, heading start, body start
        for para in paragraphs:
            start = offset
            pieces.append(para)
            offset += len(para) + 1
            if is_heading(para):
                headings.append((para, start, start + len(para) + 1))
        self.text = " ".join(pieces)
        for i, (heading, _start, body) in enumerate(headings):
            end = headings[i + 1][1] if i + 1 < len(headings) else len(self.text)
            # A heading used twice ("Contact us" in two parts of a notice) is two sections: the
            # second is "Contact us (2)", so that a quote still names the one it is in.
            name, n = heading, 1
            while name in self.sections:
                n += 1
                name = f"{heading} ({n})"
            self.sections[name] = Section(name=name, path=name, start=body, end=max(body, end))

    def add_subsection(self, spec: SubsectionSpec) -> None:
        """Mark a span inside a heading by its opening words; PolicyError if they are not there."""
        parent = self.section(spec.parent)
        starts = normalize(spec.starts)
        body = self.text[parent.start : parent.end]
        hits = [m.start() for m in re.finditer(re.escape(starts), body)]
        if len(hits) != 1:
            found = "not found" if not hits else f"found {len(hits)} times"
            raise PolicyError(
                f"subsection {spec.name!r}: its opening words {spec.starts!r} are {found} "
                f"in section {parent.path!r}"
            )
        path = f"{parent.path}{SECTION_SEPARATOR}{spec.name}"
        if path in self.sections:
            raise PolicyError(f"subsection {path!r} is declared twice")
        start = parent.start + hits[0]
        self.sections[path] = Section(
            name=spec.name, path=path, start=start, end=parent.end, parent=parent.path
        )
        self._close_sibling_spans(parent.path)

    def _close_sibling_spans(self, parent_path: str) -> None:
        """A subsection runs until the next sibling starts, or to the end of its parent."""
        parent = self.sections[parent_path]
        siblings = sorted(
            (s for s in self.sections.values() if s.parent == parent_path), key=lambda s: s.start
        )
        for i, sib in enumerate(siblings):
            end = siblings[i + 1].start if i + 1 < len(siblings) else parent.end
            self.sections[sib.path] = Section(sib.name, sib.path, sib.start, end, sib.parent)
        self._found.clear()

    # -- lookups ---------------------------------------------------------------------------

    def section(self, ref: str) -> Section:
        """Resolve a section by its full path ("A > B") or by a leaf name that is unique."""
        found = self._found.get(ref)
        if found is None:
            found = self._found[ref] = self._resolve(ref)
        return found

    def _resolve(self, ref: str) -> Section:
        ref_n = normalize(ref)
        if ref_n in self.sections:
            return self.sections[ref_n]
        folded = {fold_key(p): s for p, s in self.sections.items()}
        if fold_key(ref_n) in folded:
            return folded[fold_key(ref_n)]
        key = fold_key(ref_n)
        leaves = [s for s in self.sections.values() if fold_key(s.name) == key]
        if not leaves:
            # A unique leading part of a long heading is enough ("When You Contact Our ...").
            leaves = [
                s
                for s in self.sections.values()
                if fold_key(s.name).startswith(key) and not fold_key(s.name)[len(key)].isalnum()
            ]
        if len(leaves) == 1:
            return leaves[0]
        if len(leaves) > 1:
            paths = ", ".join(repr(s.path) for s in leaves)
            raise PolicyError(f"section {ref!r} is ambiguous; name one of {paths}")
        raise PolicyError(f"the policy has no section {ref!r}")

    def section_text(self, ref: str) -> str:
        s = self.section(ref)
        return self.text[s.start : s.end]

    def find(self, quote: str, section: str | None = None) -> int | None:
        """Offset of the quote in the policy (within the section, if given), or None."""
        q = normalize(quote)
        if len(q) < MIN_QUOTE_CHARS:
            return None
        lo, hi = 0, len(self.text)
        if section is not None:
            s = self.section(section)
            lo, hi = s.start, s.end
        pos = self.text.find(q, lo, hi)
        while pos != -1:
            if _on_word_boundaries(self.text, pos, pos + len(q)):
                return pos
            pos = self.text.find(q, pos + 1, hi)
        return None

    def sections_containing(self, quote: str) -> list[str]:
        """Every section path in which the quote occurs, most specific first."""
        hits = [p for p in self.sections if self.find(quote, p) is not None]
        return sorted(hits, key=lambda p: -p.count(SECTION_SEPARATOR))

    def sentences(self, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Spans of the sentences (and bullet points) of the text between two offsets."""
        end = len(self.text) if end is None else end
        spans: list[tuple[int, int]] = []
        cursor = start
        for m in _SENTENCE_BREAK.finditer(self.text, start, end):
            if _ABBREVIATION.search(self.text, max(cursor, m.start() - 12), m.start()):
                continue
            spans.append((cursor, m.start()))
            cursor = m.end()
        if cursor < end:
            spans.append((cursor, end))
        return [(a, b) for a, b in spans if self.text[a:b].strip()]

    def heading_paths(self) -> list[str]:
        return sorted(self.sections, key=lambda p: self.sections[p].start)


def is_heading(paragraph: str) -> bool:
    return (
        len(paragraph) <= _MAX_HEADING_CHARS
        and not paragraph.endswith((".", ":", ";", ","))
        and "•" not in paragraph
    )


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    before_ok = start == 0 or not (text[start].isalnum() and text[start - 1].isalnum())
    after_ok = end >= len(text) or not (text[end - 1].isalnum() and text[end].isalnum())
    return before_ok and after_ok
