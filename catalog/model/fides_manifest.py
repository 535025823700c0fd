"""Fides (fideslang 3) manifests, read and kept with the project's own models: the `fideslang`
package pins an old pydantic, so the parts datamap exchanges are modelled here, after
fideslang 3.1.4's `models.py` (a test loads every export with fideslang's own models).

A `dataset` manifest lists collections (tables) and their fields, each with `data_categories`
(fideslang keys) and `fides_meta` (identity, references, primary key, type, length: what Fides
needs to run an access or erasure request); fields nest (`fields:` under a field) for documents.
A `system` manifest lists systems with `egress`/`ingress` (what they send to and receive from)
and privacy declarations (a data use, its categories and subjects, the datasets it reads).

Not modelled, so reported as not kept when a manifest has them: fideslang 3.1.4's `data_uses`,
`data_purposes` and `data_subjects` on datasets, collections and fields (new in 3.1.4, used by
none of Fides' own manifests), and the deprecated `cookies`.

The same models are stored in systems.yaml (`fides_dataset`, `fides_system`, a field's
`fides_meta`), so they are strict: a key they do not know is an error there. A manifest is
pruned first (`prune`), and every key it carries that datamap does not keep is reported, never
dropped in silence.

Keys are checked against the published fideslang 3 lists (`vocab/`); a key of an older
fideslang that was renamed is mapped to its successor (`successor`, from the renames fideslang
and Fides published), and one with no successor is kept and reported, never written as a fact.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from functools import cache
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    AnyUrl,
    BaseModel,
    ConfigDict,
    Field,
    PositiveInt,
    StringConstraints,
    TypeAdapter,
    model_validator,
)

from catalog.model.vocabulary import fideslang_keys

# fideslang's FIDES_KEY_PATTERN (validation.py), with a length bound of our own: keys are short.
FidesKey = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=200, pattern=r"^[a-zA-Z0-9_.<>-]+$"),
]
FidesName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
FidesText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
# fideslang's DATA_TYPE_NAMES, each also as an array (`string[]`): validation.valid_data_type.
FidesDataType = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        pattern=r"^(string|integer|float|boolean|object_id|object)(\[\])*$",
    ),
]
# A collection key in a collection's `after`/`erase_after`: dataset.collection.
FidesCollectionKey = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, max_length=400, pattern=r"^[a-zA-Z0-9_<>-]+\.[a-zA-Z0-9_<>-]+$"
    ),
]
_URL = TypeAdapter(AnyUrl)


def _a_url(value: str) -> str:
    _URL.validate_python(value)  # as fideslang checks it; kept as written, not normalised
    return value


FidesUrl = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_a_url)]
# Free-form parts of a manifest (`meta`, `namespace`, `partitioning`): any JSON-like value, its
# size bounded by the YAML reader's limits on the file it comes from.
Json = dict[str, Any]

LegalBasisForProcessing = Literal[
    "Consent",
    "Contract",
    "Legal obligations",
    "Vital interests",
    "Public interest",
    "Legitimate interests",
]
SpecialCategoryLegalBasis = Literal[
    "Explicit consent",
    "Employment, social security and social protection",
    "Vital interests",
    "Not-for-profit bodies",
    "Made public by the data subject",
    "Legal claims or judicial acts",
    "Reasons of substantial public interest (with a basis in law)",
    "Health or social care (with a basis in law)",
    "Public health (with a basis in law)",
    "Archiving, research and statistics (with a basis in law)",
]
LegalBasisForProfiling = Literal["Explicit consent", "Contract", "Authorised by law"]
Responsibility = Literal["Controller", "Processor", "Sub-Processor"]
KeyKind = Literal["data_category", "data_use", "data_subject"]


class _Fides(BaseModel):
    # strict, because systems.yaml stores these; a manifest is pruned of unknown keys first
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class OutdatedKey(_Fides):
    """A key a manifest gave that fideslang 3 does not publish: the published successor used in
    its place, or none (then it is kept here only, and written nowhere as a fact)."""

    key: FidesKey
    kind: KeyKind = "data_category"
    successor: FidesKey | None = None
    where: FidesName | None = None  # for a system: `declaration NAME`, `egress KEY`, ...


# -- fields ---------------------------------------------------------------------------------------


class FidesDatasetReference(_Fides):
    """A field of another collection this one points at or is pointed at by (a DSR graph edge)."""

    dataset: FidesKey
    field: FidesName  # collection.field, with sub-fields dotted
    direction: Literal["from", "to"] | None = None


class FieldMaskingStrategyOverride(_Fides):
    strategy: FidesName
    configuration: Json | None = None


class FidesMeta(_Fides):
    """fideslang's FidesMeta: what Fides needs to query and mask a field for a DSR."""

    references: list[FidesDatasetReference] | None = None
    identity: FidesName | None = None
    primary_key: bool | None = None
    data_type: FidesDataType | None = None
    length: PositiveInt | None = None
    return_all_elements: bool | None = None
    read_only: bool | None = None
    custom_request_field: FidesName | None = None
    masking_strategy_override: FieldMaskingStrategyOverride | None = None
    redact: Literal["name"] | None = None

    @model_validator(mode="after")
    def _arrays_only(self) -> FidesMeta:
        # fideslang's DatasetField.valid_meta: Fides would refuse it, so it is refused here
        if self.return_all_elements is not None and not (self.data_type or "").endswith("[]"):
            raise ValueError("return_all_elements can only be given on an array field (type[])")
        return self


