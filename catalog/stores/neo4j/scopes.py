"""For each query, the Cypher that selects the part of the graph its answer reads.

Each statement returns one row with a column `ids`; the store takes the union, fetches that
induced subgraph, and the query's answer function runs on it exactly as it runs on the embedded
graph. The traversal (hierarchies, disclosures, transfers) is done here, by the server.
"""

from __future__ import annotations

# The category asked, everything grouped beneath it (down) and everything it belongs to (up).
_CATEGORY_FAMILY = """
MATCH (c:DataCategory {id: $id})
OPTIONAL MATCH (c)-[:PART_OF*0..]->(up:DataCategory)
OPTIONAL MATCH (down:DataCategory)-[:PART_OF*0..]->(c)
"""
_FAMILY_IDS = _CATEGORY_FAMILY + "RETURN collect(DISTINCT up.id) + collect(DISTINCT down.id) AS ids"
# Statements that reach the category through any category of its family start from here.
_EACH_OF_FAMILY = (
    _CATEGORY_FAMILY
    + """WITH collect(DISTINCT up) + collect(DISTINCT down) AS cats
UNWIND cats AS cat
"""
)

_DISCLOSURE_CONTEXT = """
OPTIONAL MATCH (d)-[:TO]->(r:Recipient)
OPTIONAL MATCH (a:ProcessingActivity)-[:DISCLOSES]->(d)
OPTIONAL MATCH (a)-[:COLLECTS_VIA]->(cp:CollectionPoint)
OPTIONAL MATCH (d)-[:FOR_PURPOSE]->(p:Purpose)
"""
_DISCLOSURE_IDS = (
    "collect(DISTINCT d.id) + collect(DISTINCT r.id) + collect(DISTINCT a.id)"
    " + collect(DISTINCT cp.id) + collect(DISTINCT p.id)"
)

WHO_RECEIVES = [
    _FAMILY_IDS,
    _EACH_OF_FAMILY
    + """
MATCH (d:Disclosure)-[:OF]->(cat)
"""
    + _DISCLOSURE_CONTEXT
    + f"RETURN {_DISCLOSURE_IDS} AS ids",
]

RECIPIENT_CATEGORIES = [
    """
MATCH (r:Recipient {id: $id})
OPTIONAL MATCH (d:Disclosure)-[:TO]->(r)
OPTIONAL MATCH (d)-[:OF]->(c:DataCategory)
OPTIONAL MATCH (a:ProcessingActivity)-[:DISCLOSES]->(d)
OPTIONAL MATCH (a)-[:COLLECTS_VIA]->(cp:CollectionPoint)
OPTIONAL MATCH (d)-[:FOR_PURPOSE]->(p:Purpose)
RETURN [r.id] + collect(DISTINCT d.id) + collect(DISTINCT c.id) + collect(DISTINCT a.id)
       + collect(DISTINCT cp.id) + collect(DISTINCT p.id) AS ids
""",
]

_SOLD = "MATCH (d:Disclosure) WHERE d.sale = true OR d.share = true\n"

WHAT_IS_SOLD = [
    _SOLD
    + """
OPTIONAL MATCH (d)-[:OF]->(c:DataCategory)
OPTIONAL MATCH (c)-[:PART_OF]->(parent:DataCategory)
"""
    + _DISCLOSURE_CONTEXT
    + f"RETURN {_DISCLOSURE_IDS} + collect(DISTINCT c.id) + collect(DISTINCT parent.id) AS ids",
    _SOLD
    + """
OPTIONAL MATCH (d)-[:TO]->(r:Recipient)
OPTIONAL MATCH (a:ProcessingActivity)-[:DISCLOSES]->(d)
WITH collect(DISTINCT d) + collect(DISTINCT r) + collect(DISTINCT a) AS targets
UNWIND targets AS t
MATCH (ch:Choice)-[:APPLIES_TO]->(t)
OPTIONAL MATCH (ch)-[:UNDER]->(g:Regime)
RETURN collect(DISTINCT ch.id) + collect(DISTINCT g.id) AS ids
""",
    "MATCH (g:Regime) RETURN collect(g.id) AS ids",
]

TRANSFERS = [
    """
MATCH (t:Transfer)
OPTIONAL MATCH (t)-[:FROM|TO|GOVERNED_BY|UNDER_MECHANISM|MOVES|TO_RECIPIENT]->(x)
RETURN collect(DISTINCT t.id) + collect(DISTINCT x.id) AS ids
""",
]

