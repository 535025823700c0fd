// Recipients to notify on an erasure request (GDPR Art. 17(2) and 19): everyone the policy says receives data of this kind of individual, through an activity that concerns them or a general disclosure.
// :param subject  id of a DataSubject, e.g. customers
MATCH (s:DataSubject {id: $subject})
MATCH (d:Disclosure)-[:TO]->(r:Recipient)
OPTIONAL MATCH (s)<-[:CONCERNS]-(a:ProcessingActivity)-[:DISCLOSES]->(d)
WITH r, d, a
WHERE d.general = true OR a IS NOT NULL
RETURN r.id AS recipient, r.name AS name, r.role AS role,
       collect(DISTINCT a.name) AS through_activities,
       min(CASE WHEN d.general THEN 1 ELSE 0 END) = 1 AS general_only
ORDER BY general_only, name
