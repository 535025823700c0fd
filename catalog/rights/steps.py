"""The steps of a plan: what each table's rows of the person undergo, in which order, and how
many rows that is, counted read-only against the database before anyone runs anything.

Erasure, per table of the person's own rows:
- *keep* the rows where a retention rule keeps one of their fields (retention.py), and clear
  their other personal columns: an identifier is replaced by a placeholder unique to the row
  (`erased-<key>`, so that a kept record stays consistent and a unique column stays unique),
  other values are set to NULL; a key column stays (the row's own, or one to a kept row);
- *keep* a table that holds nothing personal when the rows it belongs to stay (an order's
  lines under a kept order); else *delete* the rows.
Then the keys are held intact: a row that stays and points at rows being deleted has that
pointer set to NULL, and where the pointer cannot be NULL, the row pointed at stays instead
(its personal columns cleared) - repeated until nothing changes. Rows of other people that
mention the person (a link) have only those columns cleared.

Order: every statement runs before any that changes a table its condition reads, and rows
pointing at rows are cleared or deleted before those rows are (children first). Where both
cannot hold (the person's address row, found through the customer row that points at it,
must be deleted after it), the rows' keys are first copied into a temporary table, and the
statement reads those instead.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    Executable,
    String,
    Table,
    cast,
    delete,
    func,
    literal,
    null,
    select,
    update,
)
from sqlalchemy import types as sqltypes
from sqlalchemy.schema import CreateTableAs, DropTable
from sqlalchemy.sql import visitors
from sqlalchemy.sql.selectable import Alias

from catalog.rights.database import Schema
from catalog.rights.from_inventory import Hierarchy, PersonalField
from catalog.rights.model import ColumnAction, PlanFailed, Request, Retention, Step
from catalog.rights.reach import Conditions, Key, Node, Reach, Reached, TableKey, member
from catalog.rights.retention import Holding, keeping, transaction

PLACEHOLDER = "erased-"
# A text column shorter than this has no room for a placeholder and a row's key.
_ROOM = 32
# Fideslang families whose values identify someone: replaced by a placeholder in a kept row
# (the record stays readable and unique columns unique); other values are set to NULL.
_IDENTIFYING = ("user.name", "user.contact", "user.account", "user.unique_id", "user.device")


@dataclass
class Decision:
    """What happens to a table's own rows in an erasure."""

    fate: Literal["delete", "keep"]
    why: str
    retention: list[Retention] = field(default_factory=list)
    columns: list[ColumnAction] = field(default_factory=list)
    pinned: str | None = None  # why rows that would go must stay


@dataclass
class Statement:
    """One SQL statement of the plan, and the step it carries out."""

    table: TableKey
    kind: Literal["capture", "own", "dissociate", "identity", "select", "drop"]
    sql: Executable
    step: Step | None = None
    writes: bool = True
    reads: set[TableKey] = field(default_factory=set)
    key: Key | None = None


def count(conn: Connection, query: Any) -> int:
    return int(conn.execute(query).scalar_one())


def _text_room(t: sqltypes.TypeEngine[Any]) -> int | None:
    """How many characters a text column takes (0: not text; None: unbounded)."""
    if isinstance(t, sqltypes.Enum) or not isinstance(t, sqltypes.String):
        return 0
    return t.length


