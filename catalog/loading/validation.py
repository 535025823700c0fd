"""Validate an inventory folder and turn it into an `Inventory`, or report every problem.

Checks, in order: files readable and safe; top-level keys known; each entry against its
pydantic model; ids unique across the inventory; every quote verbatim in the section it names;
every reference pointing at an existing entry of an allowed kind, and citing the policy where
it states a fact; the category hierarchy free of cycles, with every item classified; and each
disclosure limited to data its activity processes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from rapidfuzz import process

from catalog.loading.documents import (
    PathKey,
    RawDocument,
    dotted,
    inventory_files,
    read_document,
)
from catalog.loading.policy import MIN_QUOTE_CHARS, Policy, PolicyError, SubsectionSpec, normalize
from catalog.model.kinds import Cite, Label, iter_links, link_target
from catalog.model.memory import collector_paused
from catalog.model.problems import InventoryInvalid, Problem
from catalog.model.schema import (
    ENTRY_KINDS,
    POLICY_KEY,
    Citation,
    Cited,
    DataCategory,
    Entry,
    PolicyMeta,
    ProcessingActivity,
    Regime,
    Statement,
    System,
)
from catalog.model.vocabulary import dpv_problem, fideslang_problem
from catalog.settings import DEFAULT_MAX_FILE_BYTES


@dataclass
class Located:
    """A validated entry and where it was written."""

    kind: str
    model: Any
    doc: RawDocument
    path: PathKey  # path of the entry inside its file, e.g. ("activities", 3)

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def file(self) -> Path:
        return self.doc.file

    def line(self, *sub: str | int) -> int | None:
        return self.doc.line((*self.path, *sub))

    def field(self, *sub: str | int) -> str:
        """The field named by id rather than position: `activities[online-purchase].purposes[1]`."""
        head = f"{dotted(self.path[:-1])}[{self.id}]"
        rest = dotted(tuple(sub))
        if not rest:
            return head
        return head + (rest if rest.startswith("[") else f".{rest}")

    @property
    def first_section(self) -> str | None:
        return self.model.sources[0].section if self.model.sources else None


@dataclass
class Inventory:
    root: Path
    meta: PolicyMeta
    policy: Policy
    entries: dict[str, Located] = field(default_factory=dict)
    fingerprint: str = ""
    meta_doc: RawDocument | None = None  # the file holding `policy:`, for line numbers

    def of_kind(self, kind: str) -> list[Located]:
        return [e for e in self.entries.values() if e.kind == kind]

    def get(self, entry_id: str) -> Located | None:
        return self.entries.get(entry_id)


@dataclass
class _Checker:
    root: Path
    max_file_bytes: int
    policy_override: Path | None
    problems: list[Problem] = field(default_factory=list)
    docs: list[RawDocument] = field(default_factory=list)
    # ids of entries already reported as malformed: references to them are not reported again
    broken_ids: set[str] = field(default_factory=set)
    # a file that cannot be read hides its entries: references into it are not reported
    unreadable: bool = False

    def add(self, file: Path, line: int | None, where: str | None, message: str) -> None:
        self.problems.append(Problem(file, line, where, message))


def load_inventory(
    root: Path,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    policy_override: Path | None = None,
    history: bool = False,
) -> Inventory:
    """The validated inventory; raises InventoryInvalid listing every problem found."""
    inventory, problems = check_inventory(
        root,
        max_file_bytes=max_file_bytes,
        policy_override=policy_override,
        history=history,
    )
    if problems or inventory is None:
        raise InventoryInvalid(problems)
    return inventory


def check_inventory(
    root: Path,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    policy_override: Path | None = None,
    history: bool = False,
) -> tuple[Inventory | None, list[Problem]]:
    """Every problem of the inventory at `root`, or the inventory when there is none.
    `history=True` reads a past revision, as a diff does: it may predate a correction of the
    vocabularies (DPV terms and fideslang keys are left unchecked) or a stricter form (a
    sensitivity flag tied to no regime is read as such rather than refused)."""
    with collector_paused():
        return _check(root, max_file_bytes, policy_override, history)


def _check(
    root: Path, max_file_bytes: int, policy_override: Path | None, history: bool
) -> tuple[Inventory | None, list[Problem]]:
    c = _Checker(root=root, max_file_bytes=max_file_bytes, policy_override=policy_override)
    if not root.is_dir():
        c.add(root, None, None, "inventory folder not found")
        return None, c.problems
    files = inventory_files(root)
    if not files:
        c.add(root, None, None, "no inventory files (*.yaml) in this folder")
        return None, c.problems
    inside = root.resolve()
    for path in files:
        if not path.resolve().is_relative_to(inside):
            c.add(path, None, None, "a link to a file outside the inventory folder; not read")
            c.unreadable = True
            continue
        doc = read_document(path, max_file_bytes)
        if isinstance(doc, Problem):
            c.problems.append(doc)
            c.unreadable = True
        else:
            c.docs.append(doc)
    meta, meta_doc = _policy_meta(c)
    policy = _load_policy(c, meta, meta_doc) if meta and meta_doc else None
    located = _entries(c)
    entries = _unique(c, located)
    if policy is not None:
        if meta is not None and meta_doc is not None:
            _check_policy_sources(c, policy, meta, meta_doc)
        for entry in entries.values():
            _check_citations(c, policy, entry)
        _check_item_names(c, policy, entries)
    _check_links(c, entries)
    _check_systems(c, entries, vocabulary=not history)
    if not history:
        _check_vocabulary(c, entries)
        _check_sensitivity(c, entries)
    _check_categories(c, entries)
    _check_activities(c, entries)
    if c.problems or meta is None or policy is None:
        return None, c.problems
    inventory = Inventory(root=root, meta=meta, policy=policy, entries=entries, meta_doc=meta_doc)
    inventory.fingerprint = _fingerprint(c.docs, policy)
    return inventory, []


# -- structure ---------------------------------------------------------------------------------


def _policy_meta(c: _Checker) -> tuple[PolicyMeta | None, RawDocument | None]:
    found: list[tuple[RawDocument, Any]] = []
    for doc in c.docs:
        if not isinstance(doc.data, dict):
            c.add(doc.file, doc.line(()), None, "the file must be a mapping of sections to entries")
            continue
        for key in doc.data:
            if key != POLICY_KEY and key not in ENTRY_KINDS:
                hint = _did_you_mean(key, [POLICY_KEY, *ENTRY_KINDS])
                c.add(doc.file, doc.line((key,)), key, f"unknown section {key!r}{hint}")
        if POLICY_KEY in doc.data:
            found.append((doc, doc.data[POLICY_KEY]))
    if not found:
        where = c.docs[0].file if c.docs else c.root
        c.add(where, None, POLICY_KEY, "no `policy:` entry naming the source policy text")
        return None, None
    if len(found) > 1:
        doc = found[1][0]
        c.add(doc.file, doc.line((POLICY_KEY,)), POLICY_KEY, "`policy:` is given more than once")
    doc, data = found[0]
    try:
        return PolicyMeta.model_validate(data), doc
    except ValidationError as exc:
        _report_validation(c, doc, (POLICY_KEY,), exc, None)
        return None, doc


def _load_policy(c: _Checker, meta: PolicyMeta, doc: RawDocument) -> Policy | None:
    path = c.policy_override or (c.root / meta.file)
    # The policy text the inventory names lives in its folder: a served revision must not make
    # the API read any other file (an absolute path, `../`, or a link leading out).
    if c.policy_override is None and not path.resolve().is_relative_to(c.root.resolve()):
        c.add(
            doc.file,
            doc.line((POLICY_KEY, "file")),
            "policy.file",
            f"{meta.file!r} is outside the inventory folder; name a file inside it",
        )
        return None
    if not path.is_file():
        c.add(
            doc.file, doc.line((POLICY_KEY, "file")), "policy.file", f"policy text {path} not found"
        )
        return None
    specs = [SubsectionSpec(s.name, s.parent, s.starts) for s in meta.subsections]
    try:
        return Policy.load(path, specs)
    except PolicyError as exc:
        c.add(doc.file, doc.line((POLICY_KEY, "subsections")), "policy.subsections", str(exc))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        c.add(doc.file, doc.line((POLICY_KEY, "file")), "policy.file", f"cannot read {path}: {exc}")
        return None


def _entries(c: _Checker) -> list[Located]:
    out: list[Located] = []
    for doc in c.docs:
        if not isinstance(doc.data, dict):
            continue
        for key, (kind, model) in ENTRY_KINDS.items():
            if key not in doc.data:
                continue
            items = doc.data[key]
            if items is None:
                continue
            if not isinstance(items, list):
                c.add(doc.file, doc.line((key,)), key, f"`{key}` must be a list of entries")
                continue
            for i, item in enumerate(items):
                path: PathKey = (key, i)
                if not isinstance(item, dict):
                    c.add(doc.file, doc.line(path), dotted(path), "each entry must be a mapping")
                    continue
                try:
                    parsed = model.model_validate(item)
                except ValidationError as exc:
                    _report_validation(c, doc, path, exc, item.get("id"))
                    if isinstance(item.get("id"), str):
                        c.broken_ids.add(item["id"])
                    continue
                entry = Located(kind=kind, model=parsed, doc=doc, path=path)
                out.append(entry)
                if isinstance(parsed, Regime):
                    for j, right in enumerate(parsed.rights):
                        out.append(Located(Label.Right, right, doc, (*path, "rights", j)))
    return out


def _report_validation(
    c: _Checker, doc: RawDocument, path: PathKey, exc: ValidationError, entry_id: Any
) -> None:
    for err in exc.errors():
        loc = tuple(err["loc"])
        if loc and loc[-1] == "ref" and isinstance(_raw_at(doc.data, (*path, *loc[:-1])), str):
            loc = loc[:-1]  # a link written as a bare id: name the id, not the model's field
        full = (*path, *loc)
        head = f"{path[0]}[{entry_id}]" if isinstance(entry_id, str) else dotted(path)
        rest = dotted(loc)
        where = head + (rest if rest.startswith("[") or not rest else f".{rest}")
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = f"unknown field {loc[-1]!r}"
        elif err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] in ("model_type", "model_attributes_type", "dict_type"):
            message = f"expected a mapping, got {type(err.get('input')).__name__}"
        c.add(doc.file, doc.line(full), where, message)


def _raw_at(data: Any, path: PathKey) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _unique(c: _Checker, located: list[Located]) -> dict[str, Located]:
    seen: dict[str, Located] = {}
    for entry in located:
        first = seen.get(entry.id)
        if first is not None:
            c.add(
                entry.file,
                entry.line("id"),
                entry.field("id"),
                f"duplicate id {entry.id!r}: already used at {first.file.name}:{first.line('id')} "
                f"({first.kind})",
            )
            continue
        seen[entry.id] = entry
    return seen


# -- citations ---------------------------------------------------------------------------------


def _cited_parts(model: BaseModel, path: PathKey = ()) -> Iterator[tuple[PathKey, Any]]:
    """Every object inside an entry that carries sources, with its path."""
    if isinstance(model, Cited | Entry):
        yield path, model
    for name in type(model).model_fields:
        if name == "rights" and isinstance(model, Regime):
            continue  # rights are entries of their own, checked on their own
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _cited_parts(value, (*path, name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _cited_parts(item, (*path, name, i))


def entry_citations(entry: Located) -> Iterator[tuple[PathKey, Citation]]:
    """Every citation an entry makes, with its path: `sources` items and `quote:` short forms."""
    default = entry.first_section
    for path, part in _cited_parts(entry.model):
        for i, cite in enumerate(part.sources):
            yield (*path, "sources", i), cite
        if isinstance(part, Cited) and part.quote is not None:
            section = part.section or default
            if section is not None:
                yield (*path, "quote"), Citation(section=section, quote=part.quote)


def _check_citations(c: _Checker, policy: Policy, entry: Located) -> None:
    for path, part in _cited_parts(entry.model):
        if isinstance(part, Cited) and part.quote is None and part.section is not None:
            c.add(
                entry.file,
                entry.line(*path, "section"),
                entry.field(*path, "section"),
                "`section` is given without a `quote`",
            )
    for path, cite in entry_citations(entry):
        _check_one(c, policy, entry, path, cite)


def _check_policy_sources(c: _Checker, policy: Policy, meta: PolicyMeta, doc: RawDocument) -> None:
    for i, cite in enumerate(meta.sources):
        path = (POLICY_KEY, "sources", i)
        message = _quote_problem(policy, cite)
        if message:
            c.add(doc.file, doc.line(quote_path(path)), dotted(path), message)


def quote_path(path: PathKey) -> PathKey:
    """Where a citation's quote is written: a `sources` item's `quote:` line, or the short form."""
    return path if path[-1] == "quote" else (*path, "quote")


def _check_one(c: _Checker, policy: Policy, entry: Located, path: PathKey, cite: Citation) -> None:
    message = _quote_problem(policy, cite)
    if message:
        c.add(entry.file, entry.line(*quote_path(path)), entry.field(*path), message)


def _quote_problem(policy: Policy, cite: Citation) -> str | None:
    """Why the citation is not verbatim in the section it names, or None when it is."""
    try:
        section = policy.section(cite.section)
    except PolicyError as exc:
        return f"{exc}{_did_you_mean(cite.section, policy.heading_paths())}"
    if policy.find(cite.quote, section.path) is not None:
        return None
    elsewhere = policy.sections_containing(cite.quote)
    if elsewhere:
        return f"quote is not in section {section.path!r}; it is in {elsewhere[0]!r}: {_short(cite.quote)}"
    return f"quote is not verbatim policy text: {_divergence(policy, cite.quote)}"


def _divergence(policy: Policy, quote: str) -> str:
    """Show how much of the quote matches before it departs from the policy."""
    q = normalize(quote)
    lo, hi = 0, len(q)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if q[:mid] in policy.text:
            lo = mid
        else:
            hi = mid - 1
    if lo == len(q):
        return f"{_short(quote)} occurs only as part of longer words; quote whole words"
    if lo < 8:
        return _short(quote)
    return f"{_short(q[:lo])} matches, then the policy departs from {_short(q[lo:], 40)}"


def _short(text: str, limit: int = 80) -> str:
    text = normalize(text)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _short_name_quoted(model: DataCategory) -> bool:
    """Whether a name too short to look up in the whole policy ("Age", "SSN") is a word of one
    of the item's own quotes: checked where the item is said, not anywhere."""
    name = normalize(model.name)
    if not name or len(name) >= MIN_QUOTE_CHARS:
        return False
    word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    return any(word.search(normalize(s.quote)) for s in model.sources if s.quote)


