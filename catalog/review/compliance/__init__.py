"""Compliance checks: rules over the graph that say where the record and the notice fall short."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from catalog.model.kinds import Label
from catalog.queries.engine import QueryEngine
from catalog.review.compliance.models import Finding, Findings, RuleOutcome
from catalog.review.compliance.rules import RULES_FILE, LoadedRule, RulesInvalid, load_rules, rules
from catalog.review.compliance.runner import run_checks


def findings(
    engine: QueryEngine,
    regime: str | None = None,
    as_of: dt.date | None = None,
    rules_file: Path | None = None,
    family: str | None = None,
) -> Findings:
    """The rule catalogue judged on the whole graph: for one regime (id or name), or all;
    `family` keeps the rules whose family names it ("systems", "CCPA rights")."""
    rid = engine.resolve(regime, (Label.Regime,)) if regime else None
    return run_checks(
        engine.snapshot(),
        rules(rules_file or RULES_FILE),
        regime=rid,
        as_of=as_of or dt.date.today(),
        family=family,
    )


__all__ = [
    "RULES_FILE",
    "Finding",
    "Findings",
    "LoadedRule",
    "RuleOutcome",
    "RulesInvalid",
    "findings",
    "load_rules",
    "rules",
    "run_checks",
]
