"""Fides manifests in: fideslang `dataset` and `system` files become datamap systems.

Each dataset is a system (a database) with one field per Fides field, nested ones too (`parent`
says which field a sub-field is in). A labelled field keeps its fideslang keys and lands on the
inventory category carrying the first; every field keeps its description and `fides_meta`
(identity, references, primary key, type, length). Fields are `accepted` (a person labelled
them in Fides, or left them unlabelled: then they hold nothing) and declared by the manifest.

Each Fides system is a system too, keeping its privacy declarations, egress and ingress whole
(`fides_system`), whatever they point at; an egress to a system or recipient the inventory knows,
naming categories it holds, is also a datamap flow. What datamap's model has no place for (a
dataset's key and metadata, collection descriptions) is kept in `fides_dataset`, and only when
an export could not write it back from datamap's own model.

Keys are checked against the published fideslang 3 lists: an older key is mapped to its
published successor, and one with none is kept (`outdated_keys`, `outdated`) but claims nothing;
every such key, and every manifest key datamap does not keep, is reported with its file, dataset
or system, and field.

A manifest datamap exported carries, in its `meta`, what Fides has no place for (review states
with their notes, scans, category overrides, gone columns, hosting and flows): importing it
restores them as they were, unless Fides has relabelled a field since (then Fides' labels are
taken, and the import says so).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from catalog.errors import DatamapError
from catalog.model.fides_manifest import (
    DATAMAP_META,
    DATAMAP_META_VERSION,
    SYSTEM_TYPES,
    FidesCollection,
    FidesDataFlow,
    FidesDataset,
    FidesField,
    FidesManifest,
    FidesSystem,
    KeyKind,
    OutdatedKey,
    default_fides_key,
    fides_type,
    kind_of,
    prune,
    published,
    successor,
)
from catalog.model.kinds import Label
from catalog.model.schema import Declaration, Flow, Id, Name, ScanRecord, SystemField
from catalog.model.yamlfile import read_yaml
from catalog.scanning.mapping import Entry, category_for

# Larger manifests are refused before they are read: a labelled field takes about a hundred
# bytes, so this holds several times MAX_IMPORT_ITEMS.
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
# Datasets, systems, collections and fields in one import: all of them land in systems.yaml,
# which the inventory reads, validates and builds on every change, so an import stays a size
# that file and a rebuild take in seconds (a 50,000-field systems.yaml is ~600,000 YAML values,
# within the reader's 1,000,000 per file).
MAX_IMPORT_ITEMS = 50_000
# Manifest keys not kept, named in one note per file: the first few, then how many more.
SHOWN_KEYS = 12
# fideslang's default administrating_department: it says nobody owns the system.
NO_DEPARTMENT = "Not defined"
WORDS: dict[KeyKind, str] = {
    "data_category": "data category",
    "data_use": "data use",
    "data_subject": "data subject",
}


class FidesImportError(DatamapError):
    exit_code = 1


@dataclass
class Imported:
    systems: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def fides_id(key: str) -> str:
    """A fides_key as a datamap id: lower case, hyphens for anything else."""
    return (
        re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9]+", "-", key.lower())).strip("-")[:80] or "system"
    )


# -- reading -------------------------------------------------------------------------------------


def read_manifests(folder: Path) -> tuple[list[tuple[Path, FidesManifest]], list[str]]:
    """The folder's manifests, and a note for each file or folder that was not read and each
    manifest key that is not kept. Symbolic links are never followed (a link to /etc/passwd or
    /dev/zero in a folder from elsewhere); each file goes through the one YAML reader (no
    aliases, size, depth and count limits)."""
    files, skipped = _manifest_files(folder)
    if not files:
        raise FidesImportError(
            f"no Fides manifests (*.yml, *.yaml) in {folder}"
            + (f" ({len(skipped)} skipped: {'; '.join(skipped)})" if skipped else "")
        )
    out = []
    notes = list(skipped)
    items = 0
    for path in files:
        data = (
            read_yaml(path, MAX_MANIFEST_BYTES, what="a Fides manifest", follow_symlinks=False)
            or {}
        )
        if not isinstance(data, dict) or not ({"dataset", "system"} & set(data)):
            # a file of another kind (taxonomy, policy, organization): not ours to read
            what = ", ".join(sorted(str(k) for k in data)[:6]) if isinstance(data, dict) else ""
            notes.append(
                f"{path.name}: no datasets or systems ({what or 'nothing datamap reads'}); not read"
            )
            continue
        kept, dropped = prune(data, FidesManifest)
        try:
            manifest = FidesManifest.model_validate(kept)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            raise FidesImportError(f"{path}: {where}: {first['msg']}") from None
        items += _items(manifest)
        if items > MAX_IMPORT_ITEMS:
            raise FidesImportError(
                f"{folder}: the manifests hold more than {MAX_IMPORT_ITEMS:,} datasets, systems, "
                "collections and fields, the limit of one import; import them in parts"
            )
        if dropped:
            more = f" and {len(dropped) - SHOWN_KEYS} more" if len(dropped) > SHOWN_KEYS else ""
            notes.append(
                f"{path.name}: not kept (datamap keeps fideslang 3's datasets and systems): "
                f"{', '.join(dropped[:SHOWN_KEYS])}{more}"
            )
        out.append((path, manifest))
    return out, notes


def _manifest_files(folder: Path) -> tuple[list[Path], list[str]]:
    """The YAML files under `folder`, and what was skipped: symbolic links (to files or
    folders) and YAML names that are not regular files (a pipe, a device)."""
    files: list[Path] = []
    skipped: list[str] = []
    for top, dirs, names in os.walk(folder, followlinks=False):
        here = Path(top)
        for name in sorted(dirs):
            if (here / name).is_symlink():  # os.walk does not enter it; say so
                skipped.append(f"{here / name}: a symbolic link to a folder, not followed")
        for name in names:
            path = here / name
            if path.suffix not in (".yml", ".yaml"):
                continue
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                skipped.append(f"{path}: a symbolic link, not followed")
            elif not stat.S_ISREG(mode):
                skipped.append(f"{path}: not a regular file, not read")
            else:
                files.append(path)
    return sorted(files), sorted(skipped)


def _items(manifest: FidesManifest) -> int:
    """What one manifest adds to an import: its datasets, systems, collections and fields."""
    count = len(manifest.dataset) + len(manifest.system)
    for ds in manifest.dataset:
        count += len(ds.collections)
        for collection in ds.collections:
            count += sum(1 for _ in walk_fields(collection.fields))
    return count


def walk_fields(
    fields: Iterable[FidesField], parent: str | None = None
) -> Iterable[tuple[str, str | None, FidesField]]:
    """Every field, nested ones after the field they are in: (column, parent column, field),
    a nested field's column being its parent's, a dot and its name."""
    for f in fields:
        column = f"{parent}.{f.name}" if parent else f.name
        yield column, parent, f
        if f.fields:
            yield from walk_fields(f.fields, column)


# -- datamap's own records, in a manifest datamap exported ----------------------------------------


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FieldRecord(_Record):
    """A field as datamap had it: the whole of it, and the keys the export wrote as its
    `data_categories` (so an import can tell whether Fides relabelled it since)."""

    collection: Name
    exported: list[str] = Field(default_factory=list)
    field: SystemField


class FlowRecord(_Record):
    """A datamap flow, and the egress the export wrote for it (none when the system's own Fides
    egress already names the target): that egress is the flow's, not a Fides fact to keep."""

    flow: Flow
    egress: FidesDataFlow | None = None


