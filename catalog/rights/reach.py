"""Which tables hold a person's rows, and how each is reached from the seed.

A person's data spreads the way their rows do:
- rows that point at the person's rows (an order's `customer_id`) are theirs, through the key.
  Where such a row also points at another person through a second, nullable key (a ticket's
  `assignee_id` beside its `requester_id`), it is someone else's row that mentions them: a
  *link*, of which only the pointing columns are the person's;
- rows the person's rows point at are theirs only when they are the person's own part: rows
  holding personal data that name no one of their own (no name, no e-mail: an address, a
  profile), and that no one else's row points at. A lookup table (countries, products) holds
  nothing personal and is never followed; a row naming another person never is;
- where no key says so, an identifier of the seed's kind (an e-mail address in another
  table's `contact` column) or a column named as a key to the seed's table (`customer_id`
  without a declared key) joins rows too, marked as inferred with why.
Every reach becomes a SQL condition on its table (`Conditions`): the rows it covers, as
subqueries along the path from the seed, never a value read from the database.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import ColumnElement, Table, and_, exists, false, func, literal, or_, select, tuple_
from sqlalchemy import types as sqltypes

from catalog.model.text import singular
from catalog.rights.database import Schema
from catalog.rights.from_inventory import PersonalField

TableKey = tuple[str | None, str]

# fideslang keys of identifiers: a value of one in two tables is one person's, compared exactly
# (e-mail addresses without regard to case). A name never is: two people share one.
_IDENTIFIERS = {
    "user.contact.email": "email",
    "user.contact.phone_number": "phone_number",
    "user.account.username": "username",
}
# A row holding one of these names a person of its own: it is never a part of someone else.
_NAMING = ("user.name", "user.contact.email")


def identity_kind(key: str | None) -> str | None:
    if not key:
        return None
    if key in _IDENTIFIERS:
        return _IDENTIFIERS[key]
    if key.startswith("user.government_id."):
        return key.rsplit(".", 1)[1]
    return None


def case_blind(kind: str | None) -> bool:
    """E-mail addresses are compared without regard to case: people type them so."""
    return kind == "email"


@dataclass(frozen=True)
class Key:
    """A foreign key (declared, or inferred from a column's name): child columns → parent."""

    child: TableKey
    columns: tuple[str, ...]
    parent: TableKey
    referred: tuple[str, ...]
    nullable: bool
    inferred: str | None = None

    def text(self, shown: dict[TableKey, str]) -> str:
        mine = ", ".join(f"{shown[self.child]}.{c}" for c in self.columns)
        theirs = ", ".join(f"{shown[self.parent]}.{c}" for c in self.referred)
        return f"{mine} → {theirs}"


@dataclass(frozen=True)
class SeedSpec:
    table: TableKey
    column: str
    value: Any  # as the column's type takes it
    kind: str | None  # the identifier kind of the column, if it is one


ReachKind = Literal["seed", "child", "owned", "identity", "link", "link_identity"]


@dataclass(frozen=True)
class Reach:
    """How some of a table's rows are reached: from `source`, through `key` or an identity
    column (`column`, matched to `source_column`)."""

    kind: ReachKind
    table: TableKey
    source: TableKey | None = None
    key: Key | None = None
    column: str | None = None
    source_column: str | None = None
    identity: str | None = None
    inferred: str | None = None
    via: str = ""


@dataclass
class Node:
    key: TableKey
    table: Table
    shown: str
    personal: dict[str, PersonalField]

    @property
    def pk(self) -> list[str]:
        return [str(c.name) for c in self.table.primary_key.columns]

    def names_someone(self) -> list[str]:
        return [
            c
            for c, f in self.personal.items()
            if f.fideslang and any(f.fideslang.startswith(k) for k in _NAMING)
        ]


@dataclass
class Reached:
    nodes: dict[TableKey, Node]
    keys: list[Key]
    seeds: list[SeedSpec]
    own: dict[TableKey, list[Reach]] = field(default_factory=dict)  # in the order found
    links: dict[TableKey, list[Reach]] = field(default_factory=dict)
    passed: dict[TableKey, str] = field(default_factory=dict)  # joined, but not followed: why
    notes: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)  # identifier kinds matched across tables

    @property
    def shown(self) -> dict[TableKey, str]:
        return {k: n.shown for k, n in self.nodes.items()}

    def depends(self, table: TableKey) -> set[TableKey]:
        """The tables a table's own rows are found through (its reaches' sources, and theirs)."""
        seen: set[TableKey] = set()
        todo = [r.source for r in self.own.get(table, []) if r.source is not None]
        while todo:
            t = todo.pop()
            if t in seen:
                continue
            seen.add(t)
            todo.extend(r.source for r in self.own.get(t, []) if r.source is not None)
        return seen


