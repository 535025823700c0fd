// Where a category (and everything grouped beneath it) is collected, from whom, and through which CCPA source.
// :param category  id of a DataCategory or item, e.g. contact-details
MATCH (c:DataCategory {id: $category})
MATCH (item:DataCategory)-[:PART_OF*0..]->(c)
MATCH (cp:CollectionPoint)-[:COLLECTS]->(item)
OPTIONAL MATCH (cp)-[:COLLECTS_FROM]->(s:DataSubject)
OPTIONAL MATCH (cp)-[:FROM_SOURCE]->(src:Source)
RETURN cp.name AS collected_at, cp.kind AS kind, collect(DISTINCT item.name) AS items,
       collect(DISTINCT s.name) AS subjects, collect(DISTINCT src.name) AS sources
ORDER BY collected_at
