"""The shape of the answers built as plain data: who-receives and the parts it shares with other
answers (a category, a recipient, a disclosure, a flow between systems).

These answers are built as the JSON they are sent as, so that `--json` and the API send them
without importing pydantic; the builders (catalog/graph/pieces.py, catalog/queries/answer_parts.py,
catalog/queries/receives.py) return these TypedDicts and the type checker holds every key and
value to them. Each TypedDict names the result model made from it when an answer is read as one
(`Plain.model`): results.py binds the two and refuses to load if their fields differ in name or
order, and a sync stores a piece without the fields whose value is their type's empty value
(`empty_values`). Changing such an answer means changing its TypedDict here and its model in
results.py (the import says what differs), then its builder (the type checker says where).
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, TypedDict


class CitationData(TypedDict):
    section: str
    quote: str


class RefData(TypedDict):
    id: str
    name: str


class TypedRefData(RefData):
    type: str


class SensitivityData(TypedDict):
    regime: RefData
    sources: list[CitationData]
    inferred: str | None


class CategoryData(RefData):
    kind: str
    description: str | None
    parent: RefData | None
    personal: bool
    ccpa: list[str]
    ccpa_labels: list[str]
    sensitive: bool
    sensitive_under: list[SensitivityData]
    sensitive_sources: list[CitationData]
    fideslang: str | None
    dpv: str | None
    classification_note: str | None
    sources: list[CitationData]


class CategoryMatchData(RefData):
    match: Literal["exact", "narrower", "broader"]
    inferred: str | None


class RecipientSummaryData(RefData):
    role: str
    role_label: str
    functions: list[str]
    dpv: str | None
    description: str | None


class DisclosureData(RefData):
    activity: RefData | None
    general: bool
    recipient: RefData
    # None only in a kept piece: each question fills in the categories it matched.
    categories: list[CategoryMatchData] | None
    purposes: list[RefData]
    contexts: list[RefData]
    sale: bool
    share: bool
    sale_sources: list[CitationData]
    share_sources: list[CitationData]
    sale_inferred: str | None
    share_inferred: str | None
    inferred: str | None
    sources: list[CitationData]


class ReceivingRecipientData(RecipientSummaryData):
    sale: bool
    share: bool
    general_only: bool
    inferred: str | None
    contexts: list[RefData]
    purposes: list[RefData]
    activities: list[RefData]
    disclosures: list[DisclosureData]
    sources: list[CitationData]


class SystemFlowData(TypedDict):
    source: RefData
    target: TypedRefData
    categories: list[RefData]
    declared: dict[str, Any] | None


class WhoReceivesData(TypedDict):
    category: CategoryData
    covers: list[RefData]
    within: list[RefData]
    recipients: list[ReceivingRecipientData]
    held_in: list[RefData]
    system_flows: list[SystemFlowData]


# A field whose value a stored piece always keeps: it has no empty value.
KEPT: Any = object()


def empty_values(shape: type) -> dict[str, Any]:
    """Each field of `shape`, in order, with the value a stored piece may leave out and a reader
    restores: None where the field may be None, False for a flag, [] for a list, KEPT otherwise."""
    out: dict[str, Any] = {}
    for name, hint in typing.get_type_hints(shape).items():
        args = typing.get_args(hint)
        if isinstance(hint, types.UnionType) and type(None) in args:
            out[name] = None
        elif hint is bool:
            out[name] = False
        elif typing.get_origin(hint) is list:
            out[name] = []
        else:
            out[name] = KEPT
    return out