class SystemRecord(_Record):
    """What a datamap system says that a Fides system has no place for."""

    kind: Literal["application", "database", "saas", "file_store"]
    hosted_in: Id | None = None
    supports: list[Id] = Field(default_factory=list)
    declared: Declaration | None = None
    scanned: ScanRecord | None = None
    flows: list[FlowRecord] = Field(default_factory=list)


class DatamapMeta(_Record):
    version: int
    system: SystemRecord | None = None
    fields: list[FieldRecord] = Field(default_factory=list)
    # the dataset's or system's keys fideslang 3 does not publish, which the export did not write
    outdated: list[OutdatedKey] = Field(default_factory=list)


def datamap_meta(
    meta: dict[str, Any] | None, where: str, notes: list[str]
) -> tuple[DatamapMeta | None, dict[str, Any] | None]:
    """The record datamap's export left in a manifest's `meta` (None when there is none or it
    cannot be read: then the manifest is read as Fides says), and the rest of `meta`."""
    if not meta or DATAMAP_META not in meta:
        return None, meta
    rest = {k: v for k, v in meta.items() if k != DATAMAP_META} or None
    raw = meta[DATAMAP_META]
    version = raw.get("version") if isinstance(raw, dict) else None
    if version != DATAMAP_META_VERSION:
        notes.append(
            f"{where}: meta.{DATAMAP_META} is not a record this datamap writes (version "
            f"{version!r}); review states not restored, the manifest read as Fides says"
        )
        return None, rest
    try:
        return DatamapMeta.model_validate(raw), rest
    except ValidationError as exc:
        first = exc.errors()[0]
        at = ".".join(str(x) for x in first["loc"])
        notes.append(
            f"{where}: meta.{DATAMAP_META}.{at}: {first['msg']}; review states not restored, "
            "the manifest read as Fides says"
        )
        return None, rest