def _check_item_names(c: _Checker, policy: Policy, entries: dict[str, Located]) -> None:
    for entry in entries.values():
        model = entry.model
        if (
            isinstance(model, DataCategory)
            and model.kind == "item"
            and policy.find(model.name) is None
            and not _short_name_quoted(model)
        ):
            c.add(
                entry.file,
                entry.line("name"),
                entry.field("name"),
                f"a data item is named in the policy's own words; {_short(model.name)} is not policy text",
            )


# -- references ----------------------------------------------------------------------------------


def _check_links(c: _Checker, entries: dict[str, Located]) -> None:
    for entry in entries.values():
        _check_disclosure_citations(c, entry)
        for owner_kind, model, base in _link_owners(entry):
            for spec, link, path in iter_links(owner_kind, model):
                full = (*base, *path)
                target = link_target(spec, link)
                found = entries.get(target)
                if (
                    found is not None
                    and found.kind in spec.targets
                    and (
                        spec.cite is not Cite.OWN
                        or not isinstance(link, Cited)
                        or link.citations(entry.first_section)
                    )
                ):
                    continue  # the common case: nothing to report, no line to look up
                line, where = entry.line(*full), entry.field(*full)
                if found is None and (target in c.broken_ids or c.unreadable):
                    continue
                if found is None:
                    candidates = [e.id for e in entries.values() if e.kind in spec.targets]
                    kinds = " or ".join(spec.targets)
                    c.add(
                        entry.file,
                        line,
                        where,
                        f"unknown {kinds} {target!r}{_did_you_mean(target, candidates)}",
                    )
                    continue
                if found.kind not in spec.targets:
                    c.add(
                        entry.file,
                        line,
                        where,
                        f"{target!r} is a {found.kind}; {spec.field} takes {' or '.join(spec.targets)}",
                    )
                if (
                    spec.cite is Cite.OWN
                    and isinstance(link, Cited)
                    and not link.citations(entry.first_section)
                ):
                    c.add(
                        entry.file,
                        line,
                        where,
                        f"this link states a fact and must cite the policy (add `quote:` or `sources:`) for {target!r}",
                    )


