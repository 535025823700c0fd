// Processing activities with no legal basis under a regime: a gap in the record of processing.
// :param regime  id of a Regime, e.g. gdpr
MATCH (g:Regime {id: $regime})
MATCH (a:ProcessingActivity)
WHERE NOT EXISTS { MATCH (a)-[:HAS_LEGAL_BASIS]->(:LegalBasis)-[:UNDER]->(g) }
RETURN a.id AS activity, a.name AS name, a.business_function AS business_function
ORDER BY name
