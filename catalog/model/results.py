"""Answer models: the stable JSON shape of every query, shared by the CLI and the API.

Every entity carries `id` and `name`; every fact carries `sources`, the policy sentences it
rests on, and `inferred` where it is datamap's reading rather than the policy's words.
"""

# No `from __future__ import annotations` here: pydantic would compile every annotation from a
# string when the models are made, a measurable part of a command-line question.
from typing import Any, ClassVar, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from catalog.model import answer_data as plain_shapes


class Model(BaseModel):
    # Built on first use: a command builds the few answer models it returns, not all of them.
    # Every dump names `by_alias=True` itself (to_json, the API's JSON, FastAPI's responses).
    model_config = ConfigDict(populate_by_name=True, defer_build=True)

    # The TypedDict (answer_data.py) of an answer built as plain data, for the models made from
    # one: bound here, so that a model and its shape cannot come to differ.
    plain: ClassVar[type | None] = None

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        shape = cls.__dict__.get("plain")
        if shape is None:
            return
        fields, keys = list(cls.model_fields), list(shape.__annotations__)
        if fields != keys:
            raise TypeError(
                f"{cls.__name__} and its plain shape answer_data.{shape.__name__} differ: "
                f"fields {fields}, keys {keys}; change both together"
            )
        _MODEL_OF[shape] = cls


_MODEL_OF: dict[type, type[Model]] = {}


def model_of(shape: type) -> type[Model]:
    """The result model bound to a plain shape (Plain.model_type)."""
    return _MODEL_OF[shape]


class Citation(Model):
    plain: ClassVar[type | None] = plain_shapes.CitationData
    section: str
    quote: str


class Ref(Model):
    plain: ClassVar[type | None] = plain_shapes.RefData
    id: str
    name: str


class TypedRef(Ref):
    plain: ClassVar[type | None] = plain_shapes.TypedRefData
    type: str = Field(description="The node kind, as the Neo4j label")


# -- categories -------------------------------------------------------------------------------------


class Sensitivity(Model):
    plain: ClassVar[type | None] = plain_shapes.SensitivityData
    regime: Ref = Field(description="The law under which the policy calls the data sensitive")
    sources: list[Citation] = Field(default_factory=list)
    inferred: str | None = None


class Category(Ref):
    plain: ClassVar[type | None] = plain_shapes.CategoryData
    kind: Literal["category", "item"]
    description: str | None = None
    parent: Ref | None = None
    personal: bool = True
    ccpa: list[str] = Field(default_factory=list, description="CCPA §1798.140(v)(1) letters")
    ccpa_labels: list[str] = Field(default_factory=list)
    sensitive: bool = Field(default=False, description="Sensitive under at least one regime")
    sensitive_under: list[Sensitivity] = Field(
        default_factory=list,
        description="Each regime under which the policy calls it sensitive, with that sentence",
    )
    sensitive_sources: list[Citation] = Field(
        default_factory=list, description="Every sentence of `sensitive_under`, together"
    )
    fideslang: str | None = None
    dpv: str | None = None
    classification_note: str | None = None
    sources: list[Citation] = Field(default_factory=list)


class CategoryMatch(Ref):
    plain: ClassVar[type | None] = plain_shapes.CategoryMatchData
    match: Literal["exact", "narrower", "broader"] = Field(
        description="exact: the category asked; narrower: grouped beneath it; broader: a "
        "category it belongs to, such as 'personal information' in a general statement"
    )
    inferred: str | None = Field(
        default=None,
        description="Why, where the policy implies rather than says that this category goes "
        "with the disclosure (datamap's reading)",
    )


# -- recipients and disclosures -----------------------------------------------------------------------


class RecipientSummary(Ref):
    plain: ClassVar[type | None] = plain_shapes.RecipientSummaryData
    role: str
    role_label: str
    functions: list[str] = Field(default_factory=list)
    dpv: str | None = None
    description: str | None = None


class DisclosureOut(Ref):
    plain: ClassVar[type | None] = plain_shapes.DisclosureData
    activity: Ref | None = None
    general: bool = Field(description="Stated for personal information in general, not one context")
    recipient: Ref
    categories: list[CategoryMatch] = Field(default_factory=list)
    purposes: list[Ref] = Field(default_factory=list)
    contexts: list[Ref] = Field(default_factory=list)
    sale: bool = False
    share: bool = False
    sale_sources: list[Citation] = Field(default_factory=list)
    share_sources: list[Citation] = Field(default_factory=list)
    sale_inferred: str | None = None
    share_inferred: str | None = None
    inferred: str | None = None
    sources: list[Citation] = Field(default_factory=list)


