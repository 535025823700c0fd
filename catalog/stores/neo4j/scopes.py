"""For each question, the Cypher that selects the part of the graph its answer reads.

A `Scope` is kept here, keyed by its question's name (`BY_QUESTION`; catalog/queries declares
the questions without a word of Cypher): each statement returns one row with a column `ids`; the store takes the union, fetches that induced subgraph, and the question's answer
runs on it exactly as it runs on the embedded graph. The traversal (hierarchies, disclosures,
transfers) is done here, by the server. Parameters are the question's arguments, by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from catalog.errors import DatamapError

# A disclosure's answer pieces (catalog/graph/pieces.py) as JSON, written by the sync beside
# it: who-receives reads them instead of walking each disclosure's recipient, activity,
# purposes and contexts again on every question.
PIECE_PROP = "_piece"


@dataclass(frozen=True)
class Scope:
    """The statements whose ids make up the view a question needs; or, `shaped`, statements
    that return that view itself, node by node and relationship by relationship, with only
    the properties its answer reads (see `Shaped`)."""

    statements: tuple[str, ...] = ()
    # A question whose scope depends on an argument (list's `what`) picks a scope here.
    by: str | None = None
    choices: Mapping[str, Scope] = field(default_factory=dict)
    # Whole-graph views also carry the policy text (the compliance checks quote it).
    policy: bool = False
    shaped: tuple[str, ...] = ()
    # A shaped scope that reads a category's hierarchy names that argument: the store passes
    # the category's family as `$family` (it, what it belongs to and what is beneath it) and
    # `$held` (it and what is beneath it), from the names it keeps between questions, so that
    # no statement walks variable-length paths (slow on ArcadeDB, and paid on every question).
    family: str | None = None

    def pick(self, args: Mapping[str, Any]) -> Scope:
        """The scope for these arguments: the choice `by` names, or this one."""
        return self.choices[args[self.by]] if self.by is not None else self

    def variants(self) -> tuple[Scope, ...]:
        """Every scope this one may pick, for the tests that check each statement."""
        return tuple(self.choices.values()) if self.by is not None else (self,)

    def query(self) -> str:
        """The statements as one query, so that the server answers in one round trip."""
        return "\nUNION ALL\n".join(s.strip() for s in self.statements)

    def shaped_query(self, *also: str) -> str:
        """The shaped statements, and any the store adds, as one query."""
        return "\nUNION ALL\n".join(s.strip() for s in (*self.shaped, *also))


# -- shaped scopes --------------------------------------------------------------------------------
# A shaped statement returns one row or several, each with `nodes`, a list of [id, labels,
# [[key, value], ...]] or of the JSON strings a sync wrote beside disclosures, and `rels`, a
# list of [source, type, target, [[key, value], ...]]; a null id drops the entry (an OPTIONAL
# MATCH that found nothing). It walks from the entry asked rather than looking up ids one by
# one, and ships each property once and only where the answer reads it: a name for what the
# answer only names, everything but the derived properties (`$derived`: the readable quotes and
# the hash a sync writes) for what it describes. The store takes the union in one round trip
# and the answer runs on it as on the embedded graph. Each walk starts from a node looked up by
# id, alone in its MATCH: ArcadeDB scans every node of the other end's label when a pattern
# starts elsewhere, so a question would cost as much as the graph is large.


def _props(x: str) -> str:
    return f"[k IN keys({x}) WHERE NOT k IN $derived | [k, {x}[k]]]"


def _named(x: str) -> str:
    return f"[{x}.id, labels({x}), [['name', {x}.name]]]"


def _disclosure_rows(head: str) -> str:
    """A row per disclosure: `head` binds d, its recipient r (or null), its OF rows `ofs` and
    the categories `cats` to ship by name; this adds the disclosure in full, its activity,
    purposes and contexts by name, and the relationships between them. (No pattern
    comprehension over `a`: ArcadeDB scans the whole graph for one on a variable an OPTIONAL
    MATCH may have left null.)"""
    return (
        head
        + f"""OPTIONAL MATCH (a:ProcessingActivity)-[:DISCLOSES]->(d)
