"""A scan written into the inventory as a system, and re-scans that keep people's decisions.

`systems.yaml` is the one file datamap writes in an inventory folder. A scan adds each personal
column as a `suggested` field; a person marks it `accepted` or `rejected` (by editing the file
or with `datamap review`). A re-scan then:
- keeps every decision (status, category, subject, note) and re-checks accepted fields against
  the new evidence, reporting those whose values no longer match;
- replaces suggestions with the new scan's, and drops those no longer found personal;
- reports new columns, dropped columns and columns whose type changed;
- keeps as they were the fields of a table it could not read, or left out (`--table`);
- leaves out, with a warning, a column whose name the inventory cannot hold (longer than a name
  may be, or only spaces), rather than refuse the whole write.
Nothing else in the file is touched. The caller validates the inventory after writing and puts
the old file back if it no longer loads: a scan never leaves an inventory broken.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, ValidationError

from catalog.errors import DatamapError
from catalog.model.results import Model, ScanField, ScanReport
from catalog.model.schema import SystemField
from catalog.model.yamlfile import YamlRefused, read_yaml
from catalog.scanning.classify import values_said
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


def _what(f: ScanField) -> str:
    said = values_said(f.evidence)
    return said[0] if said else "by its name"


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
    not_read = {(s.schema_, s.table): s.reason for s in report.skipped}
    new, dropped, retyped, stale, skipped, unread = [], [], [], [], [], []
    kept = suggested = 0
    fields: list[dict[str, Any]] = []

    def outside(f: dict[str, Any]) -> bool:
        return (schemas is not None and f.get("schema") not in schemas) or (
            tables is not None and f.get("table") not in tables
        )

    # What the file will hold besides this scan's suggestions, as validation names them: a
    # suggestion that comes out as one of these once trimmed would make the file invalid.
    taken = {
        _trimmed_key(f)
        for k, f in old.items()
        if f.get("status") in DECIDED
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
        if before is None:
            if f.personal and admit(f, suggestion := _suggestion(f, report)):
                fields.append(suggestion)
                new.append(FieldChange(field=key, detail=f"{f.fideslang} ({_what(f)})"))
                suggested += 1
            continue
        if before.get("data_type") and before["data_type"] != f.data_type:
            retyped.append(FieldChange(field=key, detail=f"{before['data_type']} → {f.data_type}"))
        if before.get("status") in DECIDED:
            kept += 1
            after = dict(before)
            after["data_type"] = f.data_type
            after["scan"] = _scan_record(f, report)
            if "subject" not in after and f.subject:
                # a decision on what a field holds says nothing of whom: the scan may (a
                # reviewer's `subject: null`, nobody of the five, stays)
                after["subject"] = f.subject
            accepted_as = before.get("fideslang") or before.get("category")
            if before["status"] == "accepted" and (
                not f.personal or (before.get("fideslang") and f.fideslang != before["fideslang"])
            ):
                now = f.fideslang if f.personal else "nothing personal"
                stale.append(
                    FieldChange(
                        field=key, detail=f"accepted as {accepted_as}; the scan now finds {now}"
                    )
                )
            elif before["status"] == "accepted" and _contradicted(f):
                stale.append(
                    FieldChange(
                        field=key,
                        detail=f"accepted as {accepted_as}; its values no longer look like it "
                        f"({_what(f)})",
                    )
                )
            fields.append(after)
        elif f.personal:
            if admit(f, suggestion := _suggestion(f, report) | _kept_notes(before)):
                fields.append(suggestion)
                suggested += 1
        else:
            dropped.append(
                FieldChange(field=key, detail="no longer found personal; suggestion removed")
            )
    for key, before in old.items():
        if key in scanned:
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
            fields.append(before)
            dropped.append(
                FieldChange(
                    field=key, detail=f"column gone; the {before['status']} decision is kept"
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
