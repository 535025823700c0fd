"""The inventory's schema: one pydantic model per kind of entry, as written in the YAML files.

Every entry states facts, so every entry carries `sources` (verbatim policy quotes). Links
between entries that state a fact (a context collects an item, an activity serves a purpose)
carry their own sources too; `quote:` is the short form, whose section defaults to the first
section the owning entry cites.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from catalog.model.fides_manifest import (
    FidesDatasetFacts,
    FidesKey,
    FidesMeta,
    FidesSystemFacts,
    OutdatedKey,
)
from catalog.model.kinds import Label
from catalog.model.subjects import FieldSubject
from catalog.model.taxonomy import CCPA_CATEGORIES, CcpaPurpose, RecipientRole

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_CHARS = 80


def is_id(value: str) -> bool:
    return len(value) <= MAX_ID_CHARS and _ID.match(value) is not None


def _check_id(value: str) -> str:
    if len(value) > MAX_ID_CHARS:
        raise ValueError(f"ids are at most {MAX_ID_CHARS} characters")
    if not _ID.match(value):
        odd = [c for c in value if not (c.isascii() and (c.isalnum() or c == "-"))]
        if odd:
            shown = ", ".join(f"{c!r} U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in odd[:3])
            raise ValueError(
                "ids are lower-case ASCII letters, digits and single hyphens "
                f"(e.g. 'payment-information'); this one contains {shown}"
            )
        raise ValueError(
            "ids are lower-case ASCII letters, digits and single hyphens "
            "(e.g. 'payment-information'), with no leading, trailing or doubled hyphen"
        )
    return value


Id = Annotated[str, AfterValidator(_check_id)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
URL_PATTERN = re.compile(r"^(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?$")
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN.pattern)]
CcpaLetter = Literal["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"]
assert set(get_args(CcpaLetter)) == set(CCPA_CATEGORIES)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Citation(Strict):
    """A verbatim sentence (or phrase) of the policy, and the section it is in."""

    section: Text
    quote: Text


class Cited(Strict):
    """Something that states a fact: its sources, or an inference with the reason for it."""

    sources: list[Citation] = Field(default_factory=list)
    quote: Text | None = None
    section: Text | None = None
    inferred: Text | None = Field(
        default=None,
        description="Set when the policy implies rather than states this; says why.",
    )
    draft: bool = Field(
        default=False, description="Read by `datamap draft`, not yet confirmed by a person"
    )
    confidence: float | None = Field(
        default=None, ge=0, le=1, description="How sure the drafter was (drafted facts only)"
    )

    def citations(self, default_section: str | None) -> list[Citation]:
        """Sources with the `quote:` short form expanded."""
        extra: list[Citation] = []
        if self.quote is not None:
            section = self.section or default_section
            if section is not None:
                extra.append(Citation(section=section, quote=self.quote))
        return [*self.sources, *extra]


class Link(Cited):
    """A reference to another entry by id; written as the bare id when it states no fact."""

    ref: Id

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, v: Any) -> Any:
        return {"ref": v} if isinstance(v, str) else v


class Statement(Cited):
    """A statement of the policy kept as text (a consequence, a function, a process step)."""

    text: Text | None = None

    @model_validator(mode="after")
    def _text_defaults_to_quote(self) -> Statement:
        if self.text is None and self.quote is None:
            raise ValueError("a statement needs `text` or `quote`")
        return self

    @property
    def value(self) -> str:
        return self.text or self.quote or ""


class Flag(Cited):
    """A yes/no fact with its source; `true`/`false` alone when nothing needs citing."""

    value: bool = True

    @model_validator(mode="before")
    @classmethod
    def _from_bool(cls, v: Any) -> Any:
        return {"value": v} if isinstance(v, bool) else v


class Sensitivity(Cited):
    """The policy calls a category sensitive under one regime's law. Sensitivity is never
    general: payment information called sensitive in the PIPL section is not thereby CCPA
    sensitive personal information (§1798.140(ae) has its own list)."""

    # Optional only so that a past revision, from before sensitivity was tied to a law, can
    # still be diffed; validation of the current inventory requires it.
    regime: Id | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_bare_flag(cls, v: Any) -> Any:
        if isinstance(v, bool):
            raise ValueError(
                "say under which regime and quote the sentence, e.g. "
                "{regime: pipl, quote: ...}; `true` alone ties sensitivity to no law"
            )
        return v


class Entry(Strict):
    id: Id
    name: Name
    description: Text | None = None
    sources: list[Citation] = Field(default_factory=list)
    inferred: Text | None = None
    aliases: list[Name] = Field(
        default_factory=list,
        description="Everyday words a person may type for this entry: datamap's wording, not "
        "the policy's, used only to find the entry",
    )
    draft: bool = Field(
        default=False, description="Read by `datamap draft`, not yet confirmed by a person"
    )
    confidence: float | None = Field(
        default=None, ge=0, le=1, description="How sure the drafter was (drafted entries only)"
    )

    @model_validator(mode="after")
    def _needs_a_source(self) -> Entry:
        if not self.sources:
            raise ValueError(
                "every entry needs `sources: [{section, quote}]` with the policy text it rests on"
            )
        return self


# -- entry kinds ----------------------------------------------------------------------------


class DataSubject(Entry):
    dpv: str | None = None


class SourceCategory(Entry):
    """A CCPA 'category of source' from which personal information is collected."""

    kind: Literal["direct", "automatic", "third_party", "public"]


class DataCategory(Entry):
    """A normalized category, or (kind: item) a data item in the policy's own words."""

    kind: Literal["category", "item"]
    parent: Id | None = None
    ccpa: list[CcpaLetter] = Field(default_factory=list)
    sensitive: list[Sensitivity] = Field(
        default_factory=list, description="The regimes under which the policy calls it sensitive"
    )
    fideslang: str | None = None
    dpv: str | None = None
    personal: bool = True
    stands_for_all: bool = Field(
        default=False,
        description="The policy's words for everything it collects ('the specific pieces of "
        "personal information we have collected about you'): a disclosure of this item is "
        "read as one of every category, marked as datamap's reading",
    )
    classification_note: Text | None = Field(
        default=None, description="Why the CCPA/fideslang/DPV mapping is what it is"
    )

    @field_validator("sensitive", mode="before")
    @classmethod
    def _one_regime_alone(cls, v: Any) -> Any:
        return [v] if isinstance(v, dict | bool) else v