def _check_systems(c: _Checker, entries: dict[str, Located], vocabulary: bool) -> None:
    """Fields and flows point at what exists: categories, systems, recipients; a field is
    listed once per system; its fideslang key is published."""

    def refer(entry: Located, path: PathKey, target: str, kinds: tuple[str, ...]) -> None:
        found = entries.get(target)
        if found is not None and found.kind in kinds:
            return
        if found is None and (target in c.broken_ids or c.unreadable):
            return
        if found is None:
            candidates = [e.id for e in entries.values() if e.kind in kinds]
            message = f"unknown {' or '.join(kinds)} {target!r}{_did_you_mean(target, candidates)}"
        else:
            message = f"{target!r} is a {found.kind}; this takes {' or '.join(kinds)}"
        c.add(entry.file, entry.line(*path), entry.field(*path), message)

    for entry in entries.values():
        if entry.kind != Label.System:
            continue
        system: System = entry.model
        seen: dict[str, int] = {}
        for i, f in enumerate(system.fields):
            if f.key in seen:
                c.add(
                    entry.file,
                    entry.line("fields", i),
                    entry.field("fields", i),
                    f"{f.key} is listed twice (first as fields[{seen[f.key]}])",
                )
            seen.setdefault(f.key, i)
            if f.category is not None:
                refer(entry, ("fields", i, "category"), f.category, (Label.DataCategory,))
            if vocabulary:
                keys: list[tuple[PathKey, str]] = (
                    [(("fideslang",), f.fideslang)] if f.fideslang else []
                )
                keys += [(("more_fideslang", j), k) for j, k in enumerate(f.more_fideslang)]
                kept = {o.key for o in f.outdated_keys}  # unpublished, said so: no fact
                for where, key in keys:
                    if key not in kept and (problem := fideslang_problem(key, "data_category")):
                        at = ("fields", i, *where)
                        c.add(entry.file, entry.line(*at), entry.field(*at), problem)
        if vocabulary:
            _check_fides_keys(c, entry, system)
        for i, flow in enumerate(system.flows):
            refer(entry, ("flows", i, "to"), flow.to, (Label.System, Label.Recipient))
            for j, cat in enumerate(flow.categories):
                refer(entry, ("flows", i, "categories", j), cat, (Label.DataCategory,))