OPTIONAL MATCH (d)-[:FOR_PURPOSE]->(p:Purpose)
WITH d, r, ofs, cats, a, collect({_named("p")}) AS ps
OPTIONAL MATCH (a)-[:COLLECTS_VIA]->(cp:CollectionPoint)
WITH d, r, ofs, cats, a, ps, collect({_named("cp")}) AS cps
RETURN [[d.id, labels(d), {_props("d")}], {_named("a")}] + cats + ps + cps AS nodes,
       ofs + [[d.id, 'TO', r.id, []], [a.id, 'DISCLOSES', d.id, []]]
       + [x IN ps | [d.id, 'FOR_PURPOSE', x[0], []]]
       + [x IN cps | [a.id, 'COLLECTS_VIA', x[0], []]] AS rels
"""
    )


_WHO_RECEIVES_SHAPED = (
    # the category in full, the rest of its family by name, and how they nest
    f"""UNWIND $family AS fid
MATCH (cat:DataCategory {{id: fid}})
OPTIONAL MATCH (cat)-[:PART_OF]->(parent:DataCategory)
RETURN collect([cat.id, labels(cat),
                CASE WHEN cat.id = $category THEN {_props("cat")} ELSE [['name', cat.name]] END])
       AS nodes,
       collect([cat.id, 'PART_OF', parent.id, []]) AS rels
""",
    # each disclosure of the family as a sync wrote it: by name, with the categories it is of
    # and its part of the answer and its recipient's (pieces.stored_pieces), one string each
    f"""UNWIND $family AS fid
MATCH (cat:DataCategory {{id: fid}})
MATCH (d:Disclosure)-[:OF]->(cat)
RETURN collect(d.{PIECE_PROP}) AS nodes, [] AS rels
""",
    # the fields holding the category or what is beneath it, and their systems
    f"""UNWIND $held AS fid
MATCH (cat:DataCategory {{id: fid}})
MATCH (f:Field)-[:HOLDS]->(cat)
MATCH (f)-[:IN]->(s:System)
RETURN collect({_named("f")}) + collect({_named("s")}) AS nodes,
       collect([f.id, 'HOLDS', cat.id, []]) + collect([f.id, 'IN', s.id, []]) AS rels
""",
    # every system's flows (the answer keeps those carrying the family)
    f"""MATCH (s:System)-[fl:FLOWS_TO]->(t)
RETURN collect({_named("s")}) + collect({_named("t")}) AS nodes,
       collect([s.id, 'FLOWS_TO', t.id, {_props("fl")}]) AS rels
""",
)


# What one recipient receives: its disclosures in full, each with its categories, activity,
# purposes and contexts by name; the recipient in full.
_RECIPIENT_SHAPED = (
    _disclosure_rows(
        f"""MATCH (r:Recipient {{id: $recipient}})
MATCH (d:Disclosure)-[:TO]->(r)
OPTIONAL MATCH (d)-[of:OF]->(cat:DataCategory)
WITH d, r, collect([d.id, 'OF', cat.id, [['inferred', of.inferred]]]) AS ofs,
     collect({_named("cat")}) AS cats
"""
    ),
    f"""MATCH (r:Recipient {{id: $recipient}})
RETURN [[r.id, labels(r), {_props("r")}]] AS nodes, [] AS rels
""",
)


_SOLD_HEAD = "MATCH (d:Disclosure) WHERE d.sale = true OR d.share = true\n"

# What is sold or shared: each such disclosure in full, with its activity, purposes and
# contexts by name; the categories they are of, in full, each once, with their parents by name;
# their recipients in full, each once; the choices that govern them (naming the disclosure,
# its activity or its recipient) with their regimes; and every regime in full (the minors'
# rules).
_WHAT_IS_SOLD_SHAPED = (
    _disclosure_rows(
        _SOLD_HEAD
        + """OPTIONAL MATCH (d)-[:TO]->(r:Recipient)
OPTIONAL MATCH (d)-[of:OF]->(cat:DataCategory)
WITH d, r, collect([d.id, 'OF', cat.id, [['inferred', of.inferred]]]) AS ofs, [] AS cats
"""
    ),
    _SOLD_HEAD
    + f"""MATCH (d)-[:OF]->(cat:DataCategory)
