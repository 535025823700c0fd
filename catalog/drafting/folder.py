"""A drafted inventory folder over time: decisions a reviewer takes, and drafting again.

The folder holds the policy text (`policy.txt`), the inventory YAML the drafter writes, and
`draft/`: `decisions.yaml` (each reviewer's decision on a drafted fact: accept, reject, rename,
change the key, with a note, who and when) and `sentences.json` (the policy's sentences when it
was last drafted). The YAML is always the drafter's reading with the decisions applied, so
drafting again after the policy changes keeps every decision whose fact is still read, and
reports the sentences added, changed and removed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.drafting import draft_document, with_heading
from catalog.drafting.as_inventory import POLICY_FILE, _Dumper, inventory_files, mark
from catalog.drafting.draft import ROOT, Draft
from catalog.drafting.lexicon import classify
from catalog.drafting.reading import Document
from catalog.errors import BadRequest
from catalog.model.yamlfile import parse, read_text

STATE = "draft"
DECISIONS = "decisions.yaml"
SENTENCES = "sentences.json"
HEADER = (
    "# Drafted by `datamap draft` from {policy}: every entry is datamap's reading of the quoted\n"
    "# sentences, marked `draft: true` with the drafter's confidence until a person decides on\n"
    "# it (`datamap review draft`). Edit through review: drafting again rewrites this file.\n"
)


class DraftInvalid(BadRequest):
    """The drafted folder would not validate (a bug in the drafter): nothing is written."""

    exit_code = 70


@dataclass
class Redraft:
    folder: Path
    written: list[str]
    added: list[str] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: int = 0  # decisions still applied
    orphaned: list[dict[str, Any]] = field(default_factory=list)  # their fact is no longer read
    dropped: list[str] = field(default_factory=list)  # entries left out to keep it valid
    warnings: list[str] = field(default_factory=list)  # what the reader of the draft must know

    def to_json(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder), "written": self.written, "sentences_added": self.added,
            "sentences_changed": [{"old": a, "new": b} for a, b in self.changed],
            "sentences_removed": self.removed, "decisions_kept": self.kept,
            "decisions_orphaned": self.orphaned, "entries_dropped": self.dropped,
            "warnings": self.warnings,
        }  # fmt: skip


# -- decisions --------------------------------------------------------------------------------


def read_decisions(folder: Path) -> list[dict[str, Any]]:
    path = folder / STATE / DECISIONS
    if not path.is_file():
        return []
    data = parse(read_text(path, 16 * 1024 * 1024), path, what="draft decisions") or {}
    decisions = data.get("decisions") if isinstance(data, dict) else None
    if not isinstance(decisions, list):
        raise BadRequest(f"{path}: expected `decisions:` as a list")
    return [d for d in decisions if isinstance(d, dict) and isinstance(d.get("fact"), str)]


def write_decisions(folder: Path, decisions: list[dict[str, Any]]) -> None:
    import yaml

    path = folder / STATE / DECISIONS
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.dump({"decisions": decisions}, Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=100)  # fmt: skip
    path.write_text(body, encoding="utf-8")


def decide(
    folder: Path,
    fact: str,
    *,
    status: str | None,
    rename: str | None = None,
    key: str | None = None,
    note: str | None = None,
    by: str | None = None,
) -> dict[str, Any]:
    """Record one decision (replacing any earlier one on the same fact) and redraft."""
    files = current_files(folder)
    entry = find_entry(files, fact)
    if entry is None:
        raise BadRequest(f"no drafted fact {fact!r} in {folder}; `datamap review draft` lists them")
    if key is not None:
        from catalog.model.vocabulary import fideslang_problem

        problem = fideslang_problem(key, "data_category")
        if problem:
            raise BadRequest(problem)
        if entry.get("kind") != "item":
            raise BadRequest("--key changes the fideslang key of a data item only")
    decision: dict[str, Any] = {"fact": fact, "quote": _first_quote(entry)}
    if status:
        decision["status"] = status
    if rename:
        decision["rename"] = rename
    if key:
        decision["fideslang"] = key
    if note:
        decision["note"] = note
    decision["by"] = by or "unknown"
    decision["date"] = dt.date.today().isoformat()
    decisions = [d for d in read_decisions(folder) if d.get("fact") != fact] + [decision]
    # (written with the folder it shapes, in the one swap: never a decision without its draft)
    policy_text = (folder / POLICY_FILE).read_text(encoding="utf-8")
    meta = (files.get("policy.yaml") or {}).get("policy") or {}
    # the title and company the folder was drafted with stay as they were
    title = meta.get("title") if isinstance(meta, dict) else None
    company = _company(files)
    build_folder(folder, Document(policy_text, "text", title), company, decisions)
    return decision


def _company(files: dict[str, dict[str, Any]]) -> str | None:
    orgs = (files.get("organisations.yaml") or {}).get("organisations") or []
    return str(orgs[0]["name"]) if orgs and isinstance(orgs[0], dict) else None


def current_files(folder: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = parse(read_text(path, 64 * 1024 * 1024), path, what="an inventory")
        if isinstance(data, dict):
            out[path.name] = data
    return out


def find_entry(files: dict[str, dict[str, Any]], fact: str) -> dict[str, Any] | None:
    for data in files.values():
        for entries in data.values():
            if isinstance(entries, list):
                for e in entries:
                    if isinstance(e, dict) and e.get("id") == fact:
                        return e
    return None


def entries(files: dict[str, dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (kind, e)
        for data in files.values()
        for kind, items in data.items()
        if isinstance(items, list)
        for e in items
        if isinstance(e, dict) and "id" in e
    ]


def _first_quote(entry: dict[str, Any]) -> str | None:
    sources = entry.get("sources") or []
    return sources[0].get("quote") if sources else None


def apply_decisions(
    files: dict[str, dict[str, Any]], decisions: list[dict[str, Any]]
) -> tuple[int, list[dict[str, Any]]]:
    """Apply each decision to the drafted files; returns (applied, those whose fact is gone)."""
    applied, orphaned = 0, []
    dropped: set[str] = set()
    for d in decisions:
        entry = find_entry(files, d["fact"])
        if entry is None:
            orphaned.append(d)
            continue
        applied += 1
        if d.get("status") == "rejected":
            dropped.add(d["fact"])
            continue
        if d.get("fideslang") and entry.get("kind") == "item":
            entry["parent"] = _category_for(files, d["fideslang"], entry)
            entry["fideslang"] = d["fideslang"]
        if d.get("rename"):
            entry["name"] = d["rename"]
            if entry.get("kind") == "item":
                # an item is named in the policy's words; a reviewer's name makes it a category
                entry["kind"] = "category"
        if d.get("status") == "accepted":
            entry["draft"] = False
        if d.get("note"):
            entry["description"] = f"Reviewer's note ({d.get('by')}, {d.get('date')}): {d['note']}"
    if dropped:
        prune(files, dropped)
    return applied, orphaned


def _category_for(files: dict[str, dict[str, Any]], key: str, item: dict[str, Any]) -> str:
    cats = files.setdefault("categories.yaml", {}).setdefault("categories", [])
    for c in cats:
        if c.get("kind") == "category" and c.get("fideslang") == key:
            return str(c["id"])
    dpv, letters = classify(key)
    cid = re.sub(r"[^a-z0-9]+", "-", key.replace("user.", "").lower()).strip("-") + "-reviewed"
    cats.append(mark({
        "id": cid, "name": key.rsplit(".", 1)[-1].replace("_", " ").capitalize(),
        "kind": "category", "parent": ROOT, "fideslang": key, "dpv": dpv, "ccpa": list(letters),
        "classification_note": f"A reviewer's key ({key}) for a drafted item.",
        "sources": item.get("sources", [])[:1],
    }, 1.0))  # fmt: skip
    cats[-1]["draft"] = False
    return cid


def prune(files: dict[str, dict[str, Any]], dropped: set[str]) -> None:
    """Remove entries by id, every link to them, and what is left with nothing to state."""
    while dropped:
        more: set[str] = set()
        for data in files.values():
            for kind, items in list(data.items()):
                if not isinstance(items, list):
                    continue
                kept = []
                for e in items:
                    if isinstance(e, dict) and e.get("id") in dropped:
                        continue
                    if isinstance(e, dict) and _strip_links(e, dropped) and "id" in e:
                        more.add(e["id"])
                        continue
                    kept.append(e)
                data[kind] = kept
        dropped = more


_LINK_LISTS = ("categories", "purposes", "mechanisms", "collection_points", "rights", "minors")


def _strip_links(e: dict[str, Any], dropped: set[str]) -> bool:
    """Drop links to removed entries; True when the entry itself no longer stands."""
    for name in ("recipient", "parent", "from", "to", "regime"):
        value = e.get(name)
        if isinstance(value, str) and value in dropped:
            return True
    for name in _LINK_LISTS:
        links = e.get(name)
        if isinstance(links, list):
            e[name] = [
                x for x in links
                if not ((isinstance(x, str) and x in dropped)
                        or (isinstance(x, dict) and x.get("ref") in dropped))
            ]  # fmt: skip
            if (
                name == "categories"
                and not e[name]
                and ("recipient" in e or "business_function" in e)
            ):
                return True
    discl = e.get("disclosures")
    if isinstance(discl, list):
        e["disclosures"] = [
            x for x in discl if not _strip_links(x, dropped) and x.get("categories") != []
        ]
    return False


# -- drafting a folder ------------------------------------------------------------------------


def sentences_of(draft: Draft) -> list[str]:
    return [u.text for u in draft.reading.units]


def build_folder(
    folder: Path,
    doc: Document,
    company: str | None,
    decisions: list[dict[str, Any]] | None = None,
) -> Redraft:
    """Draft `doc` into `folder`: written whole into a new folder, validated, then swapped in,
    so that a failure leaves the folder as it was."""
    from catalog.loading.validation import check_inventory

    text = with_heading(doc)
    draft = draft_document(Document(text, doc.format, doc.title), company)
    decisions = read_decisions(folder) if decisions is None else decisions
    files = inventory_files(draft)
    kept, orphaned = apply_decisions(files, decisions)
    report = Redraft(folder, [], kept=kept, orphaned=orphaned, warnings=draft.warnings)
    old_sentences = _read_sentences(folder)
    new_sentences = sentences_of(draft)
    if old_sentences is not None:
        report.added, report.changed, report.removed = _sentence_changes(
            old_sentences, new_sentences
        )
    folder.parent.mkdir(parents=True, exist_ok=True)
    for _round in range(4):
        stage = Path(tempfile.mkdtemp(prefix=".draft-", dir=folder.parent))
        try:
            written = _write(stage, files, text, decisions, new_sentences)
            _inventory, problems = check_inventory(stage)
            if not problems:
                _swap(stage, folder, written)
                report.written = written
                return report
            bad = {
                m.group(1) for p in problems if (m := re.search(r"\[([a-z0-9-]+)\]", p.field or ""))
            }
            bad -= {ROOT}
            if not bad:
                raise DraftInvalid(
                    "the draft does not validate: "
                    + "; ".join(f"{p.file.name}:{p.line}: {p.message}" for p in problems[:5])
                )
            report.dropped.extend(sorted(bad))
            prune(files, bad)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    raise DraftInvalid("the draft does not validate after leaving out the entries in question")


def _write(
    folder: Path,
    files: dict[str, dict[str, Any]],
    text: str,
    decisions: list[dict[str, Any]],
    sentences: list[str],
) -> list[str]:
    import yaml

    (folder / POLICY_FILE).write_text(text, encoding="utf-8")
    written = [POLICY_FILE]
    for name, data in files.items():
        data = {k: v for k, v in data.items() if v != []}
        if not data:
            continue
        body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        (folder / name).write_text(HEADER.format(policy=POLICY_FILE) + body, encoding="utf-8")
        written.append(name)
    (folder / STATE).mkdir()
    (folder / STATE / SENTENCES).write_text(
        json.dumps(sentences, ensure_ascii=False, indent=0), encoding="utf-8"
    )
    if decisions:
        write_decisions(folder, decisions)
    return written


def _swap(stage: Path, folder: Path, written: list[str]) -> None:
    """Replace the drafter's files in `folder` with the staged ones; other files stay."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        if old.read_text(encoding="utf-8", errors="replace").startswith("# Drafted by"):
            old.unlink()
    for name in written:
        (stage / name).replace(folder / name)
    state = folder / STATE
    state.mkdir(exist_ok=True)
    for part in (stage / STATE).iterdir():
        part.replace(state / part.name)


