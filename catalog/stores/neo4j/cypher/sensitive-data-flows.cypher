// Sensitive personal information: where it, or anything grouped beneath it, is collected, and who receives it (named for it or for what is beneath it; or only through a statement about a broader category, such as personal information in general), with the sentences that call it sensitive.
MATCH (c:DataCategory {sensitive: true})
OPTIONAL MATCH (down:DataCategory)-[:PART_OF*0..]->(c)
OPTIONAL MATCH (cp:CollectionPoint)-[:COLLECTS]->(down)
OPTIONAL MATCH (d:Disclosure)-[:OF]->(down)
OPTIONAL MATCH (d)-[:TO]->(r:Recipient)
WITH c, collect(DISTINCT cp.name) AS collected_at, collect(DISTINCT r.name) AS named
OPTIONAL MATCH (c)-[:PART_OF*1..]->(up:DataCategory)
OPTIONAL MATCH (g:Disclosure)-[:OF]->(up)
OPTIONAL MATCH (g)-[:TO]->(gr:Recipient)
WITH c, collected_at, named, [x IN collect(DISTINCT gr.name) WHERE NOT x IN named] AS through_broader
RETURN c.id AS category, c.name AS name, collected_at, named AS recipients,
       through_broader AS recipients_through_broader_statements,
       c.sensitive_sources__json AS why_sensitive__json
ORDER BY name