# -- keys ----------------------------------------------------------------------------------------


@dataclass
class Keys:
    """Keys as a manifest gave them, checked: the published ones (a successor in place of an
    older key) and what was done with each that is not published."""

    placed: list[str] = field(default_factory=list)
    outdated: list[dict[str, Any]] = field(default_factory=list)


def check_keys(
    keys: Iterable[str],
    kind: KeyKind,
    where: str,
    notes: list[str],
    kept: str,
    at: str | None = None,
) -> Keys:
    """`keys` against fideslang 3's published list; each one that is not in it is reported with
    `where`, and mapped to its successor or kept (as `kept` says)."""
    out = Keys()
    for key in keys:
        if published(key, kind):
            found: str | None = key
        else:
            found = successor(key, kind)
            record: dict[str, Any] = {"key": key, "kind": kind}
            if found is not None:
                record["successor"] = found
                notes.append(
                    f"{where}: {key!r} is not a fideslang 3 {WORDS[kind]}; its published "
                    f"successor {found!r} is used"
                )
            else:
                notes.append(
                    f"{where}: {key!r} is not a fideslang 3 {WORDS[kind]} and has no published "
                    f"successor; {kept}"
                )
            if at is not None:
                record["where"] = at
            out.outdated.append(record)
        if found is not None and found not in out.placed:
            out.placed.append(found)
    return out


# -- import ---------------------------------------------------------------------------------------


@dataclass
class _Context:
    entries: list[Entry]
    labels: dict[str, str]
    incoming: set[str]
    notes: list[str]

    def category(self, key: str | None) -> str | None:
        return category_for(key, self.entries)

    def is_a(self, target: str, *labels: str) -> bool:
        return self.labels.get(target) in labels


@dataclass
class _Part:
    """What one dataset or one system manifest says of a datamap system."""

    system: dict[str, Any]
    facts: dict[str, Any] | None  # fides_dataset / fides_system as read
    record: SystemRecord | None = None


def import_fides(folder: Path, entries: Sequence[Entry], today: dt.date | None = None) -> Imported:
    today = today or dt.date.today()
    result = Imported()
    manifests, result.notes = read_manifests(folder)
    ctx = _Context(
        entries=list(entries),
        labels={e.id: e.label for e in entries},
        incoming={fides_id(d.fides_key) for _, m in manifests for d in m.dataset}
        | {fides_id(s.fides_key) for _, m in manifests for s in m.system},
        notes=result.notes,
    )
    datasets: dict[str, _Part] = {}
    systems: dict[str, _Part] = {}
    for path, manifest in manifests:
        declared = {"by": "Fides manifest", "date": today.isoformat(), "document": path.name}
        for ds in manifest.dataset:
            part = _dataset(path, ds, declared, ctx)
            _once(datasets, part, path, "dataset", ds.fides_key, ctx)
        for sysm in manifest.system:
            part = _system(path, sysm, declared, ctx)
            _once(systems, part, path, "system", sysm.fides_key, ctx)
    for sid in dict.fromkeys([*datasets, *systems]):
        result.systems.append(_assemble(sid, datasets.get(sid), systems.get(sid), ctx))
    return result


