"""What `datamap check` answers: findings, each tied to a rule, the facts involved and the policy
sentences it rests on, and the outcome of every rule that ran."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from catalog.model.results import Citation, Model, Ref, TypedRef

Severity = Literal["high", "medium", "low", "info"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low", "info")
Status = Literal["pass", "fail", "not_applicable"]


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


class FindingFact(TypedRef):
    """An entry of the graph a finding is about."""

    inferred: str | None = Field(
        default=None, description="Why datamap reads the fact this way, where the policy implies it"
    )


class Finding(Model):
    id: str = Field(description="The rule's id, and the subject where a rule finds several")
    rule: str
    title: str
    severity: Severity
    regime: Ref | None = None
    family: str
    legal_reference: str
    summary: str = Field(description="What the graph shows, in its own terms")
    why: str = Field(description="What the law asks, and why this falls short of it")
    facts: list[FindingFact] = Field(default_factory=list)
    sources: list[Citation] = Field(
        min_length=1, description="The policy sentences the finding rests on"
    )
    evidence: list[str] = Field(
        default_factory=list,
        description="For findings about systems: the scan or declaration behind each fact",
    )
    remedy: str


class RuleOutcome(Model):
    id: str
    requirement: str
    regime: str | None = None
    family: str
    severity: Severity
    legal_reference: str
    status: Status
    findings: int = 0
    note: str | None = Field(default=None, description="Why a rule did not apply")


class FindingsSummary(Model):
    high: int = 0
    medium: int = 0
    low: int = 0
    info: int = 0
    rules: int = 0
    passed: int = 0
    failed: int = 0
    not_applicable: int = 0


class Findings(Model):
    policy: dict[str, str]
    as_of: str = Field(description="The date the checks judged the notice at (YYYY-MM-DD)")
    regime: Ref | None = Field(default=None, description="The regime asked, or null for all")
    summary: FindingsSummary
    findings: list[Finding]
    rules: list[RuleOutcome]