WITH DISTINCT cat
OPTIONAL MATCH (cat)-[:PART_OF]->(parent:DataCategory)
RETURN collect([cat.id, labels(cat), {_props("cat")}]) + collect({_named("parent")}) AS nodes,
       collect([cat.id, 'PART_OF', parent.id, []]) AS rels
""",
    _SOLD_HEAD
    + f"""MATCH (d)-[:TO]->(r:Recipient)
WITH DISTINCT r
RETURN collect([r.id, labels(r), {_props("r")}]) AS nodes, [] AS rels
""",
    _SOLD_HEAD
    + f"""OPTIONAL MATCH (d)-[:TO]->(r:Recipient)
OPTIONAL MATCH (a:ProcessingActivity)-[:DISCLOSES]->(d)
WITH collect(DISTINCT d) + collect(DISTINCT r) + collect(DISTINCT a) AS targets
UNWIND targets AS t
MATCH (ch:Choice)-[:APPLIES_TO]->(t)
OPTIONAL MATCH (ch)-[:UNDER]->(g:Regime)
RETURN collect([ch.id, labels(ch), {_props("ch")}]) AS nodes,
       collect([ch.id, 'APPLIES_TO', t.id, []]) + collect([ch.id, 'UNDER', g.id, []]) AS rels
""",
    f"""MATCH (g:Regime)
RETURN collect([g.id, labels(g), {_props("g")}]) AS nodes, [] AS rels
""",
)


def _lineage_step(over: str, label: str, rel: str, onward: str | None = None) -> str:
    """One step of a lineage from each category of `$over`: the nodes (a `label`) reaching it by
    `rel`, and what those reach by the relationship types `onward`; nodes by name,
    relationships with their data."""
    then = f"OPTIONAL MATCH (x)-[o:{onward}]->(n)\n" if onward else ""
    more = f" + collect({_named('n')})" if onward else ""
    rels = f"\n       + collect([x.id, type(o), n.id, {_props('o')}])" if onward else ""
    return f"""UNWIND ${over} AS fid
MATCH (cat:DataCategory {{id: fid}})
MATCH (x:{label})-[e:{rel}]->(cat)
{then}RETURN collect({_named("x")}){more} AS nodes,
       collect([x.id, '{rel}', cat.id, {_props("e")}]){rels} AS rels
"""


# A lineage's steps (queries/tracing.py) from the category's family as the store passes it
# (`$family`: it, what it belongs to and what is beneath it; `$held`: it and what is beneath
# it): each hop's nodes by name and its relationships with their data (`inferred`, sources),
# the category in full; depth 3 at most, whatever depth is asked (the answer stops earlier).
_LINEAGE_SHAPED = (
    _WHO_RECEIVES_SHAPED[0],  # the family: the category in full, the rest by name, PART_OF
    # upstream: where it is collected, and from whom or what
    _lineage_step("held", "CollectionPoint", "COLLECTS", "COLLECTS_FROM|FROM_SOURCE"),
    # the activities processing it, their purposes, legal bases and retention, and the
    # regimes of those
    f"""UNWIND $held AS fid
MATCH (cat:DataCategory {{id: fid}})
MATCH (a:ProcessingActivity)-[e:PROCESSES]->(cat)
OPTIONAL MATCH (a)-[x:FOR_PURPOSE|HAS_LEGAL_BASIS|RETAINED_UNDER]->(n)
OPTIONAL MATCH (n)-[u:UNDER]->(g:Regime)
RETURN collect({_named("a")}) + collect({_named("n")}) + collect({_named("g")}) AS nodes,
       collect([a.id, 'PROCESSES', cat.id, {_props("e")}])
       + collect([a.id, type(x), n.id, {_props("x")}])
       + collect([n.id, 'UNDER', g.id, {_props("u")}]) AS rels