def _check_fides_keys(c: _Checker, entry: Located, system: System) -> None:
    """The keys a Fides system keeps (declarations, egress, ingress) are published fideslang
    keys, as every key datamap states, unless listed under its `outdated` (an import maps old
    keys to their successors and lists those with none there: kept, never exported as fact)."""
    fides = system.fides_system
    if fides is None:
        return
    kept = {o.key for o in fides.outdated}
    found: list[tuple[PathKey, str, str]] = []
    for i, d in enumerate(fides.privacy_declarations):
        at: PathKey = ("fides_system", "privacy_declarations", i)
        found.append(((*at, "data_use"), d.data_use, "data_use"))
        found += [
            ((*at, "data_categories", j), k, "data_category")
            for j, k in enumerate(d.data_categories)
        ]
        found += [
            ((*at, "data_subjects", j), k, "data_subject") for j, k in enumerate(d.data_subjects)
        ]
    for side in ("egress", "ingress"):
        for i, flow in enumerate(getattr(fides, side) or []):
            cats = flow.data_categories or []
            found += [
                (("fides_system", side, i, "data_categories", j), k, "data_category")
                for j, k in enumerate(cats)
            ]
    for at, key, kind in found:
        if key not in kept and (problem := fideslang_problem(key, kind)):
            c.add(entry.file, entry.line(*at), entry.field(*at), problem)


