"""The plan's JSON shape (pydantic v2), and the errors a plan can end in.

`--json` prints `RightsPlan.to_json()`: exactly request, system, seeds, steps, unreachable and
notify. A step always has order, table, action, rows, via and reason; what else it carries
(columns, retention, inferred) says how each column is treated and on what authority.
"""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from catalog.errors import BadRequest, DatamapError

Request = Literal["access", "erasure"]
Action = Literal["select", "delete", "pseudonymise", "null", "keep"]


class PlanFailed(DatamapError):
    """The database cannot be reached or read, or the plan cannot be made safely."""

    exit_code = 1
    http_status = 502


class SeveralSubjects(BadRequest):
    """A subject key that names more than one person: a plan is for one person."""


class _Model(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class Retention(_Model):
    """A retention rule of the inventory that keeps a field despite an erasure request, with
    the policy sentence that says so."""

    id: str
    name: str
    period: str
    regime: str | None = None
    section: str
    quote: str = Field(description="The rule's policy sentence, verbatim")
    why: str = Field(description="How the rule reaches this field (its words, its categories)")


class ColumnAction(_Model):
    column: str
    action: Literal["pseudonymise", "null", "keep"]
    reason: str
    fideslang: str | None = None
    retention: list[Retention] | None = None


class Step(_Model):
    order: int
    table: str
    action: Action
    rows: int = Field(description="The subject's rows this step touches, counted read-only")
    via: str = Field(description="How the rows are reached from the seed")
    reason: str
    columns: list[ColumnAction] | None = Field(
        default=None, description="Per column, when the rows stay: what is done to each"
    )
    retention: list[Retention] | None = Field(
        default=None, description="The rules that keep the rows, when they are kept"
    )
    inferred: str | None = Field(
        default=None, description="Set when a reach rests on datamap's reading, not a key"
    )


class Seed(_Model):
    table: str
    column: str
    value: str
    rows: int
    identity: str | None = Field(
        default=None, description="The kind of identifier the column holds (email, ...)"
    )


class Unreachable(_Model):
    table: str
    columns: list[str] = Field(description="Its personal columns, as the scan found them")
    why: str


class NotifyRecipient(_Model):
    id: str
    name: str
    role: str
    general_only: bool = Field(
        description="Only a statement about personal information in general names it"
    )
    categories: list[str] = Field(description="What it receives that the subject's tables hold")
    activities: list[str] = Field(default_factory=list)


class RightsPlan(_Model):
    request: Request
    system: str
    seeds: list[Seed]
    steps: list[Step]
    unreachable: list[Unreachable]
    notify: list[NotifyRecipient]
