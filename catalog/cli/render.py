"""Human-readable terminal output (Rich tables and trees). `--json` bypasses all of this."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich.console import Console, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from catalog.exports.record_tables import cell, columns_for, parties_lines
from catalog.model.kinds import Label
from catalog.model.results import (
    Category,
    CheckAnswer,
    Citation,
    DisclosureOut,
    Entity,
    ErasureRecipient,
    ErasureRecipients,
    FieldLocation,
    FlowChecked,
    FlowsChecked,
    Lineage,
    Locations,
    Page,
    ReceivingRecipient,
    RecipientSummary,
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


def _quotes(
    sources: Sequence[Citation], limit: int = 3, more: int = 0, section: str | None = None
) -> Text:
    """Sentences at a line's full width, the section said once after the quotes that share it
    (not at all where it is `section`, said above them); past `limit`, how many more (`more`
    counts others not passed in)."""
    text = Text()
    # a quote inside a longer one from the same section is said by it
    seen = [
        c
        for i, c in enumerate(sources)
        if c not in sources[:i]
        and not any(
            o.section == c.section and c.quote in o.quote and o.quote != c.quote for o in sources
        )
    ]
    shown = seen[:limit]
    for i, c in enumerate(shown):
        if i:
            text.append("; ")
        text.append(f"“{c.quote}”", style="italic")
        last = i + 1 == len(shown) or _leaf(shown[i + 1].section) != _leaf(c.section)
        if last and c.section != section:
            text.append(f" ({_leaf(c.section)})", style="dim")
    hidden = len(seen) - len(shown) + more
    if hidden:
        text.append(f" +{hidden} more", style="dim")
    return text


def _block(rows: Iterable[tuple[str, RenderableType]]) -> Table:
    """Labelled lines under a heading: the value wraps at the terminal's full width, where a
    table's column would give a sentence a quarter of it."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(f" {label}", value)
    return grid


def _role(r: RecipientSummary) -> str:
    """A role in a word or two ("Service provider", not "Service provider / processor"): the
    full label is in `list recipients` and the JSON."""
    return r.role_label.split(" / ")[0].split(" (")[0]


def _parties(refs: Sequence[RecipientSummary], flags: str = "") -> Text:
    """Recipients on one line, each role said once where they share it."""
    line = Text()
    roles = {_role(r) for r in refs}
    for i, r in enumerate(refs):
        line.append(("; " if i else "") + r.name, style="bold")
        if len(roles) > 1:
            line.append(f" ({_role(r)})", style="dim")
    if len(roles) == 1:
        line.append(f" ({_role(refs[0])})", style="dim")
    if flags:
        line.append(f" · {flags}", style="yellow")
    return line


