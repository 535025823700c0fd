"""Checks on the notice as a text: its date, whether it uses the law's terms, statements no
fact rests on, hedged wording behind material facts, links it promises but does not give, and
facts that are datamap's reading rather than the notice's words."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from catalog.loading.policy import SECTION_SEPARATOR, Policy, normalize
from catalog.model.kinds import Label
from catalog.model.results import Citation
from catalog.model.taxonomy import ccpa_label
from catalog.queries.disclosures import ccpa_disclosure, provenance
from catalog.review.compliance.context import Context, Hit, NotApplicable
from catalog.review.compliance.registry import Params, check


class Freshness(Params):
    max_age_days: int = 365


@check("notice_freshness", Freshness)
def notice_freshness(ctx: Context, params: Freshness) -> Iterator[Hit]:
    """The notice was updated within the period the law sets."""
    stated = ctx.view.meta.get("policy_last_updated")
    if not stated:
        raise NotApplicable("the inventory does not give the policy's date")
    if not ctx.policy_sources:
        raise NotApplicable("the inventory does not cite the policy's date (policy: sources:)")
    age = (ctx.as_of - dt.date.fromisoformat(stated)).days
    if age <= params.max_age_days:
        return
    yield Hit(
        summary=(
            f"The notice was last updated on {stated}, {age} days before {ctx.as_of.isoformat()}; "
            f"it must be reviewed and updated at least every {params.max_age_days} days."
        ),
        sources=ctx.policy_sources,
    )


class StatutoryTerms(Params):
    terms: dict[str, list[str]]


@check("statutory_category_terms", StatutoryTerms)
def statutory_category_terms(ctx: Context, params: StatutoryTerms) -> Iterator[Hit]:
    """The regime's section names the categories collected in the statute's terms."""
    regime = ctx.require_regime()
    policy = ctx.policy
    text = " ".join(
        policy.section_text(s) for s in sorted(ctx.regime_sections()) if s in policy.sections
    ).casefold()
    collected = [row.letter for row in ccpa_disclosure(ctx.view, regime).rows]
    unnamed = [
        letter
        for letter in collected
        if not any(normalize(t).casefold() in text for t in params.terms.get(letter, []))
    ]
    if not unnamed:
        return
    yield Hit(
        summary=(
            f"The {ctx.view.name(regime)} section never names the categories collected in the "
            f"statute's terms: {'; '.join(ccpa_label(x) for x in unnamed)} are collected (per "
            "datamap's classification of the notice's items) but not named as such."
        ),
        facts=[ctx.fact(regime)],
        sources=ctx.node_sources(regime),
    )


class Coverage(Params):
    verbs: list[str]
    min_chars: int = 25


@check("notice_coverage", Coverage)
def notice_coverage(ctx: Context, params: Coverage) -> Iterator[Hit]:
    """Every statement of practice in the notice has a fact of the graph behind it."""
    policy = ctx.policy
    text = policy.text
    covered: list[tuple[int, int]] = []
    for fact in provenance(ctx.view):
        try:
            pos = policy.find(fact.quote, fact.section)
        except ValueError:
            pos = None
        if pos is None:
            pos = policy.find(fact.quote)
        if pos is not None:
            covered.append((pos, pos + len(normalize(fact.quote))))
    for c in ctx.policy_sources:
        pos = policy.find(c.quote)
        if pos is not None:
            covered.append((pos, pos + len(normalize(c.quote))))
    verbs = re.compile(r"\b(?:" + "|".join(params.verbs) + r")\w*", re.IGNORECASE)
    leaves = sorted(
        policy.sections.values(), key=lambda s: (s.start, -s.path.count(SECTION_SEPARATOR))
    )
    by_section: dict[str, list[Citation]] = {}
    for heading in [s for s in leaves if s.parent is None]:
        for start, end in policy.sentences(heading.start, heading.end):
            sentence = text[start:end].strip()
            if len(sentence) < params.min_chars or not verbs.search(sentence):
                continue
            if any(a < end and b > start for a, b in covered):
                continue
            path = _deepest(policy, start) or heading.path
            by_section.setdefault(heading.path, []).append(Citation(section=path, quote=sentence))
    for section, sentences in by_section.items():
        yield Hit(
            subject=re.sub(r"[^a-z0-9]+", "-", section.lower()).strip("-"),
            summary=(
                f"{len(sentences)} statement(s) of practice in '{section}' have no fact of the "
                "graph behind them."
            ),
            sources=sentences,
        )


def _deepest(policy: Policy, offset: int) -> str | None:
    best = None
    for s in policy.sections.values():
        if s.start <= offset < s.end and (best is None or s.start >= best.start):
            best = s
    return best.path if best else None


class Hedge(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    phrase: str
    meaning: str


class Hedges(Params):
    hedges: list[Hedge]
    relations: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()


@check("hedged_statements", Hedges)
def hedged_statements(ctx: Context, params: Hedges) -> Iterator[Hit]:
    """Material facts do not rest on hedged or open-ended wording."""
    view = ctx.view
    resting: dict[tuple[str, str], list[tuple[str, str | None]]] = {}  # quote -> (node, inferred)

    def add(cites: list[dict], nid: str, inferred: str | None) -> None:
        for c in cites or []:
            resting.setdefault((c["section"], c["quote"]), []).append((nid, inferred))

    for nid in view.ids():
        node = view.node(nid)
        if node["label"] in params.labels:
            add(node.get("sources", []), nid, node.get("inferred"))
        for flag in params.flags:
            if node.get(flag):
                add(node.get(f"{flag}_sources", []), nid, node.get(f"{flag}_inferred"))
        for _, _, rel, data in view.out_edges(nid):
            if rel in params.relations:
                add(data.get("sources", []), nid, data.get("inferred"))
    for (section, quote), holders in sorted(resting.items()):
        found = [h for h in params.hedges if re.search(rf"\b{re.escape(h.phrase)}\b", quote, re.I)]
        if not found:
            continue
        ids = view.sort({nid for nid, _ in holders})
        yield Hit(
            subject=f"{ids[0]}-{re.sub(r'[^a-z0-9]+', '-', found[0].phrase.lower()).strip('-')}",
            summary=(
                "A material fact rests on hedged wording: "
                + "; ".join(f"'{h.phrase}' ({h.meaning})" for h in found)
                + f". It supports: {'; '.join(view.name(n) for n in ids)}."
            ),
            facts=[ctx.fact(n) for n in ids],
            sources=[Citation(section=section, quote=quote)],
        )


class ChoiceLinks(Params):
    words: list[str]


@check("choice_links", ChoiceLinks)
def choice_links(ctx: Context, params: ChoiceLinks) -> Iterator[Hit]:
    """A choice that sends people to a page or link comes with that page or link."""
    view = ctx.view
    words = re.compile(r"\b(?:" + "|".join(map(re.escape, params.words)) + r")\b", re.IGNORECASE)
    for cid in view.of_label(Label.Choice):
        node = view.node(cid)
        if node.get("urls"):
            continue
        quotes = [c.quote for c in ctx.node_sources(cid)]
        found = next((m for q in quotes if (m := words.search(q))), None)
        if found is None:
            continue
        word = found.group(0).lower()
        what = word if word.endswith("s") else f"a {word}"
        yield Hit(
            subject=cid,
            summary=f"'{view.name(cid)}' sends people to {what} the notice does not give.",
            facts=[ctx.fact(cid)],
            sources=ctx.node_sources(cid),
        )


_URL = re.compile(r"(?:https?://)?(?:www\.)[\w.-]+\.[a-z]{2,}(?:/[\w./-]*)?", re.IGNORECASE)


@check("duplicate_links")
def duplicate_links(ctx: Context, params: Params) -> Iterator[Hit]:
    """A choice that lists several links gives each once (a repeat usually hides a missing one)."""
    view = ctx.view
    for cid in view.of_label(Label.Choice):
        for c in ctx.node_sources(cid):
            urls = [u.rstrip(".").lower() for u in _URL.findall(c.quote)]
            repeated = sorted({u for u in urls if urls.count(u) > 1})
            if repeated:
                yield Hit(
                    subject=cid,
                    summary=(
                        f"'{view.name(cid)}' gives {', '.join(repeated)} more than once in one "
                        "sentence; a link it means to give is likely missing."
                    ),
                    facts=[ctx.fact(cid)],
                    sources=[c],
                )
                break


@check("inferred_facts")
def inferred_facts(ctx: Context, params: Params) -> Iterator[Hit]:
    """Facts the graph holds that no notice sentence states outright (datamap's reading)."""
    view = ctx.view
    groups: dict[str, list[tuple[str, str, list[dict]]]] = {}  # kind -> (subject, reason, cites)

    def add(kind: str, subject: str, reason: str | None, cites: list[dict] | None) -> None:
        if reason:
            groups.setdefault(kind, []).append((subject, reason, cites or []))

    for nid in view.ids():
        node = view.node(nid)
        add(f"{node['label']} entries", nid, node.get("inferred"), node.get("sources"))
        for key in sorted(k for k in node if k.endswith("_inferred")):
            flag = key.removesuffix("_inferred")
            add(f"'{flag}' flags", nid, node[key], node.get(f"{flag}_sources"))
        for key, value in sorted(node.items()):
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, dict) and "sources" in item:
                        add(
                            f"{key.replace('_', ' ')} statements",
                            nid,
                            item.get("inferred"),
                            item["sources"],
                        )
        for _, _, rel, data in sorted(view.out_edges(nid), key=lambda e: (e[2], e[1])):
            add(f"{rel} relationships", nid, data.get("inferred"), data.get("sources"))
    for kind, items in sorted(groups.items()):
        reasons = sorted({reason for _, reason, _ in items})
        shown = " / ".join(reasons[:3]) + (
            f" (and {len(reasons) - 3} more)" if len(reasons) > 3 else ""
        )
        subjects: dict[str, str] = {}
        for subject, reason, _ in items:
            subjects.setdefault(subject, reason)
        yield Hit(
            subject=re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-"),
            summary=f"{len(items)} {kind} rest on datamap's reading, not the notice's words: {shown}",
            facts=[ctx.fact(s, inferred=r) for s, r in subjects.items()],
            sources=[
                Citation(section=c["section"], quote=c["quote"]) for *_, cs in items for c in cs
            ],
        )
