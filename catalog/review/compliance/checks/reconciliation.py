"""Reconciliation: the systems (what is held and sent, as scanned or declared) against the notice
(what it says is collected and disclosed). Each finding cites the policy sentence it compares
with and the system evidence: which field, found by which scan or declared by whom.

A field a person rejected holds nothing; a suggested one counts, and the finding says it is a
scan's suggestion not yet reviewed. Without systems in the inventory these rules do not apply.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

from catalog.model.kinds import Label, Rel
from catalog.model.special import Level, level, special_categories
from catalog.model.subjects import PLURAL, kinds_covered
from catalog.model.vocabulary import fideslang_words
from catalog.queries.flows import check as can_share
from catalog.queries.where_held import field_fideslang
from catalog.review.compliance.context import Context, Hit, NotApplicable, cites
from catalog.review.compliance.registry import Params, check
from catalog.scanning.classify import values_said

# A field whose key meets the inventory only at the root (`user`: "personal information") holds
# data the notice never names; one that meets a named category above it (a first name under
# "Names") is covered by it.
_SPECIFIC_DEPTH = 2
# A key that points at a person (customer_id) is how systems join, not data collected from them.
_JOIN_KEYS = ("user.unique_id",)


def _fields(ctx: Context) -> list[str]:
    view = ctx.view
    fields = view.of_label(Label.Field)
    if not view.of_label(Label.System):
        raise NotApplicable("the inventory has no systems (datamap scan URL --write --system ID)")
    return fields


def evidence(ctx: Context, fid: str) -> str:
    """One line of system evidence for a field: where, found how, reviewed or not."""
    node = ctx.view.node(fid)
    where = f"{node['system']}: {node['name']}"
    if node.get("declared"):
        d = node["declared"]
        how = declared_by(d)
    elif node.get("scan"):
        scan = node["scan"]
        found = values_said(scan.get("evidence", [])) or [
            f"name rule '{e.get('rule')}'"
            for e in scan.get("evidence", [])
            if e.get("kind") == "name"
        ]
        found += [
            # a column only the learned weights found: say so, with their score
            f"learned weights, {round(e['score'] * 100)}% personal"
            for e in scan.get("evidence", [])
            if e.get("kind") == "learned" and e.get("supports") and "score" in e
        ]
        how = f"scanned in {scan.get('database')} on {str(scan.get('at'))[:10]}: " + "; ".join(
            found
        )
    else:
        how = "no provenance"
    status = node.get("status", "suggested")
    note = " (a scan's suggestion, not yet reviewed)" if status == "suggested" else f" ({status})"
    return f"{where}, {how}{note}"


def _collected(ctx: Context) -> set[str]:
    """Categories the notice says are collected or processed, with everything above them."""
    view = ctx.view
    stated = {c for cp in view.of_label(Label.CollectionPoint) for c in view.out(cp, Rel.COLLECTS)}
    stated |= {
        c for a in view.of_label(Label.ProcessingActivity) for c in view.out(a, Rel.PROCESSES)
    }
    return stated | {a for c in stated for a in view.ancestors(c)}


def _holders(ctx: Context, fid: str) -> list[str]:
    return ctx.view.out(fid, Rel.HOLDS)


class LevelParams(Params):
    # how grave the data is (catalog/model/special.py): each level is its own rule, with its
    # own severity; none judges every field
    level: Level | None = None


def gravity(keys: list[str | None]) -> str:
    """Why data of these keys is grave, in words: the special categories per regime, a
    government id, criminal records; '' for the rest."""
    flags = sorted(
        {s.words() for k in keys for s in special_categories(k).values()},
    )
    if flags:
        return "special or sensitive data: " + "; ".join(flags)
    if any(k and k.startswith("user.government_id") for k in keys):
        return "a government identifier"
    if any(k and k.startswith("user.criminal_history") for k in keys):
        return "criminal records (GDPR Art. 10)"
    return ""


@check("held_not_stated", LevelParams)
def held_not_stated(ctx: Context, params: LevelParams) -> Iterator[Hit]:
    """What the systems hold is data the notice says is collected. A field whose data the
    inventory has no category for (its key meets it only at something as broad as `user`), or
    whose category no context or activity collects, is held but never disclosed. The rule's
    `level` picks the fields by how grave their data is (special categories and government ids;
    other identifiers; the rest)."""
    view = ctx.view
    collected = _collected(ctx)
    by_subject: dict[tuple[str, str], list[str]] = {}
    for fid in _fields(ctx):
        node = view.node(fid)
        if params.level is not None and level(field_fideslang(view, fid)) != params.level:
            continue
        for cid in _holders(ctx, fid):
            key: str = node.get("fideslang") or ""
            if key in _JOIN_KEYS:
                continue
            carried = view.node(cid).get("fideslang")
            unnamed = bool(
                key
                and carried
                and key != carried
                and key.startswith(carried + ".")
                and carried.count(".") + 1 < _SPECIFIC_DEPTH
                and not any(
                    (view.node(c).get("fideslang") or "") == key
                    for c in view.of_label(Label.DataCategory)
                )
            )
            if unnamed or cid not in collected:
                what = key if unnamed else cid
                by_subject.setdefault((node["system"], what), []).append(fid)
    for (system, what), fids in sorted(by_subject.items()):
        first = view.node(fids[0])
        cid = _holders(ctx, fids[0])[0]
        if view.has(what):
            said = f"'{view.name(what)}', which no context or activity of the notice collects"
        else:
            said = (
                f"{fideslang_words(what)}, for which the inventory has no category: the notice never names it "
                f"(the nearest is '{view.name(cid)}')"
            )
        grave = gravity([field_fideslang(view, f) for f in fids])
        yield Hit(
            subject=f"{system}|{what}",
            summary=(
                f"{view.name(system)} holds {said}: "
                + "; ".join(view.node(f)["name"] for f in fids)
                + (f". It is {grave}" if grave else "")
                + "."
            ),
            facts=[ctx.fact(system), *(ctx.fact(f) for f in fids), ctx.fact(cid)],
            sources=ctx.node_sources(cid) or ctx.node_sources(first["system"]),
            evidence=[evidence(ctx, f) for f in fids],
        )


class FlowParams(Params):
    verdict: str  # "none": the notice names no such disclosure; "general": only in general


@check("flow_not_named", FlowParams)
def flow_not_named(ctx: Context, params: FlowParams) -> Iterator[Hit]:
    """Data a system sends to a recipient is data the notice discloses to that recipient."""
    view = ctx.view
    _fields(ctx)
    for sid in view.of_label(Label.System):
        for target in view.out(sid, Rel.FLOWS_TO):
            if view.label(target) != Label.Recipient:
                continue
            edge = view.edge(sid, target, Rel.FLOWS_TO)
            for cid in edge.get("categories", []):
                answer = can_share(view, cid, target)
                # A flow the notice covers only by datamap's reading (its sale of "everything we
                # collected") is covered in general terms, not named.
                verdict = (
                    "general" if answer.verdict == "named" and answer.inferred else answer.verdict
                )
                if verdict != params.verdict:
                    continue
                cited = (
                    [c for d in answer.disclosures for c in d.sources] if answer.disclosures else []
                )
                declared = edge.get("declared") or {}
                yield Hit(
                    subject=f"{sid}|{target}|{cid}",
                    summary=(
                        f"{view.name(sid)} sends {view.name(cid)} to {view.name(target)}; "
                        + answer.reason
                    ),
                    facts=[ctx.fact(sid), ctx.fact(target), ctx.fact(cid)],
                    sources=cited or ctx.node_sources(target) or ctx.node_sources(cid),
                    evidence=[
                        f"flow {view.name(sid)} → {view.name(target)}, {declared_by(declared)}"
                    ],
                )


@check("hosted_without_transfer")
def hosted_without_transfer(ctx: Context, params: Params) -> Iterator[Hit]:
    """A system hosted outside a region the notice transfers from has a stated transfer there
    (a transfer to an unnamed 'other countries' region covers any)."""
    view = ctx.view
    _fields(ctx)
    transfers: dict[str, list[tuple[str, str]]] = {}
    for t in view.of_label(Label.Transfer):
        for src in view.out(t, Rel.FROM):
            for dst in view.out(t, Rel.TO):
                transfers.setdefault(src, []).append((t, dst))
    for sid in view.of_label(Label.System):
        for host in view.out(sid, Rel.HOSTED_IN):
            for origin, outs in sorted(transfers.items()):
                if origin == host:
                    continue
                covered = [
                    t
                    for t, dst in outs
                    if dst == host or view.node(dst).get("type") == "unspecified"
                ]
                if covered:
                    continue
                yield Hit(
                    subject=f"{sid}|{origin}",
                    summary=(
                        f"{view.name(sid)} is hosted in {view.name(host)}, and the notice states "
                        f"transfers from {view.name(origin)} only to "
                        + ", ".join(sorted({view.name(d) for _, d in outs}))
                        + "."
                    ),
                    facts=[ctx.fact(sid), ctx.fact(host), ctx.fact(origin)],
                    sources=[c for t, _ in outs for c in ctx.node_sources(t)],
                    evidence=[
                        f"{view.name(sid)} hosted in {view.name(host)}, {declared_by(view.node(sid).get('declared') or {})}"
                    ],
                )


def declared_by(d: dict[str, Any]) -> str:
    """A declaration in words: who, when, on which document."""
    return f"declared by {d.get('by', 'nobody')} on {d.get('date', '?')}" + (
        f" ({d['document']})" if d.get("document") else ""
    )


@check("sensitive_held_without_condition")
def sensitive_held_without_condition(ctx: Context, params: Params) -> Iterator[Hit]:
    """Data a system holds that the regime makes sensitive is processed under the regime's
    condition for it (a consent stated under that regime)."""
    view = ctx.view
    regime = ctx.require_regime()
    fields = _fields(ctx)
    for cid in view.of_label(Label.DataCategory):
        flag = ctx.sensitivity(cid, regime)
        if flag is None or view.node(cid).get("sensitive_from"):
            continue
        family = {cid, *view.descendants(cid)}
        held = [f for f in fields if set(_holders(ctx, f)) & family]
        if not held:
            continue
        if ctx.consents(cid):
            continue
        yield Hit(
            subject=cid,
            summary=(
                f"{len(held)} field(s) hold {view.name(cid)}, sensitive under {view.name(regime)}, "
                f"and no consent is stated for it under {view.name(regime)}."
            ),
            facts=[ctx.fact(cid), *(ctx.fact(f) for f in held)],
            sources=cites(flag["sources"]),
            evidence=[evidence(ctx, f) for f in held],
        )


@check("stated_not_held")
def stated_not_held(ctx: Context, params: Params) -> Iterator[Hit]:
    """What the notice says is collected is held somewhere: a category no system holds is
    either held in a system not yet in the inventory, or not collected after all."""
    view = ctx.view
    fields = _fields(ctx)
    held = {c for f in fields for c in _holders(ctx, f)}
    stated = {c for cp in view.of_label(Label.CollectionPoint) for c in view.out(cp, Rel.COLLECTS)}
    # an item counts as held when its category is (the policy's words name what a column holds
    # in general terms); a category when it or something beneath it is
    stated = {
        view.out(c, Rel.PART_OF)[0]
        if view.node(c).get("kind") == "item" and view.out(c, Rel.PART_OF)
        else c
        for c in stated
    }
    missing = []
    for cid in view.sort(stated):
        family = {cid, *view.descendants(cid)}
        if not family & held and view.node(cid).get("personal", True):
            missing.append(cid)
    if missing:
        yield Hit(
            subject="categories",
            summary=(
                f"{len(missing)} kind(s) of data the notice says are collected are held in no "
                "system of the inventory: " + "; ".join(view.name(c) for c in missing) + "."
            ),
            facts=[ctx.fact(c) for c in missing],
            sources=[s for c in missing[:5] for s in ctx.node_sources(c)[:1]],
            evidence=[
                f"{len(view.of_label(Label.System))} system(s), {len(fields)} field(s) in the inventory"
            ],
        )


def _held(ctx: Context) -> list[str]:
    """Fields that hold something: a rejected one holds nothing."""
    return [f for f in _fields(ctx) if _holders(ctx, f)]


def _tables(ctx: Context, fids: list[str]) -> str:
    """The fields by table, as a person reads them: 'staff (email, salary); payroll (iban)'."""
    by_table: dict[str, list[str]] = {}
    for f in fids:
        node = ctx.view.node(f)
        table = ".".join(x for x in (node.get("schema"), node["table"]) if x)
        by_table.setdefault(table, []).append(node["column"])
    return "; ".join(f"{t} ({', '.join(cols)})" for t, cols in by_table.items())


@check("subject_not_covered")
def subject_not_covered(ctx: Context, params: Params) -> Iterator[Hit]:
    """The people a system holds data about are people the notice speaks to. Each field's
    subject (customer, patient, employee, user, contact: the scan's reading or a reviewer's) is
    held against the notice's kinds of individuals, by the words of their names, aliases and
    DPV terms (catalog/model/subjects.py): staff data held against a customer notice is data
    about people the notice never tells."""
    view = ctx.view
    fields = _held(ctx)
    notice = view.of_label(Label.DataSubject)
    covered: set[str] = set()
    for sid in notice:
        node = view.node(sid)
        covered |= kinds_covered(node["name"], node.get("aliases") or [], node.get("dpv"))
    said = [c for sid in notice for c in ctx.node_sources(sid)[:1]]
    kinds = "; ".join(view.name(s) for s in notice) or "nobody"
    by_system: dict[tuple[str, str], list[str]] = {}
    for fid in fields:
        node = view.node(fid)
        subject = node.get("subject")
        if subject and subject not in covered:
            by_system.setdefault((node["system"], subject), []).append(fid)
    for (system, subject), fids in sorted(by_system.items()):
        people = PLURAL.get(subject, subject)
        yield Hit(
            subject=f"{system}|{subject}",
            summary=(
                f"{view.name(system)} holds data about {people} ({len(fids)} field(s): "
                f"{_tables(ctx, fids)}), and the notice's kinds of individuals ({kinds}) do not "
                f"include {people}."
            ),
            facts=[ctx.fact(system), *(ctx.fact(s) for s in notice), *(ctx.fact(f) for f in fids)],
            sources=said or ctx.policy_sources,
            evidence=[evidence(ctx, f) for f in fids],
        )


# The Art. 9(2) condition that usually fits special-category data about each kind of person;
# for anyone else (customers, users) it is explicit consent.
_ART9_FOR = {
    "employee": "Art. 9(2)(b), obligations in employment and social security law",
    "patient": "Art. 9(2)(h), health or social care (or 9(2)(i), public health)",
}
_ART9_ELSE = "Art. 9(2)(a), explicit consent"


class ConditionParams(Params):
    # how a legal basis's `article` names the condition, e.g. "Art. 9"
    article: str


def _article_words(text: str) -> str:
    """'Article 9 (2)(a)' and 'Art. 9(2)(a)' alike: 'art 9(2)(a)'."""
    text = re.sub(r"\bart(?:icle|\.)?\s*", "art ", text.casefold())
    return re.sub(r"\s+(?=\()", "", text)


def _states(article: str | None, wanted: str) -> bool:
    """Whether a legal basis's article is the provision wanted (Art. 9 is not Art. 90)."""
    if not article:
        return False
    return (
        re.search(re.escape(_article_words(wanted)) + r"(?!\d)", _article_words(article))
        is not None
    )