LINEAGE = [
    _FAMILY_IDS,
    # upstream, from the category and what is grouped beneath it
    """
MATCH (c:DataCategory {id: $id})
MATCH (down:DataCategory)-[:PART_OF*0..]->(c)
MATCH (cp:CollectionPoint)-[:COLLECTS]->(down)
OPTIONAL MATCH (cp)-[:COLLECTS_FROM|FROM_SOURCE]->(x)
RETURN collect(DISTINCT cp.id) + collect(DISTINCT x.id) AS ids
""",
    """
MATCH (c:DataCategory {id: $id})
MATCH (down:DataCategory)-[:PART_OF*0..]->(c)
MATCH (a:ProcessingActivity)-[:PROCESSES]->(down)
OPTIONAL MATCH (a)-[:FOR_PURPOSE|HAS_LEGAL_BASIS|RETAINED_UNDER]->(x)
OPTIONAL MATCH (x)-[:UNDER]->(g:Regime)
RETURN collect(DISTINCT a.id) + collect(DISTINCT x.id) + collect(DISTINCT g.id) AS ids
""",
    # downstream statements reach the category through any category of its family
    _EACH_OF_FAMILY
    + """
MATCH (d:Disclosure)-[:OF]->(cat)
OPTIONAL MATCH (d)-[:TO]->(r:Recipient)
RETURN collect(DISTINCT d.id) + collect(DISTINCT r.id) AS ids
""",
    _EACH_OF_FAMILY
    + """
MATCH (t:Transfer)-[:MOVES]->(cat)
OPTIONAL MATCH (t)-[:TO|UNDER_MECHANISM|GOVERNED_BY]->(x)
RETURN collect(DISTINCT t.id) + collect(DISTINCT x.id) AS ids
""",
    _EACH_OF_FAMILY
    + """
MATCH (rr:RetentionRule)-[:APPLIES_TO]->(cat)
RETURN collect(DISTINCT rr.id) AS ids
""",
]

ROPA = [
    """
MATCH (g:Regime {id: $regime})
OPTIONAL MATCH (g)-[:GRANTS]->(rt:Right)
OPTIONAL MATCH (o:Organisation)-[:HAS_ROLE]->(g)
OPTIONAL MATCH (o)-[:CONTACT_VIA]->(cc:ContactChannel)
RETURN [g.id] + collect(DISTINCT rt.id) + collect(DISTINCT o.id) + collect(DISTINCT cc.id) AS ids
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

LIST = {
    "contexts": [
        """
MATCH (n:CollectionPoint)
OPTIONAL MATCH (n)-[:COLLECTS|COLLECTS_FROM]->(x)
RETURN collect(DISTINCT n.id) + collect(DISTINCT x.id) AS ids
""",
    ],
    "categories": ["MATCH (n:DataCategory) RETURN collect(n.id) AS ids"],
    "recipients": [
        """
MATCH (n:Recipient)
OPTIONAL MATCH (d:Disclosure)-[:TO]->(n)
RETURN collect(DISTINCT n.id) + collect(DISTINCT d.id) AS ids
""",
    ],
    "purposes": ["MATCH (n:Purpose) RETURN collect(n.id) AS ids"],
    "activities": [
        """
MATCH (n:ProcessingActivity)
OPTIONAL MATCH (n)-[:FOR_PURPOSE|HAS_LEGAL_BASIS|DISCLOSES]->(x)
OPTIONAL MATCH (x)-[:TO]->(r:Recipient)
RETURN collect(DISTINCT n.id) + collect(DISTINCT x.id) + collect(DISTINCT r.id) AS ids
""",
    ],
}

SHOW = [
    """
MATCH (n:Datamap {id: $id})
OPTIONAL MATCH (n)-[]-(m:Datamap)
RETURN [n.id] + collect(DISTINCT m.id) AS ids
""",
]


CATEGORY = [
    """
MATCH (c:DataCategory {id: $id})
OPTIONAL MATCH (c)-[:PART_OF]->(p:DataCategory)
RETURN [c.id] + collect(p.id) AS ids
""",
]

RECIPIENT = ["MATCH (r:Recipient {id: $id}) RETURN [r.id] AS ids"]

# Exports and the whole-graph diagram read everything datamap holds.
EVERYTHING = ["MATCH (n:Datamap) RETURN collect(n.id) AS ids"]

# who-receives for the category, and what the recipient receives (for a clear "no")
CHECK = [*WHO_RECEIVES, *(s.replace("{id: $id}", "{id: $recipient}") for s in RECIPIENT_CATEGORIES)]


def scope(query: str, params: dict) -> list[str]:
    """The Cypher statements whose ids make up the view `query` needs."""
    if query == "list":
        return LIST[params["what"]]
    statements = {
        "who_receives": WHO_RECEIVES,
        "recipient_categories": RECIPIENT_CATEGORIES,
        "what_is_sold": WHAT_IS_SOLD,
        "transfers": TRANSFERS,
        "lineage": LINEAGE,
        "ropa": ROPA,
        "show": SHOW,
        "category": CATEGORY,
        "recipient": RECIPIENT,
        "check": CHECK,
        "everything": EVERYTHING,
    }
    if query not in statements:
        raise KeyError(f"no Cypher scope for query {query!r}")
    return statements[query]