""",
    # the fields holding it, and their systems
    _lineage_step("held", "Field", "HOLDS", "IN"),
    # disclosures of it (or, as general statements, of what it belongs to), and to whom
    _lineage_step("family", "Disclosure", "OF", "TO"),
    # transfers moving it, where to, under what and which law
    _lineage_step("family", "Transfer", "MOVES", "TO|UNDER_MECHANISM|GOVERNED_BY"),
    # retention rules applying to it
    _lineage_step("family", "RetentionRule", "APPLIES_TO"),
    _WHO_RECEIVES_SHAPED[3],  # every system's flows (the answer follows those carrying it)
)

# The category asked, everything grouped beneath it (down) and everything it belongs to (up).
_CATEGORY_FAMILY = """
MATCH (c:DataCategory {id: $category})
OPTIONAL MATCH (c)-[:PART_OF*0..]->(up:DataCategory)
OPTIONAL MATCH (down:DataCategory)-[:PART_OF*0..]->(c)
"""
_FAMILY_IDS = _CATEGORY_FAMILY + "RETURN collect(DISTINCT up.id) + collect(DISTINCT down.id) AS ids"


_TRANSFERS = [
    """
MATCH (t:Transfer)
OPTIONAL MATCH (t)-[:FROM|TO|GOVERNED_BY|UNDER_MECHANISM|MOVES|TO_RECIPIENT]->(x)
RETURN collect(DISTINCT t.id) + collect(DISTINCT x.id) AS ids
""",
]


_ROPA = [
    """
MATCH (g:Regime {id: $regime})
OPTIONAL MATCH (g)-[:GRANTS]->(rt:Right)
OPTIONAL MATCH (o:Organisation)-[:HAS_ROLE]->(g)
OPTIONAL MATCH (o)-[:CONTACT_VIA]->(cc:ContactChannel)
WITH g, collect(DISTINCT rt.id) + collect(DISTINCT o.id) + collect(DISTINCT cc.id) AS found
RETURN [g.id] + found AS ids
""",
    """
MATCH (a:ProcessingActivity)
OPTIONAL MATCH (a)-[:FOR_PURPOSE|CONCERNS|HAS_LEGAL_BASIS|RETAINED_UNDER|PROTECTED_BY|JOINT_CONTROLLER|COLLECTS_VIA|DISCLOSES|PROCESSES]->(x)
RETURN collect(DISTINCT a.id) + collect(DISTINCT x.id) AS ids
""",
    """
MATCH (:ProcessingActivity)-[:HAS_LEGAL_BASIS|RETAINED_UNDER]->(x)-[:UNDER]->(g:Regime)
RETURN collect(DISTINCT g.id) AS ids
""",
    """
MATCH (:ProcessingActivity)-[:PROCESSES]->(:DataCategory)-[:PART_OF*0..]->(up:DataCategory)
RETURN collect(DISTINCT up.id) AS ids
""",
    """
MATCH (d:Disclosure)
OPTIONAL MATCH (d)-[:TO|OF]->(x)
RETURN collect(DISTINCT d.id) + collect(DISTINCT x.id) AS ids
""",
    """
MATCH (t:Transfer)
OPTIONAL MATCH (t)-[:FROM|TO|GOVERNED_BY|UNDER_MECHANISM|MOVES]->(x)
RETURN collect(DISTINCT t.id) + collect(DISTINCT x.id) AS ids
""",
    """
MATCH (:ProcessingActivity)-[:COLLECTS_VIA]->(:CollectionPoint)-[:FROM_SOURCE]->(s:Source)
RETURN collect(DISTINCT s.id) AS ids
""",
]

_LIST = {
    # A right lists its regime (GRANTS), a choice its own (UNDER), a transfer the one governing it.
    "subjects": ["MATCH (n:DataSubject) RETURN collect(n.id) AS ids"],
    "rights": [
        """
MATCH (n:Right)
OPTIONAL MATCH (g:Regime)-[:GRANTS]->(n)
RETURN collect(DISTINCT n.id) + collect(DISTINCT g.id) AS ids
""",
    ],
    "regimes": ["MATCH (n:Regime) RETURN collect(n.id) AS ids"],
    "choices": [
        """
MATCH (n:Choice)
OPTIONAL MATCH (n)-[:UNDER]->(g:Regime)
RETURN collect(DISTINCT n.id) + collect(DISTINCT g.id) AS ids
""",
    ],
    "transfers": [
        """
MATCH (n:Transfer)
OPTIONAL MATCH (n)-[:GOVERNED_BY]->(g:Regime)
RETURN collect(DISTINCT n.id) + collect(DISTINCT g.id) AS ids
""",
    ],
    "contexts": [
        """
