"""The rule catalogue: rules are data (rules.yaml), each naming one of the checks below and the
parameters it runs with; the checks are code (checks/), each named with a model of its params.

Keeping the legal content (which rights a law grants, which article, how severe, what to do) in
data means a DPO can read, tune or extend the catalogue without touching Python, and that each
rule can be tested on its own with a graph that passes it and one that fails it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from catalog.errors import BadRequest, DatamapError
from catalog.loading.documents import dotted, read_document
from catalog.model.problems import Problem
from catalog.model.schema import Id, Text
from catalog.review.compliance.checks import CHECKS
from catalog.review.compliance.models import Severity
from catalog.review.compliance.registry import CheckSpec, Params
from catalog.settings import DEFAULT_MAX_FILE_BYTES

RULES_FILE = Path(__file__).with_name("rules.yaml")


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    regime: Id | None = Field(
        default=None, description="The regime id the rule belongs to; none for notice-wide rules"
    )
    family: Text
    requirement: Text = Field(description="What the law asks, as a DPO would state it")
    title: Text = Field(description="The shortfall, as a finding's headline")
    severity: Severity
    legal_reference: Text
    check: Text
    params: dict[str, Any] = Field(default_factory=dict)
    why: Text
    remedy: Text


class RulesInvalid(DatamapError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(p.render(Path.cwd()) for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the rules file:\n{lines}")


@dataclass(frozen=True)
class LoadedRule:
    rule: Rule
    params: Params

    @property
    def spec(self) -> CheckSpec:
        return CHECKS[self.rule.check]


def load_rules(path: Path = RULES_FILE) -> list[LoadedRule]:
    """Every rule of the file, its params checked against its check; RulesInvalid otherwise."""
    doc = read_document(path, DEFAULT_MAX_FILE_BYTES)
    if isinstance(doc, Problem):
        raise RulesInvalid([doc])
    items = doc.data.get("rules") if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        raise RulesInvalid([Problem(path, 1, "rules", "the file must hold `rules:`, a list")])
    problems: list[Problem] = []
    loaded: list[LoadedRule] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = ("rules", i)
        try:
            rule = Rule.model_validate(item)
        except ValidationError as exc:
            for err in exc.errors():
                loc = (*where, *err["loc"])
                problems.append(Problem(path, doc.line(loc), dotted(loc), err["msg"]))
            continue
        label = f"rules[{rule.id}]"
        if rule.id in seen:
            problems.append(Problem(path, doc.line((*where, "id")), label, "duplicate rule id"))
            continue
        seen.add(rule.id)
        spec = CHECKS.get(rule.check)
        if spec is None:
            known = ", ".join(sorted(CHECKS))
            problems.append(
                Problem(
                    path,
                    doc.line((*where, "check")),
                    f"{label}.check",
                    f"unknown check {rule.check!r}; the checks are: {known}",
                )
            )
            continue
        try:
            params = spec.params.model_validate(rule.params)
        except ValidationError as exc:
            for err in exc.errors():
                loc = (*where, "params", *err["loc"])
                problems.append(
                    Problem(path, doc.line(loc), f"{label}.params.{dotted(err['loc'])}", err["msg"])
                )
            continue
        loaded.append(LoadedRule(rule, params))
    if problems:
        raise RulesInvalid(problems)
    return loaded


def rules(path: Path = RULES_FILE) -> list[LoadedRule]:
    """The rule catalogue at `path`, read again only when the file changes."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise BadRequest(f"cannot read the rules file {path}: {exc.strerror}") from None
    return _rules(path, stamp)


@lru_cache(maxsize=4)
def _rules(path: Path, stamp: int) -> list[LoadedRule]:
    return load_rules(path)
