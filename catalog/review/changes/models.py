"""What `datamap diff` and `datamap validate --policy` answer: the change log of the record,
and the facts a revised notice no longer supports."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from catalog.model.results import Citation, Model


class FieldChange(Model):
    field: str
    old: Any = None
    new: Any = None


class Change(Model):
    change: Literal["added", "removed", "changed"]
    id: str
    name: str
    type: str = Field(description="The node kind, or the kind of fact (e.g. Sale, Disclosure)")
    fields: list[FieldChange] = Field(default_factory=list, description="For `changed`")
    material: list[str] = Field(
        default_factory=list,
        description="Why the change is material: a new sale or share, a new third country, a new "
        "sensitive category, a new recipient of sensitive data",
    )
    sources: list[Citation] = Field(
        default_factory=list, description="The new side's citations (the old side's if removed)"
    )


class DiffSection(Model):
    name: str
    title: str
    changes: list[Change]


class DiffSide(Model):
    label: str = Field(description="What was asked: a folder or a git revision")
    folder: str | None = None
    revision: str | None = None
    commit: str | None = None
    fingerprint: str
    policy: dict[str, str]


class DiffSummary(Model):
    added: int = 0
    removed: int = 0
    changed: int = 0
    material: int = 0


class InventoryDiff(Model):
    old: DiffSide
    new: DiffSide
    summary: DiffSummary
    material: list[Change] = Field(description="The material changes, also listed in sections")
    sections: list[DiffSection]


class DriftedFact(Model):
    file: str
    line: int | None
    field: str
    entry: str = Field(description="The id of the entry the fact belongs to")
    entry_type: str
    section: str
    quote: str
    status: Literal["missing", "moved"] = Field(
        description="missing: the sentence is not in the new text; moved: it is, in another section"
    )
    now_in: str | None = Field(default=None, description="For `moved`: the section it is now in")
    closest: str | None = Field(
        default=None, description="For `missing`: the new text's closest sentence"
    )
    similarity: int | None = Field(default=None, description="0-100, for `closest`")


class DriftReport(Model):
    inventory: str
    old_policy: str
    new_policy: str
    citations: int = Field(description="Citations checked")
    unchanged: int
    facts: list[DriftedFact]
    entries_to_review: list[str] = Field(description="Ids of the entries with a missing quote")
    sections_added: list[str]
    sections_removed: list[str]
