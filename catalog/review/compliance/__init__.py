"""Compliance checks: rules over the graph that say where the record and the notice fall short."""

from catalog.review.compliance.models import Finding, Findings, RuleOutcome
from catalog.review.compliance.rules import RULES_FILE, LoadedRule, RulesInvalid, load_rules
from catalog.review.compliance.runner import run_checks

__all__ = [
    "RULES_FILE",
    "Finding",
    "Findings",
    "LoadedRule",
    "RuleOutcome",
    "RulesInvalid",
    "load_rules",
    "run_checks",
]