@check("special_without_condition", ConditionParams)
def special_without_condition(ctx: Context, params: ConditionParams) -> Iterator[Hit]:
    """Special-category data a system holds (a field's key flagged for the regime, e.g. GDPR
    Art. 9(1)) is processed under a condition the notice states for it: a legal basis under the
    regime whose article is the condition's (Art. 9(2)), on an activity the system supports, or
    anywhere in the notice when the system supports none declared."""
    view = ctx.view
    regime = ctx.require_regime()
    fields = _held(ctx)
    bases = [b for b in view.of_label(Label.LegalBasis) if ctx.under(b) == regime]
    conditions = {b for b in bases if _states(view.node(b).get("article"), params.article)}
    by_system: dict[str, list[str]] = {}
    for fid in fields:
        if regime in special_categories(field_fideslang(view, fid)):
            by_system.setdefault(view.node(fid)["system"], []).append(fid)
    for system, fids in sorted(by_system.items()):
        supports = view.out(system, Rel.SUPPORTS)
        if supports:
            stated = {
                b for a in supports for b in view.out(a, Rel.HAS_LEGAL_BASIS) if b in conditions
            }
            where = (
                "for the activities it supports (" + ", ".join(view.name(a) for a in supports) + ")"
            )
        else:
            stated, where = conditions, "anywhere"
        if stated:
            continue
        what = sorted({special_categories(field_fideslang(view, f))[regime].what for f in fids})
        subjects = sorted({view.node(f).get("subject") or "" for f in fids} - {""})
        needed = sorted({_ART9_FOR.get(s, _ART9_ELSE) for s in subjects} or {_ART9_ELSE})
        named = (
            "; ".join(f"{view.name(b)} ({view.node(b).get('article')})" for b in bases) or "none"
        )
        yield Hit(
            subject=system,
            summary=(
                f"{view.name(system)} holds {', '.join(what)} ({len(fids)} field(s): "
                f"{_tables(ctx, fids)}), a special category under {view.name(regime)}, and the "
                f"notice states no {params.article} condition {where}; its legal bases under "
                f"{view.name(regime)} are: {named}. Missing: "
                + " and ".join(needed)
                + (
                    f" (the data is about {', '.join(PLURAL.get(s, s) for s in subjects)})"
                    if subjects
                    else ""
                )
                + "."
            ),
            facts=[ctx.fact(system), *(ctx.fact(b) for b in bases), *(ctx.fact(f) for f in fids)],
            sources=[c for b in bases for c in ctx.node_sources(b)[:1]]
            or ctx.node_sources(regime)
            or ctx.policy_sources,
            evidence=[evidence(ctx, f) for f in fids],
        )