class ReceivingRecipient(RecipientSummary):
    plain: ClassVar[type | None] = plain_shapes.ReceivingRecipientData
    sale: bool
    share: bool
    general_only: bool = Field(description="Receives the data only through general disclosures")
    inferred: str | None = Field(
        default=None,
        description="Set where every disclosure carrying the data to this recipient rests on "
        "datamap's reading rather than the policy's words; says why",
    )
    contexts: list[Ref] = Field(default_factory=list)
    purposes: list[Ref] = Field(default_factory=list)
    activities: list[Ref] = Field(default_factory=list)
    disclosures: list[DisclosureOut] = Field(default_factory=list)
    sources: list[Citation] = Field(default_factory=list)


class WhoReceives(Model):
    plain: ClassVar[type | None] = plain_shapes.WhoReceivesData
    category: Category
    covers: list[Ref] = Field(description="The categories and items grouped beneath it")
    within: list[Ref] = Field(description="The broader categories it belongs to")
    recipients: list[ReceivingRecipient]
    held_in: list[Ref] = Field(
        default_factory=list,
        description="Systems whose fields hold it (scanned or declared; not the policy)",
    )
    system_flows: list["SystemFlow"] = Field(
        default_factory=list,
        description="Flows out of systems carrying it, as declared (not the policy)",
    )


class RecipientDetail(RecipientSummary):
    sources: list[Citation] = Field(default_factory=list)


Verdict = Literal["named", "general", "none"]


class CheckAnswer(Model):
    """May this category go to this recipient? With the disclosures that allow it, or why not."""

    verdict: Verdict = Field(
        description="named: a context or activity names this recipient for this data; general: "
        "only a statement about personal information in general covers it; none: the policy "
        "does not disclose it to this recipient"
    )
    allowed: bool
    general_only: bool = Field(
        default=False,
        description="Allowed only through a statement about personal information in general",
    )
    reason: str
    inferred: str | None = Field(
        default=None,
        description="Set where the verdict rests on datamap's reading, not the policy's words "
        "(the verdict is then 'named by datamap's reading'); says why",
    )
    category: Ref
    recipient: Ref
    disclosures: list[DisclosureOut] = Field(default_factory=list)
    recipient_receives: list[Ref] = Field(
        default_factory=list, description="When not allowed: what the policy does disclose to it"
    )
    category_recipients: list[Ref] = Field(
        default_factory=list, description="When not allowed: who the policy does disclose it to"
    )


class FlowChecked(Model):
    """One category-to-recipient flow of a batch: its verdict, and the full answer."""

    category: str
    recipient: str
    verdict: Verdict | None = Field(description="None when a name was not found")
    answer: CheckAnswer | None = None
    error: str | None = None


class FlowsChecked(Model):
    """Many flows at once, for a CI gate: each verdict, and how many of each."""

    flows: list[FlowChecked]
    named: int
    general: int
    none: int
    unknown: int = Field(description="Flows naming a category or recipient that is not found")


class RecipientCategories(Model):
    recipient: RecipientSummary
    categories: list[CategoryMatch]
    disclosures: list[DisclosureOut]


# -- sales ------------------------------------------------------------------------------------------


class ChoiceOut(Ref):
    kind: str
    method: str
    urls: list[str] = Field(default_factory=list)
    honoured: bool = True
    regime: Ref | None = None
    sources: list[Citation] = Field(default_factory=list)


class MinorsOut(Model):
    regime: Ref
    age: int
    applies_to: str
    statement: str
    sources: list[Citation] = Field(default_factory=list)


class SoldRecipient(RecipientSummary):
    sale: bool
    share: bool
    sources: list[Citation] = Field(default_factory=list)


class WhatIsSold(Model):
    categories: list[Category]
    recipients: list[SoldRecipient]
    purposes: list[Ref]
    disclosures: list[DisclosureOut]
    opt_outs: list[ChoiceOut]
    minors: list[MinorsOut]
    sources: list[Citation]


# -- transfers --------------------------------------------------------------------------------------


class RegionRef(Ref):
    type: str


class MechanismOut(Ref):
    kind: str
    legal_reference: str | None = None
    dpv: str | None = None
    description: str | None = None
    inferred: str | None = None
    sources: list[Citation] = Field(default_factory=list)


class TransferOut(Ref):
    from_region: RegionRef = Field(alias="from")
    to_region: RegionRef = Field(alias="to")
    regime: Ref
    mechanisms: list[MechanismOut]
    categories: list[Ref]
    recipients: list[Ref] = Field(default_factory=list)
    inferred: str | None = None
    sources: list[Citation]


