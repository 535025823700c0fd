"""A scan written into the inventory as a system, and re-scans that keep people's decisions.

`systems.yaml` is the one file datamap writes in an inventory folder. A scan adds each personal
column as a `suggested` field; a person marks it `accepted` or `rejected` (by editing the file
or with `datamap review`). A re-scan then:
- keeps every decision (status, category, subject, note) and re-checks accepted fields against
  the new evidence: one that no longer matches is marked `no_longer_matching` in the file, with
  what the scan finds now (cleared when the evidence agrees again or a person decides again);
- carries a decision over a rename: a decided column gone from a table and a new column of the
  same table, of a compatible type, with a similar name or values alike, are one column; the
  field keeps its decision under its new name with `renamed_from` and the evidence for the match;
- marks a decided field whose column is gone `gone` (the decision is kept, and holds again if the
  column comes back); a suggestion whose column is gone is removed;
- replaces suggestions with the new scan's, and drops those no longer found personal;
- reports new, renamed, gone and returned columns and columns whose type changed;
- keeps as they were the fields of a table it could not read, or left out (`--table`);
- leaves out, with a warning, a column whose name the inventory cannot hold (longer than a name
  may be, or only spaces), rather than refuse the whole write.
Nothing else in the file is touched. The caller validates the inventory after writing and puts
the old file back if it no longer loads: a scan never leaves an inventory broken.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, ValidationError

from catalog.errors import DatamapError
from catalog.model.results import Model, ScanField, ScanReport
from catalog.model.schema import SystemField
from catalog.model.yamlfile import YamlRefused, read_yaml
from catalog.scanning.classify import values_said
from catalog.scanning.recognisers import RECOGNISERS
from catalog.settings import DEFAULT_MAX_FILE_BYTES

FILE = "systems.yaml"
DECIDED = ("accepted", "rejected")


class SystemsFileError(DatamapError):
    exit_code = 1


class FieldChange(Model):
    field: str
    detail: str


class ScanChanges(Model):
    """What a scan changed in a system's fields, for the person who reviews it."""

    system: str
    file: str
    created: bool
    new: list[FieldChange]
    dropped: list[FieldChange]
    retyped: list[FieldChange]
    no_longer_matching: list[FieldChange]
    suggested: int
    decisions_kept: int
    skipped: list[FieldChange] = Field(
        default_factory=list,
        description="Personal columns not written: the inventory cannot hold their names",
    )
    unread: list[FieldChange] = Field(
        default_factory=list,
        description="Fields kept as they were: the scan could not read their table",
    )
    renamed: list[FieldChange] = Field(
        default_factory=list,
        description="Decided columns found under a new name: the decision moved with them",
    )
    returned: list[FieldChange] = Field(
        default_factory=list,
        description="Columns marked gone by an earlier scan and found again",
    )


def _key(f: dict[str, Any]) -> str:
    return ".".join(str(x) for x in (f.get("schema"), f.get("table"), f.get("column")) if x)


def _field_key(f: ScanField) -> str:
    return ".".join(x for x in (f.schema_, f.table, f.column) if x)


def _scan_record(f: ScanField, report: ScanReport) -> dict[str, Any]:
    return {
        "database": report.database,
        "at": report.scanned_at,
        "confidence": f.confidence,
        "evidence": [dict(e) for e in f.evidence],
    }


def _suggestion(f: ScanField, report: ScanReport) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if f.schema_:
        out["schema"] = f.schema_
    out |= {"table": f.table, "column": f.column, "data_type": f.data_type}
    if f.category:
        out["category"] = f.category
    out["fideslang"] = f.fideslang
    if f.subject:
        out["subject"] = f.subject
    out |= {"status": "suggested", "scan": _scan_record(f, report)}
    return out


def _what(f: ScanField, key: str | None = None) -> str:
    """What the values said, in words: the recogniser for `key`'s kind of data first (so the
    reason given is the evidence for what the scan finds, not the first recogniser that ran)."""
    said = _values(f.evidence)
    if key is not None:
        said.sort(key=lambda e: not _same_kind(RECOGNISERS[e["recogniser"]].fideslang, key))
    return values_said(said[:1])[0] if said else "by its name"


def _values(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        e
        for e in evidence
        if e.get("kind") == "values" and e.get("recogniser") in RECOGNISERS and e.get("sampled")
    ]