class CollectionPoint(Entry):
    kind: Literal["context", "tracking_technology", "other"]
    subjects: list[Link] = Field(default_factory=list)
    collects: list[Link] = Field(default_factory=list)
    source_categories: list[Link] = Field(default_factory=list)
    consequences: list[Statement] = Field(
        default_factory=list, description="What the policy says happens if the data is withheld"
    )


class Purpose(Entry):
    ccpa_business_purpose: CcpaPurpose | None = None
    dpv: str | None = None
    fideslang: str | None = None


class LegalBasis(Entry):
    regime: Link
    article: Text
    dpv: str | None = None


class Recipient(Entry):
    role: RecipientRole
    functions: list[Statement] = Field(default_factory=list)
    dpv: str | None = None


class DisclosureFields(Strict):
    recipient: Link
    categories: list[Link] | None = None
    purposes: list[Link] | None = None
    sale: Flag | None = None
    share: Flag | None = None


class Disclosure(DisclosureFields, Cited):
    """A disclosure made by an activity: its categories and purposes default to the activity's."""


class GeneralDisclosure(DisclosureFields, Entry):
    """A disclosure the policy states for personal information in general, not one context."""

    @model_validator(mode="after")
    def _names_its_data(self) -> GeneralDisclosure:
        if not self.categories:
            raise ValueError("a general disclosure must list the `categories:` it covers")
        return self