class Builder:
    """Decisions, statements and counts, for one found set of tables."""

    def __init__(
        self,
        conn: Connection,
        schema: Schema,
        found: Reached,
        request: Request,
        holds: list[Holding],
        tree: Hierarchy,
    ) -> None:
        self.conn, self.schema, self.found = conn, schema, found
        self.request, self.holds, self.tree = request, holds, tree
        self.shown = found.shown
        self.rank = {k: i for i, k in enumerate([*found.own, *found.links])}
        self.decisions: dict[TableKey, Decision] = {}
        self.dissociated: list[tuple[TableKey, Key]] = []
        self.plain = Conditions(found)  # counts read the database as it is
        self.tables = {id(n.table): k for k, n in found.nodes.items()}
        self._quiet: list[Step] = []

    # -- decisions ------------------------------------------------------------------------------

    def decide(self) -> None:
        found = self.found
        # tables holding nothing personal follow the rows they belong to: decided last, each
        # after the tables it is found through
        order = sorted(
            found.own, key=lambda k: (not found.nodes[k].personal, len(found.depends(k)))
        )
        for key in order:
            node = found.nodes[key]
            record = any(transaction(f) for f in node.personal.values())
            kept = {
                c: rules
                for c, f in node.personal.items()
                if (rules := keeping(f, self.holds, self.tree, in_record=record))
            }
            if kept:
                by_id = {r.id: r for rs in kept.values() for r in rs}
                rules = list(by_id.values())
                more = f" and {len(rules) - 1} more rule(s)" if len(rules) > 1 else ""
                # (what else is cleared is said once the columns are known, below)
                self.decisions[key] = Decision(
                    "keep",
                    f"kept under [{rules[0].id}]{more}: {', '.join(kept)} "
                    f"{'stays' if len(kept) == 1 else 'stay'}",
                    rules,
                )
            elif not node.personal:
                going = [
                    r.source
                    for r in found.own[key]
                    if r.source is not None and self.decisions[r.source].fate == "delete"
                ]
                if going:
                    self.decisions[key] = Decision(
                        "delete",
                        f"holds nothing personal, but its rows belong to {self.shown[going[0]]} "
                        "rows being deleted: removed first, so that no key points at nothing",
                    )
                else:
                    self.decisions[key] = Decision(
                        "keep", "holds nothing personal, and the rows it belongs to stay"
                    )
            else:
                self.decisions[key] = Decision("delete", "the person's rows; nothing keeps them")
        self._hold_keys()
        for key, d in self.decisions.items():
            if d.fate == "keep":
                d.columns = self._columns(key, d)
                if d.retention and d.pinned is None:
                    cleared = any(a.action != "keep" for a in d.columns)
                    d.why += (
                        "; the person's other columns are cleared"
                        if cleared
                        else "; nothing else of theirs to clear"
                    )

    def _hold_keys(self) -> None:
        """A row that stays may not point at a row that goes: set its pointer to NULL, or keep
        the row pointed at, until nothing changes."""
        found = self.found
        changed = True
        while changed:
            changed = False
            wanted: list[tuple[TableKey, Key]] = []
            for k in found.keys:
                parent = self.decisions.get(k.parent)
                if parent is None or parent.fate != "delete" or k.child == k.parent:
                    continue
                child = self.decisions.get(k.child)
                own_keys = [r.key for r in found.own.get(k.child, [])]
                linked = any(r.key == k for r in found.links.get(k.child, []))
                if child is not None and child.fate == "delete" and k in own_keys and not linked:
                    continue  # its rows pointing there go with it
                if child is None and not linked and k.child not in found.own:
                    continue  # no row of the person's points there (not reached at all)
                if k.nullable:
                    wanted.append((k.child, k))
                elif k.inferred is None:
                    c = self.shown[k.child]
                    parent.fate = "keep"
                    parent.pinned = (
                        f"rows of {c} that stay point at it through "
                        f"{', '.join(k.columns)}, which cannot be NULL"
                    )
                    parent.why = f"kept: {parent.pinned}; its personal columns are cleared"
                    changed = True
                    break
            if not changed:
                self.dissociated = _unique(
                    [
                        *wanted,
                        *((r.table, r.key) for rs in found.links.values() for r in rs if r.key),
                    ]
                )

    def _columns(self, key: TableKey, d: Decision) -> list[ColumnAction]:
        """What happens to each personal column of rows that stay."""
        node = self.found.nodes[key]
        record = any(transaction(f) for f in node.personal.values())
        out = []
        for c, f in node.personal.items():
            if c in node.pk:
                out.append(
                    ColumnAction(
                        column=c,
                        action="keep",
                        fideslang=f.fideslang,
                        reason="the row's own key: the row stays",
                    )
                )
                continue
            pointing = [k for k in self.found.keys if k.child == key and c in k.columns]
            if pointing:
                out.append(self._pointer(key, c, f, pointing[0]))
                continue
            rules = keeping(f, self.holds, self.tree, in_record=record)
            if rules:
                out.append(
                    ColumnAction(
                        column=c,
                        action="keep",
                        reason=rules[0].why,
                        fideslang=f.fideslang,
                        retention=rules,
                    )
                )
                continue
            out.append(self._clear(node, c, f))
        return out

    def _pointer(self, key: TableKey, c: str, f: PersonalField, k: Key) -> ColumnAction:
        """A key column of a row that stays: it stays where it ties the record together (a
        payment to its kept order) or points at what is not the person's (a lookup, another
        person); it is cleared where it points at the person's rows, going or shared."""
        to = self.shown[k.parent]
        parent = self.decisions.get(k.parent)
        if parent is not None and parent.fate == "keep":
            return ColumnAction(
                column=c,
                action="keep",
                fideslang=f.fideslang,
                reason=f"ties the row to {to} rows kept with it",
            )
        if parent is None:
            return ColumnAction(
                column=c,
                action="keep",
                fideslang=f.fideslang,
                reason=f"points at {to} rows that are not the person's",
            )
        if k.nullable:
            return ColumnAction(
                column=c,
                action="null",
                fideslang=f.fideslang,
                reason=f"points at the person's {to} rows: set to NULL",
            )
        return ColumnAction(
            column=c,
            action="keep",
            fideslang=f.fideslang,
            reason=f"points at the person's {to} rows, and cannot be NULL: "
            "left as it is; review it",
        )

    def _clear(self, node: Node, c: str, f: PersonalField) -> ColumnAction:
        col = node.table.c[c]
        room = _text_room(col.type)
        identifying = any((f.fideslang or "").startswith(p) for p in _IDENTIFYING)
        if room != 0 and (identifying or not col.nullable):
            if room is None or room >= _ROOM:
                return ColumnAction(
                    column=c,
                    action="pseudonymise",
                    fideslang=f.fideslang,
                    reason="replaced by a placeholder unique to the row, so the kept "
                    "record stays consistent",
                )
            if not col.nullable:
                return ColumnAction(
                    column=c,
                    action="pseudonymise",
                    fideslang=f.fideslang,
                    reason=f"replaced by a placeholder cut to its {room} characters "
                    "(it cannot be NULL)",
                )
        if col.nullable:
            return ColumnAction(
                column=c,
                action="null",
                fideslang=f.fideslang,
                reason="set to NULL: the row stays without it",
            )
        return ColumnAction(
            column=c,
            action="keep",
            fideslang=f.fideslang,
            reason="cannot be NULL and holds no text to replace: left as it is; review it",
        )

    # -- statements -------------------------------------------------------------------------------

    def build(self) -> list[Statement]:
        if self.request == "access":
            return self._order(self._selects())
        self.decide()
        captured: dict[TableKey, CreateTableAs] = {}
        while True:
            statements = self._changes(captured)
            try:
                return self._order(statements, captured)
            except _Cycle as cycle:
                more = [
                    k
                    for k in cycle.tables
                    if k not in captured and self.found.nodes[k].pk and k in self.found.own
                ]
                # the rows found through others first (an owned part), then any
                more.sort(key=lambda k: (self.found.own[k][0].kind != "owned", -self.rank[k]))
                if not more:
                    raise PlanFailed(
                        "cannot order the erasure: the tables "
                        + ", ".join(sorted(self.shown[k] for k in cycle.tables))
                        + " point at each other in a way no order satisfies"
                    ) from None
                captured[more[0]] = self._keys_table(more[0], captured)

    def _keys_table(self, key: TableKey, captured: dict[TableKey, CreateTableAs]) -> CreateTableAs:
        """The person's keys of a table, copied before anything changes."""
        node = self.found.nodes[key]
        taken = {c.table.name for c in captured.values()}
        base = re.sub(r"\W", "_", f"datamap_keys_{node.table.name}")[:50]
        name, n = base, 1
        while name in taken or any(t.name == name for t in self.schema.tables.values()):
            n += 1
            name = f"{base}_{n}"
        return CreateTableAs(
            select(*(node.table.c[c] for c in node.pk)).where(self.plain.own(key)),
            name,
            temporary=True,
        )

    def _selects(self) -> list[Statement]:
        found, cond = self.found, self.plain
        out = []
        for key in found.own:
            node = found.nodes[key]
            where = cond.owned_reached(key) if found.own[key][0].kind == "owned" else cond.own(key)
            step = self._step(key, "select", where, found.own[key], "the person's rows")
            out.append(
                Statement(key, "select", select(node.table).where(where), step, writes=False)
            )
        for key, reaches in found.links.items():
            node = found.nodes[key]
            for r in reaches:
                cols = list(r.key.columns) if r.key else [r.column or ""]
                where = self._link_where(key, r, cond)
                step = self._step(
                    key,
                    "select",
                    where,
                    [r],
                    f"another person's rows that mention the person: {', '.join(cols)}",
                )
                step.columns = None
                shown = [node.table.c[c] for c in [*node.pk, *cols] if c in node.table.c]
                out.append(
                    Statement(key, "select", select(*shown).where(where), step, writes=False)
                )
        return out

    def _link_where(self, key: TableKey, r: Reach, cond: Conditions) -> ColumnElement[bool]:
        where = cond.link(r)
        return where & ~cond.own(key) if key in self.found.own else where

    def _changes(self, captured: dict[TableKey, CreateTableAs]) -> list[Statement]:
        found = self.found
        cond = Conditions(found, {k: c.table for k, c in captured.items()})
        out: list[Statement] = []
        for key, create in captured.items():
            out.append(Statement(key, "capture", create, reads=self._reads(create.selectable)))
        for key, d in self.decisions.items():
            node = found.nodes[key]
            where = cond.own(key)
            if d.fate == "delete":
                step = self._step(key, "delete", self.plain.own(key), found.own[key], d.why)
                out.append(Statement(key, "own", delete(node.table).where(where), step))
            else:
                changes = {a.column: self._value(node, a) for a in d.columns if a.action != "keep"}
                action = (
                    "pseudonymise" if any(a.action == "pseudonymise" for a in d.columns) else "null"
                )
                step = self._step(
                    key, action if changes else "keep", self.plain.own(key), found.own[key], d.why
                )
                step.columns = d.columns or None
                step.retention = d.retention or None
                if changes:
                    out.append(
                        Statement(key, "own", update(node.table).where(where).values(changes), step)
                    )
                else:
                    self._quiet.append(step)
            if found.own[key][0].kind == "owned":
                shared = self.plain.owned_reached(key) & ~self.plain.own(key)
                n = count(self.conn, select(func.count()).select_from(node.table).where(shared))
                if n:
                    self._quiet.append(
                        Step(
                            order=0,
                            table=node.shown,
                            action="keep",
                            rows=n,
                            via=found.own[key][0].via,
                            reason="rows other people's rows point at too: shared, so not the "
                            "person's alone; the person's pointers to them go with their rows",
                        )
                    )
        for key, k in self.dissociated:
            linked = any(r.key == k for r in found.links.get(key, []))
            mine = self.decisions.get(key)
            personal = found.nodes[key].personal
            if (
                not linked
                and mine is not None
                and mine.fate == "keep"
                and set(k.columns) <= set(personal)
            ):
                continue  # the rows that stay clear it themselves (`_pointer`)
            s = self._dissociate(key, k, cond)
            if s.step is not None and (s.step.rows or linked):
                out.append(s)
        for key, reaches in found.links.items():
            for r in reaches:
                if r.kind == "link_identity":
                    out.append(self._identity_link(key, r, cond))
        for s in out:
            if s.kind != "capture":
                s.reads = self._reads(s.sql)
        return out

    def _dissociate(self, key: TableKey, k: Key, cond: Conditions) -> Statement:
        node, parent = self.found.nodes[key], self.found.nodes[k.parent]
        d = self.decisions.get(key)
        linked = [r for r in self.found.links.get(key, []) if r.key == k]
        where = member(
            [node.table.c[c] for c in k.columns],
            [parent.table.c[c] for c in k.referred],
            cond.own(k.parent),
        )
        counted = member(
            [node.table.c[c] for c in k.columns],
            [parent.table.c[c] for c in k.referred],
            self.plain.own(k.parent),
        )
        if d is not None and d.fate == "delete":
            where, counted = where & ~cond.own(key), counted & ~self.plain.own(key)
        if linked:
            why = (
                "another person's rows (they belong to someone through another key) that point "
                "at the person: only the pointer is cleared"
            )
        elif d is not None and d.fate == "keep":
            why = (
                f"the rows stay, and point at {parent.shown} rows being deleted: "
                "the pointer is cleared"
            )
        else:
            why = (
                f"rows that are not the person's point at {parent.shown} rows being deleted: "
                "the pointer is cleared"
            )
        reaches = linked or [
            Reach(
                "link",
                key,
                k.parent,
                k,
                inferred=k.inferred,
                via=self._via(k.parent) + f"; {k.text(self.shown)}",
            )
        ]
        step = self._step(key, "null", counted, reaches, why)
        step.columns = [
            ColumnAction(
                column=c,
                action="null",
                reason=f"points at {parent.shown} rows being deleted",
                fideslang=f.fideslang if (f := node.personal.get(c)) else None,
            )
            for c in k.columns
        ]
        stmt = update(node.table).where(where).values({c: null() for c in k.columns})
        return Statement(key, "dissociate", stmt, step, key=k)

    def _identity_link(self, key: TableKey, r: Reach, cond: Conditions) -> Statement:
        node = self.found.nodes[key]
        assert r.column is not None
        f = node.personal[r.column]
        action = self._clear(node, r.column, f)
        if action.action == "keep":
            action.reason = "holds the person's identifier, but " + action.reason
        d = self.decisions.get(key)
        where, counted = cond.link(r), self.plain.link(r)
        if d is not None:
            where, counted = where & ~cond.own(key), counted & ~self.plain.own(key)
        step = self._step(
            key,
            action.action,
            counted,
            [r],
            f"another person's rows hold the person's {r.identity or 'identifier'} in "
            f"{r.column}: only that column is cleared",
        )
        step.columns = [action]
        stmt = update(node.table).where(where).values({r.column: self._value(node, action)})
        return Statement(key, "identity", stmt, step)

    def _value(self, node: Node, a: ColumnAction) -> Any:
        if a.action == "null":
            return null()
        pk = node.pk
        expr: Any = literal(PLACEHOLDER.rstrip("-"))
        if pk:
            expr = literal(PLACEHOLDER) + cast(node.table.c[pk[0]], String)
            for c in pk[1:]:
                expr = expr + literal("-") + cast(node.table.c[c], String)
        room = _text_room(node.table.c[a.column].type)
        return func.substr(expr, 1, room) if room and room < _ROOM else expr

    def _via(self, key: TableKey) -> str:
        reaches = self.found.own.get(key) or self.found.links.get(key) or []
        return reaches[0].via if reaches else self.shown[key]

    def _step(
        self,
        key: TableKey,
        action: Any,
        counted: ColumnElement[bool],
        reaches: list[Reach],
        why: str,
    ) -> Step:
        node = self.found.nodes[key]
        rows = count(self.conn, select(func.count()).select_from(node.table).where(counted))
        inferred = "; ".join(_unique(r.inferred for r in reaches if r.inferred)) or None
        return Step(
            order=0,
            table=node.shown,
            action=action,
            rows=rows,
            via=" or ".join(_unique(r.via for r in reaches)),
            reason=why,
            inferred=inferred,
        )

    def _reads(self, clause: Any) -> set[TableKey]:
        seen: set[TableKey] = set()
        for el in visitors.iterate(clause):
            t = el if isinstance(el, Table) else getattr(el, "table", None)
            if isinstance(el, Alias) and isinstance(el.element, Table):
                t = el.element
            if isinstance(t, Table) and (k := self.tables.get(id(t))) is not None:
                seen.add(k)
        return seen

    # -- order ------------------------------------------------------------------------------------

    def _order(
        self, statements: list[Statement], captured: dict[TableKey, CreateTableAs] | None = None
    ) -> list[Statement]:
        """Statements in an order the database accepts and the conditions survive."""
        captured = captured or {}
        n = len(statements)
        after: list[set[int]] = [set() for _ in range(n)]  # i must run before each of after[i]

        def before(i: int, j: int) -> None:
            if i != j:
                after[i].add(j)

        kinds = {"capture": 0, "own": 1, "dissociate": 2, "identity": 2, "select": 1}
        for i, s in enumerate(statements):
            for j, t in enumerate(statements):
                if i == j:
                    continue
                if s.kind == "capture" and t.kind != "capture":
                    before(i, j)
                elif t.writes and t.kind != "capture" and t.table in s.reads and t.table != s.table:
                    before(i, j)  # s reads what t changes
                elif s.table == t.table and kinds[s.kind] < kinds[t.kind]:
                    before(i, j)
        for k in self.found.keys:
            parent = self.decisions.get(k.parent)
            if parent is None or parent.fate != "delete":
                continue
            going = [j for j, t in enumerate(statements) if t.table == k.parent and t.kind == "own"]
            for j in going:
                for i, s in enumerate(statements):
                    if s.table == k.child and (
                        s.kind == "own" or (s.kind == "dissociate" and s.key == k)
                    ):
                        before(i, j)
        # Kahn's algorithm; among the ready, the deepest tables first (children before parents)
        waiting = [0] * n
        for i in range(n):
            for j in after[i]:
                waiting[j] += 1
        ready = [
            (self._priority(s), kinds[s.kind], i)
            for i, s in enumerate(statements)
            if waiting[i] == 0
        ]
        heapq.heapify(ready)
        ordered: list[Statement] = []
        while ready:
            *_, i = heapq.heappop(ready)
            ordered.append(statements[i])
            for j in after[i]:
                waiting[j] -= 1
                if waiting[j] == 0:
                    s = statements[j]
                    heapq.heappush(ready, (self._priority(s), kinds[s.kind], j))
        if len(ordered) < n:
            raise _Cycle({s.table for i, s in enumerate(statements) if waiting[i] > 0})
        for key, create in captured.items():
            ordered.append(Statement(key, "drop", DropTable(create.table), writes=False))
        number = 0
        for s in ordered:
            if s.step is not None:
                number += 1
                s.step.order = number
        return ordered

    def _priority(self, s: Statement) -> int:
        """Among statements free to run: an erasure's deepest tables first (children before
        parents), an access request's in the order they were found (the seed first)."""
        rank = self.rank.get(s.table, 0)
        return rank if self.request == "access" else -rank

    def quiet_steps(self, statements: list[Statement]) -> list[Step]:
        """Steps that change nothing (rows kept as they are), numbered after those that do,
        in the order their tables come."""
        number = sum(1 for s in statements if s.step is not None)
        for step in self._quiet:
            number += 1
            step.order = number
        return self._quiet


class _Cycle(Exception):
    def __init__(self, tables: set[TableKey]) -> None:
        super().__init__("cycle")
        self.tables = tables


def _unique(items: Any) -> list[Any]:
    out: list[Any] = []
    for x in items:
        if x not in out:
            out.append(x)
    return out
