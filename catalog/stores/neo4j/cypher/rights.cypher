// The rights a regime gives and how the policy says to exercise them.
// :param regime  id of a Regime, e.g. ccpa
MATCH (:Regime {id: $regime})-[:GRANTS]->(rt:Right)
OPTIONAL MATCH (rt)-[:EXERCISED_VIA]->(via)
RETURN rt.name AS right, rt.article AS article, collect(DISTINCT via.name) AS exercised_via, rt.quotes AS policy_says
ORDER BY article
