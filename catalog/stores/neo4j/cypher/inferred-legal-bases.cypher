// Legal bases that are datamap's reading rather than the policy's words: each activity, basis and the reason given.
// :param regime  id of a Regime, e.g. gdpr
MATCH (a:ProcessingActivity)-[h:HAS_LEGAL_BASIS]->(b:LegalBasis)-[:UNDER]->(:Regime {id: $regime})
WHERE h.inferred IS NOT NULL
RETURN a.name AS activity, b.name AS basis, b.article AS article, h.inferred AS reason, h.quotes AS policy_says
ORDER BY activity, article