class Transfers(Model):
    transfers: list[TransferOut]


# -- lineage ----------------------------------------------------------------------------------------


class LineageNode(TypedRef):
    distance: int
    direction: Literal["origin", "upstream", "downstream"]
    general: bool = Field(
        default=False, description="Reached through a broader category (a general statement)"
    )


class LineageEdge(Model):
    source: str
    target: str
    type: str
    general: bool = False
    inferred: str | None = None
    sources: list[Citation] = Field(default_factory=list)


class Upstream(Model):
    collection_points: list[Ref] = Field(default_factory=list)
    subjects: list[Ref] = Field(default_factory=list)
    sources: list[Ref] = Field(default_factory=list, description="CCPA categories of sources")


class Downstream(Model):
    activities: list[Ref] = Field(default_factory=list)
    purposes: list[Ref] = Field(default_factory=list)
    legal_bases: list[Ref] = Field(default_factory=list)
    recipients: list[Ref] = Field(default_factory=list)
    transfers: list[Ref] = Field(default_factory=list)
    regions: list[Ref] = Field(default_factory=list)
    mechanisms: list[Ref] = Field(default_factory=list)
    retention: list[Ref] = Field(default_factory=list)
    regimes: list[Ref] = Field(default_factory=list)
    systems: list[Ref] = Field(
        default_factory=list, description="Systems holding it (scanned or declared)"
    )


class Lineage(Model):
    category: Category
    depth: int
    covers: list[Ref]
    within: list[Ref]
    upstream: Upstream
    downstream: Downstream
    nodes: list[LineageNode]
    edges: list[LineageEdge]


# -- listing and showing ----------------------------------------------------------------------------

T = TypeVar("T")


class Page(Model, Generic[T]):
    items: list[T]
    total: int
    limit: int | None = None
    offset: int = 0


class EntryItem(Ref):
    """An entry of a kind listed by id and name alone (subjects, rights, regimes, choices,
    transfers), with the kind of entry it belongs under where there is one."""

    type: str
    under: Ref | None = Field(default=None, description="The regime of a right or a choice")
    sources: list[Citation] = Field(default_factory=list)


class ContextItem(Ref):
    kind: str
    subjects: list[Ref] = Field(default_factory=list)
    collects: list[Ref] = Field(default_factory=list)
    consequences: list[str] = Field(default_factory=list)
    sources: list[Citation] = Field(default_factory=list)


class CategoryItem(Ref):
    kind: str
    parent: Ref | None = None
    ccpa: list[str] = Field(default_factory=list)
    sensitive: bool = False
    sensitive_under: list[str] = Field(
        default_factory=list, description="Ids of the regimes under which it is sensitive"
    )
    personal: bool = True
    fideslang: str | None = None
    dpv: str | None = None


class RecipientItem(RecipientSummary):
    general_only: bool = False
    sources: list[Citation] = Field(default_factory=list)


class PurposeItem(Ref):
    ccpa_business_purpose: str | None = None
    ccpa_business_purpose_label: str | None = None
    dpv: str | None = None
    fideslang: str | None = None
    sources: list[Citation] = Field(default_factory=list)


class ActivityItem(Ref):
    business_function: str
    purposes: list[Ref] = Field(default_factory=list)
    legal_bases: list[Ref] = Field(default_factory=list)
    recipients: list[Ref] = Field(default_factory=list)
    sources: list[Citation] = Field(default_factory=list)


class Relationship(Model):
    type: str
    direction: Literal["out", "in"]
    other: TypedRef
    inferred: str | None = None
    sources: list[Citation] = Field(default_factory=list)
    properties: dict[str, object] = Field(default_factory=dict)


class Entity(TypedRef):
    properties: dict[str, object]
    relationships: list[Relationship]


# -- record of processing ---------------------------------------------------------------------------


class RopaItem(Ref):
    """One entry in a record cell, with what it rests on."""

    detail: str | None = None
    inferred: str | None = None
    general: bool = False
    draft: bool = Field(
        default=False, description="Drafted by `datamap draft` and not yet accepted by a person"
    )
    sources: list[Citation] = Field(default_factory=list)