def _link_owners(entry: Located) -> Iterator[tuple[str, Any, PathKey]]:
    """The entry itself and the disclosures nested in it: each makes links of its own."""
    yield entry.kind, entry.model, ()
    if isinstance(entry.model, ProcessingActivity):
        for i, disclosure in enumerate(entry.model.disclosures):
            yield Label.Disclosure, disclosure, ("disclosures", i)


def _check_disclosure_citations(c: _Checker, entry: Located) -> None:
    if not isinstance(entry.model, ProcessingActivity):
        return
    for i, disclosure in enumerate(entry.model.disclosures):
        if not disclosure.citations(entry.first_section):
            c.add(
                entry.file,
                entry.line("disclosures", i),
                entry.field("disclosures", i),
                "a disclosure must cite the policy (add `quote:` or `sources:`)",
            )


# -- semantics -----------------------------------------------------------------------------------


# Which fideslang list an entry's `fideslang:` key comes from.
FIDESLANG_KIND: dict[str, str] = {Label.DataCategory: "data_category", Label.Purpose: "data_use"}


def _check_vocabulary(c: _Checker, entries: dict[str, Located]) -> None:
    """Every DPV term and fideslang key is one its publisher lists (DPV 2.3, fideslang)."""
    for entry in entries.values():
        term = getattr(entry.model, "dpv", None)
        if term:
            problem = dpv_problem(term)
            if problem:
                c.add(entry.file, entry.line("dpv"), entry.field("dpv"), problem)
        key = getattr(entry.model, "fideslang", None)
        if key and entry.kind in FIDESLANG_KIND:
            problem = fideslang_problem(key, FIDESLANG_KIND[entry.kind])
            if problem:
                c.add(entry.file, entry.line("fideslang"), entry.field("fideslang"), problem)