class ProcessingActivity(Entry):
    business_function: Text
    controller: Link | None = None
    joint_controllers: list[Link] = Field(default_factory=list)
    subjects: list[Link] = Field(default_factory=list)
    collection_points: list[Link] = Field(default_factory=list)
    categories: list[Link] = Field(
        default_factory=list,
        description="Processed in addition to what the activity's collection points collect",
    )
    purposes: list[Link] = Field(default_factory=list)
    legal_bases: list[Link] = Field(default_factory=list)
    legitimate_interests: list[Statement] = Field(default_factory=list)
    disclosures: list[Disclosure] = Field(default_factory=list)
    retention: list[Link] = Field(default_factory=list)
    security: list[Link] = Field(default_factory=list)
    automated_decision_making: list[Statement] = Field(default_factory=list)


class Region(Entry):
    type: Literal["region", "country", "state", "unspecified"]
    eu_adequacy: bool | None = None


class TransferMechanism(Entry):
    kind: Literal["adequacy", "appropriate_safeguard", "derogation", "consent", "other"]
    legal_reference: Text | None = None
    dpv: str | None = None


class Transfer(Entry):
    model_config = ConfigDict(populate_by_name=True)

    from_region: Link = Field(alias="from")
    to_region: Link = Field(alias="to")
    regime: Link
    mechanisms: list[Link] = Field(default_factory=list)
    categories: list[Link] = Field(default_factory=list)
    recipients: list[Link] = Field(default_factory=list)
    systematic: Flag | None = Field(
        default=None,
        description="Set where the policy shows the transfer is regular rather than occasional "
        "(e.g. all data hosted abroad): GDPR derogations do not cover systematic transfers",
    )


class Right(Entry):
    article: Text | None = None
    exercise_via: list[Link] = Field(default_factory=list)
    conditions: list[Statement] = Field(default_factory=list)
    dpv: str | None = None


class Minors(Cited):
    """What the policy says about minors under an age, for collection or for sale."""

    age: int = Field(ge=1, le=21)
    applies_to: Literal["collection", "sale", "processing"]
    statement: Text


class Regime(Entry):
    law: Text
    jurisdiction: list[Link] = Field(default_factory=list)
    rights: list[Right] = Field(default_factory=list)
    request_process: list[Statement] = Field(default_factory=list)
    minors: list[Minors] = Field(default_factory=list)


class Role(Cited):
    regime: Id
    role: Literal[
        "controller",
        "representative",
        "processor",
        "business",
        "personal_information_processor",
        "data_protection_officer",
    ]


class Organisation(Entry):
    address: Text | None = None
    located_in: Link | None = Field(
        default=None, description="The region or country where the organisation is established"
    )
    roles: list[Role] = Field(default_factory=list)
    contact_channels: list[Link] = Field(default_factory=list)


class ContactChannel(Entry):
    kind: Literal["email", "telephone", "post", "web", "sms", "in_person", "account"]
    value: Text | None = None


class RetentionRule(Entry):
    period: Text
    regime: Link | None = None
    categories: list[Link] = Field(default_factory=list)
    applies_to_all: bool = Field(
        default=False, description="A general statement: it governs every processing activity"
    )


class SecurityMeasure(Entry):
    kind: Literal["technical", "organisational", "physical"]
    dpv: str | None = None
    applies_to_all: bool = False


class Choice(Entry):
    kind: Literal["opt_out", "opt_in", "consent_withdrawal", "access", "signal"]
    method: Text
    urls: list[Url] = Field(default_factory=list)
    honoured: bool = True
    regime: Link | None = None
    applies_to: list[Link] = Field(default_factory=list)


class SubsectionDecl(Strict):
    name: Name
    parent: Text
    starts: Text


class PolicyMeta(Strict):
    id: Id
    title: Name
    file: Text
    last_updated: dt.date | None = Field(
        default=None, description="None only in a draft of a notice that states no date"
    )
    sources: list[Citation] = Field(
        default_factory=list,
        description="The policy's own words for its date (e.g. 'Last updated October 23, 2023')",
    )
    subsections: list[SubsectionDecl] = Field(default_factory=list)