def _same_kind(a: str | None, b: str | None) -> bool:
    """Two fideslang keys name the same kind of data: one is the other or beneath it."""
    if not a or not b:
        return False
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def _stale(before: dict[str, Any], f: ScanField) -> str | None:
    """Why an accepted field no longer matches the scan's evidence, or None when it does."""
    accepted_as = before.get("fideslang") or before.get("category")
    said = _values(f.evidence)
    if not f.personal:
        why = f" ({values_said(said[:1])[0]})" if said else ""
        return f"accepted as {accepted_as}; the scan now finds nothing personal{why}"
    if before.get("fideslang") and not _same_kind(f.fideslang, before["fideslang"]):
        return (
            f"accepted as {accepted_as}; the scan now finds {f.fideslang} ({_what(f, f.fideslang)})"
        )
    if _contradicted(f):
        # the recogniser for what was accepted, with its count: "0/20 values look like email"
        own = [e for e in said if _same_kind(RECOGNISERS[e["recogniser"]].fideslang, accepted_as)]
        others = [
            e for e in said if e not in own and e.get("rate", 0) >= 0.5
        ]  # what they look like instead, when something says so
        why = values_said(own[:1])[0] if own else "the values do not look like it"
        instead = f"; {values_said(others[:1])[0]}" if others else ""
        return f"accepted as {accepted_as}; its values no longer look like it: {why}{instead}"
    return None


# -- renames -------------------------------------------------------------------------------------

# Types a column can change between and stay the same column: by family, not by width.
_TYPE_FAMILIES = (
    ("text", ("char", "text", "string", "clob", "citext", "enum", "uuid", "json", "xml", "inet")),
    ("integer", ("int", "serial")),
    ("number", ("numeric", "decimal", "float", "double", "real", "money")),
    ("time", ("date", "time")),
    ("boolean", ("bool", "bit")),
    ("binary", ("blob", "binary", "bytea")),
)
# A rename is believed on a name this alike, or on values alike with a compatible type.
_NAME_ALIKE = 0.6


def _type_family(data_type: str | None) -> str | None:
    t = re.sub(r"\(.*?\)", "", (data_type or "").lower())
    return next((name for name, words in _TYPE_FAMILIES if any(w in t for w in words)), None)


def _words(column: str) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+|(?<=[a-z])(?=[0-9])", column.lower()) if w}


@dataclass(frozen=True)
class _Match:
    old: str
    new: str
    score: float
    evidence: tuple[str, ...]


def _rename_match(before: dict[str, Any], old_key: str, f: ScanField) -> _Match | None:
    """Whether `f`, a column the last scan did not know, is `before` under a new name: the same
    table, a compatible type, and a similar name or values alike; with the evidence."""
    if _table_of(before) != (f.schema_ or None, f.table):
        return None
    was, now = _type_family(before.get("data_type")), _type_family(f.data_type)
    if was is not None and now is not None and was != now:
        return None
    evidence = [f"same table {f.table}"]
    if before.get("data_type"):
        evidence.append(
            f"type {before['data_type']} as before"
            if before["data_type"] == f.data_type
            else f"type {before['data_type']} → {f.data_type} (both {was or 'unknown'})"
        )
    old_name, new_name = str(before.get("column")), f.column
    alike = difflib.SequenceMatcher(None, old_name.lower(), new_name.lower()).ratio()
    shared = _words(old_name) & _words(new_name)
    named = alike >= _NAME_ALIKE or bool(shared)
    if named:
        evidence.append(
            f"name {old_name} → {new_name} ("
            + (f"shares '{', '.join(sorted(shared))}'" if shared else f"{alike:.0%} alike")
            + ")"
        )
    before_said = {
        e["recogniser"]: e for e in _values((before.get("scan") or {}).get("evidence") or [])
    }
    values = [
        e
        for e in _values(f.evidence)
        if e["recogniser"] in before_said
        and e.get("rate", 0) >= 0.5
        and before_said[e["recogniser"]].get("rate", 0) >= 0.5
    ]
    if values:
        e = values[0]
        b = before_said[e["recogniser"]]
        evidence.append(
            f"values: {e['matched']}/{e['sampled']} look like {e['recogniser'].replace('_', ' ')}"
            f", as before ({b['matched']}/{b['sampled']})"
        )
    same_key = bool(before.get("fideslang")) and f.personal and f.fideslang == before["fideslang"]
    if same_key:
        evidence.append(f"the scan finds {f.fideslang}, as accepted")
    if not (named or values):
        return None
    if not named and not same_key:
        return None  # values alike alone, of another kind of data, are two columns
    score = (alike if named else 0.0) + (1.0 if values else 0.0) + (0.5 if same_key else 0.0)
    return _Match(old_key, _field_key(f), score, tuple(evidence))


