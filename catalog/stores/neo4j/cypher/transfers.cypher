// Cross-border transfers and their safeguards: from, to, regime, each mechanism with its legal reference, and the policy's words.
MATCH (t:Transfer)-[:FROM]->(f:Region)
MATCH (t)-[:TO]->(to:Region)
MATCH (t)-[:GOVERNED_BY]->(g:Regime)
OPTIONAL MATCH (t)-[:UNDER_MECHANISM]->(m:TransferMechanism)
RETURN t.id AS transfer, f.name AS from, to.name AS to, g.name AS regime,
       collect(DISTINCT m.name + ' (' + coalesce(m.legal_reference, m.kind) + ')') AS mechanisms,
       t.quotes AS policy_says
ORDER BY regime, transfer