class RopaActivity(Ref):
    business_function: str
    description: str | None = None
    purposes: list[RopaItem]
    joint_controllers: list[RopaItem]
    data_subjects: list[RopaItem]
    data_categories: list[RopaItem]
    recipients: list[RopaItem]
    processor_contracts: list[RopaItem]
    transfers: list[RopaItem]
    third_countries: list[RopaItem]
    transfer_safeguards: list[RopaItem]
    retention: list[RopaItem]
    security_measures: list[RopaItem]
    legal_bases: list[RopaItem]
    special_category_conditions: list[RopaItem]
    legitimate_interests: list[RopaItem]
    rights: list[RopaItem]
    automated_decision_making: list[RopaItem]
    data_sources: list[RopaItem]
    sold_or_shared: list[RopaItem] = Field(default_factory=list)
    sensitive_categories: list[RopaItem] = Field(default_factory=list)
    sources: list[Citation]


class RopaParty(Ref):
    role: str
    address: str | None = None
    contacts: list[str] = Field(default_factory=list)
    inferred: str | None = None
    sources: list[Citation] = Field(default_factory=list)


class Ropa(Model):
    regime: Ref
    law: str
    policy: dict[str, str]
    controller: list[RopaParty]
    representative: list[RopaParty]
    data_protection_officer: list[RopaParty]
    activities: list[RopaActivity]


# -- regulator exports --------------------------------------------------------------------------------


class CcpaRow(Model):
    """One §1798.140(v)(1) category in the §7011(e) disclosure."""

    letter: str
    category: str
    statutory_name: str
    collected: list[RopaItem]
    sources: list[RopaItem]
    purposes: list[RopaItem]
    sold_or_shared_to: list[RopaItem]
    disclosed_to: list[RopaItem]
    sensitive: bool
    retention: list[RopaItem]


class CcpaDisclosure(Model):
    regime: Ref
    period: str
    rows: list[CcpaRow]
    opt_outs: list[ChoiceOut]
    minors: list[MinorsOut]
    sensitive_use: list[RopaItem]
    rights: list[RopaItem]
    request_process: list[RopaItem]


class Fact(Model):
    """One statement of the graph and one policy sentence it rests on."""

    kind: str
    subject: Ref
    subject_type: str
    relation: str | None = None
    object: Ref | None = None
    object_type: str | None = None
    statement: str
    inferred: str | None = None
    section: str
    quote: str


class ErasureRecipient(Model):
    recipient: RecipientSummary
    general_only: bool = Field(
        description="Only a statement about personal information in general puts it here"
    )
    activities: list[Ref] = Field(
        default_factory=list,
        description="The activities concerning the subject that disclose to it",
    )
    categories: list[Ref] = Field(default_factory=list, description="What it receives")
    sources: list[Citation] = Field(default_factory=list)


class ErasureRecipients(Model):
    """Who must be told of an erasure (GDPR Art. 17(2) and 19): every recipient the policy says
    receives data of this kind of individual, through an activity concerning them or a general
    disclosure; those named for them first."""

    subject: Ref
    summary: str
    recipients: list[ErasureRecipient] = Field(default_factory=list)


# -- scans -------------------------------------------------------------------------------------


class ScanField(Model):
    """One column of a scanned database, classified with the evidence behind it. Sampled
    values are never part of it: only which rule or recogniser matched, and how often."""

    schema_: str | None = Field(default=None, alias="schema")
    table: str
    column: str
    data_type: str
    personal: bool
    fideslang: str | None = Field(
        description="A fideslang data category key, from the shipped list"
    )
    family: str | None = Field(
        default=None, description="The family of the key (email, phone, address, name, ...)"
    )
    category: str | None = Field(
        default=None,
        description="The inventory category carrying the key, or its nearest ancestor's",
    )
    confidence: float = Field(ge=0, le=1)
    subject: str | None = Field(
        default=None,
        description="Whom the column is about: customer, patient, employee, user or contact",
    )
    evidence: list[dict[str, Any]] = Field(default_factory=list)


class ScanSkipped(Model):
    schema_: str | None = Field(default=None, alias="schema")
    table: str
    reason: str


class ScanForeignKey(Model):
    """A foreign key the database declares: these columns of a table point at those of
    another (the schema's structure, for the classifier: which tables are about people)."""

    schema_: str | None = Field(default=None, alias="schema")
    table: str
    columns: list[str]
    referred_schema: str | None = Field(
        default=None,
        description="The referred table's schema, where the catalogue names it (PostgreSQL "
        "leaves out a schema on the search path)",
    )
    referred_table: str
    referred_columns: list[str]


class ScanReport(Model):
    database: str = Field(description="The database scanned, its URL without credentials")
    dialect: str
    scanned_at: str
    sample_limit: int = Field(description="At most this many values read per column")
    tables: int
    columns: int
    personal: int = Field(description="Columns classified as personal data")
    seconds: float
    fields: list[ScanField]
    skipped: list[ScanSkipped] = Field(default_factory=list)
    foreign_keys: list[ScanForeignKey] = Field(
        default_factory=list, description="The foreign keys declared by the tables scanned"
    )


