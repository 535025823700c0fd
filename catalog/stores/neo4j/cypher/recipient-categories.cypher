// What one recipient receives: the categories of each disclosure to it, the activity it comes from (none for a general disclosure), and the policy's words.
// :param recipient  id of a Recipient, e.g. shipping-providers
MATCH (r:Recipient {id: $recipient})<-[:TO]-(d:Disclosure)-[:OF]->(c:DataCategory)
OPTIONAL MATCH (a:ProcessingActivity)-[:DISCLOSES]->(d)
RETURN a.name AS activity, d.general AS general, d.sale AS sale,
       collect(DISTINCT c.name) AS categories, d.quotes AS policy_says
ORDER BY general, activity