def _renames(
    gone: dict[str, dict[str, Any]], new: dict[str, ScanField]
) -> tuple[dict[str, _Match], list[FieldChange]]:
    """Each new column that is a gone decided one renamed (new key → match), one to one; and
    the pairs too close to call, which are left as a gone column and a new one, said so."""
    candidates = [
        m
        for old_key, before in gone.items()
        for f in new.values()
        if (m := _rename_match(before, old_key, f)) is not None
    ]
    candidates.sort(key=lambda m: (-m.score, m.old, m.new))
    chosen: dict[str, _Match] = {}
    unsure: list[FieldChange] = []
    used_old: set[str] = set()
    for m in candidates:
        if m.new in chosen or m.old in used_old:
            continue
        rivals = [
            c
            for c in candidates
            if c is not m
            and c.score == m.score
            and (c.old == m.old or c.new == m.new)
            and c.new not in chosen
            and c.old not in used_old
        ]
        if rivals:
            names = ", ".join(sorted({c.new for c in (m, *rivals)}))
            unsure.append(
                FieldChange(
                    field=m.old,
                    detail=f"gone; it may have been renamed ({names}): decide again by hand",
                )
            )
            used_old |= {m.old, *(c.old for c in rivals)}
            continue
        chosen[m.new] = m
        used_old.add(m.old)
    return chosen, unsure


def _event(report: ScanReport, reason: str, since: dict[str, Any] | None = None) -> dict[str, Any]:
    """A stored event of this scan; one already stored for the same reason keeps its date."""
    at = (since or {}).get("at") if (since or {}).get("reason") == reason else None
    return {"at": at or report.scanned_at, "database": report.database, "reason": reason}