def nodes_of(
    schema: Schema, fields: Iterable[PersonalField]
) -> tuple[dict[TableKey, Node], list[str]]:
    """A node per table, with the personal fields the inventory says it holds; fields whose
    table or column the database no longer has are returned as notes (a re-scan is due)."""
    nodes: dict[TableKey, Node] = {}
    for key, t in schema.tables.items():
        shown = t.name if key[0] is None else f"{key[0]}.{t.name}"
        nodes[key] = Node(key, t, shown, {})
    notes = []
    for f in fields:
        node = nodes.get((schema.local(f.schema), f.table))
        if node is None or f.column not in node.table.c:
            where = ".".join(x for x in (f.schema, f.table, f.column) if x)
            notes.append(f"{where} is in the inventory but not in the database (re-scan it)")
            continue
        node.personal[f.column] = f
    return nodes, notes


def keys_of(schema: Schema, nodes: dict[TableKey, Node]) -> list[Key]:
    """The declared foreign keys, and a key inferred where a column is named as one to a
    table with a one-column primary key (`customer_id` for `customers.id`) and none is
    declared on it."""
    keys: list[Key] = []
    declared: set[tuple[TableKey, str]] = set()
    for key, node in nodes.items():
        for fk in node.table.foreign_key_constraints:
            parent_table = fk.referred_table
            parent = (schema.local(parent_table.schema), parent_table.name)
            if parent not in nodes:
                continue
            cols = tuple(c.name for c in fk.columns)
            keys.append(
                Key(
                    child=key,
                    columns=cols,
                    parent=parent,
                    referred=tuple(e.column.name for e in fk.elements),
                    nullable=all(node.table.c[c].nullable for c in cols),
                )
            )
            declared.update((key, c) for c in cols)
    names: dict[str, TableKey] = {}
    for key, node in nodes.items():
        if len(node.pk) == 1:
            for word in {node.table.name.lower(), singular(node.table.name.lower())}:
                names.setdefault(f"{word}_id", key)
    for key, node in nodes.items():
        for c in node.table.c:
            named = names.get(c.name.lower())
            if named is None or named == key or (key, c.name) in declared:
                continue
            parent = named
            target = nodes[parent].table.c[nodes[parent].pk[0]]
            if not _comparable(c.type, target.type):
                continue
            keys.append(
                Key(
                    child=key,
                    columns=(c.name,),
                    parent=parent,
                    referred=(target.name,),
                    nullable=bool(c.nullable),
                    inferred=f"no foreign key is declared on {node.shown}.{c.name}; its name "
                    f"reads as a key to {nodes[parent].shown}.{target.name}, of the same type",
                )
            )
    return keys


def _comparable(a: sqltypes.TypeEngine[Any], b: sqltypes.TypeEngine[Any]) -> bool:
    for kind in (sqltypes.Integer, sqltypes.String, sqltypes.Uuid):
        if isinstance(a, kind) and isinstance(b, kind):
            return True
    return False


def _conventional(key: Key, nodes: dict[TableKey, Node]) -> bool:
    """The column is named as the parent's key (`user_id` for users): the row belongs to it."""
    if len(key.columns) != 1:
        return False
    name = nodes[key.parent].table.name.lower()
    return key.columns[0].lower() in {f"{name}_id", f"{singular(name)}_id", f"{singular(name)}id"}


def reach(nodes: dict[TableKey, Node], keys: list[Key], seeds: list[SeedSpec]) -> Reached:
    """Breadth first from the seeds' tables: every table the person's rows are in, and the
    rows of other people's tables that mention them."""
    found = Reached(nodes, keys, seeds)
    shown = found.shown
    queue: deque[TableKey] = deque()
    for s in seeds:
        via = f"seed {shown[s.table]}.{s.column}"
        found.own.setdefault(s.table, []).append(
            Reach("seed", s.table, column=s.column, identity=s.kind, via=via)
        )
        if s.table not in queue:
            queue.append(s.table)
    kinds = _seed_kinds(found)
    found.kinds = set(kinds)
    person = {k for k, n in nodes.items() if n.personal}
    while queue:
        here = queue.popleft()
        path = _path(found, here)
        for k in keys:
            if k.parent != here:
                continue
            child = k.child
            if child == here:
                if k.nullable:
                    _add_link(
                        found,
                        Reach(
                            "link",
                            child,
                            here,
                            k,
                            inferred=k.inferred,
                            via=f"{path}; {k.text(shown)}",
                        ),
                    )
                else:
                    found.notes.append(
                        f"{k.text(shown)} points from a row to another of the same table and "
                        "cannot be NULL: those rows are left as they are"
                    )
                continue
            if any(r.key == k for r in found.own.get(child, [])):
                continue
            others = [o for o in keys if o.child == child and o != k and o.parent in person]
            owns = not k.nullable or _conventional(k, nodes) or not others
            r = Reach(
                "child" if owns else "link",
                child,
                here,
                k,
                inferred=k.inferred,
                via=f"{path}; {k.text(shown)}",
            )
            if owns and child not in found.depends(here) | {here}:
                if child not in found.own:
                    queue.append(child)
                found.own.setdefault(child, []).append(r)
            elif not owns:
                _add_link(found, r)
        for k in keys:
            if k.child != here or k.parent == here or k.parent in found.own:
                continue
            parent = nodes[k.parent]
            if not parent.personal:
                continue  # a lookup (countries, products): shared, never the person's
            naming = parent.names_someone()
            if naming:
                found.passed.setdefault(
                    k.parent,
                    f"the subject's rows point at it ({k.text(shown)}), but its rows name "
                    f"people of their own ({', '.join(naming)}): they are not the subject's",
                )
                continue
            r = Reach(
                "owned", k.parent, here, k, inferred=k.inferred, via=f"{path}; {k.text(shown)}"
            )
            found.own[k.parent] = [r]
            found.passed.pop(k.parent, None)
            queue.append(k.parent)
        for s in seeds:
            if s.table == here:
                _identities(found, here, kinds, queue)
    return found