def _once(
    parts: dict[str, _Part], part: _Part, path: Path, kind: str, key: str, ctx: _Context
) -> None:
    sid = part.system["id"]
    if sid in parts:
        ctx.notes.append(
            f"{path.name}: {kind} {key} is the datamap system {sid!r}, which another {kind} "
            "already is; this one replaces it"
        )
    parts[sid] = part


def _dataset(path: Path, ds: FidesDataset, declared: dict[str, Any], ctx: _Context) -> _Part:
    where = f"{path.name}: {ds.fides_key}"
    sid = fides_id(ds.fides_key)
    meta, rest = datamap_meta(ds.meta, where, ctx.notes)
    records = {(r.collection, r.field.column): r for r in meta.fields} if meta else {}
    top = check_keys(
        ds.data_categories or [],
        "data_category",
        where,
        ctx.notes,
        "kept on the dataset, claiming nothing",
        "dataset",
    )
    outdated = list(top.outdated)
    fields: list[dict[str, Any]] = []
    collections = []
    for collection in ds.collections:
        at = f"{where}.{collection.name}"
        own = check_keys(
            collection.data_categories or [],
            "data_category",
            at,
            ctx.notes,
            "kept on the collection, claiming nothing",
            f"collection {collection.name}",
        )
        outdated += own.outdated
        inherited = (
            collection.data_categories
            if collection.data_categories is not None
            else ds.data_categories
        )
        fields += _fields(path, ds, collection, inherited, records, declared, ctx)
        facts = collection.model_dump(mode="json", exclude_none=True, exclude={"fields"})
        if collection.data_categories is not None:
            facts["data_categories"] = own.placed
        collections.append(facts)
    for (collection_name, column), record in records.items():
        if record.field.gone is not None:  # a column a scan found gone: not in Fides, kept here
            fields.append(_restored(record.field, ctx, f"{where}.{collection_name}.{column}"))
        else:
            ctx.notes.append(
                f"{where}.{collection_name}.{column}: datamap's export had this field, the "
                "manifest no longer lists it; left out"
            )
    facts = ds.model_dump(
        mode="json", exclude_none=True, exclude={"name", "description", "collections", "meta"}
    )
    if ds.data_categories is not None:
        facts["data_categories"] = top.placed
    if rest:
        facts["meta"] = rest
    facts["collections"] = collections
    places = {"dataset"} | {f"collection {c.name}" for c in ds.collections}
    if outdated := _with_kept(outdated, meta, places):
        facts["outdated"] = outdated
    system: dict[str, Any] = {
        "id": sid,
        "name": ds.name or ds.fides_key,
        "kind": "database",
        "declared": dict(declared),
    }
    if ds.description:
        system["description"] = ds.description
    system["fields"] = fields
    return _Part(system, facts, meta.system if meta else None)


