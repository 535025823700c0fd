"""A subject-rights plan: one person's request in one system's database, from the subject key
to the answer: the seed's table and value, the tables reached (reach.py), the steps
(steps.py), counted read-only against the database, what cannot be reached, and whom to tell.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Connection, func, or_, select
from sqlalchemy import types as sqltypes

from catalog.errors import BadRequest
from catalog.graph.view import GraphView
from catalog.rights.database import Schema, Target, connected, reflect
from catalog.rights.from_inventory import (
    Hierarchy,
    SystemFacts,
    hierarchy,
    notify,
    retention_rules,
    system_facts,
)
from catalog.rights.model import (
    NotifyRecipient,
    Request,
    RightsPlan,
    Seed,
    SeveralSubjects,
    Unreachable,
)
from catalog.rights.reach import (
    Key,
    Node,
    Reached,
    SeedSpec,
    TableKey,
    equals,
    identity_kind,
    keys_of,
    nodes_of,
    reach,
)
from catalog.rights.retention import holding
from catalog.rights.steps import Builder, Decision, Statement, count

_KEY_TEXT = re.compile(r"^(?:(?P<schema>[^.=]+)\.)??(?:(?P<table>[^.=]+)\.)?(?P<column>[^.=]+)$")


@dataclass(frozen=True)
class SubjectKey:
    """What `--subject-key [schema.][table.]column=value` says."""

    schema: str | None
    table: str | None
    column: str
    value: str

    @property
    def text(self) -> str:
        return ".".join(x for x in (self.schema, self.table, self.column) if x)


def parse_key(text: str) -> SubjectKey:
    name, sep, value = text.partition("=")
    match = _KEY_TEXT.match(name.strip())
    if not sep or match is None or not value:
        raise BadRequest(
            f"--subject-key {text!r} is not COLUMN=VALUE (or TABLE.COLUMN=VALUE), "
            "e.g. customers.email=ada@example.com"
        )
    return SubjectKey(match["schema"], match["table"], match["column"], value)


@dataclass
class Planned:
    plan: RightsPlan
    found: Reached
    statements: list[Statement]
    dialect: str
    system: SystemFacts
    db: Target
    decisions: dict[TableKey, Decision] = field(default_factory=dict)
    dissociated: list[tuple[TableKey, Key]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)  # the notice's kinds of individuals asked

    @property
    def nobody(self) -> bool:
        return all(s.rows == 0 for s in self.plan.seeds)


def make_plan(
    view: GraphView,
    system_id: str,
    keys: list[SubjectKey],
    request: Request,
    db: Target | Callable[[SystemFacts], Target],
    *,
    regime: str | None = None,
) -> Planned:
    """The plan for one person's request in one system's database, counted against it."""
    facts = system_facts(view, system_id)
    target = db(facts) if callable(db) else db
    tree = hierarchy(view)
    holds = holding(retention_rules(view), regime) if request == "erasure" else []
    with connected(target) as conn:
        schema = reflect(conn, {f.schema for f in facts.fields} | {k.schema for k in keys})
        nodes, notes = nodes_of(schema, facts.fields)
        seeds = [_seed(schema, nodes, facts, k) for k in keys]
        counted = [_seeded(conn, nodes, [s]) for s in seeds]
        seed_rows = [
            Seed(
                table=nodes[s.table].shown,
                column=s.column,
                value=k.value,
                rows=n,
                identity=s.kind,
            )
            for s, k, n in zip(seeds, keys, counted, strict=True)
        ]
        for s, n in zip(seed_rows, counted, strict=True):
            if n > 1:
                raise SeveralSubjects(
                    f"{s.table}.{s.column} = {s.value!r} matches {n} rows of {s.table}: a plan "
                    "is for one person; give a key that names one (its primary key, an e-mail)"
                )
        live = [s for s, n in zip(seeds, counted, strict=True) if n]
        for table in {s.table for s in live}:
            together = [s for s in live if s.table == table]
            if len(together) > 1 and (n := _seeded(conn, nodes, together)) > 1:
                raise SeveralSubjects(
                    f"the subject keys name {n} different rows of {nodes[table].shown}: "
                    "a plan is for one person"
                )
        empty = RightsPlan(
            request=request, system=system_id, seeds=seed_rows, steps=[], unreachable=[], notify=[]
        )
        if not live:
            return Planned(
                empty, Reached(nodes, [], []), [], schema.dialect, facts, target, notes=notes
            )
        found = reach(nodes, keys_of(schema, nodes), live)
        notes += found.notes
        builder = Builder(conn, schema, found, request, holds, tree)
        statements = builder.build()
    recipients, subjects = _notify(view, found, tree)
    plan = RightsPlan(
        request=request,
        system=system_id,
        seeds=seed_rows,
        steps=[s.step for s in statements if s.step is not None] + builder.quiet_steps(statements),
        unreachable=_unreachable(found),
        notify=recipients,
    )
    plan.steps.sort(key=lambda s: s.order)
    return Planned(
        plan,
        found,
        statements,
        schema.dialect,
        facts,
        target,
        builder.decisions,
        builder.dissociated,
        notes,
        subjects,
    )


def _seeded(conn: Connection, nodes: dict[TableKey, Node], seeds: list[SeedSpec]) -> int:
    """How many rows of their table the seeds name, together."""
    table = nodes[seeds[0].table].table
    cond = or_(*(equals(table.c[s.column], s.value, s.kind) for s in seeds))
    return count(conn, select(func.count()).select_from(table).where(cond))


def _seed(
    schema: Schema, nodes: dict[TableKey, Node], facts: SystemFacts, key: SubjectKey
) -> SeedSpec:
    """The table and column a subject key names, and its value as the column takes it."""
    if key.table is not None:
        options = [
            k
            for k, n in nodes.items()
            if n.table.name == key.table
            and (key.schema is None or k[0] == schema.local(key.schema))
        ]
        if not options:
            raise BadRequest(
                f"no table {key.text.rsplit('.', 1)[0]!r} in the database of {facts.id}"
            )
        if len(options) > 1:
            names = ", ".join(nodes[k].shown for k in options)
            raise BadRequest(
                f"table {key.table!r} is in several schemas ({names}): say SCHEMA.TABLE.COLUMN"
            )
        where = options[0]
        if key.column not in nodes[where].table.c:
            raise BadRequest(f"no column {key.column!r} in {nodes[where].shown}")
    else:
        scanned = {
            (schema.local(f.schema), f.table)
            for f in facts.fields
            if f.column == key.column and (schema.local(f.schema), f.table) in nodes
        }
        having = scanned or {k for k, n in nodes.items() if key.column in n.table.c}
        if not having:
            raise BadRequest(f"no column {key.column!r} in the tables of {facts.id}")
        if len(having) > 1:
            names = ", ".join(sorted(nodes[k].shown for k in having))
            raise BadRequest(
                f"column {key.column!r} is in several tables ({names}): say TABLE.COLUMN"
            )
        where = next(iter(having))
    column = nodes[where].table.c[key.column]
    value = _typed(column.type, key.value, f"{nodes[where].shown}.{key.column}")
    f = nodes[where].personal.get(key.column)
    return SeedSpec(where, key.column, value, identity_kind(f.fideslang) if f else None)


def _typed(t: sqltypes.TypeEngine[Any], text: str, where: str) -> Any:
    """The value as the column holds it (a key of integers takes an integer)."""
    try:
        if isinstance(t, sqltypes.Boolean):
            raise ValueError
        if isinstance(t, sqltypes.Integer):
            return int(text)
        if isinstance(t, sqltypes.Numeric):
            return Decimal(text)
        if isinstance(t, sqltypes.DateTime):
            return datetime.fromisoformat(text)
        if isinstance(t, sqltypes.Date):
            return date.fromisoformat(text)
        if isinstance(t, sqltypes.Uuid):
            return uuid.UUID(text)
    except (ValueError, InvalidOperation):
        raise BadRequest(f"{where} holds {_type_word(t)}: {text!r} is not one") from None
    return text


def _type_word(t: sqltypes.TypeEngine[Any]) -> str:
    for kind, word in (
        (sqltypes.Boolean, "true/false flags (not a key to a person)"),
        (sqltypes.Integer, "integers"),
        (sqltypes.Numeric, "numbers"),
        (sqltypes.DateTime, "timestamps"),
        (sqltypes.Date, "dates"),
        (sqltypes.Uuid, "UUIDs"),
    ):
        if isinstance(t, kind):
            return word
    return "values of another type"


def _unreachable(found: Reached) -> list[Unreachable]:
    kinds = sorted(found.kinds)
    wanted = (
        " or ".join(k.replace("_", " ") + "s" for k in kinds) or "identifiers (the seed is none)"
    )
    out = []
    for key, node in found.nodes.items():
        if not node.personal or key in found.own or key in found.links:
            continue
        why = found.passed.get(key)
        if why is None:
            held = sorted({k for f in node.personal.values() if (k := identity_kind(f.fideslang))})
            if held:
                why = (
                    "no key joins it to the person's rows, and the identifiers it holds ("
                    + ", ".join(h.replace("_", " ") + "s" for h in held)
                    + f") are not of the seed's kind ({wanted})"
                )
            else:
                why = f"no key joins it to the person's rows, and it holds no {wanted} to match"
        out.append(Unreachable(table=node.shown, columns=sorted(node.personal), why=why))
    out.sort(key=lambda u: u.table)
    return out


def _notify(
    view: GraphView, found: Reached, tree: Hierarchy
) -> tuple[list[NotifyRecipient], list[str]]:
    """The erasure-notify answer for the kind of person the seed's table is about, for what
    the person's tables hold."""
    held: set[str] = set()
    for key in found.own:
        held |= {f.category for f in found.nodes[key].personal.values() if f.category}
    for key, reaches in found.links.items():
        node = found.nodes[key]
        for r in reaches:
            for c in r.key.columns if r.key else [r.column or ""]:
                if (f := node.personal.get(c)) is not None and f.category:
                    held.add(f.category)
    about = Counter(
        f.subject for s in found.seeds for f in found.nodes[s.table].personal.values() if f.subject
    )
    if not about:
        about = Counter(
            f.subject for k in found.own for f in found.nodes[k].personal.values() if f.subject
        )
    return notify(view, [s for s, _ in about.most_common()], held, tree)
