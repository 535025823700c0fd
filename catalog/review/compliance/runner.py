"""Run the rule catalogue over a graph view and collect findings and rule outcomes."""

from __future__ import annotations

import datetime as dt

from catalog.graph.view import GraphView
from catalog.queries.common import ref, unique_cites
from catalog.review.compliance.context import Context, NotApplicable
from catalog.review.compliance.models import (
    SEVERITIES,
    Finding,
    Findings,
    FindingsSummary,
    RuleOutcome,
    severity_rank,
)
from catalog.review.compliance.rules import LoadedRule


class CheckBroken(RuntimeError):
    """A check produced a finding it cannot cite: a bug in the check, not a finding."""


def run_checks(
    view: GraphView,
    rules: list[LoadedRule],
    *,
    regime: str | None = None,
    as_of: dt.date,
    family: str | None = None,
) -> Findings:
    """Every rule of `regime` (all rules when None) judged on the view, at the date `as_of`."""
    selected = [
        r
        for r in rules
        if (regime is None or r.rule.regime == regime)
        and (family is None or family.casefold() in r.rule.family.casefold())
    ]
    contexts: dict[str | None, Context] = {}
    findings: list[Finding] = []
    outcomes: list[RuleOutcome] = []
    for loaded in selected:
        rule = loaded.rule
        ctx = contexts.setdefault(rule.regime, Context(view, rule.regime, as_of))
        outcome = RuleOutcome(
            id=rule.id,
            requirement=rule.requirement,
            regime=rule.regime,
            family=rule.family,
            severity=rule.severity,
            legal_reference=rule.legal_reference,
            status="pass",
        )
        try:
            hits = list(loaded.spec.run(ctx, loaded.params))
        except NotApplicable as exc:
            outcomes.append(
                outcome.model_copy(update={"status": "not_applicable", "note": str(exc)})
            )
            continue
        regime_ref = (
            ref(view, rule.regime) if rule.regime is not None and view.has(rule.regime) else None
        )
        for hit in hits:
            if not hit.sources:
                raise CheckBroken(
                    f"rule {rule.id}: check {rule.check} found {hit.summary!r} uncited"
                )
            findings.append(
                Finding(
                    id=f"{rule.id}:{hit.subject}" if hit.subject else rule.id,
                    rule=rule.id,
                    title=rule.title,
                    severity=rule.severity,
                    regime=regime_ref,
                    family=rule.family,
                    legal_reference=rule.legal_reference,
                    summary=hit.summary,
                    why=rule.why,
                    facts=hit.facts,
                    sources=unique_cites(hit.sources),
                    evidence=hit.evidence,
                    remedy=hit.remedy or rule.remedy,
                )
            )
        status = "fail" if hits else "pass"
        outcomes.append(outcome.model_copy(update={"status": status, "findings": len(hits)}))
    order = {r.rule.id: i for i, r in enumerate(selected)}
    findings.sort(key=lambda f: (severity_rank(f.severity), order[f.rule], f.id))
    summary = FindingsSummary(
        rules=len(outcomes),
        passed=sum(o.status == "pass" for o in outcomes),
        failed=sum(o.status == "fail" for o in outcomes),
        not_applicable=sum(o.status == "not_applicable" for o in outcomes),
        **{s: sum(f.severity == s for f in findings) for s in SEVERITIES},
    )
    meta = view.meta
    return Findings(
        policy={
            "id": meta.get("policy_id", ""),
            "title": meta.get("policy_title", ""),
            "last_updated": meta.get("policy_last_updated", ""),
        },
        as_of=as_of.isoformat(),
        regime=ref(view, regime) if regime is not None and view.has(regime) else None,
        summary=summary,
        findings=findings,
        rules=outcomes,
    )