def _fields(
    path: Path,
    ds: FidesDataset,
    collection: FidesCollection,
    inherited: list[str] | None,
    records: dict[tuple[str, str], FieldRecord],
    declared: dict[str, Any],
    ctx: _Context,
) -> list[dict[str, Any]]:
    out = []
    for column, parent, f in walk_fields(collection.fields):
        where = f"{path.name}: {ds.fides_key}.{collection.name}.{column}"
        given = f.data_categories if f.data_categories is not None else inherited
        keys = check_keys(
            given or [], "data_category", where, ctx.notes, "kept on the field, with no category"
        )
        record = records.pop((collection.name, column), None)
        if record is not None and sorted(keys.placed) == sorted(record.exported):
            before = record.field
            meta = f.fides_meta
            if (
                before.fides_meta is None
                and meta is not None
                and before.data_type
                and meta.model_dump(exclude_none=True)
                == {"data_type": fides_type(before.data_type)}
            ):
                meta = None  # the export wrote it from the column's SQL type: not Fides' word
            restored = before.model_copy(
                update={
                    "column": column,
                    "parent": parent,
                    "description": f.description or None,
                    "fides_meta": meta,
                }
            )
            out.append(_restored(restored, ctx, where))
            continue
        entry: dict[str, Any] = {"table": collection.name, "column": column}
        if parent is not None:
            entry["parent"] = parent
        if f.fides_meta is not None and f.fides_meta.data_type:
            entry["data_type"] = f.fides_meta.data_type
        if keys.placed:
            entry["fideslang"] = keys.placed[0]
            category = ctx.category(keys.placed[0])
            if category is not None:
                entry["category"] = category
            if keys.placed[1:]:
                entry["more_fideslang"] = keys.placed[1:]
        entry["status"] = "accepted"
        entry["declared"] = dict(declared)
        if record is not None:
            # relabelled in Fides since datamap's export: Fides' labels are a person's word now;
            # where the column came from (a scan) and whom it is about still hold
            before = record.field
            entry |= {
                k: v
                for k, v in {
                    "schema": before.schema_,
                    "table": before.table,
                    "subject": before.subject,
                    "scan": before.scan.model_dump(mode="json") if before.scan else None,
                }.items()
                if v is not None
            }
            entry["note"] = (
                f"relabelled in Fides after datamap's export, which had it {before.status}"
                + (f" as {before.fideslang}" if before.fideslang else "")
            )
            ctx.notes.append(f"{where}: {entry['note']}; Fides' labels taken")
        if f.description:
            entry["description"] = f.description
        if f.fides_meta is not None:
            entry["fides_meta"] = f.fides_meta.model_dump(mode="json", exclude_none=True)
        if keys.outdated:
            entry["outdated_keys"] = keys.outdated
        out.append(_in_field_order(entry))
    return out


# A field's keys in the order systems.yaml writes them (SystemField's).
_FIELD_ORDER = tuple(info.alias or name for name, info in SystemField.model_fields.items())


def _in_field_order(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: entry[k] for k in _FIELD_ORDER if k in entry}


def _with_kept(
    outdated: list[dict[str, Any]], meta: DatamapMeta | None, places: set[str]
) -> list[dict[str, Any]]:
    """The keys read now that fideslang 3 does not publish, and those datamap's export kept
    back (it writes only published keys) where what they were on is still there."""
    kept = [
        k.model_dump(mode="json", exclude_none=True)
        for k in (meta.outdated if meta else [])
        if k.where is None or k.where in places
    ]
    return outdated + [k for k in kept if k not in outdated]


def _restored(f: SystemField, ctx: _Context, where: str) -> dict[str, Any]:
    """A field as datamap's record has it, its category checked against this inventory."""
    entry = f.model_dump(mode="json", by_alias=True, exclude_none=True)
    entry = {k: v for k, v in entry.items() if v != []}
    if f.category is not None and not ctx.is_a(f.category, Label.DataCategory):
        mapped = ctx.category(f.fideslang)
        ctx.notes.append(
            f"{where}: the category {f.category!r} datamap's export gave it is not in this "
            f"inventory; {f'{mapped!r}, from its key,' if mapped else 'no category'} instead"
        )
        entry.pop("category")
        if mapped is not None:
            entry["category"] = mapped
    return entry