class FidesField(_Fides):
    name: FidesName
    description: FidesText | None = None
    data_categories: list[FidesKey] | None = None
    fides_meta: FidesMeta | None = None
    fields: list[FidesField] | None = None

    @model_validator(mode="after")
    def _objects_nest(self) -> FidesField:
        # fideslang's DatasetField.validate_object_fields
        data_type = (self.fides_meta.data_type if self.fides_meta else None) or ""
        if self.fields and data_type and data_type.split("[", 1)[0] != "object":
            raise ValueError(
                f"field {self.name!r} has sub-fields, so its data_type must be object, not "
                f"{data_type!r}"
            )
        return self


# -- collections and datasets ---------------------------------------------------------------------


class MaskingStrategyOverride(_Fides):
    strategy: Literal["delete"]


class CollectionMeta(_Fides):
    after: list[FidesCollectionKey] | None = None
    erase_after: list[FidesCollectionKey] | None = None
    skip_processing: bool | None = None
    masking_strategy_override: MaskingStrategyOverride | None = None
    partitioning: Json | list[Json] | None = None
    redact: Literal["name"] | None = None


class DatasetMetadata(_Fides):
    resource_id: FidesText | None = None
    after: list[FidesKey] | None = None
    namespace: Json | None = None
    redact: Literal["name"] | None = None


class FidesCollectionFacts(_Fides):
    """A collection as stored on a datamap system: its fields are the system's fields."""

    name: FidesName
    description: FidesText | None = None
    data_categories: list[FidesKey] | None = None
    fides_meta: CollectionMeta | None = None


class FidesCollection(FidesCollectionFacts):
    fields: list[FidesField] = Field(default_factory=list)


class _DatasetBase(_Fides):
    fides_key: FidesKey
    organization_fides_key: FidesKey | None = None
    tags: list[FidesName] | None = None
    meta: Json | None = None
    data_categories: list[FidesKey] | None = None
    fides_meta: DatasetMetadata | None = None


class FidesDatasetFacts(_DatasetBase):
    """A Fides dataset as stored on the datamap system it became: what datamap's own model does
    not say (its fides_key, collection descriptions and metadata). Its name and description are
    the system's unless they differ (a system and a dataset of one key)."""

    name: FidesName | None = None
    description: FidesText | None = None
    collections: list[FidesCollectionFacts] = Field(default_factory=list)
    outdated: list[OutdatedKey] = Field(default_factory=list)


class FidesDataset(_DatasetBase):
    name: FidesName | None = None
    description: FidesText | None = None
    collections: list[FidesCollection] = Field(default_factory=list)


# -- systems --------------------------------------------------------------------------------------


