"""The graph's shape: node kinds, relationship types, and which inventory fields make which edges.

`LINKS` is the single table that validation (reference and citation checks), graph building
and the Neo4j schema all read, so they cannot disagree about what an edge means.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel


class Label(StrEnum):
    """Node kinds: each is a Neo4j label (beside the common `:Datamap`)."""

    DataSubject = "DataSubject"
    Source = "Source"
    DataCategory = "DataCategory"
    CollectionPoint = "CollectionPoint"
    Purpose = "Purpose"
    LegalBasis = "LegalBasis"
    Recipient = "Recipient"
    ProcessingActivity = "ProcessingActivity"
    Disclosure = "Disclosure"
    Region = "Region"
    TransferMechanism = "TransferMechanism"
    Transfer = "Transfer"
    Regime = "Regime"
    Right = "Right"
    Organisation = "Organisation"
    ContactChannel = "ContactChannel"
    RetentionRule = "RetentionRule"
    SecurityMeasure = "SecurityMeasure"
    Choice = "Choice"
    System = "System"
    Field = "Field"


# What `datamap list` and GET /{what} list, by the plural a person types.
LIST_LABELS = {
    "contexts": Label.CollectionPoint,
    "categories": Label.DataCategory,
    "recipients": Label.Recipient,
    "purposes": Label.Purpose,
    "activities": Label.ProcessingActivity,
    "subjects": Label.DataSubject,
    "rights": Label.Right,
    "regimes": Label.Regime,
    "choices": Label.Choice,
    "transfers": Label.Transfer,
}


class Rel(StrEnum):
    """Relationship types."""

    PART_OF = "PART_OF"
    COLLECTS_FROM = "COLLECTS_FROM"
    COLLECTS = "COLLECTS"
    FROM_SOURCE = "FROM_SOURCE"
    UNDER = "UNDER"
    CONTROLLED_BY = "CONTROLLED_BY"
    JOINT_CONTROLLER = "JOINT_CONTROLLER"
    CONCERNS = "CONCERNS"
    COLLECTS_VIA = "COLLECTS_VIA"
    PROCESSES = "PROCESSES"
    FOR_PURPOSE = "FOR_PURPOSE"
    HAS_LEGAL_BASIS = "HAS_LEGAL_BASIS"
    RETAINED_UNDER = "RETAINED_UNDER"
    PROTECTED_BY = "PROTECTED_BY"
    TO = "TO"
    OF = "OF"
    FROM = "FROM"
    GOVERNED_BY = "GOVERNED_BY"
    UNDER_MECHANISM = "UNDER_MECHANISM"
    MOVES = "MOVES"
    TO_RECIPIENT = "TO_RECIPIENT"
    APPLIES_IN = "APPLIES_IN"
    EXERCISED_VIA = "EXERCISED_VIA"
    HAS_ROLE = "HAS_ROLE"
    CONTACT_VIA = "CONTACT_VIA"
    LOCATED_IN = "LOCATED_IN"
    APPLIES_TO = "APPLIES_TO"
    GRANTS = "GRANTS"
    DISCLOSES = "DISCLOSES"
    SENSITIVE_UNDER = "SENSITIVE_UNDER"
    IN = "IN"
    HOLDS = "HOLDS"
    HELD = "HELD"  # a field whose column a scan found gone, to the category it held
    FLOWS_TO = "FLOWS_TO"
    SUPPORTS = "SUPPORTS"
    HOSTED_IN = "HOSTED_IN"


NODE_KINDS: tuple[str, ...] = tuple(Label)


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
    Label.DataCategory: (
        LinkSpec("parent", Rel.PART_OF, (Label.DataCategory,), Cite.NONE),
        LinkSpec("sensitive", Rel.SENSITIVE_UNDER, (Label.Regime,), ref_attr="regime"),
    ),
    Label.CollectionPoint: (
        LinkSpec("subjects", Rel.COLLECTS_FROM, (Label.DataSubject,), Cite.OWNER),
        LinkSpec("collects", Rel.COLLECTS, (Label.DataCategory,)),
        LinkSpec("source_categories", Rel.FROM_SOURCE, (Label.Source,)),
    ),
    Label.LegalBasis: (LinkSpec("regime", Rel.UNDER, (Label.Regime,), Cite.OWNER),),
    Label.ProcessingActivity: (
        LinkSpec("controller", Rel.CONTROLLED_BY, (Label.Organisation,)),
        LinkSpec("joint_controllers", Rel.JOINT_CONTROLLER, (Label.Organisation,)),
        LinkSpec("subjects", Rel.CONCERNS, (Label.DataSubject,), Cite.OWNER),
        LinkSpec("collection_points", Rel.COLLECTS_VIA, (Label.CollectionPoint,), Cite.NONE),
        LinkSpec("categories", Rel.PROCESSES, (Label.DataCategory,)),
        LinkSpec("purposes", Rel.FOR_PURPOSE, (Label.Purpose,)),
        LinkSpec("legal_bases", Rel.HAS_LEGAL_BASIS, (Label.LegalBasis,)),
        LinkSpec("retention", Rel.RETAINED_UNDER, (Label.RetentionRule,)),
        LinkSpec("security", Rel.PROTECTED_BY, (Label.SecurityMeasure,)),
    ),
    Label.Disclosure: (
        LinkSpec("recipient", Rel.TO, (Label.Recipient,), Cite.OWNER),
        LinkSpec("categories", Rel.OF, (Label.DataCategory,), Cite.OWNER),
        LinkSpec("purposes", Rel.FOR_PURPOSE, (Label.Purpose,), Cite.OWNER),
    ),
    Label.Transfer: (
        LinkSpec("from_region", Rel.FROM, (Label.Region,), Cite.OWNER),
        LinkSpec("to_region", Rel.TO, (Label.Region,), Cite.OWNER),
        LinkSpec("regime", Rel.GOVERNED_BY, (Label.Regime,), Cite.OWNER),
        LinkSpec("mechanisms", Rel.UNDER_MECHANISM, (Label.TransferMechanism,)),
        LinkSpec("categories", Rel.MOVES, (Label.DataCategory,), Cite.OWNER),
        LinkSpec("recipients", Rel.TO_RECIPIENT, (Label.Recipient,)),
    ),
    Label.Regime: (LinkSpec("jurisdiction", Rel.APPLIES_IN, (Label.Region,), Cite.OWNER),),
    Label.Right: (
        LinkSpec("exercise_via", Rel.EXERCISED_VIA, (Label.ContactChannel, Label.Choice)),
    ),
    Label.Organisation: (
        LinkSpec(
            "roles",
            Rel.HAS_ROLE,
            (Label.Regime,),
            Cite.OWN,
            ref_attr="regime",
            edge_props=("role",),
        ),
        LinkSpec("contact_channels", Rel.CONTACT_VIA, (Label.ContactChannel,), Cite.OWNER),
        LinkSpec("located_in", Rel.LOCATED_IN, (Label.Region,)),
    ),
    Label.RetentionRule: (
        LinkSpec("regime", Rel.UNDER, (Label.Regime,), Cite.OWNER),
        LinkSpec("categories", Rel.APPLIES_TO, (Label.DataCategory,)),
    ),
    Label.Choice: (
        LinkSpec("regime", Rel.UNDER, (Label.Regime,), Cite.OWNER),
        LinkSpec(
            "applies_to",
            Rel.APPLIES_TO,
            (
                Label.ProcessingActivity,
                Label.CollectionPoint,
                Label.Purpose,
                Label.Recipient,
                Label.Disclosure,
                Label.DataCategory,
            ),
        ),
    ),
    # A system's facts are declarations, not policy statements: nothing to cite.
    Label.System: (
        LinkSpec("hosted_in", Rel.HOSTED_IN, (Label.Region,), Cite.NONE),
        LinkSpec("supports", Rel.SUPPORTS, (Label.ProcessingActivity,), Cite.NONE),
    ),
}

# Edges made from nested structures rather than from a link field: (source, target) pairs.
STRUCTURAL_RELS: dict[str, tuple[tuple[str, str], ...]] = {
    Rel.GRANTS: ((Label.Regime, Label.Right),),
    Rel.DISCLOSES: ((Label.ProcessingActivity, Label.Disclosure),),
    Rel.IN: ((Label.Field, Label.System),),
    Rel.HOLDS: ((Label.Field, Label.DataCategory),),
    Rel.HELD: ((Label.Field, Label.DataCategory),),
    Rel.FLOWS_TO: ((Label.System, Label.System), (Label.System, Label.Recipient)),
}

RELATIONSHIP_TYPES: tuple[str, ...] = tuple(
    sorted({s.rel for specs in LINKS.values() for s in specs} | set(STRUCTURAL_RELS))
)

# Fields that become edges or nested nodes, never node properties.
NESTED_FIELDS: dict[str, tuple[str, ...]] = {
    Label.Regime: ("rights",),
    Label.ProcessingActivity: ("disclosures",),
    Label.System: ("fields", "flows"),
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
                if link_target(spec, item) is not None:
                    yield spec, item, (spec.field, i)
        elif link_target(spec, value) is not None:
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