def _system(path: Path, sysm: FidesSystem, declared: dict[str, Any], ctx: _Context) -> _Part:
    where = f"{path.name}: {sysm.fides_key}"
    sid = fides_id(sysm.fides_key)
    meta, rest = datamap_meta(sysm.meta, where, ctx.notes)
    record = meta.system if meta else None
    outdated: list[dict[str, Any]] = []
    declarations = []
    for decl in sysm.privacy_declarations:
        label = decl.name or decl.data_use
        at = f"{where}: privacy declaration {label!r}"
        kept = "kept on the system, never exported as a fact"
        on = f"declaration {label}"
        cats = check_keys(decl.data_categories, "data_category", at, ctx.notes, kept, on)
        subjects = check_keys(decl.data_subjects, "data_subject", at, ctx.notes, kept, on)
        use = check_keys(
            [decl.data_use],
            "data_use",
            at,
            ctx.notes,
            "kept on the declaration; an export writes its nearest published parent use, or "
            "leaves the declaration out where it has none",
            on,
        )
        outdated += cats.outdated + subjects.outdated + use.outdated
        update: dict[str, Any] = {
            "data_categories": cats.placed,
            "data_subjects": subjects.placed,
            # a use with no successor stays as written: the declaration is the use
            "data_use": use.placed[0] if use.placed else decl.data_use,
        }
        declarations.append(
            decl.model_copy(update=update).model_dump(mode="json", exclude_none=True)
        )
    directions: dict[str, list[dict[str, Any]]] = {}
    for direction in ("egress", "ingress"):
        flows = getattr(sysm, direction)
        if flows is None:
            continue
        kept_flows = []
        for flow in flows:
            at = f"{where}: {direction} {flow.fides_key}"
            out = flow.model_dump(mode="json", exclude_none=True)
            if flow.data_categories is not None:
                keys = check_keys(
                    flow.data_categories,
                    "data_category",
                    at,
                    ctx.notes,
                    "kept on the system, never exported as a fact",
                    f"{direction} {flow.fides_key}",
                )
                outdated += keys.outdated
                out["data_categories"] = keys.placed
            kept_flows.append(out)
        directions[direction] = kept_flows
    facts = sysm.model_dump(
        mode="json",
        exclude_none=True,
        exclude={
            "name",
            "description",
            "administrating_department",
            "meta",
            "privacy_declarations",
            "egress",
            "ingress",
        },
    )
    if rest:
        facts["meta"] = rest
    facts["privacy_declarations"] = declarations
    facts |= directions
    places = {f"declaration {d.name or d.data_use}" for d in sysm.privacy_declarations} | {
        f"{direction} {f['fides_key']}" for direction, flows in directions.items() for f in flows
    }
    if outdated := _with_kept(outdated, meta, places):
        facts["outdated"] = outdated
    system: dict[str, Any] = {
        "id": sid,
        "name": sysm.name or sysm.fides_key,
        "kind": kind_of(sysm.system_type),
        "declared": dict(declared),
    }
    if sysm.description:
        system["description"] = sysm.description
    department = sysm.administrating_department
    if department and department != NO_DEPARTMENT:
        system["owner"] = department
    flows = [] if record else _flows(where, directions.get("egress", []), ctx)
    if flows:
        system["flows"] = flows
    return _Part(system, facts, record)


def _flows(where: str, egress: list[dict[str, Any]], ctx: _Context) -> list[dict[str, Any]]:
    """The egress that datamap can also say as flows: to a system or recipient it knows (or
    this import brings), with data categories it holds. Every egress stays a Fides egress."""
    flows = []
    for flow in egress:
        target = fides_id(flow["fides_key"])
        at = f"{where}: egress {flow['fides_key']}"
        if flow.get("type") == "user":
            continue  # data going back to the system's own users: no recipient to name
        if target not in ctx.incoming and not ctx.is_a(target, Label.System, Label.Recipient):
            ctx.notes.append(
                f"{at}: not a system or recipient the inventory knows; kept as a Fides egress, "
                "no datamap flow"
            )
            continue
        cats = sorted({c for k in flow.get("data_categories") or [] if (c := ctx.category(k))})
        if not cats:
            ctx.notes.append(
                f"{at}: names no data category the inventory holds; kept as a Fides egress, "
                "no datamap flow"
            )
            continue
        flows.append({"to": target, "categories": cats})
    return flows


# -- one datamap system from its dataset and its system ---------------------------------------------


def _assemble(sid: str, ds: _Part | None, sy: _Part | None, ctx: _Context) -> dict[str, Any]:
    base = sy or ds
    assert base is not None
    system = dict(base.system)
    if ds is not None:
        system["fields"] = ds.system["fields"]
    record = (sy.record if sy else None) or (ds.record if ds else None)
    declared = system.get("declared")
    facts = dict(sy.facts or {}) if sy else None
    if record is not None:
        system = _with_record(system, record, ctx, sid, facts)
    dataset_facts = _dataset_facts(sid, system, ds) if ds else None
    system_facts = _system_facts(sid, system, facts) if facts is not None else None
    if dataset_facts:
        system["fides_dataset"] = dataset_facts
    if system_facts:
        system["fides_system"] = system_facts
    if (dataset_facts or system_facts) and not system.get("declared"):
        system["declared"] = declared  # Fides' own facts rest on the manifest
    if not system.get("fields"):
        system.pop("fields", None)
    return _ordered(system)