# -- systems: what the company holds and sends, as scanned or declared ---------------------------
#
# System facts never rest on the policy: each carries a scan (which database, when, what
# evidence) or a declaration (who, when, which document). They never carry a policy quote.


class Declaration(Strict):
    """Who says so, when, and on what document (a contract, a register, an interview)."""

    by: Name
    date: dt.date  # not `on`: YAML 1.1 reads an unquoted `on:` key as true
    document: Text | None = None


class ScanRecord(Strict):
    """The scan a field was found by: the database (URL without credentials), when, and the
    evidence (name rule, value recognisers with match counts; never a sampled value)."""

    database: Text
    at: dt.datetime
    confidence: float = Field(ge=0, le=1)
    evidence: list[dict[str, Any]] = Field(default_factory=list)


ReviewStatus = Literal["suggested", "accepted", "rejected"]


class FieldEvent(Strict):
    """What a re-scan noticed of a field a person decided on: when, by which scan, and why.
    Stored, so the review, `where`, the map and findings can say it after the scan is over."""

    at: dt.datetime
    database: Text | None = None
    reason: Text


class Rename(Strict):
    """A column the scan matched to one gone from the same table: the decision moved with it."""

    model_config = ConfigDict(populate_by_name=True)

    from_: Name = Field(alias="from", description="The field's former key (table.column)")
    at: dt.datetime
    evidence: list[Text] = Field(
        min_length=1, description="Why the two are one column: type, name, values"
    )


class SystemField(Strict):
    """A column or attribute of a system, and the data category it holds."""

    model_config = ConfigDict(populate_by_name=True)

    schema_: Name | None = Field(default=None, alias="schema")
    table: Name
    column: Name
    data_type: Text | None = None
    category: Id | None = Field(default=None, description="The DataCategory it holds")
    fideslang: str | None = None
    subject: FieldSubject | None = Field(
        default=None,
        description="Whom it is about: customer, patient, employee, user or contact (the scan's "
        "reading, or a reviewer's; kept on re-scan once decided)",
    )
    status: ReviewStatus = Field(
        default="suggested",
        description="suggested by a scan; accepted or rejected by a person (kept on re-scan)",
    )
    scan: ScanRecord | None = None
    declared: Declaration | None = None
    note: Text | None = Field(default=None, description="The reviewer's reason")
    gone: FieldEvent | None = Field(
        default=None,
        description="The last scan did not find the column: the decision is kept (it comes back "
        "if the column does) but the field holds nothing now",
    )
    no_longer_matching: FieldEvent | None = Field(
        default=None,
        description="Accepted, but the last scan's evidence says otherwise (the reason says what "
        "it finds now); cleared when a person decides again or the evidence agrees",
    )
    renamed_from: Rename | None = None
    description: Text | None = Field(default=None, description="What it holds, in words")
    parent: Name | None = Field(
        default=None,
        description="A nested field (a document's sub-field): the column of the field it is in; "
        "its own column is that column, a dot and its name",
    )
    fides_meta: FidesMeta | None = Field(
        default=None,
        description="What Fides needs to query it in a subject request: identity, references, "
        "primary key, type, length",
    )
    more_fideslang: list[FidesKey] = Field(
        default_factory=list,
        description="Further fideslang keys it holds (Fides labels a field with several); "
        "`fideslang` is the first",
    )
    outdated_keys: list[OutdatedKey] = Field(
        default_factory=list,
        description="Keys its source gave that fideslang 3 does not publish: the successor "
        "used instead, or none (then the key is kept here and holds no category)",
    )

    @property
    def key(self) -> str:
        return ".".join(x for x in (self.schema_, self.table, self.column) if x)

    @model_validator(mode="after")
    def _has_provenance(self) -> SystemField:
        if self.scan is None and self.declared is None:
            raise ValueError("a field needs its provenance: `scan:` or `declared:`")
        return self

    @model_validator(mode="after")
    def _nests_in_its_parent(self) -> SystemField:
        if self.parent is not None and not self.column.startswith(self.parent + "."):
            raise ValueError(
                f"a nested field's column starts with its parent's and a dot: "
                f"{self.parent}.<name>, not {self.column}"
            )
        return self


