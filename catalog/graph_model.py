"""The graph's shape: node kinds, relationship types, and which inventory fields make which edges.

`LINKS` is the single table that validation (reference and citation checks), graph building
and the Neo4j schema all read, so they cannot disagree about what an edge means.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

NODE_KINDS: tuple[str, ...] = (
    "DataSubject",
    "Source",
    "DataCategory",
    "CollectionPoint",
    "Purpose",
    "LegalBasis",
    "Recipient",
    "ProcessingActivity",
    "Disclosure",
    "Region",
    "TransferMechanism",
    "Transfer",
    "Regime",
    "Right",
    "Organisation",
    "ContactChannel",
    "RetentionRule",
    "SecurityMeasure",
    "Choice",
)


class Cite(Enum):
    """Where a link's evidence comes from."""

    OWN = "own"  # the link must quote the policy itself
    OWNER = "owner"  # the owning entry's quote states it, unless the link quotes its own
    NONE = "none"  # a structural link (classification, grouping), not a policy statement


@dataclass(frozen=True)
class LinkSpec:
    field: str
    rel: str
    targets: tuple[str, ...]
    cite: Cite = Cite.OWN
    ref_attr: str = "ref"
    edge_props: tuple[str, ...] = ()


LINKS: dict[str, tuple[LinkSpec, ...]] = {
    "DataCategory": (LinkSpec("parent", "PART_OF", ("DataCategory",), Cite.NONE),),
    "CollectionPoint": (
        LinkSpec("subjects", "COLLECTS_FROM", ("DataSubject",), Cite.OWNER),
        LinkSpec("collects", "COLLECTS", ("DataCategory",)),
        LinkSpec("source_categories", "FROM_SOURCE", ("Source",)),
    ),
    "LegalBasis": (LinkSpec("regime", "UNDER", ("Regime",), Cite.OWNER),),
    "ProcessingActivity": (
        LinkSpec("controller", "CONTROLLED_BY", ("Organisation",)),
        LinkSpec("joint_controllers", "JOINT_CONTROLLER", ("Organisation",)),
        LinkSpec("subjects", "CONCERNS", ("DataSubject",), Cite.OWNER),
        LinkSpec("collection_points", "COLLECTS_VIA", ("CollectionPoint",), Cite.NONE),
        LinkSpec("categories", "PROCESSES", ("DataCategory",)),
        LinkSpec("purposes", "FOR_PURPOSE", ("Purpose",)),
        LinkSpec("legal_bases", "HAS_LEGAL_BASIS", ("LegalBasis",)),
        LinkSpec("retention", "RETAINED_UNDER", ("RetentionRule",)),
        LinkSpec("security", "PROTECTED_BY", ("SecurityMeasure",)),
    ),
    "Disclosure": (
        LinkSpec("recipient", "TO", ("Recipient",), Cite.OWNER),
        LinkSpec("categories", "OF", ("DataCategory",), Cite.OWNER),
        LinkSpec("purposes", "FOR_PURPOSE", ("Purpose",), Cite.OWNER),
    ),
    "Transfer": (
        LinkSpec("from_region", "FROM", ("Region",), Cite.OWNER),
        LinkSpec("to_region", "TO", ("Region",), Cite.OWNER),
        LinkSpec("regime", "GOVERNED_BY", ("Regime",), Cite.OWNER),
        LinkSpec("mechanisms", "UNDER_MECHANISM", ("TransferMechanism",)),
        LinkSpec("categories", "MOVES", ("DataCategory",), Cite.OWNER),
        LinkSpec("recipients", "TO_RECIPIENT", ("Recipient",)),
    ),
    "Regime": (LinkSpec("jurisdiction", "APPLIES_IN", ("Region",), Cite.OWNER),),
    "Right": (LinkSpec("exercise_via", "EXERCISED_VIA", ("ContactChannel", "Choice")),),
    "Organisation": (
        LinkSpec(
            "roles", "HAS_ROLE", ("Regime",), Cite.OWN, ref_attr="regime", edge_props=("role",)
        ),
        LinkSpec("contact_channels", "CONTACT_VIA", ("ContactChannel",), Cite.OWNER),
        LinkSpec("located_in", "LOCATED_IN", ("Region",)),
    ),
    "RetentionRule": (
        LinkSpec("regime", "UNDER", ("Regime",), Cite.OWNER),
        LinkSpec("categories", "APPLIES_TO", ("DataCategory",)),
    ),
    "Choice": (
        LinkSpec("regime", "UNDER", ("Regime",), Cite.OWNER),
        LinkSpec(
            "applies_to",
            "APPLIES_TO",
            (
                "ProcessingActivity",
                "CollectionPoint",
                "Purpose",
                "Recipient",
                "Disclosure",
                "DataCategory",
            ),
        ),
    ),
}

# Edges made from nested structures rather than from a link field.
STRUCTURAL_RELS: dict[str, tuple[str, str]] = {
    "GRANTS": ("Regime", "Right"),
    "DISCLOSES": ("ProcessingActivity", "Disclosure"),
}

RELATIONSHIP_TYPES: tuple[str, ...] = tuple(
    sorted({s.rel for specs in LINKS.values() for s in specs} | set(STRUCTURAL_RELS))
)

# Fields that become edges or nested nodes, never node properties.
NESTED_FIELDS: dict[str, tuple[str, ...]] = {
    "Regime": ("rights",),
    "ProcessingActivity": ("disclosures",),
}


def iter_links(
    kind: str, model: BaseModel
) -> Iterator[tuple[LinkSpec, Any, tuple[str | int, ...]]]:
    """Every link an entry makes: (spec, link object, path of the link within the entry)."""
    for spec in LINKS.get(kind, ()):
        value = getattr(model, spec.field, None)
        if value is None:
            continue
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield spec, item, (spec.field, i)
        else:
            yield spec, value, (spec.field,)


def link_target(spec: LinkSpec, link: Any) -> str:
    return link if isinstance(link, str) else getattr(link, spec.ref_attr)


# -- property encoding shared by every store ----------------------------------------------------


def encode_props(props: dict[str, Any]) -> dict[str, Any]:
    """Neo4j properties hold primitives and lists of primitives; anything richer goes as JSON."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if value is None:
            continue
        if _is_primitive(value) or (
            isinstance(value, list) and all(_is_primitive(v) for v in value) and _uniform(value)
        ):
            out[key] = value
        else:
            out[f"{key}__json"] = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return out


def decode_props(props: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in props.items():
        if key.endswith("__json"):
            out[key[: -len("__json")]] = json.loads(value)
        else:
            out[key] = value
    return out


def _is_primitive(v: Any) -> bool:
    return isinstance(v, str | int | float | bool)


def _uniform(values: list[Any]) -> bool:
    return len({type(v) for v in values}) <= 1