def merge_scan(
    system: dict[str, Any] | None,
    report: ScanReport,
    system_id: str,
    name: str | None = None,
    kind: str = "database",
    *,
    schemas: Collection[str] | None = None,
    tables: Collection[str] | None = None,
) -> tuple[dict[str, Any], ScanChanges]:
    """The system as it should be written after `report`, and what changed. A scan of some
    `schemas` or `tables` only says nothing of the others: their fields stay as they are."""
    created = system is None
    system = (
        {"id": system_id, "name": name or system_id, "kind": kind}
        if system is None
        else dict(system)
    )
    if name:
        system["name"] = name
    old = {_key(f): f for f in system.get("fields") or []}
    scanned = {_field_key(f): f for f in report.fields}
    # keyed as _table_of keys a field: (schema or None, table)
    not_read: dict[tuple[str | None, str | None], str] = {
        (s.schema_, s.table): s.reason for s in report.skipped
    }
    tables_read = {(f.schema_ or None, f.table) for f in report.fields}
    new, dropped, retyped, stale, skipped, unread = [], [], [], [], [], []
    renamed, returned = [], []
    kept = suggested = 0
    fields: list[dict[str, Any]] = []

    def outside(f: dict[str, Any]) -> bool:
        return (schemas is not None and f.get("schema") not in schemas) or (
            tables is not None and f.get("table") not in tables
        )

    def missing(k: str, f: dict[str, Any]) -> bool:
        """Not found by this scan, though the scan read where it was."""
        return k not in scanned and not outside(f) and _table_of(f) not in not_read

    # decided columns gone from a table they were in, and columns the file does not know yet
    gone_decided = {k: f for k, f in old.items() if f.get("status") in DECIDED and missing(k, f)}
    moved, unsure = _renames(gone_decided, {k: f for k, f in scanned.items() if k not in old})
    moved_from = {m.old for m in moved.values()}

    # What the file will hold besides this scan's suggestions, as validation names them: a
    # suggestion that comes out as one of these once trimmed would make the file invalid.
    taken = {
        _trimmed_key(f)
        for k, f in old.items()
        if (f.get("status") in DECIDED and k not in moved_from)
        or (k not in scanned and (_table_of(f) in not_read or outside(f)))
    }

    def admit(f: ScanField, suggestion: dict[str, Any]) -> bool:
        """One column the inventory cannot hold (a name longer than the schema takes, or
        only spaces) is left out with a warning, not a refusal of the whole scan."""
        reason = _refused(suggestion, taken)
        if reason is not None:
            skipped.append(FieldChange(field=_field_key(f), detail=reason))
        return reason is None

    for key, f in scanned.items():
        before = old.get(key)
        match = moved.get(key)
        if before is None and match is not None:
            before = dict(old[match.old])
            for part, value in (("schema", f.schema_), ("table", f.table), ("column", f.column)):
                if value:
                    before[part] = value
            before.pop("gone", None)
            before["renamed_from"] = {
                "from": match.old,
                "at": report.scanned_at,
                "evidence": list(match.evidence),
            }
            if admit(f, before):  # its new name must be one the inventory can hold
                renamed.append(
                    FieldChange(
                        field=key,
                        detail=f"renamed from {match.old}; the {before['status']} decision "
                        f"moved with it ({'; '.join(match.evidence)})",
                    )
                )
            else:
                continue
        if before is None:
            if f.personal and admit(f, suggestion := _suggestion(f, report)):
                fields.append(suggestion)
                new.append(
                    FieldChange(field=key, detail=f"{f.fideslang} ({_what(f, f.fideslang)})")
                )
                suggested += 1
            continue
        if before.get("data_type") and before["data_type"] != f.data_type:
            retyped.append(FieldChange(field=key, detail=f"{before['data_type']} → {f.data_type}"))
        if before.get("gone"):
            returned.append(
                FieldChange(
                    field=key,
                    detail=f"gone since {str(before['gone'].get('at'))[:10]}, found again"
                    + (
                        f"; the {before['status']} decision holds again"
                        if before.get("status") in DECIDED
                        else ""
                    ),
                )
            )
        if before.get("status") in DECIDED:
            kept += 1
            after = dict(before)
            after.pop("gone", None)
            after["data_type"] = f.data_type
            after["scan"] = _scan_record(f, report)
            if "subject" not in after and f.subject:
                # a decision on what a field holds says nothing of whom: the scan may (a
                # reviewer's `subject: null`, nobody of the five, stays)
                after["subject"] = f.subject
            reason = _stale(before, f) if before["status"] == "accepted" else None
            if reason is not None:
                stale.append(FieldChange(field=key, detail=reason))
                after["no_longer_matching"] = _event(
                    report, reason, before.get("no_longer_matching")
                )
            else:
                after.pop("no_longer_matching", None)
            fields.append(after)
        elif f.personal:
            if admit(f, suggestion := _suggestion(f, report) | _kept_notes(before)):
                fields.append(suggestion)
                suggested += 1
        else:
            dropped.append(
                FieldChange(field=key, detail="no longer found personal; suggestion removed")
            )
    dropped.extend(unsure)
    unsure_keys = {c.field for c in unsure}
    for key, before in old.items():
        if key in scanned or key in moved_from:
            continue
        if outside(before):
            if before.get("status") in DECIDED:
                kept += 1
            fields.append(before)
            continue
        reason = not_read.get(_table_of(before))
        if reason is not None:
            # A table the scan could not read says nothing about its columns.
            if before.get("status") in DECIDED:
                kept += 1
            fields.append(before)
            unread.append(FieldChange(field=key, detail=f"table not read ({reason}); kept"))
            continue
        if before.get("status") in DECIDED:
            kept += 1
            why = (
                f"the scan found no column {before.get('column')} in table {before.get('table')}"
                if _table_of(before) in tables_read
                else f"the scan found no table {before.get('table')}"
            )
            after = dict(before)
            after["gone"] = _event(report, why, before.get("gone"))
            after.pop("no_longer_matching", None)  # nothing left to match
            fields.append(after)
            if key not in unsure_keys:
                dropped.append(
                    FieldChange(
                        field=key,
                        detail=f"column gone ({why}); the {before['status']} decision is kept, "
                        "marked gone",
                    )
                )
        else:
            dropped.append(FieldChange(field=key, detail="column gone; suggestion removed"))
    system["scanned"] = {
        "database": report.database,
        "at": report.scanned_at,
        "confidence": 1.0,
        "evidence": [
            {
                "kind": "scan",
                "tables": report.tables,
                "columns": report.columns,
                "personal": report.personal,
                "sample_limit": report.sample_limit,
            }
        ],
    }
    system["fields"] = fields
    changes = ScanChanges(
        system=system_id,
        file=FILE,
        created=created,
        new=new,
        dropped=dropped,
        retyped=retyped,
        no_longer_matching=stale,
        suggested=suggested,
        decisions_kept=kept,
        skipped=skipped,
        unread=unread,
        renamed=renamed,
        returned=returned,
    )
    return system, changes