class Flow(Strict):
    """Data leaving a system, for another system or a recipient."""

    to: Id
    categories: list[Id] = Field(min_length=1)
    description: Text | None = None
    declared: Declaration | None = None


class System(Entry):
    """An application, database, SaaS tool or file store that holds personal data."""

    kind: Literal["application", "database", "saas", "file_store"]
    owner: Name | None = None
    hosted_in: Id | None = Field(default=None, description="The Region it is hosted in")
    supports: list[Id] = Field(default_factory=list, description="ProcessingActivity ids")
    declared: Declaration | None = None
    scanned: ScanRecord | None = Field(
        default=None, description="The last scan of the whole system (evidence stays on fields)"
    )
    fields: list[SystemField] = Field(default_factory=list)
    flows: list[Flow] = Field(default_factory=list)
    fides_dataset: FidesDatasetFacts | None = Field(
        default=None,
        description="The Fides dataset it was imported from: what datamap's model does not say "
        "(its key, collections' descriptions and metadata)",
    )
    fides_system: FidesSystemFacts | None = Field(
        default=None,
        description="The Fides system it was imported from: privacy declarations, egress and "
        "ingress (to any target, known to the inventory or not), and the rest of its manifest",
    )

    @model_validator(mode="after")
    def _needs_a_source(self) -> System:
        return self  # a system's source is its scan or declaration, checked below

    @model_validator(mode="after")
    def _has_provenance(self) -> System:
        if self.sources or self.aliases:
            raise ValueError(
                "a system is not a policy statement: it takes no `sources:` or `aliases:`; "
                "say who declared it with `declared: {by, date, document}`"
            )
        undeclared = self.declared is None
        if undeclared and (self.hosted_in or self.supports or self.owner):
            raise ValueError(
                "where a system is hosted, whom it belongs to and what it supports are "
                "declarations: add `declared: {by, date, document}`"
            )
        if undeclared and any(f.declared is None for f in self.flows):
            raise ValueError(
                "a flow is a declaration: add `declared: {by, date, document}` to the flow or the system"
            )
        return self

    @model_validator(mode="after")
    def _fides_facts_are_declared(self) -> System:
        if self.declared is None and (self.fides_dataset or self.fides_system):
            raise ValueError(
                "a Fides dataset or system is a declaration: add `declared: {by, date, document}` "
                "(the manifest it comes from)"
            )
        return self


# Top-level YAML key -> (graph node kind, model). Ids are unique across all kinds.
ENTRY_KINDS: dict[str, tuple[str, type[Entry]]] = {
    "subjects": (Label.DataSubject, DataSubject),
    "source_categories": (Label.Source, SourceCategory),
    "categories": (Label.DataCategory, DataCategory),
    "collection_points": (Label.CollectionPoint, CollectionPoint),
    "purposes": (Label.Purpose, Purpose),
    "legal_bases": (Label.LegalBasis, LegalBasis),
    "recipients": (Label.Recipient, Recipient),
    "activities": (Label.ProcessingActivity, ProcessingActivity),
    "general_disclosures": (Label.Disclosure, GeneralDisclosure),
    "regions": (Label.Region, Region),
    "transfer_mechanisms": (Label.TransferMechanism, TransferMechanism),
    "transfers": (Label.Transfer, Transfer),
    "regimes": (Label.Regime, Regime),
    "organisations": (Label.Organisation, Organisation),
    "contact_channels": (Label.ContactChannel, ContactChannel),
    "retention_rules": (Label.RetentionRule, RetentionRule),
    "security_measures": (Label.SecurityMeasure, SecurityMeasure),
    "choices": (Label.Choice, Choice),
    "systems": (Label.System, System),
}
POLICY_KEY = "policy"