MATCH (n:CollectionPoint)
OPTIONAL MATCH (n)-[:COLLECTS|COLLECTS_FROM]->(x)
RETURN collect(DISTINCT n.id) + collect(DISTINCT x.id) AS ids
""",
    ],
    "categories": ["MATCH (n:DataCategory) RETURN collect(n.id) AS ids"],
    "purposes": ["MATCH (n:Purpose) RETURN collect(n.id) AS ids"],
}
# The recipients and activities lists are shaped: fetching each disclosure in full with every
# relationship it has (the id scope) made them several times slower than on the embedded store
# (`make bench` times each question on both); a recipient's item reads only whether its
# disclosures are all general, an activity's only whom its disclosures go to.
_LIST_SHAPED = {
    "recipients": (
        f"""MATCH (r:Recipient)
RETURN collect([r.id, labels(r), {_props("r")}]) AS nodes, [] AS rels
""",
        """MATCH (d:Disclosure)-[:TO]->(r:Recipient)
RETURN collect([d.id, labels(d), [['general', d.general]]]) AS nodes,
       collect([d.id, 'TO', r.id, []]) AS rels
""",
    ),
    "activities": (
        f"""MATCH (a:ProcessingActivity)
RETURN collect([a.id, labels(a), {_props("a")}]) AS nodes, [] AS rels
""",
        f"""MATCH (a:ProcessingActivity)-[rel:FOR_PURPOSE|HAS_LEGAL_BASIS]->(x)
RETURN collect({_named("x")}) AS nodes, collect([a.id, type(rel), x.id, []]) AS rels
""",
        f"""MATCH (a:ProcessingActivity)-[:DISCLOSES]->(d:Disclosure)-[:TO]->(r:Recipient)
RETURN collect([d.id, labels(d), []]) + collect({_named("r")}) AS nodes,
       collect([a.id, 'DISCLOSES', d.id, []]) + collect([d.id, 'TO', r.id, []]) AS rels
""",
    ),
}

_SHOW = [
    """
MATCH (n:Datamap {id: $entry})
OPTIONAL MATCH (n)-[]-(m:Datamap)
WITH n, collect(DISTINCT m.id) AS found
RETURN [n.id] + found AS ids
""",
]


_CATEGORY = [
    """
MATCH (c:DataCategory {id: $category})
OPTIONAL MATCH (c)-[:PART_OF]->(p:DataCategory)
WITH c, collect(p.id) AS found
RETURN [c.id] + found AS ids
""",
]

_RECIPIENT = ["MATCH (r:Recipient {id: $recipient}) RETURN [r.id] AS ids"]

# An erasure: the subject; each disclosure of the activities concerning it, and every general
# disclosure, with what it is of by name; the recipients in full, each once. (The id scope
# fetched each disclosure with every relationship it has, several times the embedded store's
# time.)
_CONCERNING = """MATCH (s:DataSubject {id: $subject})
MATCH (a:ProcessingActivity)-[:CONCERNS]->(s)
MATCH (a)-[:DISCLOSES]->(d:Disclosure)
"""
_GENERAL = "MATCH (d:Disclosure) WHERE d.general = true\n"
_ERASURE_SHAPED = (
    f"""MATCH (s:DataSubject {{id: $subject}})
RETURN [{_named("s")}] AS nodes, [] AS rels
""",
    _CONCERNING
    + f"""OPTIONAL MATCH (d)-[:TO]->(r:Recipient)
OPTIONAL MATCH (d)-[:OF]->(c:DataCategory)
WITH s, a, d, r, collect({_named("c")}) AS cats
RETURN [{_named("a")}, [d.id, labels(d), {_props("d")}]] + cats AS nodes,
       [[a.id, 'CONCERNS', s.id, []], [a.id, 'DISCLOSES', d.id, []], [d.id, 'TO', r.id, []]]
       + [x IN cats | [d.id, 'OF', x[0], []]] AS rels
""",
    _GENERAL
    + f"""OPTIONAL MATCH (d)-[:TO]->(r:Recipient)
