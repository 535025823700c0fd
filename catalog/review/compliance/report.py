"""Findings for people: a terminal report and a Markdown report a lawyer can read and file."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from catalog.model.text import md_cell as md
from catalog.review.compliance.models import SEVERITIES, Finding, Findings

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}


def headline(f: Findings) -> str:
    s = f.summary
    scope = f"{f.regime.name} rules" if f.regime else "all rules"
    return (
        f"{f.policy.get('title', 'The policy')} "
        f"(last updated {f.policy.get('last_updated') or 'not stated'}), "
        f"judged on {f.as_of} against {scope}: {s.high} high, {s.medium} medium, {s.low} low, "
        f"{s.info} info; {s.rules} rules: {s.passed} passed, {s.failed} failed"
        + (f", {s.not_applicable} not applicable" if s.not_applicable else "")
        + "."
    )


def terminal(console: Console, f: Findings, *, every: bool = False, quotes: int = 2) -> None:
    """The findings on one screen: by severity, one line per rule that found something, with
    the ids of what it found; `every` prints each finding in full."""
    console.print(headline(f), style="bold", markup=False)
    if every:
        full(console, f, quotes=quotes)
        return
    for severity in SEVERITIES:
        found = [x for x in f.findings if x.severity == severity]
        if not found:
            continue
        console.print()
        console.print(Text(f"{severity.upper()} ({len(found)})", style=SEVERITY_STYLE[severity]))
        by_rule: dict[str, list[Finding]] = {}
        for x in found:
            by_rule.setdefault(x.rule, []).append(x)
        for rule, items in by_rule.items():
            console.print(
                Padding(_rule_line(console, rule, items, console.width - 2), (0, 0, 0, 2))
            )
    _rules(console, f, notes=False)
    console.print(
        "Each finding in full, with its sentences and remedy: datamap findings --all "
        "(narrow with --regime or --family); a report to file: --format md -o findings.md.",
        style="dim",
        markup=False,
    )


def _rule_line(console: Console, rule: str, items: list[Finding], width: int) -> Text:
    """A rule's title, then what it found (the part of each finding's id after the rule's):
    ids whole, wrapped between them, in two lines at most, then how many more."""
    subjects = [x.id.removeprefix(f"{rule}:") for x in items if x.id != rule]

    def line(shown: int) -> Text:
        text = Text(items[0].title)
        if subjects:
            text.append(f" ({len(items)}): " if len(items) > 1 else ": ")
            text.append(", ".join(subjects[:shown]), style="cyan")
        if shown < len(subjects):
            text.append(f", and {len(subjects) - shown} more (--all)", style="dim")
        return text

    shown = 1
    while shown < len(subjects) and len(line(shown + 1).wrap(console, width)) <= 2:
        shown += 1
    return line(shown)


def _rules(console: Console, f: Findings, *, notes: bool) -> None:
    """The rules that passed, and those that did not apply: why, said once for those that
    share it."""
    passed = [r.id for r in f.rules if r.status == "pass"]
    skipped: dict[str, list[str]] = {}
    for r in f.rules:
        if r.status == "not_applicable":
            skipped.setdefault(r.note or "", []).append(r.id)
    console.print()
    if passed:
        console.print(Text(f"Passed ({len(passed)}): " + ", ".join(passed), style="dim"))
    for note, ids in skipped.items():
        why = f", {note}" if note and (notes or len(skipped) == 1) else ""
        console.print(Text(f"Not applicable ({len(ids)}){why}: " + ", ".join(ids), style="dim"))


def full(console: Console, f: Findings, *, quotes: int = 2) -> None:
    """Every finding: its rule, legal reference, summary, sentences and remedy."""

    def body(text: Text) -> None:
        console.print(Padding(text, (0, 0, 0, 8), expand=False))

    for finding in f.findings:
        console.print()
        head = Text(f"{finding.severity.upper():<8}", style=SEVERITY_STYLE[finding.severity])
        head.append(finding.title, style="bold")
        head.append(f"  [{finding.id}]", style="dim")
        console.print(head)
        body(Text(finding.legal_reference, style="dim"))
        body(Text(finding.summary))
        for c in finding.sources[:quotes]:
            line = Text(f"“{c.quote}”", style="italic")
            line.append(f" ({c.section.rsplit(' > ', 1)[-1]})", style="dim")
            body(line)
        if len(finding.sources) > quotes:
            body(Text(f"+{len(finding.sources) - quotes} more policy sentences", style="dim"))
        for e in finding.evidence[:quotes]:
            body(Text("System: " + e, style="cyan"))
        if len(finding.evidence) > quotes:
            body(Text(f"+{len(finding.evidence) - quotes} more fields", style="dim"))
        body(Text("Remedy: " + finding.remedy, style="green"))
    _rules(console, f, notes=True)


def markdown(f: Findings) -> str:
    out = [f"# Compliance findings: {f.policy.get('title', '')}", "", headline(f), ""]
    out += [
        "Each finding names the rule it comes from, the law it applies, what the graph shows, the",
        "policy sentences it rests on and a remedy. Findings are for review by counsel; where a",
        "fact is datamap's reading of the notice, the fact says so.",
        "",
        "| Severity | Finding | Reference |",
        "|---|---|---|",
    ]
    out += [
        f"| {x.severity} | [{md(x.title)}](#{_anchor(x)}) | {md(x.legal_reference)} |"
        for x in f.findings
    ]

    def family(x: Finding) -> str:
        return x.family

    for fam, items in groupby(sorted(f.findings, key=family), key=family):
        out += ["", f"## {fam}"]
        for x in items:
            out += ["", f'<a id="{_anchor(x)}"></a>', f"### {x.title} ({x.severity})", ""]
            out += [f"**Rule** `{x.rule}` · **Reference** {x.legal_reference}", ""]
            out += [x.summary, "", f"*Why it matters.* {x.why}", ""]
            if x.facts:
                facts = "; ".join(
                    f"{fact.name} (`{fact.id}`, {fact.type}"
                    + (f"; datamap's reading: {fact.inferred}" if fact.inferred else "")
                    + ")"
                    for fact in x.facts
                )
                out += [f"*Facts.* {facts}", ""]
            out += ["*The policy says:*", ""]
            out += [f"> “{c.quote}” ({c.section})" for c in x.sources]
            if x.evidence:
                out += ["", "*The systems show:*", ""]
                out += [f"- {md(e)}" for e in x.evidence]
            out += ["", f"*Remedy.* {x.remedy}"]
    out += ["", "## Rules", "", "| Rule | Requirement | Reference | Outcome |", "|---|---|---|---|"]
    for r in f.rules:
        outcome = r.status.replace("_", " ") + (f" ({r.findings})" if r.findings else "")
        if r.note:
            outcome += f": {r.note}"
        out.append(f"| `{r.id}` | {md(r.requirement)} | {md(r.legal_reference)} | {md(outcome)} |")
    return "\n".join(out) + "\n"


def _anchor(x: Finding) -> str:
    return "f-" + "".join(ch if ch.isalnum() else "-" for ch in x.id.lower())