class FidesDataFlow(_Fides):
    fides_key: FidesKey
    type: Literal["system", "user", "dataset"] = "system"
    data_categories: list[FidesKey] | None = None

    @model_validator(mode="after")
    def _user_is_user(self) -> FidesDataFlow:
        # fideslang's DataFlow.user_special_case
        if (self.fides_key == "user") != (self.type == "user"):
            raise ValueError("the 'user' fides_key is required for, and requires, type 'user'")
        return self


class FidesPrivacyDeclaration(_Fides):
    name: FidesName | None = None
    data_categories: list[FidesKey] = Field(default_factory=list)
    data_use: FidesKey
    data_subjects: list[FidesKey] = Field(default_factory=list)
    dataset_references: list[FidesKey] | None = None
    egress: list[FidesKey] | None = None
    ingress: list[FidesKey] | None = None
    features: list[FidesName] | None = None
    flexible_legal_basis_for_processing: bool | None = None
    legal_basis_for_processing: LegalBasisForProcessing | None = None
    impact_assessment_location: FidesText | None = None
    retention_period: FidesText | None = None
    processes_special_category_data: bool | None = None
    special_category_legal_basis: SpecialCategoryLegalBasis | None = None
    data_shared_with_third_parties: bool | None = None
    third_parties: FidesText | None = None
    shared_categories: list[FidesName] | None = None


class SystemMetadata(_Fides):
    # fideslang reads a port given as a number as its text (backwards compatibility)
    model_config = ConfigDict(coerce_numbers_to_str=True)

    resource_id: FidesText | None = None
    endpoint_address: FidesText | None = None
    endpoint_port: FidesName | None = None


class _SystemBase(_Fides):
    """fideslang 3's System, less what datamap's own System says (name, description, the
    owning department)."""

    fides_key: FidesKey
    system_type: FidesName | None = None
    organization_fides_key: FidesKey | None = None
    tags: list[FidesName] | None = None
    meta: Json | None = None
    fidesctl_meta: SystemMetadata | None = None
    egress: list[FidesDataFlow] | None = None
    ingress: list[FidesDataFlow] | None = None
    privacy_declarations: list[FidesPrivacyDeclaration] = Field(default_factory=list)
    vendor_id: FidesName | None = None
    previous_vendor_id: FidesName | None = None
    vendor_deleted_date: dt.datetime | None = None
    dataset_references: list[FidesKey] | None = None
    processes_personal_data: bool | None = None
    exempt_from_privacy_regulations: bool | None = None
    reason_for_exemption: FidesText | None = None
    uses_profiling: bool | None = None
    legal_basis_for_profiling: list[LegalBasisForProfiling] | None = None
    does_international_transfers: bool | None = None
    legal_basis_for_transfers: list[FidesName] | None = None
    requires_data_protection_assessments: bool | None = None
    dpa_location: FidesText | None = None
    dpa_progress: FidesText | None = None
    privacy_policy: FidesUrl | None = None
    legal_name: FidesText | None = None
    legal_address: FidesText | None = None
    responsibility: list[Responsibility] | None = None
    dpo: FidesText | None = None
    joint_controller_info: FidesText | None = None
    data_security_practices: FidesText | None = None
    cookie_max_age_seconds: int | None = None
    uses_cookies: bool | None = None
    cookie_refresh: bool | None = None
    uses_non_cookie_access: bool | None = None
    legitimate_interest_disclosure_url: FidesUrl | None = None

    @model_validator(mode="after")
    def _declarations_name_flows(self) -> _SystemBase:
        # fideslang's System.privacy_declarations_reference_data_flows: a declaration's
        # egress/ingress names one of the system's own
        for decl in self.privacy_declarations:
            for direction in ("egress", "ingress"):
                flows = {f.fides_key for f in getattr(self, direction) or []}
                for key in getattr(decl, direction) or []:
                    if key not in flows:
                        raise ValueError(
                            f"privacy declaration {decl.name or decl.data_use!r} names {direction} "
                            f"{key!r}, which the system's own {direction} does not list"
                        )
        return self


class FidesSystemFacts(_SystemBase):
    """A Fides system as stored on the datamap system it became. `outdated` lists the keys of
    its declarations and flows that fideslang 3 does not publish (see OutdatedKey)."""

    outdated: list[OutdatedKey] = Field(default_factory=list)