def _check_sensitivity(c: _Checker, entries: dict[str, Located]) -> None:
    for entry in entries.values():
        if entry.kind != Label.DataCategory:
            continue
        for i, flag in enumerate(entry.model.sensitive):
            if flag.regime is None:
                c.add(
                    entry.file,
                    entry.line("sensitive", i),
                    entry.field("sensitive", i, "regime"),
                    "say under which regime the policy calls this sensitive (`regime: pipl`): "
                    "sensitivity is defined by each law, never in general",
                )


def _check_categories(c: _Checker, entries: dict[str, Located]) -> None:
    cats = {k: e for k, e in entries.items() if e.kind == Label.DataCategory}
    reported: set[frozenset[str]] = set()
    for cid, entry in cats.items():
        model: DataCategory = entry.model
        if model.kind == "item" and model.parent is None:
            c.add(
                entry.file,
                entry.line("kind"),
                entry.field("parent"),
                "a data item must be grouped under a normalized category (`parent:`)",
            )
        chain = [cid]
        node = model
        while node.parent is not None and node.parent in cats:
            if node.parent in chain:
                cycle = [*chain[chain.index(node.parent) :], node.parent]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    c.add(
                        entry.file,
                        entry.line("parent"),
                        entry.field("parent"),
                        "the category hierarchy has a cycle: " + " -> ".join(cycle),
                    )
                break
            chain.append(node.parent)
            node = cats[node.parent].model
        above_broken = node.parent is not None and node.parent in c.broken_ids
        if model.personal and model.kind == "item" and not above_broken:
            # (beneath a category that failed to load, the classification is not this item's fault)
            for attr, label in (
                ("ccpa", "CCPA §1798.140(v)(1) category"),
                ("fideslang", "fideslang key"),
                ("dpv", "DPV term"),
            ):
                if not any(getattr(cats[x].model, attr) for x in chain if x in cats):
                    c.add(
                        entry.file,
                        entry.line("name"),
                        entry.field(attr),
                        f"no {label} on this item or any category above it",
                    )