OPTIONAL MATCH (d)-[:OF]->(c:DataCategory)
WITH d, r, collect({_named("c")}) AS cats
RETURN [[d.id, labels(d), {_props("d")}]] + cats AS nodes,
       [[d.id, 'TO', r.id, []]] + [x IN cats | [d.id, 'OF', x[0], []]] AS rels
""",
    _CONCERNING
    + f"""MATCH (d)-[:TO]->(r:Recipient)
WITH DISTINCT r
RETURN collect([r.id, labels(r), {_props("r")}]) AS nodes, [] AS rels
""",
    _GENERAL
    + f"""MATCH (d)-[:TO]->(r:Recipient)
WITH DISTINCT r
RETURN collect([r.id, labels(r), {_props("r")}]) AS nodes, [] AS rels
""",
)

# Exports and the whole-graph diagram read everything datamap holds.
_EVERYTHING = ["MATCH (n:Datamap) RETURN collect(n.id) AS ids"]


# The scopes the questions declare.
WHO_RECEIVES = Scope(shaped=_WHO_RECEIVES_SHAPED, family="category")
# What a recipient receives: the recipient's part of can-share's view, one round trip.
RECIPIENT_CATEGORIES = Scope(shaped=_RECIPIENT_SHAPED)
WHAT_IS_SOLD = Scope(shaped=_WHAT_IS_SOLD_SHAPED)
TRANSFERS = Scope(tuple(_TRANSFERS))
LINEAGE = Scope(shaped=_LINEAGE_SHAPED, family="category")
ROPA = Scope(tuple(_ROPA))
LIST = Scope(
    by="what",
    choices={k: Scope(tuple(v)) for k, v in _LIST.items()}
    | {k: Scope(shaped=v) for k, v in _LIST_SHAPED.items()},
)
SHOW = Scope(tuple(_SHOW))
_WHERE = [
    _FAMILY_IDS,
    """
MATCH (c:DataCategory {id: $category})
OPTIONAL MATCH (down:DataCategory)-[:PART_OF*0..]->(c)
WITH collect(DISTINCT down) AS cats
UNWIND cats AS cat
MATCH (f:Field)-[:HOLDS|HELD]->(cat)
MATCH (f)-[:IN]->(s:System)
OPTIONAL MATCH (s)-[:FLOWS_TO]->(t)
RETURN collect(DISTINCT f.id) + collect(DISTINCT s.id) + collect(DISTINCT t.id) AS ids
""",
]

CATEGORY = Scope(tuple(_CATEGORY))
WHERE = Scope(tuple(_WHERE))
RECIPIENT = Scope(tuple(_RECIPIENT))
EVERYTHING = Scope(tuple(_EVERYTHING), policy=True)
CHECK = Scope(shaped=_WHO_RECEIVES_SHAPED + _RECIPIENT_SHAPED, family="category")
ERASURE = Scope(shaped=_ERASURE_SHAPED)

# What this store reads for each question, keyed by the question's name (catalog.queries
# declares the questions and speaks no dialect). The declaration and dialect tests walk every
# question and fail on one missing here.
BY_QUESTION: dict[str, Scope] = {
    "category": CATEGORY,
    "check": CHECK,
    "data_map": EVERYTHING,
    "erasure_recipients": ERASURE,
    "everything": EVERYTHING,
    "lineage": LINEAGE,
    "list": LIST,
    "locations": WHERE,
    "recipient": RECIPIENT,
    "recipient_categories": RECIPIENT_CATEGORIES,
    "ropa": ROPA,
    "show": SHOW,
    "transfers": TRANSFERS,
    "what_is_sold": WHAT_IS_SOLD,
    "who_receives": WHO_RECEIVES,
}


class NoScope(DatamapError):
    """A question this store was never taught: a gap in the code, not in what was asked."""

    exit_code = 70
    http_status = 501


def scope_of(question: str) -> Scope:
    """The scope of a question, or a plain error naming the table to add it to."""
    scope = BY_QUESTION.get(question)
    if scope is None:
        raise NoScope(
            f"the Neo4j store cannot answer {question!r}: it has no scope for it "
            "(add one to BY_QUESTION in catalog/stores/neo4j/scopes.py)"
        )
    return scope