def fit(console: Console, table: Table) -> bool:
    """Widen each column to at least its longest word, so that an id, a URL or a name wraps
    between words and is never cut or broken: Rich, short of room, narrows every column alike,
    words and all. False where the terminal is too narrow even for that."""
    columns = table.columns
    if not columns:
        return True
    ranges: list[tuple[int, int]] = []
    for column in columns:
        cells = [*([column.header] if table.show_header else []), *column.cells]
        measured = [Measurement.get(console, console.options, c) for c in cells]
        least = max((m.minimum for m in measured), default=1)
        ranges.append((least, max(least, max((m.maximum for m in measured), default=1))))
    _, right, _, left = table.padding
    edges = 0
    if table.box:
        edges = len(columns) + 1 if table.show_edge else len(columns) - 1
    room = console.width - edges - len(columns) * (left + right)
    if sum(least for least, _ in ranges) > room:
        return False
    # Each column starts at its longest word; the room left is shared in proportion to what
    # each lacks of its longest line, so that a column of sentences gets more than one of ids.
    widths = [least for least, _ in ranges]
    while (spare := room - sum(widths)) > 0:
        lacking = [most - width for (_, most), width in zip(ranges, widths, strict=True)]
        if not any(lacking):
            break
        total = sum(lacking)
        grown = [min(lack, spare * lack // total) for lack in lacking]
        if not any(grown):  # a remainder smaller than every share: to the one lacking most
            grown[lacking.index(max(lacking))] = 1
        widths = [width + grow for width, grow in zip(widths, grown, strict=True)]
    for column, width in zip(columns, widths, strict=True):
        column.width = width
    return True


def rows_table(
    console: Console, title: str, columns: Sequence[str], rows: Sequence[Sequence[object]]
) -> None:
    """Rows of a query as a table whose every column is at least its longest word wide (an id
    is never cut or broken); where the terminal is too narrow for that, one block per row."""
    cells = [[plain(v) if v is not None else "-" for v in row] for row in rows]
    table = Table(title=Text(title), show_lines=True)  # (a title names data: never markup)
    for column in columns:
        table.add_column(column)
    for row in cells:
        table.add_row(*row)
    table_or_records(console, table, columns, cells, title)


def table_or_records(
    console: Console,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    heading: str | None = None,
) -> None:
    """The table where the terminal is wide enough for it (see `fit`); else, under `heading`,
    its rows as one block each."""
    if fit(console, table):
        console.print(table)
        return
    if heading is not None:
        console.print(heading, style="bold", markup=False)
    records(console, columns, rows)


def records(console: Console, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Rows as `column: value` lines, one block each, for a terminal too narrow for their
    table: a value wraps at the full width, so that only a word longer than a line is broken."""
    for i, row in enumerate(rows):
        if i:
            console.print()
        for title, value in zip(columns, row, strict=True):
            if not isinstance(value, Text):
                value = Text(plain(value) if value is not None else "-")
            console.print(Text(f"{title}: " if title else "", style="dim") + value)


def _category_header(console: Console, c: Category, title: str, terms: bool = True) -> None:
    console.print(Text(f"{title} {c.name}", style="bold") + Text(f"  [{c.id}]", style="dim"))
    facts = []
    if c.ccpa:
        facts.append("CCPA " + ", ".join(c.ccpa_labels))
    if c.sensitive_under:
        facts.append("sensitive under " + ", ".join(f.regime.name for f in c.sensitive_under))
    if c.fideslang and terms:
        facts.append(f"fideslang {c.fideslang}")
    if c.dpv and terms:
        facts.append(f"DPV {c.dpv}")
    if facts:
        console.print(" · ".join(facts), style="dim")


# What `list` shows of each kind beside the id and name: short columns, and a dim line under
# the name for what is long (a column of its own left the names a word per line).
LIST_COLUMNS: dict[str, list[tuple[str, Callable[[Any], str]]]] = {
    "contexts": [("kind", lambda i: i.kind), ("collects", lambda i: str(len(i.collects)))],
    "categories": [
        ("CCPA", lambda i: ",".join(i.ccpa) or "-"),
        ("sensitive", lambda i: ", ".join(i.sensitive_under)),
    ],
    "recipients": [("general only", lambda i: "yes" if i.general_only else "")],
    "purposes": [],
    "activities": [],
}
LIST_DETAIL: dict[str, Callable[[Any], str]] = {
    "categories": lambda i: i.kind + (f", part of {i.parent.id}" if i.parent else ""),
    "recipients": lambda i: i.role_label,
    "purposes": lambda i: f"CCPA {i.ccpa_business_purpose or '-'} · DPV {i.dpv or '-'}",
    "activities": lambda i: (
        f"{i.business_function} · legal bases: "
        + (", ".join(b.id for b in i.legal_bases) or "none stated")
    ),
}


def list_page(console: Console, what: str, page: Page) -> None:
    """Ids whole, each on one line (they are what a command takes); where the terminal is too
    narrow for the table, one block per entry."""
    columns = LIST_COLUMNS.get(what, [("under", lambda i: i.under.name if i.under else "-")])
    detail = LIST_DETAIL.get(what)

    def name(item: Any) -> Text:
        text = Text(item.name)
        if detail is not None:
            text.append("\n" + detail(item), style="dim")
        return text

    rows = [(item.id, name(item), *(get(item) for _, get in columns)) for item in page.items]
    table = Table(title=f"{what} ({page.total})", show_lines=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("name")
    for title, _ in columns:
        table.add_column(title)
    for row in rows:
        table.add_row(*row)
    headers = ["id", "name", *(title for title, _ in columns)]
    table_or_records(console, table, headers, rows, f"{what} ({page.total})")


def entity(console: Console, e: Entity) -> None:
    console.print(Text(e.name, style="bold") + Text(f"  [{e.type} {e.id}]", style="dim"))
    props = Table(show_header=False, box=None, padding=(0, 1))
    props.add_column(style="dim", no_wrap=True)
    props.add_column()
    for key, value in e.properties.items():
        if key == "sources":
            continue
        props.add_row(key.replace("_", " "), plain(value))
    console.print(props)
    raw_sources = e.properties.get("sources")
    sources = [Citation(**c) for c in raw_sources] if isinstance(raw_sources, list) else []
    if sources:
        console.print(Text("Sources", style="bold"))
        console.print(_cite(sources, limit=10))
    if e.relationships:
        table = Table(title="Relationships")
        table.add_column("type")
        table.add_column("")
        table.add_column("other")
        table.add_column("source")
        rows = []
        for r in e.relationships:
            arrow = "→" if r.direction == "out" else "←"
            label = r.type + (" (inferred)" if r.inferred else "")
            other = Text(r.other.name) + Text(f" [{r.other.type} {r.other.id}]", style="dim")
            rows.append((label, arrow, other, _cite(r.sources, 1)))
            table.add_row(*rows[-1])
        table_or_records(console, table, ["type", "", "other", "source"], rows, "Relationships")


def plain(value: object) -> str:
    """A property as a person reads it: a citation as its quote and section, a record of
    several values as "name: field: value; …", a truth as yes or no, never a Python dict."""
    if isinstance(value, bool):
        return "yes" if value else "no"
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
    if isinstance(value, Text):
        return value.plain
    return str(value)


def who_receives(console: Console, w: WhoReceives, all_rows: bool = False) -> None:
    """Those a context or activity names first, one block for those that receive it in the
    same places, for the same purposes, on the same footing; those only general statements
    reach, collapsed. Each list held to a line or two, saying how many more, unless `all_rows`:
    then everything in full."""
    lines = None if all_rows else 2
    # the fideslang key and DPV term are for code, in --json: a screen is for whom and why
    _category_header(console, w.category, "Who receives", terms=False)
    if w.covers:
        names = [c.name for c in w.covers]
        console.print(
            _clipped(console, names, console.width, lines, Text("Includes: ")), style="dim"
        )
    named = [r for r in w.recipients if not r.general_only]
    general = [r for r in w.recipients if r.general_only]
    more = f"; {len(general)} more only through statements about personal information in general"
    console.print(f"{len(named)} recipient(s) named for it{more if general else ''}.", markup=False)
    groups: dict[tuple[str, str, tuple[str, ...]], list[ReceivingRecipient]] = {}
    for r in named:
        flags = ", ".join(x for x, on in (("sale", r.sale), ("share", r.share)) if on)
        purposes = tuple(p.id for p in _stated_purposes(r))
        groups.setdefault((flags, _names(r.contexts), purposes), []).append(r)
    width = console.width - len(" policy ")
    for (flags, contexts, _), members in groups.items():
        stated = [c for r in members for d in r.disclosures if not d.general for c in d.sources]
        everything = {(c.section, c.quote) for r in members for c in r.sources}
        console.print(_parties(members, flags))
        rows: list[tuple[str, RenderableType]] = []
        # where it is collected, unless the section of the sentences below says so already
        if contexts != "-" and not all(_leaf(c.section) == contexts for c in stated):
            where = [c.name for c in members[0].contexts]
            rows.append(("in", _clipped(console, where, width, lines)))
        purpose_names = [p.name for p in _stated_purposes(members[0])]
        if purpose_names:
            rows.append(("for", _clipped(console, purpose_names, width, lines)))
        unquoted = len(everything - {(c.section, c.quote) for c in stated})
        rows.append(("policy", _quotes(stated, limit=3 if lines else len(stated), more=unquoted)))
        rows += _readings(members)
        console.print(_block(rows))
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
    _general_only(
        console,
        [(r, [("policy", _quotes(r.sources, limit=len(r.sources)))]) for r in general],
        all_rows,
        lines=2,
        how="(--all shows them)",
    )


def _general_only(
    console: Console,
    parties: Sequence[tuple[RecipientSummary, list[tuple[str, RenderableType]]]],
    all_rows: bool,
    lines: int,
    how: str,
) -> None:
    """Recipients only statements about personal information in general reach: their names on
    a few lines, or (all_rows) each with its lines, apart from those named for the data."""
    if not parties:
        return
    if not all_rows:
        lead = Text("Through general statements only: ", style="bold")
        names = [party.name for party, _ in parties]
        console.print(_clipped(console, names, console.width, lines, lead, how=how, always=True))
        return
    console.print()
    console.print(
        Text("Only through statements about personal information in general", style="bold")
    )
    for party, rows in parties:
        console.print(_parties([party]))
        console.print(_block(rows))


def _clipped(
    console: Console,
    parts: Sequence[str],
    width: int,
    lines: int | None,
    lead: Text | None = None,
    how: str = "(--all)",
    always: bool = False,
) -> Text:
    """`parts` joined, after `lead`, in at most `lines` lines of `width`: as many whole parts
    as fit, then how many more and `how` to see them (said `always`, even when none is left
    out). With `lines` None, every part. A part is never cut."""
    lead = lead or Text()
    if lines is None:
        return lead + Text("; ".join(parts))

    def joined(count: int) -> Text:
        text = lead + Text("; ".join(parts[:count]))
        if count < len(parts):
            text.append(f"; and {len(parts) - count} more {how}", style="dim")
        elif always:
            text.append(f" {how}", style="dim")
        return text

    shown = min(1, len(parts))
    while shown < len(parts) and len(joined(shown + 1).wrap(console, width)) <= lines:
        shown += 1
    return joined(shown)


def _stated_purposes(r: ReceivingRecipient) -> list[Ref]:
    """The purposes of the disclosures that name it; those of a general statement are the
    general statement's, said with those it alone reaches."""
    seen: dict[str, Ref] = {}
    for d in r.disclosures:
        if not d.general:
            for p in d.purposes:
                seen.setdefault(p.id, p)
    return list(seen.values()) if seen else list(r.purposes)


def _readings(members: Sequence[ReceivingRecipient]) -> list[tuple[str, RenderableType]]:
    """A line for each reading the block rests on, naming whose it is unless it is everyone's."""
    said: dict[str, list[str]] = {}
    for r in members:
        # (set by the answer where every link carrying the data to it is a reading: the
        # sentence beside it then proves the disclosure, not that this data is in it)
        reading = r.inferred
        if reading:
            said.setdefault(reading, []).append(r.name)
    rows: list[tuple[str, RenderableType]] = []
    for reading, names in said.items():
        whose = "" if len(names) == len(members) else f" ({'; '.join(names)})"
        rows.append(("", Text(f"By datamap's reading{whose}: ", style="yellow") + Text(reading)))
    return rows


def what_is_sold(console: Console, s: WhatIsSold) -> None:
    console.print(Text("What is sold or shared (CCPA)", style="bold"))
    table = Table(title="Categories")
    table.add_column("Category", overflow="fold")
    table.add_column("CCPA", overflow="fold")
    table.add_column("Policy says", overflow="fold")
    # A row quotes the sentences that sell or share the category by name; where every
    # disclosure of it rests on datamap's reading, it quotes the category's own sentence and
    # says so: that sentence proves the data is collected, not that it is sold.
    readings: dict[str, list[str | None]] = {}
    stated: dict[str, list[Citation]] = {}
    for d in s.disclosures:
        for m in d.categories:
            readings.setdefault(m.id, []).append(m.inferred)
            if not m.inferred:
                stated.setdefault(m.id, []).extend(d.sources)
    for c in s.categories:
        sold = {(x.quote, x.section): x for x in stated.get(c.id, [])}
        says = _cite(list(sold.values()) or c.sources, 1)
        inferred = readings.get(c.id, [None])
        if all(inferred):
            says.append("\nSold by datamap's reading: ", style="yellow")
            says.append(str(inferred[0]))
        letters = ", ".join(c.ccpa) or "-"
        if c.classification_note:
            # the letters are datamap's classification of words the statute does not use
            says.append(f"\nLetters {letters} by datamap's reading: ", style="yellow")
            says.append(c.classification_note)
            letters += " *"
        table.add_row(c.name, letters, says)
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
    for minors in s.minors:
        console.print(
            Text(f"Under {minors.age} ({minors.regime.name}): ", style="bold")
            + Text(minors.statement)
        )


def transfers(console: Console, t: Transfers) -> None:
    """One block per transfer: the data and where it goes, the transfer's sentence, and each
    mechanism with its own sentence. Transfers stated in the same section of the policy come
    under it, named once (a table's narrow quote column made four transfers a hundred lines)."""
    console.print(Text(f"Cross-border transfers ({len(t.transfers)})", style="bold"))
    heading: tuple[str, str] | None = None
    for x in t.transfers:
        section = x.sources[0].section if x.sources else ""
        if (x.regime.name, section) != heading:
            heading = (x.regime.name, section)
            console.print(Text(f"{x.regime.name} · {section or 'no section'}", style="bold cyan"))
        console.print(Text(x.name, style="bold"))
        rows: list[tuple[str, RenderableType]] = [
            ("moves", f"{_names(x.categories)}: {x.from_region.name} → {x.to_region.name}")
        ]
        if x.recipients:
            rows.append(("to", _names(x.recipients)))
        if x.inferred:
            rows.append(("", Text("By datamap's reading: ", style="yellow") + Text(x.inferred)))
        rows.append(("policy", _quotes(x.sources, limit=len(x.sources), section=section)))
        if not x.mechanisms:
            rows.append(("under", Text("no mechanism stated", style="red")))
        for m in x.mechanisms:
            said = Text(f"{m.name} ({m.legal_reference or m.kind})", style="bold")
            if m.sources:
                said.append(": ")
                said.append_text(_quotes(m.sources, limit=len(m.sources), section=section))
            if m.inferred:
                said.append("\nBy datamap's reading: ", style="yellow")
                said.append(m.inferred)
            rows.append(("under", said))
        console.print(_block(rows))


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
            "No system in the inventory holds it: scan one with datamap scan URL --write --system ID."
            if not w.gone
            else "No system holds it now.",
            style="dim",
            markup=False,
        )
        _gone(console, w.gone)
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
            status = Text(
                f.status
                + (
                    f" ({f.confidence:.2f})"
                    if f.status == "suggested" and f.confidence is not None
                    else ""
                )
            )
            if f.no_longer_matching:
                status += Text("\nno longer matching", style="bold yellow")
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
    for f in w.locations:
        if f.no_longer_matching:
            console.print(
                f"no longer matching: {f.system.name}: {f.field}: {f.no_longer_matching.reason}",
                style="yellow",
                markup=False,
            )
    for fl in w.flows:
        console.print(f"{fl.source.name} → {fl.target.name}: {_names(fl.categories)}", markup=False)
    _gone(console, w.gone)


def _gone(console: Console, gone: list[FieldLocation]) -> None:
    """Decided fields the last scan did not find: nothing to search, said apart."""
    for f in gone:
        assert f.gone is not None
        console.print(
            f"gone: {f.system.name}: {f.field} ({f.status}, held {f.holds.name}): "
            f"{f.gone.reason} on {f.gone.at[:10]}; remove it from systems.yaml once confirmed",
            style="dim",
            markup=False,
        )


def erasure(console: Console, e: ErasureRecipients, all_rows: bool = False) -> None:
    """Those named for the subject first, one block for those that receive the same data
    through the same activities; those only general statements reach, collapsed. With
    `all_rows`, one block per recipient, in full, with the sentences."""
    console.print(
        f"Who must be told of an erasure for {e.subject.name} [{e.subject.id}]", markup=False
    )
    console.print(e.summary, markup=False)
    named = [r for r in e.recipients if not r.general_only]
    general = [r for r in e.recipients if r.general_only]
    width = console.width - len(" receives ")
    lines = None if all_rows else 2
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[ErasureRecipient]] = {}
    for r in named:
        key = (tuple(a.id for a in r.activities), tuple(c.id for c in r.categories))
        groups.setdefault(key if not all_rows else (key[0], (r.recipient.id,)), []).append(r)
    for members in groups.values():
        first = members[0]
        console.print(_parties([r.recipient for r in members]))
        rows: list[tuple[str, RenderableType]] = [
            ("through", _clipped(console, [a.name for a in first.activities], width, lines)),
            ("receives", _clipped(console, [c.name for c in first.categories], width, lines)),
        ]
        if all_rows:
            rows.append(("policy", _quotes(first.sources, limit=len(first.sources))))
        console.print(_block(rows))
    _general_only(
        console,
        [
            (
                r.recipient,
                [
                    ("receives", _names(r.categories)),
                    ("policy", _quotes(r.sources, limit=len(r.sources))),
                ],
            )
            for r in general
        ],
        all_rows,
        lines=3,
        how="(--all shows each, with the sentences)",
    )
    if not all_rows:
        console.print(
            "Each recipient with the policy's sentences: --all; every field: --json.",
            style="dim",
            markup=False,
        )


VERDICT_WORDS = {
    "named": "yes: named for it",
    "general": "only a general statement",
    "none": "no",
    None: "not found",
}


def _verdict(f: FlowChecked) -> str:
    if f.answer is not None and f.verdict == "named" and f.answer.inferred:
        return "yes: named by datamap's reading"
    return VERDICT_WORDS[f.verdict]


def _resting(answer: CheckAnswer) -> list[DisclosureOut]:
    """The disclosures a verdict rests on: those that name the recipient for a named one, the
    general statements for a general one."""
    named = [d for d in answer.disclosures if not d.general]
    return named if answer.verdict == "named" and named else answer.disclosures


def flows(console: Console, result: FlowsChecked) -> None:
    """One flow: the verdict, why, and each sentence it rests on, at full width. A file of
    them: a line of counts, then a table, each row with the first sentence it rests on."""
    if len(result.flows) == 1:
        flow(console, result.flows[0])
        return
    console.print(
        f"{result.named} named, {result.general} only through a general statement, "
        f"{result.none} not covered, {result.unknown} naming what the inventory does not hold",
        markup=False,
    )
    table = Table(show_lines=True)
    table.add_column("Category")
    table.add_column("Recipient")
    table.add_column("May it go there?")
    table.add_column("Why")
    rows = []
    for f in result.flows:
        why = Text(f.answer.reason if f.answer is not None else (f.error or ""))
        if f.answer is not None:
            sentences = [c for d in _resting(f.answer) for c in d.sources]
            if sentences:
                why.append("\n")
                why.append_text(_quotes(sentences, limit=1))
        rows.append((f.category, f.recipient, _verdict(f), why))
        table.add_row(*rows[-1])
    table_or_records(console, table, ["category", "recipient", "may it go there?", "why"], rows)
    console.print(
        "Every sentence and reading: datamap can-share CATEGORY RECIPIENT, or --json.",
        style="dim",
        markup=False,
    )


def flow(console: Console, f: FlowChecked) -> None:
    """May this go there: the verdict first, then why, then each disclosure it rests on with
    its sentences and, where it is one, datamap's reading."""
    a = f.answer
    if a is None:
        console.print(Text(f"{f.category} → {f.recipient}: ", style="bold") + Text(_verdict(f)))
        console.print(f.error or "", markup=False)
        return
    head = Text(f"May {a.category.name} go to {a.recipient.name}? ", style="bold")
    head.append(_verdict(f), style="green" if a.allowed and not a.general_only else "yellow")
    console.print(head)
    console.print(Text(f"[{a.category.id} → {a.recipient.id}]", style="dim"))
    console.print(a.reason, markup=False)
    resting = _resting(a)
    for d in resting:
        where = d.activity.name if d.activity else d.name
        title = Text("Named in " if not d.general else "General statement: ", style="bold")
        title.append(where)
        flags = ", ".join(x for x, on in (("sale", d.sale), ("share", d.share)) if on)
        if flags:
            title.append(f" · {flags}", style="yellow")
        console.print(title)
        rows: list[tuple[str, RenderableType]] = [
            ("policy", _quotes(d.sources, limit=len(d.sources)))
        ]
        readings = {m.inferred for m in d.categories if m.inferred} | (
            {d.inferred} if d.inferred else set()
        )
        # the reason above says a reading the verdict rests on already
        for reading in sorted(r for r in readings if r not in a.reason):
            rows.append(("", Text("By datamap's reading: ", style="yellow") + Text(reading)))
        console.print(_block(rows))
    others = [d for d in a.disclosures if d not in resting]
    if others:
        console.print(
            f"Also through {len(others)} general statement(s) about personal information "
            "(--json shows them).",
            style="dim",
            markup=False,
        )
    width = console.width
    if a.recipient_receives:
        lead = Text(f"What the policy does disclose to {a.recipient.name}: ")
        names = [r.name for r in a.recipient_receives]
        console.print(_clipped(console, names, width, 2, lead, how="(--json)"))
    if a.category_recipients:
        lead = Text(f"Who the policy does disclose {a.category.name} to: ")
        names = [r.name for r in a.category_recipients]
        console.print(_clipped(console, names, width, 2, lead, how="(--json)"))
