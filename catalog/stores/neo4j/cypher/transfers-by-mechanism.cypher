// Transfers that rely on one kind of mechanism: derogation, appropriate_safeguard, consent, adequacy or other. Derogations (GDPR Art. 49) suit occasional, not systematic, transfers.
// :param kind  a mechanism kind, e.g. derogation
MATCH (t:Transfer)-[:UNDER_MECHANISM]->(m:TransferMechanism {kind: $kind})
MATCH (t)-[:FROM]->(f:Region)
MATCH (t)-[:TO]->(to:Region)
RETURN t.name AS transfer, f.name AS from, to.name AS to, m.name AS mechanism, m.legal_reference AS legal_reference
ORDER BY transfer