class SpecialFlag(Model):
    """A regime under which the data a field holds is a special category, and why."""

    regime: str = Field(description="gdpr (Art. 9) or ccpa (sensitive personal information)")
    reference: str = Field(description="The provision, e.g. GDPR Art. 9(1)")
    what: str = Field(description="What the provision names that this data is")


class SubjectCount(Model):
    subject: str | None = Field(
        description="customer, patient, employee, user or contact; null where not known"
    )
    fields: int


class FieldNotice(Model):
    """What a re-scan noticed of a decided field, as systems.yaml keeps it."""

    at: str
    database: str | None = None
    reason: str


class FieldLocation(Model):
    """A column holding the data: where it is, what it holds, and how that is known."""

    system: TypedRef
    field: str = Field(description="schema.table.column")
    schema_: str | None = Field(default=None, alias="schema")
    table: str
    column: str
    data_type: str | None = None
    holds: Ref = Field(description="The category the field holds")
    match: Literal["exact", "narrower"]
    status: Literal["suggested", "accepted", "rejected"]
    confidence: float | None = Field(default=None, description="The scan's, when scanned")
    scanned: str | None = Field(default=None, description="The database scanned, and when")
    declared: dict[str, Any] | None = None
    subject: str | None = Field(
        default=None,
        description="Whom it is about: customer, patient, employee, user or contact (the scan's "
        "reading or a reviewer's)",
    )
    special: list[SpecialFlag] = Field(
        default_factory=list,
        description="Each regime under which its data is a special category (GDPR Art. 9, CCPA "
        "sensitive personal information), read from its fideslang key",
    )
    no_longer_matching: FieldNotice | None = Field(
        default=None, description="Accepted, but the last scan's evidence says otherwise"
    )
    gone: FieldNotice | None = Field(
        default=None, description="The last scan did not find the column (in `gone` only)"
    )


class SystemFlow(Model):
    plain: ClassVar[type | None] = plain_shapes.SystemFlowData
    source: Ref
    target: TypedRef
    categories: list[Ref]
    declared: dict[str, Any] | None = None


class Locations(Model):
    """Where a category lives: what an access or erasure request has to search."""

    category: Ref
    covers: list[Ref] = Field(description="The categories and items grouped beneath it")
    summary: str
    locations: list[FieldLocation]
    subjects: list[SubjectCount] = Field(
        default_factory=list, description="Whom those fields are about, most fields first"
    )
    flows: list[SystemFlow] = Field(description="Flows out of those systems carrying it")
    gone: list[FieldLocation] = Field(
        default_factory=list,
        description="Decided fields that held it and that the last scan no longer found: "
        "nothing to search, kept for the record until a person removes them",
    )


# -- the data map (the browser view) --------------------------------------------------------------

MapLane = Literal["point", "category", "system", "purpose", "recipient", "region"]
MapEdgeKind = Literal[
    "collects", "purpose", "disclosed", "sold", "shared", "transfer", "held", "flows"
]


class MapNode(Model):
    id: str
    name: str
    lane: MapLane
    sensitive: bool = False
    sold: bool = False
    shared: bool = False
    named: bool = Field(
        default=False, description="A recipient some context or activity names (not only general)"
    )
    subjects: list[SubjectCount] = Field(
        default_factory=list,
        description="A system's: whom the fields it holds are about (rejected fields hold nothing)",
    )
    special: list[str] = Field(
        default_factory=list,
        description="A system's: the special categories its fields hold, as 'GDPR Art. 9(1) "
        "(data concerning health)'",
    )
    review: list[str] = Field(
        default_factory=list,
        description="A system's: decided fields its last scan found gone or no longer matching, "
        "as 'gone: reviews.display_name (the scan found no column ...)'",
    )


class MapEdge(Model):
    source: str
    target: str
    kind: MapEdgeKind
    general: bool = Field(
        default=False, description="Only through a statement about personal information in general"
    )
    inferred: bool = Field(default=False, description="Only through datamap's reading")
    regimes: list[str] = Field(
        default_factory=list,
        description="The regimes the edge is stated under (a transfer's; the CCPA for a sale or "
        "a share); empty where it holds under every regime",
    )


class DataMap(Model):
    title: str
    last_updated: str
    regimes: list[Ref] = Field(default_factory=list)
    nodes: list[MapNode]
    edges: list[MapEdge]