def _table_of(f: dict[str, Any]) -> tuple[str | None, str | None]:
    return (f.get("schema") or None, f.get("table"))


def _trimmed_key(f: dict[str, Any]) -> str:
    """The field's key as validation reads it: each part with its spaces trimmed."""
    parts = (f.get("schema"), f.get("table"), f.get("column"))
    return ".".join(s for x in parts if x and (s := str(x).strip()))


def _refused(suggestion: dict[str, Any], taken: set[str]) -> str | None:
    """Why the inventory would refuse this field, if it would; else None (and its key taken)."""
    try:
        key = SystemField.model_validate(suggestion).key
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(x) for x in error["loc"])
        return f"{where}: {error['msg']}"
    if key in taken:
        return f"the same field as {key} once spaces are trimmed"
    taken.add(key)
    return None


def _contradicted(f: ScanField) -> bool:
    return any(e.get("kind") == "values" and e.get("supports") is False for e in f.evidence)


def _kept_notes(before: dict[str, Any]) -> dict[str, Any]:
    return {"note": before["note"]} if before.get("note") else {}


def read_systems(root: Path) -> tuple[Path, dict[str, Any]]:
    path = root / FILE
    if not path.exists():
        return path, {"systems": []}
    try:  # the inventory's own reader and limits: no aliases, size, depth and count capped
        data = read_yaml(path, DEFAULT_MAX_FILE_BYTES, what="an inventory") or {}
    except YamlRefused as exc:
        raise SystemsFileError(f"{exc.message}; fix it before scanning again") from None
    if not isinstance(data, dict) or not isinstance(data.get("systems", []), list):
        raise SystemsFileError(f"{path}: expected a mapping with a `systems:` list")
    data.setdefault("systems", [])
    return path, data


def find_system(data: dict[str, Any], system_id: str) -> dict[str, Any] | None:
    return next(
        (s for s in data["systems"] if isinstance(s, dict) and s.get("id") == system_id), None
    )


def put_system(data: dict[str, Any], system: dict[str, Any]) -> None:
    for i, s in enumerate(data["systems"]):
        if isinstance(s, dict) and s.get("id") == system["id"]:
            data["systems"][i] = system
            return
    data["systems"].append(system)


HEADER = (
    "# Systems: what the company holds and sends, as scanned or declared (never policy text).\n"
    "# Written by `datamap scan --write`; edit `status` (accepted | rejected), `category`,\n"
    "# `subject` and `note` freely: a re-scan keeps them once decided. Comments elsewhere in this\n"
    "# file are not kept.\n"
)


def dump_systems(path: Path, data: dict[str, Any]) -> None:
    # a deep copy: the dumper writes an object met twice as an anchor, which inventories refuse
    text = yaml.safe_dump(copy.deepcopy(data), sort_keys=False, allow_unicode=True, width=100)
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(HEADER + text, encoding="utf-8")
    tmp.replace(path)


def set_status(
    system: dict[str, Any],
    column: str,
    status: str,
    *,
    category: str | None = None,
    note: str | None = None,
    by: str | None = None,
    subject: str | None = None,
) -> dict[str, Any]:
    """Mark one field accepted or rejected; `column` is table.column or schema.table.column.
    `subject` says whom it is about ("none": nobody the scan's five words name)."""
    matches = [
        f for f in system.get("fields") or [] if _key(f) == column or _key(f).endswith("." + column)
    ]
    if not matches:
        known = ", ".join(sorted(_key(f) for f in system.get("fields") or [])[:12]) or "none"
        raise SystemsFileError(f"system {system['id']!r} has no field {column!r} (it has: {known})")
    if len(matches) > 1:
        raise SystemsFileError(
            f"{column!r} names several fields: {', '.join(_key(f) for f in matches)}"
        )
    field = matches[0]
    field["status"] = status
    field.pop("no_longer_matching", None)  # a person has looked again: decided afresh
    if category is not None:
        field["category"] = category
    if subject == "none":
        field["subject"] = None  # said, and kept: a re-scan does not fill it in again
    elif subject is not None:
        field["subject"] = subject
    if note is not None:
        field["note"] = note
    if by is not None:
        field["declared"] = {"by": by, "date": dt.date.today().isoformat()}
    return field
