// Sensitive personal information: where it is collected and who receives it.
MATCH (c:DataCategory {sensitive: true})
OPTIONAL MATCH (cp:CollectionPoint)-[:COLLECTS]->(c)
OPTIONAL MATCH (d:Disclosure)-[:OF]->(c)
OPTIONAL MATCH (d)-[:TO]->(r:Recipient)
RETURN c.id AS category, c.name AS name, collect(DISTINCT cp.name) AS collected_at,
       collect(DISTINCT r.name) AS recipients, c.sensitive_sources__json AS why_sensitive
ORDER BY name