def _check_activities(c: _Checker, entries: dict[str, Located]) -> None:
    cats = {k: e.model for k, e in entries.items() if e.kind == Label.DataCategory}

    def ancestors(cid: str) -> set[str]:
        out: set[str] = set()
        while cid in cats and cid not in out:
            out.add(cid)
            parent = cats[cid].parent
            if parent is None:
                break
            cid = parent
        return out

    for entry in entries.values():
        model = entry.model
        if not isinstance(model, ProcessingActivity):
            continue
        processed = _activity_categories(model, entries)
        if not processed:
            c.add(
                entry.file,
                entry.line("name"),
                entry.field("categories"),
                "the activity processes no data: give `categories:` or `collection_points:` that collect some",
            )
            continue
        for i, disclosure in enumerate(model.disclosures):
            for j, link in enumerate(disclosure.categories or []):
                if link.ref in cats and not (ancestors(link.ref) & processed):
                    c.add(
                        entry.file,
                        entry.line("disclosures", i, "categories", j),
                        entry.field("disclosures", i, "categories", j),
                        f"{link.ref!r} is disclosed but the activity does not process it or anything it belongs to",
                    )
            for j, link in enumerate(disclosure.purposes or []):
                if link.ref not in {p.ref for p in model.purposes}:
                    c.add(
                        entry.file,
                        entry.line("disclosures", i, "purposes", j),
                        entry.field("disclosures", i, "purposes", j),
                        f"{link.ref!r} is not one of the activity's purposes",
                    )


def _activity_categories(model: ProcessingActivity, entries: dict[str, Located]) -> set[str]:
    out: set[str] = {link.ref for link in model.categories}
    for link in model.collection_points:
        cp = entries.get(link.ref)
        if cp is not None and cp.kind == Label.CollectionPoint:
            out |= {x.ref for x in cp.model.collects}
    return out


# -- helpers -------------------------------------------------------------------------------------


def _did_you_mean(value: str, candidates: list[str]) -> str:
    if not candidates:
        return ""
    matches = process.extract(value, candidates, limit=3, score_cutoff=60)
    if not matches:
        return ""
    return " (did you mean " + ", ".join(repr(m[0]) for m in matches) + "?)"


def _fingerprint(docs: list[RawDocument], policy: Policy) -> str:
    """Changes with what the files say, not how they are written: computed on the parsed
    content (a BOM, CRLF line ends, comments or quoting leave it as it is)."""
    h = hashlib.sha256()
    for doc in sorted(docs, key=lambda d: d.file.name):
        h.update(doc.file.name.encode())
        h.update(json.dumps(doc.data, sort_keys=True, default=str, ensure_ascii=False).encode())
    h.update(policy.raw.removeprefix("\ufeff").replace("\r\n", "\n").encode())
    return h.hexdigest()[:16]


def statements(values: list[Statement]) -> list[str]:
    return [s.value for s in values]
