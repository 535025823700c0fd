"""Human-readable terminal output (Rich tables and trees). `--json` bypasses all of this."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from catalog.exports.records import cell, columns_for, parties_lines
from catalog.model.kinds import Label
from catalog.model.results import (
    Category,
    Citation,
    Entity,
    ErasureRecipients,
    FieldLocation,
    FlowsChecked,
    Lineage,
    Locations,
    Page,
    ReceivingRecipient,
    Ref,
    Ropa,
    RopaActivity,
    Transfers,
    WhatIsSold,
    WhoReceives,
)
from catalog.model.subjects import PLURAL


def _names(refs: Iterable[Ref]) -> str:
    return "; ".join(r.name for r in refs) or "-"


def _leaf(section: str) -> str:
    return section.rsplit(" > ", 1)[-1]


def _cite(sources: list[Citation], limit: int = 2) -> Text:
    text = Text(overflow="fold")  # a quoted sentence (and the URL in it) wraps, never cut
    for i, c in enumerate(sources[:limit]):
        if i:
            text.append("\n")
        text.append(f"“{c.quote}”", style="italic")
        text.append(f" ({_leaf(c.section)})", style="dim")
    if len(sources) > limit:
        text.append(f"\n+{len(sources) - limit} more", style="dim")
    return text


def _category_header(console: Console, c: Category, title: str) -> None:
    console.print(Text(f"{title} {c.name}", style="bold") + Text(f"  [{c.id}]", style="dim"))
    facts = []
    if c.ccpa:
        facts.append("CCPA " + ", ".join(c.ccpa_labels))
    if c.sensitive_under:
        facts.append("sensitive under " + ", ".join(f.regime.name for f in c.sensitive_under))
    if c.fideslang:
        facts.append(f"fideslang {c.fideslang}")
    if c.dpv:
        facts.append(f"DPV {c.dpv}")
    if facts:
        console.print(" · ".join(facts), style="dim")


def list_page(console: Console, what: str, page: Page) -> None:
    table = Table(title=f"{what} ({page.total})", show_lines=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("name", overflow="fold")
    extra = {
        "contexts": [("kind", lambda i: i.kind), ("collects", lambda i: str(len(i.collects)))],
        "categories": [
            ("kind", lambda i: i.kind),
            ("parent", lambda i: i.parent.id if i.parent else "-"),
            ("CCPA", lambda i: ",".join(i.ccpa) or "-"),
            ("sensitive under", lambda i: ", ".join(i.sensitive_under)),
        ],
        "recipients": [
            ("role", lambda i: i.role_label),
            ("general only", lambda i: "yes" if i.general_only else ""),
        ],
        "purposes": [
            ("CCPA purpose", lambda i: i.ccpa_business_purpose or "-"),
            ("DPV", lambda i: i.dpv or "-"),
        ],
        "activities": [
            ("function", lambda i: i.business_function),
            ("legal bases", lambda i: ", ".join(b.id for b in i.legal_bases) or "none stated"),
        ],
    }.get(what, [("under", lambda i: i.under.name if i.under else "-")])
    for title, _ in extra:
        table.add_column(title, overflow="fold")
    for item in page.items:
        table.add_row(item.id, item.name, *(get(item) for _, get in extra))
    console.print(table)


def entity(console: Console, e: Entity) -> None:
    console.print(Text(e.name, style="bold") + Text(f"  [{e.type} {e.id}]", style="dim"))
    props = Table(show_header=False, box=None, padding=(0, 1))
    props.add_column(style="dim")
    props.add_column()
    for key, value in e.properties.items():
        if key == "sources":
            continue
        props.add_row(key, plain(value))
    console.print(props)
    sources = [Citation(**c) for c in e.properties.get("sources", [])]  # type: ignore[union-attr]
    if sources:
        console.print(Text("Sources", style="bold"))
        console.print(_cite(sources, limit=10))
    if e.relationships:
        table = Table(title="Relationships")
        table.add_column("type", overflow="fold")
        table.add_column("", overflow="fold")
        table.add_column("other", overflow="fold")
        table.add_column("source", overflow="fold")
        for r in e.relationships:
            arrow = "→" if r.direction == "out" else "←"
            label = r.type + (" (inferred)" if r.inferred else "")
            table.add_row(label, arrow, f"{r.other.name} [{r.other.type}]", _cite(r.sources, 1))
        console.print(table)


def plain(value: object) -> str:
    """A property as a person reads it: a citation as its quote and section, a record of
    several values as "name: field: value; …", never a Python dict."""
    if isinstance(value, list):
        return "; ".join(plain(v) for v in value)
    if isinstance(value, dict):
        if "quote" in value:
            section = str(value.get("section") or "").split(" > ")[-1]
            return f"“{value['quote']}”" + (f" ({section})" if section else "")
        if value.get("text") or value.get("statement"):
            return str(value.get("text") or value.get("statement"))
        head = value.get("regime_name") or value.get("name")
        rest = "; ".join(
            f"{str(k).replace('_', ' ')}: {plain(v)}"
            for k, v in value.items()
            if k not in ("regime", "regime_name", "name") and v not in (None, "", [], {})
        )
        return f"{head}: {rest}" if head else rest
    return str(value)


def who_receives(console: Console, w: WhoReceives, all_rows: bool = False) -> None:
    """Those a context or activity names first, grouped where they receive it in the same
    places for the same purposes; those only general statements reach, on one line unless
    `all_rows`."""
    _category_header(console, w.category, "Who receives")
    if w.covers:
        console.print(f"Includes: {_names(w.covers)}", style="dim")
    named = [r for r in w.recipients if not r.general_only]
    general = [r for r in w.recipients if r.general_only]
    more = f"; {len(general)} more only through statements about personal information in general"
    console.print(f"{len(named)} recipient(s) named for it{more if general else ''}.", markup=False)
    groups: dict[tuple[str, str, str], list[ReceivingRecipient]] = {}
    for r in named:
        flags = ", ".join(x for x, on in (("sale", r.sale), ("share", r.share)) if on) or "-"
        groups.setdefault((flags, _names(r.contexts), _names(r.purposes)), []).append(r)
    if groups:
        # Purposes are long and shared by most groups: printed once, under the table, at full
        # width, rather than repeated in a narrow column of every row.
        any_sold = any(flags != "-" for flags, _, _ in groups)
        table = Table(show_lines=True)
        table.add_column("Recipients", overflow="fold", ratio=3)
        if any_sold:
            table.add_column("Sale / share", overflow="fold")
        table.add_column("In", overflow="fold", ratio=2)
        table.add_column("Policy says", overflow="fold", ratio=3)
        for (flags, contexts, _), members in groups.items():
            who = Text()
            for i, r in enumerate(members):
                who.append(("\n" if i else "") + r.name)
                who.append(f" ({r.role_label})", style="dim")
            says = _cite(members[0].sources, 1)
            reading = _reading(members)
            if reading:
                says.append("\nBy datamap's reading: ", style="yellow")
                says.append(reading)
            table.add_row(who, *([flags] if any_sold else []), contexts, says)
        console.print(table)
        console.print(_purposes_line(list(groups.values())))
    if w.held_in:
        console.print(
            f'Held in {_names(w.held_in)} (datamap where "{w.category.name}" lists the columns).',
            markup=False,
        )
    for fl in w.system_flows:
        d = fl.declared or {}
        console.print(
            f"Sent by {fl.source.name} to {fl.target.name} (declared by {d.get('by', '?')} "
            f"on {d.get('date', '?')}).",
            markup=False,
        )
    if general and not all_rows:
        console.print(
            "Only through a general disclosure (personal information in general): "
            + "; ".join(r.name for r in general)
            + " (--all shows them)",
            markup=False,
        )
    elif general:
        table = Table(title="Only through statements about personal information in general")
        table.add_column("Recipient", overflow="fold")
        table.add_column("Role", overflow="fold")
        table.add_column("Policy says", overflow="fold")
        for r in general:
            table.add_row(r.name, r.role_label, _cite(r.sources, 1))
        console.print(table)


def _reading(members: list[ReceivingRecipient]) -> str | None:
    """The inference a row rests on, when every link carrying the data to it is one: the
    quote beside it then proves the disclosure, not that this data is in it."""
    links = [m for r in members for d in r.disclosures for m in d.categories]
    if links and all(m.inferred for m in links):
        return links[0].inferred
    return None


def _purposes_line(groups: list[list[ReceivingRecipient]]) -> Text:
    """Every purpose once; one that only some rows have names them."""
    order: dict[str, str] = {}
    having: dict[str, list[str]] = {}
    for members in groups:
        for p in members[0].purposes:
            order.setdefault(p.id, p.name)
            having.setdefault(p.id, []).extend(r.name for r in members)
    everyone = sum(len(m) for m in groups)
    line = Text("For: ", style="bold")
    for i, (pid, name) in enumerate(order.items()):
        line.append(("; " if i else "") + name)
        if len(having[pid]) < everyone:
            line.append(f" (only {', '.join(having[pid])})", style="dim")
    return line


def what_is_sold(console: Console, s: WhatIsSold) -> None:
    console.print(Text("What is sold or shared (CCPA)", style="bold"))
    table = Table(title="Categories")
    table.add_column("Category", overflow="fold")
    table.add_column("CCPA", overflow="fold")
    table.add_column("Policy says", overflow="fold")
    # Where every disclosure of a category rests on datamap's reading, the row says so: the
    # category's own quote proves it is collected, not that it is sold.
    readings: dict[str, list[str | None]] = {}
    for d in s.disclosures:
        for m in d.categories:
            readings.setdefault(m.id, []).append(m.inferred)
    for c in s.categories:
        says = _cite(c.sources, 1)
        inferred = readings.get(c.id, [None])
        if all(inferred):
            says.append("\nSold by datamap's reading: ", style="yellow")
            says.append(str(inferred[0]))
        table.add_row(c.name, ", ".join(c.ccpa) or "-", says)
    console.print(table)
    table = Table(title="To whom")
    table.add_column("Recipient", overflow="fold")
    table.add_column("Sale", overflow="fold")
    table.add_column("Share", overflow="fold")
    table.add_column("Policy says", overflow="fold")
    for r in s.recipients:
        table.add_row(
            r.name, "yes" if r.sale else "no", "yes" if r.share else "no", _cite(r.sources, 1)
        )
    console.print(table)
    for d in s.disclosures:
        if d.share_inferred:
            console.print(Text("Share is inferred: ", style="yellow") + Text(d.share_inferred))
    console.print(Text("Why: ", style="bold") + Text(_names(s.purposes)))
    table = Table(title="How to opt out")
    table.add_column("Choice", overflow="fold")
    table.add_column("How", overflow="fold")  # a URL wraps, never cut: people act on it
    table.add_column("Policy says", overflow="fold")
    for o in s.opt_outs:
        how = o.method + ("" if o.honoured else " (not honoured)")
        if o.urls:
            how += "\n" + " ".join(o.urls)
        table.add_row(o.name, how, _cite(o.sources, 1))
    console.print(table)
    for m in s.minors:
        console.print(Text(f"Under {m.age} ({m.regime.name}): ", style="bold") + Text(m.statement))


def transfers(console: Console, t: Transfers) -> None:
    """One block per transfer: where to, under which law and mechanism, the data, and the
    sentences for the transfer and for its mechanism (a table's narrow quote column made four
    transfers a hundred lines)."""
    console.print(Text(f"Cross-border transfers ({len(t.transfers)})", style="bold"))
    for x in t.transfers:
        console.print()
        console.print(Text(x.name, style="bold") + Text(f"  [{x.regime.name}]", style="dim"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_row(" moves", f"{_names(x.categories)}: {x.from_region.name} → {x.to_region.name}")
        if x.inferred:
            grid.add_row(" reading", f"By datamap's reading: {x.inferred}")
        grid.add_row(" policy", _cite(x.sources, 1))
        if not x.mechanisms:
            grid.add_row(" mechanism", "none stated")
        for m in x.mechanisms:
            said = Text(f"{m.name} ({m.legal_reference or m.kind})", style="bold")
            if m.inferred:
                said.append(f"\nBy datamap's reading: {m.inferred}", style="dim")
            if m.sources:
                said.append("\n")
                said.append_text(_cite(m.sources, 1))
            grid.add_row(" mechanism", said)
        console.print(grid)


def lineage(console: Console, lin: Lineage) -> None:
    _category_header(console, lin.category, "Lineage of")
    tree = Tree(Text(lin.category.name, style="bold"))
    if lin.covers:
        tree.add("includes: " + _names(lin.covers))
    if lin.within:
        tree.add("belongs to: " + _names(lin.within))
    up = tree.add(Text("comes from", style="green"))
    for title, refs in lin.upstream:
        if refs:
            up.add(f"{title.replace('_', ' ')}: " + _names(refs))
    down = tree.add(Text("goes to", style="magenta"))
    for title, refs in lin.downstream:
        if refs:
            down.add(f"{title.replace('_', ' ')}: " + _names(refs))
    console.print(tree)
    general = [n for n in lin.nodes if n.general and n.type in (Label.Recipient, Label.Transfer)]
    if general:
        console.print(
            f"{len(general)} of these come from statements about personal information in general "
            "(see --json, `general: true`).",
            style="dim",
        )


def ropa_summary(console: Console, r: Ropa) -> None:
    """The record at a glance: one line per activity, what a reader checks first, and how to
    see the rest (the full record is ~2,000 lines in a terminal). A column that is the same
    for every activity is said once, above the table."""
    console.print(Text(f"Record of processing: {r.regime.name}", style="bold"))
    for label, value in parties_lines(r):
        console.print(Text(f"{label}: ", style="bold") + Text(value))
    columns: list[tuple[str, Callable[[RopaActivity], str]]] = [
        ("Data", lambda a: str(len(a.data_categories))),
        ("Recipients", _ropa_recipients),
    ]
    if any(a.legal_bases for a in r.activities):
        columns.append(("Legal basis", lambda a: _names(a.legal_bases) if a.legal_bases else ""))
    columns += [
        ("Transfers to", lambda a: _names(a.third_countries)),
        ("Retention", lambda a: f"{len(a.retention)} rule(s)" if a.retention else ""),
    ]
    cells = {title: [get(a) for a in r.activities] for title, get in columns}
    shared = {t: v[0] for t, v in cells.items() if len(r.activities) > 1 and len(set(v)) == 1}
    for title, value in shared.items():
        console.print(
            Text(f"{title} (every activity): ", style="bold")
            + (Text(value) if value else Text("not stated", style="red"))
        )
    table = Table(title=f"{len(r.activities)} processing activities")
    table.add_column("Activity", overflow="fold", ratio=3)
    shown = [t for t, _ in columns if t not in shared]
    for title in shown:
        table.add_column(title, overflow="fold", ratio=1 if title in ("Data",) else 2)
    for i, a in enumerate(r.activities):
        row: list[Text | str] = [Text(a.name) + Text(f"\n{a.id}", style="dim")]
        for title in shown:
            value = cells[title][i]
            row.append(value if value else Text("not stated", style="red"))
        table.add_row(*row)
    console.print(table)
    console.print(
        "One activity in full: datamap ropa --activity ID. Every activity: --all. "
        "As a file: --format md|csv|json -o FILE, or datamap export ropa -o record.xlsx.",
        style="dim",
        markup=False,
    )


def _ropa_recipients(a: RopaActivity) -> str:
    named = sum(1 for x in a.recipients if not x.general)
    general = len(a.recipients) - named
    return f"{named} named" + (f" + {general} general" if general else "")


def ropa(console: Console, r: Ropa) -> None:
    console.print(Text(f"Record of processing: {r.regime.name}", style="bold"))
    for label, value in parties_lines(r):
        console.print(Text(f"{label}: ", style="bold") + Text(value))
    cols = columns_for(r.regime.id)
    for a in r.activities:
        table = Table(title=a.name, show_header=False, show_lines=True)
        table.add_column(style="dim", max_width=40)
        table.add_column()
        for title, get in cols:
            table.add_row(title, cell(get(a)))
        console.print(table)


def locations(console: Console, w: Locations) -> None:
    console.print(
        Text(f"Where {w.category.name} is held", style="bold")
        + Text(f"  [{w.category.id}]", style="dim")
    )
    if w.covers:
        console.print(f"Includes: {_names(w.covers)}", style="dim", markup=False)
    console.print(w.summary, markup=False)
    if not w.locations:
        console.print(
            "No system in the inventory holds it: scan one with datamap scan URL --write --system ID.",
            style="dim",
            markup=False,
        )
        return
    # One table per kind of person the fields are about, most fields first.
    order = {c.subject: i for i, c in enumerate(w.subjects)}
    groups: dict[str | None, list[FieldLocation]] = {}
    for f in sorted(w.locations, key=lambda f: order.get(f.subject, len(order))):
        groups.setdefault(f.subject, []).append(f)
    known = any(subject is not None for subject in groups)
    for subject, rows in groups.items():
        about = (
            f"About {PLURAL.get(subject, subject)}" if subject else "Whom it is about: not known"
        )
        title = Text(f"{about}: {len(rows)} field(s)") if known else None
        table = Table(title=title, title_justify="left")
        table.add_column("System", overflow="fold")
        table.add_column("Field", overflow="fold")
        table.add_column("Type", overflow="fold")
        table.add_column("Holds", overflow="fold")
        table.add_column("Status", overflow="fold")
        table.add_column("How we know", overflow="fold")
        for f in rows:
            how = f.scanned or "-"
            if f.declared:
                how = f"declared by {f.declared.get('by')} on {f.declared.get('date')}"
            status = f.status + (
                f" ({f.confidence:.2f})"
                if f.status == "suggested" and f.confidence is not None
                else ""
            )
            holds = Text(f.holds.name)
            if f.special:
                holds += Text(
                    "\nspecial: " + "; ".join(s.reference for s in f.special), style="bold red"
                )
            table.add_row(
                Text(f.system.name),
                Text(f.field),
                Text(f.data_type or "-"),
                holds,
                status,
                Text(how),
            )
        console.print(table)
    said = {s.reference: s.what for f in w.locations for s in f.special}
    for reference, what in sorted(said.items()):
        console.print(f"special: {reference}: {what}", style="dim", markup=False)
    for fl in w.flows:
        console.print(f"{fl.source.name} → {fl.target.name}: {_names(fl.categories)}", markup=False)


def erasure(console: Console, e: ErasureRecipients) -> None:
    console.print(
        f"Who must be told of an erasure for {e.subject.name} [{e.subject.id}]", markup=False
    )
    console.print(e.summary, markup=False)
    table = Table(show_lines=True)
    table.add_column("Recipient", overflow="fold")
    table.add_column("Role", overflow="fold")
    table.add_column("Through", overflow="fold")
    table.add_column("Receives", overflow="fold")
    table.add_column("Policy says", overflow="fold")
    for r in e.recipients:
        table.add_row(
            r.recipient.name,
            r.recipient.role_label,
            _names(r.activities) if not r.general_only else "a general statement",
            _names(r.categories),
            _cite(r.sources, 1),
        )
    console.print(table)


VERDICT_WORDS = {
    "named": "yes: named for it",
    "general": "only a general statement",
    "none": "no",
    None: "not found",
}


def flows(console: Console, result: FlowsChecked) -> None:
    console.print(
        f"{result.named} named, {result.general} only through a general statement, "
        f"{result.none} not covered, {result.unknown} naming what the inventory does not hold",
        markup=False,
    )
    table = Table(show_lines=True)
    table.add_column("Category", overflow="fold")
    table.add_column("Recipient", overflow="fold")
    table.add_column("May it go there?", overflow="fold")
    table.add_column("Why", overflow="fold")
    for f in result.flows:
        why = f.answer.reason if f.answer is not None else (f.error or "")
        table.add_row(f.category, f.recipient, VERDICT_WORDS[f.verdict], why)
    console.print(table)
