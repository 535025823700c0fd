"""Fides manifests in: fideslang `dataset` and `system` files become datamap systems.

Each dataset is a system (a database) whose fields keep their fideslang key and land on the
inventory category carrying it; the fields are `accepted` (a person labelled them in Fides) and
declared by the manifest they come from. Each system's `egress` becomes flows to the systems
and recipients the inventory knows. What cannot be placed (an egress to an unknown system, a key
that is not in the published fideslang list) is reported, never guessed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from catalog.errors import DatamapError
from catalog.model.fides import FidesField, FidesManifest
from catalog.model.vocabulary import fideslang_keys
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


def read_manifests(folder: Path) -> tuple[list[tuple[Path, FidesManifest]], list[str]]:
    """The folder's manifests, and a note for each file or folder that was not read. Symbolic
    links are never followed (a link to /etc/passwd or /dev/zero in a folder from elsewhere);
    each file goes through the one YAML reader (no aliases, size, depth and count limits)."""
    files, skipped = _manifest_files(folder)
    if not files:
        raise FidesImportError(
            f"no Fides manifests (*.yml, *.yaml) in {folder}"
            + (f" ({len(skipped)} skipped: {'; '.join(skipped)})" if skipped else "")
        )
    out = []
    items = 0
    for path in files:
        data = (
            read_yaml(path, MAX_MANIFEST_BYTES, what="a Fides manifest", follow_symlinks=False)
            or {}
        )
        if not isinstance(data, dict) or not ({"dataset", "system"} & set(data)):
            continue  # a file of another kind (taxonomy, policy): not ours to read
        try:
            manifest = FidesManifest.model_validate(data)
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
        out.append((path, manifest))
    return out, skipped


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
            count += sum(1 for _ in _flatten(collection.fields))
    return count


def _flatten(fields: Iterable[FidesField], prefix: str = "") -> Iterable[tuple[str, FidesField]]:
    for f in fields:
        name = f"{prefix}{f.name}"
        yield name, f
        if f.fields:
            yield from _flatten(f.fields, name + ".")


def import_fides(folder: Path, entries: list[Entry], today: dt.date | None = None) -> Imported:
    today = today or dt.date.today()
    known = fideslang_keys("data_category")
    result = Imported()
    manifests, skipped = read_manifests(folder)
    result.notes.extend(skipped)
    ids = {e.id: e.label for e in entries}
    incoming = {fides_id(d.fides_key) for _, m in manifests for d in m.dataset}
    incoming |= {fides_id(s.fides_key) for _, m in manifests for s in m.system}
    for path, manifest in manifests:
        declared = {"by": "Fides manifest", "date": today.isoformat(), "document": path.name}
        for ds in manifest.dataset:
            fields = []
            for collection in ds.collections:
                for column, f in _flatten(collection.fields):
                    keys = f.data_categories or collection.data_categories or ds.data_categories
                    if not keys:
                        continue  # Fides leaves it unlabelled: nothing is claimed
                    key = keys[0]
                    entry: dict[str, Any] = {"table": collection.name, "column": column}
                    data_type = (f.fides_meta or {}).get("data_type")
                    if data_type:
                        entry["data_type"] = str(data_type)
                    if key in known:
                        entry["category"] = category_for(key, entries)
                        entry["fideslang"] = key
                    else:
                        result.notes.append(
                            f"{path.name}: {ds.fides_key}.{collection.name}.{column}: {key!r} is "
                            "not a published fideslang key; imported without a category"
                        )
                    if len(keys) > 1:
                        entry["note"] = "Fides also labels it " + ", ".join(keys[1:])
                    entry |= {"status": "accepted", "declared": dict(declared)}
                    fields.append({k: v for k, v in entry.items() if v is not None})
            system: dict[str, Any] = {
                "id": fides_id(ds.fides_key),
                "name": ds.name or ds.fides_key,
                "kind": "database",
                "declared": dict(declared),
                "fields": fields,
            }
            if ds.description:
                system["description"] = ds.description
            result.systems.append(system)
        for sysm in manifest.system:
            flows = []
            for egress in sysm.egress or []:
                target = fides_id(egress.fides_key)
                if target not in incoming and ids.get(target) not in ("System", "Recipient"):
                    result.notes.append(
                        f"{path.name}: {sysm.fides_key} sends to {egress.fides_key}, which the "
                        "inventory does not know; flow left out"
                    )
                    continue
                cats = sorted(
                    {
                        c
                        for k in egress.data_categories or []
                        if k in known and (c := category_for(k, entries))
                    }
                )
                if not cats:
                    result.notes.append(
                        f"{path.name}: {sysm.fides_key} → {egress.fides_key} names no data "
                        "category the inventory holds; flow left out"
                    )
                    continue
                flows.append({"to": target, "categories": cats})
            system = {
                "id": fides_id(sysm.fides_key),
                "name": sysm.name or sysm.fides_key,
                "kind": "saas"
                if (sysm.system_type or "").lower() in ("saas", "service")
                else "application",
                "declared": dict(declared),
            }
            if sysm.description:
                system["description"] = sysm.description
            if flows:
                system["flows"] = flows
            existing = next((s for s in result.systems if s["id"] == system["id"]), None)
            if existing is not None:  # a dataset and a system of the same key: one system
                existing.update({k: v for k, v in system.items() if k not in ("kind", "fields")})
            else:
                result.systems.append(system)
    return result
