"""Run by the fideslang venv (`make setup-test` makes .venv/fideslang): load every manifest of a
folder with fideslang's own models and say, as JSON on stdout, what fideslang refuses, what it
would silently drop (a key its models do not know), and which keys are not in its default
taxonomy. It imports nothing of datamap: datamap's pydantic is newer than fideslang allows.

    .venv/fideslang/bin/python tests/catalog/exports/fideslang_check.py FOLDER
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path
from typing import Any

import yaml
from fideslang.default_taxonomy import DEFAULT_TAXONOMY
from fideslang.manifests import ingest_manifests
from fideslang.models import Dataset, System
from fideslang.parse import load_manifests_into_taxonomy
from pydantic import ValidationError

MODELS = {"dataset": Dataset, "system": System}


def live(items: list[Any]) -> set[str]:
    return {i.fides_key for i in items if not i.version_deprecated}


KNOWN = {
    "data_category": live(DEFAULT_TAXONOMY.data_category),
    "data_use": live(DEFAULT_TAXONOMY.data_use or []),
    "data_subject": live(DEFAULT_TAXONOMY.data_subject or []),
}


def lost(given: Any, kept: Any, where: str) -> list[str]:
    """Where `given` (as written) has something `kept` (fideslang's model, dumped) lacks.
    Lists of named things are matched by name: fideslang sorts them."""
    if isinstance(given, dict):
        if not isinstance(kept, dict):
            return [where]
        out = []
        for key, value in given.items():
            if key not in kept:
                out.append(f"{where}.{key}")
            else:
                out += lost(value, kept[key], f"{where}.{key}")
        return out
    if isinstance(given, list):
        if not isinstance(kept, list) or len(given) != len(kept):
            return [where]
        named = all(isinstance(x, dict) and "name" in x for x in given + kept)
        if named:
            by_name = {x["name"]: x for x in kept}
            return [
                p
                for x in given
                for p in (
                    lost(x, by_name[x["name"]], f"{where}[{x['name']}]")
                    if x["name"] in by_name
                    else [f"{where}[{x['name']}]"]
                )
            ]
        return [
            p
            for i, (x, y) in enumerate(zip(given, kept, strict=True))
            for p in lost(x, y, f"{where}[{i}]")
        ]
    return [] if given == kept else [f"{where}: {given!r} became {kept!r}"]


def keys_of(data: Any, kind: str) -> list[str]:
    """Every data category, use or subject key a resource names."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "meta":
                continue  # free-form: datamap's own record lives there
            if kind == "data_category" and key == "data_categories" and isinstance(value, list):
                found += value
            elif kind == "data_use" and key == "data_use":
                found.append(value)
            elif kind == "data_subject" and key == "data_subjects" and isinstance(value, list):
                found += value
            else:
                found += keys_of(value, kind)
    elif isinstance(data, list):
        for item in data:
            found += keys_of(item, kind)
    return found


def check(folder: Path) -> dict[str, Any]:
    report: dict[str, Any] = {"loaded": {}, "errors": [], "dropped": [], "unknown": []}
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for kind, model in MODELS.items():
            for item in data.get(kind) or []:
                where = f"{path.name}: {kind} {item.get('fides_key')}"
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        parsed = model.model_validate(item)
                except ValidationError as exc:
                    report["errors"].append(f"{where}: {exc}")
                    continue
                report["loaded"][f"{kind} {item['fides_key']}"] = path.name
                dumped = parsed.model_dump(mode="json", exclude_unset=True)
                report["dropped"] += lost(item, dumped, where)
                for key_kind, known in KNOWN.items():
                    report["unknown"] += [
                        f"{where}: {key_kind} {k}"
                        for k in keys_of(item, key_kind)
                        if k not in known
                    ]
    try:  # and the folder as fideslang's own loader reads one (what `fides push` runs)
        load_manifests_into_taxonomy(ingest_manifests(str(folder)))
    except Exception as exc:  # any refusal is the answer, whatever fideslang raises
        report["errors"].append(f"{folder}: fideslang's loader: {type(exc).__name__}: {exc}")
    return report


if __name__ == "__main__":
    json.dump(check(Path(sys.argv[1])), sys.stdout, indent=1)