def _with_record(
    system: dict[str, Any],
    record: SystemRecord,
    ctx: _Context,
    where: str,
    facts: dict[str, Any] | None,
) -> dict[str, Any]:
    """The system as datamap's export recorded it: its kind, hosting, activities, provenance
    and flows, each checked against this inventory. The egress the export wrote for a flow it
    restores is taken out of the Fides system's facts: the flow says it."""
    out = {k: v for k, v in system.items() if k not in ("declared", "flows")}
    out["kind"] = record.kind
    if record.declared is not None:
        out["declared"] = record.declared.model_dump(mode="json", exclude_none=True)
    if record.scanned is not None:
        out["scanned"] = record.scanned.model_dump(mode="json")
    if record.hosted_in is not None:
        if ctx.is_a(record.hosted_in, Label.Region):
            out["hosted_in"] = record.hosted_in
        else:
            ctx.notes.append(f"{where}: hosted in {record.hosted_in!r}, no region here; left out")
    supports = [a for a in record.supports if ctx.is_a(a, Label.ProcessingActivity)]
    for activity in sorted(set(record.supports) - set(supports)):
        ctx.notes.append(f"{where}: supports {activity!r}, no activity here; left out")
    if supports:
        out["supports"] = supports
    flows = []
    egress = (facts or {}).get("egress") or []
    for item in record.flows:
        flow = item.flow
        known = flow.to in ctx.incoming or ctx.is_a(flow.to, Label.System, Label.Recipient)
        cats = [c for c in flow.categories if ctx.is_a(c, Label.DataCategory)]
        if not known or not cats:
            ctx.notes.append(
                f"{where}: a flow to {flow.to!r} this inventory cannot place; kept as the Fides "
                "egress it was exported as, no datamap flow"
            )
            continue
        flows.append(
            flow.model_copy(update={"categories": cats}).model_dump(mode="json", exclude_none=True)
        )
        written = item.egress.model_dump(mode="json", exclude_none=True) if item.egress else None
        if written in egress:
            egress.remove(written)
    if facts is not None and "egress" in facts:
        facts["egress"] = egress
    if flows:
        out["flows"] = flows
    if "owner" in out and out.get("declared") is None:
        out.pop("owner")  # an owner is a declaration; a scanned system states none
    return out


def _dataset_facts(sid: str, system: dict[str, Any], ds: _Part) -> dict[str, Any] | None:
    """The dataset's facts, when an export could not write them back from the system alone."""
    facts = dict(ds.facts or {})
    if ds.system.get("name") != system.get("name"):
        facts["name"] = ds.system["name"]
    if ds.system.get("description") != system.get("description") and ds.system.get("description"):
        facts["description"] = ds.system["description"]
    tables = {f["table"] for f in system.get("fields") or [] if not f.get("gone")}
    said = {k for k, v in facts.items() if v not in (None, [], {})} - {"fides_key", "collections"}
    needed = (
        bool(said)
        or facts.get("fides_key") != default_fides_key(sid)
        or any(set(c) != {"name"} or c["name"] not in tables for c in facts.get("collections", []))
    )
    return facts if needed else None


def _system_facts(sid: str, system: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any] | None:
    """The Fides system's facts, when an export could not write them back from the system."""
    said = {k for k, v in facts.items() if v not in (None, [], {})}
    if facts.get("fides_key") == default_fides_key(sid):
        said.discard("fides_key")
    if facts.get("system_type") == SYSTEM_TYPES[system["kind"]]:
        said.discard("system_type")
    return facts if said else None


# The order a person reads a system in, in systems.yaml.
_ORDER = (
    "id",
    "name",
    "description",
    "kind",
    "owner",
    "hosted_in",
    "supports",
    "declared",
    "scanned",
    "fields",
    "flows",
    "fides_dataset",
    "fides_system",
)


def _ordered(system: dict[str, Any]) -> dict[str, Any]:
    return {k: system[k] for k in _ORDER if k in system} | {
        k: v for k, v in system.items() if k not in _ORDER
    }