class ReviewAgainParams(Params):
    # which notice of a re-scan the rule reports: a column gone, or evidence against a decision
    what: Literal["gone", "no_longer_matching"]


@check("review_again", ReviewAgainParams)
def review_again(ctx: Context, params: ReviewAgainParams) -> Iterator[Hit]:
    """A person's decision on a field still describes the database: the last scan found the
    column (`gone` otherwise) and, for an accepted field, evidence that agrees with it
    (`no_longer_matching` otherwise). Both are stored by the re-scan that noticed them."""
    view = ctx.view
    by_system: dict[str, list[str]] = {}
    for fid in _fields(ctx):
        node = view.node(fid)
        if node.get(params.what) and node.get("status") in ("accepted", "rejected"):
            by_system.setdefault(node["system"], []).append(fid)
    for system, fids in sorted(by_system.items()):
        lines = []
        for fid in fids:
            node = view.node(fid)
            notice = node[params.what]
            lines.append(
                f"{node['name']} ({node['status']}): {notice.get('reason')} "
                f"(scan of {str(notice.get('at'))[:10]})"
            )
        held = [c for f in fids for c in view.out(f, Rel.HOLDS) + view.out(f, Rel.HELD)]
        yield Hit(
            subject=system,
            summary=f"{view.name(system)}: " + "; ".join(lines) + ".",
            facts=[ctx.fact(system), *(ctx.fact(f) for f in fids)],
            sources=[c for cid in dict.fromkeys(held) for c in ctx.node_sources(cid)[:1]],
            evidence=[evidence(ctx, f) for f in fids],
        )