class FidesSystem(_SystemBase):
    name: FidesName | None = None
    description: FidesText | None = None
    administrating_department: FidesName | None = None


class FidesManifest(_Fides):
    dataset: list[FidesDataset] = Field(default_factory=list)
    system: list[FidesSystem] = Field(default_factory=list)


# A datamap system's kind as a Fides system_type, and back: what a round trip need not store.
SYSTEM_TYPES = {
    "application": "Application",
    "database": "Database",
    "saas": "Service",
    "file_store": "File store",
}


def kind_of(system_type: str | None) -> str:
    """The datamap kind a Fides system_type reads as (a third-party service is SaaS)."""
    words = (system_type or "").strip().lower()
    if words in ("service", "saas", "third party", "third-party", "vendor"):
        return "saas"
    for kind, fides in SYSTEM_TYPES.items():
        if words in (kind, fides.lower()):
            return kind
    return "application"


def fides_type(sql: str) -> str:
    """A column's SQL type in Fides' words (string, integer, float, boolean, object)."""
    t = sql.lower()
    if "bool" in t:
        return "boolean"
    if any(w in t for w in ("int", "serial")):
        return "integer"
    if any(w in t for w in ("numeric", "decimal", "float", "double", "real", "money")):
        return "float"
    if "json" in t:
        return "object"
    return "string"


def default_fides_key(system_id: str) -> str:
    """The fides_key a datamap system is exported under when no manifest gave it one."""
    return system_id.replace("-", "_")


# The key of a manifest's free-form `meta` under which datamap's export writes what Fides has no
# place for (review states, scans, hosting, flows), so that importing the export restores them.
DATAMAP_META = "datamap"
DATAMAP_META_VERSION = 1


# Keys a manifest may carry for backwards compatibility, read as their current name
# (fideslang's FidesopsMetaBackwardsCompat).
RENAMED_KEYS = {"fidesops_meta": "fides_meta"}


def prune(data: Any, model: type[BaseModel], where: str = "") -> tuple[Any, list[str]]:
    """`data` with only the keys `model` (and the models nested in it) knows, and where each
    other key was: a manifest carries much datamap does not keep, and each is reported."""
    if not isinstance(data, dict):
        return data, []
    fields = model.model_fields
    out: dict[str, Any] = {}
    dropped: list[str] = []
    for key, value in data.items():
        name = RENAMED_KEYS.get(key, key) if isinstance(key, str) else key
        if name in out and name != key:
            dropped.append(f"{where}{key}")  # both spellings: the current one is read
            continue
        if name not in fields:
            if value is not None:  # `meta: null` says nothing, so nothing is lost
                dropped.append(f"{where}{key}")
            continue
        nested = _model_in(fields[name].annotation)
        if nested is None:
            out[name] = value
        elif isinstance(value, list):
            items = []
            for i, item in enumerate(value):
                kept, lost = prune(item, nested, f"{where}{name}[{_label(item, i)}].")
                items.append(kept)
                dropped.extend(lost)
            out[name] = items
        else:
            out[name], lost = prune(value, nested, f"{where}{name}.")
            dropped.extend(lost)
    return out, dropped