def _path(found: Reached, table: TableKey) -> str:
    """The first way a table was reached, hop by hop from the seed."""
    reaches = found.own.get(table) or found.links.get(table) or []
    return reaches[0].via if reaches else found.nodes[table].shown


def _add_link(found: Reached, r: Reach) -> None:
    links = found.links.setdefault(r.table, [])
    if all((x.key, x.column) != (r.key, r.column) for x in links):
        links.append(r)


def _seed_kinds(found: Reached) -> dict[str, tuple[TableKey, str]]:
    """The identifier kinds the seeds stand for, each with the seed-table column holding it:
    the seed column's own kind; else every identifier the seed's table holds (a seed on
    `customers.id` matches the customer's e-mail address elsewhere)."""
    kinds: dict[str, tuple[TableKey, str]] = {}
    for s in found.seeds:
        if s.kind:
            kinds.setdefault(s.kind, (s.table, s.column))
    if kinds:
        return kinds
    for s in found.seeds:
        for c, f in found.nodes[s.table].personal.items():
            if (k := identity_kind(f.fideslang)) is not None:
                kinds.setdefault(k, (s.table, c))
    return kinds


def _identities(
    found: Reached, seed: TableKey, kinds: dict[str, tuple[TableKey, str]], queue: deque[TableKey]
) -> None:
    shown = found.shown
    person = {k for k, n in found.nodes.items() if n.personal}
    for key, node in found.nodes.items():
        for c, f in node.personal.items():
            kind = identity_kind(f.fideslang)
            if kind not in kinds or kinds[kind][0] != seed:
                continue
            _, source_column = kinds[kind]
            if key == seed and c == source_column:
                continue
            owners = [k for k in found.keys if k.child == key and k.parent in person]
            why = (
                f"no key joins {node.shown} to {shown[seed]}: {node.shown}.{c} holds "
                f"{kind.replace('_', ' ')}s as {shown[seed]}.{source_column} does "
                f"(matched {'without regard to case' if case_blind(kind) else 'exactly'})"
            )
            via = (
                f"{_path(found, seed)}; {node.shown}.{c} = {shown[seed]}.{source_column} "
                f"(same {kind.replace('_', ' ')})"
            )
            if owners or key in found.own:
                # Someone else's row (it belongs to a person through its keys) holding the
                # subject's identifier: the column is theirs, the row is not.
                whose = ", ".join(sorted({k.text(shown) for k in owners})) or "its keys"
                _add_link(
                    found,
                    Reach(
                        "link_identity",
                        key,
                        seed,
                        column=c,
                        source_column=source_column,
                        identity=kind,
                        via=via,
                        inferred=f"{why}; the row belongs to someone through {whose}",
                    ),
                )
            elif key not in found.own:
                found.own[key] = [
                    Reach(
                        "identity",
                        key,
                        seed,
                        column=c,
                        source_column=source_column,
                        identity=kind,
                        inferred=why,
                        via=via,
                    )
                ]
                queue.append(key)


