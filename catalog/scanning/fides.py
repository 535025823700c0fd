"""Fides manifests in: fideslang `dataset` and `system` files become datamap systems.

Each dataset is a system (a database) whose fields keep their fideslang key and land on the
inventory category carrying it; the fields are `accepted` (a person labelled them in Fides) and
declared by the manifest they come from. Each system's `egress` becomes flows to the systems
and recipients the inventory knows. What cannot be placed (an egress to an unknown system, a key
that is not in the published fideslang list) is reported, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from catalog.errors import DatamapError
from catalog.model.fides import FidesField, FidesManifest
from catalog.model.vocabulary import fideslang_keys
from catalog.scanning.mapping import Entry, category_for


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


def read_manifests(folder: Path) -> list[tuple[Path, FidesManifest]]:
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
    if not files:
        raise FidesImportError(f"no Fides manifests (*.yml, *.yaml) in {folder}")
    out = []
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise FidesImportError(f"{path}: not valid YAML ({exc})") from None
        if not isinstance(data, dict) or not ({"dataset", "system"} & set(data)):
            continue  # a file of another kind (taxonomy, policy): not ours to read
        try:
            out.append((path, FidesManifest.model_validate(data)))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            raise FidesImportError(f"{path}: {where}: {first['msg']}") from None
    return out


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
    manifests = read_manifests(folder)
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