def _read_sentences(folder: Path) -> list[str] | None:
    path = folder / STATE / SENTENCES
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return [s for s in data if isinstance(s, str)] if isinstance(data, list) else None


def _sentence_changes(
    old: list[str], new: list[str]
) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    old_set, new_set = set(old), set(new)
    gone = [s for s in old if s not in new_set]
    came = [s for s in new if s not in old_set]
    changed: list[tuple[str, str]] = []
    unmatched: list[str] = []
    for s in came:
        best = max(gone, key=lambda g: difflib.SequenceMatcher(None, g, s).quick_ratio(),
                   default=None)  # fmt: skip
        if best is not None and difflib.SequenceMatcher(None, best, s).ratio() >= 0.6:
            changed.append((best, s))
            gone.remove(best)
        else:
            unmatched.append(s)
    return unmatched, changed, gone


def draft_folder_facts(folder: Path) -> list[dict[str, Any]]:
    """Every drafted entry of the folder, for `datamap review draft`."""
    files = current_files(folder)
    decisions = {d["fact"]: d for d in read_decisions(folder)}
    out = []
    keys = {e["id"]: e.get("fideslang") for kind, e in entries(files) if kind == "categories"}
    parents = {e["id"]: e.get("parent") for kind, e in entries(files) if kind == "categories"}

    def key_of(cid: str | None) -> str | None:
        seen: set[str] = set()
        while cid and cid not in seen:  # an item's key is the nearest one above it
            seen.add(cid)
            if keys.get(cid):
                return keys[cid]
            cid = parents.get(cid)
        return None

    for kind, e in entries(files):
        if "draft" not in e:
            continue
        d = decisions.get(e["id"], {})
        out.append({
            "id": e["id"], "kind": kind, "name": e.get("name"),
            "fideslang": key_of(e["id"]) if kind == "categories" else e.get("fideslang"),
            "role": e.get("role"), "confidence": e.get("confidence"),
            "status": d.get("status") or ("accepted" if e.get("draft") is False else "drafted"),
            "note": d.get("note"), "quote": _first_quote(e),
        })  # fmt: skip
    return out