def _label(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in ("fides_key", "name"):
            if isinstance(item.get(key), str):
                return str(item[key])[:80]
    return str(index)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, alone or in a list or an optional; None for plain values."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


# -- keys of older fideslang versions ----------------------------------------------------------------
#
# Old key -> the key that replaced it, as fideslang and Fides published the renames; a chain
# (fideslang 1.0 -> 1.1 -> 2.0) is followed to its end. Where a rename's target was itself later
# removed with no successor, the chain ends on a key that is not published, and the old key has
# no successor. Sources (ethyca/fides at 96aa40cb, ethyca/fideslang at 40394c46, both Apache-2.0):
#   [fides-1.1] ethyca/fides src/fides/api/alembic/migrations/versions/
#       7abe778b7082_update_fideslang_data_categories.py, DATA_MAP_UPGRADE (fideslang 1.1's
#       simplification of the 1.0 tree); its one self-mapping entry
#       (user.provided.identifiable.workplace) is left out
#   [fideslang-1.4] ethyca/fideslang data_files/data_categories.csv as published for 1.3
#       (commit 725f247) and for 1.4 (commit 1362767): the address parts moved under
#       user.contact.address with the same names and descriptions ("User Contact State",
#       "User's state level address data.")
#   [fides-1.4-uses] ethyca/fides .../63b482f5b49b_upgrade_to_fideslang_1_4.py, data_use_upgrades
#   [fides-2.0] ethyca/fides .../1ea164cee8bc_fideslang_2_data_migrations.py,
#       data_category_upgrades and data_use_upgrades
#   [fides-2.0b] ethyca/fides .../a6d9cdfcc7dc_migrate_remaining_data_categories.py,
#       data_category_upgrades
#   [fideslang-2.1.1] ethyca/fideslang src/fideslang/default_taxonomy/data_uses.py:
#       personalize.profiling, version_deprecated 2.1.1, replaced_by personalize.content.profiling
# No rename of a data subject has been published; fideslang 3's subjects are fideslang 2's.
SUCCESSORS: dict[str, dict[str, str]] = {
    "data_category": {
        # [fides-1.1]
        "account.payment": "user.financial.payment_information",
        "user.derived.identifiable.biometric_health": "user.biometric_health",
        "user.derived.identifiable.browsing_history": "user.browsing_history",
        "user.derived.identifiable.demographic": "user.demographic",
        "user.derived.identifiable.device": "user.device",
        "user.derived.identifiable.device.cookie_id": "user.device.cookie_id",
        "user.derived.identifiable.device.device_id": "user.device.device_id",
        "user.derived.identifiable.device.ip_address": "user.device.ip_address",
        "user.derived.identifiable.gender": "user.gender",
        "user.derived.identifiable.location": "user.location",
        "user.derived.identifiable.media_consumption": "user.media_consumption",
        "user.derived.identifiable.non_specific_age": "user.non_specific_age",
        "user.derived.identifiable.observed": "user.observed",
        "user.derived.identifiable.profiling": "user.profiling",
        "user.derived.identifiable.race": "user.race",
        "user.derived.identifiable.religious_belief": "user.religious_belief",
        "user.derived.identifiable.search_history": "user.search_history",
        "user.derived.identifiable.sexual_orientation": "user.sexual_orientation",
        "user.derived.identifiable.social": "user.social",
        "user.derived.identifiable.telemetry": "user.telemetry",
        "user.derived.identifiable.unique_id": "user.unique_id",
        "user.derived.identifiable.user_sensor": "user.sensor_data",
        "user.derived.identifiable.organization": "user.organization",
        "user.derived.identifiable.workplace": "user.workplace",
        "user.provided.identifiable.biometric": "user.biometric",
        "user.provided.identifiable.childrens": "user.childrens",
        "user.provided.identifiable.contact.city": "user.contact.address.city",
        "user.provided.identifiable.contact.country": "user.contact.address.country",
        "user.provided.identifiable.contact.postal_code": "user.contact.address.postal_code",
        "user.provided.identifiable.contact.state": "user.contact.address.state",
        "user.provided.identifiable.contact.street": "user.contact.address.street",
        "user.provided.identifiable.contact.email": "user.contact.email",
        "user.provided.identifiable.contact.phone_number": "user.contact.phone_number",
        "user.provided.identifiable.credentials": "user.credentials",
        "user.provided.identifiable.credentials.biometric_credentials": (
            "user.credentials.biometric_credentials"
        ),
        "user.provided.identifiable.credentials.password": "user.credentials.password",
        "user.provided.identifiable.date_of_birth": "user.date_of_birth",
        "user.provided.identifiable.financial": "user.financial",
        "user.provided.identifiable.financial.account_number": "user.financial.account_number",
        "user.provided.identifiable.gender": "user.gender",
        "user.provided.identifiable.genetic": "user.genetic",
        "user.provided.identifiable.government_id": "user.government_id",
        "user.provided.identifiable.government_id.drivers_license_number": (
            "user.government_id.drivers_license_number"
        ),
        "user.provided.identifiable.government_id.national_identification_number": (
            "user.government_id.national_identification_number"
        ),
        "user.provided.identifiable.government_id.passport_number": (
            "user.government_id.passport_number"
        ),
        "user.provided.identifiable.health_and_medical": "user.health_and_medical",
        "user.provided.identifiable.job_title": "user.job_title",
        "user.provided.identifiable.name": "user.name",
        "user.provided.identifiable.non_specific_age": "user.non_specific_age",
        "user.provided.identifiable.political_opinion": "user.political_opinion",
        "user.provided.identifiable.race": "user.race",
        "user.provided.identifiable.religious_belief": "user.religious_belief",
        "user.provided.identifiable.sexual_orientation": "user.sexual_orientation",
        # [fideslang-1.4]
        "user.contact.city": "user.contact.address.city",
        "user.contact.country": "user.contact.address.country",
        "user.contact.postal_code": "user.contact.address.postal_code",
        "user.contact.state": "user.contact.address.state",
        "user.contact.street": "user.contact.address.street",
        "user.account.payment.financial_account_number": "user.payment.financial_account_number",
        # [fides-2.0]
        "user.financial.account_number": "user.financial.bank_account",
        "user.credentials": "user.authorization.credentials",
        "user.browsing_history": "user.behavior.browsing_history",
        "user.media_consumption": "user.behavior.media_consumption",
        "user.search_history": "user.behavior.search_history",
        "user.organization": "user.contact.organization",
        "user.non_specific_age": "user.demographic.age_range",
        "user.date_of_birth": "user.demographic.date_of_birth",
        "user.gender": "user.demographic.gender",
        "user.political_opinion": "user.demographic.political_opinion",
        "user.profiling": "user.demographic.profile",
        "user.race": "user.demographic.race_ethnicity",
        "user.religious_belief": "user.demographic.religious_belief",
        "user.sexual_orientation": "user.demographic.sexual_orientation",
        "user.genetic": "user.health_and_medical.genetic",
        "user.observed": "user.behavior",
        # [fides-2.0b]
        "user.biometric_health": "user.biometric.health",
        "user.credentials.biometric_credentials": "user.authorization.biometric",
        "user.credentials.password": "user.authorization.password",
    },
    "data_use": {
        # [fides-1.4-uses]
        "third_party_sharing.payment_processing": "essential.service.payment_processing",
        "third_party_sharing.fraud_detection": "essential.service.fraud_detection",
        "advertising": "marketing.advertising",
        "advertising.first_party": "marketing.advertising.first_party",
        "advertising.first_party.contextual": "marketing.advertising.first_party.contextual",
        "advertising.first_party.personalized": "marketing.advertising.first_party.targeted",
        "advertising.third_party": "marketing.advertising.third_party.targeted",
        "advertising.third_party.personalized": "marketing.advertising.third_party.targeted",
        "third_party_sharing.personalized_advertising": (
            "marketing.advertising.third_party.targeted"
        ),
        "provide": "essential",
        "provide.service": "essential.service",
        # [fides-2.0]
        "essential.service.operations.support.optimization": "essential.service.operations.improve",
        "improve.system": "functional.service.improve",
        "improve": "functional",
        # [fideslang-2.1.1]
        "personalize.profiling": "personalize.content.profiling",
    },
    "data_subject": {},
}


def published(key: str, kind: KeyKind) -> bool:
    return key in fideslang_keys(kind)


@cache
def successor(key: str, kind: KeyKind) -> str | None:
    """The published fideslang 3 key that replaced `key` (itself when it is published); None
    when it is not published and no published rename leads from it to one that is."""
    seen: set[str] = set()
    while not published(key, kind):
        if key in seen or key not in SUCCESSORS[kind]:
            return None
        seen.add(key)
        key = SUCCESSORS[kind][key]
    return key


def nearest_published(key: str, kind: KeyKind) -> str | None:
    """The key, its successor, or else its nearest published ancestor (a custom data use
    `marketing.advertising.x` is a use for `marketing.advertising`); None when none is."""
    while key:
        if (found := successor(key, kind)) is not None:
            return found
        key = key.rpartition(".")[0]
    return None