class Conditions:
    """The SQL condition of each reach and table: the person's rows, as subqueries from the
    seed. `captured` tables read their rows from a table of keys taken before anything
    changed (see plan.py: how a cycle of order is broken)."""

    def __init__(self, found: Reached, captured: dict[TableKey, Table] | None = None) -> None:
        self.found = found
        self.captured = captured or {}
        self._memo: dict[tuple[TableKey, frozenset[TableKey]], ColumnElement[bool]] = {}

    def table(self, key: TableKey) -> Table:
        return self.found.nodes[key].table

    def own(self, key: TableKey, avoid: frozenset[TableKey] = frozenset()) -> ColumnElement[bool]:
        """The person's own rows of a table; with `avoid`, only those found without those
        tables (for telling, of rows pointing at a table, which are the person's)."""
        memo = (key, avoid)
        if memo in self._memo:
            return self._memo[memo]
        if key in self.captured and not avoid:
            t, keys = self.table(key), self.captured[key]
            names = [c.name for c in keys.c]
            cond = member([t.c[c] for c in names], [keys.c[c] for c in names])
        else:
            parts = [
                self.reach(r, avoid)
                for r in self.found.own.get(key, [])
                if r.source is None or not ({r.source} | self.found.depends(r.source)) & avoid
            ]
            cond = or_(*parts) if parts else false()
        self._memo[memo] = cond
        return cond

    def reach(self, r: Reach, avoid: frozenset[TableKey] = frozenset()) -> ColumnElement[bool]:
        t = self.table(r.table)
        if r.kind == "seed":
            values = [s for s in self.found.seeds if s.table == r.table and s.column == r.column]
            return or_(*(equals(t.c[s.column], s.value, s.kind) for s in values))
        assert r.source is not None
        src = self.table(r.source)
        if r.kind in ("identity", "link_identity"):
            assert r.column is not None and r.source_column is not None
            seeded = [
                s for s in self.found.seeds if s.table == r.source and s.column == r.source_column
            ]
            if seeded and len(seeded) == len(self.found.seeds):
                # The seed's own value: no dependency on its table's rows.
                return or_(*(equals(t.c[r.column], s.value, r.identity) for s in seeded))
            blind = case_blind(r.identity)
            return member(
                [_cased(t.c[r.column], blind)],
                [_cased(src.c[r.source_column], blind)],
                self.own(r.source, avoid),
            )
        assert r.key is not None
        k = r.key
        if r.kind in ("child", "link"):
            return member(
                [t.c[c] for c in k.columns],
                [src.c[c] for c in k.referred],
                self.own(r.source, avoid),
            )
        # owned: the rows the person's rows point at, that no one else's row points at
        pointed = member(
            [t.c[c] for c in k.referred], [src.c[c] for c in k.columns], self.own(r.source, avoid)
        )
        return and_(pointed, self.exclusive(r.table, avoid))

    def owned_reached(self, key: TableKey) -> ColumnElement[bool]:
        """An owned table's rows the person's rows point at, shared or not."""
        r = self.found.own[key][0]
        assert r.key is not None and r.source is not None
        t, src = self.table(key), self.table(r.source)
        return member(
            [t.c[c] for c in r.key.referred], [src.c[c] for c in r.key.columns], self.own(r.source)
        )

    def exclusive(self, key: TableKey, avoid: frozenset[TableKey]) -> ColumnElement[bool]:
        """No row but the person's points at the row: for every key into the table, no row
        of the pointing table outside the person's rows holds its value."""
        t = self.table(key)
        clauses = []
        for k in self.found.keys:
            if k.parent != key:
                continue
            other = self.found.nodes[k.child]
            alias = other.table.alias()
            pointing = and_(
                *(alias.c[c] == t.c[r] for c, r in zip(k.columns, k.referred, strict=True))
            )
            pk = other.pk
            if k.child in self.found.own and pk and k.child != key:
                theirs = self.own(k.child, avoid | {key})
                mine = select(*(other.table.c[c] for c in pk)).where(theirs).correlate(None)
                left = alias.c[pk[0]] if len(pk) == 1 else tuple_(*(alias.c[c] for c in pk))
                pointing = and_(pointing, left.not_in(mine))
            clauses.append(~exists(select(literal(1)).select_from(alias).where(pointing)))
        return and_(*clauses) if clauses else literal(True)

    def link(self, r: Reach) -> ColumnElement[bool]:
        return self.reach(r)


def _cased(col: Any, blind: bool) -> Any:
    return func.lower(col) if blind else col


def equals(col: ColumnElement[Any], value: Any, kind: str | None) -> ColumnElement[bool]:
    if case_blind(kind) and isinstance(value, str):
        return func.lower(col) == value.lower()
    same: ColumnElement[bool] = col == value
    return same


def member(
    left: list[Any], right: list[Any], where: ColumnElement[bool] | None = None
) -> ColumnElement[bool]:
    """`left IN (SELECT right ... WHERE where)`, never NULL: a NULL on either side matches
    nothing (so that NOT of it is true), and the subquery is its own (not correlated with
    the statement around it, which may be on the same table)."""
    sub = select(*right).where(*(r.is_not(None) for r in right))
    if where is not None:
        sub = sub.where(where)
    sub = sub.correlate(None)
    test = left[0].in_(sub) if len(left) == 1 else tuple_(*left).in_(sub)
    return and_(*(c.is_not(None) for c in left), test)
